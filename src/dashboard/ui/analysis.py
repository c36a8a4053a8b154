"""Sections of the analysis page (分析): its tabs, 連携候補, progressions, the key-term picker."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import analysis, i18n, related
from ..render import escape_md, highlight_md
from ..schema import ANALYSIS_TABS, PHASE_CODES, label
from . import data
from . import state as S
from .context import Ctx
from .widgets import score_config, text_config

MAX_CHAINS = 30  # progression chains shown per area (the real plan has ≤ 7)
W_TERM = "term_pick"


def analysis_tab(ctx: Ctx):
    """The page's tabs; only the open one runs. Returns (its code, its container)."""
    labels = S.tab_labels(ctx.lang)
    code = S.current_tab(ctx.lang)
    tabs = st.tabs(list(labels.values()), key=S.W_TAB, on_change="rerun", default=labels[code])
    for c, tab in zip(ANALYSIS_TABS, tabs, strict=True):
        if tab.open:
            return c, tab
    return code, tabs[ANALYSIS_TABS.index(code)]


@st.cache_data(show_spinner=False, max_entries=128)
def _pair_rows(key: tuple, same_area: bool, same_phase: bool, lang: str, _ctx: Ctx) -> pd.DataFrame:
    """The 30 closest pairs, labelled (a copy per call)."""
    nb = data.neighbours(_ctx.token, _ctx.df_all)
    frame = analysis.pair_rows(_ctx.df, same_area=same_area, same_phase=same_phase, top=30, neighbours=nb)
    return frame if frame.empty else analysis.labelled(frame, lang)


def pairs_table(ctx: Ctx) -> None:
    """連携候補: the closest Union × member pairs under the current filter."""
    c1, c2 = st.columns(2)
    same_area = c1.toggle(ctx.t("analysis.pairs_same_area"), value=True, key="pairs_same_area")
    same_phase = c2.toggle(ctx.t("analysis.pairs_same_phase"), value=False, key="pairs_same_phase")
    frame = _pair_rows(ctx.key, same_area, same_phase, ctx.lang, ctx)
    if frame.empty:
        st.caption(ctx.t("analysis.pairs_none"))
        return
    st.dataframe(frame, hide_index=True, column_config=score_config(ctx.lang) | text_config(ctx.lang))


@st.cache_resource(show_spinner=False, max_entries=128)
def _progression(key: tuple, area: str, _ctx: Ctx) -> tuple[list, int]:
    """An area's first MAX_CHAINS progression chains and how many there are (shared, never mutated)."""
    nb = data.neighbours(_ctx.token, _ctx.df_all)
    frame, total = related.progression_with_count(_ctx.df, area, neighbours=nb, limit=MAX_CHAINS)
    return analysis.chains_of(frame), total


def progression_view(ctx: Ctx, area: str) -> None:
    """Chains of related items of one area across 2024 → 2025 → 2026, a row per chain."""
    chains, total = _progression(ctx.key, area, ctx)
    if not chains:
        st.caption(ctx.t("analysis.progression_none"))
        return
    head = st.columns([1, 3, 3, 3])
    for col, phase in zip(head[1:], PHASE_CODES, strict=True):
        col.markdown(f"**{escape_md(label('phase', phase, ctx.lang))}**")
    for chain in chains:
        with st.container(border=True):
            row = st.columns([1, 3, 3, 3])
            row[0].markdown(f"**{escape_md(label('actor', chain.actor_code, ctx.lang))}**")
            for col, phase in zip(row[1:], PHASE_CODES, strict=True):
                step = chain.steps.get(phase)
                if step is None:
                    col.markdown("—")
                    continue
                score = "" if step.score is None else f" `{step.score:.2f}`"
                col.markdown(highlight_md(step.text, ctx.filters.query) + score)
    if total > len(chains):
        st.caption(ctx.t("chart.hover.more", n=f"{total - len(chains):,}"))


def _pick_term() -> None:
    term = st.session_state.get(W_TERM)
    if term:
        S.set_query(term)
        st.session_state[W_TERM] = None


def term_picker(lang: str, terms: list[str]) -> None:
    """Choosing a term puts it in the search box (so it filters every page)."""
    st.pills(i18n.catalogue(lang)("analysis.terms_pick"), terms, key=W_TERM, on_change=_pick_term)
