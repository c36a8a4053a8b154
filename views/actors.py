"""実施主体: counts by actor per area and per phase; each actor's share per area."""

import streamlit as st

from dashboard import charts, ui
from dashboard.schema import Col

ctx = ui.context()
t = ctx.t
ui.header(ctx, "page.actors")

mode = ui.bar_mode(ctx, key="actors_mode")
left, right = st.columns(2)
with left:
    st.header(t("actors.by_area"))
    ui.chart(charts.fig_actor_by(ctx.df, Col.AREA_CODE, ctx.lang, mode=mode), key="actor_area")
with right:
    st.header(t("actors.by_phase"))
    ui.chart(charts.fig_actor_by(ctx.df, Col.PHASE_CODE, ctx.lang, mode=mode, legend=False), key="actor_phase")
st.header(t("actors.share"))
ui.chart(charts.fig_actor_share(ctx.df, ctx.lang, legend=False), key="actor_share")
st.caption(t("actors.legend_note"))
