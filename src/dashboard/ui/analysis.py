"""Sections of the analysis page (分析): its tabs, 連携候補, progressions, the key-term picker."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import aggregate, analysis, i18n, related
from ..render import escape_md, highlight_md
from ..schema import ANALYSIS_TABS, PHASE_CODES, Col, label
from . import data
from . import state as S
from .context import Ctx

MAX_CHAINS = 30  # progression chains shown per area (the real plan has ≤ 7)
W_TERM = "term_pick"
PAIR_ROW_HEIGHT = 100  # px: four lines of text per cell (Streamlit wraps text in rows above 4rem)
# Pixel widths of the 連携候補 columns: together 916 px, inside the 940 px the table has beside the
# sidebar at 1400 px, so both texts are read whole (the longest, 67 characters, wraps to 4 lines).
PAIR_WIDTHS = {
    "score": 114,
    "area": 66,
    "union_phase": 104,
    "members_phase": 104,
    "union_text": 264,
    "members_text": 264,
}


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


def _pair_columns(lang: str) -> tuple[list[str], dict]:
    """The 連携候補 columns shown (IDs left out: the texts say which items they are) and their config."""
    t = i18n.catalogue(lang)
    heads = {col: t(key) for col, (key, _) in analysis.HEADERS.items()}
    order = [
        heads[c] for c in (analysis.SCORE, Col.AREA_CODE, "union_phase", "union_text", "members_phase", "members_text")
    ]
    config = {
        heads[analysis.SCORE]: st.column_config.ProgressColumn(
            heads[analysis.SCORE],
            min_value=0.0,
            max_value=1.0,
            format="%.2f",
            width=PAIR_WIDTHS["score"],
            help=t("analysis.score_help"),
        ),
        heads[Col.AREA_CODE]: st.column_config.TextColumn(heads[Col.AREA_CODE], width=PAIR_WIDTHS["area"]),
    }
    for col in ("union_phase", "members_phase", "union_text", "members_text"):
        config[heads[col]] = st.column_config.TextColumn(heads[col], width=PAIR_WIDTHS[col])
    return order, config


def pairs_table(ctx: Ctx) -> None:
    """連携候補: Union × member pairs of similar wording under the current filter (suggestions)."""
    c1, c2 = st.columns(2)
    same_area = c1.toggle(ctx.t("analysis.pairs_same_area"), value=True, key="pairs_same_area")
    same_phase = c2.toggle(ctx.t("analysis.pairs_same_phase"), value=False, key="pairs_same_phase")
    frame = _pair_rows(ctx.key, same_area, same_phase, ctx.lang, ctx)
    if frame.empty:
        st.caption(ctx.t("analysis.pairs_none"))
        return
    order, config = _pair_columns(ctx.lang)
    st.dataframe(frame, hide_index=True, column_order=order, column_config=config, row_height=PAIR_ROW_HEIGHT)


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
    with st.container(key="wide_progression_head"):
        head = st.columns([1, 3, 3, 3])
        for col, phase in zip(head[1:], PHASE_CODES, strict=True):
            col.markdown(f"**{escape_md(label('phase', phase, ctx.lang))}**")
    for k, chain in enumerate(chains):
        with st.container(border=True):
            row = st.columns([1, 3, 3, 3])
            row[0].markdown(f"**{escape_md(label('actor', chain.actor_code, ctx.lang))}**")
            for col, phase in zip(row[1:], PHASE_CODES, strict=True):
                col.container(key=f"narrow_progression_{k}_{phase}").markdown(
                    f"**{escape_md(label('phase', phase, ctx.lang))}**"
                )
                step = chain.steps.get(phase)
                if step is None:
                    col.markdown("—")
                    continue
                col.markdown(highlight_md(step.text, ctx.filters.query))
                if step.score is not None:
                    col.caption(escape_md(ctx.t("analysis.step_score", score=f"{step.score:.2f}")))
    if total > len(chains):
        st.caption(ctx.t("chart.hover.more", n=f"{total - len(chains):,}"))


def _pick_term() -> None:
    term = st.session_state.get(W_TERM)
    if term:
        S.set_query(term)
        st.session_state[W_TERM] = None


def term_picker(lang: str, terms: list[str]) -> None:
    """Choosing a term puts it in the search box (so it filters every page). The search then finds
    exactly the initiatives the term's bar counts (`dashboard.terms`)."""
    st.pills(i18n.catalogue(lang)("analysis.terms_pick"), terms, key=W_TERM, on_change=_pick_term)


def _pick_expo() -> None:
    st.session_state[S.W_EXPO] = "yes"


def expo_pointer(ctx: Ctx) -> None:
    """万博 is no key term: say how many initiatives name it and how many the Expo filter finds."""
    df = ctx.df
    n = aggregate.n_units(df[df[Col.TEXT].str.contains("万博", regex=False).to_numpy(dtype=bool)])
    expo = aggregate.n_units(df[df[Col.EXPO_RELATED].to_numpy(dtype=bool)])
    if not expo:
        return
    st.caption(ctx.t("analysis.terms_expo", n=f"{n:,}", expo=f"{expo:,}"))
    if ctx.filters.expo is not True:
        st.button(
            ctx.t("analysis.terms_expo_button"), on_click=_pick_expo, key="terms_expo", icon=":material/filter_alt:"
        )
