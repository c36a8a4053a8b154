"""Floor B: a minimal dashboard page — one multiselect, one Plotly bar chart of an aggregate, one
st.dataframe of the plan's ~150 rows of Japanese text (the real table's text columns).

Written the plain way a Streamlit tutorial would: cached load, filter, groupby, figure, table.
BENCH_FLOOR_CHARTS=N draws N such charts instead of one (floor "B×N", a reference for pages with
several charts; N = 1 is floor B).
"""

import os
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

DATA = Path(__file__).resolve().parents[2] / "data" / "initiatives.parquet"
COLUMNS = ["id", "area", "phase", "actor", "text"]
N_CHARTS = max(1, int(os.environ.get("BENCH_FLOOR_CHARTS", "1")))

st.set_page_config(page_title="floor B", layout="wide")


@st.cache_data
def load() -> pd.DataFrame:
    return pd.read_parquet(DATA, columns=COLUMNS)


df = load()
chosen = st.sidebar.multiselect("分野", list(df["area"].cat.categories), key="w_area", placeholder="すべて")
rows = df[df["area"].isin(chosen)] if chosen else df
st.title("取組の数")
for i in range(N_CHARTS):
    dim = ("area", "phase", "actor")[i % 3]
    counts = rows.groupby(dim, observed=False).size()
    st.plotly_chart(go.Figure(go.Bar(x=[str(a) for a in counts.index], y=counts.tolist())), key=f"bar{i}")
st.dataframe(rows, hide_index=True)
