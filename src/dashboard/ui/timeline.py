"""Sections of the timeline page (タイムライン)."""

from __future__ import annotations

import streamlit as st

from ..render import escape_md
from ..schema import ACTOR_CODES, PHASE_CODES, label
from .context import Ctx
from .matrix import area_cells, area_meta, cell_text


def phase_columns(ctx: Ctx, area: str) -> None:
    """One area's items laid out phase by phase (both actors in each column)."""
    cells = area_cells(ctx, area)
    themes = area_meta(ctx, area)["themes"]
    for col, phase in zip(st.columns(len(PHASE_CODES)), PHASE_CODES, strict=True):
        with col:
            st.markdown(f"**{escape_md(label('phase', phase, ctx.lang))}**")
            st.caption(escape_md(ctx.t("timeline.theme", theme=themes[phase])))
            for actor in ACTOR_CODES:
                st.markdown(f"**{escape_md(label('actor', actor, ctx.lang))}**")
                st.markdown(cell_text(ctx, cells, actor, phase))
