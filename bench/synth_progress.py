"""A synthetic progress database for a (synthetic) plan table: one record per plan row and fiscal year.

    python -m bench.synth_progress TABLE.parquet OUT.sqlite3

A benchmark fixture, never data: the database is flagged as demo (every page shows the 「デモデータ」
banner), every achievement says it is synthetic, and `updated_by` is `bench`. For each plan row and
fiscal year (FISCAL_YEARS) one record: the organisation is `union` for the union's rows, else one of
the members (rotating over them), the status drawn with fixed weights over all five statuses (a
seeded generator: the same table gives the same database), an explicit % on some 実施中 records,
an achievement on about two thirds, an indicator on some; `updated_at` spread evenly over the 365
days before the database is written, so some records are recent (「最近の変更」) and about half are
older than the stale threshold (「長期間更新のない項目」), as a database filled over a year would be.

The database is created and migrated by `open_store`; the rows are written with SQLAlchemy Core bulk
inserts, each record with its `insert` history row (the same JSON `write_progress` stores) and the
data version bumped once. That bypasses the write path on purpose: `write_progress` checks and writes
change by change (minutes for 300,000 records), and a fixture needs neither its authorization nor its
conflict checks. Nothing here ships as progress.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

from dashboard.progress import open_store
from dashboard.progress.frames import to_json
from dashboard.progress.models import STATE_ROW_ID, history, record, state
from dashboard.schema import ACTOR_ORGANISATIONS, FISCAL_YEARS, STATUS_CODES, Col, PCol

SEED = 20240701
BY = "bench"
SPREAD_DAYS = 365
CHUNK = 5_000  # rows per INSERT batch
# Status weights (STATUS_CODES order: not_started, preparing, in_progress, done, discontinued) per fiscal
# year: later years have less done, more not started; every status occurs in every year.
WEIGHTS = {2024: (1, 2, 4, 6, 1), 2025: (2, 3, 5, 3, 1), 2026: (6, 3, 2, 1, 1)}


def synthetic_records(plan: pd.DataFrame, now: datetime | None = None) -> list[dict]:
    """One record (a dict of record columns) per plan row and fiscal year (see the module docstring)."""
    now = now or datetime.now(UTC)
    rng = np.random.default_rng(SEED)
    ids = plan[Col.ID].astype(str).to_numpy()
    actors = plan[Col.ACTOR_CODE].astype(str).to_numpy()
    n = len(ids)
    out: list[dict] = []
    for fy in FISCAL_YEARS:
        w = np.array(WEIGHTS.get(fy, (1,) * len(STATUS_CODES)), dtype=float)
        status = rng.choice(len(STATUS_CODES), size=n, p=w / w.sum())
        pct = rng.choice((40.0, 60.0, 70.0, 80.0), size=n)
        has_pct = rng.random(n) < 0.5
        has_text = rng.random(n) < 0.66
        has_indicator = rng.random(n) < 0.3
        age_s = rng.random(n) * SPREAD_DAYS * 86_400
        for i in range(n):
            orgs = ACTOR_ORGANISATIONS[actors[i]]
            code = STATUS_CODES[status[i]]
            target = 10 * (1 + i % 10)
            out.append(
                {
                    PCol.ID: ids[i],
                    PCol.FISCAL_YEAR: fy,
                    PCol.ORGANISATION: orgs[(i + fy) % len(orgs)],
                    PCol.STATUS: code,
                    PCol.PROGRESS_PCT: float(pct[i]) if code == "in_progress" and has_pct[i] else None,
                    PCol.ACHIEVEMENT: (
                        f"【ベンチマーク用の合成データ】{fy}年度の架空の実績（{ids[i]}）。実際の進捗ではありません。"
                        if has_text[i]
                        else None
                    ),
                    PCol.INDICATOR: "【合成】参加件数" if has_indicator[i] else None,
                    PCol.TARGET: str(target) if has_indicator[i] else None,
                    PCol.ACTUAL: str(i % (target + 1)) if has_indicator[i] else None,
                    PCol.UNIT: "件" if has_indicator[i] else None,
                    PCol.BUDGET_THOUSAND_YEN: None,
                    PCol.AS_OF: date(fy + 1, 3, 31) if fy < FISCAL_YEARS[-1] else None,
                    PCol.EVIDENCE_URL: None,
                    PCol.NOTE: "ベンチマーク用の合成データ（synthetic benchmark fixture）",
                    PCol.UPDATED_BY: BY,
                    PCol.UPDATED_AT: now - timedelta(seconds=float(age_s[i])),
                    PCol.VERSION: 1,
                }
            )
    return out


def _history_row(rec: dict) -> dict:
    return {
        PCol.ID: rec[PCol.ID],
        PCol.FISCAL_YEAR: rec[PCol.FISCAL_YEAR],
        PCol.ORGANISATION: rec[PCol.ORGANISATION],
        PCol.VERSION: rec[PCol.VERSION],
        "action": "insert",
        "changed_at": rec[PCol.UPDATED_AT],
        "user_subject": f"cli:{BY}",
        "user_name": BY,
        "source": "cli",
        "source_file": None,
        "source_sha256": None,
        "before": None,
        "after": to_json(rec),
    }


def write_synthetic_progress(plan: pd.DataFrame, out: Path, now: datetime | None = None) -> Path:
    """Write the synthetic progress database for `plan` to the SQLite file `out` (replaced if it exists)."""
    out = Path(out).resolve()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{out}{suffix}").unlink(missing_ok=True)
    store = open_store(f"sqlite:///{out}")
    try:
        rows = synthetic_records(plan, now)
        with store.writing() as conn:
            for i in range(0, len(rows), CHUNK):
                part = rows[i : i + CHUNK]
                conn.execute(record.insert(), part)
                conn.execute(history.insert(), [_history_row(r) for r in part])
            version = conn.execute(sa.select(state.c.data_version).where(state.c.state_id == STATE_ROW_ID)).scalar_one()
            conn.execute(
                state.update()
                .where(state.c.state_id == STATE_ROW_ID)
                .values(data_version=int(version) + 1, changed_at=datetime.now(UTC), demo=True)
            )
    finally:
        store.close()
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m bench.synth_progress TABLE.parquet OUT.sqlite3", file=sys.stderr)
        return 2
    from dashboard.load import load_with_meta

    plan, _ = load_with_meta(Path(argv[0]))
    out = write_synthetic_progress(plan, Path(argv[1]))
    store = open_store(f"sqlite:///{out}", create=False)
    print(f"{out}: {store.counts()}")
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
