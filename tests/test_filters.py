"""Filters: each dimension, combinations, NFKC search, URL parsing and its canonical form."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import filters as F
from dashboard.load import typed
from dashboard.schema import Col


def make(rows: list[dict]) -> pd.DataFrame:
    base = {
        Col.AREA_CODE: "ls",
        Col.PHASE_CODE: "2024",
        Col.ACTOR_CODE: "union",
        Col.SUB_THEME: None,
        Col.LEVEL: 1,
        Col.TEXT: "x",
    }
    return typed(pd.DataFrame([{**base, **r} for r in rows]))


@pytest.fixture
def small() -> pd.DataFrame:
    return make(
        [
            {Col.ID: "a", Col.TEXT: "ＥＸＰＯ会場での発信"},
            {Col.ID: "b", Col.AREA_CODE: "su", Col.PHASE_CODE: "2026", Col.TEXT: "Global Startup EXPO 2025"},
            {Col.ID: "c", Col.AREA_CODE: "su", Col.ACTOR_CODE: "members", Col.LEVEL: 2, Col.TEXT: "起業家支援"},
            {Col.ID: "d", Col.AREA_CODE: "mob", Col.SUB_THEME: "MaaS", Col.PHASE_CODE: "2025", Col.TEXT: "自動運転"},
            {Col.ID: "e", Col.AREA_CODE: "mob", Col.SUB_THEME: "空飛ぶクルマ", Col.TEXT: "離着陸場"},
        ]
    )


def ids(df: pd.DataFrame) -> list[str]:
    return list(df[Col.ID])


def test_default_filter_keeps_everything(small):
    """The empty filter returns every row, and does not mutate the input."""
    before = small.copy()
    assert ids(F.apply(small, F.Filters())) == list("abcde")
    pd.testing.assert_frame_equal(small, before)


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (F.Filters(areas=("su",)), ["b", "c"]),
        (F.Filters(areas=("su", "mob")), ["b", "c", "d", "e"]),
        (F.Filters(phases=("2026",)), ["b"]),
        (F.Filters(actors=("members",)), ["c"]),
        (F.Filters(sub_themes=("maas",)), ["d"]),
        (F.Filters(sub_themes=("fly", "maas")), ["d", "e"]),
        (F.Filters(include_sub_items=False), ["a", "b", "d", "e"]),
        (F.Filters(areas=("su",), actors=("union",)), ["b"]),
        (F.Filters(areas=("ls",), phases=("2026",)), []),
    ],
)
def test_each_dimension_and_combinations(small, f, expected):
    """Area, phase, actor, sub-theme and sub-item filters, alone and combined."""
    assert ids(F.apply(small, f)) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("expo", ["a", "b"]),  # full-width ＥＸＰＯ matches half-width, case ignored
        ("ＥＸＰＯ", ["a", "b"]),
        ("２０２５", ["b"]),  # full-width digits
        ("expo 会場", ["a"]),  # all words must occur
        ("  起業家  ", ["c"]),
        ("存在しない", []),
    ],
)
def test_search_is_nfkc_normalised(small, query, expected):
    """Search ignores width and case; several words are ANDed."""
    assert ids(F.apply(small, F.Filters(query=query))) == expected


def test_parse_valid_params():
    """Valid parameters become a filter in plan order, with the language."""
    state = F.parse_query_params(
        {"area": ["su", "cn"], "phase": ["2026"], "actor": ["union"], "q": ["EXPO"], "lang": ["en"], "sub": ["maas"]}
    )
    assert state.filters == F.Filters(
        areas=("cn", "su"), phases=("2026",), actors=("union",), sub_themes=("maas",), query="EXPO"
    )
    assert state.lang == "en"
    assert state.notices == ()


def test_parse_drops_unknown_and_invalid_with_notices():
    """Unknown keys and invalid values are dropped, each with a notice; the rest is kept."""
    state = F.parse_query_params({"area": ["su", "xx"], "foo": ["1"], "lang": ["fr"], "subitems": ["maybe"]})
    assert state.filters.areas == ("su",)
    assert state.lang == "ja"
    keys = sorted((n.key, n.param) for n in state.notices)
    assert keys == [
        ("url.invalid_value", "area"),
        ("url.invalid_value", "lang"),
        ("url.invalid_value", "subitems"),
        ("url.unknown_param", "foo"),
    ]


def test_parse_repeated_and_duplicate_values():
    """Repeated keys give several values; duplicates collapse."""
    state = F.parse_query_params({"area": ["su", "su", "ls"]})
    assert state.filters.areas == ("ls", "su")


def test_parse_limits_hostile_sizes():
    """Too many values and too long text are cut, with notices."""
    state = F.parse_query_params({"area": ["su"] * 500, "q": ["あ" * 5000]})
    assert state.filters.areas == ("su",)
    assert len(state.filters.query) == F.MAX_QUERY_CHARS
    assert {n.key for n in state.notices} == {"url.too_many", "url.too_long"}


def test_notice_values_are_trimmed():
    """A notice quotes at most a short, control-free piece of the value."""
    state = F.parse_query_params({"area": ["<script>alert(1)</script>" * 10 + "\x00\u202e"]})
    (n,) = state.notices
    assert len(n.value) <= F.MAX_VALUE_CHARS + 1 and "\x00" not in n.value and "\u202e" not in n.value


def test_framework_params_are_ignored_silently():
    """Streamlit's own embed parameters raise no notice."""
    assert F.parse_query_params({"embed": ["true"], "embed_options": ["light_theme"]}).notices == ()


def test_round_trip_and_canonical_form():
    """to_query_params → parse gives the same filter; defaults are omitted."""
    f = F.Filters(areas=("su", "cn"), phases=("2026",), include_sub_items=False, query="万博 会場")
    params = F.to_query_params(f, "en")
    assert params == {
        "area": ["cn", "su"],
        "phase": ["2026"],
        "subitems": ["0"],
        "q": ["万博 会場"],
        "lang": ["en"],
    }
    back = F.parse_query_params(params)
    assert back.filters == F.parse_query_params(F.to_query_params(back.filters)).filters
    assert back.filters.areas == ("cn", "su") and back.lang == "en"
    assert F.to_query_params(F.Filters()) == {}


def test_query_string_is_url_encoded():
    """query_string encodes Japanese and repeats keys."""
    qs = F.query_string(F.Filters(areas=("su", "cn"), query="万博&x"))
    assert parse_qs(urlsplit(qs).query) == {"area": ["cn", "su"], "q": ["万博&x"]}
    assert F.query_string(F.Filters()) == ""


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.one_of(st.sampled_from(F.KNOWN_PARAMS), st.text(max_size=20)),
        st.lists(st.text(max_size=300), max_size=30),
        max_size=10,
    )
)
def test_parser_never_raises_and_stays_valid(params):
    """Any parameters parse without error into a valid, canonical filter."""
    state = F.parse_query_params(params)
    f = state.filters
    assert set(f.areas) <= set(F.ENUM_PARAMS["area"][1])
    assert set(f.phases) <= set(F.ENUM_PARAMS["phase"][1])
    assert set(f.actors) <= set(F.ENUM_PARAMS["actor"][1])
    assert len(f.query) <= F.MAX_QUERY_CHARS
    assert state.lang in ("ja", "en")
    assert F.parse_query_params(F.to_query_params(f, state.lang)).filters == f
    assert all(len(n.value) <= F.MAX_VALUE_CHARS + 1 for n in state.notices)


@pytest.fixture
def analysed(small) -> pd.DataFrame:
    out = small.copy()
    out[Col.INSTRUMENT_TYPES] = [["outreach"], ["matching", "outreach"], ["talent"], ["rnd"], ["infrastructure"]]
    out[Col.EXPO_RELATED] = [True, True, False, False, False]
    return out


@pytest.mark.parametrize(
    ("f", "expected"),
    [
        (F.Filters(instruments=("outreach",)), ["a", "b"]),
        (F.Filters(instruments=("talent", "rnd")), ["c", "d"]),  # any of the chosen types
        (F.Filters(expo=True), ["a", "b"]),
        (F.Filters(expo=False), ["c", "d", "e"]),
        (F.Filters(expo=True, instruments=("matching",)), ["b"]),
    ],
)
def test_instrument_and_expo_filters(analysed, f, expected):
    """Instrument types (any of) and Expo linkage filter the analysis columns."""
    assert ids(F.apply(analysed, f)) == expected


def test_instrument_and_expo_params():
    """instrument and expo round-trip through the URL; invalid values give notices."""
    state = F.parse_query_params({"instrument": ["talent", "outreach", "magic"], "expo": ["1"]})
    assert state.filters.instruments == ("outreach", "talent") and state.filters.expo is True
    assert [(n.key, n.param) for n in state.notices] == [("url.invalid_value", "instrument")]
    assert F.to_query_params(state.filters) == {"instrument": ["outreach", "talent"], "expo": ["1"]}
    assert F.parse_query_params({"expo": ["0"]}).filters.expo is False
    assert F.parse_query_params({"expo": ["yes"]}).notices[0].param == "expo"


def test_tab_param():
    """tab= names an analysis tab: parsed, validated, written only when not the first."""
    assert F.parse_query_params({}).tab == "instruments"
    state = F.parse_query_params({"tab": ["terms"], "area": ["su"]})
    assert state.tab == "terms" and state.notices == () and state.filters.areas == ("su",)
    bad = F.parse_query_params({"tab": ["<b>x</b>"]})
    assert bad.tab == "instruments"
    assert [(n.key, n.param) for n in bad.notices] == [("url.invalid_value", "tab")]
    f = F.Filters(areas=("su",))
    assert F.to_query_params(f, tab="terms") == {"area": ["su"], "tab": ["terms"]}
    assert F.to_query_params(f, tab="instruments") == {"area": ["su"]}
    assert F.to_query_params(f, tab="bogus") == {"area": ["su"]}
    assert F.query_string(f, "en", "expo") == "?area=su&lang=en&tab=expo"


def test_mask_marks_exactly_the_rows_apply_returns(small):
    """mask is a boolean per row of the table, true for the rows apply keeps."""
    for f in (F.Filters(), F.Filters(areas=("su",), query="EXPO"), F.Filters(include_sub_items=False)):
        m = F.mask(small, f)
        assert m.dtype == bool and m.index.equals(small.index)
        assert list(small.index[m.to_numpy()]) == list(F.apply(small, f).index)


def test_search_syntax_or_not_and_phrases():
    """OR / | join alternatives, a leading - excludes, quotes keep a phrase; odd input stays plain words."""
    assert F.parse_search("水素 電池") == F.Search((("水素",), ("電池",)))
    assert F.parse_search("水素 OR 電池 -万博") == F.Search((("水素", "電池"),), ("万博",))
    assert F.parse_search("水素　ｏｒ　電池") == F.Search((("水素", "電池"),))  # full-width OR and spaces
    assert F.parse_search('"空飛ぶ クルマ" | MaaS') == F.Search((("空飛ぶ クルマ", "maas"),))
    assert F.parse_search("OR 水素 OR") == F.Search((("水素",),))
    assert F.parse_search("- x") == F.Search((("-",), ("x",)))
    assert not F.parse_search("OR") and not F.parse_search('""')
    assert F.search_terms("水素 OR 電池 -万博") == ["水素", "電池"]


def test_search_or_and_not_filter_rows():
    """`水素 OR 電池` keeps rows with either word; `-万博` drops rows with 万博; both combine with AND."""
    df = make(
        [
            {"id": "a", "text": "水素の実証"},
            {"id": "b", "text": "蓄電池の普及"},
            {"id": "c", "text": "万博での水素利用"},
            {"id": "d", "text": "人材育成"},
        ]
    )
    ids = lambda q: list(F.apply(df, F.Filters(query=q))[Col.ID])  # noqa: E731
    assert ids("水素 OR 電池") == ["a", "b", "c"]
    assert ids("-万博") == ["a", "b", "d"]
    assert ids("水素 OR 電池 -万博") == ["a", "b"]
    assert ids("水素 電池") == []


def test_chips_name_every_active_value_and_remove_one_each():
    """One chip per chosen value (and per set scalar), in the sidebar's order; removing a chip drops just that."""
    from datetime import date

    f = F.Filters(
        areas=("su", "cn"),
        phases=("2026",),
        include_sub_items=False,
        query="水素 OR 電池",
        expo=True,
        statuses=("none",),
        fiscal_year=2025,
        as_of=date(2025, 3, 31),
    )
    texts = [c.text for c in F.chips(f)]
    assert texts == [
        "分野: スタートアップ",
        "分野: カーボンニュートラル",
        "時期: 2026～ 万博後",
        "進捗: 未報告",
        "下位項目を除く",
        "万博: 関連あり",
        "検索: 水素 OR 電池",
        "2025 年度",
        "2025/03/31 時点",
    ]
    assert F.chips(F.Filters()) == []
    by_text = {c.text: c for c in F.chips(f)}
    assert F.without(f, by_text["分野: スタートアップ"]).areas == ("cn",)
    assert F.without(f, by_text["下位項目を除く"]).include_sub_items is True
    assert F.without(f, by_text["検索: 水素 OR 電池"]).query == ""
    assert F.without(f, by_text["2025 年度"]).fiscal_year is None
    emptied = f
    for chip in F.chips(f):
        emptied = F.without(emptied, chip)
    assert emptied == F.Filters()
    assert [c.text for c in F.chips(F.Filters(actors=("union",)), "en")] == ["Actor: Union of Kansai Governments"]
