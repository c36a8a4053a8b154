"""The shared sidebar filter in Chromium: clicking and typing filter every count and chart, the URL
carries the state (a shared link restores it, page changes keep it), and `lang=en` is English."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from appharness.browser import (
    axe_violations,
    chart_marks,
    chart_traces,
    expect_rerun,
    format_violations,
    goto,
    no_exceptions,
    wait_for_charts,
)
from dashboard.i18n import catalogue
from dashboard.schema import ACTOR_CODES, AREA_BY_CODE, AREA_CODES, PHASE_BY_CODE, Col

from . import expected as E
from .support import console_errors, count_captions

ja, en = catalogue("ja"), catalogue("en")
NAV = ("page.overview", "page.timeline", "page.matrix", "page.actors", "page.explore", "page.progress", "page.analysis")
PATHS = ("/", "/timeline", "/matrix", "/actors", "/explore", "/progress", "/analysis")
CHARTS = (1, 1, 1, 2, 0, 0, 2)  # the progress page draws charts only once progress is reported


def sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def query(page) -> dict[str, list[str]]:
    """The URL's filter and language (without what only one page lays out: focus=, item=)."""
    return {k: v for k, v in parse_qs(urlsplit(page.url).query).items() if k not in ("focus", "item")}


def chosen_areas(page) -> list[str]:
    """The tags shown in the area multiselect."""
    box = sidebar(page).locator('[data-testid="stMultiSelect"]').filter(has_text=ja("filter.area"))
    return box.locator("[data-tag]").evaluate_all("els => els.map((e) => e.getAttribute('aria-label'))")


def pressed_pills(page, label: str) -> list[str]:
    group = sidebar(page).get_by_role("toolbar", name=label)
    return [b.inner_text().strip() for b in group.locator('button[aria-pressed="true"]').all()]


def bars_by_actor(page) -> list[list[int]]:
    return [tr["y"] for tr in chart_traces(page)[0]]


def test_choosing_an_area_filters_the_count_and_the_chart(app_server, page):
    goto(page, app_server, "/")
    wait_for_charts(page)
    assert count_captions(page) == E.count_captions(E.rows(""))
    with expect_rerun(page):
        sidebar(page).get_by_role("combobox", name=ja("filter.area")).click()
        page.get_by_role("option", name=AREA_BY_CODE["su"].ja, exact=True).click()
    page.keyboard.press("Escape")  # the multiselect keeps its list open for more picks
    df = E.rows("?area=su")
    assert 0 < len(df) < E.total()
    assert count_captions(page) == E.count_captions(df)
    assert query(page) == {"area": ["su"]}
    assert chosen_areas(page) == [AREA_BY_CODE["su"].ja]
    assert no_exceptions(page) == []
    wait_for_charts(page)
    want = E.by_actor(df, Col.AREA_CODE)
    assert bars_by_actor(page) == [want[a] for a in ACTOR_CODES]
    # Only the chosen area has bars left; the other five are drawn at zero height.
    sizes = [b["sizes"] for b in chart_marks(page, 0)["bars"]]
    su = E.area_names().index(AREA_BY_CODE["su"].ja)
    assert all((px > 0) == (i == su) for trace in sizes for i, px in enumerate(trace)), sizes
    assert no_exceptions(page) == [] and console_errors(page) == []


def test_typing_a_search_and_pressing_enter_filters(app_server, page):
    goto(page, app_server, "/matrix?area=su")
    wait_for_charts(page)
    assert count_captions(page) == E.count_captions(E.rows("?area=su"))
    box = sidebar(page).get_by_role("textbox", name=ja("filter.query"))
    with expect_rerun(page):
        box.fill("ｅｘｐｏ")  # full width, lower case: the search ignores width and case
        box.press("Enter")
    df = E.rows("?area=su&q=ｅｘｐｏ")
    assert 0 < len(df) < len(E.rows("?area=su")) and len(df) == len(E.rows("?area=su&q=EXPO"))
    assert count_captions(page) == E.count_captions(df)
    assert query(page) == {"area": ["su"], "q": ["ｅｘｐｏ"]}  # kept as typed
    assert no_exceptions(page) == []
    wait_for_charts(page)
    ((heatmap,),) = chart_traces(page)
    assert heatmap["z"] == E.area_phase(df)
    assert chart_marks(page, 0)["heatmap_text"] == [str(n) for row in E.area_phase(df) for n in row]
    # The matrix shows only the hits, each with its match highlighted.
    marked = page.locator('[data-testid="stMain"] span.stMarkdownColoredBackground')
    assert marked.all_inner_texts() == ["EXPO"] * len(df)
    assert no_exceptions(page) == [] and console_errors(page) == []


def test_a_shared_link_restores_the_view(app_server, page):
    goto(page, app_server, "/explore?area=su&phase=2026")
    df = E.rows("?area=su&phase=2026")
    assert 0 < len(df) < E.total()
    assert chosen_areas(page) == [AREA_BY_CODE["su"].ja]
    assert pressed_pills(page, ja("filter.phase")) == [PHASE_BY_CODE["2026"].label("ja")]
    assert pressed_pills(page, ja("filter.actor")) == []
    assert count_captions(page) == E.count_captions(df)
    main = page.locator('[data-testid="stMain"]')
    assert ja("explore.rows", n=len(df)) in main.inner_text()
    grid = main.locator('[data-testid="stDataFrame"] table[role="grid"]').first
    assert grid.get_attribute("aria-rowcount") == str(len(df) + 1)
    shown = [
        tuple(c.strip() for c in row.locator('[role="gridcell"]').all_inner_texts()[:4])
        for row in grid.locator("tbody tr").all()
    ]
    # every row, in order (a short table is drawn whole); the text comes first on screen
    assert shown == [(text, *where) for *where, text in E.labels(df)]
    assert main.locator('[data-testid="stCode"]').inner_text().strip() == f"{app_server}/explore?area=su&phase=2026"
    assert query(page) == {"area": ["su"], "phase": ["2026"]}  # the URL is left as it was
    assert no_exceptions(page) == [] and console_errors(page) == []


def test_analysis_tabs_run_on_demand_and_live_in_the_url(app_server, page):
    goto(page, app_server, "/analysis?area=su&tab=terms")
    main = page.locator('[data-testid="stMain"]')
    wait_for_charts(page, 1)
    assert main.locator("h2").first.inner_text().strip() == ja("analysis.terms")
    with expect_rerun(page):
        main.get_by_role("tab", name=ja("analysis.tab.expo"), exact=True).click()
    wait_for_charts(page, 1)
    assert query(page) == {"area": ["su"], "tab": ["expo"]}
    assert main.locator("h2").first.inner_text().strip() == ja("analysis.expo")
    assert main.locator(".js-plotly-plot:visible").count() == 1  # only the open tab's part was built
    with expect_rerun(page):
        sidebar(page).get_by_role("link", name=ja("page.overview")).click()
    assert query(page) == {"area": ["su"]}  # the tab belongs to the analysis page
    with expect_rerun(page):
        sidebar(page).get_by_role("link", name=ja("page.analysis")).click()
    wait_for_charts(page, 1)
    assert query(page) == {"area": ["su"], "tab": ["expo"]}  # and is still open on return
    selected = main.locator('[role="tab"][aria-selected="true"]').all_inner_texts()
    assert [s.strip() for s in selected] == [ja("analysis.tab.expo")]
    assert no_exceptions(page) == [] and console_errors(page) == []


def test_the_sidebar_navigation_keeps_the_filter_and_the_query(app_server, page):
    goto(page, app_server, "/?area=su&phase=2026")
    df = E.rows("?area=su&phase=2026")
    order = [4, 1, 2, 5, 3, 0]  # explore, timeline, matrix, analysis, actors, overview
    for i in order:
        with expect_rerun(page):
            sidebar(page).get_by_role("link", name=ja(NAV[i])).click()
        expect(page.locator("h1").first).to_have_text(ja(NAV[i]))
        assert urlsplit(page.url).path == PATHS[i], page.url
        assert query(page) == {"area": ["su"], "phase": ["2026"]}, page.url
        assert count_captions(page) == E.count_captions(df), NAV[i]
        assert chosen_areas(page) == [AREA_BY_CODE["su"].ja]
        assert no_exceptions(page) == [], NAV[i]
        if CHARTS[i]:
            wait_for_charts(page, CHARTS[i])
    assert console_errors(page) == []


def test_lang_en_shows_the_english_interface(app_server, page):
    goto(page, app_server, "/explore?area=su&lang=en")
    df = E.rows("?area=su")
    assert page.title() == en("app.title")
    expect(page.locator("h1").first).to_have_text(en("page.explore"))
    nav = sidebar(page).locator('[data-testid="stSidebarNavLink"] [data-testid="stMarkdownContainer"]')
    assert [s.strip() for s in nav.all_inner_texts()] == [en(k) for k in NAV]
    assert count_captions(page) == E.count_captions(df, "en")
    assert count_captions(page)[0] == f"{E.n_initiatives(df)} of {E.total()} initiatives match"
    box = sidebar(page).locator('[data-testid="stMultiSelect"]').filter(has_text=en("filter.area"))
    assert box.locator("[data-tag]").get_attribute("aria-label") == AREA_BY_CODE["su"].en
    assert en("explore.download_csv") in page.locator('[data-testid="stMain"]').inner_text()
    violations = axe_violations(page)  # the English interface passes axe too
    assert not violations, format_violations(violations)
    # The language switch goes back to Japanese and keeps the filter.
    with expect_rerun(page):
        sidebar(page).get_by_role("radio", name=ja("lang.ja")).click()
    expect(page.locator("h1").first).to_have_text(ja("page.explore"))
    assert count_captions(page) == E.count_captions(df)
    assert query(page) == {"area": ["su"]}
    assert no_exceptions(page) == [] and console_errors(page) == []


def test_clear_filter_resets_every_widget(app_server, page):
    goto(page, app_server, "/actors?area=su&phase=2025&actor=members&q=%E4%B8%87%E5%8D%9A")
    wait_for_charts(page, 2)
    assert count_captions(page) == E.count_captions(E.rows("?area=su&phase=2025&actor=members&q=万博"))
    with expect_rerun(page):
        sidebar(page).get_by_role("button", name=ja("filter.reset")).click()
    assert count_captions(page) == E.count_captions(E.rows(""))
    assert query(page) == {}
    assert chosen_areas(page) == []
    assert pressed_pills(page, ja("filter.phase")) == [] and pressed_pills(page, ja("filter.actor")) == []
    assert sidebar(page).get_by_role("textbox", name=ja("filter.query")).input_value() == ""
    wait_for_charts(page, 2)
    want = E.by_actor(E.rows(""), Col.AREA_CODE)
    assert [tr["y"] for tr in chart_traces(page)[0]] == [want[a] for a in ACTOR_CODES]
    assert len(AREA_CODES) == len(chart_traces(page)[0][0]["x"])


def test_one_filtered_area_is_laid_out_on_the_timeline(app_server, page):
    goto(page, app_server, "/timeline?area=su")
    focus = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"] input')
    assert focus.input_value() == AREA_BY_CODE["su"].ja
