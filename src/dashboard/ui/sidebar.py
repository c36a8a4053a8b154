"""The shared sidebar: the filter widgets (their state mirrors the URL) and the language switch."""

from __future__ import annotations

from datetime import date

import streamlit as st

from .. import filters as F
from .. import i18n
from ..schema import (
    ACTOR_CODES,
    AREA_CODES,
    FISCAL_YEARS,
    INSTRUMENT_CODES,
    PHASE_CODES,
    STATUS_FILTER_CODES,
    STATUS_NONE,
    SUB_THEME_CODES,
    label,
)
from . import state as S


def language_switch() -> str:
    """The ja/en switch; returns the language of this run."""
    lang = S.current_lang()
    st.sidebar.segmented_control(
        i18n.catalogue(lang)("lang.label"),
        i18n.LANGS,
        key=S.W_LANG,
        required=True,
        format_func=lambda code: i18n.catalogue(code)(f"lang.{code}"),
    )
    return S.current_lang()


def filters(lang: str) -> F.Filters:
    """Draw the filter widgets; returns the filter they hold, in canonical form (also kept in state)."""
    t = i18n.catalogue(lang)
    sb = st.sidebar
    S.seed_widgets(S.current_filters())
    sb.header(t("sidebar.filters"))
    areas = sb.multiselect(
        t("filter.area"),
        AREA_CODES,
        key=S.W_AREA,
        format_func=lambda c: label("area", c, lang),
        placeholder=t("filter.all"),
        select_all=False,  # its "Select all" is English in a Japanese interface
        wrap=False,  # a fixed height: no layout shift on blur that would swallow the next click
    )
    phases = sb.pills(
        t("filter.phase"),
        PHASE_CODES,
        key=S.W_PHASE,
        selection_mode="multi",
        format_func=lambda c: label("phase", c, lang),
    )
    actors = sb.pills(
        t("filter.actor"),
        ACTOR_CODES,
        key=S.W_ACTOR,
        selection_mode="multi",
        format_func=lambda c: label("actor", c, lang),
    )
    subs = sb.multiselect(
        t("filter.sub_theme"),
        SUB_THEME_CODES,
        key=S.W_SUB,
        format_func=lambda c: label("sub_theme", c, lang),
        placeholder=t("filter.all"),
        select_all=False,  # its "Select all" is English in a Japanese interface
        wrap=False,  # a fixed height: no layout shift on blur that would swallow the next click
    )
    include = sb.toggle(t("filter.sub_items"), key=S.W_SUBITEMS)
    instruments = sb.multiselect(
        t("filter.instrument"),
        INSTRUMENT_CODES,
        key=S.W_INSTRUMENT,
        format_func=lambda c: label("instrument", c, lang),
        placeholder=t("filter.all"),
        select_all=False,  # its "Select all" is English in a Japanese interface
        wrap=False,  # a fixed height: no layout shift on blur that would swallow the next click
        help=t("filter.instrument_help"),
    )
    expo = sb.segmented_control(
        t("filter.expo"),
        tuple(S.EXPO_CHOICES),
        key=S.W_EXPO,
        required=True,
        format_func=lambda c: t(f"filter.expo.{c}"),
        help=t("filter.expo_help"),
    )
    query = F.clean_query(sb.text_input(t("filter.query"), key=S.W_Q, help=t("filter.query_help")) or "")
    if len(query) > F.MAX_QUERY_CHARS:  # a long paste is cut, and says so (the box keeps what was pasted)
        sb.warning(t("search.too_long", max=F.MAX_QUERY_CHARS, n=len(query)), icon=":material/content_cut:")
        query = query[: F.MAX_QUERY_CHARS]
    sb.subheader(t("sidebar.progress"))
    fiscal_year = sb.selectbox(
        t("filter.fy"),
        (None, *FISCAL_YEARS),
        key=S.W_FY,
        format_func=lambda y: t("filter.fy_latest") if y is None else t("filter.fy_value", fy=y),
        placeholder=t("filter.fy_latest"),
        help=t("filter.fy_help"),
    )
    statuses = sb.multiselect(
        t("filter.status"),
        STATUS_FILTER_CODES,
        key=S.W_STATUS,
        format_func=lambda c: t("progress.status.none") if c == STATUS_NONE else label("status", c, lang),
        placeholder=t("filter.all"),
        select_all=False,  # its "Select all" is English in a Japanese interface
        wrap=False,  # a fixed height: no layout shift on blur that would swallow the next click
        help=t("filter.status_help"),
    )
    as_of = sb.date_input(
        t("filter.asof"),
        key=S.W_ASOF,
        min_value=F.EARLIEST_AS_OF,
        max_value=date.today(),
        format="YYYY/MM/DD",
        help=t("filter.asof_help"),
    )
    sb.button(t("filter.reset"), on_click=S.reset, icon=":material/filter_alt_off:")
    f = F.Filters(
        areas=tuple(areas or ()),
        phases=tuple(phases or ()),
        actors=tuple(actors or ()),
        sub_themes=tuple(subs or ()),
        include_sub_items=bool(include),
        query=query,
        instruments=tuple(instruments or ()),
        expo=S.EXPO_CHOICES.get(expo or "all"),
        statuses=tuple(statuses or ()),
        fiscal_year=fiscal_year,
        as_of=as_of if isinstance(as_of, date) else None,
    )
    # Re-order and validate through the URL round trip, so the state always has the canonical form.
    f = F.parse_query_params(F.to_query_params(f)).filters
    S.set_filters(f)
    return f
