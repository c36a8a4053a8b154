"""更新履歴 (admins): every write with who (subject), when and from where; filter and export."""

import streamlit as st

from dashboard.ui import admin
from dashboard.ui.context import context

ctx = context()
st.title(ctx.t("page.history"))
admin.history_page(ctx)
