"""A clearly synthetic progress sample for trying things out and screenshots — never real progress.

Written through the write path (so it has history) into its own database, which is flagged as demo:
every page shows a 「デモデータ」 banner while it is in use. Deterministic (seeded).
"""

from __future__ import annotations

import random
from datetime import date

import pandas as pd
import sqlalchemy as sa

from ..schema import ACTOR_ORGANISATIONS, FISCAL_YEARS, STATUS_CODES, Col, PCol
from .errors import FileRejected, Problem
from .models import STATE_ROW_ID, record, state
from .store import Store
from .write import Change, Source, User, WriteResult, write_progress

DEMO_USER = User.system("demo")
SEED = 20240701
# Status weights per fiscal year: later years have less done, more not started.
WEIGHTS = {
    2024: (1, 2, 4, 6, 1),
    2025: (2, 3, 5, 3, 1),
    2026: (6, 3, 2, 0, 0),
}


def mark_demo(store: Store) -> None:
    """Flag the database as demo (the UI shows the banner); refused for a database with real records."""
    with store.writing() as conn:
        st = conn.execute(sa.select(state.c.demo, state.c.data_version).where(state.c.state_id == STATE_ROW_ID)).one()
        n = conn.execute(sa.select(sa.func.count()).select_from(record)).scalar_one()
        if n and not st.demo:
            raise FileRejected([Problem(store.where, "progress.demo.not_empty")])
        conn.execute(
            state.update().where(state.c.state_id == STATE_ROW_ID).values(demo=True, data_version=st.data_version + 1)
        )


def demo_changes(plan: pd.DataFrame, fiscal_years: tuple[int, ...] = FISCAL_YEARS[:2]) -> list[Change]:
    """Synthetic records: the union's items and, for members' items, two to four members each."""
    rng = random.Random(SEED)
    out = []
    for row in plan.to_dict("records"):
        actor = str(row[Col.ACTOR_CODE])
        orgs = list(ACTOR_ORGANISATIONS[actor])
        chosen = orgs if len(orgs) == 1 else rng.sample(orgs, rng.randint(2, 4))
        for fy in fiscal_years:
            for org in chosen:
                if rng.random() < 0.15:
                    continue  # not every organisation reports every year
                status = rng.choices(STATUS_CODES, weights=WEIGHTS[fy])[0]
                values = {
                    PCol.STATUS: status,
                    PCol.ACHIEVEMENT: f"【デモ】{fy}年度の架空の実績です（実際の進捗ではありません）。",
                    PCol.AS_OF: date(fy + 1, 3, 31) if fy < FISCAL_YEARS[-1] else None,
                    PCol.NOTE: "デモデータ（synthetic sample）",
                }
                if status == "in_progress" and rng.random() < 0.5:
                    values[PCol.PROGRESS_PCT] = float(rng.choice((40, 60, 70, 80)))
                if rng.random() < 0.3:
                    target = rng.choice((10, 20, 50, 100))
                    values |= {
                        PCol.INDICATOR: "【デモ】参加件数",
                        PCol.TARGET: str(target),
                        PCol.ACTUAL: str(rng.randint(0, target)),
                        PCol.UNIT: "件",
                    }
                out.append(Change(str(row[Col.ID]), fy, org, values, None, f"demo:{row[Col.ID]}"))
    return out


def write_demo(store: Store, plan: pd.DataFrame) -> WriteResult:
    """Mark `store` as demo and write the sample (a second run changes nothing: same values)."""
    mark_demo(store)
    changes = demo_changes(plan)
    stored = store.records()
    versions = {
        (str(r[PCol.ID]), int(r[PCol.FISCAL_YEAR]), str(r[PCol.ORGANISATION])): int(r[PCol.VERSION])
        for r in stored.to_dict("records")
    }
    changes = [Change(c.id, c.fiscal_year, c.organisation, c.values, versions.get(c.key), c.ref) for c in changes]
    return write_progress(store, changes, DEMO_USER, Source("cli"), plan)
