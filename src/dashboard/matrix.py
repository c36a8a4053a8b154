"""The document's layout: for one area, actor rows × phase columns, each cell a list of lines."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .schema import ACTOR_CODES, PHASE_CODES, Col


@dataclass(frozen=True)
class Line:
    """One line of a matrix cell: a 【】 block label or an item (level 1 or 2)."""

    kind: str  # "label" or "item"
    text: str
    level: int = 1
    id: str | None = None


def cell_lines(cell: pd.DataFrame) -> list[Line]:
    """The lines of one cell in reading order, with a label line where a 【】 block starts."""
    lines: list[Line] = []
    current = None
    for row in cell.sort_values(Col.ORDER).itertuples(index=False):
        d = row._asdict()
        sub = d[Col.SUB_THEME]
        sub = None if pd.isna(sub) else sub
        if sub is not None and sub != current:
            lines.append(Line("label", sub))
        current = sub
        lines.append(Line("item", d[Col.TEXT], int(d[Col.LEVEL]), d[Col.ID]))
    return lines


def area_matrix(df: pd.DataFrame, area_code: str) -> dict[tuple[str, str], list[Line]]:
    """(actor_code, phase_code) → lines, for every actor × phase of the area (empty cells included)."""
    rows = df[df[Col.AREA_CODE] == area_code]
    groups = {k: g for k, g in rows.groupby([Col.ACTOR_CODE, Col.PHASE_CODE], observed=True)}
    return {(a, p): cell_lines(groups[(a, p)]) if (a, p) in groups else [] for a in ACTOR_CODES for p in PHASE_CODES}


def cell_text(lines: list[Line], bullet: str = "・", sub_bullet: str = "　▶ ") -> str:
    """A cell as plain text, one line per item: labels in 【】, sub-items indented (for spreadsheets)."""
    out = []
    for ln in lines:
        if ln.kind == "label":
            out.append(f"【{ln.text}】")
        else:
            out.append(f"{sub_bullet if ln.level == 2 else bullet}{ln.text}")
    return "\n".join(out)
