"""The helpers themselves: each check here fails if its helper returns too early or sees too little."""

from __future__ import annotations

import struct

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from appharness.browser import (
    chart_traces,
    expect_rerun,
    goto,
    rendered_fonts,
    runs,
    save_screenshot,
    wait_for_charts,
    wait_ready,
)
from appharness.server import ROOT

HELPERS_APP = str(ROOT / "tests" / "e2e" / "apps" / "helpers_app.py")


@pytest.fixture(scope="module")
def helpers_url(app_server_factory) -> str:
    return app_server_factory(script=HELPERS_APP)


def test_goto_waits_for_the_first_run_and_charts_for_their_traces(helpers_url, page):
    goto(page, helpers_url)
    assert runs(page) >= 1
    assert page.get_by_text("状態: オフ").is_visible()  # read at once: goto returned after the run
    wait_for_charts(page, 2)
    bar, heatmap = chart_traces(page)
    assert [t["type"] for t in bar] == ["bar"] and bar[0]["y"] == [3, 5, 8]
    assert heatmap[0]["type"] == "heatmap" and heatmap[0]["z"] == [[1, 2], [3, 4]]
    assert page.locator(".js-plotly-plot g.trace.bars .point").count() == 3
    assert page.locator(".js-plotly-plot g.hm image").count() == 1
    assert page.console_errors == [] and page.external_requests == []


def test_expect_rerun_returns_after_the_new_run(helpers_url, page):
    """Fast reruns may never show `running` in the DOM; the helper still waits for them."""
    goto(page, helpers_url)
    checkbox = page.get_by_role("checkbox", name="切り替え")
    for i in range(6):
        with expect_rerun(page):
            checkbox.click(force=True)  # the input is visually hidden behind its label
        want = "オン" if i % 2 == 0 else "オフ"
        # inner_text, not an auto-waiting assertion: the new run's text must already be there
        assert f"状態: {want}" in page.locator('[data-testid="stMain"]').inner_text()


def test_wait_ready_waits_while_the_script_runs(helpers_url, page):
    goto(page, helpers_url)
    page.get_by_role("button", name="遅い処理").click()
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]')
    with pytest.raises(PlaywrightTimeout):
        wait_ready(page, timeout=500)
    wait_ready(page)
    assert page.locator('[data-testid="stStatusWidget"]').count() == 0


def test_screenshot_covers_the_whole_page_and_text_uses_a_cjk_font(helpers_url, page):
    goto(page, helpers_url)
    wait_for_charts(page, 2)
    assert any("CJK" in family for family in rendered_fonts(page, "h1")), rendered_fonts(page, "h1")
    path = save_screenshot(page, "helpers-app")
    width, height = struct.unpack(">II", path.read_bytes()[16:24])  # the PNG IHDR chunk
    assert width == page.viewport_size["width"] and height > 2 * page.viewport_size["height"]
    assert page.viewport_size == {"width": 1400, "height": 1000}  # restored
