"""Key terms: janome nouns with prefixes, suffixes and katakana joined; counts per group."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.schema import Col
from dashboard.terms import COUNT, STOP_TERMS, TERM, analyse, item_terms, term_tokens, tokenize, top_terms

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
        ("脱炭素関連スタートアップと企業等の交流イベント", ["脱炭素", "スタートアップ", "企業", "交流", "イベント"]),
        ("空飛ぶクルマ関連産業への参入支援", ["空飛ぶクルマ", "産業", "参入"]),
        ("情報発信戦略の策定", ["情報", "発信", "戦略", "策定"]),
        ("域内事業者に対象拡大", ["事業者"]),
        ("「Global Startup EXPO 2025」との連携", ["Global Startup EXPO 2025", "連携"]),
        ("ダイバーシティ&インクルージョンの推進", ["ダイバーシティ", "インクルージョン"]),
    ],
)
def test_compounds(text, expected):
    """Prefixes, suffixes and katakana runs join; plain noun sequences stay apart; fixed names stay whole."""
    assert tokenize(text) == expected


def test_item_terms_are_distinct_in_first_occurrence_order():
    """A term used twice in one item is stored once, where it first occurs."""
    assert item_terms("水素ポテンシャルマップ等による水素関連情報の発信") == [
        "水素",
        "ポテンシャルマップ",
        "情報",
        "発信",
    ]


def test_stored_terms_are_a_fresh_tokenisation(built):
    """The `terms` column holds item_terms of each text (the app only counts them)."""
    df, _ = built
    for text, stored in zip(df[Col.TEXT], df[Col.TERMS], strict=True):
        assert list(stored) == item_terms(text)
    assert (df[Col.TERMS].map(len) > 0).all()


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
    assert {"万博", "発信", "人材", "スタートアップ"} <= set(got[TERM])
    assert list(got[COUNT]) == sorted(got[COUNT], reverse=True)


def test_top_terms_with_list_codes_equal_the_plain_path(built):
    """top_terms with the table's ListCodes gives the same frame on subsets of the table."""
    from dashboard.aggregate import list_codes

    df = built[0]
    codes = list_codes(df, Col.TERMS)
    for sub in (df, df.iloc[0:0], df[df[Col.AREA_CODE] == "su"], df.iloc[::-2]):
        for n in (1, 25, 10_000):
            pd.testing.assert_frame_equal(top_terms(sub, n, codes=codes), top_terms(sub, n))
