"""AppTest: the active filter as removable chips above every page."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.paths import ROOT

PAGES = ["overview", "timeline", "matrix", "actors", "explore", "progress", "analysis"]


def run(page: str, params: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    at.switch_page(f"views/{page}.py").run()
    assert not at.exception
    return at


def chips(at: AppTest) -> list[str]:
    return [b.label for b in at.button if b.key and b.key.startswith("chip_") and b.key != "chip_clear"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_active_filter(page):
    """Each page lists what filters it, whatever the sidebar shows (a phone folds the sidebar away)."""
    at = run(page, {"area": "su", "phase": "2026", "q": "万博"})
    assert chips(at) == ["分野: スタートアップ", "時期: 2026～ 万博後", "検索: 万博"]


def test_one_click_removes_one_filter_and_clear_all_removes_the_rest():
    """✕ on a chip drops that value from the filter, the widgets and the URL; すべて解除 drops everything."""
    at = run("explore", {"area": ["su", "cn"], "expo": "1"})
    first = next(b for b in at.button if b.label == "分野: カーボンニュートラル")
    first.click().run()
    assert at.query_params["area"] == "su" and at.multiselect(key="w_area").value == ["su"]
    assert chips(at) == ["分野: スタートアップ", "万博: 関連あり"]
    at.button(key="chip_clear").click().run()
    assert dict(at.query_params) == {} and chips(at) == []
    assert any("絞り込みなし（すべての取組）" in m.value for m in at.markdown)


def test_a_long_pasted_search_is_cut_and_says_so():
    """Pasting 250 characters keeps them in the box, searches the first 200 and says so (not an empty box)."""
    at = run("overview", {})
    text = "水素" * 125
    at.text_input(key="w_q").set_value(text).run()
    assert at.text_input(key="w_q").value == text
    assert at.query_params["q"] == text[:200]
    assert any("200 文字まで" in w.value and "250 文字" in w.value for w in at.warning)


def test_a_link_broken_in_many_places_gets_one_summarised_notice():
    """Every parameter repeated 30 times and an unknown one: one notice listing the first problems."""
    params = {k: ["x"] * 30 for k in ("area", "phase", "actor", "sub", "instrument", "status", "expo", "fy")}
    params["nonsense"] = "1"
    at = run("overview", params)
    notices = [w.value for w in at.warning]
    assert len(notices) == 1, notices
    assert notices[0].startswith("リンク（URL）の ") and "ほか " in notices[0]
