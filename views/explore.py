"""一覧・ダウンロード: the filtered table, downloads of exactly those rows, one initiative's details."""

import streamlit as st

from dashboard import ui

ctx = ui.context()
t = ctx.t
ui.header(ctx, "page.explore")

ui.downloads(ctx)
chosen = ui.explore_table(ctx)
if chosen:
    ui.detail(ctx, chosen)
st.caption(t("explore.link"))
st.code(ui.view_link(ctx), language=None)
