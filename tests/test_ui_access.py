"""AppTest (`AppTest.user`, `AppTest.secrets`): who sees which pages, forms and messages, by role."""

from __future__ import annotations

import time

import pytest
from progress_support import MEMBERS_ID, PLAN, UNION_ID
from streamlit.testing.v1 import AppTest

from dashboard.paths import ROOT
from dashboard.progress import ENV_VAR as PROGRESS_ENV
from dashboard.progress import User, grant, open_store
from dashboard.schema import PCol

AUTH = {
    "auth": {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "a-test-cookie-secret-of-enough-length",
        "client_id": "dashboard",
        "client_secret": "secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
}
BY = User.system("test")


def person(sub: str, name: str, email: str | None = None, age_s: float = 60) -> dict:
    return {
        "is_logged_in": True,
        "sub": sub,
        "name": name,
        "email": email or f"{sub}@pref.example",
        "iat": time.time() - age_s,
    }


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'progress.sqlite3'}"
    store = open_store(url)
    grant(store, role="editor", organisations=["hyogo"], subject="hyogo-sub", name="兵庫 編集", by=BY)
    grant(store, role="editor", organisations=["union"], email="union@kansai.example", by=BY)
    grant(store, role="admin", subject="admin-sub", name="管理 太郎", by=BY)
    monkeypatch.setenv(PROGRESS_ENV, url)
    return url


def app(user: dict | None = None, secrets: dict | None = AUTH, page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if secrets:
        at.secrets.update(secrets)
    if user is not None:
        at.user = user
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> list[str]:
    return [e.value for kind in ("caption", "info", "warning", "error", "markdown") for e in getattr(at, kind)]


def nav_pages(at: AppTest) -> set[str]:
    return {p.get("url_pathname", "") for p in at._registered_pages.values()}


def test_without_auth_everything_is_read_only_and_the_progress_page_says_how(db):
    """No [auth]: no sign-in button, no editing pages, and 進捗 explains how to turn editing on."""
    at = app(user=person("hyogo-sub", "兵庫 編集"), secrets=None, page="views/progress.py")
    assert not [b for b in at.button if b.label == "ログイン"]
    assert any("画面からの進捗の記録は無効です" in s for s in texts(at))
    assert "make try-signin" in [c.value for c in at.code]
    assert not nav_pages(at) & {"bulk", "history", "access"}


def test_signed_out_visitor_gets_a_sign_in_button_and_no_editing_pages(db):
    """[auth] and nobody signed in: the sidebar offers ログイン; no 一括更新 / admin pages."""
    at = app(user={"is_logged_in": False})
    assert [b for b in at.sidebar.button if b.label == "ログイン"]
    assert not nav_pages(at) & {"bulk", "history", "access"}


def test_signed_in_person_without_grant_is_a_viewer_told_whom_to_ask(db):
    """A subject with no grant: viewer, and 進捗 says whom to ask (the admins by name)."""
    at = app(user=person("nobody-sub", "誰か"), page="views/progress.py")
    assert any("誰か（閲覧者）" in c.value for c in at.sidebar.caption)
    assert any("管理 太郎 に編集権限を依頼してください" in s for s in texts(at))
    assert not nav_pages(at) & {"bulk", "history", "access"}


def test_editor_gets_the_bulk_page_but_not_the_admin_pages(db):
    """The hyogo editor: 進捗の一括更新 in the navigation, with a template for 兵庫県 only; no admin pages."""
    at = app(user=person("hyogo-sub", "兵庫 編集"), page="views/bulk.py")
    assert "bulk" in nav_pages(at) and not nav_pages(at) & {"history", "access"}
    assert any("兵庫 編集（編集者\\: 兵庫県）" in c.value for c in at.sidebar.caption)  # markdown-escaped
    org = next(s for s in at.selectbox if s.label == "団体")
    assert org.options == ["兵庫県"]
    assert at.get("download_button") and at.get("file_uploader")


def test_email_grant_is_bound_at_first_sign_in(db):
    """A grant made by e-mail gives its role at the first sign-in and is keyed by the subject from then on."""
    at = app(user=person("union-sub", "連合 編集", email="Union@Kansai.example"))
    assert "bulk" in nav_pages(at)
    g = {x.email: x for x in __import__("dashboard.progress", fromlist=["grants"]).grants(open_store(db))}
    assert g["union@kansai.example"].subject == "union-sub"


def test_admin_gets_history_and_access_pages(db):
    """The admin: 更新履歴 and 編集権限; the grants table lists all three grants."""
    at = app(user=person("admin-sub", "管理 太郎"), page="views/access.py")
    assert {"bulk", "history", "access"} <= nav_pages(at)
    table = at.dataframe[0].value
    assert len(table) == 3 and "管理者" in set(table["役割"])


def test_admin_grants_in_the_browser_and_it_is_in_the_access_history(db):
    """The grant form on 編集権限 writes the grant, with the admin as the one who made it."""
    at = app(user=person("admin-sub", "管理 太郎"), page="views/access.py")
    at.text_input(key="access_email").input("kobe@city.example")
    at.selectbox(key="access_role").set_value("editor")
    at.multiselect(key="access_orgs").set_value(["kobe"])
    next(b for b in at.button if b.label == "付与する").click().run()
    assert not at.exception
    from dashboard.progress import access as A

    got = {g.email: g for g in A.grants(open_store(db))}
    assert got["kobe@city.example"].organisations == ("kobe",) and got["kobe@city.example"].granted_by == "admin-sub"
    assert A.history(open_store(db))["by_subject"].iloc[0] == "admin-sub"


def test_an_old_sign_in_is_a_viewer_asked_to_sign_in_again(db):
    """iat older than DASHBOARD_SIGNIN_MAX_HOURS: no editing pages, a line saying to sign in again."""
    at = app(user=person("hyogo-sub", "兵庫 編集", age_s=13 * 3600))
    assert not nav_pages(at) & {"bulk", "history", "access"}
    assert any("もう一度ログインしてください" in c.value for c in at.sidebar.caption)


def test_required_sign_in_shows_nothing_before_it(db, monkeypatch):
    """DASHBOARD_REQUIRE_SIGNIN=1: a signed-out visitor sees the sign-in prompt and no page content."""
    monkeypatch.setenv("DASHBOARD_REQUIRE_SIGNIN", "1")
    at = app(user={"is_logged_in": False})
    assert any("ログインした職員だけが閲覧できます" in i.value for i in at.info)
    assert not at.dataframe and not at.metric


# ----------------------------------------------------------------------- the edit form (detail panel)


def panel_script(item: str) -> None:
    """The explorer's detail panel hook on its own: Ctx as bootstrap builds it, for initiative `item`."""
    from dashboard.ui import access, context, editing

    lang = "ja"
    viewer = access.current(lang)
    ctx = context.bootstrap("explore", ("explore",), viewer)
    editing.edit_panel(ctx, item)
    context.release()


def panel(item: str, user: dict) -> AppTest:
    at = AppTest.from_function(panel_script, args=(item,), default_timeout=60)
    at.secrets.update(AUTH)
    at.user = user
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_editor_gets_the_form_for_a_members_item_only(db):
    """hyogo editor: a form for a members' initiative (organisation 兵庫県), none for a union one, and says why."""
    at = panel(MEMBERS_ID, person("hyogo-sub", "兵庫 編集"))
    assert [b.label for b in at.button if b.label == "保存"]
    assert next(s for s in at.selectbox if s.label == "団体").options == ["兵庫県"]
    at = panel(UNION_ID, person("hyogo-sub", "兵庫 編集"))
    assert not [b for b in at.button if b.label == "保存"]
    assert any("「関西広域連合」の取組です" in c.value for c in at.caption)


def test_viewer_and_signed_out_get_no_form(db):
    """No grant, or not signed in: no form, one line on why."""
    for user, why in [(person("x", "誰か"), "編集権限を依頼"), ({"is_logged_in": False}, "ログインしてください")]:
        at = panel(MEMBERS_ID, user)
        assert not [b for b in at.button if b.label == "保存"]
        assert any(why in c.value for c in at.caption)


def test_form_saves_through_the_write_path_and_then_sees_a_conflict(db):
    """Saving writes a record (source form, the editor's subject); a stale form gets the conflict, not a write."""
    at = panel(MEMBERS_ID, person("hyogo-sub", "兵庫 編集"))
    at.selectbox(key=f"edit|{MEMBERS_ID}|2026|hyogo|status").set_value("in_progress")
    at.text_area(key=f"edit|{MEMBERS_ID}|2026|hyogo|achievement").input("説明会を 2 回開催")
    next(b for b in at.button if b.label == "保存").click().run()
    assert not at.exception
    assert any(s.value.startswith("保存しました（版 1）") for s in at.success)
    store = open_store(db)
    h = store.history(MEMBERS_ID)
    assert h["user_subject"].tolist() == ["hyogo-sub"] and h["source"].tolist() == ["form"]
    # someone else saves meanwhile (version 2); this form still holds version 1
    other = __import__("dashboard.progress", fromlist=["Change"])
    other.write_progress(
        store,
        [other.Change(MEMBERS_ID, 2026, "hyogo", {PCol.STATUS: "done"}, 1)],
        BY,
        other.Source("cli"),
        PLAN,
    )
    at.text_area(key=f"edit|{MEMBERS_ID}|2026|hyogo|achievement").input("説明会を 3 回開催")
    next(b for b in at.button if b.label == "保存").click().run()
    assert any("test が" in w.value and "版 2" in w.value for w in at.warning)
    assert store.records().set_index(PCol.ID).loc[MEMBERS_ID, PCol.STATUS] == "done"  # nothing overwritten
    assert at.text_area(key=f"edit|{MEMBERS_ID}|2026|hyogo|achievement").value == "説明会を 3 回開催"  # input kept
