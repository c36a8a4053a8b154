"""Sections of the progress page (進捗): what was done, by whom, how far, what changed lately."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from .. import charts
from .. import progress as P
from ..progress.view import history_table, records_table, stale_table
from ..schema import label
from . import progress_data
from .context import Ctx
from .widgets import chart

CHANGES_DAYS = 30  # "changes since" starts this many days back
TABLE_ROWS = 1_000  # rows the changes and stale tables show (the newest / the oldest); the caption gives all


def _summary_inputs(ctx: Ctx) -> tuple[int, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(fiscal year, records, per-row record statistics of the whole table, the filtered rows' items): the
    statistics once per data version, the items once per run, so no figure reads the records again."""
    pv = ctx.progress
    stats = progress_data.record_stats(pv, ctx.token, ctx.df_all)
    return pv.fiscal_year, pv.records, stats, progress_data.items(ctx.key, pv, ctx.token, ctx.df_all, ctx.df)


def status_notice(ctx: Ctx) -> bool:
    """Why there is nothing to show (database unreadable, nothing reported); True when figures follow."""
    pv = ctx.progress
    if pv is None or pv.problem:
        st.warning(pv.problem if pv else ctx.t("progress.sidebar.unavailable"), icon=":material/database:")
        return False
    if not pv.has_records:
        st.info(ctx.t("progress.page.empty"), icon=":material/info:")
        st.code("python -m dashboard.progress template --org hyogo --fy 2025 -o hyogo-2025.xlsx", language=None)
        return False
    return True


def headline(ctx: Ctx) -> None:
    """Reported / total, share done, mean %, for the fiscal year and the filtered initiatives."""
    fy, rec, stats, it = _summary_inputs(ctx)
    o = P.overview(ctx.df, rec, fy, stats, it)
    t = ctx.t
    c1, c2, c3 = st.columns(3)
    c1.metric(t("progress.page.reported", fy=fy), f"{o.reported} / {o.total}", help=t("progress.page.reported_help"))
    c2.metric(t("progress.page.done"), f"{o.share_done:.0%}", help=t("progress.page.done_help", n=o.done))
    c3.metric(t("progress.page.mean"), "—" if o.mean_pct is None else f"{o.mean_pct:.0f}%", help=t("progress.rule"))
    by = P.by_actor(ctx.df, rec, fy, stats, it)
    st.dataframe(
        pd.DataFrame(
            {
                t("progress.col.actor"): [label("actor", a, ctx.lang) for a in by["actor_code"]],
                t("progress.page.items"): by[P.SCol.N_ITEMS],
                t("progress.page.reported_short"): by[P.SCol.N_REPORTED],
                t("progress.page.done_short"): by[P.SCol.N_DONE],
                t("progress.page.mean"): ["—" if pd.isna(v) else f"{float(v):.0f}%" for v in by[P.SCol.MEAN_PCT]],
            }
        ),
        hide_index=True,
    )
    st.caption(t("progress.rule"))


def figures(ctx: Ctx) -> None:
    """Area × phase heatmap of mean %, statuses by area and by organisation."""
    fy, rec, stats, it = _summary_inputs(ctx)
    heat = P.area_phase(ctx.df, rec, fy, stats, it)
    chart(charts.fig_progress_heatmap(heat, ctx.lang), key="progress_heatmap")
    area = P.status_by_area(ctx.df, rec, fy, stats, it)
    chart(charts.fig_status_by(area, "area_code", ctx.lang), key="status_by_area")
    orgs = progress_data.organisation_stats(ctx.progress, ctx.token, ctx.df_all)
    org = P.status_by_organisation(ctx.df, rec, fy, orgs)
    chart(charts.fig_status_by(org, "organisation", ctx.lang), key="status_by_org")
    st.caption(ctx.t("progress.page.org_note"))


def changes(ctx: Ctx) -> None:
    """Every change recorded since a day the user picks (default: the last 30 days)."""
    t = ctx.t
    since = st.date_input(
        t("progress.page.since"),
        value=date.today() - timedelta(days=CHANGES_DAYS),
        max_value=date.today(),
        format="YYYY/MM/DD",
        key="progress_since",
    )
    try:
        table = progress_data.changes(ctx.progress, since, ctx.token, ctx.df_all, ctx.df, ctx.lang)
    except P.ProgressError as exc:
        st.warning(exc.message(ctx.lang))
        return
    if table.empty:
        st.caption(t("progress.page.no_changes"))
        return
    st.caption(t("progress.page.changes_n", n=len(table)))
    if len(table) > TABLE_ROWS:
        st.caption(t("progress.page.changes_shown", shown=f"{TABLE_ROWS:,}", n=f"{len(table):,}"))
    st.dataframe(table.head(TABLE_ROWS), hide_index=True)


def stale_items(ctx: Ctx) -> None:
    """Records not updated for half a year."""
    old = progress_data.stale(ctx.progress, ctx.df)
    if old.empty:
        st.caption(ctx.t("progress.page.no_stale"))
        return
    if len(old) > TABLE_ROWS:
        st.caption(ctx.t("progress.page.stale_shown", shown=f"{TABLE_ROWS:,}", n=f"{len(old):,}"))
    st.dataframe(stale_table(old.head(TABLE_ROWS), ctx.df_all, ctx.lang), hide_index=True)


def item_progress(ctx: Ctx, item_id: str) -> None:
    """One initiative's progress: every fiscal year × organisation record, and its history."""
    pv = ctx.progress
    t = ctx.t
    with st.container(border=True):
        st.markdown(f"**{t('progress.detail.title')}**")
        if pv is None or pv.problem:
            st.caption(pv.problem if pv else t("progress.sidebar.unavailable"))
            return
        table = records_table(pv.records, item_id, ctx.lang)
        if table.empty:
            st.caption(t("progress.detail.none"))
            return
        st.dataframe(
            table,
            hide_index=True,
            column_config={t("progress.col.achievement"): st.column_config.TextColumn(width="large")},
        )
        try:
            hist = progress_data.store(P.database_url()).history(item_id)
        except P.ProgressError as exc:
            st.caption(exc.message(ctx.lang))
            return
        with st.expander(t("progress.detail.history", n=len(hist))):
            st.dataframe(history_table(hist, ctx.df_all, ctx.lang), hide_index=True)
