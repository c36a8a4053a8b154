"""Shared fixtures: the project's own data files, and throw-away copies of the source."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from dashboard.build import build_table
from dashboard.load import load_with_meta
from dashboard.paths import DEFAULT_PARQUET, SOURCE_DIR
from dashboard.progress import ENV_VAR as PROGRESS_ENV

# Pages the tests open (AppTest, and the servers they start) read progress from an empty throw-away
# database unless a test points PROGRESS_DATABASE_URL elsewhere: never the working tree's var/.
_PROGRESS_DIR = tempfile.TemporaryDirectory(prefix="progress-tests-")
os.environ[PROGRESS_ENV] = f"sqlite:///{Path(_PROGRESS_DIR.name) / 'progress.sqlite3'}"


@pytest.fixture(scope="session")
def built() -> tuple[pd.DataFrame, dict]:
    """A fresh build of the project's source (table, metadata)."""
    return build_table(SOURCE_DIR)


@pytest.fixture(scope="session")
def committed() -> tuple[pd.DataFrame, dict]:
    """The committed data/initiatives.parquet, loaded and checked."""
    return load_with_meta(DEFAULT_PARQUET)


@pytest.fixture
def source_copy(tmp_path: Path) -> Path:
    """A writable copy of data/source/ to break on purpose."""
    dst = tmp_path / "source"
    shutil.copytree(SOURCE_DIR, dst)
    return dst


pytest_plugins = ["pg"]  # tests/pg.py: a real PostgreSQL (pg_server, pg_url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path) -> str:
    """A fresh progress database URL on each backend: a SQLite file, and a database on a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    return request.getfixturevalue("pg_url")
