"""進捗の一括更新: download my template, upload it, read every message and the diff, confirm to apply.

Checking and applying are both `progress.import_file` (the command line's import) with the signed-in
user, so a file gets the same messages and the same authorization as `python -m dashboard.progress
import FILE --by NAME`: first as a dry run, then, after the person confirms, for real. The upload is
kept only in this session (the widget) and in a temporary file for the length of one call.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from pathlib import Path

import streamlit as st

from .. import progress as P
from ..progress import workbook
from ..progress.review import conflicts_table, diff_table, problems_table
from ..render import escape_md
from ..schema import ACTOR_ORGANISATIONS, FISCAL_YEARS, ORGANISATION_CODES, label
from . import access, progress_data
from .context import Ctx

# A member's template is ≈ 23 kB (docs/access.md); even with every text filled to its limit it stays under 1 MB.
MAX_UPLOAD_MB = 1
K_UPLOADER = "bulk_upload_n"  # bumped after an apply: a fresh, empty uploader
_NAME_RE = re.compile(r"[^\w.\-()（）]")


def safe_name(name: str) -> str:
    """The uploaded file's own name (no folders, odd characters replaced), as the history records it."""
    base = Path(str(name).replace("\\", "/")).name.strip() or "upload"
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    return _NAME_RE.sub("_", stem)[:80] + _NAME_RE.sub("_", suffix)[:8]


def _import(ctx: Ctx, name: str, data: bytes, *, dry_run: bool, skip_conflicts: bool = False) -> P.ImportReport:
    with tempfile.TemporaryDirectory(prefix="upload-") as d:
        path = Path(d) / safe_name(name)
        path.write_bytes(data)
        return P.import_file(
            progress_data.store(P.database_url()),
            path,
            ctx.df_all,
            ctx.viewer.user,
            dry_run=dry_run,
            skip_conflicts=skip_conflicts,
        )


def _my_orgs(ctx: Ctx) -> list[str]:
    u = ctx.viewer.user
    return [o for o in ORGANISATION_CODES if u.may_write(o)]


def bulk_page(ctx: Ctx) -> None:
    t, lang, v = ctx.t, ctx.lang, ctx.viewer
    if not v.may_edit or v.expired:
        reason = t("edit.no_auth") if not v.auth else t("edit.sign_in") if not v.signed_in else None
        if reason is None:
            reason = (
                t("edit.expired", hours=f"{access.max_age_hours():g}")
                if v.expired
                else t("edit.no_grant", contact=access.contact(lang))
            )
        st.info(escape_md(reason), icon=":material/lock:")
        return
    st.caption(t("bulk.intro"))
    st.subheader(t("bulk.step1"))
    orgs = _my_orgs(ctx)
    c1, c2 = st.columns(2)
    org = c1.selectbox(
        t("edit.organisation"), orgs, format_func=lambda o: label("organisation", o, lang), key="bulk_org"
    )
    default_fy = (
        ctx.progress.fiscal_year if ctx.progress and ctx.progress.fiscal_year in FISCAL_YEARS else FISCAL_YEARS[-1]
    )
    fy = c2.selectbox(
        t("edit.fiscal_year"),
        FISCAL_YEARS,
        index=FISCAL_YEARS.index(default_fy),
        format_func=lambda y: t("edit.fy", fy=y),
        placeholder=t("edit.choose"),
        key="bulk_fy",
    )
    plan = ctx.df_all

    def template() -> bytes:
        return workbook.template(plan, progress_data.store(P.database_url()).records(fy), org, fy, None, lang)

    st.download_button(
        t("bulk.download"),
        data=template,
        file_name=f"progress-{org}-{fy}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/download:",
        help=t(
            "bulk.download_help",
            actor=label("actor", next(a for a, o in ACTOR_ORGANISATIONS.items() if org in o), lang),
        ),
    )
    st.subheader(t("bulk.step2"))
    n = st.session_state.get(K_UPLOADER, 0)
    done = st.session_state.pop("bulk_done", None)
    if done:
        st.success(t("bulk.applied", n=done[0], version=done[1], file=done[2]), icon=":material/check_circle:")
    up = st.file_uploader(
        t("bulk.upload"),
        type=None,  # every file reaches the import's own checks, and its message in the user's language
        max_upload_size=MAX_UPLOAD_MB,
        help=t("bulk.upload_help", mb=MAX_UPLOAD_MB),
        key=f"bulk_upload_{n}",
    )
    if up is None:
        return
    data = up.getvalue()
    name = up.name
    try:
        report = _import(ctx, name, data, dry_run=True)
    except (P.FileRejected, P.WriteRefused) as exc:
        st.error(escape_md(t("bulk.rejected", file=safe_name(name), n=len(exc.problems))), icon=":material/error:")
        st.dataframe(problems_table(exc.problems, lang), hide_index=True, key="bulk_problems")
        return
    except P.ProgressError as exc:
        st.error(escape_md(exc.message(lang)), icon=":material/database:")
        return
    _review(ctx, report, name, data)


def _review(ctx: Ctx, report: P.ImportReport, name: str, data: bytes) -> None:
    t, lang = ctx.t, ctx.lang
    result = report.result
    n = {k: len(result.of_kind(k)) for k in ("new", "changed", "unchanged")}
    st.subheader(t("bulk.step3"))
    st.caption(t("progress.diff.summary", conflicts=len(result.conflicts), **n))
    diff = diff_table(result, ctx.df_all, lang)
    if not diff.empty:
        st.dataframe(diff, hide_index=True, key="bulk_diff")
    skip = False
    if result.conflicts:
        st.warning(t("bulk.conflicts", n=len(result.conflicts)), icon=":material/sync_problem:")
        st.dataframe(conflicts_table(result, lang), hide_index=True, key="bulk_conflicts")
        skip = st.checkbox(t("bulk.skip_conflicts"), key="bulk_skip")
    todo = n["new"] + n["changed"]
    if not todo:
        st.info(t("bulk.nothing"))
        return
    blocked = bool(result.conflicts) and not skip
    sha = hashlib.sha256(data).hexdigest()
    if st.button(
        t("bulk.apply", n=todo),
        type="primary",
        disabled=blocked,
        key=f"bulk_apply_{sha[:12]}",
        icon=":material/publish:",
    ):
        try:
            applied = _import(ctx, name, data, dry_run=False, skip_conflicts=skip)
        except (P.FileRejected, P.WriteRefused) as exc:
            st.error(escape_md(t("bulk.rejected", file=safe_name(name), n=len(exc.problems))))
            st.dataframe(problems_table(exc.problems, lang), hide_index=True)
            return
        except P.ProgressError as exc:
            st.error(escape_md(exc.message(lang)))
            return
        if applied.result.conflicts and not skip:
            st.warning(t("bulk.conflicts", n=len(applied.result.conflicts)))
            return
        st.session_state["bulk_done"] = (applied.result.written, applied.result.data_version, safe_name(name))
        st.session_state[K_UPLOADER] = st.session_state.get(K_UPLOADER, 0) + 1
        st.rerun()
