"""実施主体: counts by actor per area or per phase; each actor's share per area."""

import streamlit as st

from dashboard import charts, ui

ctx = ui.context()
t = ctx.t
ui.header(ctx, "page.actors")

st.header(t("actors.counts"))
left, right = st.columns(2)
with left:
    dim = ui.dimension_choice(ctx, key="actors_dim")
with right:
    mode = ui.bar_mode(ctx, key="actors_mode")
ui.chart(charts.fig_actor_by(ctx.df, dim, ctx.lang, mode=mode), key="actor_by")
st.header(t("actors.share"))
ui.chart(charts.fig_actor_share(ctx.df, ctx.lang, legend=False), key="actor_share")
st.caption(t("actors.legend_note"))
