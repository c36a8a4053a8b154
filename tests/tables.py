"""Small typed initiative tables built in code, shared by the unit tests."""

from __future__ import annotations

import io
from collections import Counter
from datetime import datetime, timedelta, timezone

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


EXPORT_TIME = datetime(2026, 11, 29, 12, 3, 45, tzinfo=timezone(timedelta(hours=9)))
FORMULA_STARTS = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"]


def text_row(
    id_: str,
    text: str,
    *,
    area: str = "su",
    phase: str = "2024",
    actor: str = "union",
    order: int = 1,
    level: int = 1,
    parent: tuple[str, str] | None = None,
    sub: str | None = None,
) -> dict:
    return {
        Col.ID: id_,
        Col.SEQ: 0,
        Col.AREA: AREA_BY_CODE[area].ja,
        Col.AREA_CODE: area,
        Col.AREA_VISION: f"{area} のありたい姿",
        Col.PAGE: 6,
        Col.PHASE: PHASE_BY_CODE[phase].ja,
        Col.PHASE_CODE: phase,
        Col.FISCAL_YEAR: FISCAL_YEAR_LABELS[phase],
        Col.PHASE_THEME: f"{area}-{phase} のテーマ",
        Col.ACTOR: ACTOR_BY_CODE[actor].ja,
        Col.ACTOR_CODE: actor,
        Col.SUB_THEME: sub,
        Col.LEVEL: level,
        Col.PARENT_ID: parent[0] if parent else None,
        Col.PARENT_TEXT: parent[1] if parent else None,
        Col.N_CHILDREN: 0,
        Col.ORDER: order,
        Col.TEXT: text,
        Col.TEXT_SOURCE: text,
        Col.CORRECTED: False,
        Col.TENTATIVE: phase in TENTATIVE_PHASES,
        Col.NOTE: None,
    }


def text_table(rows: list[dict]) -> pd.DataFrame:
    """The document's columns only (no analysis columns, which tests add on purpose)."""
    df = pd.DataFrame(rows, columns=list(text_row("x", "").keys()))
    df[Col.SEQ] = range(1, len(df) + 1)
    return typed(df)


def sample_table() -> pd.DataFrame:
    """Two areas, a sub-item, a 【】 block, items out of order within a cell."""
    return text_table(
        [
            text_row("su-2024-union-02", "二番目の取組", order=2),
            text_row("su-2024-union-01", "最初の取組「Expo」", order=1),
            text_row("su-2026-members-01", "親の取組", phase="2026", actor="members"),
            text_row(
                "su-2026-members-01-1",
                "子の取組",
                phase="2026",
                actor="members",
                order=2,
                level=2,
                parent=("su-2026-members-01", "親の取組"),
            ),
            text_row("mob-2025-union-01", "空の実証", area="mob", phase="2025", sub="空飛ぶクルマ"),
        ]
    )


def prefixed_table(prefixes: list[str]) -> pd.DataFrame:
    """One su/2024/union row per prefix: the prefix, then 危険."""
    return text_table([text_row(f"su-2024-union-{i:02d}", p + "危険", order=i) for i, p in enumerate(prefixes, 1)])


def read_csv_bytes(data: bytes) -> pd.DataFrame:
    """A CSV export read back as text."""
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


# --------------------------------------------------------------------------- export_frame
