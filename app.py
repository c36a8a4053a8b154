"""Placeholder entry point until the dashboard pages land: shows the table's size."""

import streamlit as st

from dashboard.load import LoadError, load_with_meta

st.set_page_config(page_title="関西広域産業ビジョン アクションプラン", layout="wide")
try:
    df, meta = load_with_meta()
except LoadError as exc:
    st.error(exc.message("ja"))
    st.stop()
st.title(meta["plan"]["title"][0])
st.metric("取組数", len(df))
