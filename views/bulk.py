"""進捗の一括更新: an editor's template, upload, every message and the diff, confirm to apply."""

import streamlit as st

from dashboard.ui import upload
from dashboard.ui.context import context

ctx = context()
st.title(ctx.t("page.bulk"))
upload.bulk_page(ctx)
