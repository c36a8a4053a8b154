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
    assert "絞り込みなし（すべての取組）" in [c.value for c in at.caption]
