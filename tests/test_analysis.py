"""Analysis view frames: related rows, 連携候補 pairs, progression grid, labelled headers."""

from __future__ import annotations

import re

import pytest

from dashboard import analysis as A
from dashboard.schema import Col


@pytest.fixture(scope="module")
def df(committed):
    return committed[0]


def test_related_rows_follow_the_stored_neighbours(df):
    """Related rows are the stored neighbours, best first, with their place in the plan."""
    rows = A.related_rows(df, "su-2025-union-01-1")
    row = df[df[Col.ID] == "su-2025-union-01-1"].iloc[0]
    assert list(rows[Col.ID]) == [str(i) for i in row[Col.RELATED_IDS]]
    assert list(rows[A.SCORE]) == sorted(rows[A.SCORE], reverse=True)
    first = rows.iloc[0]
    assert first[Col.ID] == "su-2025-members-01-2" and first[Col.ACTOR_CODE] == "members"
    assert A.related_rows(df, "no-such-id").empty


def test_related_rows_skip_ids_missing_from_the_table(df):
    """Neighbours not in the given table are left out rather than failing."""
    part = df[df[Col.ID] != "su-2025-members-01-2"]
    assert "su-2025-members-01-2" not in set(A.related_rows(part, "su-2025-union-01-1")[Col.ID])


def test_pair_rows_pair_union_with_members(df):
    """Every pair joins a Union item with a member item, best first, within the area by default."""
    pairs = A.pair_rows(df, top=50)
    ids = dict(zip(df[Col.ID], df[Col.ACTOR_CODE], strict=True))
    assert len(pairs) == 50
    assert all(ids[u] == "union" for u in pairs["union_id"])
    assert all(ids[m] == "members" for m in pairs["members_id"])
    assert list(pairs[A.SCORE]) == sorted(pairs[A.SCORE], reverse=True)
    areas = dict(zip(df[Col.ID], df[Col.AREA_CODE], strict=True))
    assert all(areas[u] == areas[m] for u, m in zip(pairs["union_id"], pairs["members_id"], strict=True))
    top = set(zip(pairs["union_id"].head(3), pairs["members_id"].head(3), strict=True))
    assert ("su-2026-union-02", "su-2025-members-01-2") in top  # the successor event × the event


def test_pair_rows_same_phase(df):
    """same_phase keeps pairs of one phase only."""
    pairs = A.pair_rows(df, same_phase=True, top=40)
    assert (pairs["union_phase"].astype(str) == pairs["members_phase"].astype(str)).all()


def test_progression_grid_traces_the_strategy_items(df):
    """The スタートアップ Union row's 情報発信戦略 items form one chain 2024 → 2025 → 2026."""
    chains = A.progression_grid(df, "su")
    ids = [tuple(s.id for s in c.steps.values()) for c in chains]
    assert ("su-2024-union-02", "su-2025-union-02", "su-2026-union-03") in ids
    chain = chains[ids.index(("su-2024-union-02", "su-2025-union-02", "su-2026-union-03"))]
    assert chain.actor_code == "union" and chain.steps["2024"].score is None
    assert 0 < chain.steps["2025"].score <= 1


def test_labelled_uses_ui_language(df):
    """Headers and codes come out as labels in the chosen language."""
    ja = A.labelled(A.related_rows(df, "su-2025-union-01-1"), "ja")
    en = A.labelled(A.related_rows(df, "su-2025-union-01-1"), "en")
    assert list(ja.columns) == ["文章の類似度", "分野", "時期", "実施主体", "取組内容", "ID"]
    assert ja.iloc[0]["実施主体"] == "構成府県市" and en.iloc[0]["Actor"] == "Member prefectures & cities"
    assert en.iloc[0]["Phase"] == "2025 Expo year"


def _row(df, id_):
    return df[df[Col.ID] == id_].iloc[0]


def test_instrument_reasons_speak_the_officers_language(df):
    """「交流・マッチング：本文中の「マッチング」「パートナーリング」から判定」, never a rule id or a type code."""
    ja = A.instrument_reasons(_row(df, "ls-2024-union-01")[Col.INSTRUMENT_EVIDENCE], "ja", df)
    assert "交流・マッチング：本文中の「マッチング」「パートナーリング」から判定" in ja
    en = A.instrument_reasons(_row(df, "ls-2024-union-01")[Col.INSTRUMENT_EVIDENCE], "en", df)
    assert "Networking & matching: from the words “マッチング”, “パートナーリング” in the text" in en
    for id_ in df[Col.ID]:
        for lang in ("ja", "en"):
            for line in A.instrument_reasons(_row(df, id_)[Col.INSTRUMENT_EVIDENCE], lang, df):
                assert not re.search(r"\(rule|\br\d\d\b|instrument_override|^[a-z_]+: |from sub-items", line), line


def test_reasons_of_headings_overrides_and_inherited_expo_links(df):
    """A heading names its sub-items' texts, an override says it was set by hand, a sub-item names its parent."""
    heading = A.instrument_reasons(_row(df, "su-2025-union-01")[Col.INSTRUMENT_EVIDENCE], "ja", df)
    assert any("「催事等での情報発信」" in line and "下位項目" in line for line in heading)
    assert A.instrument_reasons(_row(df, "mob-2025-union-02")[Col.INSTRUMENT_EVIDENCE], "ja", df) == [
        "情報発信・PR：語句からの自動判定ではなく、個別に判断して指定"
    ]
    sub = _row(df, "su-2025-union-01-2")
    assert A.expo_reason(sub[Col.EXPO_EVIDENCE], "ja", df) == "親項目「万博会場内外での取組」が万博と関連するため"
    assert (
        A.expo_reason(_row(df, "su-2025-union-01")[Col.EXPO_EVIDENCE], "en", df) == "from the words “万博” in the text"
    )
    assert A.expo_reason(None, "ja", df) == ""
