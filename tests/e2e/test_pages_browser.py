"""Every page in Chromium: no error, the count caption, each chart's drawn marks equal the data, CJK text.

The expected numbers are counted here (tests/e2e/expected.py) from the committed table and the
filter the URL spells; the drawn marks are read from Plotly's SVG (tick labels in reading order,
bar sizes in pixels, numbers printed on heatmap cells), so a chart that draws wrong numbers, wrong
labels or nothing at all fails. Each page is opened unfiltered and filtered; a full-page screenshot
of each is saved to test-artifacts/screenshots/page-<page>-<variant>.png.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from appharness.browser import (
    chart_marks,
    chart_traces,
    expect_rerun,
    goto,
    in_japanese_font,
    no_exceptions,
    rendered_fonts,
    save_screenshot,
    wait_for_charts,
)
from dashboard.i18n import catalogue
from dashboard.schema import ACTOR_CODES, AREA_CODES, INSTRUMENT_CODES, PHASE_CODES, Col

from . import expected as E
from .support import console_errors, count_captions

t = catalogue("ja")


@dataclass(frozen=True)
class PageSpec:
    slug: str
    path: str
    title_key: str
    charts: int
    tab: str = ""  # the analysis page's tab (URL `tab=`)

    def url(self, query: str) -> str:
        extra = f"tab={self.tab}" if self.tab else ""
        sep = "&" if query and extra else ("?" if extra else "")
        return self.path + query + sep + extra


PAGES = (
    PageSpec("overview", "/", "page.overview", 1),
    PageSpec("timeline", "/timeline", "page.timeline", 1),
    PageSpec("matrix", "/matrix", "page.matrix", 1),
    PageSpec("actors", "/actors", "page.actors", 2),
    PageSpec("explore", "/explore", "page.explore", 0),
    PageSpec("analysis", "/analysis", "page.analysis", 2),
    PageSpec("analysis-expo", "/analysis", "page.analysis", 1, "expo"),
    PageSpec("analysis-pairs", "/analysis", "page.analysis", 0, "pairs"),
    PageSpec("analysis-progression", "/analysis", "page.analysis", 0, "progression"),
    PageSpec("analysis-terms", "/analysis", "page.analysis", 1, "terms"),
)
# Two areas and two phases: some chart cells drop to zero, others keep their counts.
QUERIES = {"all": "", "filtered": "?area=su&area=hr&phase=2025&phase=2026"}


# ------------------------------------------------------------------------------------ assertions


def assert_sizes(drawn: dict[str, list[float]], want: dict[str, list[float]], what: str) -> None:
    """Drawn bar sizes (px) are proportional to `want` on one scale: zero draws nothing, the rest within 1.5 px."""
    assert set(drawn) == set(want), f"{what}: bar traces {sorted(drawn)} != {sorted(want)}"
    biggest = max((v, name, i) for name, vs in want.items() for i, v in enumerate(vs))
    assert biggest[0] > 0, f"{what}: nothing to draw"
    scale = drawn[biggest[1]][biggest[2]] / biggest[0]
    assert scale > 1, f"{what}: the largest bar is {drawn[biggest[1]][biggest[2]]} px tall"
    for name, values in want.items():
        assert len(drawn[name]) == len(values), (
            f"{what} / {name}: {len(drawn[name])} bars drawn, {len(values)} expected"
        )
        for i, (v, px) in enumerate(zip(values, drawn[name], strict=True)):
            assert abs(px - v * scale) <= 1.5, f"{what} / {name} #{i}: {px:.1f} px drawn for {v} (scale {scale:.2f})"


def bar_sizes(marks: dict) -> dict[str, list[float]]:
    return {b["name"]: b["sizes"] for b in marks["bars"]}


def flat(grid: list[list]) -> list:
    return [v for row in grid for v in row]


def check_area_actor_bars(traces: list[dict], marks: dict, df, what: str) -> None:
    """Bars per area, one trace per actor: x = the six areas, y = the counts, heights ∝ counts."""
    want = E.by_actor(df, Col.AREA_CODE)
    assert [tr["type"] for tr in traces] == ["bar", "bar"], what
    assert [tr["name"] for tr in traces] == E.actor_names(), what
    for tr, a in zip(traces, ACTOR_CODES, strict=True):
        assert tr["x"] == E.area_names(), what
        assert tr["y"] == want[a], f"{what}: {a} {tr['y']} != {want[a]}"
    assert sum(sum(tr["y"]) for tr in traces) == E.n_initiatives(df), what
    assert marks["xticks"] == E.area_names(), f"{what}: x tick labels {marks['xticks']}"
    assert_sizes(bar_sizes(marks), dict(zip(E.actor_names(), [want[a] for a in ACTOR_CODES], strict=True)), what)


def check_overview(page, df, url: str) -> None:
    (traces,) = chart_traces(page)
    marks = chart_marks(page, 0)
    assert marks["title"] == t("chart.actor_by.area.title")
    check_area_actor_bars(traces, marks, df, "overview bars")
    metric = page.locator('[data-testid="stMetric"]').first
    assert metric.locator('[data-testid="stMetricLabel"]').inner_text().strip() == t("overview.total")
    assert metric.locator('[data-testid="stMetricValue"]').inner_text().strip() == str(E.n_initiatives(df))


def check_timeline(page, df, url: str) -> None:
    (traces,) = chart_traces(page)
    marks = chart_marks(page, 0)
    assert marks["title"] == t("chart.timeline.title")
    # One lane per filtered area (all six when no area is chosen), phases left to right.
    chosen = E.state(url).filters.areas
    areas = [a for a in AREA_CODES if a in chosen] or list(AREA_CODES)
    rows = [AREA_CODES.index(a) for a in areas]
    assert marks["yticks"] == [E.area_names()[i] for i in rows], marks["yticks"]
    assert marks["xticks"] == E.phase_ticks(), marks["xticks"]
    lanes = len(areas) * len(PHASE_CODES)
    data = [tr for tr in traces if tr["name"] in E.actor_names() and len(tr["x"]) == lanes]
    assert [tr["name"] for tr in data] == E.actor_names()
    drawn = {p["name"]: p for p in marks["points"] if p["markers"]}
    for tr, a in zip(data, ACTOR_CODES, strict=True):
        grid = E.area_phase(df, a)
        want = [str(n) for i in rows for n in grid[i]]  # lanes: area by area, phase by phase
        assert tr["text"] == want, f"timeline {a}: {tr['text']} != {want}"
        assert drawn[tr["name"]]["markers"] == lanes, drawn[tr["name"]]
        assert drawn[tr["name"]]["texts"] == want, f"timeline {a}: printed {drawn[tr['name']]['texts']}"
    themes = [tr for tr in traces if isinstance(tr.get("text"), list) and tr["name"] not in E.actor_names()]
    assert len(themes) == 1 and len(themes[0]["text"]) == lanes, "one theme per lane and phase"


def check_heatmap(traces: list[dict], marks: dict, z: list[list[int]], what: str) -> None:
    (hm,) = traces
    assert hm["type"] == "heatmap", what
    assert hm["z"] == z, f"{what}: z {hm['z']} != {z}"
    assert marks["heatmaps"] == 1, f"{what}: heatmap image not drawn"
    assert marks["heatmap_text"] == [f"{n:,d}" for n in flat(z)], f"{what}: printed {marks['heatmap_text']}"


def check_matrix(page, df, url: str) -> None:
    (traces,) = chart_traces(page)
    marks = chart_marks(page, 0)
    assert marks["title"] == t("chart.heatmap.title")
    check_heatmap(traces, marks, E.area_phase(df), "matrix heatmap")
    assert marks["xticks"] == E.phase_ticks() and marks["yticks"] == E.area_names(), (marks["xticks"], marks["yticks"])
    # The document-style grid of the first filtered area shows every one of its rows' texts.
    area = (E.state(url).filters.areas or AREA_CODES)[0]
    main = page.locator('[data-testid="stMain"]').inner_text()
    for text in df.loc[df[Col.AREA_CODE].astype(str) == area, Col.TEXT]:
        assert text in main, f"matrix grid of {area} lacks {text!r}"


def count_by(page, dim_key: str, charts: int) -> None:
    """Switch the page's 集計の単位 control to 分野別 / 時期別 (`actors.by_area` / `actors.by_phase`)."""
    button = page.locator('[data-testid="stMain"]').get_by_role("radio", name=t(dim_key), exact=True)
    with expect_rerun(page):
        button.click()
    wait_for_charts(page, charts)


def check_actors(page, df, url: str) -> None:
    """Counts by area (default) and, after the switch, by phase; each actor's share per area."""
    by_area, share = chart_traces(page)
    check_area_actor_bars(by_area, chart_marks(page, 0), df, "actors by area")
    # 100 % bars: x = the actor's share of the area, customdata = (count, area total), widths ∝ shares.
    counts = E.by_actor(df, Col.AREA_CODE)
    totals = [sum(counts[a][i] for a in ACTOR_CODES) for i in range(len(AREA_CODES))]
    marks = chart_marks(page, 1)
    assert marks["yticks"] == E.area_names(), marks["yticks"]
    shares = {}
    for tr, a, name in zip(share, ACTOR_CODES, E.actor_names(), strict=True):
        assert tr["customdata"] == [[n, tot] for n, tot in zip(counts[a], totals, strict=True)]
        shares[name] = [n / tot if tot else 0.0 for n, tot in zip(counts[a], totals, strict=True)]
        assert tr["x"] == pytest.approx(shares[name])
    assert_sizes(bar_sizes(marks), shares, "actor share")
    count_by(page, "actors.by_phase", 2)
    by_phase, _ = chart_traces(page)
    want = E.by_actor(df, Col.PHASE_CODE)
    marks = chart_marks(page, 0)
    assert [tr["y"] for tr in by_phase] == [want[a] for a in ACTOR_CODES]
    assert marks["xticks"] == E.phase_ticks(), marks["xticks"]
    assert_sizes(bar_sizes(marks), dict(zip(E.actor_names(), [want[a] for a in ACTOR_CODES], strict=True)), "by phase")


def check_explore(page, df, url: str) -> None:
    main = page.locator('[data-testid="stMain"]')
    assert t("explore.rows", n=len(df)) in main.inner_text()
    grid = main.locator('[data-testid="stDataFrame"] table[role="grid"]').first
    assert grid.get_attribute("aria-rowcount") == str(len(df) + 1)  # + the header row
    shown = [
        tuple(c.strip() for c in row.locator('[role="gridcell"]').all_inner_texts()[:4])
        for row in grid.locator("tbody tr").all()
    ]
    assert shown, "the table shows no row"
    # the rows the grid has drawn so far, in order; on screen the text comes first
    assert shown == [(text, *where) for *where, text in E.labels(df)][: len(shown)]


def check_analysis(page, df, url: str) -> None:
    """The instruments tab (the default): actor × type heatmap and the mix by area, then by phase."""
    heat, _ = chart_traces(page)
    marks = chart_marks(page, 0)
    check_heatmap(heat, marks, E.actor_instrument(df), "instrument heatmap")
    assert marks["xticks"] == E.instrument_names() and marks["yticks"] == E.actor_names()
    for dim, key in ((Col.AREA_CODE, None), (Col.PHASE_CODE, "actors.by_phase")):
        if key:
            count_by(page, key, 2)
        traces = chart_traces(page)[1]
        counts = E.instrument_by(df, dim)
        n_cat = len(PHASE_CODES if dim == Col.PHASE_CODE else AREA_CODES)
        totals = [sum(counts[c][k] for c in INSTRUMENT_CODES) for k in range(n_cat)]
        shares = {}
        assert [tr["name"] for tr in traces] == E.instrument_names()
        for tr, code, name in zip(traces, INSTRUMENT_CODES, E.instrument_names(), strict=True):
            assert [cd[0] for cd in tr["customdata"]] == counts[code], f"instrument mix {dim} {code}"
            shares[name] = [n / tot if tot else 0.0 for n, tot in zip(counts[code], totals, strict=True)]
        marks = chart_marks(page, 1)
        assert marks["yticks"] == (E.phase_ticks() if dim == Col.PHASE_CODE else E.area_names()), marks["yticks"]
        assert_sizes(bar_sizes(marks), shares, f"instrument mix by {dim}")
    assert page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').count() == 0
    assert_open_tab(page, "instruments")


def assert_open_tab(page, code: str) -> None:
    selected = page.locator('[data-testid="stMain"] [role="tab"][aria-selected="true"]').all_inner_texts()
    assert [s.strip() for s in selected] == [t(f"analysis.tab.{code}")]


def check_analysis_expo(page, df, url: str) -> None:
    """Area × phase heatmap of the Expo-related share, with share and counts printed in the cells."""
    ((hm,),) = chart_traces(page)
    cells = E.expo_cells(df)
    assert flat(hm["z"]) == pytest.approx([e / n if n else 0.0 for e, n in flat(cells)])
    assert hm["text"] == [[f"{e / n:.0%}<br>{e}/{n}" if n else "–" for e, n in row] for row in cells]
    marks = chart_marks(page, 0)
    assert marks["heatmaps"] == 1
    assert marks["heatmap_text"] == [f"{e / n:.0%}{e}/{n}" if n else "–" for e, n in flat(cells)]
    assert_open_tab(page, "expo")


def check_analysis_pairs(page, df, url: str) -> None:
    """The 連携候補 table is there (its rows are checked in AppTest)."""
    assert page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').count() == 1
    assert_open_tab(page, "pairs")


def check_analysis_progression(page, df, url: str) -> None:
    """The progression part: its area picker and chains (or the note that there are none)."""
    main = page.locator('[data-testid="stMain"]')
    assert main.locator('[data-testid="stSelectbox"]').count() == 1
    assert main.get_by_text(t("analysis.progression_note"), exact=True).count() == 1
    assert_open_tab(page, "progression")


def check_analysis_terms(page, df, url: str) -> None:
    """Key terms: initiatives using each term (on any of their rows), most first (ties by term), top 25."""
    top = E.term_counts(df)[:25]
    ((bars,),) = chart_traces(page)
    assert list(zip(bars["y"], bars["x"], strict=True)) == top
    marks = chart_marks(page, 0)
    assert marks["yticks"] == [term for term, _ in top]
    assert_sizes(bar_sizes(marks), {bars["name"]: [n for _, n in top]}, "key terms")
    assert_open_tab(page, "terms")


CHECKS = {
    "overview": check_overview,
    "timeline": check_timeline,
    "matrix": check_matrix,
    "actors": check_actors,
    "explore": check_explore,
    "analysis": check_analysis,
    "analysis-expo": check_analysis_expo,
    "analysis-pairs": check_analysis_pairs,
    "analysis-progression": check_analysis_progression,
    "analysis-terms": check_analysis_terms,
}


# ------------------------------------------------------------------------------------------ tests


@pytest.mark.parametrize("variant", list(QUERIES))
@pytest.mark.parametrize("spec", PAGES, ids=[p.slug for p in PAGES])
def test_page_draws_the_data(app_server, page, spec: PageSpec, variant: str):
    url = spec.url(QUERIES[variant])
    df = E.rows(url)
    goto(page, app_server, url)
    assert no_exceptions(page) == []  # before waiting for charts that an exception would never draw
    if spec.charts:
        wait_for_charts(page, spec.charts)
    assert page.locator('[data-testid="stAlertContentError"]').all_inner_texts() == []
    assert page.locator("h1").first.inner_text().strip() == t(spec.title_key)
    assert count_captions(page) == E.count_captions(df)  # sidebar and page header
    shown = page.locator(".js-plotly-plot:visible")  # a phone's variant is in the page but hidden here
    assert shown.count() == spec.charts
    # Every chart here counts initiatives and says so under its title.
    subtitles = shown.locator(".gtitle-subtitle").all_text_contents()
    assert [s.strip() for s in subtitles] == [t("chart.unit_note")] * spec.charts
    CHECKS[spec.slug](page, df, url)
    # Japanese is drawn with a font that covers it (not tofu): the heading, and the chart labels (SVG text) where there are charts.
    fonts = rendered_fonts(page, "h1")
    assert in_japanese_font(fonts), f"the heading is drawn in {fonts}"
    if spec.charts:
        fonts = rendered_fonts(page, ".js-plotly-plot .gtitle")
        assert in_japanese_font(fonts), f"the chart title is drawn in {fonts}"
    save_screenshot(page, f"page-{spec.slug}-{variant}")
    assert console_errors(page) == []
    assert page.external_requests == []


# Elements inside a tile whose text is wider than the tile shows (cut off or ended with "…").
CUT_OFF_JS = """(el) => [...el.querySelectorAll('*')].filter((e) => e.scrollWidth > e.clientWidth + 1 &&
    getComputedStyle(e).overflow !== 'visible').map((e) => e.textContent.trim())"""


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_overview_tiles_say_what_they_count_uncut(app_server, page, lang):
    """At 1400 px the overview's tiles count initiatives (多様な人材の活躍: members vs the Union as the
    plan lists them, not its rows) and no tile label is cut off, in Japanese and in English."""
    tr = catalogue(lang)
    page.set_viewport_size({"width": 1400, "height": 900})
    url = f"/?area=hr&lang={lang}"
    goto(page, app_server, url)
    wait_for_charts(page, 1)
    units = E.initiatives(E.rows(url))
    tiles = page.locator('[data-testid="stMain"] [data-testid="stMetric"]')
    shown = {
        m.locator('[data-testid="stMetricLabel"]').inner_text().strip(): m.locator('[data-testid="stMetricValue"]')
        .inner_text()
        .strip()
        for m in tiles.all()
    }
    by_actor = {a: str(int((units[Col.ACTOR_CODE].astype(str) == a).sum())) for a in ACTOR_CODES}
    assert shown[tr("overview.total")] == str(len(units))
    assert [shown[E.actor_names(lang)[i]] for i in range(2)] == [by_actor[a] for a in ACTOR_CODES]
    tentative = int(units[Col.PHASE_CODE].astype(str).isin(["2025", "2026"]).sum())
    assert shown[tr("overview.tentative")] == str(tentative)
    for m in tiles.all():
        label = m.locator('[data-testid="stMetricLabel"]')
        assert label.evaluate(CUT_OFF_JS) == [], f"cut off at 1400 px: {label.inner_text()!r}"
    assert page.locator('[data-testid="stMain"]').get_by_text(tr("overview.unit_note"), exact=True).count() == 1
    assert console_errors(page) == []
