"""編集権限 (admins): who may edit which organisation's progress; grant and revoke."""

import streamlit as st

from dashboard.ui import admin
from dashboard.ui.context import context

ctx = context()
st.title(ctx.t("page.access"))
admin.access_page(ctx)
