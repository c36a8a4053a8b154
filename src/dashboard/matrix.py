"""The document's layout: for one area, actor rows × phase columns, each cell a list of lines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from .schema import ACTOR_CODES, AREA_CODES, PHASE_CODES, Col


@dataclass(frozen=True)
class Line:
    """One line of a matrix cell: a 【】 block label or an item (level 1 or 2)."""

    kind: str  # "label" or "item"
    text: str
    level: int = 1
    id: str | None = None


def cell_lines(cell: pd.DataFrame, limit: int | None = None) -> list[Line]:
    """The lines of one cell in reading order, with a label line where a 【】 block starts.

    `limit`: only the first `limit` items (in reading order) and their labels.
    """
    lines: list[Line] = []
    current = None
    rows = cell.sort_values(Col.ORDER)
    if limit is not None and len(rows) > limit:
        rows = rows.head(limit)
    columns = (Col.SUB_THEME, Col.TEXT, Col.LEVEL, Col.ID)
    for sub, text, level, id_ in zip(*(rows[c].tolist() for c in columns), strict=True):
        sub = None if pd.isna(sub) else sub
        if sub is not None and sub != current:
            lines.append(Line("label", sub))
        current = sub
        lines.append(Line("item", text, int(level), id_))
    return lines


def area_matrix(df: pd.DataFrame, area_code: str, limit: int | None = None) -> dict[tuple[str, str], list[Line]]:
    """(actor_code, phase_code) → lines, for every actor × phase of the area (empty cells included).

    `limit`: at most that many items per cell, the first in reading order (`cell_sizes` counts all).
    """
    rows = df[df[Col.AREA_CODE] == area_code]
    groups = {k: g for k, g in rows.groupby([Col.ACTOR_CODE, Col.PHASE_CODE], observed=True)}
    return {
        (a, p): cell_lines(groups[(a, p)], limit) if (a, p) in groups else [] for a in ACTOR_CODES for p in PHASE_CODES
    }


def cell_sizes(df: pd.DataFrame, area_code: str) -> dict[tuple[str, str], int]:
    """(actor_code, phase_code) → number of items, for every actor × phase of the area."""
    rows = df[df[Col.AREA_CODE] == area_code]
    sizes = rows.groupby([Col.ACTOR_CODE, Col.PHASE_CODE], observed=True).size()
    return {(a, p): int(sizes.get((a, p), 0)) for a in ACTOR_CODES for p in PHASE_CODES}


def cell_text(lines: list[Line], bullet: str = "・", sub_bullet: str = "　▶ ") -> str:
    """A cell as plain text, one line per item: labels in 【】, sub-items indented (for spreadsheets)."""
    out = []
    for ln in lines:
        if ln.kind == "label":
            out.append(f"【{ln.text}】")
        else:
            out.append(f"{sub_bullet if ln.level == 2 else bullet}{ln.text}")
    return "\n".join(out)


def default_focus(areas: tuple[str, ...], hits: Mapping[str, int], allow_none: bool = False) -> str | None:
    """The area a page lays out unless the user picks one: the filtered area when exactly one is chosen;
    else none where the page allows it (the timeline); else the first area, in plan order among the
    filtered ones, that has matching initiatives (so a search never opens on an empty table)."""
    if len(areas) == 1:
        return areas[0]
    if allow_none:
        return None
    options = list(areas or AREA_CODES)
    return next((a for a in options if hits.get(a, 0) > 0), options[0])
