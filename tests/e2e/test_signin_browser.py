"""Sign-in for real: oidc-provider-mock on loopback, `streamlit run` configured against it, Chromium signing in.

The server gets a throw-away secrets.toml ([auth] against the provider) through STREAMLIT_SECRETS_FILES
and its own progress database with the grants below; the provider's one-click accounts stand for
the people. Each test opens fresh browser contexts (a new visitor each) and signs in through the
provider's form, so the cookie, the callback and the session are Streamlit's own.
"""

from __future__ import annotations

import csv
import io
import json
import re
import secrets
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from openpyxl import Workbook
from playwright.sync_api import expect
from progress_support import PLAN

from appharness.browser import (
    axe_violations,
    expect_rerun,
    format_violations,
    goto,
    new_context,
    save_screenshot,
    wait_first_run,
)
from appharness.server import AppServer, ServerError
from dashboard import filters as F
from dashboard.i18n import catalogue
from dashboard.progress import Change, Source, User, open_store, write_progress
from dashboard.progress import access as A
from dashboard.schema import Col, PCol
from dashboard.ui.explore import LINE_PX, ROW_LINES

t = catalogue("ja")
BY = User.system("test")
# sub → (name, e-mail); the grants are made below (union by e-mail: bound at its first sign-in)
ACCOUNTS = {
    "hyogo-editor": ("兵庫 編集一郎", "hyogo-editor@pref.hyogo.example"),
    "hyogo-editor-2": ("兵庫 編集二郎", "hyogo-editor-2@pref.hyogo.example"),
    "union-editor": ("連合 編集", "union-editor@kouiki-kansai.example"),
    "admin": ("管理 太郎", "admin@kouiki-kansai.example"),
    "viewer": ("閲覧 花子", "viewer@pref.hyogo.example"),
}
MEMBERS_PATH = "/explore?actor=members&area=su&phase=2025"
UNION_PATH = "/explore?actor=union&area=su&phase=2025"


# The explorer table's header and (default, 3-line) row heights, as ui.explore sets them.
HEADER_PX = 35
ROW_PX = LINE_PX * ROW_LINES[1] + 12


def row_id(path: str, row: int = 0) -> str:
    """The id of the explorer's row `row` for `path`'s filter (the plan order, as the table shows it)."""
    params = {k: [v] for k, v in (p.split("=") for p in path.split("?", 1)[1].split("&"))}
    return str(F.apply(PLAN, F.parse_query_params(params).filters)[Col.ID].iloc[row])


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """oidc-provider-mock on 127.0.0.1 (a thread of this process), the accounts as one-click users."""
    import werkzeug.serving
    from oidc_provider_mock import User as MockUser
    from oidc_provider_mock import app

    users = [MockUser(sub=s, claims={"name": n, "email": e, "email_verified": True}) for s, (n, e) in ACCOUNTS.items()]
    server = werkzeug.serving.make_server("127.0.0.1", 0, app(user_claims=users), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)


@pytest.fixture(scope="module")
def signin(provider, tmp_path_factory) -> Iterator[dict]:
    """The app against the provider: base URL, database URL, cookie secret, the server's stderr."""
    d = tmp_path_factory.mktemp("signin")
    url = f"sqlite:///{d / 'progress.sqlite3'}"
    store = open_store(url)
    A.grant(store, role="editor", organisations=["hyogo"], subject="hyogo-editor", by=BY)
    A.grant(store, role="editor", organisations=["hyogo"], subject="hyogo-editor-2", by=BY)
    A.grant(store, role="editor", organisations=["union"], email=ACCOUNTS["union-editor"][1], by=BY)
    A.grant(store, role="admin", subject="admin", by=BY)
    cookie_secret = secrets.token_urlsafe(32)
    (d / "secrets.toml").write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        'client_id = "kansai-dashboard"\n'
        'client_secret = "test-only"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n',
        encoding="utf-8",
    )
    env = {"STREAMLIT_SECRETS_FILES": str(d / "secrets.toml"), "PROGRESS_DATABASE_URL": url}
    server = AppServer("app.py", env, log_dir=d)
    try:
        server.start()
    except ServerError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield {
            "base": server.base_url,
            "url": url,
            "secret": cookie_secret,
            "stderr": server.stderr_path,
            "provider": provider,
        }
    finally:
        server.stop()


def loopback_only(context) -> None:
    """The provider's pages link a stylesheet on the internet: nothing leaves this machine."""
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())


@pytest.fixture
def visitor(browser, request, signin) -> Iterator:
    """new() -> a page in a fresh context (a new visitor); all closed at the end (screenshots and the log on failure)."""
    contexts = []
    offset = signin["stderr"].stat().st_size

    def new():
        c = new_context(browser, accept_downloads=True)
        loopback_only(c)
        contexts.append(c)
        return c.new_page()

    yield new
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        for i, c in enumerate(contexts):
            for pg in c.pages:
                save_screenshot(pg, f"FAILED-{request.node.name}-{i}")
        print(stderr_since(signin, offset)[-6000:], file=sys.stderr)
    for c in contexts:
        c.close()


def sign_in(page, s: dict, sub: str, path: str = "/") -> None:
    """ログイン in the sidebar → the provider's form → the account's button → back, signed in; then `path`."""
    goto(page, s["base"], "/")
    page.get_by_role("button", name=t("access.sign_in"), exact=True).click()
    page.wait_for_url(f"{s['provider']}/oauth2/authorize**")
    page.locator(f'button[name="sub"][value="{sub}"]').click()
    page.wait_for_url(re.compile(re.escape(s["base"]) + r"/?(\?.*)?$"))
    wait_first_run(page)
    expect(page.get_by_text(ACCOUNTS[sub][0], exact=False).first).to_be_visible()
    if path != "/":
        goto(page, s["base"], path)


def select_row(page, row: int = 0) -> None:
    grid = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    assert box is not None
    with expect_rerun(page):
        page.mouse.click(box["x"] + 15, box["y"] + HEADER_PX + ROW_PX * row + ROW_PX // 2)
    expect(page.get_by_text(t("detail.title"), exact=True)).to_be_visible()


def choose_status(page, label_text: str) -> None:
    panel = page.locator(".st-key-edit_panel")
    box = panel.get_by_role("combobox", name=t("progress.col.status"))
    box.click()
    box.fill(label_text)  # the drop-down filters as one types; Enter takes the match
    page.get_by_role("option", name=label_text, exact=True).click()
    expect(box).to_have_value(label_text)


def save(page) -> None:
    with expect_rerun(page):
        page.locator(".st-key-edit_panel").get_by_role("button", name=t("edit.save")).click()


def stderr_since(s: dict, offset: int) -> str:
    with open(s["stderr"], "rb") as f:
        f.seek(offset)
        return f.read().decode(errors="replace")


def test_hyogo_editor_records_progress_and_cannot_edit_a_union_row(signin, visitor):
    """Sign in as the hyogo editor, record 実施済 for a members' item: on /progress and in a fresh session; no union form."""
    s, item = signin, row_id(MEMBERS_PATH)
    page = visitor()
    sign_in(page, s, "hyogo-editor", MEMBERS_PATH)
    select_row(page)
    panel = page.locator(".st-key-edit_panel")
    expect(panel.get_by_role("combobox", name=t("edit.organisation"))).to_have_value("兵庫県")
    choose_status(page, "実施済")
    panel.get_by_label(t("progress.col.achievement"), exact=True).fill("<b>説明会</b> を 2 回開催")
    save(page)
    expect(page.get_by_text("保存しました（版 1）")).to_be_visible()
    rec = open_store(s["url"]).records().set_index([PCol.ID, PCol.ORGANISATION])
    assert rec.loc[(item, "hyogo"), PCol.STATUS] == "done"
    assert open_store(s["url"]).history(item)["user_subject"].tolist() == ["hyogo-editor"]
    goto(page, s["base"], "/progress")
    changes = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').last
    expect(changes).to_contain_text(item)
    fresh = visitor()  # another browser, not signed in: the record is there for everyone
    goto(fresh, s["base"], "/progress")
    expect(fresh.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').last).to_contain_text(item)
    goto(page, s["base"], UNION_PATH)
    select_row(page)
    expect(panel).to_contain_text("「関西広域連合」の取組です")
    expect(panel.get_by_role("button", name=t("edit.save"))).to_have_count(0)


def test_viewer_sees_no_edit_controls_and_sign_out_ends_editing(signin, visitor):
    """A signed-in person without a grant gets no form; the editor signs out and the form is gone."""
    s = signin
    page = visitor()
    sign_in(page, s, "viewer", MEMBERS_PATH)
    select_row(page)
    panel = page.locator(".st-key-edit_panel")
    expect(panel).to_contain_text("編集権限を依頼してください")
    expect(panel.get_by_role("button", name=t("edit.save"))).to_have_count(0)
    expect(page.get_by_role("link", name=t("page.bulk"))).to_have_count(0)
    editor = visitor()
    sign_in(editor, s, "hyogo-editor", MEMBERS_PATH)
    select_row(editor)
    expect(editor.locator(".st-key-edit_panel").get_by_role("button", name=t("edit.save"))).to_be_visible()
    editor.get_by_role("button", name=t("access.sign_out")).click()
    editor.wait_for_url(f"{s['provider']}/oauth2/end_session**")  # the provider's own sign-out
    editor.get_by_role("button", name="End session").click()
    editor.wait_for_url(re.compile(re.escape(s["base"]) + r"/?(\?.*)?$"))
    wait_first_run(editor)
    expect(editor.get_by_role("button", name=t("access.sign_in"), exact=True)).to_be_visible()
    goto(editor, s["base"], MEMBERS_PATH)
    select_row(editor)
    expect(editor.locator(".st-key-edit_panel")).to_contain_text(t("edit.sign_in"))
    expect(editor.locator(".st-key-edit_panel").get_by_role("button", name=t("edit.save"))).to_have_count(0)


def _user_cookie(s: dict, claims: dict, age_days: float = 0) -> str:
    """A `_streamlit_user` cookie as Streamlit signs it (itsdangerous, salted by the name), `age_days` old."""

    class Signer(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - age_days * 86400)

    payload = {**claims, "origin": s["base"], "is_logged_in": True, "provider": "default"}
    ser = URLSafeTimedSerializer(s["secret"], salt="_streamlit_user", signer=Signer)
    return ser.dumps(json.dumps(payload))


@pytest.mark.parametrize("case", ["tampered", "expired", "signed_in_too_long_ago"])
def test_a_bad_identity_cookie_gives_a_viewer_not_an_error(signin, visitor, case):
    """Tampered signature, a cookie past its lifetime, a sign-in older than the limit: a viewer, no error."""
    s = signin
    page = visitor()
    claims = {"sub": "hyogo-editor", "name": ACCOUNTS["hyogo-editor"][0], "iat": int(time.time())}
    if case == "tampered":
        good = _user_cookie(s, claims)
        value = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    elif case == "expired":
        value = _user_cookie(s, claims, age_days=40)
    else:
        value = _user_cookie(s, {**claims, "iat": int(time.time()) - 13 * 3600})
    page.context.add_cookies([{"name": "_streamlit_user", "value": value, "url": s["base"]}])
    goto(page, s["base"], "/bulk")
    assert not page.locator('[data-testid="stException"]').count()
    expect(page.get_by_role("link", name=t("page.bulk"))).to_have_count(0)
    if case == "signed_in_too_long_ago":
        expect(page.get_by_role("button", name=t("access.sign_in_again"))).to_be_visible()
    else:
        expect(page.get_by_role("button", name=t("access.sign_in"), exact=True)).to_be_visible()


def test_two_editors_save_the_same_record_the_second_sees_the_conflict(signin, visitor):
    """Two hyogo editors open one record; the first saves; the second is shown the first's value and name, then chooses."""
    s = signin
    pages = [visitor(), visitor()]
    for p, sub in zip(pages, ("hyogo-editor", "hyogo-editor-2"), strict=True):
        sign_in(p, s, sub, MEMBERS_PATH)
        select_row(p, 1)
    item = row_id(MEMBERS_PATH, 1)
    first, second = pages
    choose_status(first, "実施中")
    save(first)
    expect(first.get_by_text("保存しました（版 1）")).to_be_visible()
    choose_status(second, "準備・検討中")
    second.locator(".st-key-edit_panel").get_by_label(t("progress.col.achievement"), exact=True).fill("二郎の入力")
    save(second)
    warning = second.locator('[data-testid="stAlertContentWarning"]')
    expect(warning).to_contain_text("兵庫 編集一郎")
    expect(warning).to_contain_text("版 1")
    rec = open_store(s["url"]).records().set_index([PCol.ID, PCol.ORGANISATION])
    assert rec.loc[(item, "hyogo"), PCol.STATUS] == "in_progress"  # the first save stands
    expect(second.locator(".st-key-edit_panel").get_by_label(t("progress.col.achievement"), exact=True)).to_have_value(
        "二郎の入力"
    )
    with expect_rerun(second):
        second.get_by_role("button", name=t("edit.conflict.keep_mine")).click()
    expect(second.get_by_text("保存しました（版 2）")).to_be_visible()
    h = open_store(s["url"]).history(item)
    assert h["user_subject"].tolist() == ["hyogo-editor", "hyogo-editor-2"]  # both versions kept in the history
    assert [a[PCol.STATUS] for a in h["after"]] == ["in_progress", "preparing"]


def _hostile_files(d: Path, members_id: str, union_id: str) -> dict[str, tuple[bytes, str]]:
    """file name → (bytes, the message the page must show)."""

    def xlsx(rows) -> bytes:
        wb = Workbook()
        ws = wb.active
        ws.title = "進捗"
        for r in rows:
            ws.append(r)
        p = d / "tmp.xlsx"
        wb.save(p)
        return p.read_bytes()

    head = ["id", "fiscal_year", "organisation", "status", "achievement"]
    bomb = d / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            for _ in range(200):
                f.write(b"\0" * 2**20)
    macro = xlsx([head, [members_id, 2025, "hyogo", "実施中", "ok"]])
    mp = d / "macro.xlsx"
    mp.write_bytes(macro)
    with zipfile.ZipFile(mp, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\0" * 100)
    many = "id,fiscal_year,organisation,status\r\n" + f"{members_id},2025,hyogo,実施中\r\n" * 5_100
    return {
        "old.xls": (b"\xd0\xcf\x11\xe0", "古い Excel 形式（.xls）は取り込めません"),
        "m.xlsm": (b"PK", "マクロ付きのブックは取り込めません"),
        "macro.xlsx": (mp.read_bytes(), "マクロ付きのブックは取り込めません"),
        "fake.xlsx": (b"not a zip at all", "Excel ブック（.xlsx）として読めません"),
        "bomb.xlsx": (bomb.read_bytes(), "圧縮爆弾の疑い"),
        "formula.xlsx": (xlsx([head, [members_id, 2025, "hyogo", "実施中", "=HYPERLINK(1)"]]), "進捗!E2"),
        "bad.csv": (
            b"id,fiscal_year,organisation,status\n" + members_id.encode() + b",2025,hyogo,\xff\xfe\x80\n",
            "UTF-8 でも Shift_JIS でもありません",
        ),
        "ctrl.csv": (
            f"id,fiscal_year,organisation,status,achievement\n{members_id},2025,hyogo,実施中,a\x1bb\n".encode(),
            "U+001B",
        ),
        "many.csv": (many.encode(), "行が多すぎます"),
        "union.csv": (
            f"id,fiscal_year,organisation,status\n{union_id},2025,union,実施中\n".encode(),
            "'union' の進捗を書き込む権限がありません",
        ),
    }


def test_upload_page_rejects_each_hostile_file_with_its_message(signin, visitor, tmp_path):
    """Each hostile file: its own message on the page, nothing written; a union row from a hyogo editor is refused and logged."""
    s = signin
    before = open_store(s["url"]).counts()
    offset = s["stderr"].stat().st_size
    page = visitor()
    sign_in(page, s, "hyogo-editor", "/bulk")
    uploader = page.locator('[data-testid="stFileUploaderDropzoneInput"]')
    for name, (data, message) in _hostile_files(tmp_path, row_id(MEMBERS_PATH), row_id(UNION_PATH)).items():
        with expect_rerun(page):
            uploader.set_input_files(files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}])
        expect(page.locator('[data-testid="stMain"]')).to_contain_text(message)
        expect(page.get_by_text("何も書き込んでいません").first).to_be_visible()
    assert open_store(s["url"]).counts() == before
    log = stderr_since(s, offset)
    assert re.search(
        r"WARNING dashboard\.progress\.write: write refused: subject='hyogo-editor' name='兵庫 編集一郎' role=editor "
        r"orgs=hyogo source=spreadsheet records=\S+/2025/union reasons=progress\.write\.not_allowed",
        log,
    ), log[-2000:]


def test_upload_shows_the_diff_and_applies_on_confirm(signin, visitor, tmp_path):
    """Download my template, fill one row, upload: the diff is shown; 反映する writes it with the user and the file."""
    s = signin
    page = visitor()
    sign_in(page, s, "hyogo-editor", "/bulk")
    with page.expect_download() as dl:
        page.get_by_role("button", name=t("bulk.download")).click()
    path = tmp_path / "mine.xlsx"
    dl.value.save_as(path)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.worksheets[0]
    header = [c.value for c in ws[1]]
    status_col = header.index(t("progress.col.status")) + 1
    ach_col = header.index(t("progress.col.achievement")) + 1
    target_row = 4  # the template's third initiative
    ws.cell(target_row, status_col).value = "準備・検討中"
    ws.cell(target_row, ach_col).value = "一括で更新"
    item = str(ws.cell(target_row, 1).value)
    wb.save(path)
    with expect_rerun(page):
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    expect(page.get_by_text(re.compile(r"新規 1 件、変更 0 件、変更なし \d+ 件、競合 0 件"))).to_be_visible()
    expect(page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').last).to_contain_text(item)
    assert item not in set(open_store(s["url"]).records().get(PCol.ID, []))  # not written yet
    with expect_rerun(page):
        page.get_by_role("button", name=re.compile("件を反映する")).click()
    expect(page.get_by_text(re.compile(r"mine\.xlsx の \d+ 件を反映しました"))).to_be_visible()
    h = open_store(s["url"]).history(item)
    assert h["user_subject"].tolist()[-1] == "hyogo-editor" and h["source_file"].tolist()[-1] == "mine.xlsx"


def test_admin_history_page_filters_and_exports_and_the_union_grant_was_bound(signin, visitor):
    """The union editor's e-mail grant binds at sign-in; 更新履歴 filtered to 兵庫県 exports only hyogo rows, with subjects."""
    s = signin
    union = visitor()
    sign_in(union, s, "union-editor", "/bulk")
    expect(union.get_by_role("combobox", name=t("edit.organisation"))).to_have_value("関西広域連合")
    assert {g.email: g.subject for g in A.grants(open_store(s["url"]))}[ACCOUNTS["union-editor"][1]] == "union-editor"
    store = open_store(s["url"])
    hyogo = A.signed_in_user(store, {"sub": "hyogo-editor", "name": ACCOUNTS["hyogo-editor"][0]})
    write_progress(
        store, [Change(row_id(MEMBERS_PATH, 3), 2024, "hyogo", {PCol.STATUS: "done"})], hyogo, Source("form"), PLAN
    )
    write_progress(
        store, [Change(row_id(UNION_PATH, 3), 2024, "union", {PCol.STATUS: "done"})], BY, Source("cli"), PLAN
    )
    page = visitor()
    sign_in(page, s, "admin", "/history")
    expect(page.get_by_text(re.compile(r"^\d+ 件（全 \d+ 件）$"))).to_be_visible()
    with expect_rerun(page):
        page.get_by_role("combobox", name=t("progress.col.organisation")).click()
        page.get_by_role("option", name="兵庫県", exact=True).click()
    page.keyboard.press("Escape")
    with page.expect_download() as dl:
        page.get_by_role("button", name=t("audit.csv")).click()
    rows = list(csv.DictReader(io.StringIO(Path(dl.value.path()).read_bytes().decode("utf-8-sig"))))
    assert rows and {r["団体"] for r in rows} == {"兵庫県"}, rows
    assert {r["サブジェクト"] for r in rows} <= {
        "hyogo-editor",
        "hyogo-editor-2",
    }  # the union row (cli:test) is filtered out


def test_no_serious_accessibility_violation_on_the_edit_form_and_the_upload_page(signin, visitor):
    """axe-core: the detail panel with the edit form, and 進捗の一括更新."""
    s = signin
    page = visitor()
    sign_in(page, s, "hyogo-editor", MEMBERS_PATH)
    select_row(page, 2)
    expect(page.locator(".st-key-edit_panel").get_by_role("button", name=t("edit.save"))).to_be_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    goto(page, s["base"], "/bulk")
    expect(page.locator('[data-testid="stFileUploader"]')).to_be_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_xsrf_stays_on_with_sign_in(signin):
    """With [auth] configured, an upload without the XSRF token is refused (403) before anything is read."""
    import urllib.error
    import urllib.request

    req = urllib.request.Request(
        f"{signin['base']}/_stcore/upload_file/some-session/some-file", data=b"x", method="PUT"
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with pytest.raises(urllib.error.HTTPError) as err:
        opener.open(req, timeout=10)
    assert err.value.code == 403
