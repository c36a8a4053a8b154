"""Who is looking: Streamlit's OpenID Connect sign-in (st.login / st.user / st.logout) → a progress User.

Without an `[auth]` section in secrets.toml the app is read-only for everyone. With it, a signed-in
person's role comes from the progress database's grants (progress.access), read on every run; the
write path checks it once more at save time. Settings (environment):
    DASHBOARD_REQUIRE_SIGNIN=1        nothing is shown before sign-in (read access needs an account too)
    DASHBOARD_SIGNIN_MAX_HOURS=12     a sign-in older than this (the ID token's `iat`) no longer edits
    DASHBOARD_ACCESS_CONTACT="…"      whom a signed-in person without a grant should ask
    DASHBOARD_TRYOUT=1                the local try-out (make try-signin): says so on every page
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from datetime import UTC, datetime

import streamlit as st

from .. import i18n
from .. import progress as P
from ..progress import access as A
from ..render import escape_md
from ..schema import ORGANISATION_CODES, label
from . import progress_data

ENV_REQUIRE = "DASHBOARD_REQUIRE_SIGNIN"
ENV_MAX_HOURS = "DASHBOARD_SIGNIN_MAX_HOURS"
ENV_CONTACT = "DASHBOARD_ACCESS_CONTACT"
ENV_TRYOUT = "DASHBOARD_TRYOUT"
DEFAULT_MAX_HOURS = 12.0


@dataclass(frozen=True)
class Viewer:
    """The person of this run: their User (a nameless viewer when not signed in) and the sign-in state."""

    user: P.User
    auth: bool = False  # [auth] is configured: signing in is possible
    signed_in: bool = False
    expired: bool = False  # signed in too long ago to edit: sign in again
    problem: str | None = None  # the role could not be read (database fault): a viewer for now

    @property
    def may_edit(self) -> bool:
        return self.signed_in and self.user.role in ("editor", "admin")

    @property
    def is_admin(self) -> bool:
        return self.signed_in and self.user.role == "admin"


ANONYMOUS = Viewer(P.User("", ""))


def auth_configured() -> bool:
    """True when secrets.toml has an `[auth]` section (any read problem: False, read-only)."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets file, or one that does not parse: no sign-in
        return False
    return bool(section)


def require_signin() -> bool:
    return os.environ.get(ENV_REQUIRE, "").strip().lower() in ("1", "true", "yes")


def is_tryout() -> bool:
    return os.environ.get(ENV_TRYOUT, "").strip() == "1"


def max_age_hours() -> float:
    try:
        return float(os.environ.get(ENV_MAX_HOURS, DEFAULT_MAX_HOURS))
    except ValueError:
        return DEFAULT_MAX_HOURS


def _claims() -> dict:
    try:
        return dict(st.user.to_dict())
    except Exception:  # no run context
        return {}


def _too_old(claims: dict, now: datetime) -> bool:
    iat = claims.get("iat")
    if isinstance(iat, bool) or not isinstance(iat, (int, float)):
        return True  # a sign-in of unknown age does not edit
    return (now.timestamp() - float(iat)) > max_age_hours() * 3600


def current(lang: str) -> Viewer:
    """This run's viewer; never raises (a bad cookie is no sign-in; a database fault, a viewer)."""
    setup_logging()
    auth = auth_configured()
    claims = _claims() if auth else {}
    if not auth or claims.get("is_logged_in") is not True or not str(claims.get("sub") or "").strip():
        return Viewer(ANONYMOUS.user, auth=auth)
    name = str(claims.get("name") or claims.get("email") or claims.get("sub"))[:200]
    if _too_old(claims, datetime.now(UTC)):
        return Viewer(P.User(str(claims["sub"]), name), auth=True, signed_in=True, expired=True)
    try:
        user = A.signed_in_user(progress_data.store(P.database_url()), claims)
    except P.ProgressError as exc:
        return Viewer(P.User(str(claims["sub"]), name), auth=True, signed_in=True, problem=exc.message(lang))
    return Viewer(user, auth=True, signed_in=True)


def contact(lang: str) -> str:
    """Whom to ask for edit rights: the configured contact, else the admins' names, else a generic line."""
    t = i18n.catalogue(lang)
    configured = os.environ.get(ENV_CONTACT, "").strip()
    if configured:
        return configured
    try:
        admins = [g.name or g.email for g in A.grants(progress_data.store(P.database_url())) if g.role == "admin"]
    except P.ProgressError:
        admins = []
    admins = [a for a in admins if a]
    return "、".join(admins[:3]) if admins else t("access.contact.default")


def role_line(viewer: Viewer, lang: str) -> str:
    """One line: who is signed in and what they may do."""
    t = i18n.catalogue(lang)
    u = viewer.user
    if viewer.expired:
        return t("access.sidebar.expired", name=u.name, hours=f"{max_age_hours():g}")
    if viewer.problem:
        return t("access.sidebar.role_unknown", name=u.name)
    if u.role == "admin":
        return t("access.sidebar.admin", name=u.name)
    if u.role == "editor":
        orgs = "、".join(label("organisation", o, lang) for o in ORGANISATION_CODES if o in u.organisations)
        return t("access.sidebar.editor", name=u.name, orgs=orgs)
    return t("access.sidebar.viewer", name=u.name)


def sidebar_box(viewer: Viewer, lang: str) -> None:
    """Sign in / sign out in the sidebar, and who is signed in (nothing without [auth])."""
    if not viewer.auth:
        return
    t = i18n.catalogue(lang)
    box = st.sidebar.container(border=True)
    if not viewer.signed_in:
        box.caption(t("access.sidebar.signed_out"))
        if box.button(t("access.sign_in"), key="access_sign_in", icon=":material/login:", width="stretch"):
            st.login()
        return
    box.caption(escape_md(role_line(viewer, lang)))
    if viewer.expired and box.button(t("access.sign_in_again"), key="access_sign_in_again", icon=":material/login:"):
        st.login()
    if box.button(t("access.sign_out"), key="access_sign_out", icon=":material/logout:", width="stretch"):
        st.logout()


def signin_gate(viewer: Viewer, lang: str) -> bool:
    """With DASHBOARD_REQUIRE_SIGNIN and [auth]: True (and a sign-in prompt shown) when the page must not show."""
    if not (viewer.auth and require_signin()) or viewer.signed_in:
        return False
    t = i18n.catalogue(lang)
    st.title(t("app.title"))
    st.info(t("access.required"), icon=":material/lock:")
    if st.button(t("access.sign_in"), key="access_gate_sign_in", icon=":material/login:"):
        st.login()
    return True


def tryout_banner(lang: str) -> None:
    if is_tryout():
        st.warning(i18n.catalogue(lang)("access.tryout.banner"), icon=":material/science:")


_LOGGING_READY = False


def setup_logging() -> None:
    """Once per process: the dashboard's own log lines (refused writes, role changes) go to stderr with a time."""
    global _LOGGING_READY
    if _LOGGING_READY:
        return
    logger = logging.getLogger("dashboard")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
    _LOGGING_READY = True
