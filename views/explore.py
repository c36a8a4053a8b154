"""一覧・ダウンロード: the filtered table, downloads of exactly those rows, one initiative's details."""

import streamlit as st

from dashboard.ui import editing, explore, progress, reports
from dashboard.ui.context import context, page_header

ctx = context()
page_header(ctx, "page.explore")

explore.downloads(ctx)
reports.report_buttons(ctx)
chosen = explore.explore_table(ctx)
if chosen:
    explore.detail(ctx, chosen)
    progress.item_progress(ctx, chosen)
    editing.edit_panel(ctx, chosen)
st.caption(ctx.t("explore.link"))
st.code(explore.view_link(ctx), language=None)
