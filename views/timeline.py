"""タイムライン: one lane per area across 現状 → 万博開催 → 万博後; one area's items phase by phase."""

import streamlit as st

from dashboard import charts, ui

ctx = ui.context()
ui.header(ctx, "page.timeline")
ui.chart(charts.fig_timeline(ctx.df, ctx.meta["areas"], ctx.lang, areas=ctx.filters.areas or None), key="timeline")

area = ui.area_choice(ctx, "timeline.focus", key="timeline_area", allow_none=True)
if area:
    ui.phase_columns(ctx, area)
else:
    st.caption(ctx.t("common.tentative_note"))
