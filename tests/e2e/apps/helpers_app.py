"""A small app that exercises the e2e helpers (tests/e2e/test_support.py); not part of the dashboard."""

import os
import time

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="ヘルパー検査", layout="wide")
st.title("関西の取組を検査する")
flag = st.checkbox("切り替え", key="flag")
st.markdown(f"状態: **{'オン' if flag else 'オフ'}**")
# For the protocol client's and the server's own tests: widgets found by key, what the server was given.
picked = st.multiselect("主体", ["連合", "府県市", "経済団体"], key="pick", placeholder="すべて")
word = st.text_input("語", key="word")
st.markdown(f"選択: {'、'.join(picked) or 'なし'} ／ 語: {word or 'なし'}")
st.markdown(f"表: {os.environ.get('INITIATIVES_PATH', 'なし')} ／ 注: {os.environ.get('HARNESS_NOTE', 'なし')}")
if st.button("遅い処理"):
    time.sleep(2)  # a deliberately slow run, so a test can see the app busy
st.plotly_chart(go.Figure(go.Bar(x=["現状", "万博開催", "万博後"], y=[3, 5, 8])), key="bar")
st.plotly_chart(go.Figure(go.Heatmap(z=[[1, 2], [3, 4]], x=["連合", "府県市"], y=["a", "b"])), key="heatmap")
for i in range(60):
    st.write(f"行 {i + 1}：長いページの本文")
