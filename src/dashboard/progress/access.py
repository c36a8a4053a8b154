"""Who may edit progress: grants in the progress database, looked up by the identity provider's subject.

    user = signed_in_user(store, claims)        # st.user's claims → User (viewer without a grant)
    grant(store, role="editor", organisations=("hyogo",), email="a@pref.example", by=admin)
    revoke(store, subject="…", by=admin)
    grants(store) -> list[Grant]

A grant names a person by the provider's stable subject (`sub`) or, until they first sign in, by
their e-mail; at that first sign-in the e-mail grant is bound to the subject (and stays keyed by
it: a later change of e-mail changes nothing). Roles: viewer (everyone, no row), editor (one or
more organisations), admin (every organisation, manages grants). Every grant, revoke and binding
is in access_history with who did it. The write path calls `effective_user` inside its
transaction, so the role is the stored one at save time, whatever the caller claims.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import sqlalchemy as sa

from ..i18n import catalogue
from ..schema import ORGANISATION_CODES, label
from . import frames
from .errors import AccessRefused, Problem
from .models import access_history
from .models import grant as grant_table
from .store import Store
from .user import User

GRANTED_ROLES = ("editor", "admin")
log = logging.getLogger("dashboard.progress.access")


@dataclass(frozen=True)
class Grant:
    """One row of access_grant."""

    subject: str | None
    email: str | None
    name: str | None
    role: str
    organisations: tuple[str, ...]
    granted_by: str
    granted_at: datetime
    bound_at: datetime | None = None

    def user(self, subject: str, name: str) -> User:
        orgs = frozenset(ORGANISATION_CODES) if self.role == "admin" else frozenset(self.organisations)
        return User(subject=subject, name=name, role=self.role, organisations=orgs)


def normalise_email(email: str | None) -> str | None:
    """An e-mail as grants store it (trimmed, lower-case), or None for a blank one."""
    if email is None:
        return None
    email = str(email).strip().lower()
    return email or None


def check_grant(role: str, organisations: Iterable[str], subject: str | None, email: str | None) -> list[Problem]:
    """What is wrong with a grant before any database work (pure)."""
    problems = []
    orgs = list(organisations)
    if not (subject and subject.strip()) and not normalise_email(email):
        problems.append(Problem("", "access.error.who"))
    if email and "@" not in email:
        problems.append(Problem("", "access.error.email", {"value": email[:80]}))
    if role not in GRANTED_ROLES:
        problems.append(Problem("", "access.error.role", {"value": role, "valid": ", ".join(GRANTED_ROLES)}))
    unknown = [o for o in orgs if o not in ORGANISATION_CODES]
    if unknown:
        problems.append(
            Problem("", "access.error.org", {"value": ", ".join(unknown), "valid": ", ".join(ORGANISATION_CODES)})
        )
    if role == "editor" and not orgs:
        problems.append(Problem("", "access.error.editor_needs_org"))
    return problems


def _row_to_grant(r: Mapping[str, Any]) -> Grant:
    return Grant(
        subject=r["subject"],
        email=r["email"],
        name=r["name"],
        role=r["role"],
        organisations=tuple(o for o in (r["organisations"] or "").split(",") if o),
        granted_by=r["granted_by"],
        granted_at=frames.utc(r["granted_at"]),
        bound_at=frames.utc(r["bound_at"]) if r["bound_at"] else None,
    )


def _plain(g: Grant | None) -> str | None:
    if g is None:
        return None
    return frames.to_json(
        {"subject": g.subject, "email": g.email, "name": g.name, "role": g.role, "organisations": list(g.organisations)}
    )


def _find(conn: sa.Connection, subject: str | None, email: str | None) -> Mapping | None:
    c = grant_table.c
    if subject:
        row = conn.execute(sa.select(grant_table).where(c.subject == subject)).mappings().first()
        if row is not None:
            return row
    if email:
        return conn.execute(sa.select(grant_table).where(c.email == email)).mappings().first()
    return None


def _log(conn: sa.Connection, action: str, by: User, before: Grant | None, after: Grant | None, now: datetime) -> None:
    who = after or before
    conn.execute(
        access_history.insert().values(
            changed_at=now,
            action=action,
            subject=who.subject if who else None,
            email=who.email if who else None,
            by_subject=by.subject,
            by_name=by.name,
            before=_plain(before),
            after=_plain(after),
        )
    )


def effective_user(conn: sa.Connection, user: User) -> User:
    """`user` with the role and organisations stored for its subject now (the command line's system user as is)."""
    if user.role == "system":
        return user
    row = _find(conn, user.subject, None) if user.subject else None
    stored = _row_to_grant(row).user(user.subject, user.name) if row is not None else User(user.subject, user.name)
    if (stored.role, stored.organisations) != (user.role, user.organisations):
        log.warning(
            "role changed since sign-in: subject=%r claimed role=%s orgs=%s, stored role=%s orgs=%s",
            user.subject,
            user.role,
            ",".join(sorted(user.organisations)) or "-",
            stored.role,
            ",".join(sorted(stored.organisations)) or "-",
        )
    return stored


def _require_admin(conn: sa.Connection, by: User) -> None:
    if effective_user(conn, by).role not in ("admin", "system"):
        log.warning("grant change refused: subject=%r (%s) is not an admin", by.subject, by.name)
        raise AccessRefused([Problem("", "access.error.not_admin", {"user": by.name})])


def grant(
    store: Store,
    *,
    role: str,
    by: User,
    organisations: Iterable[str] = (),
    subject: str | None = None,
    email: str | None = None,
    name: str | None = None,
) -> Grant:
    """Give the person (subject, else e-mail) `role` for `organisations`, replacing any grant they had."""
    subject = subject.strip() if subject and subject.strip() else None
    email = normalise_email(email)
    orgs = tuple(o for o in ORGANISATION_CODES if o in set(organisations))  # plan order, no duplicates
    problems = check_grant(role, list(organisations), subject, email)
    if problems:
        raise AccessRefused(problems)
    if role == "admin":
        orgs = ()
    now = datetime.now(UTC)
    with store.writing() as conn:
        _require_admin(conn, by)
        row = _find(conn, subject, email)
        before = _row_to_grant(row) if row is not None else None
        values = {
            "subject": subject or (before.subject if before else None),
            "email": email or (before.email if before else None),
            "name": name or (before.name if before else None),
            "role": role,
            "organisations": ",".join(orgs),
            "granted_by": by.subject,
            "granted_at": now,
        }
        if row is None:
            conn.execute(grant_table.insert().values(**values))
        else:
            conn.execute(grant_table.update().where(grant_table.c.grant_id == row["grant_id"]).values(**values))
        after = _row_to_grant(_find(conn, values["subject"], values["email"]))
        _log(conn, "grant", by, before, after, now)
    return after


def revoke(store: Store, *, by: User, subject: str | None = None, email: str | None = None) -> Grant:
    """Remove the person's grant (they become a viewer); AccessRefused when they have none."""
    subject = subject.strip() if subject and subject.strip() else None
    email = normalise_email(email)
    now = datetime.now(UTC)
    with store.writing() as conn:
        _require_admin(conn, by)
        row = _find(conn, subject, email)
        if row is None:
            raise AccessRefused([Problem("", "access.error.no_grant", {"who": subject or email or "-"})])
        before = _row_to_grant(row)
        conn.execute(grant_table.delete().where(grant_table.c.grant_id == row["grant_id"]))
        _log(conn, "revoke", by, before, None, now)
    return before


def grants(store: Store) -> list[Grant]:
    """Every grant: admins first, then editors, each by organisation and name."""
    with store.guard(), store.engine.connect() as conn:
        rows = conn.execute(sa.select(grant_table)).mappings().all()
    out = [_row_to_grant(r) for r in rows]
    return sorted(out, key=lambda g: (g.role != "admin", g.organisations, g.name or g.email or g.subject or ""))


def history(store: Store) -> pd.DataFrame:
    """access_history, newest first."""
    with store.guard(), store.engine.connect() as conn:
        q = sa.select(access_history).order_by(access_history.c.access_history_id.desc())
        rows = conn.execute(q).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=[c.name for c in access_history.columns])


def signed_in_user(store: Store, claims: Mapping[str, Any]) -> User:
    """The User for a signed-in person's ID-token claims: their grant's role, or a viewer without one.

    A grant made by e-mail is bound to the subject here, on the first sign-in with that (verified) e-mail."""
    subject = str(claims.get("sub") or "").strip()
    email = normalise_email(claims.get("email") if isinstance(claims.get("email"), str) else None)
    name = str(claims.get("name") or email or subject)[:200]
    if not subject:
        return User("", name)
    with store.guard(), store.engine.connect() as conn:
        row = _find(conn, subject, None)
    if row is not None:
        return _row_to_grant(row).user(subject, name)
    if email is None or claims.get("email_verified") is False:
        return User(subject, name)
    now = datetime.now(UTC)
    with store.writing() as conn:
        row = _find(conn, None, email)
        if row is None or row["subject"] is not None:  # no grant, or the e-mail's grant belongs to someone else
            return User(subject, name)
        before = _row_to_grant(row)
        conn.execute(
            grant_table.update()
            .where(grant_table.c.grant_id == row["grant_id"])
            .values(subject=subject, bound_at=now, name=before.name or name)
        )
        after = _row_to_grant(_find(conn, subject, None))
        _log(conn, "bind", User(subject, name), before, after, now)
    log.info("e-mail grant bound to its subject at first sign-in: email=%r subject=%r", email, subject)
    return after.user(subject, name)


def grants_table(items: Iterable[Grant], lang: str = "ja") -> pd.DataFrame:
    """Grants as users read them (pure): who, role, organisations, granted by / when, first sign-in."""
    t = catalogue(lang)
    cols = [t(f"access.col.{c}") for c in ("name", "email", "subject", "role", "organisations", "granted", "bound")]
    rows = []
    for g in items:
        orgs = (
            t("access.all_orgs")
            if g.role == "admin"
            else "、".join(label("organisation", o, lang) for o in g.organisations)
        )
        rows.append(
            [
                g.name or "",
                g.email or "",
                g.subject or t("access.not_signed_in_yet"),
                t(f"access.role.{g.role}"),
                orgs,
                f"{g.granted_at.astimezone(frames.TZ):%Y/%m/%d %H:%M}（{g.granted_by}）",
                f"{g.bound_at.astimezone(frames.TZ):%Y/%m/%d %H:%M}" if g.bound_at else "—",
            ]
        )
    return pd.DataFrame(rows, columns=cols)
