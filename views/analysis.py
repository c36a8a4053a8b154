"""分析: instrument types, Expo linkage, 連携候補, progressions and key terms — beyond the document.

One tab at a time: only the open tab's part runs and is sent (the tab is in the URL as `tab=`)."""

import streamlit as st

from dashboard import charts, terms, ui
from dashboard.schema import Col

ctx = ui.context()
t = ctx.t
ui.header(ctx, "page.analysis")

tab, box = ui.analysis_tab(ctx)
with box:
    if tab == "instruments":
        st.header(t("analysis.instruments"))
        st.caption(t("analysis.instruments_note"))
        codes = ui.list_codes(ctx, Col.INSTRUMENT_TYPES)
        ui.chart(charts.fig_instrument_heatmap(ctx.df, ctx.lang, codes), key="instrument_actor")
        dim = ui.dimension_choice(ctx, key="instrument_dim")
        ui.chart(charts.fig_instrument_mix(ctx.df, dim, ctx.lang, codes), key="instrument_mix")
        st.caption(t("chart.instrument_mix.axis"))
    elif tab == "expo":
        st.header(t("analysis.expo"))
        ui.chart(charts.fig_expo(ctx.df, ctx.lang), key="expo")
    elif tab == "pairs":
        st.header(t("analysis.pairs"))
        st.caption(t("analysis.pairs_note"))
        ui.pairs_table(ctx)
    elif tab == "progression":
        st.header(t("analysis.progression"))
        st.caption(t("analysis.progression_note"))
        area = ui.area_choice(ctx, "matrix.area", key="progression_area")
        ui.progression_view(ctx, area)
    else:
        st.header(t("analysis.terms"))
        st.caption(t("analysis.terms_note"))
        top = terms.top_terms(ctx.df, n=25, codes=ui.list_codes(ctx, Col.TERMS))
        ui.chart(charts.fig_terms(top, ctx.lang), key="terms")
        ui.term_picker(ctx, list(top[terms.TERM]))
