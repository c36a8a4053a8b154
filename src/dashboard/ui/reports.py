"""Briefing-report buttons (PDF, PowerPoint) of the current view, on /explore and /matrix."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from .. import progress as P
from .. import report
from ..progress.view import VCol
from ..report.text import font_path
from ..schema import Col
from . import data, progress_data
from .context import Ctx
from .explore import shown_filter, view_link


def report_buttons(ctx: Ctx) -> None:
    """Two download buttons; each report is built only when its button is clicked.

    The callables hold the shared table, the metadata and the filter, never this run's rows."""
    now = datetime.now(UTC)
    lang, f, meta, df_all, token, pv = ctx.lang, ctx.filters, ctx.meta, ctx.df_all, ctx.token, ctx.progress
    cols = progress_data.plan_columns(pv, token, df_all, lang) if pv is not None else None
    named = shown_filter(ctx)
    link = view_link(ctx)

    def build(fmt: str) -> bytes:
        rows = data.filtered(token, df_all, f, pv, cols)  # the view's rows (status filter included)
        badges = progress = None
        if cols is not None:
            badges = dict(zip(rows[Col.ID].astype(str), rows[VCol.BADGE], strict=True))
            cells = P.area_phase(rows, pv.records, pv.fiscal_year)
            progress = cells.pivot(index=Col.AREA_CODE, columns=Col.PHASE_CODE, values=P.SCol.MEAN_PCT)
            progress = progress.astype("float64")
        demo = bool(pv is not None and pv.demo and cols is not None)
        return report.render(rows, meta, named, lang, fmt, link=link, badges=badges, progress=progress, demo=demo)[0]

    try:
        font_path()
        pdf_problem = None
    except report.FontMissing as exc:
        pdf_problem = exc.message(lang)
    help_text = ctx.t("report.button_help", n=len(ctx.df))
    c1, c2 = st.columns(2)
    c1.download_button(
        ctx.t("report.button_pdf"),
        data=lambda: build("pdf"),
        file_name=report.report_file_name(named, "pdf", now),
        mime=report.MIME["pdf"],
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        help=pdf_problem or help_text,
        disabled=pdf_problem is not None,
        key="report_pdf",
    )
    c2.download_button(
        ctx.t("report.button_pptx"),
        data=lambda: build("pptx"),
        file_name=report.report_file_name(named, "pptx", now),
        mime=report.MIME["pptx"],
        on_click="ignore",
        icon=":material/slideshow:",
        help=help_text,
        key="report_pptx",
    )
    if pdf_problem:
        st.caption(pdf_problem)
