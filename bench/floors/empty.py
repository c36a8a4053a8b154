"""Floor A: an empty Streamlit page — what every page costs before it does anything."""

import streamlit as st

st.write("関西広域産業ビジョン")
