"""deploy.stack without starting anything: the database rule for replicas, the programs it needs."""

from __future__ import annotations

from pathlib import Path

import pytest

from deploy.stack import INSTALL, DeployError, Stack, check_database, missing_tools


def test_two_replicas_on_sqlite_are_refused_with_the_url_to_set(tmp_path: Path):
    """More than one replica on a SQLite file is refused, naming the PostgreSQL URL to set."""
    with pytest.raises(DeployError, match=r"PROGRESS_DATABASE_URL=postgresql\+psycopg://"):
        Stack(2, database_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", state_dir=tmp_path)


def test_one_replica_may_use_sqlite_and_many_may_use_postgresql():
    """SQLite is fine for one replica; PostgreSQL for any number."""
    check_database("sqlite:///var/progress.sqlite3", 1)
    check_database("postgresql+psycopg://u:p@127.0.0.1/db", 4)
    with pytest.raises(DeployError):
        check_database("sqlite:///var/progress.sqlite3", 3)


def test_the_proxies_are_installed_or_the_install_command_is_given():
    """nginx with both Brotli modules and HAProxy are here (make test installs them as root)."""
    problem = missing_tools()
    assert problem is None, problem
    assert "libnginx-mod-http-brotli-static" in INSTALL and "haproxy" in INSTALL
