"""AppTest: every page runs, filters change what is shown, the URL restores the filter."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest
from units import n_initiatives, one_row_per_initiative

from dashboard import filters as F
from dashboard.build import write_parquet
from dashboard.i18n import catalogue
from dashboard.paths import ENV_VAR, ROOT
from dashboard.schema import ACTOR_CODES, ANALYSIS_TABS, PHASE_CODES, Col, label

PAGES = [
    "views/overview.py",
    "views/timeline.py",
    "views/matrix.py",
    "views/actors.py",
    "views/explore.py",
    "views/analysis.py",
]
TITLES_JA = ["概要", "タイムライン", "分野マトリクス", "実施主体", "一覧・ダウンロード", "分析"]
TITLES_EN = ["Overview", "Timeline", "Area matrix", "Actors", "Explore & download", "Analysis"]


def run(page: str | None = None, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def count_caption(at: AppTest) -> str:
    """The sidebar's count caption (「該当 取組 N 件 ／ 全 M 件」)."""
    return next(c.value for c in at.sidebar.caption if c.value.startswith("該当") or "match" in c.value)


def header_caption(at: AppTest) -> str:
    """The page header's count caption (the first caption of the page)."""
    return at.main.caption[0].value


def expected_count(rows: pd.DataFrame, table: pd.DataFrame, lang: str = "ja") -> str:
    """The sidebar's caption for `rows` of `table`, counted independently in initiatives."""
    return catalogue(lang)("filter.count", n=n_initiatives(rows), total=n_initiatives(table))


def expected_header(rows: pd.DataFrame, table: pd.DataFrame, lang: str = "ja") -> str:
    """The page header's caption: the count and, when the table lists sub-items, its rows."""
    subs = int((rows[Col.LEVEL] == 2).sum())
    extra = catalogue(lang)("counts.rows", rows=len(rows), subs=subs) if subs else ""
    return expected_count(rows, table, lang) + extra


def assert_counts(at: AppTest, rows: pd.DataFrame, table: pd.DataFrame, lang: str = "ja") -> None:
    assert count_caption(at) == expected_count(rows, table, lang)
    assert header_caption(at) == expected_header(rows, table, lang)


@pytest.fixture
def fixture_table(tmp_path, monkeypatch, built):
    """A 14-row table (two areas) served through INITIATIVES_PATH."""
    df, meta = built
    small = df[df["area_code"].isin(["su", "mob"]) & (df["order"] <= 3)].reset_index(drop=True)
    path = tmp_path / "small.parquet"
    write_parquet(small, meta, path)
    monkeypatch.setenv(ENV_VAR, str(path))
    return small


@pytest.mark.parametrize(("page", "title"), list(zip(PAGES, TITLES_JA, strict=True)))
def test_every_page_runs_on_the_real_data(committed, page, title):
    """Each page renders its Japanese title and the count of initiatives (and the table's rows), with no exception."""
    df, _ = committed
    at = run(page)
    assert not at.exception
    assert at.title[0].value == title
    assert_counts(at, df, df)
    assert count_caption(at).startswith(f"該当 取組 {n_initiatives(df)} 件")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_a_small_fixture(fixture_table, page):
    """Each page runs on another table of the same schema (INITIATIVES_PATH)."""
    at = run(page)
    assert not at.exception
    assert_counts(at, fixture_table, fixture_table)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_with_a_filter_matching_nothing(page):
    """An empty result is shown without error."""
    at = run(page, {"q": "存在しない語句"})
    assert not at.exception
    assert count_caption(at).startswith("該当 取組 0 件")
    assert header_caption(at) == count_caption(at)  # no rows, nothing to add


def test_changing_a_filter_changes_the_count(committed):
    """Choosing an area in the sidebar narrows the count and writes the URL."""
    df, _ = committed
    at = run("views/explore.py")
    at.multiselect(key="w_area").set_value(["su"]).run()
    assert_counts(at, F.apply(df, F.Filters(areas=("su",))), df)
    assert at.query_params["area"] == ["su"] or at.query_params["area"] == "su"
    at.text_input(key="w_q").set_value("ＥＸＰＯ").run()
    assert_counts(at, F.apply(df, F.Filters(areas=("su",), query="EXPO")), df)


def test_query_params_restore_the_filter(committed):
    """Opening ?area=su&phase=2026 shows exactly those initiatives and sets the widgets."""
    df, _ = committed
    at = run("views/explore.py", {"area": "su", "phase": "2026"})
    assert_counts(at, F.apply(df, F.Filters(areas=("su",), phases=("2026",))), df)
    assert at.multiselect(key="w_area").value == ["su"]
    assert not at.warning


def test_filter_survives_a_page_switch(committed):
    """Moving to another page keeps the filter and the URL."""
    at = run("views/overview.py", {"area": ["su", "cn"]})
    at.switch_page("views/actors.py").run()
    df, _ = committed
    assert_counts(at, F.apply(df, F.Filters(areas=("cn", "su"))), df)
    assert list(at.query_params.get("area", [])) == ["cn", "su"]


def test_invalid_params_give_a_notice(committed):
    """Unknown keys and invalid values are dropped with a visible notice."""
    df, _ = committed
    at = run("views/overview.py", {"area": ["su", "<script>"], "bogus": "1"})
    assert not at.exception
    texts = " ".join(w.value for w in at.warning)
    assert "bogus" in texts and "script" in texts
    assert_counts(at, F.apply(df, F.Filters(areas=("su",))), df)


def test_reset_clears_the_filter(committed):
    """The reset button returns to all initiatives."""
    df, _ = committed
    at = run("views/overview.py", {"area": "su", "q": "EXPO"})
    next(b for b in at.button if b.label == "条件をクリア").click().run()
    assert_counts(at, df, df)
    assert at.text_input(key="w_q").value == ""


@pytest.mark.parametrize(("page", "title"), list(zip(PAGES, TITLES_EN, strict=True)))
def test_english_interface(committed, page, title):
    """lang=en shows the English interface."""
    df, _ = committed
    at = run(page, {"lang": "en"})
    assert not at.exception
    assert at.title[0].value == title
    n = n_initiatives(df)
    assert count_caption(at) == f"{n} of {n} initiatives match"
    assert_counts(at, df, df, "en")


def test_broken_data_file_shows_a_message(tmp_path, monkeypatch):
    """A broken data file gives a clear message naming it and the rebuild command; no exception."""
    bad = tmp_path / "broken.parquet"
    bad.write_text("not parquet", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(bad))
    at = run()
    assert not at.exception
    msg = at.error[0].value
    assert "broken" in msg and "make data" in msg


def test_matrix_lists_the_cells_of_the_chosen_area():
    """The matrix page shows the chosen area's items, sub-items nested, search hits highlighted."""
    at = run("views/matrix.py", {"area": "su", "q": "EXPO"})
    body = "\n".join(m.value for m in at.markdown)
    assert ":orange-background[EXPO]" in body
    at = run("views/matrix.py", {"area": "su"})
    body = "\n".join(m.value for m in at.markdown)
    assert "    - 国内外有力スタートアップDBへの域内スタートアップの登録" in body


def test_explore_offers_both_downloads():
    """The explore page has the CSV and XLSX download buttons."""
    at = run("views/explore.py", {"area": "su"})
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("CSV" in lbl for lbl in labels) and any("xlsx" in lbl for lbl in labels)


def test_instrument_and_expo_params_filter_the_pages(committed):
    """?instrument=…&expo=1 restores the analysis filters."""
    df, _ = committed
    at = run("views/analysis.py", {"instrument": "funding", "expo": "1"})
    assert not at.exception
    assert_counts(at, F.apply(df, F.Filters(instruments=("funding",), expo=True)), df)


def test_choosing_a_term_searches_by_it(committed):
    """Choosing a key term puts it in the search box and narrows every page."""
    df, _ = committed
    at = run("views/analysis.py", {"area": "su", "tab": "terms"})
    picker = at.button_group(key="term_pick")
    assert "スタートアップ" in picker.options
    picker.set_value("スタートアップ").run()
    assert at.text_input(key="w_q").value == "スタートアップ"
    assert_counts(at, F.apply(df, F.Filters(areas=("su",), query="スタートアップ")), df)


def test_analysis_page_shows_pairs_and_progression():
    """The analysis page lists 連携候補 and the progression of the chosen area, each in its tab."""
    at = run("views/analysis.py", {"area": "su", "tab": "progression"})
    body = "\n".join(m.value for m in at.markdown)
    assert "次期情報発信戦略の策定" in body
    assert not at.dataframe
    at = run("views/analysis.py", {"area": "su", "tab": "pairs"})
    assert any("関西広域連合の取組" in f.value.columns for f in at.dataframe)
    assert "次期情報発信戦略の策定" not in "\n".join(m.value for m in at.markdown)


def tab_param(at: AppTest) -> list[str]:
    value = at.query_params.get("tab", [])
    return [value] if isinstance(value, str) else list(value)


TAB_HEADERS = {
    "instruments": "analysis.instruments",
    "expo": "analysis.expo",
    "pairs": "analysis.pairs",
    "progression": "analysis.progression",
    "terms": "analysis.terms",
}


@pytest.mark.parametrize("tab", ANALYSIS_TABS)
@pytest.mark.parametrize("params", [{}, {"q": "存在しない語句"}, {"lang": "en"}], ids=["all", "empty", "en"])
def test_every_analysis_tab_runs_alone(tab, params):
    """?tab=… opens that tab only: its heading, no other tab's, and the tab stays in the URL."""
    lang = params.get("lang", "ja")
    at = run("views/analysis.py", {**params, "tab": tab})
    assert not at.exception
    t = catalogue(lang)
    headers = [h.value for h in at.main.header]
    assert headers == [t(TAB_HEADERS[tab])]
    assert tab_param(at) == ([tab] if tab != ANALYSIS_TABS[0] else [])
    assert at.session_state["w_analysis_tab"] == t(f"analysis.tab.{tab}")


def test_analysis_tabs_on_a_small_fixture(fixture_table):
    """Every tab runs on another table of the same schema."""
    for tab in ANALYSIS_TABS:
        at = run("views/analysis.py", {"tab": tab})
        assert not at.exception, tab
        assert [h.value for h in at.main.header] == [catalogue("ja")(TAB_HEADERS[tab])]


def test_choosing_a_tab_writes_the_url_and_survives_a_language_switch():
    """Opening a tab puts it in the URL; switching language or page and back keeps it."""
    at = run("views/analysis.py", {"area": "su"})
    assert "tab" not in at.query_params
    at.session_state["w_analysis_tab"] = catalogue("ja")("analysis.tab.expo")
    at.run()
    assert tab_param(at) == ["expo"]
    assert [h.value for h in at.main.header] == [catalogue("ja")("analysis.expo")]
    at.session_state["w_lang"] = "en"
    at.run()
    assert [h.value for h in at.main.header] == [catalogue("en")("analysis.expo")]
    assert tab_param(at) == ["expo"]
    at.switch_page("views/overview.py").run()
    assert "tab" not in at.query_params
    at.switch_page("views/analysis.py").run()
    assert tab_param(at) == ["expo"]


def test_an_invalid_tab_opens_the_first_with_a_notice():
    """?tab=<bogus> is dropped with a notice; the first tab opens."""
    at = run("views/analysis.py", {"tab": "<script>"})
    assert not at.exception
    assert [h.value for h in at.main.header] == [catalogue("ja")("analysis.instruments")]
    assert any("tab" in w.value for w in at.warning)
    assert "tab" not in at.query_params


def _page_text(at: AppTest) -> str:
    """Everything a user reads in the main area: headers, text, captions, notices, table cells."""
    parts = [e.value for kind in ("header", "markdown", "caption", "info", "warning") for e in getattr(at, kind)]
    parts += [" ".join(map(str, f.value.columns)) for f in at.dataframe]
    return "\n".join(map(str, parts))


def test_pairs_are_labelled_suggestions_of_wording_without_headings_or_twins():
    """連携候補: the score is 文章の類似度, the page says these are suggestions, no heading or same-text pair."""
    t = catalogue("ja")
    at = run("views/analysis.py", {"tab": "pairs"})
    assert t("analysis.suggestion") in [i.value for i in at.info]
    frame = next(f.value for f in at.dataframe if t("analysis.union_text") in f.value.columns)
    assert "文章の類似度" in frame.columns and frame["文章の類似度"].max() < 1.0
    assert not (frame[t("analysis.union_text")] == frame[t("analysis.members_text")]).any()
    assert "万博会場内外での取組" not in set(frame[t("analysis.union_text")]) | set(frame[t("analysis.members_text")])


def test_chains_show_each_item_once_with_a_labelled_score(committed):
    """時期を通じた展開 (hr): 外国人材の活躍 in one chain only; every score says it is wording similarity."""
    from dashboard.related import ChainCol, progression

    t = catalogue("ja")
    at = run("views/analysis.py", {"area": "hr", "tab": "progression"})
    assert t("analysis.progression_suggestion") in [i.value for i in at.info]
    texts = [m.value for m in at.markdown]
    assert texts.count("外国人材の活躍") == 1 and texts.count("副業人材の活躍促進、マッチング") == 1
    assert not [m for m in texts if "`" in m]  # no bare score after a text
    links = int((progression(committed[0], "hr")[ChainCol.STEP] > 0).sum())
    labelled = [c.value for c in at.caption if c.value.startswith("前の時期との文章の類似度 ")]
    assert links > 0 and len(labelled) == links


def test_choosing_a_term_finds_what_its_bar_counts(committed):
    """After searching 万博 the terms are whole words (no 内外, コード, ストレス); choosing one finds its count."""
    from dashboard import terms

    df, _ = committed
    at = run("views/analysis.py", {"tab": "terms", "q": "万博"})
    picker = at.button_group(key="term_pick")
    assert not {"内外", "コード", "ストレス", "万博"} & set(picker.options)
    assert "万博会場内外" in picker.options
    rows = F.apply(df, F.Filters(query="万博"))
    counts = dict(zip(*(terms.top_terms(rows, 25)[c] for c in (terms.TERM, terms.COUNT)), strict=True))
    at = run("views/analysis.py", {"tab": "terms"})
    at.button_group(key="term_pick").set_value("人材").run()
    all_counts = dict(zip(*(terms.top_terms(df, 25)[c] for c in (terms.TERM, terms.COUNT)), strict=True))
    assert count_caption(at).startswith(f"該当 取組 {all_counts['人材']} 件 ／ 全 {n_initiatives(df)} 件")
    assert counts["万博会場内外"] == len(F.apply(df, F.Filters(query="万博会場内外")))


def test_the_terms_tab_points_to_the_expo_filter(committed):
    """The terms tab says how many items name 万博 and how many are Expo-related; its button applies the filter."""
    df, _ = committed
    at = run("views/analysis.py", {"tab": "terms"})
    n = n_initiatives(df[df["text"].str.contains("万博").to_numpy(dtype=bool)])
    expo = n_initiatives(df[df["expo_related"].to_numpy(dtype=bool)])
    assert catalogue("ja")("analysis.terms_expo", n=f"{n:,}", expo=f"{expo:,}") in [c.value for c in at.caption]
    at.button(key="terms_expo").click().run()
    assert count_caption(at).startswith(f"該当 取組 {expo} 件 ／ 全 {n_initiatives(df)} 件")


DEVELOPER_WORDS = ("instrument_rules", ".csv", "TF-IDF", "n-gram", "janome", "形態素", "コサイン", "(rule ", "rule r")


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("tab", ANALYSIS_TABS)
def test_the_analysis_page_speaks_without_developer_words(lang, tab):
    """No file name, library, method or rule id in what the analysis tabs show (ja and en)."""
    at = run("views/analysis.py", {"tab": tab, "lang": lang})
    text = _page_text(at).lower()
    assert not [w for w in DEVELOPER_WORDS if w.lower() in text]


# --- what the counts count ------------------------------------------------------------------


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    """Tile label → (value, help)."""
    return {m.label: (m.value, m.help) for m in at.metric}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_overview_tiles_count_initiatives(committed, lang):
    """On 多様な人材の活躍 the tiles count initiatives (members 10 vs the Union's 5 in the plan, not 25 vs
    5): total, per actor, per phase and the 2025 + 2026～ columns; the total's help gives the rows."""
    df, _ = committed
    t = catalogue(lang)
    rows = F.apply(df, F.Filters(areas=("hr",)))
    units = one_row_per_initiative(rows)
    at = run("views/overview.py", {"area": "hr", "lang": lang})
    assert not at.exception
    tiles = metrics(at)
    n_subs = int((rows[Col.LEVEL] == 2).sum())
    assert tiles[t("overview.total")] == (
        str(len(units)),
        t("overview.items", rows=len(rows), n=len(rows) - n_subs, m=n_subs),
    )
    for a in ACTOR_CODES:
        assert tiles[label("actor", a, lang)][0] == str(int((units[Col.ACTOR_CODE] == a).sum()))
    members = int((units[Col.ACTOR_CODE] == "members").sum())
    assert members < int((rows[Col.ACTOR_CODE] == "members").sum())  # the rows would count sub-items too
    for p in PHASE_CODES:
        assert tiles[label("phase", p, lang)][0] == str(int((units[Col.PHASE_CODE] == p).sum()))
    tentative = int(units[Col.PHASE_CODE].isin(["2025", "2026"]).sum())
    assert tiles[t("overview.tentative")] == (str(tentative), t("overview.tentative_help"))
    assert t("overview.unit_note") in [c.value for c in at.main.caption]


def test_the_tentative_tile_says_which_columns_it_counts():
    """The tile names the 2025 and 2026～ columns (it is their sum, not 'tentative initiatives'), shortly."""
    for lang, year in (("ja", "2026～"), ("en", "2026–")):
        t = catalogue(lang)
        assert "2025" in t("overview.tentative") and year in t("overview.tentative")
        assert "2025" in t("overview.tentative_help") and year in t("overview.tentative_help")
    assert len(catalogue("en")("overview.tentative")) <= 24  # a tile label at 1400 px holds ~30 characters


def test_explore_says_it_lists_rows(committed):
    """The explorer's table caption counts rows (items and sub-items), the header counts initiatives."""
    df, _ = committed
    rows = F.apply(df, F.Filters(areas=("hr",)))
    at = run("views/explore.py", {"area": "hr"})
    captions = [c.value for c in at.main.caption]
    assert any(c.startswith(catalogue("ja")("explore.rows", n=len(rows))) for c in captions)
    assert header_caption(at) == expected_header(rows, df) and n_initiatives(rows) < len(rows)
