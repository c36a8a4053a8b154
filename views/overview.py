"""概要: headline counts, the plan's structure, counts by area × actor."""

import streamlit as st

from dashboard import aggregate, charts
from dashboard.schema import label
from dashboard.ui import overview, widgets
from dashboard.ui.context import context, page_header

ctx = context()
t = ctx.t
page_header(ctx, "page.overview")

s = aggregate.summary(ctx.df)  # in initiatives: an item with its sub-items counts once
c1, c2, c3, c4 = st.columns(4)
c1.metric(t("overview.total"), s["total"], help=t("overview.items", rows=s["rows"], n=s["items"], m=s["sub_items"]))
c2.metric(label("actor", "union", ctx.lang), s["by_actor"]["union"])
c3.metric(label("actor", "members", ctx.lang), s["by_actor"]["members"])
c4.metric(t("overview.tentative"), s["tentative"], help=t("overview.tentative_help"))
widgets.phase_metrics(ctx.lang, s["by_phase"])
st.caption(t("overview.unit_note"))

mode = widgets.bar_mode(ctx.lang, key="overview_mode")
widgets.chart(charts.fig_area_actor(ctx.df, ctx.lang, mode=mode), key="area_actor")

st.header(t("overview.structure"))
overview.plan_structure(ctx)
