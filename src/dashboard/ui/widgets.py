"""Shared widgets and output helpers.

They take what they need (the language, codes), never the run context: a widget's callbacks and
`format_func`s live as long as the session, and the context holds rows."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from .. import filters as F
from .. import i18n
from ..matrix import default_focus
from ..render import escape_md
from ..schema import ACTOR_CODES, AREA_CODES, PHASE_CODES, Col, label
from . import state as S

# A phone's width (Streamlit folds the sidebar away below this too). Containers keyed `wide_…` show only
# above it, `narrow_…` only below it: a page sends both variants of what does not fit, the browser
# shows one (no JavaScript, nothing the server has to know about the screen).
PHONE_MAX_PX = 640
LAYOUT_CSS = f"""<style>
@media (max-width: {PHONE_MAX_PX}px) {{ [class*="st-key-wide_"] {{ display: none !important; }} }}
@media (min-width: {PHONE_MAX_PX + 1}px) {{ [class*="st-key-narrow_"] {{ display: none !important; }} }}
</style>"""


def layout_css() -> None:
    """The page's own style: only the wide/narrow switch above (static text, no data)."""
    st.html(LAYOUT_CSS)


def wide_and_narrow(key: str):
    """Two containers: the first shows on screens wider than a phone, the second on a phone."""
    return st.container(key=f"wide_{key}"), st.container(key=f"narrow_{key}")


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


def area_choice(
    lang: str,
    areas: tuple[str, ...],
    label_key: str,
    key: str,
    allow_none: bool = False,
    hits: Mapping[str, int] | None = None,
    basis: tuple = (),
) -> str | None:
    """Pick the one area a page lays out, among the filtered `areas` (all when none); kept in the URL
    (`focus=`). The default (`matrix.default_focus`) is re-applied when the area filter changes, and
    when another filter (`basis`) leaves the current area without `hits`; otherwise the user's pick stays."""
    options: list[str | None] = list(areas or AREA_CODES)
    if allow_none:
        options = [None, *options]
    hits = hits or {}
    seen = f"{key}__for"
    before_areas, before_basis = st.session_state.get(seen, (None, None))
    wanted = S.url_focus()
    current = st.session_state.get(key, "")
    if wanted is not None and wanted in options and key not in st.session_state:
        st.session_state[key] = wanted
    elif (
        current not in options
        or before_areas != areas
        or (before_basis != basis and hits and not hits.get(current or "", 0) and current is not None)
    ):
        st.session_state[key] = default_focus(areas, hits, allow_none)
    st.session_state[seen] = (areas, basis)
    t = i18n.catalogue(lang)
    chosen = st.selectbox(
        t(label_key),
        options,
        key=key,
        format_func=lambda c: t("timeline.focus_none") if c is None else label("area", c, lang),
        placeholder=t("timeline.focus_none"),  # not the framework's English "Choose an option"
    )
    if st.query_params.get(F.Param.FOCUS) != chosen:
        if chosen is None:
            del st.query_params[F.Param.FOCUS]
        else:
            st.query_params[F.Param.FOCUS] = chosen
    return chosen


def empty_focus_notice(lang: str, area: str | None, hits: Mapping[str, int]) -> None:
    """Say so when the chosen area has no matching initiative, and which areas have some."""
    if area is None or hits.get(area, 0):
        return
    t = i18n.catalogue(lang)
    others = [t("matrix.focus_hit", area=label("area", a, lang), n=hits[a]) for a in AREA_CODES if hits.get(a, 0)]
    if others:
        st.info(t("matrix.focus_empty", area=label("area", area, lang), others=t("chart.list_sep").join(others)))


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


def filter_chips(lang: str, f: F.Filters) -> None:
    """The active filter above the page (the sidebar is folded away on a phone): one removable chip per
    value, and すべて解除 when there are several."""
    t = i18n.catalogue(lang)
    active = F.chips(f, lang)
    row = st.container(horizontal=True, gap="small", key="filter_chips")
    if not active:
        row.badge(t("chip.none"), color="gray")  # a badge, not a caption: the page's captions stay counts
        return
    for i, chip in enumerate(active):
        row.button(
            chip.text,
            key=f"chip_{i}_{chip.field}",
            on_click=S.remove_chip,
            args=(chip,),
            icon=":material/close:",
            icon_position="right",
            help=t("chip.remove"),
        )
    if len(active) > 1:
        row.button(
            t("chip.clear_all"), key="chip_clear", on_click=S.reset, type="tertiary", icon=":material/filter_alt_off:"
        )
