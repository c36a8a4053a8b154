"""進捗: what was reported for the fiscal year, by actor, area × phase and organisation; recent changes."""

import streamlit as st

from dashboard.ui import editing, progress
from dashboard.ui.context import context, page_header

ctx = context()
t = ctx.t
page_header(ctx, "page.progress")
editing.progress_notice(ctx)

if progress.status_notice(ctx):
    progress.headline(ctx)
    st.header(t("progress.page.figures"))
    progress.figures(ctx)
    st.header(t("progress.page.changes"))
    progress.changes(ctx)
    st.header(t("progress.page.stale"))
    progress.stale_items(ctx)
