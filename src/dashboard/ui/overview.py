"""Sections of the overview page (概要)."""

from __future__ import annotations

import streamlit as st

from ..render import escape_md
from ..schema import label
from .context import Ctx
from .widgets import bold, md


def plan_structure(ctx: Ctx) -> None:
    """The plan's introduction and the six areas with their visions (the plan's text is Japanese)."""
    t, plan = ctx.t, ctx.meta["plan"]
    if ctx.lang == "en":
        st.caption(t("overview.lang_note"))
    with st.expander(t("overview.purpose")):
        for para in plan.get("purpose", []):
            md(para)
    c1, c2, c3 = st.columns(3)
    with c1:
        bold(t("overview.vision_2040"))
        for line in plan.get("vision_2040", []):
            md(line)
    with c2:
        bold(t("overview.goals"))
        st.markdown("\n".join(f"- {escape_md(g)}" for g in plan.get("goal", [])))
    with c3:
        bold(t("overview.challenge"))
        st.markdown("\n".join(f"- {escape_md(c)}" for c in plan.get("challenge", [])))
    st.subheader(t("overview.areas"))
    cols = st.columns(3)
    for i, area in enumerate(ctx.meta["areas"]):
        with cols[i % 3].container(border=True):
            bold(label("area", area["code"], ctx.lang))
            st.caption(t("overview.page", page=area["page"]))
            md(area["vision"])
            if area.get("vision_note"):
                st.caption(escape_md(area["vision_note"]))
