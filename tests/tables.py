"""Small typed initiative tables built in code, shared by the unit tests."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from dashboard.load import typed
from dashboard.schema import (
    ACTOR_BY_CODE,
    AREA_BY_CODE,
    FISCAL_YEAR_LABELS,
    PHASE_BY_CODE,
    TENTATIVE_PHASES,
    Col,
)

# (area, phase, actor, level): mob and sme have no rows, cn has only 2026.
SMALL = [
    ("ls", "2024", "union", 1),
    ("ls", "2024", "members", 1),
    ("ls", "2024", "members", 2),
    ("ls", "2025", "members", 1),
    ("cn", "2026", "union", 1),
    ("su", "2024", "union", 1),
    ("su", "2025", "union", 1),
    ("su", "2025", "members", 1),
    ("hr", "2026", "members", 1),
    ("hr", "2026", "members", 2),
]


def make_table(spec) -> pd.DataFrame:
    """A typed initiative table with one row per (area, phase, actor, level) in `spec`."""
    rows, order, last_item = [], Counter(), {}
    for seq, (area, phase, actor, level) in enumerate(spec, 1):
        cell = (area, phase, actor)
        order[cell] += 1
        rid = f"{area}-{phase}-{actor}-{order[cell]:02d}"
        if level == 1:
            last_item[cell] = rid
        rows.append(
            {
                Col.ID: rid,
                Col.SEQ: seq,
                Col.AREA: AREA_BY_CODE[area].ja,
                Col.AREA_CODE: area,
                Col.PHASE: PHASE_BY_CODE[phase].ja,
                Col.PHASE_CODE: phase,
                Col.FISCAL_YEAR: FISCAL_YEAR_LABELS[phase],
                Col.PHASE_THEME: f"table theme {area} {phase}",
                Col.ACTOR: ACTOR_BY_CODE[actor].ja,
                Col.ACTOR_CODE: actor,
                Col.SUB_THEME: None,
                Col.LEVEL: level,
                Col.PARENT_ID: last_item[cell] if level == 2 else None,
                Col.N_CHILDREN: 0,
                Col.ORDER: order[cell],
                Col.TEXT: f"text {rid}",
                Col.TENTATIVE: phase in TENTATIVE_PHASES,
            }
        )
    return typed(pd.DataFrame(rows))
