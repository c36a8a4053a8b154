"""A real PostgreSQL for the tests: Debian's server binaries, a throw-away cluster on 127.0.0.1.

    pytest_plugins = ["pg"]            # in conftest.py; then request the fixtures below
    pg_server  (session)  → admin URL of a running server (stopped by its pid at the end)
    pg_url     (function) → URL of a fresh, empty database on it

As root the cluster runs as the `postgres` user (PostgreSQL refuses root). Missing binaries fail the
test with the install command; nothing is skipped.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
INSTALL = "apt-get update && apt-get install -y postgresql   (or: bash scripts/ensure-postgres.sh as root)"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner() -> list[str]:
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _run(cmd: list[str], log: Path) -> None:
    proc = subprocess.run(_as_owner() + cmd, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        pytest.fail(f"{' '.join(cmd)} failed:\n{proc.stdout}\n{proc.stderr}\n{log.read_text() if log.exists() else ''}")


def _stop(pid: int, timeout: float = 20.0) -> None:
    try:
        os.kill(pid, signal.SIGINT)  # PostgreSQL's fast shutdown
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A PostgreSQL server for this test session; yields the URL of its `postgres` database."""
    for tool in ("initdb", "pg_ctl"):
        if not (PG_BIN / tool).is_file():
            pytest.fail(
                f"PostgreSQL server binaries are missing ({PG_BIN / tool}). Install them as root:\n    {INSTALL}"
            )
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.fail("runuser is missing (util-linux); it runs PostgreSQL as the postgres user")
    base = Path(tempfile.mkdtemp(prefix="progress-pg-"))
    data, log = base / "data", base / "server.log"
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    os.chmod(base, 0o700)
    port = _free_port()
    pid = None
    try:
        _run(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            log,
        )
        opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", opts, "-l", str(log), "-w", "-t", "60", "start"], log)
        pid = int((data / "postmaster.pid").read_text().split()[0])
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if pid is None and (data / "postmaster.pid").exists():
            pid = int((data / "postmaster.pid").read_text().split()[0])
        if pid is not None:
            _stop(pid)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A fresh empty database on the session's server."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    dsn = pg_server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return pg_server.rsplit("/", 1)[0] + f"/{name}"
