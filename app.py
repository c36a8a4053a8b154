"""Entry point: page config, the shared sidebar filter, and the page navigation."""

from pathlib import Path

import streamlit as st

from dashboard import i18n
from dashboard.ui import context, state

lang = state.current_lang()
t = i18n.catalogue(lang)
st.set_page_config(
    page_title=t("app.title"), page_icon=str(Path(__file__).parent / "assets" / "favicon.png"), layout="wide"
)
pages = [
    st.Page("views/overview.py", title=t("page.overview"), default=True, icon=":material/home:"),
    st.Page("views/timeline.py", title=t("page.timeline"), url_path="timeline", icon=":material/timeline:"),
    st.Page("views/matrix.py", title=t("page.matrix"), url_path="matrix", icon=":material/grid_view:"),
    st.Page("views/actors.py", title=t("page.actors"), url_path="actors", icon=":material/groups:"),
    st.Page("views/explore.py", title=t("page.explore"), url_path="explore", icon=":material/table:"),
    st.Page("views/progress.py", title=t("page.progress"), url_path="progress", icon=":material/task_alt:"),
    st.Page("views/analysis.py", title=t("page.analysis"), url_path="analysis", icon=":material/insights:"),
]
nav = st.navigation(pages)
ctx = context.bootstrap(nav.url_path, tuple(p.url_path for p in pages))
if ctx is None:
    st.stop()
try:
    nav.run()
finally:
    context.release()
