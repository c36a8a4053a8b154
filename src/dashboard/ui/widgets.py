"""Shared widgets and output helpers.

They take what they need (the language, codes), never the run context: a widget's callbacks and
`format_func`s live as long as the session, and the context holds rows."""

from __future__ import annotations

import streamlit as st

from .. import i18n
from ..render import escape_md
from ..schema import ACTOR_CODES, AREA_CODES, PHASE_CODES, Col, label


def chart(fig, key: str) -> None:
    """A Plotly chart with its alt text and a lean toolbar."""
    alt = (fig.layout.meta or {}).get("alt") if isinstance(fig.layout.meta, dict) else None
    st.plotly_chart(
        fig,
        key=key,
        config={"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]},
        alt=alt,
    )


def md(text: str) -> None:
    """Plain text as inert markdown."""
    st.markdown(escape_md(text))


def bold(text: str) -> None:
    st.markdown(f"**{escape_md(text)}**")


def phase_metrics(lang: str, by_phase: dict[str, int]) -> None:
    """One metric per phase."""
    for col, code in zip(st.columns(len(PHASE_CODES)), PHASE_CODES, strict=True):
        col.metric(label("phase", code, lang), by_phase.get(code, 0))


def dimension_choice(lang: str, key: str) -> str:
    """Counts by area or by phase (one chart at a time: each chart costs the browser a redraw on every
    filter change)."""
    t = i18n.catalogue(lang)
    labels = {Col.AREA_CODE: t("actors.by_area"), Col.PHASE_CODE: t("actors.by_phase")}
    dim = st.segmented_control(
        t("chart.dimension"),
        tuple(labels),
        key=key,
        default=Col.AREA_CODE,
        required=True,
        format_func=labels.__getitem__,
    )
    return dim or Col.AREA_CODE


def bar_mode(lang: str, key: str) -> str:
    """Grouped or stacked bars."""
    t = i18n.catalogue(lang)
    mode = st.segmented_control(
        t("bars.mode"),
        ("group", "stack"),
        key=key,
        default="group",
        required=True,
        format_func=lambda m: t(f"bars.{m}"),
    )
    return mode or "group"


def actor_choice(lang: str, key: str) -> str | None:
    """One actor, or None for both."""
    t = i18n.catalogue(lang)
    choice = st.segmented_control(
        t("matrix.heatmap_actor"),
        ("both", *ACTOR_CODES),
        key=key,
        default="both",
        required=True,
        format_func=lambda c: t("matrix.both") if c == "both" else label("actor", c, lang),
    )
    return None if choice in (None, "both") else choice


def area_choice(lang: str, areas: tuple[str, ...], label_key: str, key: str, allow_none: bool = False) -> str | None:
    """Pick one area among the filtered `areas` (all when none); defaults to the filtered area when
    exactly one is chosen."""
    options: list[str | None] = list(areas or AREA_CODES)
    if allow_none:
        options = [None, *options]
    # Re-apply the default when the area filter changes (or on first use), else keep the user's pick.
    basis = f"{key}__for"
    if st.session_state.get(basis) != areas or st.session_state.get(key) not in options:
        st.session_state[basis] = areas
        st.session_state[key] = areas[0] if len(areas) == 1 else options[0]
    t = i18n.catalogue(lang)
    return st.selectbox(
        t(label_key),
        options,
        key=key,
        format_func=lambda c: t("timeline.focus_none") if c is None else label("area", c, lang),
        placeholder=t("timeline.focus_none"),  # not the framework's English "Choose an option"
    )


def score_config(lang: str) -> dict:
    """Column config: the similarity score as a bar from 0 to 1."""
    name = i18n.catalogue(lang)("analysis.score")
    return {name: st.column_config.ProgressColumn(name, min_value=0.0, max_value=1.0, format="%.2f", width="small")}


def text_config(lang: str) -> dict:
    """Column config: wide columns for the initiatives' texts."""
    t = i18n.catalogue(lang)
    return {
        c: st.column_config.TextColumn(c, width="large")
        for c in (t("export.col.text"), t("analysis.union_text"), t("analysis.members_text"))
    }
