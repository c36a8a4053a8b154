"""Key terms: janome noun runs kept whole, their parts that are words of the plan; counts per group."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard import filters as F
from dashboard.aggregate import n_units
from dashboard.schema import Col
from dashboard.terms import (
    COUNT,
    FILTER_TERMS,
    STOP_TERMS,
    TERM,
    analyse,
    item_terms,
    table_terms,
    term_tokens,
    tokenize,
    top_terms,
    vocabulary,
)

DROPPED_POS = ("助詞", "助動詞", "記号")


def test_terms_are_made_of_nouns_and_prefixes_only(built):
    """Across every item, each term's morphemes are nouns (or a prefix joined to one), per janome."""
    df, _ = built
    for text in df[Col.TEXT]:
        for group in term_tokens(text):
            for tok in group:
                assert tok.part_of_speech.split(",")[0] in ("名詞", "接頭詞"), (text, tok.surface, tok.part_of_speech)


def test_no_particle_auxiliary_or_symbol_becomes_a_term(built):
    """No term equals a morpheme janome tags as a particle, an auxiliary or a symbol in that text."""
    df, _ = built
    checked = 0
    for text in df[Col.TEXT]:
        dropped = {t.surface for t in analyse(text) if t.part_of_speech.split(",")[0] in DROPPED_POS}
        checked += len(dropped)
        assert not dropped & set(tokenize(text)), text
        assert not any(ch in term for term in tokenize(text) for ch in "、。「」（）()")
    assert checked > 100  # the texts do contain particles and punctuation


def test_numbers_single_characters_and_stop_words_are_dropped():
    """Numbers (with their counters), one-character terms and stop words (等, 取組, 支援 …) do not come out."""
    got = tokenize("2025年度の取組等による支援と2地点間の運航")
    assert got == ["地点間", "運航"]
    assert not set(tokenize("万博会場内外での取組、支援の推進等")) & STOP_TERMS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("万博会場内外での取組", ["万博会場内外"]),
        ("キャッシュレス決済（QRコードや生体認証システム等）", ["キャッシュレス決済", "QRコード", "生体認証システム"]),
        ("万博来訪者に対してストレスフリーな移動サービスを提供", ["万博来訪者", "ストレスフリー", "移動サービス"]),
        ("空飛ぶクルマ関連産業への参入支援", ["空飛ぶクルマ関連産業", "参入"]),
        ("新事業創出に向けた、イノベーションの担い手の交流促進", ["新事業", "イノベーション", "担い手", "交流"]),
        ("域内事業者に対象拡大", ["事業者"]),
        ("「Global Startup EXPO 2025」との連携", ["Global Startup EXPO 2025", "連携"]),
        ("多様な人材の活躍", ["人材", "活躍"]),
    ],
)
def test_compounds(text, expected):
    """Noun runs stay one word; generic words at the ends are trimmed; adjectival stems alone are dropped."""
    assert tokenize(text) == expected


def test_a_word_also_counts_as_its_parts_that_are_words_of_the_plan():
    """情報発信戦略 gives 情報発信, 情報, 発信 and 戦略 when each is a word elsewhere; a part that never is, is not."""
    words = vocabulary(["情報発信戦略の策定", "情報発信の強化", "情報の収集", "強みの発信", "戦略の検討"])
    assert item_terms("情報発信戦略の策定", words) == ["情報発信戦略", "情報発信", "情報", "発信", "戦略", "策定"]
    assert item_terms("万博会場内外での取組", vocabulary(["万博会場内外での取組", "万博会場での展示"])) == [
        "万博会場内外",
        "万博会場",
    ]


def test_item_terms_are_distinct_in_first_occurrence_order():
    """A term used twice in one item is stored once, where it first occurs."""
    assert item_terms("水素の実証と水素ポテンシャルマップ等による水素関連情報の発信") == [
        "水素",
        "実証",
        "水素ポテンシャルマップ",
        "水素関連情報",
        "発信",
    ]


def test_stored_terms_are_a_fresh_tokenisation(built):
    """The `terms` column holds table_terms of the texts (the app only counts them)."""
    df, _ = built
    for stored, fresh in zip(df[Col.TERMS], table_terms(df[Col.TEXT]), strict=True):
        assert list(stored) == fresh
    assert (df[Col.TERMS].map(len) > 0).all()


FRAGMENTS = (
    "内外",
    "コード",
    "ストレス",
    "会場",
    "オープン",
)  # 万博会場内外, QRコード, ストレスフリー, オープン・イノベーション


def test_no_term_is_a_fragment_of_a_word(built):
    """内外, コード, ストレス are pieces of 万博会場内外, QRコード, ストレスフリー: never a term, not even after searching 万博."""
    df, _ = built
    assert not {t for ts in df[Col.TERMS] for t in ts} & set(FRAGMENTS)
    expo_rows = F.apply(df, F.Filters(query="万博"))
    listed = set(top_terms(expo_rows, 25)[TERM])
    assert {"万博会場内外", "QRコード", "ストレスフリー"} <= {t for ts in expo_rows[Col.TERMS] for t in ts}
    assert not listed & set(FRAGMENTS)


def _listed(df: pd.DataFrame) -> set[str]:
    """The terms the page lists: the top 25 of the plan and of each area."""
    terms = set(top_terms(df, 25)[TERM])
    return terms | set(top_terms(df, 25, by=Col.AREA_CODE)[TERM])


def test_choosing_a_term_finds_the_initiatives_it_counts(built):
    """For every listed term, the search for it finds exactly the initiatives counted (人材 used to count 10, find 15)."""
    df, _ = built
    counts = dict(zip(*(top_terms(df, 10_000)[c] for c in (TERM, COUNT)), strict=True))
    found = {term: n_units(F.apply(df, F.Filters(query=term))) for term in counts}  # initiatives, like the counts
    for term in _listed(df):
        assert found[term] == counts[term], term
    for term, n in counts.items():  # no term finds fewer than it counts
        assert found[term] >= n, term


def test_the_expo_is_left_to_the_expo_filter(built):
    """万博 is no term: its 15 hits would stand for the 21 Expo-related items the filter finds."""
    df, _ = built
    assert "万博" in FILTER_TERMS
    assert not {t for ts in df[Col.TERMS] for t in ts} & FILTER_TERMS
    assert int(df[Col.EXPO_RELATED].sum()) > len(F.apply(df, F.Filters(query="万博")))


def small() -> pd.DataFrame:
    terms = [["水素", "発信"], ["水素", "人材"], ["人材"], ["発信", "水素"], []]
    return pd.DataFrame(
        {
            Col.AREA_CODE: pd.Categorical(["cn", "cn", "hr", "hr", "hr"], categories=["cn", "hr", "su"]),
            Col.TERMS: [np.array(t, dtype=object) for t in terms],
        }
    )


def test_top_terms_counts_items_and_breaks_ties_by_term():
    """count = number of items using the term; order: count desc, then term."""
    got = top_terms(small(), 2)
    assert list(got.columns) == [TERM, COUNT]
    assert got.to_dict("records") == [{TERM: "水素", COUNT: 3}, {TERM: "人材", COUNT: 2}]


def test_top_terms_per_group():
    """With `by`, the top n of each group that has terms (empty categories left out)."""
    got = top_terms(small(), 1, by=Col.AREA_CODE)
    assert list(got.columns) == [Col.AREA_CODE, TERM, COUNT]
    assert [(str(a), t, c) for a, t, c in got.itertuples(index=False)] == [("cn", "水素", 2), ("hr", "人材", 1)]


def test_top_terms_on_the_plan(built):
    """On the built table, the overall top terms include the plan's main subjects."""
    got = top_terms(built[0], 15)
    assert len(got) == 15
    assert {"企業", "発信", "人材", "スタートアップ"} <= set(got[TERM])
    assert list(got[COUNT]) == sorted(got[COUNT], reverse=True)


def test_top_terms_with_list_codes_equal_the_plain_path(built):
    """top_terms with the table's ListCodes gives the same frame on subsets of the table."""
    from dashboard.aggregate import list_codes

    df = built[0]
    codes = list_codes(df, Col.TERMS)
    for sub in (df, df.iloc[0:0], df[df[Col.AREA_CODE] == "su"], df.iloc[::-2]):
        for n in (1, 25, 10_000):
            pd.testing.assert_frame_equal(top_terms(sub, n, codes=codes), top_terms(sub, n))
