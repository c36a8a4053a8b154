"""タイムライン: one lane per area across 現状 → 万博開催 → 万博後; one area's items phase by phase."""

import streamlit as st

from dashboard import aggregate, charts
from dashboard.ui import timeline, widgets
from dashboard.ui.context import context, page_header

ctx = context()
page_header(ctx, "page.timeline")
wide, narrow = widgets.wide_and_narrow("timeline")
with wide:
    widgets.chart(charts.fig_timeline(ctx.df, ctx.meta["areas"], ctx.lang, areas=ctx.filters.areas or None), "timeline")
with narrow:
    fig = charts.fig_timeline(ctx.df, ctx.meta["areas"], ctx.lang, areas=ctx.filters.areas or None, compact=True)
    widgets.chart(fig, "timeline_compact")

hits = aggregate.area_hits(ctx.df)
area = widgets.area_choice(ctx.lang, ctx.filters.areas, "timeline.focus", "timeline_area", True, hits, ctx.key)
widgets.empty_focus_notice(ctx.lang, area, hits)
if area:
    timeline.phase_columns(ctx, area)
else:
    st.caption(ctx.t("common.tentative_note"))
