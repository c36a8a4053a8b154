"""実施主体: counts by actor per area or per phase; each actor's share per area."""

import streamlit as st

from dashboard import charts
from dashboard.ui import widgets
from dashboard.ui.context import context, page_header

ctx = context()
t = ctx.t
page_header(ctx, "page.actors")

st.header(t("actors.counts"))
left, right = st.columns(2)
with left:
    dim = widgets.dimension_choice(ctx.lang, key="actors_dim")
with right:
    mode = widgets.bar_mode(ctx.lang, key="actors_mode")
widgets.chart(charts.fig_actor_by(ctx.df, dim, ctx.lang, mode=mode), key="actor_by")
st.header(t("actors.share"))
widgets.chart(charts.fig_actor_share(ctx.df, ctx.lang, legend=False), key="actor_share")
st.caption(t("actors.legend_note"))
