"""Every page at a phone's width (390 px) in Chromium: nothing wider than the screen, the phone variants
shown (and the wide ones hidden), text readable where the wide layout would cut it off."""

from __future__ import annotations

import pytest

from appharness.browser import goto, no_exceptions, wait_for_charts

from . import expected as E

PHONE = {"width": 390, "height": 844}
PAGES = [
    ("/?area=su", 1),
    ("/timeline?area=su", 1),
    ("/matrix?area=su", 1),
    ("/actors", 2),
    ("/explore?area=su", 0),
    ("/progress", 0),
    ("/analysis?area=su", 2),
]
VISIBLE_JS = """(sel) => [...document.querySelectorAll(sel)].map((el) => {
  const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).display !== 'none';
})"""


def visible(page, selector: str) -> list[bool]:
    return page.evaluate(VISIBLE_JS, selector)


@pytest.mark.parametrize(("path", "charts"), PAGES)
def test_nothing_is_wider_than_the_phone(app_server, page, path, charts):
    """No element sticks out past 390 px (no sideways scrolling), no exception; the title fits."""
    page.set_viewport_size(PHONE)
    goto(page, app_server, path)
    if charts:
        wait_for_charts(page, charts)
    assert no_exceptions(page) == []
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path}: the page is {width} px wide"
    title = page.locator("h1").first.bounding_box()
    assert title["x"] >= 0 and title["x"] + title["width"] <= PHONE["width"]
    # Charts fit the screen, and their titles lie inside the chart (not cut at its right edge).
    for box in page.locator(".js-plotly-plot").all():
        if not box.is_visible():
            continue
        plot = box.bounding_box()
        assert plot["x"] >= 0 and plot["x"] + plot["width"] <= PHONE["width"] + 1, path
        gtitle = box.locator(".gtitle")
        if gtitle.count():
            t = gtitle.first.bounding_box()
            assert t["x"] + t["width"] <= plot["x"] + plot["width"] + 1, f"{path}: chart title cut off"


def test_phone_variants_replace_what_does_not_fit(app_server, page):
    """The compact roadmap and the tall instrument table show on a phone, their wide versions do not;
    at 1400 px it is the other way round."""
    page.set_viewport_size(PHONE)
    goto(page, app_server, "/timeline")
    wait_for_charts(page, 1)
    assert visible(page, ".st-key-narrow_timeline") == [True] and visible(page, ".st-key-wide_timeline") == [False]
    goto(page, app_server, "/analysis")
    wait_for_charts(page, 2)
    assert visible(page, ".st-key-narrow_instrument_actor") == [True]
    assert visible(page, ".st-key-wide_instrument_actor") == [False]
    page.set_viewport_size({"width": 1400, "height": 1000})
    goto(page, app_server, "/timeline")
    wait_for_charts(page, 1)
    assert visible(page, ".st-key-narrow_timeline") == [False] and visible(page, ".st-key-wide_timeline") == [True]


def test_the_explorer_on_a_phone_shows_each_whole_text(app_server, page):
    """On a phone the explorer lists rows with their whole initiative text, inside the screen."""
    page.set_viewport_size(PHONE)
    goto(page, app_server, "/explore?area=su")
    rows = E.rows("?area=su")
    listed = page.locator(".st-key-narrow_explore_table strong")
    first = listed.first
    assert first.inner_text() == rows.iloc[0]["text"]
    box = first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert listed.count() == min(len(rows), 50)


def test_matrix_cells_name_their_phase_on_a_phone(app_server, page):
    """When the matrix's columns stack, each cell starts with its phase (the header row is hidden)."""
    page.set_viewport_size(PHONE)
    goto(page, app_server, "/matrix?area=su")
    assert visible(page, ".st-key-wide_matrix_head") == [False]
    labels = page.locator('[class*="st-key-narrow_matrix_"]:visible strong').all_inner_texts()
    assert labels == ["2024 現状", "2025 万博開催", "2026～ 万博後"] * 2
