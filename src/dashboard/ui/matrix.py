"""Sections of the matrix page (分野マトリクス): one area's actor × phase table as in the document.

The cells are shared with the timeline page's phase columns."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ..matrix import area_matrix, cell_sizes
from ..render import cell_markdown, escape_md
from ..schema import ACTOR_CODES, PHASE_CODES, label
from . import progress_data
from .context import Ctx
from .widgets import bold, md

# Items drawn per matrix / phase-column cell at most, so a page costs the same on 155 rows and on
# 100,000 (the real plan has ≤ 10); beyond it the cell says how many more there are.
CELL_MAX_ITEMS = 50


@st.cache_resource(show_spinner=False, max_entries=128)
def _cells(key: tuple, area: str, _df: pd.DataFrame) -> tuple[dict, dict]:
    """An area's matrix cells (at most CELL_MAX_ITEMS items each) and their full sizes (shared, never mutated)."""
    return area_matrix(_df, area, limit=CELL_MAX_ITEMS), cell_sizes(_df, area)


def area_cells(ctx: Ctx, area: str) -> tuple[dict, dict]:
    return _cells(ctx.key, area, ctx.df)


def cell_text(ctx: Ctx, cells: tuple[dict, dict], actor: str, phase: str) -> str:
    """One cell as inert markdown, search hits highlighted, '…他 N 件' past the cap."""
    lines, sizes = cells[0][(actor, phase)], cells[1][(actor, phase)]
    text = cell_markdown(lines, ctx.filters.query, badges=progress_data.badges(ctx.key, ctx.df))
    shown = sum(1 for ln in lines if ln.kind == "item")
    if sizes > shown:
        text += "\n\n" + escape_md(ctx.t("chart.hover.more", n=f"{sizes - shown:,}"))
    return text


def area_meta(ctx: Ctx, code: str) -> dict:
    return next(a for a in ctx.meta["areas"] if a["code"] == code)


def matrix_grid(ctx: Ctx, area: str) -> None:
    """The document's table for one area: actor rows × phase columns, themes on top."""
    meta = area_meta(ctx, area)
    bold(ctx.t("matrix.vision"))
    md(meta["vision"])
    cells = area_cells(ctx, area)
    widths = [1, 3, 3, 3]
    with st.container(key="wide_matrix_head"):  # on a phone the columns stack: each cell says its phase
        head = st.columns(widths)
        head[0].markdown(f"**{escape_md(ctx.t('matrix.fiscal_year'))}**")
        for col, phase in zip(head[1:], PHASE_CODES, strict=True):
            col.markdown(f"**{escape_md(label('phase', phase, ctx.lang))}**")
            col.caption(escape_md(ctx.t("timeline.theme", theme=meta["themes"][phase])))
    for actor in ACTOR_CODES:
        with st.container(border=True):
            row = st.columns(widths)
            row[0].markdown(f"**{escape_md(label('actor', actor, ctx.lang))}**")
            for col, phase in zip(row[1:], PHASE_CODES, strict=True):
                with col:
                    with st.container(key=f"narrow_matrix_{actor}_{phase}"):
                        st.markdown(f"**{escape_md(label('phase', phase, ctx.lang))}**")
                        st.caption(escape_md(ctx.t("timeline.theme", theme=meta["themes"][phase])))
                    st.markdown(cell_text(ctx, cells, actor, phase))
    st.caption(ctx.t("common.tentative_note"))
