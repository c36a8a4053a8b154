"""概要: headline counts, the plan's structure, counts by area × actor."""

import streamlit as st

from dashboard import aggregate, charts, ui

ctx = ui.context()
t = ctx.t
ui.header(ctx, "page.overview")

s = aggregate.summary(ctx.df)
c1, c2, c3, c4 = st.columns(4)
c1.metric(t("overview.total"), s["total"], help=t("overview.items", n=s["items"], m=s["sub_items"]))
c2.metric(ui.actor_label(ctx, "union"), s["by_actor"]["union"])
c3.metric(ui.actor_label(ctx, "members"), s["by_actor"]["members"])
c4.metric(t("overview.tentative"), s["tentative"], help=t("overview.tentative_help"))
ui.phase_metrics(ctx, s["by_phase"])

mode = ui.bar_mode(ctx, key="overview_mode")
ui.chart(charts.fig_area_actor(ctx.df, ctx.lang, mode=mode), key="area_actor")

st.header(t("overview.structure"))
ui.plan_structure(ctx)
