"""The edit form in the explorer's detail panel: one record (initiative × fiscal year × organisation).

Only a signed-in editor of an organisation that may report on the initiative (or an admin) gets
the form; everyone else is told why not. The form remembers the version it was loaded at; saving
goes through the one write path with that version, so a record saved meanwhile by someone else is
a conflict: the stored values and who saved them are shown next to this form's (which stay in the
form), and the person chooses — nothing is overwritten unseen. The write path checks the role again.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from .. import progress as P
from ..progress.form import FORM_FIELDS, conflict_table, form_change, form_values, problem_text
from ..render import escape_md
from ..schema import (
    ACTOR_ORGANISATIONS,
    FISCAL_YEARS,
    ORGANISATION_CODES,
    PROGRESS_TEXT_LIMITS,
    STATUS_CODES,
    Col,
    PCol,
    label,
)
from . import access, progress_data
from .context import Ctx

_TEXT_FIELDS = (PCol.INDICATOR, PCol.TARGET, PCol.ACTUAL, PCol.UNIT, PCol.EVIDENCE_URL)


def _prefix(item_id: str, fy: int, org: str) -> str:
    return f"edit|{item_id}|{fy}|{org}"


def _wkey(prefix: str, field: str) -> str:
    return f"{prefix}|{field}"


def _stored(ctx: Ctx, item_id: str, fy: int, org: str) -> dict | None:
    """The record as stored now (this run's records when they are current, else a fresh read)."""
    pv = ctx.progress
    records = pv.records if pv is not None and pv.as_of is None and not pv.problem else None
    if records is None:
        records = progress_data.store(P.database_url()).records(fy)
    r = records[
        (records[PCol.ID].astype(str) == item_id)
        & (records[PCol.FISCAL_YEAR].astype(int) == int(fy))
        & (records[PCol.ORGANISATION].astype(str) == org)
    ]
    return r.iloc[0].to_dict() if len(r) else None


def _version(stored: dict | None) -> int | None:
    return int(stored[PCol.VERSION]) if stored else None


def _load(prefix: str, stored: dict | None) -> None:
    """Put the stored values in the form and remember their version (a callback, or before the widgets)."""
    ss = st.session_state
    for f, v in form_values(stored).items():
        ss[_wkey(prefix, f)] = v
    ss[f"{prefix}|seen"] = _version(stored)
    ss.pop(f"{prefix}|conflict", None)


def _keep_mine(prefix: str, version: int | None) -> None:
    """Conflict resolved in favour of this form: save it over the version now stored (checked again)."""
    ss = st.session_state
    ss[f"{prefix}|seen"] = version
    ss.pop(f"{prefix}|conflict", None)
    ss[f"{prefix}|resave"] = True


def why_not(ctx: Ctx, item_id: str) -> str | None:
    """Why this viewer gets no form for `item_id` (None: they get one)."""
    v, t = ctx.viewer, ctx.t
    if not v.auth:
        return t("edit.no_auth")
    if not v.signed_in:
        return t("edit.sign_in")
    if v.expired:
        return t("edit.expired", hours=f"{access.max_age_hours():g}")
    if v.problem:
        return v.problem
    if v.user.role not in ("editor", "admin"):
        return t("edit.no_grant", contact=access.contact(ctx.lang))
    if not allowed_organisations(ctx, item_id):
        actor = _actor(ctx, item_id)
        orgs = "、".join(label("organisation", o, ctx.lang) for o in ORGANISATION_CODES if o in v.user.organisations)
        return t("edit.not_yours", actor=label("actor", actor, ctx.lang), orgs=orgs)
    return None


def _actor(ctx: Ctx, item_id: str) -> str:
    rows = ctx.df_all[ctx.df_all[Col.ID].astype(str) == item_id]
    return str(rows.iloc[0][Col.ACTOR_CODE]) if len(rows) else ""


def allowed_organisations(ctx: Ctx, item_id: str) -> list[str]:
    """The organisations this viewer may record for `item_id` (the initiative's actor's, in their grant)."""
    if not ctx.viewer.may_edit or ctx.viewer.expired:
        return []
    return [o for o in ACTOR_ORGANISATIONS.get(_actor(ctx, item_id), ()) if ctx.viewer.user.may_write(o)]


def edit_panel(ctx: Ctx, item_id: str) -> None:
    """The edit form for `item_id`, or one line on why there is none."""
    t = ctx.t
    with st.container(border=True, key="edit_panel"):
        st.markdown(f"**{escape_md(t('edit.title'))}**")
        reason = why_not(ctx, item_id)
        if reason:
            st.caption(escape_md(reason))
            return
        orgs = allowed_organisations(ctx, item_id)
        c1, c2 = st.columns(2)
        default_fy = (
            ctx.progress.fiscal_year if ctx.progress and ctx.progress.fiscal_year in FISCAL_YEARS else FISCAL_YEARS[-1]
        )
        fy = c1.selectbox(
            t("edit.fiscal_year"),
            FISCAL_YEARS,
            index=FISCAL_YEARS.index(default_fy),
            format_func=lambda y: t("edit.fy", fy=y),
            placeholder=t("edit.choose"),
            key=f"edit_fy|{item_id}",
        )
        org = c2.selectbox(
            t("edit.organisation"),
            orgs,
            format_func=lambda o: label("organisation", o, ctx.lang),
            placeholder=t("edit.choose"),
            key=f"edit_org|{item_id}",
        )
        _form(ctx, item_id, int(fy), str(org))


def _form(ctx: Ctx, item_id: str, fy: int, org: str) -> None:
    t, lang, ss = ctx.t, ctx.lang, st.session_state
    prefix = _prefix(item_id, fy, org)
    stored = _stored(ctx, item_id, fy, org)
    if f"{prefix}|seen" not in ss:
        _load(prefix, stored)
    saved = ss.pop(f"{prefix}|saved", None)
    if saved is not None:
        st.success(t("edit.saved", version=saved), icon=":material/check_circle:")
    if stored is None:
        st.caption(t("edit.new_record", fy=fy, org=label("organisation", org, lang)))
    else:
        when = pd.Timestamp(stored[PCol.UPDATED_AT]).tz_convert("Asia/Tokyo").strftime("%Y/%m/%d %H:%M")
        st.caption(escape_md(t("edit.loaded", version=stored[PCol.VERSION], by=stored[PCol.UPDATED_BY], when=when)))
    conflict = ss.get(f"{prefix}|conflict")
    if conflict is not None:
        _conflict_panel(ctx, prefix, conflict)
    with st.form(key=f"{prefix}|form", border=False, enter_to_submit=False):
        st.selectbox(
            t("progress.col.status"),
            STATUS_CODES,
            index=None,
            format_func=lambda c: label("status", c, lang),
            placeholder=t("edit.choose"),
            key=_wkey(prefix, PCol.STATUS),
        )
        st.number_input(
            t("progress.col.progress_pct"),
            min_value=0.0,
            max_value=100.0,
            step=5.0,
            format="%.0f",
            placeholder=t("edit.pct_placeholder"),
            help=t("progress.rule"),
            key=_wkey(prefix, PCol.PROGRESS_PCT),
        )
        st.text_area(
            t("progress.col.achievement"),
            max_chars=PROGRESS_TEXT_LIMITS[PCol.ACHIEVEMENT],
            key=_wkey(prefix, PCol.ACHIEVEMENT),
        )
        cols = st.columns(2)
        for i, f in enumerate(_TEXT_FIELDS):
            cols[i % 2].text_input(t(f"progress.col.{f}"), max_chars=PROGRESS_TEXT_LIMITS[f], key=_wkey(prefix, f))
        st.date_input(
            t("progress.col.as_of"),
            min_value=date(2000, 1, 1),
            max_value=date(FISCAL_YEARS[-1] + 2, 3, 31),
            format="YYYY/MM/DD",
            key=_wkey(prefix, PCol.AS_OF),
        )
        submitted = st.form_submit_button(t("edit.save"), type="primary", icon=":material/save:")
    if submitted or ss.pop(f"{prefix}|resave", False):
        _save(ctx, prefix, item_id, fy, org)


def _conflict_panel(ctx: Ctx, prefix: str, conflict: dict) -> None:
    t, lang, ss = ctx.t, ctx.lang, st.session_state
    stored = conflict["stored"]
    if stored is None:
        st.warning(t("edit.conflict.gone"))
        return
    when = pd.Timestamp(stored[PCol.UPDATED_AT]).tz_convert("Asia/Tokyo").strftime("%Y/%m/%d %H:%M")
    st.warning(
        escape_md(t("edit.conflict.message", by=stored[PCol.UPDATED_BY], when=when, version=stored[PCol.VERSION])),
        icon=":material/sync_problem:",
    )
    mine = {f: ss.get(_wkey(prefix, f)) for f in FORM_FIELDS}
    st.dataframe(conflict_table(stored, mine, lang), hide_index=True, key=f"{prefix}|conflict_table")
    c1, c2 = st.columns(2)
    c1.button(
        t("edit.conflict.take_theirs"),
        key=f"{prefix}|take_theirs",
        on_click=_load,
        args=(prefix, stored),
        width="stretch",
    )
    c2.button(
        t("edit.conflict.keep_mine"),
        key=f"{prefix}|keep_mine",
        on_click=_keep_mine,
        args=(prefix, int(stored[PCol.VERSION])),
        width="stretch",
    )


def _save(ctx: Ctx, prefix: str, item_id: str, fy: int, org: str) -> None:
    t, lang, ss = ctx.t, ctx.lang, st.session_state
    if not ctx.viewer.may_edit:  # signed out or the role is gone (the write path checks the stored role anyway)
        st.error(t("edit.no_longer"))
        return
    raw = {f: ss.get(_wkey(prefix, f)) for f in FORM_FIELDS}
    change, problems = form_change(item_id, fy, org, raw, ss.get(f"{prefix}|seen"), ref=t("edit.ref"))
    if problems:
        for p in problems:
            st.error(escape_md(problem_text(p, lang)), icon=":material/error:")
        return
    try:
        result = P.write_progress(
            progress_data.store(P.database_url()), [change], ctx.viewer.user, P.Source("form"), ctx.df_all
        )
    except P.WriteRefused as exc:
        st.error(escape_md(exc.message(lang)), icon=":material/block:")
        return
    except P.ProgressError as exc:
        st.error(escape_md(exc.message(lang)), icon=":material/database:")
        return
    if result.conflicts:
        c = result.conflicts[0]
        ss[f"{prefix}|conflict"] = {"stored": c.stored, "seen": c.seen_version}
        st.rerun()
    if not result.written:
        st.info(t("edit.unchanged"))
        return
    ss.pop(f"{prefix}|seen", None)  # the next run loads the saved record and its new version
    ss[f"{prefix}|saved"] = _version_after(result, change)
    st.rerun()


def _version_after(result: P.WriteResult, change: P.Change) -> int:
    diff = next(d for d in result.diffs if d.key == change.key)
    return int(diff.before[PCol.VERSION]) + 1 if diff.before else 1


def progress_notice(ctx: Ctx) -> None:
    """On the 進捗 page: how editing works here — or, without [auth], that it is off and how to turn it on."""
    t, v = ctx.t, ctx.viewer
    if not v.auth:
        st.info(t("edit.enable"), icon=":material/edit_off:")
        st.code("make try-signin", language=None)
    elif v.may_edit and not v.expired:
        st.caption(t("edit.how"))
    elif v.signed_in and not v.expired and not v.problem:
        st.caption(escape_md(t("edit.no_grant", contact=access.contact(ctx.lang))))
