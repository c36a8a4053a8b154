"""Briefing-report buttons (PDF, PowerPoint) of the current view, on /explore and /matrix."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from .. import report
from ..report.text import font_path
from .context import Ctx
from .explore import view_link


def report_buttons(ctx: Ctx) -> None:
    """Two download buttons; each report is built only when its button is clicked.

    The callables hold the shared table, the metadata and the filter, never this run's rows."""
    now = datetime.now(UTC)
    lang, f, meta, df_all = ctx.lang, ctx.filters, ctx.meta, ctx.df_all
    link = view_link(ctx)
    try:
        font_path()
        pdf_problem = None
    except report.FontMissing as exc:
        pdf_problem = exc.message(lang)
    help_text = ctx.t("report.button_help", n=len(ctx.df))
    c1, c2 = st.columns(2)
    c1.download_button(
        ctx.t("report.button_pdf"),
        data=lambda: report.render(df_all, meta, f, lang, "pdf", link=link)[0],
        file_name=report.report_file_name(f, "pdf", now),
        mime=report.MIME["pdf"],
        on_click="ignore",
        icon=":material/picture_as_pdf:",
        help=pdf_problem or help_text,
        disabled=pdf_problem is not None,
        key="report_pdf",
    )
    c2.download_button(
        ctx.t("report.button_pptx"),
        data=lambda: report.render(df_all, meta, f, lang, "pptx", link=link)[0],
        file_name=report.report_file_name(f, "pptx", now),
        mime=report.MIME["pptx"],
        on_click="ignore",
        icon=":material/slideshow:",
        help=help_text,
        key="report_pptx",
    )
    if pdf_problem:
        st.caption(pdf_problem)
