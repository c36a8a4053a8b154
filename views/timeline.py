"""タイムライン: one lane per area across 現状 → 万博開催 → 万博後; one area's items phase by phase."""

import streamlit as st

from dashboard import charts
from dashboard.ui import timeline, widgets
from dashboard.ui.context import context, page_header

ctx = context()
page_header(ctx, "page.timeline")
fig = charts.fig_timeline(ctx.df, ctx.meta["areas"], ctx.lang, areas=ctx.filters.areas or None)
widgets.chart(fig, key="timeline")

area = widgets.area_choice(ctx.lang, ctx.filters.areas, "timeline.focus", key="timeline_area", allow_none=True)
if area:
    timeline.phase_columns(ctx, area)
else:
    st.caption(ctx.t("common.tentative_note"))
