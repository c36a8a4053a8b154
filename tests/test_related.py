"""Related initiatives: n-gram TF-IDF cosine, stored neighbours, 連携候補 pairs, phase chains."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.related import (
    PAIR_COLUMNS,
    TOP_K,
    ChainCol,
    PairCol,
    cosine_matrix,
    is_heading,
    ngrams,
    pairs,
    progression,
    same_text_key,
    top_k,
    vectorise,
)
from dashboard.schema import Col

GSE = ["su-2025-union-01-1", "su-2025-members-01-2", "su-2026-union-02"]  # 「Global Startup EXPO 2025」
STRATEGY = ["su-2024-union-02", "su-2025-union-02", "su-2026-union-03"]  # 情報発信戦略, スタートアップ union row


def related_of(df, id_) -> list[str]:
    return list(df.loc[df[Col.ID] == id_, Col.RELATED_IDS].iloc[0])


def test_ngrams_stay_inside_words_and_are_normalised():
    """n-grams never span punctuation or spaces; full-width letters are folded (NFKC) and lower-cased."""
    assert ngrams("ＡＢ、cd") == ["ab", "cd"]
    assert ngrams("情報発信") == ["情報", "報発", "発信", "情報発", "報発信"]
    assert ngrams("「x」") == []


def test_cosine_of_identical_disjoint_and_empty_texts():
    """Identical texts score 1, texts with no shared n-gram 0, an empty text 0 with everything."""
    sim = cosine_matrix(vectorise(["万博会場での展示", "万博会場での展示", "人材育成", "、"]))
    assert sim[0, 1] == pytest.approx(1.0)
    assert sim[0, 2] == 0.0
    assert (sim[3] == 0).all()
    assert (sim == sim.T).all()
    assert ((sim >= 0) & (sim <= 1)).all()


def test_shared_rare_ngrams_weigh_more_than_common_ones():
    """IDF: sharing a rare n-gram scores higher than sharing one every text has."""
    texts = ["水素の発信", "水素の交流", "人材の発信", "技術の発信", "拠点の発信"]
    sim = cosine_matrix(vectorise(texts))
    assert sim[0, 1] > sim[0, 2]


def test_top_k_excludes_itself_and_zero_scores_and_keeps_ties_in_order():
    """Best first, never itself, never a zero score, ties in row order, at most k."""
    sim = np.array([[1.0, 0.5, 0.5, 0.0], [0.5, 1.0, 0.2, 0.1], [0.5, 0.2, 1.0, 0.0], [0.0, 0.1, 0.0, 1.0]])
    got = top_k(sim, k=2)
    assert got[0] == [(1, 0.5), (2, 0.5)]
    assert got[1] == [(0, 0.5), (2, 0.2)]
    assert got[3] == [(1, 0.1)]


@pytest.mark.parametrize("group", [GSE, STRATEGY], ids=["global-startup-expo", "info-strategy"])
def test_known_families_are_each_others_nearest(built, group):
    """Each item of the family has the other two as its two nearest items."""
    df, _ = built
    for id_ in group:
        assert set(related_of(df, id_)[:2]) == set(group) - {id_}, id_


def test_stored_neighbours_are_ranked_bounded_and_symmetric(built):
    """≤ 8 neighbours, never itself, scores in (0, 1] best first at 4 decimals, equal both ways."""
    df, _ = built
    stored = {}
    for id_, ids, scores in zip(df[Col.ID], df[Col.RELATED_IDS], df[Col.RELATED_SCORES], strict=True):
        assert len(ids) == len(scores) <= TOP_K
        assert id_ not in set(ids)
        assert all(0 < s <= 1 for s in scores)
        assert list(scores) == sorted(scores, reverse=True)
        assert all(round(s, 4) == s for s in scores)
        stored.update({(id_, other): s for other, s in zip(ids, scores, strict=True)})
    both_ways = [(a, b) for (a, b) in stored if (b, a) in stored]
    assert both_ways
    for a, b in both_ways:
        assert stored[(a, b)] == stored[(b, a)]


def test_stored_scores_equal_a_fresh_computation(built):
    """The stored scores are the cosine of the texts' TF-IDF vectors, rounded."""
    df, _ = built
    sim = cosine_matrix(vectorise(list(df[Col.TEXT])))
    index = {id_: i for i, id_ in enumerate(df[Col.ID])}
    i = index["su-2025-union-02"]
    for other, score in zip(related_of(df, "su-2025-union-02"), df[Col.RELATED_SCORES].iloc[i], strict=True):
        assert round(float(sim[i, index[other]]), 4) == score


def test_progression_finds_the_information_strategy_chain(built):
    """su union: 検証と提言 (2024) → 次期情報発信戦略の策定 (2025) → 戦略に基づいた取組 (2026)."""
    chains = progression(built[0], "su")
    assert list(chains.columns) == [
        ChainCol.CHAIN,
        ChainCol.STEP,
        ChainCol.ACTOR_CODE,
        ChainCol.PHASE_CODE,
        ChainCol.ID,
        ChainCol.TEXT,
        ChainCol.SCORE,
    ]
    found = chains.groupby(ChainCol.CHAIN)[ChainCol.ID].agg(list).tolist()
    assert STRATEGY in found
    for _, chain in chains.groupby(ChainCol.CHAIN):
        assert chain[ChainCol.ACTOR_CODE].nunique() == 1
        assert list(chain[ChainCol.PHASE_CODE].astype(str)) == sorted(chain[ChainCol.PHASE_CODE].astype(str))
        assert chain[ChainCol.SCORE].iloc[0] != chain[ChainCol.SCORE].iloc[0]  # NaN on the first step
        assert (chain[ChainCol.SCORE].iloc[1:] > 0.1).all()


def test_progression_min_score_cuts_weak_links(built):
    """Raising min_score above a link's score breaks the chain there."""
    chains = progression(built[0], "su", min_score=0.36)
    found = chains.groupby(ChainCol.CHAIN)[ChainCol.ID].agg(list).tolist()
    assert STRATEGY[:2] in found and STRATEGY not in found


def test_pairs_rank_union_members_pairs(built):
    """Pairs join a union item to a members item of the same area, best first."""
    df, _ = built
    got = pairs(df)
    assert list(got.columns) == list(PAIR_COLUMNS)
    assert len(got) > 10
    ids = dict(zip(df[Col.ID], df[Col.ACTOR_CODE], strict=True))
    areas = dict(zip(df[Col.ID], df[Col.AREA_CODE], strict=True))
    assert {ids[i] for i in got[PairCol.UNION_ID]} == {"union"}
    assert {ids[i] for i in got[PairCol.MEMBERS_ID]} == {"members"}
    assert all(areas[u] == areas[m] for u, m in zip(got[PairCol.UNION_ID], got[PairCol.MEMBERS_ID], strict=True))
    assert list(got[PairCol.SCORE]) == sorted(got[PairCol.SCORE], reverse=True)
    first = got.iloc[0]
    assert (first[PairCol.UNION_ID], first[PairCol.MEMBERS_ID]) == ("su-2026-union-02", "su-2025-members-01-2")
    assert not got.duplicated([PairCol.UNION_ID, PairCol.MEMBERS_ID]).any()


def test_pairs_options_and_subsets(built):
    """same_phase, min_score and top narrow the list; a subset of rows keeps only pairs inside it."""
    df, _ = built
    same = pairs(df, same_phase=True)
    assert (same[PairCol.UNION_PHASE].astype(str) == same[PairCol.MEMBERS_PHASE].astype(str)).all()
    assert (pairs(df, min_score=0.5)[PairCol.SCORE] > 0.5).all()
    assert len(pairs(df, top=3)) == 3
    su = df[df[Col.AREA_CODE] == "su"]
    assert set(pairs(su)[PairCol.AREA_CODE].astype(str)) == {"su"}
    assert pairs(df[df[Col.ACTOR_CODE] == "union"]).empty


def test_pairs_of_an_empty_selection_is_an_empty_frame(built):
    """No rows → an empty frame with the pair columns."""
    got = pairs(built[0].iloc[0:0])
    assert got.empty and list(got.columns) == list(PAIR_COLUMNS)
    assert isinstance(got, pd.DataFrame)


HEADINGS = {"ls-2025-members-01", "su-2025-union-01", "su-2025-members-01"}  # 「万博会場内外での取組」


def test_pure_headings_are_the_items_that_only_group_sub_items(built):
    """is_heading: the three 「万博会場内外での取組」; parents that say what they do are not headings."""
    df, _ = built
    heads = set(df.loc[is_heading(df), Col.ID])
    assert heads == HEADINGS
    assert {"hr-2024-members-02", "su-2024-union-01"} <= set(df.loc[df[Col.N_CHILDREN] > 0, Col.ID]) - heads


def test_same_text_key_ignores_width_case_brackets_and_spaces():
    """Texts that differ only in width, case, brackets, punctuation or spaces share a key; others do not."""
    assert same_text_key("「Global Startup EXPO 2025」との連携") == same_text_key(
        "global startup ＥＸＰＯ 2025との連携"
    )
    assert same_text_key("次期情報発信戦略の策定") != same_text_key("情報発信戦略の策定")


def test_pairs_leave_out_headings_and_same_wording(built):
    """No pair has a pure heading or two texts of the same wording (the old top two were both)."""
    df, _ = built
    got = pairs(df, same_area=False)
    assert not set(got[PairCol.UNION_ID]) & HEADINGS and not set(got[PairCol.MEMBERS_ID]) & HEADINGS
    keys = zip(got[PairCol.UNION_TEXT].map(same_text_key), got[PairCol.MEMBERS_TEXT].map(same_text_key), strict=True)
    assert all(u != m for u, m in keys)
    assert (got[PairCol.SCORE] < 1.0).all()
    assert ("su-2025-union-01-1", "su-2025-members-01-2") not in set(
        zip(got[PairCol.UNION_ID], got[PairCol.MEMBERS_ID], strict=True)
    )


@pytest.mark.parametrize("area", ["ls", "cn", "mob", "su", "sme", "hr"])
def test_an_item_is_in_at_most_one_chain(built, area):
    """Within an area, no item appears in two chains (hr: 外国人材の活躍 used to head two), and no heading."""
    chains = progression(built[0], area)
    assert not chains[ChainCol.ID].duplicated().any()
    assert not set(chains[ChainCol.ID]) & HEADINGS


def test_chains_take_the_strongest_links_first():
    """Two items both closest to one next-phase item: the stronger link wins, the other finds its next best."""
    rows = [
        ("a1", "2024", "水素の実証", ["b1", "b2"], [0.6, 0.3]),
        ("a2", "2024", "水素の普及", ["b1"], [0.5]),
        ("b1", "2025", "水素の実証拡大", ["a1", "a2"], [0.6, 0.5]),
        ("b2", "2025", "水素の展示", ["a1"], [0.3]),
    ]
    df = pd.DataFrame(
        {
            Col.ID: [r[0] for r in rows],
            Col.AREA_CODE: "cn",
            Col.PHASE_CODE: [r[1] for r in rows],
            Col.ACTOR_CODE: "union",
            Col.TEXT: [r[2] for r in rows],
            Col.RELATED_IDS: [np.array(r[3], dtype=object) for r in rows],
            Col.RELATED_SCORES: [np.array(r[4], dtype=float) for r in rows],
        }
    )
    found = progression(df, "cn").groupby(ChainCol.CHAIN)[ChainCol.ID].agg(list).tolist()
    assert found == [["a1", "b1"]]  # a2's only link (to b1) is taken by the stronger a1 → b1
