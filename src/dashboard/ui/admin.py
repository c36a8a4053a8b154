"""The admins' pages: the history of every write (filter by organisation, writer, date; export) and the grants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import streamlit as st

from .. import progress as P
from ..export import in_jst
from ..progress import access as A
from ..progress.audit import audit_csv, audit_table, audit_xlsx, filter_history, writers
from ..progress.frames import TZ
from ..render import escape_md
from ..schema import ORGANISATION_CODES, label
from . import progress_data
from .context import Ctx

HISTORY_DAYS = 90  # the date filter starts this many days back


def _admin_only(ctx: Ctx) -> bool:
    if ctx.viewer.is_admin and not ctx.viewer.expired:
        return True
    st.info(ctx.t("admin.only"), icon=":material/lock:")
    return False


def history_page(ctx: Ctx) -> None:
    t, lang = ctx.t, ctx.lang
    if not _admin_only(ctx):
        return
    try:
        hist = progress_data.store(P.database_url()).history()
    except P.ProgressError as exc:
        st.warning(escape_md(exc.message(lang)))
        return
    people = writers(hist)
    c1, c2, c3 = st.columns([2, 2, 2])
    orgs = c1.multiselect(
        t("progress.col.organisation"),
        ORGANISATION_CODES,
        format_func=lambda o: label("organisation", o, lang),
        placeholder=t("filter.all"),
        key="audit_orgs",
    )
    subjects = c2.multiselect(
        t("audit.user"),
        list(people),
        format_func=lambda s: f"{people[s]}（{s}）",
        placeholder=t("filter.all"),
        key="audit_users",
    )
    today = datetime.now(TZ).date()  # days are Japan's (the server's clock may be UTC)
    span = c3.date_input(
        t("audit.dates"),
        value=(today - timedelta(days=HISTORY_DAYS), today),
        max_value=today,
        format="YYYY/MM/DD",
        key="audit_dates",
    )
    start, end = (span[0], span[1]) if isinstance(span, tuple) and len(span) == 2 else (span[0] if span else None, None)
    rows = filter_history(hist, orgs, subjects, start, end)
    table = audit_table(rows, ctx.df_all, lang)
    st.caption(t("audit.count", n=len(table), total=len(hist)))
    stamp = in_jst(datetime.now(UTC)).strftime("%Y%m%d-%H%M")
    d1, d2 = st.columns(2)
    d1.download_button(
        t("audit.csv"),
        data=lambda: audit_csv(table),
        file_name=f"progress-history-{stamp}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
    d2.download_button(
        t("audit.xlsx"),
        data=lambda: audit_xlsx(table),
        file_name=f"progress-history-{stamp}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/table_view:",
    )
    st.dataframe(table, hide_index=True, key="audit_table")


def access_page(ctx: Ctx) -> None:
    t, lang = ctx.t, ctx.lang
    if not _admin_only(ctx):
        return
    store = progress_data.store(P.database_url())
    flash = st.session_state.pop("access_flash", None)
    if flash:
        st.success(escape_md(flash), icon=":material/check_circle:")
    st.subheader(t("access.admin.list"))
    items = A.grants(store)
    st.dataframe(A.grants_table(items, lang), hide_index=True, key="access_grants")
    st.caption(t("access.admin.cli"))
    st.code("python -m dashboard.access list", language=None)
    st.subheader(t("access.admin.grant"))
    with st.form("access_grant_form", enter_to_submit=False):
        c1, c2 = st.columns(2)
        email = c1.text_input(t("access.col.email"), max_chars=320, key="access_email")
        subject = c2.text_input(
            t("access.col.subject"), max_chars=255, help=t("access.admin.subject_help"), key="access_subject"
        )
        name = c1.text_input(t("access.col.name"), max_chars=200, key="access_name")
        role = c2.selectbox(
            t("access.col.role"),
            A.GRANTED_ROLES,
            format_func=lambda r: t(f"access.role.{r}"),
            placeholder=t("edit.choose"),
            key="access_role",
        )
        orgs = st.multiselect(
            t("access.col.organisations"),
            ORGANISATION_CODES,
            format_func=lambda o: label("organisation", o, lang),
            placeholder=t("access.admin.orgs_placeholder"),
            key="access_orgs",
        )
        if st.form_submit_button(t("access.admin.grant_button"), type="primary"):
            try:
                g = A.grant(
                    store, role=role, organisations=orgs, subject=subject, email=email, name=name, by=ctx.viewer.user
                )
            except P.ProgressError as exc:
                st.error(escape_md(exc.message(lang)))
            else:
                st.session_state["access_flash"] = t("access.admin.granted", who=g.name or g.email or g.subject)
                st.rerun()
    st.subheader(t("access.admin.revoke"))
    if not items:
        st.caption(t("access.admin.none"))
        return
    keys = [(g.subject or "", g.email or "") for g in items]
    names = {
        k: f"{g.name or g.email or g.subject}（{t('access.role.' + g.role)}）" for k, g in zip(keys, items, strict=True)
    }
    chosen = st.selectbox(
        t("access.admin.who"),
        keys,
        format_func=lambda k: names[k],
        index=None,
        placeholder=t("edit.choose"),
        key="access_revoke_who",
    )
    if st.button(t("access.admin.revoke_button"), disabled=chosen is None, key="access_revoke"):
        if chosen[0] == ctx.viewer.user.subject:
            st.error(t("access.admin.not_yourself"))
            return
        try:
            g = A.revoke(store, subject=chosen[0] or None, email=None if chosen[0] else chosen[1], by=ctx.viewer.user)
        except P.ProgressError as exc:
            st.error(escape_md(exc.message(lang)))
        else:
            st.session_state["access_flash"] = t("access.admin.revoked", who=g.name or g.email or g.subject)
            st.rerun()
