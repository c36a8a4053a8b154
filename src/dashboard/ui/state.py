"""Session state ↔ URL: the filter, the language and the analysis tab; URL notices.

Widgets are keyed `w_…`; the other keys are ours. The URL is read once per session (its first run)
and written back after every run in canonical form."""

from __future__ import annotations

from urllib.parse import urlsplit

import streamlit as st

from .. import filters as F
from .. import i18n
from ..render import escape_md
from ..schema import ANALYSIS_TABS

K_READ_URL = "_url_read"
K_FILTERS = "_filters"
K_INITIAL = "_initial_filters"
K_NOTICES = "_url_notices"
K_TAB = "_analysis_tab"  # the analysis page's tab (a code of ANALYSIS_TABS)
W_TAB = "w_analysis_tab"
ANALYSIS_PAGE = "analysis"  # its url_path
K_PAGE_CHECKED = "_page_checked"
K_ITEM = "_item"  # the initiative the explorer shows in detail (from the URL, then the table's selection)
EXPLORE_PAGE = "explore"
MAX_NOTICES_SHOWN = 5
K_FOCUS = "_url_focus"  # the area the URL asked a page to lay out (used once, by that page's area box)
# The area box of each page that lays out one area (url_path → widget key); the analysis page's only
# on its progression tab.
FOCUS_WIDGETS = {"matrix": "matrix_area", "timeline": "timeline_area", ANALYSIS_PAGE: "progression_area"}
W_LANG, W_AREA, W_PHASE, W_ACTOR, W_SUB, W_SUBITEMS, W_Q, W_INSTRUMENT, W_EXPO = (
    "w_lang",
    "w_area",
    "w_phase",
    "w_actor",
    "w_sub",
    "w_subitems",
    "w_q",
    "w_instrument",
    "w_expo",
)
W_STATUS, W_FY, W_ASOF = "w_status", "w_fy", "w_asof"
EXPO_CHOICES = {"all": None, "yes": True, "no": False}


def read_url_once() -> None:
    """On a session's first run, take the filter, language and tab from the URL."""
    if st.session_state.get(K_READ_URL):
        return
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    state = F.parse_query_params(params)
    st.session_state[K_READ_URL] = True
    st.session_state[K_FILTERS] = state.filters
    st.session_state[K_INITIAL] = state.filters
    st.session_state[K_NOTICES] = state.notices
    st.session_state[W_LANG] = state.lang
    st.session_state[K_TAB] = state.tab
    st.session_state[K_FOCUS] = state.focus
    st.session_state[K_ITEM] = state.item
    seed_widgets(state.filters, force=True)


def seed_widgets(f: F.Filters, force: bool = False) -> None:
    """Put filter `f` into the sidebar widgets' state (only where unset, unless `force`)."""
    values = {
        W_AREA: list(f.areas),
        W_PHASE: list(f.phases),
        W_ACTOR: list(f.actors),
        W_SUB: list(f.sub_themes),
        W_SUBITEMS: f.include_sub_items,
        W_Q: f.query,
        W_INSTRUMENT: list(f.instruments),
        W_EXPO: next(k for k, v in EXPO_CHOICES.items() if v is f.expo),
        W_STATUS: list(f.statuses),
        W_FY: f.fiscal_year,
        W_ASOF: f.as_of,
    }
    for key, value in values.items():
        if force or key not in st.session_state:
            st.session_state[key] = value


def current_filters() -> F.Filters:
    return st.session_state.get(K_FILTERS, F.Filters())


def set_filters(f: F.Filters) -> None:
    st.session_state[K_FILTERS] = f


def reset() -> None:
    """Clear every filter (the sidebar's reset button)."""
    st.session_state[K_FILTERS] = F.Filters()
    st.session_state[K_NOTICES] = ()
    seed_widgets(F.Filters(), force=True)


def remove_chip(chip: F.Chip) -> None:
    """Take one value out of the filter (a chip's ✕)."""
    f = F.without(current_filters(), chip)
    st.session_state[K_FILTERS] = f
    seed_widgets(f, force=True)


def set_query(text: str) -> None:
    """Put `text` in the search box (takes effect on the next run)."""
    st.session_state[W_Q] = text


def current_lang() -> str:
    """The UI language (before any widget is drawn)."""
    read_url_once()
    lang = st.session_state.get(W_LANG)
    return lang if lang in i18n.LANGS else i18n.DEFAULT_LANG


def tab_labels(lang: str) -> dict[str, str]:
    t = i18n.catalogue(lang)
    return {code: t(f"analysis.tab.{code}") for code in ANALYSIS_TABS}


def current_tab(lang: str) -> str:
    """The analysis tab: the one the user last opened (the widget's label), else the URL's."""
    code = st.session_state.get(K_TAB, ANALYSIS_TABS[0])
    by_label = {label: c for c, label in tab_labels(lang).items()}
    code = by_label.get(st.session_state.get(W_TAB), code)  # a label of the other language keeps the code
    st.session_state[K_TAB] = code
    return code


def url_focus() -> str | None:
    """The area the URL asked for, once: the first page with an area box takes it."""
    return st.session_state.pop(K_FOCUS, None)


def page_focus(page: str | None, tab: str | None) -> str | None:
    """The area the page about to run lays out (its area box's current value), for the URL."""
    key = FOCUS_WIDGETS.get(page or "")
    if key is None or (page == ANALYSIS_PAGE and tab != "progression"):
        return None
    return st.session_state.get(key) or st.session_state.get(K_FOCUS)


def page_item(page: str | None) -> str | None:
    """The initiative the explorer shows in detail, for the URL (other pages drop it)."""
    return st.session_state.get(K_ITEM) if page == EXPLORE_PAGE else None


def set_item(item_id: str | None) -> None:
    st.session_state[K_ITEM] = item_id


def sync_url(
    f: F.Filters, lang: str, tab: str | None = None, focus: str | None = None, item: str | None = None
) -> None:
    """Write the filter, language, tab, focus area and item to the URL when they differ from it."""
    want = F.to_query_params(f, lang, tab, focus, item)
    have = {k: st.query_params.get_all(k) for k in st.query_params}
    if have != want:
        st.query_params.from_dict(want)


def show_notices(lang: str, f: F.Filters) -> None:
    """The URL's notices (unknown or repeated parameters), until the user changes the filter."""
    notices = st.session_state.get(K_NOTICES, ())
    if notices and f != st.session_state.get(K_INITIAL):
        st.session_state[K_NOTICES] = notices = ()
    t = i18n.catalogue(lang)
    if len(notices) == 1:
        n = notices[0]
        st.warning(escape_md(t(n.key, param=n.param, value=n.value)), icon=":material/link_off:")
    elif notices:  # one summarised notice, however broken the link
        shown = [escape_md(t(n.key, param=n.param, value=n.value)) for n in notices[:MAX_NOTICES_SHOWN]]
        more = len(notices) - len(shown)
        lines = "\n".join(f"- {s}" for s in shown) + (f"\n- {t('url.more', n=more)}" if more else "")
        st.warning(f"{escape_md(t('url.summary', n=len(notices)))}\n\n{lines}", icon=":material/link_off:")


def unknown_page_notice(lang: str, known: tuple[str, ...]) -> None:
    """On a session's first run: a link to a page that does not exist says so (the overview is shown)."""
    if st.session_state.get(K_PAGE_CHECKED):
        return
    st.session_state[K_PAGE_CHECKED] = True
    try:
        path = urlsplit(st.context.url or "").path
    except Exception:  # outside a browser session (tests)
        return
    first = path.strip("/").split("/", 1)[0]
    if first and first not in known:
        st.warning(
            escape_md(i18n.catalogue(lang)("url.unknown_page", path="/" + first[:40])), icon=":material/link_off:"
        )
