"""Entry point: page config, the shared sidebar filter, and the page navigation."""

from pathlib import Path

import streamlit as st

from dashboard import i18n
from dashboard.ui import access, context, state

lang = state.current_lang()
t = i18n.catalogue(lang)
st.set_page_config(
    page_title=t("app.title"), page_icon=str(Path(__file__).parent / "assets" / "favicon.png"), layout="wide"
)
viewer = access.current(lang)  # who is signed in, and their role (read-only without [auth])
if access.signin_gate(viewer, lang):
    st.stop()
pages = [
    st.Page("views/overview.py", title=t("page.overview"), default=True, icon=":material/home:"),
    st.Page("views/timeline.py", title=t("page.timeline"), url_path="timeline", icon=":material/timeline:"),
    st.Page("views/matrix.py", title=t("page.matrix"), url_path="matrix", icon=":material/grid_view:"),
    st.Page("views/actors.py", title=t("page.actors"), url_path="actors", icon=":material/groups:"),
    st.Page("views/explore.py", title=t("page.explore"), url_path="explore", icon=":material/table:"),
    st.Page("views/progress.py", title=t("page.progress"), url_path="progress", icon=":material/task_alt:"),
    st.Page("views/analysis.py", title=t("page.analysis"), url_path="analysis", icon=":material/insights:"),
]
if viewer.may_edit:
    pages.append(st.Page("views/bulk.py", title=t("page.bulk"), url_path="bulk", icon=":material/upload_file:"))
if viewer.is_admin:
    pages.append(st.Page("views/history.py", title=t("page.history"), url_path="history", icon=":material/history:"))
    pages.append(
        st.Page("views/access.py", title=t("page.access"), url_path="access", icon=":material/admin_panel_settings:")
    )
nav = st.navigation(pages)
ctx = context.bootstrap(nav.url_path, tuple(p.url_path for p in pages), viewer)
if ctx is None:
    st.stop()
try:
    nav.run()
finally:
    context.release()
