"""AppTest: progress on every page — the demo banner, the 進捗 page, badges, the status / fy / asof
filters in the URL, and a database that cannot be read."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest
from units import n_initiatives

from dashboard.i18n import catalogue
from dashboard.load import load
from dashboard.paths import ROOT
from dashboard.progress import ENV_VAR as PROGRESS_ENV
from dashboard.progress import Change, Source, User, open_store, write_progress
from dashboard.progress.demo import write_demo
from dashboard.schema import Col

PAGES = ["overview", "timeline", "matrix", "actors", "explore", "progress", "analysis"]
BANNER = "デモデータ: 表示中の進捗は架空のサンプルで、実際の進捗ではありません"


def run(page: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def count(at: AppTest) -> str:
    """The sidebar's count caption (initiatives)."""
    return next(c.value for c in at.sidebar.caption if c.value.startswith("該当"))


def caption(n: int | None = None) -> str:
    """「該当 取組 n 件 ／ 全 N 件」 (n: all initiatives by default)."""
    total = n_initiatives(load())
    return catalogue("ja")("filter.count", n=total if n is None else n, total=total)


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite3'}"
    write_demo(open_store(url), load())
    return url


@pytest.fixture
def demo(demo_url, monkeypatch) -> str:
    monkeypatch.setenv(PROGRESS_ENV, demo_url)
    return demo_url


@pytest.mark.parametrize("page", PAGES)
def test_demo_data_says_so_on_every_page(demo, page):
    """With the demo database every page shows the デモデータ banner."""
    at = run(page)
    assert BANNER in [w.value for w in at.warning]


def test_no_banner_and_a_plain_message_without_progress():
    """The default (empty) database: no banner; 進捗 says nothing is reported and how to start."""
    at = run("progress")
    assert BANNER not in [w.value for w in at.warning]
    assert any("進捗はまだ報告されていません" in i.value for i in at.info)
    assert any("python -m dashboard.progress template" in c.value for c in at.code)
    assert count(run("overview")) == caption()


def test_progress_page_figures(demo):
    """The 進捗 page: reported / total for the latest fiscal year with records, share done, mean %."""
    at = run("progress")
    metrics = {m.label: m.value for m in at.metric}
    reported = metrics["報告のある取組（2025 年度）"]
    n, total = (int(x) for x in reported.split(" / "))
    assert 0 < n <= total and total == (load()[Col.LEVEL] == 1).sum()
    assert metrics["実施済の割合"].endswith("%") and metrics["平均進捗率"].endswith("%")
    assert any(c.value.startswith("進捗率:") for c in at.caption)  # the roll-up rule is stated
    assert any("進捗: 2025 年度（現在）" == c.value for c in at.caption)


def test_status_filter_and_fiscal_year_come_from_the_url(demo):
    """?status=done keeps the initiatives some organisation reported done; fy=2024 switches the year."""
    everything = count(run("overview"))
    done = run("overview", {"status": "done"})
    assert count(done) != everything
    assert done.multiselect(key="w_status").value == ["done"]
    fy = run("overview", {"fy": "2024", "status": "none"})
    assert fy.selectbox(key="w_fy").value == 2024
    assert any(c.value == "進捗: 2024 年度（現在）" for c in fy.caption)


def test_bad_progress_parameters_get_a_notice(demo):
    """An unknown status, a fiscal year outside the plan and an impossible day are dropped with notices."""
    at = run("overview", {"status": "finished", "fy": "2031", "asof": "2025-02-30"})
    notices = [w.value for w in at.warning if "URL" in w.value]
    assert len(notices) == 1 and notices[0].startswith("リンク（URL）の 3 か所") and count(at) == caption()
    assert all(p in notices[0] for p in ("status", "fy", "asof"))


def test_as_of_rebuilds_progress_from_history(tmp_path, monkeypatch):
    """A status changed today is not there as of yesterday: asof shows the record as it stood then."""
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    store, plan = open_store(url), load()
    item = plan[plan[Col.ACTOR_CODE] == "union"].iloc[0][Col.ID]
    write_progress(
        store, [Change(item, 2025, "union", {"status": "done"}, None)], User.system("t"), Source("cli"), plan
    )
    monkeypatch.setenv(PROGRESS_ENV, url)
    assert count(run("overview", {"status": "done", "fy": "2025"})) == caption(1)
    yesterday = date.fromordinal(date.today().toordinal() - 1).isoformat()
    if yesterday >= "2024-04-01":
        at = run("overview", {"status": "done", "fy": "2025", "asof": yesterday})
        assert count(at) == caption(0)


def test_matrix_cells_carry_status_badges(demo):
    """Matrix items end in a labelled badge (text, not colour alone)."""
    at = run("matrix", {"area": "ls"})
    cells = [m.value for m in at.markdown if "-badge[" in m.value]
    assert cells and any("badge[実施済 100%]" in c or "badge[未報告]" in c for c in cells)


def test_explorer_rows_and_details_carry_progress(demo):
    """The explorer's table has the progress columns (status badge, %, achievements)."""
    at = run("explore")
    frame = at.dataframe[0].value
    assert {"進捗の状況", "進捗率（%）", "実績（団体ごと）"} <= set(frame.columns)


def test_an_unreadable_database_leaves_the_plan_working(tmp_path, monkeypatch):
    """A corrupt database file: every page still runs, the sidebar and 進捗 say progress cannot be read."""
    bad = tmp_path / "broken.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv(PROGRESS_ENV, f"sqlite:///{bad}")
    for page in PAGES:
        at = run(page)
        assert count(at) == caption()
        assert any("データベースを読めない" in c.value for c in at.caption)
    assert run("progress").warning
    assert bad.read_bytes() == b"this is not a database" * 100  # nothing was written over it


def test_a_long_list_of_changes_shows_the_newest_thousand_and_says_how_many(tmp_path, monkeypatch):
    """More changes than the page lists: the newest 1,000 are shown and the caption gives the total."""
    plan = load()
    members = plan.loc[plan[Col.ACTOR_CODE] == "members", Col.ID].astype(str).tolist()[:40]
    orgs = ("shiga", "hyogo", "nara", "kobe", "sakai", "tottori", "tokushima", "wakayama", "kyoto-city")
    keys = [(i, fy, org) for i in members for fy in (2024, 2025, 2026) for org in orgs]
    changes = [Change(i, fy, org, {"status": "in_progress"}, None, f"r{n}") for n, (i, fy, org) in enumerate(keys)]
    url = f"sqlite:///{tmp_path / 'many.sqlite3'}"
    assert write_progress(open_store(url), changes, User.system("t"), Source("cli"), plan).written == 1_080
    monkeypatch.setenv(PROGRESS_ENV, url)
    at = run("progress")
    captions = [c.value for c in at.caption]
    assert "1080 件の更新（新しい順）" in captions
    assert "新しい 1,000 件を表示しています（全 1,080 件）。サイドバーの絞り込みで対象を狭められます" in captions
    assert 1_000 in [len(d.value) for d in at.dataframe]
