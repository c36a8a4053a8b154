"""The Streamlit-facing layer: cached data, the shared sidebar filter, URL sync, notices.

The only module of the package that imports streamlit. app.py calls `bootstrap()` on every
run (before the page script), pages call `context()` to get what it prepared.
"""

from __future__ import annotations

import gc
import sys
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st
from streamlit import runtime

from . import aggregate, analysis, export, i18n, related
from . import filters as F
from .load import LoadError, load_with_meta
from .matrix import area_matrix, cell_sizes
from .paths import data_path
from .render import cell_markdown, escape_md, highlight_md
from .schema import (
    ACTOR_BY_CODE,
    ACTOR_CODES,
    ANALYSIS_TABS,
    AREA_BY_CODE,
    AREA_CODES,
    FISCAL_YEAR_LABELS,
    INSTRUMENT_BY_CODE,
    INSTRUMENT_CODES,
    PHASE_BY_CODE,
    PHASE_CODES,
    REPEATED_TEXT,
    SUB_THEMES,
    Col,
)

# Session-state keys (widgets are prefixed w_; the rest are ours).
K_READ_URL = "_url_read"
K_FILTERS = "_filters"
K_INITIAL = "_initial_filters"
K_NOTICES = "_url_notices"
K_CTX = "_ctx"
K_TAB = "_analysis_tab"  # the analysis page's tab (a code of ANALYSIS_TABS)
W_TAB = "w_analysis_tab"
ANALYSIS_PAGE = "analysis"  # its url_path
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
EXPO_CHOICES = {"all": None, "yes": True, "no": False}
SUB_THEME_OPTIONS = tuple(s.code for s in SUB_THEMES)
SUB_THEME_BY_CODE = {s.code: s for s in SUB_THEMES}

# What a page draws at most, so a page costs the same on 155 rows and on 100,000 (the real plan is far
# below every cap: 155 rows, ≤ 10 items per matrix cell, ≤ 7 chains per area). Beyond a cap the page
# says how many more there are; downloads always carry every filtered row.
EXPLORE_MAX_ROWS = 1_000  # rows sent to the explorer's st.dataframe
CELL_MAX_ITEMS = 50  # items per matrix / phase-column cell
MAX_CHAINS = 30  # progression chains per area
FILTERED_FRAMES = 8  # filtered frames kept cached (their row positions: 256 filter states)


@dataclass(frozen=True)
class Ctx:
    """What a page needs: the whole table, the filtered rows, plan metadata, filter, language."""

    df_all: pd.DataFrame
    df: pd.DataFrame
    meta: dict
    filters: F.Filters
    lang: str
    token: tuple = ()  # identifies df_all (its file and object) in cache keys

    @property
    def key(self) -> tuple:
        """Cache key of what this run shows: the data and the filter."""
        return (self.token, _filter_key(self.filters))

    def t(self, key: str, **fields: object) -> str:
        return i18n.catalogue(self.lang)(key, **fields)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, mtime_ns: int, size: int) -> tuple[pd.DataFrame, dict]:
    """Read and type the table once per process (reloaded when the file changes).

    The per-area and per-phase texts repeated on every row are held as categoricals here: codes
    instead of a string per row (30 MB less at 100,000 rows, and again in every cached filtered
    frame); the values read the same everywhere (pages, exports)."""
    df, meta = load_with_meta(path)
    for col in REPEATED_TEXT:
        if col in df.columns:
            df[col] = df[col].astype("category")
    return df, meta


def load_data() -> tuple[pd.DataFrame, dict]:
    """The table and metadata; raises LoadError with a user-facing message."""
    df, meta, _ = _load_data_with_token()
    return df, meta


def _load_data_with_token() -> tuple[pd.DataFrame, dict, tuple]:
    """The table, its metadata and a token naming that table in cache keys."""
    path = Path(data_path())
    try:
        stat = path.stat()
    except OSError:
        df, meta = load_with_meta(path)  # raises the typed "missing" error
        return df, meta, (str(path), id(df), len(df))
    df, meta = _load(str(path), stat.st_mtime_ns, stat.st_size)
    return df, meta, (str(path), stat.st_mtime_ns, stat.st_size, id(df), len(df))


@st.cache_resource(show_spinner=False, max_entries=256)
def _filtered_rows(token: tuple, key: tuple, _df: pd.DataFrame, _f: F.Filters) -> np.ndarray:
    """Positions of the rows of one filter state (8 bytes a row: many states can stay cached)."""
    return np.flatnonzero(F.mask(_df, _f).to_numpy())


@st.cache_resource(show_spinner=False, max_entries=FILTERED_FRAMES)
def _filtered(token: tuple, key: tuple, _df: pd.DataFrame, _f: F.Filters) -> pd.DataFrame:
    """The filtered rows for one filter state (shared, never mutated). Frames copy the rows' text,
    so only the recent FILTERED_FRAMES stay cached (a 100,000-row table's frame is up to ~50 MB);
    older states are taken again from their cached positions."""
    return _df.take(_filtered_rows(token, key, _df, _f))


def _filter_key(f: F.Filters) -> tuple:
    return tuple(sorted((k, tuple(v)) for k, v in F.to_query_params(f).items()))


def _read_url_once() -> None:
    """On a session's first run, take the filter and language from the URL."""
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
    _seed_widgets(state.filters, force=True)


def _seed_widgets(f: F.Filters, force: bool = False) -> None:
    values = {
        W_AREA: list(f.areas),
        W_PHASE: list(f.phases),
        W_ACTOR: list(f.actors),
        W_SUB: list(f.sub_themes),
        W_SUBITEMS: f.include_sub_items,
        W_Q: f.query,
        W_INSTRUMENT: list(f.instruments),
        W_EXPO: next(k for k, v in EXPO_CHOICES.items() if v is f.expo),
    }
    for key, value in values.items():
        if force or key not in st.session_state:
            st.session_state[key] = value


def _reset() -> None:
    st.session_state[K_FILTERS] = F.Filters()
    st.session_state[K_NOTICES] = ()
    _seed_widgets(F.Filters(), force=True)


def current_lang() -> str:
    """The UI language (before any widget is drawn)."""
    _read_url_once()
    lang = st.session_state.get(W_LANG)
    return lang if lang in i18n.LANGS else i18n.DEFAULT_LANG


def _sidebar(lang: str) -> F.Filters:
    t = i18n.catalogue(lang)
    sb = st.sidebar
    _seed_widgets(st.session_state.get(K_FILTERS, F.Filters()))
    sb.header(t("sidebar.filters"))
    areas = sb.multiselect(
        t("filter.area"),
        AREA_CODES,
        key=W_AREA,
        format_func=lambda c: AREA_BY_CODE[c].label(lang),
        placeholder=t("filter.all"),
    )
    phases = sb.pills(
        t("filter.phase"),
        PHASE_CODES,
        key=W_PHASE,
        selection_mode="multi",
        format_func=lambda c: f"{c} {PHASE_BY_CODE[c].label(lang)}" if lang == "ja" else PHASE_BY_CODE[c].label(lang),
    )
    actors = sb.pills(
        t("filter.actor"),
        ACTOR_CODES,
        key=W_ACTOR,
        selection_mode="multi",
        format_func=lambda c: ACTOR_BY_CODE[c].label(lang),
    )
    subs = sb.multiselect(
        t("filter.sub_theme"),
        SUB_THEME_OPTIONS,
        key=W_SUB,
        format_func=lambda c: SUB_THEME_BY_CODE[c].label(lang),
        placeholder=t("filter.all"),
    )
    include = sb.toggle(t("filter.sub_items"), key=W_SUBITEMS)
    instruments = sb.multiselect(
        t("filter.instrument"),
        INSTRUMENT_CODES,
        key=W_INSTRUMENT,
        format_func=lambda c: INSTRUMENT_BY_CODE[c].label(lang),
        placeholder=t("filter.all"),
        help=t("filter.instrument_help"),
    )
    expo = sb.segmented_control(
        t("filter.expo"),
        tuple(EXPO_CHOICES),
        key=W_EXPO,
        required=True,
        format_func=lambda c: t(f"filter.expo.{c}"),
        help=t("filter.expo_help"),
    )
    query = sb.text_input(t("filter.query"), key=W_Q, help=t("filter.query_help"), max_chars=F.MAX_QUERY_CHARS)
    sb.button(t("filter.reset"), on_click=_reset, icon=":material/filter_alt_off:")
    f = F.Filters(
        areas=tuple(areas or ()),
        phases=tuple(phases or ()),
        actors=tuple(actors or ()),
        sub_themes=tuple(subs or ()),
        include_sub_items=bool(include),
        query=F.clean_query(query or ""),
        instruments=tuple(instruments or ()),
        expo=EXPO_CHOICES.get(expo or "all"),
    )
    # Re-order and validate through the URL round trip, so the state always has the canonical form.
    f = F.parse_query_params(F.to_query_params(f)).filters
    st.session_state[K_FILTERS] = f
    return f


def _language_switch() -> str:
    lang = current_lang()
    st.sidebar.segmented_control(
        i18n.catalogue(lang)("lang.label"),
        i18n.LANGS,
        key=W_LANG,
        required=True,
        format_func=lambda code: i18n.catalogue(code)(f"lang.{code}"),
    )
    return current_lang()


def _tab_labels(lang: str) -> dict[str, str]:
    t = i18n.catalogue(lang)
    return {code: t(f"analysis.tab.{code}") for code in ANALYSIS_TABS}


def _current_tab(lang: str) -> str:
    """The analysis tab: the one the user last opened (the widget's label), else the URL's."""
    code = st.session_state.get(K_TAB, ANALYSIS_TABS[0])
    by_label = {label: c for c, label in _tab_labels(lang).items()}
    code = by_label.get(st.session_state.get(W_TAB), code)  # a label of the other language keeps the code
    st.session_state[K_TAB] = code
    return code


def analysis_tab(ctx: Ctx):
    """The analysis page's tabs; only the open one runs. Returns (its code, its container)."""
    labels = _tab_labels(ctx.lang)
    code = _current_tab(ctx.lang)
    tabs = st.tabs(list(labels.values()), key=W_TAB, on_change="rerun", default=labels[code])
    for c, tab in zip(ANALYSIS_TABS, tabs, strict=True):
        if tab.open:
            return c, tab
    return code, tabs[ANALYSIS_TABS.index(code)]


def _sync_url(f: F.Filters, lang: str, tab: str | None = None) -> None:
    want = F.to_query_params(f, lang, tab)
    have = {k: st.query_params.get_all(k) for k in st.query_params}
    if have != want:
        st.query_params.from_dict(want)


def _show_notices(lang: str, f: F.Filters) -> None:
    notices = st.session_state.get(K_NOTICES, ())
    if notices and f != st.session_state.get(K_INITIAL):
        st.session_state[K_NOTICES] = notices = ()
    t = i18n.catalogue(lang)
    for n in notices:
        st.warning(escape_md(t(n.key, param=n.param, value=n.value)), icon=":material/link_off:")


def bootstrap(page: str | None = None) -> Ctx | None:
    """Run the shared part of every page; returns None (after showing why) when data is unusable.

    `page`: the url_path of the page about to run (its own URL parameters are kept in the URL)."""
    lang = _language_switch()
    t = i18n.catalogue(lang)
    try:
        df_all, meta, token = _load_data_with_token()
    except LoadError as exc:
        st.error(f"**{escape_md(t('error.data'))}**\n\n{escape_md(exc.message(lang))}", icon=":material/error:")
        return None
    _freeze_heap(token)
    f = _sidebar(lang)
    _sync_url(f, lang, _current_tab(lang) if page == ANALYSIS_PAGE else None)
    _show_notices(lang, f)
    df = _filtered(token, _filter_key(f), df_all, f)
    ctx = Ctx(df_all=df_all, df=df, meta=meta, filters=f, lang=lang, token=token)
    st.session_state[K_CTX] = ctx
    st.sidebar.caption(t("filter.count", n=len(df), total=len(df_all)))
    st.sidebar.caption(t("common.data_version", version=meta.get("data_version", "?")))
    return ctx


_FREEZE_LOCK = threading.Lock()
_frozen: dict = {"modules": 0, "token": None}


def _freeze_heap(token: tuple) -> None:
    """Take the long-lived heap (imported modules, the loaded table) out of the garbage collector's walks.

    Streamlit runs a full `gc.collect()` after every script run (`runner.postScriptGC`); with pandas,
    pyarrow and plotly imported that walks ~150,000 long-lived objects: 60–80 ms of every rerun, more
    than the page's own work. `gc.freeze()` moves every object alive now to a permanent generation
    those collections skip; frozen objects are still freed by reference counting, only reference
    cycles among them are never collected. So the freeze follows a collection, and is repeated only
    when new modules were imported (plotly loads its classes on first use) or the table changed (then
    unfrozen first, so the old table can go). A real server only: AppTest's mock runtime is left alone.
    """
    if not runtime.exists() or type(runtime.get_instance()) is not runtime.Runtime:
        return
    with _FREEZE_LOCK:
        if len(sys.modules) <= _frozen["modules"] and token == _frozen["token"]:
            return
        if token != _frozen["token"]:
            gc.unfreeze()
        gc.collect()
        gc.freeze()
        _frozen.update(modules=len(sys.modules), token=token)


def context() -> Ctx:
    """The context bootstrap() prepared for this run."""
    return st.session_state[K_CTX]


def release() -> None:
    """Drop this run's context when the run ends (app.py). It holds the filtered frame, and a closed
    browser tab's session stays in memory for a while (Streamlit keeps it to allow a reconnect):
    between runs a session keeps only its filter, never rows."""
    st.session_state.pop(K_CTX, None)


def header(ctx: Ctx, title_key: str) -> None:
    """Page title and the filter's match count."""
    st.title(ctx.t(title_key))
    st.caption(ctx.t("filter.count", n=len(ctx.df), total=len(ctx.df_all)))


def chart(fig, key: str) -> None:
    """A Plotly chart with its alt text and a lean toolbar."""
    alt = (fig.layout.meta or {}).get("alt") if isinstance(fig.layout.meta, dict) else None
    st.plotly_chart(
        fig,
        key=key,
        config={"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]},
        alt=alt,
    )


def actor_label(ctx: Ctx, code: str) -> str:
    return ACTOR_BY_CODE[code].label(ctx.lang)


def phase_label(ctx: Ctx, code: str) -> str:
    """「2024 現状」 / "Current (2024)"."""
    label = PHASE_BY_CODE[code].label(ctx.lang)
    return f"{FISCAL_YEAR_LABELS[code]} {label}" if ctx.lang == "ja" else label


def phase_metrics(ctx: Ctx, by_phase: dict[str, int]) -> None:
    for col, code in zip(st.columns(len(PHASE_CODES)), PHASE_CODES, strict=True):
        col.metric(phase_label(ctx, code), by_phase.get(code, 0))


def dimension_choice(ctx: Ctx, key: str) -> str:
    """Counts by area or by phase (one chart at a time: each chart costs the browser a redraw on every
    filter change)."""
    t = i18n.catalogue(ctx.lang)  # not ctx: see bar_mode
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


def bar_mode(ctx: Ctx, key: str) -> str:
    """Grouped or stacked bars."""
    t = i18n.catalogue(ctx.lang)  # widget callbacks outlive the run: they must not hold ctx (its rows)
    mode = st.segmented_control(
        ctx.t("bars.mode"),
        ("group", "stack"),
        key=key,
        default="group",
        required=True,
        format_func=lambda m: t(f"bars.{m}"),
    )
    return mode or "group"


def actor_choice(ctx: Ctx, key: str) -> str | None:
    """One actor, or None for both."""
    t, lang = i18n.catalogue(ctx.lang), ctx.lang  # not ctx: see bar_mode
    choice = st.segmented_control(
        ctx.t("matrix.heatmap_actor"),
        ("both", *ACTOR_CODES),
        key=key,
        default="both",
        required=True,
        format_func=lambda c: t("matrix.both") if c == "both" else ACTOR_BY_CODE[c].label(lang),
    )
    return None if choice in (None, "both") else choice


def area_choice(ctx: Ctx, label_key: str, key: str, allow_none: bool = False) -> str | None:
    """Pick one area; defaults to the filtered area when exactly one is chosen."""
    options = list(ctx.filters.areas or AREA_CODES)
    if allow_none:
        options = [None, *options]
    # Re-apply the default when the area filter changes (or on first use), else keep the user's pick.
    basis = f"{key}__for"
    if st.session_state.get(basis) != ctx.filters.areas or st.session_state.get(key) not in options:
        st.session_state[basis] = ctx.filters.areas
        st.session_state[key] = ctx.filters.areas[0] if len(ctx.filters.areas) == 1 else options[0]
    t, lang = i18n.catalogue(ctx.lang), ctx.lang  # not ctx: see bar_mode
    return st.selectbox(
        t(label_key),
        options,
        key=key,
        format_func=lambda c: t("timeline.focus_none") if c is None else AREA_BY_CODE[c].label(lang),
    )


def _area_meta(ctx: Ctx, code: str) -> dict:
    return next(a for a in ctx.meta["areas"] if a["code"] == code)


def _md(text: str) -> None:
    st.markdown(escape_md(text))


def plan_structure(ctx: Ctx) -> None:
    """The plan's introduction and the six areas with their visions (the plan's text is Japanese)."""
    t, plan = ctx.t, ctx.meta["plan"]
    if ctx.lang == "en":
        st.caption(t("overview.lang_note"))
    with st.expander(t("overview.purpose")):
        for para in plan.get("purpose", []):
            _md(para)
    c1, c2, c3 = st.columns(3)
    with c1:
        st.markdown(f"**{escape_md(t('overview.vision_2040'))}**")
        for line in plan.get("vision_2040", []):
            _md(line)
    with c2:
        st.markdown(f"**{escape_md(t('overview.goals'))}**")
        st.markdown("\n".join(f"- {escape_md(g)}" for g in plan.get("goal", [])))
    with c3:
        st.markdown(f"**{escape_md(t('overview.challenge'))}**")
        st.markdown("\n".join(f"- {escape_md(c)}" for c in plan.get("challenge", [])))
    st.subheader(t("overview.areas"))
    cols = st.columns(3)
    for i, area in enumerate(ctx.meta["areas"]):
        with cols[i % 3].container(border=True):
            st.markdown(f"**{escape_md(AREA_BY_CODE[area['code']].label(ctx.lang))}**")
            st.caption(t("overview.page", page=area["page"]))
            _md(area["vision"])
            if area.get("vision_note"):
                st.caption(escape_md(area["vision_note"]))


@st.cache_resource(show_spinner=False, max_entries=128)
def _cells(key: tuple, area: str, _df: pd.DataFrame) -> tuple[dict, dict]:
    """An area's matrix cells (at most CELL_MAX_ITEMS items each) and their full sizes (shared, never mutated)."""
    return area_matrix(_df, area, limit=CELL_MAX_ITEMS), cell_sizes(_df, area)


def _cell_markdown(ctx: Ctx, cells: tuple[dict, dict], actor: str, phase: str) -> str:
    lines, sizes = cells[0][(actor, phase)], cells[1][(actor, phase)]
    text = cell_markdown(lines, ctx.filters.query)
    shown = sum(1 for ln in lines if ln.kind == "item")
    if sizes > shown:
        text += "\n\n" + escape_md(ctx.t("chart.hover.more", n=f"{sizes - shown:,}"))
    return text


def phase_columns(ctx: Ctx, area: str) -> None:
    """One area's items laid out phase by phase (both actors in each column)."""
    cells = _cells(ctx.key, area, ctx.df)
    themes = _area_meta(ctx, area)["themes"]
    for col, phase in zip(st.columns(len(PHASE_CODES)), PHASE_CODES, strict=True):
        with col:
            st.markdown(f"**{escape_md(phase_label(ctx, phase))}**")
            st.caption(escape_md(ctx.t("timeline.theme", theme=themes[phase])))
            for actor in ACTOR_CODES:
                st.markdown(f"**{escape_md(actor_label(ctx, actor))}**")
                st.markdown(_cell_markdown(ctx, cells, actor, phase))


def matrix_grid(ctx: Ctx, area: str) -> None:
    """The document's table for one area: actor rows × phase columns, themes on top."""
    meta = _area_meta(ctx, area)
    st.markdown(f"**{escape_md(ctx.t('matrix.vision'))}**")
    _md(meta["vision"])
    cells = _cells(ctx.key, area, ctx.df)
    widths = [1, 3, 3, 3]
    head = st.columns(widths)
    head[0].markdown(f"**{escape_md(ctx.t('matrix.fiscal_year'))}**")
    for col, phase in zip(head[1:], PHASE_CODES, strict=True):
        col.markdown(f"**{escape_md(phase_label(ctx, phase))}**")
        col.caption(escape_md(ctx.t("timeline.theme", theme=meta["themes"][phase])))
    for actor in ACTOR_CODES:
        with st.container(border=True):
            row = st.columns(widths)
            row[0].markdown(f"**{escape_md(actor_label(ctx, actor))}**")
            for col, phase in zip(row[1:], PHASE_CODES, strict=True):
                col.markdown(_cell_markdown(ctx, cells, actor, phase))
    st.caption(ctx.t("common.tentative_note"))


def view_link(ctx: Ctx) -> str:
    """The URL of this page with the current filter (what a colleague should open)."""
    try:
        base = (st.context.url or "").split("?", 1)[0]
    except Exception:  # outside a browser session (tests)
        base = ""
    return base + F.query_string(ctx.filters, ctx.lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def _export_frame(key: tuple, lang: str, limit: int, _df: pd.DataFrame) -> pd.DataFrame:
    """The explorer's rows as users read them: the first `limit` filtered rows (shared, never mutated)."""
    return export.export_frame(_df.iloc[:limit], lang)


def downloads(ctx: Ctx) -> None:
    """CSV and XLSX of exactly the filtered rows, built only when clicked.

    The data callables are kept until the session ends (a closed tab's session lingers): they hold
    the shared table and the filter, not this run's rows, which they take again from the cache."""
    now = datetime.now(UTC).astimezone()
    lang, f, meta, n = ctx.lang, ctx.filters, ctx.meta, len(ctx.df)
    token, key, df_all = ctx.token, _filter_key(ctx.filters), ctx.df_all

    def rows() -> pd.DataFrame:
        return _filtered(token, key, df_all, f)

    link = view_link(ctx)
    help_text = ctx.t("explore.download_help", n=n)
    c1, c2 = st.columns(2)
    c1.download_button(
        ctx.t("explore.download_csv"),
        data=lambda: export.to_csv_bytes(rows(), lang),
        file_name=export.file_name(f, "csv", now),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        help=help_text,
    )
    c2.download_button(
        ctx.t("explore.download_xlsx"),
        data=lambda: export.to_xlsx_bytes(
            rows(),
            lang,
            filter_rows=export.filter_description(f, lang),
            link=link,
            exported_at=datetime.now(UTC).astimezone(),
            data_version=str(meta.get("data_version", "")),
            areas_meta=meta["areas"],
            source_title=" ".join(meta["plan"].get("title", [])),
        ),
        file_name=export.file_name(f, "xlsx", now),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/table_view:",
        help=help_text,
    )


def _meta_line(ctx: Ctx, row: pd.Series) -> str:
    parts = [
        AREA_BY_CODE[row[Col.AREA_CODE]].label(ctx.lang),
        phase_label(ctx, row[Col.PHASE_CODE]),
        actor_label(ctx, row[Col.ACTOR_CODE]),
    ]
    if isinstance(row[Col.SUB_THEME], str):
        parts.append(f"【{row[Col.SUB_THEME]}】")
    parts.append(f"p.{row[Col.PAGE]}")
    parts.append(row[Col.ID])
    return " ・ ".join(str(p) for p in parts)


def detail(ctx: Ctx, item_id: str) -> None:
    """One initiative: its place in the plan, instrument types with evidence, Expo link, related items."""
    rows = ctx.df_all[ctx.df_all[Col.ID] == item_id]
    if rows.empty:
        return
    row = rows.iloc[0]
    t = ctx.t
    with st.container(border=True):
        st.markdown(f"**{escape_md(t('detail.title'))}**")
        st.caption(escape_md(_meta_line(ctx, row)))
        st.markdown(highlight_md(row[Col.TEXT], ctx.filters.query))
        if isinstance(row[Col.PARENT_TEXT], str):
            st.caption(escape_md(t("detail.parent", text=row[Col.PARENT_TEXT])))
        if row[Col.CORRECTED]:
            st.caption(escape_md(t("detail.corrected", text=row[Col.TEXT_SOURCE])))
        if isinstance(row[Col.NOTE], str):
            st.caption(escape_md(t("detail.note", text=row[Col.NOTE])))
        c1, c2 = st.columns(2)
        with c1:
            st.markdown(f"**{escape_md(t('detail.instruments'))}**")
            types = ", ".join(INSTRUMENT_BY_CODE[c].label(ctx.lang) for c in row[Col.INSTRUMENT_TYPES])
            st.markdown(escape_md(types))
            st.markdown("\n".join(f"- {escape_md(e)}" for e in row[Col.INSTRUMENT_EVIDENCE]))
        with c2:
            st.markdown(f"**{escape_md(t('detail.expo'))}**")
            evidence = row[Col.EXPO_EVIDENCE] if row[Col.EXPO_RELATED] else t("detail.expo_none")
            st.markdown(escape_md(evidence))
        st.markdown(f"**{escape_md(t('detail.related'))}**")
        related = analysis.related_rows(ctx.df_all, item_id)
        if related.empty:
            st.caption(t("detail.related_none"))
        else:
            st.dataframe(
                _labelled(ctx, related),
                hide_index=True,
                column_config=_score_config(ctx) | _text_config(ctx),
            )


def _labelled(ctx: Ctx, frame: pd.DataFrame) -> pd.DataFrame:
    """Codes → labels in the UI language, headers from the catalogue."""
    return analysis.labelled(frame, ctx.lang)


def _score_config(ctx: Ctx) -> dict:
    name = ctx.t("analysis.score")
    return {name: st.column_config.ProgressColumn(name, min_value=0.0, max_value=1.0, format="%.2f", width="small")}


def _text_config(ctx: Ctx) -> dict:
    return {
        c: st.column_config.TextColumn(c, width="large")
        for c in (ctx.t("export.col.text"), ctx.t("analysis.union_text"), ctx.t("analysis.members_text"))
    }


def explore_table(ctx: Ctx) -> str | None:
    """The filtered rows; returns the id of the row the user selected, if any."""
    frame = _export_frame(ctx.key, ctx.lang, EXPLORE_MAX_ROWS, ctx.df)
    wide = {ctx.t("export.col.text"), ctx.t("export.col.parent")}
    # On screen the text comes first after where/when/who; the files keep the export order.
    first = [ctx.t(f"export.col.{c}") for c in ("area", "phase", "actor", "text", "parent")]
    order = [c for c in first if c in frame.columns] + [c for c in frame.columns if c not in first]
    more = len(ctx.df) - len(frame)
    more_text = " " + ctx.t("chart.hover.more", n=f"{more:,}") if more > 0 else ""
    st.caption(ctx.t("explore.rows", n=len(frame)) + more_text + " " + ctx.t("detail.pick"))
    event = st.dataframe(
        frame,
        hide_index=True,
        column_order=order,
        column_config={c: st.column_config.TextColumn(c, width="large") for c in frame.columns if c in wide},
        placeholder="—",
        on_select="rerun",
        selection_mode="single-row",
        key="explore_table",
    )
    rows = event.selection.rows if event is not None else []
    if rows and rows[0] < len(frame):
        return str(frame.iloc[rows[0]][ctx.t("export.col.id")])
    return None


def pairs_table(ctx: Ctx) -> None:
    """連携候補: the closest Union × member pairs under the current filter."""
    c1, c2 = st.columns(2)
    same_area = c1.toggle(ctx.t("analysis.pairs_same_area"), value=True, key="pairs_same_area")
    same_phase = c2.toggle(ctx.t("analysis.pairs_same_phase"), value=False, key="pairs_same_phase")
    frame = _pair_rows(ctx.key, same_area, same_phase, ctx.lang, ctx)
    if frame.empty:
        st.caption(ctx.t("analysis.pairs_none"))
        return
    st.dataframe(frame, hide_index=True, column_config=_score_config(ctx) | _text_config(ctx))


@st.cache_resource(show_spinner=False, max_entries=8)
def _list_codes(token: tuple, col: str, _df_all: pd.DataFrame) -> aggregate.ListCodes | None:
    return aggregate.list_codes(_df_all, col)


def list_codes(ctx: Ctx, col: str) -> aggregate.ListCodes | None:
    """The whole table's list column `col` as integer codes, once per table (shared, never mutated)."""
    return _list_codes(ctx.token, col, ctx.df_all)


@st.cache_resource(show_spinner=False, max_entries=4)
def _neighbours(token: tuple, _df_all: pd.DataFrame) -> related.Neighbours | None:
    """The whole table's stored neighbour links as row positions, once per table (shared, never mutated)."""
    return related.neighbours(_df_all)


@st.cache_data(show_spinner=False, max_entries=128)
def _pair_rows(key: tuple, same_area: bool, same_phase: bool, lang: str, _ctx: Ctx) -> pd.DataFrame:
    """The 30 closest pairs, labelled (a copy per call)."""
    nb = _neighbours(_ctx.token, _ctx.df_all)
    frame = analysis.pair_rows(_ctx.df, same_area=same_area, same_phase=same_phase, top=30, neighbours=nb)
    return frame if frame.empty else analysis.labelled(frame, lang)


@st.cache_resource(show_spinner=False, max_entries=128)
def _progression(key: tuple, area: str, _ctx: Ctx) -> tuple[list, int]:
    """An area's first MAX_CHAINS progression chains and how many there are (shared, never mutated)."""
    nb = _neighbours(_ctx.token, _ctx.df_all)
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
        col.markdown(f"**{escape_md(phase_label(ctx, phase))}**")
    for chain in chains:
        with st.container(border=True):
            row = st.columns([1, 3, 3, 3])
            row[0].markdown(f"**{escape_md(actor_label(ctx, chain.actor_code))}**")
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
    term = st.session_state.get("term_pick")
    if term:
        st.session_state[W_Q] = term
        st.session_state["term_pick"] = None


def term_picker(ctx: Ctx, terms: list[str]) -> None:
    """Choosing a term puts it in the search box (so it filters every page)."""
    st.pills(ctx.t("analysis.terms_pick"), terms, key="term_pick", on_change=_pick_term)
