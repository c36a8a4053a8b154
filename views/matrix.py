"""分野マトリクス: one area's actor × phase matrix as in the document; area × phase heatmap."""

import streamlit as st

from dashboard import charts, ui

ctx = ui.context()
t = ctx.t
ui.header(ctx, "page.matrix")

area = ui.area_choice(ctx, "matrix.area", key="matrix_area")
ui.matrix_grid(ctx, area)

st.header(t("matrix.heatmap"))
actor = ui.actor_choice(ctx, key="heatmap_actor")
ui.chart(charts.fig_heatmap(ctx.df, ctx.lang, actor=actor), key="heatmap")
