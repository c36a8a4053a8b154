"""Backup and restore of the progress database as one JSON document (portable between SQLite and PostgreSQL).

A backup holds every record, every history row and the state row, read in one transaction.
Restore loads it into an EMPTY database only (nothing is ever overwritten or deleted), in one
transaction, and bumps the data version so every reader notices.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from .errors import FileRejected, Problem
from .frames import utc
from .models import STATE_ROW_ID, history, record, state
from .store import Store

FORMAT = "kansai-progress-backup"
FORMAT_VERSION = 1


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def backup(store: Store, path: Path | str) -> dict[str, int]:
    """Write the whole database to `path` (JSON, UTF-8); returns the row counts."""
    with store.guard(), store.engine.connect() as conn, conn.begin():
        recs = [{k: _plain(v) for k, v in r.items()} for r in conn.execute(sa.select(record)).mappings()]
        hist = [
            {k: _plain(v) for k, v in r.items()}
            for r in conn.execute(sa.select(history).order_by(history.c.history_id)).mappings()
        ]
        st = conn.execute(sa.select(state).where(state.c.state_id == STATE_ROW_ID)).mappings().one()
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "written_at": datetime.now(UTC).isoformat(),
        "state": {"data_version": st["data_version"], "demo": bool(st["demo"])},
        "records": recs,
        "history": hist,
    }
    tmp = Path(path).with_name(Path(path).name + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(path)
    return {"records": len(recs), "history": len(hist)}


def _typed(table: sa.Table, row: dict) -> dict:
    out = {}
    for col in table.columns:
        v = row.get(col.name)
        if v is not None and isinstance(col.type, sa.DateTime):
            v = utc(datetime.fromisoformat(v))
        elif v is not None and isinstance(col.type, sa.Date):
            v = date.fromisoformat(v)
        out[col.name] = v
    return out


def restore(store: Store, path: Path | str) -> dict[str, int]:
    """Load a backup into this (empty) database; FileRejected for a file that is not a backup or a
    database that already holds progress."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        ok = isinstance(doc, dict) and doc.get("format") == FORMAT and doc.get("format_version") == FORMAT_VERSION
        recs = [_typed(record, r) for r in doc["records"]] if ok else []
        hist = [_typed(history, r) for r in doc["history"]] if ok else []
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        ok = False
    if not ok:
        raise FileRejected([Problem(path.name, "progress.backup.not_backup")])
    with store.writing() as conn:
        n = conn.execute(sa.select(sa.func.count()).select_from(history)).scalar_one()
        n += conn.execute(sa.select(sa.func.count()).select_from(record)).scalar_one()
        if n:
            raise FileRejected([Problem(store.where, "progress.backup.not_empty")])
        if recs:
            conn.execute(record.insert(), recs)
        if hist:
            conn.execute(history.insert(), hist)
        version = max(int(doc["state"]["data_version"]), conn.execute(sa.select(state.c.data_version)).scalar_one()) + 1
        conn.execute(
            state.update()
            .where(state.c.state_id == STATE_ROW_ID)
            .values(data_version=version, demo=bool(doc["state"]["demo"]), changed_at=datetime.now(UTC))
        )
        if store.backend == "postgresql" and hist:
            conn.execute(
                sa.text(
                    "SELECT setval(pg_get_serial_sequence('progress_history', 'history_id'), "
                    "(SELECT MAX(history_id) FROM progress_history))"
                )
            )
    return {"records": len(recs), "history": len(hist)}
