"""Sections of the explorer page (一覧・ダウンロード): the table, downloads, one initiative's details."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from .. import analysis, export, workbook
from .. import filters as F
from ..render import escape_md, highlight_md
from ..schema import Col, label
from . import data, progress_data
from .context import Ctx
from .widgets import bold, score_config, text_config

# Rows sent to the explorer's st.dataframe at most (downloads always carry every filtered row).
EXPLORE_MAX_ROWS = 1_000


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
    the shared table and the filter, not this run's rows, which they take again from the cache.
    The file names carry every filter and the time in JST (export.file_name); the workbook's 条件 sheet
    says the same in words."""
    now = datetime.now(UTC)
    lang, f, meta, n = ctx.lang, ctx.filters, ctx.meta, len(ctx.df)
    token, df_all, pv = ctx.token, ctx.df_all, ctx.progress
    cols = progress_data.plan_columns(pv, token, df_all, lang) if pv is not None else None

    def rows() -> pd.DataFrame:
        return data.filtered(token, df_all, f, pv, cols)

    named = shown_filter(ctx)

    link = view_link(ctx)
    help_text = ctx.t("explore.download_help", n=n)
    c1, c2 = st.columns(2)
    c1.download_button(
        ctx.t("explore.download_csv"),
        data=lambda: export.to_csv_bytes(rows(), lang),
        file_name=export.file_name(named, "csv", now),
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        help=help_text,
    )
    c2.download_button(
        ctx.t("explore.download_xlsx"),
        data=lambda: workbook.to_xlsx_bytes(
            rows(),
            lang,
            filter_rows=export.filter_description(named, lang),
            link=link,
            exported_at=datetime.now(UTC),
            data_version=str(meta.get("data_version", "")),
            areas_meta=meta["areas"],
            source_title=" ".join(meta["plan"].get("title", [])),
        ),
        file_name=export.file_name(named, "xlsx", now),
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/table_view:",
        help=help_text,
    )


def shown_filter(ctx: Ctx) -> F.Filters:
    """The filter as files should name it: with the fiscal year whose progress they carry, when they carry any."""
    pv = ctx.progress
    return ctx.filters.with_(fiscal_year=pv.fiscal_year) if pv is not None and pv.has_records else ctx.filters


def _meta_line(lang: str, row: pd.Series) -> str:
    parts = [
        label("area", row[Col.AREA_CODE], lang),
        label("phase", row[Col.PHASE_CODE], lang),
        label("actor", row[Col.ACTOR_CODE], lang),
    ]
    if isinstance(row[Col.SUB_THEME], str):
        parts.append(f"【{row[Col.SUB_THEME]}】")
    parts.append(f"p.{row[Col.PAGE]}")
    parts.append(row[Col.ID])
    return " ・ ".join(str(p) for p in parts)


def detail(ctx: Ctx, item_id: str) -> None:
    """One initiative: its place in the plan, instrument types and why, Expo link and why, texts of
    similar wording (a suggestion, labelled as such)."""
    rows = ctx.df_all[ctx.df_all[Col.ID] == item_id]
    if rows.empty:
        return
    row = rows.iloc[0]
    t = ctx.t
    with st.container(border=True):
        bold(t("detail.title"))
        st.caption(escape_md(_meta_line(ctx.lang, row)))
        st.markdown(highlight_md(row[Col.TEXT], ctx.filters.query))
        if isinstance(row[Col.PARENT_TEXT], str):
            st.caption(escape_md(t("detail.parent", text=row[Col.PARENT_TEXT])))
        if row[Col.CORRECTED]:
            st.caption(escape_md(t("detail.corrected", text=row[Col.TEXT_SOURCE])))
        if isinstance(row[Col.NOTE], str):
            st.caption(escape_md(t("detail.note", text=row[Col.NOTE])))
        c1, c2 = st.columns(2)
        with c1:
            bold(t("detail.instruments"))
            types = ", ".join(label("instrument", c, ctx.lang) for c in row[Col.INSTRUMENT_TYPES])
            st.markdown(escape_md(types))
            reasons = analysis.instrument_reasons(row[Col.INSTRUMENT_EVIDENCE], ctx.lang, ctx.df_all)
            st.markdown("\n".join(f"- {escape_md(r)}" for r in reasons))
        with c2:
            bold(t("detail.expo"))
            reason = analysis.expo_reason(row[Col.EXPO_EVIDENCE], ctx.lang, ctx.df_all)
            st.markdown(escape_md(reason if row[Col.EXPO_RELATED] and reason else t("detail.expo_none")))
        bold(t("detail.related"))
        related = analysis.related_rows(ctx.df_all, item_id)
        st.caption(t("analysis.score_help"))
        if related.empty:
            st.caption(t("detail.related_none"))
        else:
            st.dataframe(
                analysis.labelled(related, ctx.lang),
                hide_index=True,
                column_config=score_config(ctx.lang) | text_config(ctx.lang),
            )


def explore_table(ctx: Ctx) -> str | None:
    """The filtered rows; returns the id of the row the user selected, if any."""
    frame = _export_frame(ctx.key, ctx.lang, EXPLORE_MAX_ROWS, ctx.df)
    wide = {ctx.t("export.col.text"), ctx.t("export.col.parent")}
    # On screen the text comes first after where/when/who; the files keep the export order.
    first = [ctx.t(f"export.col.{c}") for c in ("area", "phase", "actor", "progress_badge", "text", "parent")]
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
