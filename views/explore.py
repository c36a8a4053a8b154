"""一覧・ダウンロード: the filtered table and downloads of exactly those rows."""

import streamlit as st

from dashboard import ui

ctx = ui.context()
t = ctx.t
ui.header(ctx, "page.explore")

ui.downloads(ctx)
ui.table(ctx)
st.caption(t("explore.link"))
st.code(ui.view_link(ctx), language=None)
