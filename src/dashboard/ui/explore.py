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
from . import state as S
from .context import Ctx
from .widgets import bold, score_config, text_config, wide_and_narrow

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
    demo = pv is not None and pv.demo and cols is not None
    demo_rows = [(ctx.t("sidebar.progress"), ctx.t("report.demo"))] if demo else []

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
            filter_rows=export.filter_description(named, lang) + demo_rows,
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


# The explorer's columns (export keys) shown until the user picks others: the text first, where/when/who,
# why a row matched (instrument types, Expo) and its progress.
DEFAULT_COLUMNS = ("text", "area", "phase", "actor", "progress_badge", "instrument_types", "expo_related")
W_COLUMNS, W_ROWS = "w_explore_columns", "w_explore_row_lines"
ROW_LINES = (1, 3, 6)  # lines of text per table row
LINE_PX = 24
TABLE_ROWS = 12  # rows in view before the table scrolls


PHONE_ROWS = 50  # rows listed on a phone (the table's other rows: on a wider screen, or in the downloads)
W_PICK = "w_explore_pick"


def _phone_list(ctx: Ctx, frame: pd.DataFrame, ids: pd.Series) -> str | None:
    """On a phone: each row's whole text with where/when/who under it, and a box to open one's details."""
    t = ctx.t
    cols = {c: t(f"export.col.{c}") for c in ("text", "area", "phase", "actor", "progress_badge")}
    shown = frame.head(PHONE_ROWS)
    for _, row in shown.iterrows():
        meta = " ・ ".join(str(row[cols[c]]) for c in ("area", "phase", "actor", "progress_badge") if cols[c] in row)
        st.markdown(f"**{escape_md(str(row[cols['text']]))}**  \n{escape_md(meta)}")
    if len(frame) > len(shown):
        st.caption(t("explore.phone_more", n=len(frame) - len(shown)))
    texts = dict(zip(ids, frame[cols["text"]].astype(str), strict=True))
    return st.selectbox(
        t("explore.phone_pick"),
        list(ids),
        index=None,
        key=W_PICK,
        format_func=lambda i: texts.get(i, i)[:40],
        placeholder=t("explore.phone_pick_placeholder"),
    )


def explore_table(ctx: Ctx) -> str | None:
    """The filtered rows, in the columns the user picks (the whole text readable with taller rows);
    returns the id of the row the user selected (or the one the link named), if any."""
    t = ctx.t
    frame = _export_frame(ctx.key, ctx.lang, EXPLORE_MAX_ROWS, ctx.df)
    headers = {t(f"export.col.{c}"): c for c in DEFAULT_COLUMNS}
    default = [h for h in headers if h in frame.columns]
    c1, c2 = st.columns([3, 1])
    chosen = c1.multiselect(
        t("explore.columns"),
        list(frame.columns),
        default=default,
        key=W_COLUMNS,
        placeholder=t("explore.columns_placeholder"),
        select_all=False,
    )
    lines = c2.segmented_control(
        t("explore.row_lines"),
        ROW_LINES,
        key=W_ROWS,
        default=ROW_LINES[1],
        required=True,
        format_func=lambda n: t("explore.row_lines_n", n=n),
    )
    order = [c for c in chosen if c in frame.columns] or default
    wide_box, narrow_box = wide_and_narrow("explore_table")
    more = len(ctx.df) - len(frame)
    more_text = " " + t("chart.hover.more", n=f"{more:,}") if more > 0 else ""
    st.caption(t("explore.rows", n=len(frame)) + more_text + " " + t("detail.pick"))
    ids = frame[t("export.col.id")].astype(str)
    with narrow_box:
        picked = _phone_list(ctx, frame, ids)
    wanted = st.session_state.get(S.K_ITEM)
    default_rows = [int(i) for i in (ids == wanted).to_numpy().nonzero()[0][:1]] if wanted else []
    wide = {t("export.col.text"): "large", t("export.col.parent"): "medium"}
    row_px = LINE_PX * int(lines or 1) + 12
    event = wide_box.dataframe(
        frame,
        hide_index=True,
        column_order=order,
        column_config={c: st.column_config.TextColumn(c, width=w) for c, w in wide.items() if c in frame.columns},
        placeholder="—",
        on_select="rerun",
        selection_mode="single-row",
        selection_default={"selection": {"rows": default_rows}} if default_rows else None,
        row_height=row_px,
        height=(min(len(frame), TABLE_ROWS) + 1) * row_px + 3,  # up to TABLE_ROWS rows in view, then it scrolls
        key="explore_table",
    )
    rows = event.selection.rows if event is not None else []
    item = str(ids.iloc[rows[0]]) if rows and rows[0] < len(frame) else picked
    S.set_item(item)
    want = F.to_query_params(ctx.filters, ctx.lang, item=item)
    if {k: st.query_params.get_all(k) for k in st.query_params} != want:
        st.query_params.from_dict(want)
    return item
