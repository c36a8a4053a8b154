"""Hostile text in the data, in a real browser: nothing runs, nothing is injected, the text is shown as text.

A second server reads the hostile copy of the table (tests/hostile.py: <script>, <img onerror>,
javascript: and markdown links, a remote markdown image, Streamlit directives, control characters,
bidi overrides, formulas, … in every area × actor × phase cell and in the plan's metadata). Every
page is opened (explore with a hostile row selected, so the detail panel renders it) and must show:
no dialog (alert) opened, no element built from the data (no `img[src="x"]`, no element with an
`onerror` attribute, no <script> mentioning alert(1), no javascript: link, no <i> from the text, no
request to the markdown image's host), and the hostile strings visible as literal text.
"""

from __future__ import annotations

import pytest
from hostile import HOSTILE_TEXTS, build_hostile_table

from appharness.browser import expect_rerun, goto, no_exceptions, wait_for_charts
from dashboard.i18n import catalogue
from dashboard.schema import AREA_BY_CODE, Col

from .support import console_errors

t = catalogue("ja")
SCRIPT = HOSTILE_TEXTS["script"]  # <script>alert(1)</script>
# page → (URL, charts, hostile strings that must be visible as text in the page's innerText)
VIEWS = {
    "overview": ("/", 1, ("script", "img_onerror", "js_link", "md_syntax", "md_image")),
    "timeline": ("/timeline?area=ls", 1, ("script", "img_onerror", "js_link", "md_syntax")),  # + ls chosen below
    "matrix": ("/matrix", 1, ("script", "img_onerror", "js_link", "md_image", "formula_hyperlink")),
    "actors": ("/actors", 2, ()),  # counts only: no text of the data is shown
    "explore": ("/explore", 0, ("script",)),  # + row 0 (<script>…) selected: the detail panel
    "analysis": ("/analysis", 2, ()),  # counts only
    "analysis-expo": ("/analysis?tab=expo", 1, ()),
    "analysis-pairs": ("/analysis?tab=pairs", 0, ()),  # texts drawn on the table's canvas
    "analysis-progression": ("/analysis?tab=progression", 0, ("script",)),
    "analysis-terms": ("/analysis?tab=terms", 1, ()),
}
# What an injection would leave in the document.
INJECTED_JS = """() => ({
  img_x: document.querySelectorAll('img[src="x"]').length,
  onerror: document.querySelectorAll('[onerror]').length,
  script: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('alert(1)')).length,
  js_links: document.querySelectorAll('a[href^="javascript:"]').length,
  data_images: [...document.querySelectorAll('img[src]')].filter((i) => i.getAttribute('src').includes('127.0.0.1:9')).length,
  italics: [...document.querySelectorAll('i, em')].filter((e) => e.textContent.includes('斜体')).length,
})"""
CLEAN = {"img_x": 0, "onerror": 0, "script": 0, "js_links": 0, "data_images": 0, "italics": 0}
DATA_LINKS_JS = """() => [...document.querySelectorAll('a[href]')]
  .filter((a) => a.getAttribute('href').includes('127.0.0.1:9')).map((a) => a.parentElement.outerHTML.slice(0, 200))"""


@pytest.fixture(scope="module")
def hostile(app_server_factory, tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.parquet"
    df, _ = build_hostile_table(path)
    return app_server_factory({"INITIATIVES_PATH": str(path)}), df


def select_row(page, row: int) -> None:
    grid = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    assert box is not None
    with expect_rerun(page):
        page.mouse.click(box["x"] + 15, box["y"] + 35 * (row + 1) + 17)


def test_hostile_text_stays_text_on_every_page(hostile, page):
    url, df = hostile
    assert df[Col.TEXT].iloc[0] == SCRIPT  # explore's first row, selected below
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(f"{d.type}: {d.message}"), d.dismiss()))
    to_port_9: list[str] = []
    page.on("request", lambda r: to_port_9.append(r.url) if "127.0.0.1:9/" in r.url else None)
    problems: list[str] = []
    for name, (path, charts, visible) in VIEWS.items():
        goto(page, url, path)
        assert no_exceptions(page) == [], f"{name}: {no_exceptions(page)}"
        if charts:
            wait_for_charts(page, charts)
        if name == "explore":
            select_row(page, 0)
            assert page.get_by_text(t("detail.title"), exact=True).is_visible()
        if name == "timeline":  # lay the area's items out phase by phase (the default when one area is filtered)
            focus = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]')
            if focus.locator("input").input_value() != AREA_BY_CODE["ls"].ja:
                with expect_rerun(page):
                    focus.click()
                    page.get_by_role("option", name=AREA_BY_CODE["ls"].ja, exact=True).click()
        if no_exceptions(page):  # e.g. after selecting a row
            problems.append(f"{name}: exception shown: {no_exceptions(page)}")
        injected = page.evaluate(INJECTED_JS)
        if injected != CLEAN:
            problems.append(f"{name}: injected elements {injected}")
        # render.escape_md puts an invisible word joiner (U+2060) into URLs so they cannot autolink
        text = page.evaluate("() => document.body.innerText").replace("\u2060", "")
        for key in visible:
            if HOSTILE_TEXTS[key] not in text:
                problems.append(f"{name}: {key} ({HOSTILE_TEXTS[key]!r}) is not shown as text")
        if name == "timeline":  # the first area's 2024 theme, printed inside the chart as SVG text
            chart_text = page.locator(".js-plotly-plot .textpoint").all_text_contents()
            if SCRIPT not in chart_text:
                problems.append(f"timeline: the chart does not print {SCRIPT!r} as text: {chart_text[:3]}")
    assert dialogs == [], dialogs
    assert problems == [], "\n".join(problems)
    assert to_port_9 == []  # the markdown image and links were never fetched
    assert console_errors(page) == []
    assert page.external_requests == []


def test_urls_in_the_data_do_not_become_links(hostile, page):
    url, _ = hostile
    goto(page, url, "/matrix")  # the first area's vision and cells hold markdown links and images
    links = page.evaluate(DATA_LINKS_JS)
    assert links == [], f"{len(links)} links built from the data, e.g. {links[:1]}"
