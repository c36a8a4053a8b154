"""Grants on SQLite and a real PostgreSQL: grant, revoke, bind by e-mail, and the write path's own check of the role."""

from __future__ import annotations

import logging

import pytest
from progress_support import MEMBERS_ID, PLAN, UNION_ID

from dashboard.progress import AccessRefused, Change, Source, User, WriteRefused, open_store, write_progress
from dashboard.progress import access as A
from dashboard.schema import ORGANISATION_CODES, PCol

BY = User.system("tester")


def change(i=MEMBERS_ID, org="hyogo", version=None) -> Change:
    return Change(i, 2025, org, {PCol.STATUS: "in_progress"}, version, ref="form")


def test_grant_list_and_revoke_with_history(db_url):
    """A grant by e-mail, replaced by a second grant, then revoked: each step in access_history with who did it."""
    store = open_store(db_url)
    A.grant(store, role="editor", organisations=["kobe", "hyogo"], email=" A.Hyogo@Pref.example ", by=BY)
    g = A.grant(store, role="editor", organisations=["hyogo"], email="a.hyogo@pref.example", name="兵庫 一郎", by=BY)
    assert (g.email, g.organisations, g.name, g.subject) == ("a.hyogo@pref.example", ("hyogo",), "兵庫 一郎", None)
    assert [x.email for x in A.grants(store)] == ["a.hyogo@pref.example"]
    A.revoke(store, email="a.hyogo@pref.example", by=BY)
    assert A.grants(store) == []
    h = A.history(store)
    assert h["action"].tolist() == ["revoke", "grant", "grant"] and set(h["by_subject"]) == {"cli:tester"}


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"role": "editor", "email": "x@y.example"}, "access.error.editor_needs_org"),
        ({"role": "owner", "email": "x@y.example"}, "access.error.role"),
        ({"role": "editor", "organisations": ["atlantis"], "email": "x@y.example"}, "access.error.org"),
        ({"role": "admin"}, "access.error.who"),
        ({"role": "admin", "email": "not-an-address"}, "access.error.email"),
    ],
)
def test_bad_grants_are_refused_with_the_reason(tmp_path, kwargs, key):
    """Missing organisations, unknown role or organisation, nobody named, a bad e-mail: refused, nothing stored."""
    store = open_store(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    with pytest.raises(AccessRefused) as err:
        A.grant(store, by=BY, **kwargs)
    assert key in [p.key for p in err.value.problems]
    assert A.grants(store) == []


def test_only_an_admin_changes_grants(tmp_path):
    """An editor (even one claiming to be admin) cannot grant; a granted admin can."""
    store = open_store(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    A.grant(store, role="editor", organisations=["hyogo"], subject="ed", by=BY)
    A.grant(store, role="admin", subject="boss", by=BY)
    with pytest.raises(AccessRefused):
        A.grant(store, role="admin", subject="ed", by=User("ed", "編集", "admin"))
    A.grant(store, role="editor", organisations=["kobe"], subject="ed", by=User("boss", "管理", "admin"))
    assert {g.subject: g.organisations for g in A.grants(store)}["ed"] == ("kobe",)


def test_first_sign_in_binds_an_email_grant_once(db_url):
    """The e-mail grant meets its subject at first sign-in; another subject with the same e-mail later is a viewer."""
    store = open_store(db_url)
    A.grant(store, role="editor", organisations=["hyogo"], email="a@pref.example", by=BY)
    u = A.signed_in_user(store, {"sub": "s-1", "email": "A@pref.example", "name": "一郎"})
    assert (u.role, u.organisations, u.subject) == ("editor", frozenset({"hyogo"}), "s-1")
    assert A.signed_in_user(store, {"sub": "s-2", "email": "a@pref.example"}).role == "viewer"
    assert A.signed_in_user(store, {"sub": "s-1", "email": "changed@pref.example"}).role == "editor"  # keyed by sub now
    assert A.history(store)["action"].tolist() == ["bind", "grant"]


def test_an_unverified_email_is_not_bound(tmp_path):
    """A provider that says email_verified=false: no binding, a viewer."""
    store = open_store(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    A.grant(store, role="admin", email="a@pref.example", by=BY)
    assert A.signed_in_user(store, {"sub": "s", "email": "a@pref.example", "email_verified": False}).role == "viewer"
    assert A.grants(store)[0].subject is None


def test_admin_user_may_write_every_organisation(tmp_path):
    """An admin's User carries every organisation code."""
    store = open_store(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    A.grant(store, role="admin", subject="boss", by=BY)
    assert A.signed_in_user(store, {"sub": "boss"}).organisations == frozenset(ORGANISATION_CODES)


def test_a_forged_user_is_refused_and_logged(db_url, caplog):
    """A User claiming admin (or hyogo rights) that the grants do not give: refused, nothing written, one log line."""
    store = open_store(db_url)
    A.grant(store, role="editor", organisations=["hyogo"], subject="hyogo-sub", by=BY)
    forged = User("hyogo-sub", "兵庫 編集", "admin", frozenset(ORGANISATION_CODES))
    with caplog.at_level(logging.WARNING, logger="dashboard.progress"), pytest.raises(WriteRefused) as err:
        write_progress(store, [change(UNION_ID, "union")], forged, Source("form"), PLAN)
    assert [p.key for p in err.value.problems] == ["progress.write.not_allowed"]
    assert store.counts() == {"records": 0, "history": 0}
    refused = [r.getMessage() for r in caplog.records if r.getMessage().startswith("write refused")]
    assert refused == [
        f"write refused: subject='hyogo-sub' name='兵庫 編集' role=editor orgs=hyogo source=form "
        f"records={UNION_ID}/2025/union reasons=progress.write.not_allowed"
    ]


def test_a_revoked_grant_is_refused_at_save_time(db_url):
    """The session still says editor; the grant was revoked since: the save is refused."""
    store = open_store(db_url)
    A.grant(store, role="editor", organisations=["hyogo"], subject="hyogo-sub", by=BY)
    session_user = A.signed_in_user(store, {"sub": "hyogo-sub"})
    assert write_progress(store, [change()], session_user, Source("form"), PLAN).written == 1
    A.revoke(store, subject="hyogo-sub", by=BY)
    with pytest.raises(WriteRefused):
        write_progress(store, [change(version=1)], session_user, Source("form"), PLAN)
    assert store.counts()["history"] == 1


def test_the_system_user_cannot_use_the_form_source(tmp_path):
    """role=system is the command line's: refused for source form."""
    store = open_store(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    with pytest.raises(WriteRefused) as err:
        write_progress(store, [change()], BY, Source("form"), PLAN)
    assert [p.key for p in err.value.problems] == ["progress.write.system_form"]


def test_grants_table_reads_as_people_read_it():
    """Role and organisations as labels; a grant not yet bound says so."""
    from datetime import UTC, datetime

    g = A.Grant(None, "a@x.example", "一郎", "editor", ("hyogo", "kobe"), "cli:t", datetime(2025, 4, 1, tzinfo=UTC))
    row = A.grants_table([g], "ja").iloc[0].to_dict()
    assert (
        row["役割"] == "編集者" and row["団体"] == "兵庫県、神戸市" and row["サブジェクト（sub）"] == "（未ログイン）"
    )
