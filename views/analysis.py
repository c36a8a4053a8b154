"""分析: instrument types, Expo linkage, 連携候補, progressions and key terms — beyond the document.

One tab at a time: only the open tab's part runs and is sent (the tab is in the URL as `tab=`)."""

import streamlit as st

from dashboard import aggregate, charts, terms
from dashboard.schema import Col
from dashboard.ui import analysis, widgets
from dashboard.ui.context import context, page_header

ctx = context()
t = ctx.t
page_header(ctx, "page.analysis")

tab, box = analysis.analysis_tab(ctx)
with box:
    if tab == "instruments":
        st.header(t("analysis.instruments"))
        st.caption(t("analysis.instruments_note"))
        codes = ctx.codes(Col.INSTRUMENT_TYPES)
        wide, narrow = widgets.wide_and_narrow("instrument_actor")
        with wide:
            widgets.chart(charts.fig_instrument_heatmap(ctx.df, ctx.lang, codes), key="instrument_actor")
        with narrow:
            widgets.chart(charts.fig_instrument_heatmap(ctx.df, ctx.lang, codes, tall=True), key="instrument_tall")
        dim = widgets.dimension_choice(ctx.lang, key="instrument_dim")
        widgets.chart(charts.fig_instrument_mix(ctx.df, dim, ctx.lang, codes), key="instrument_mix")
        st.caption(t("chart.instrument_mix.axis"))
    elif tab == "expo":
        st.header(t("analysis.expo"))
        widgets.chart(charts.fig_expo(ctx.df, ctx.lang), key="expo")
    elif tab == "pairs":
        st.header(t("analysis.pairs"))
        st.info(t("analysis.suggestion"), icon=":material/fact_check:")
        st.caption(t("analysis.pairs_note"))
        st.caption(t("analysis.pairs_left_out"))
        analysis.pairs_table(ctx)
    elif tab == "progression":
        st.header(t("analysis.progression"))
        st.info(t("analysis.progression_suggestion"), icon=":material/fact_check:")
        st.caption(t("analysis.progression_note"))
        hits = aggregate.area_hits(ctx.df)
        area = widgets.area_choice(
            ctx.lang, ctx.filters.areas, "matrix.area", "progression_area", hits=hits, basis=ctx.key
        )
        analysis.progression_view(ctx, area)
    else:
        st.header(t("analysis.terms"))
        st.caption(t("analysis.terms_note"))
        top = terms.top_terms(ctx.df, n=25, codes=ctx.codes(Col.TERMS))
        widgets.chart(charts.fig_terms(top, ctx.lang), key="terms")
        analysis.term_picker(ctx.lang, list(top[terms.TERM]))
        analysis.expo_pointer(ctx)
