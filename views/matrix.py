"""分野マトリクス: one area's actor × phase matrix as in the document; area × phase heatmap."""

import streamlit as st

from dashboard import aggregate, charts
from dashboard.ui import matrix, reports, widgets
from dashboard.ui.context import context, page_header

ctx = context()
page_header(ctx, "page.matrix")
reports.report_buttons(ctx)

hits = aggregate.area_hits(ctx.df)
area = widgets.area_choice(ctx.lang, ctx.filters.areas, "matrix.area", "matrix_area", hits=hits, basis=ctx.key)
widgets.empty_focus_notice(ctx.lang, area, hits)
matrix.matrix_grid(ctx, area)

st.header(ctx.t("matrix.heatmap"))
actor = widgets.actor_choice(ctx.lang, key="heatmap_actor")
widgets.chart(charts.fig_heatmap(ctx.df, ctx.lang, actor=actor), key="heatmap")
