"""The run context: what every page needs, prepared by `bootstrap()` before the page script runs.

app.py calls `bootstrap()` on every run and `release()` after it; pages call `context()`."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from .. import aggregate, i18n
from .. import filters as F
from ..load import LoadError
from ..render import escape_md
from . import access, data, progress_data, sidebar
from . import state as S
from .progress_data import ProgressView
from .widgets import filter_chips, layout_css

K_CTX = "_ctx"


@dataclass(frozen=True)
class Ctx:
    """What a page needs: the whole table, the filtered rows, plan metadata, filter, language."""

    df_all: pd.DataFrame
    df: pd.DataFrame
    meta: dict
    filters: F.Filters
    lang: str
    token: tuple = ()  # identifies df_all (its file and object) in cache keys
    progress: ProgressView | None = None  # progress for the fiscal year shown (None: not read)
    viewer: access.Viewer = access.ANONYMOUS  # who is signed in and their role (issue 14)

    @property
    def key(self) -> tuple:
        """Cache key of what this run shows: the data and the filter."""
        return (self.token, data.filter_key(self.filters), self.progress.key if self.progress else ())

    def t(self, key: str, **fields: object) -> str:
        return i18n.catalogue(self.lang)(key, **fields)

    def codes(self, col: str) -> aggregate.ListCodes | None:
        """The whole table's list column `col` as integer codes (cached per table)."""
        return data.list_codes(self.token, self.df_all, col)


def bootstrap(
    page: str | None = None, known_pages: tuple[str, ...] = (), viewer: access.Viewer = access.ANONYMOUS
) -> Ctx | None:
    """Run the shared part of every page; returns None (after showing why) when data is unusable.

    `page`: the url_path of the page about to run (its own URL parameters are kept in the URL);
    `known_pages`: every page's url_path (a link to any other path gets a notice)."""
    lang = sidebar.language_switch()
    t = i18n.catalogue(lang)
    layout_css()
    access.sidebar_box(viewer, lang)
    access.tryout_banner(lang)
    try:
        df_all, meta, token = data.load_data()
    except LoadError as exc:
        st.error(f"**{escape_md(t('error.data'))}**\n\n{escape_md(exc.message(lang))}", icon=":material/error:")
        return None
    data.freeze_heap(token)
    f = sidebar.filters(lang)
    tab = S.current_tab(lang) if page == S.ANALYSIS_PAGE else None
    S.sync_url(f, lang, tab, S.page_focus(page, tab), S.page_item(page))
    S.show_notices(lang, f)
    S.unknown_page_notice(lang, known_pages)
    pv = progress_data.view(f.fiscal_year, f.as_of, lang)
    cols = progress_data.plan_columns(pv, token, df_all, lang)
    df = data.filtered(token, df_all, f, pv, cols)
    ctx = Ctx(df_all=df_all, df=df, meta=meta, filters=f, lang=lang, token=token, progress=pv, viewer=viewer)
    st.session_state[K_CTX] = ctx
    if pv.demo:
        st.warning(t("progress.demo.banner"), icon=":material/science:")
    st.sidebar.caption(count_caption(df, df_all, lang))
    st.sidebar.caption(progress_line(pv, lang))
    st.sidebar.caption(t("common.data_version", version=meta.get("data_version", "?")))
    return ctx


def progress_line(pv: ProgressView, lang: str) -> str:
    """The sidebar's one line on progress: the fiscal year shown and as of when, or why there is none."""
    t = i18n.catalogue(lang)
    if pv.problem:
        return t("progress.sidebar.unavailable")
    when = t("progress.sidebar.as_of", day=pv.as_of.strftime("%Y/%m/%d")) if pv.as_of else t("progress.sidebar.now")
    if not pv.has_records:
        return t("progress.sidebar.none", fy=pv.fiscal_year)
    return t("progress.sidebar.shown", fy=pv.fiscal_year, when=when)


def context() -> Ctx:
    """The context bootstrap() prepared for this run."""
    return st.session_state[K_CTX]


def release() -> None:
    """Drop this run's context when the run ends (app.py). It holds the filtered frame, and a closed
    browser tab's session stays in memory for a while (Streamlit keeps it to allow a reconnect):
    between runs a session keeps only its filter, never rows."""
    st.session_state.pop(K_CTX, None)


def count_caption(df: pd.DataFrame, df_all: pd.DataFrame, lang: str, rows: bool = False) -> str:
    """「該当 取組 N 件 ／ 全 M 件」 in initiatives (an item with its sub-items counts once); `rows`:
    and, when the table has sub-item rows, how many rows it lists."""
    t = i18n.catalogue(lang)
    size = aggregate.table_size(df)
    text = t("filter.count", n=size["initiatives"], total=aggregate.n_units(df_all))
    if rows and size["sub_items"]:
        text += t("counts.rows", rows=size["rows"], subs=size["sub_items"])
    return text


def page_header(ctx: Ctx, title_key: str) -> None:
    """Page title and the filter's match count (initiatives, and the table's rows)."""
    st.title(ctx.t(title_key))
    filter_chips(ctx.lang, ctx.filters)
    st.caption(count_caption(ctx.df, ctx.df_all, ctx.lang, rows=True))
