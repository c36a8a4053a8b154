"""The progress database: open (create, migrate), read as DataFrames, map faults to DatabaseError.

URL: $PROGRESS_DATABASE_URL, default sqlite:///var/progress.sqlite3 (relative SQLite paths are
relative to the project root). SQLite runs in WAL mode with a busy timeout; its writers take the
lock at BEGIN IMMEDIATE. PostgreSQL: postgresql+psycopg://user:password@host/db.
Writing is `write.write_progress` only.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.engine import URL, Connection, Engine, make_url

from ..paths import ROOT
from ..schema import PROGRESS_COLUMNS, PROGRESS_KEY
from . import frames
from .errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseUnavailable,
    SchemaTooNew,
)
from .models import STATE_ROW_ID, history, record, state

ENV_VAR = "PROGRESS_DATABASE_URL"
DEFAULT_URL = "sqlite:///var/progress.sqlite3"
DEMO_URL = "sqlite:///var/progress-demo.sqlite3"
BUSY_TIMEOUT_S = 10.0
MIGRATIONS = Path(__file__).with_name("migrations")
_MIGRATION_LOCK = 1_301_301  # PostgreSQL advisory lock key while migrating


def database_url() -> str:
    """$PROGRESS_DATABASE_URL, else the default SQLite file."""
    return os.environ.get(ENV_VAR, "").strip() or DEFAULT_URL


def resolve_url(url: str | URL) -> URL:
    """`url` with a relative SQLite path made absolute against the project root."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        path = Path(u.database)
        if not path.is_absolute():
            u = u.set(database=str(ROOT / path))
    return u


@dataclass(frozen=True)
class Stamp:
    """The state row: `data_version` changes with every write; `demo` marks a synthetic database."""

    data_version: int
    demo: bool
    changed_at: datetime | None


def _classify(exc: BaseException, where: str) -> DatabaseError:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    if "locked" in text or "busy" in text or "lock timeout" in text:
        return DatabaseLocked(where=where)
    if "not a database" in text or "malformed" in text or "corrupt" in text or "disk image" in text:
        return DatabaseCorrupt(where=where)
    return DatabaseUnavailable(where=where, detail=type(orig).__name__)


class Store:
    """An open progress database. Reads return DataFrames (frames.records_frame / history_frame)."""

    def __init__(self, engine: Engine, url: URL):
        self.engine = engine
        self.url = url
        self.backend = url.get_backend_name()  # "sqlite" | "postgresql"
        self.where = url.database if self.backend == "sqlite" else url.render_as_string(hide_password=True)

    # ----------------------------------------------------------------- plumbing

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Database faults inside the block become DatabaseError (other errors pass through)."""
        try:
            yield
        except DatabaseError:
            raise
        except (sa.exc.DBAPIError, sa.exc.ResourceClosedError, OSError) as exc:
            raise _classify(exc, self.where) from exc

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction holding the writers' lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: the
        state row FOR UPDATE), so writers run one after another and each sees the last one's commit."""
        with self.guard(), self.engine.connect().execution_options(immediate=True) as conn, conn.begin():
            conn.execute(sa.select(state.c.data_version).where(state.c.state_id == STATE_ROW_ID).with_for_update())
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    # ----------------------------------------------------------------- reads

    def stamp(self) -> Stamp:
        """The data version and demo flag (one primary-key SELECT: cheap enough for every rerun)."""
        q = sa.select(state.c.data_version, state.c.demo, state.c.changed_at).where(state.c.state_id == STATE_ROW_ID)
        with self.guard(), self.engine.connect() as conn:
            row = conn.execute(q).one()
        return Stamp(int(row.data_version), bool(row.demo), frames.utc(row.changed_at) if row.changed_at else None)

    def data_version(self) -> int:
        return self.stamp().data_version

    def is_demo(self) -> bool:
        return self.stamp().demo

    def records(self, fiscal_year: int | None = None) -> pd.DataFrame:
        """Current records (all fiscal years, or one), typed as `frames.records_frame`."""
        q = sa.select(*(record.c[c] for c in PROGRESS_COLUMNS))
        if fiscal_year is not None:
            q = q.where(record.c.fiscal_year == int(fiscal_year))
        with self.guard(), self.engine.connect() as conn:
            rows = conn.execute(q).all()
        return frames.records_frame_from_tuples(rows)

    def records_as_of(self, day: date, fiscal_year: int | None = None) -> pd.DataFrame:
        """Records as they stood at the end of `day` (Japan time), rebuilt from history."""
        h = history.c
        last = sa.select(sa.func.max(h.history_id)).where(h.changed_at < frames.day_end(day))
        if fiscal_year is not None:
            last = last.where(h.fiscal_year == int(fiscal_year))
        last = last.group_by(h.id, h.fiscal_year, h.organisation)
        q = sa.select(h.id, h.fiscal_year, h.organisation, h.after).where(h.history_id.in_(last))
        with self.guard(), self.engine.connect() as conn:
            rows = conn.execute(q).mappings().all()
        return frames.records_frame({**frames.from_json(r["after"]), **{k: r[k] for k in PROGRESS_KEY}} for r in rows)

    def history(self, initiative_id: str | None = None, *, since: date | None = None) -> pd.DataFrame:
        """History rows, oldest first: of one initiative or all; optionally from `since` (Japan time) on."""
        q = sa.select(history)
        if initiative_id is not None:
            q = q.where(history.c.id == initiative_id)
        if since is not None:
            q = q.where(history.c.changed_at >= frames.day_start(since))
        with self.guard(), self.engine.connect() as conn:
            rows = conn.execute(q.order_by(history.c.history_id)).mappings().all()
        return frames.history_frame(rows)

    def changes_since(self, day: date) -> pd.DataFrame:
        """History rows written on or after `day` (Japan time)."""
        return self.history(since=day)

    def counts(self) -> dict[str, int]:
        """Rows per table (records, history)."""
        with self.guard(), self.engine.connect() as conn:
            n_rec = conn.execute(sa.select(sa.func.count()).select_from(record)).scalar_one()
            n_hist = conn.execute(sa.select(sa.func.count()).select_from(history)).scalar_one()
        return {"records": int(n_rec), "history": int(n_hist)}


# --------------------------------------------------------------------------- opening


def _sqlite_engine(url: URL, busy_timeout: float) -> Engine:
    engine = sa.create_engine(url, connect_args={"timeout": busy_timeout})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # transactions are begun below, not by the driver
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("immediate") else "BEGIN")

    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the database to `revision` (default the newest) with the shipped migrations."""
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    known = {s.revision for s in script.walk_revisions()}
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    if current is not None and current not in known:
        raise SchemaTooNew(where=str(engine.url.database or engine.url), revision=current)
    if current == (script.get_current_head() if revision == "head" else revision):
        return
    with engine.connect().execution_options(immediate=True) as conn, conn.begin():
        if engine.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def open_store(url: str | URL | None = None, *, create: bool = True, busy_timeout: float = BUSY_TIMEOUT_S) -> Store:
    """Open (SQLite: create when `create`) and migrate the progress database at `url` (default database_url()).

    Raises a DatabaseError (missing, locked, corrupt, unavailable, schema too new); never anything else
    for a database fault.
    """
    u = resolve_url(url if url is not None else database_url())
    backend = u.get_backend_name()
    where = u.database if backend == "sqlite" else u.render_as_string(hide_password=True)
    try:
        if backend == "sqlite":
            path = Path(u.database or "")
            if u.database not in (None, "", ":memory:"):
                if not path.is_file():
                    if not create:
                        raise DatabaseMissing(where=where)
                    path.parent.mkdir(parents=True, exist_ok=True)
            engine = _sqlite_engine(u, busy_timeout)
        else:
            engine = sa.create_engine(
                u,
                pool_pre_ping=True,
                connect_args={"connect_timeout": 10, "options": f"-c lock_timeout={int(busy_timeout * 1000)}"},
            )
    except DatabaseError:
        raise
    except (OSError, sa.exc.ArgumentError, ImportError) as exc:
        raise DatabaseUnavailable(where=where, detail=type(exc).__name__) from exc
    store = Store(engine, u)
    with store.guard():
        migrate(engine)
    return store
