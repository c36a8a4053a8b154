"""Instrument types and Expo linkage: the rules on the plan's items, and the rule engine itself."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from dashboard import classify as C
from dashboard.classify import classify, classify_text, expo_links, matches, parse_override, rule
from dashboard.schema import INSTRUMENT_CODES, INSTRUMENT_TYPES, STIP_GROUP_CODES, Col

# Hand-checked against each text (docs/data-model.md: Analysis columns). Exact sets, all six areas.
EXPECTED_TYPES = {
    # ライフサイエンス
    "ls-2024-union-01": {"outreach", "matching"},  # BioJapan: ブース出展、オンラインマッチング
    "ls-2024-union-02": {"matching"},  # パートナーリングカンファレンス
    "ls-2024-members-02": {"outreach", "matching"},  # 拠点における「交流・共創・発信」: not building the hub
    "ls-2024-members-03": {"funding", "rnd"},  # 共同研究…資金調達等の支援
    "ls-2025-members-01": {"outreach"},  # heading: from its sub-items (披露・発信, 展示)
    "ls-2025-members-02": {"rnd"},  # my iPS細胞の開発製造、供給開始
    "ls-2026-members-03": {"infrastructure"},  # 再生医療にアクセスできる環境整備
    "ls-2026-members-04": {"rnd", "infrastructure"},  # 研究・開発環境の充実
    "ls-2026-members-05": {"matching", "talent"},  # 人材の集積・育成・交流
    # カーボンニュートラル
    "cn-2024-union-01": {"matching", "rnd"},  # 研究成果事業化促進フォーラムでの産学マッチング
    "cn-2025-union-02": {"institutions"},  # 協調事業の拡充
    "cn-2024-members-01": {"funding", "rnd"},  # 技術開発・実証事業補助金
    "cn-2024-members-04": {"matching", "infrastructure"},  # オープンイノベーション拠点の整備
    "cn-2025-members-01": {"outreach"},  # デモ・体験の場、ショーケース化
    "cn-2026-members-01-3": {"infrastructure"},  # サプライチェーン構築
    # 空飛ぶクルマ・MaaS
    "mob-2025-union-01": {"outreach", "institutions"},  # 協調事業（イベントでのVR体験等）
    "mob-2025-union-02": {"outreach"},  # override: publicises case studies of trials
    "mob-2026-union-01": {"outreach"},  # override: consortia and research results are what is publicised
    "mob-2024-members-04": {"outreach"},  # 社会受容性の向上
    "mob-2024-members-06": {"funding", "infrastructure"},  # 設備導入補助
    "mob-2025-members-04": {"rnd"},  # 移動サービスを提供 (deployment)
    "mob-2026-members-07": {"institutions"},  # MaaSオペレーターの設立
    # スタートアップ
    "su-2024-union-01-1": {"outreach"},  # 有力スタートアップDBへの登録
    "su-2024-union-02": {"outreach", "institutions"},  # 情報発信戦略の検証と提言
    "su-2025-union-01": {"outreach", "matching"},  # heading: from its sub-items
    "su-2025-union-01-1": {"matching"},  # 「Global Startup EXPO 2025」との連携
    "su-2024-members-01": {"advisory"},  # 研究開発型スタートアップの発掘・育成 (型: a kind of firm)
    "su-2024-members-04": {"matching", "funding"},  # ベンチャーキャピタルとのマッチング
    "su-2024-members-05-2": {"talent", "advisory"},  # ビザ取得…一貫支援する窓口
    "su-2025-members-04": {"matching", "rnd", "infrastructure", "advisory"},
    "su-2026-members-01-4": {"advisory"},  # 市場開拓 等
    # 中小企業の成長
    "sme-2024-union-03": {"advisory"},  # 中小企業向けセミナー
    "sme-2024-union-05": {"institutions"},  # 他分野事務局との連携事業
    "sme-2026-union-03": {"matching", "institutions"},  # 連携枠組みの強化
    "sme-2024-members-02": {"funding", "rnd", "advisory", "institutions"},  # 計画認定、補助金、フォローアップ
    "sme-2024-members-03": {"rnd", "infrastructure"},  # 素材開発…公設試の機能拡充
    "sme-2024-members-04-2": {"talent"},  # eラーニング
    "sme-2025-members-03-1": {"matching", "rnd", "advisory"},  # 産学官が連携した伴走支援及び共同研究
    "sme-2026-members-05": {"rnd", "advisory"},  # DX高度化支援（…製品開発等）
    # 多様な人材の活躍
    "hr-2025-union-01": {"outreach", "talent", "institutions"},  # 協調事業: 人材セミナー、ブース出展
    "hr-2026-union-02": {"outreach", "talent"},  # 育成就労の制度周知
    "hr-2024-members-01": {"talent"},  # 就業環境の整備: working conditions, not a facility
    "hr-2024-members-01-2": {"talent", "institutions"},  # LGBT リーディングカンパニー認証制度
    "hr-2024-members-02-2": {"talent"},  # 職場環境の整備への支援
    "hr-2025-members-02": {"matching", "talent"},  # 研究開発型の企業誘致 (not R&D support)
    "hr-2025-members-04-1": {"institutions"},  # 企業認証制度の創設
    "hr-2025-members-04-2": {"talent"},  # 職場体験 (not an outreach 体験)
    "hr-2026-members-04": {"talent", "advisory"},  # 育成就労制度への移行に向けた企業支援
}

EXPO_TRUE = [
    "ls-2025-union-01",  # 関西パビリオンや万博関連イベント等での情報発信
    "ls-2024-members-01",  # 万博プレイベント
    "ls-2025-members-01-2",  # 健都万博
    "cn-2026-members-01-1",  # 万博で活用・披露した技術の地域実装
    "mob-2024-members-06",  # 万博会場へのシャトルバス
    "mob-2025-members-04",  # 万博来訪者
    "su-2025-union-01-1",  # 「Global Startup EXPO 2025」との連携
    "su-2025-members-01-1",  # 大阪ヘルスケアパビリオン
    "su-2026-union-02",  # GSE 2025 の後継イベント
    "sme-2025-members-01",  # 万博を活用した
]
EXPO_FALSE = [
    "ls-2024-union-02",
    "ls-2025-union-02",
    "cn-2026-members-01",  # parent of an Expo sub-item: a parent does not inherit from its sub-items
    "mob-2025-members-02",
    "su-2025-union-02",
    "sme-2025-union-02",
    "hr-2025-members-04",
]


def row(df, id_):
    return df[df[Col.ID] == id_].iloc[0]


@pytest.mark.parametrize(("id_", "expected"), EXPECTED_TYPES.items(), ids=list(EXPECTED_TYPES))
def test_hand_checked_items_get_exactly_their_types(built, id_, expected):
    """Each hand-checked item gets exactly the instrument types read off its text."""
    assert set(row(built[0], id_)[Col.INSTRUMENT_TYPES]) == expected


def test_hand_checked_table_covers_all_areas(built):
    """The hand-checked table spans all six areas and both actors, and every type occurs in it."""
    df, _ = built
    checked = df[df[Col.ID].isin(EXPECTED_TYPES)]
    assert set(checked[Col.AREA_CODE]) == {"ls", "cn", "mob", "su", "sme", "hr"}
    assert set(checked[Col.ACTOR_CODE]) == {"union", "members"}
    assert set().union(*EXPECTED_TYPES.values()) == set(INSTRUMENT_CODES)


def test_every_item_has_types_in_taxonomy_order_with_evidence(built):
    """≥1 type per item, known codes in taxonomy order, and each type backed by a line of evidence."""
    df, meta = built
    rule_ids = {r["rule_id"] for r in meta["instrument_rules"]}
    for _, r in df.iterrows():
        types = list(r[Col.INSTRUMENT_TYPES])
        assert types, r[Col.ID]
        assert types == [c for c in INSTRUMENT_CODES if c in types]
        evidence = list(r[Col.INSTRUMENT_EVIDENCE])
        assert {e.split(":")[0] for e in evidence} == set(types), r[Col.ID]
        for e in evidence:
            m = re.search(r"\(rule (\w+)\)$", e)
            assert (m and m.group(1) in rule_ids) or "override" in e or "from sub-items" in e, e


def test_evidence_names_rule_and_matched_text(built):
    """Evidence reads "type: matched text (rule id)" with the text as it occurs in the item."""
    r = row(built[0], "cn-2024-members-01")
    assert "funding: 補助 (rule r30)" in list(r[Col.INSTRUMENT_EVIDENCE])
    for e in r[Col.INSTRUMENT_EVIDENCE]:
        matched = re.match(r"\w+: (.+) \(rule \w+\)$", e).group(1)
        assert matched in r[Col.TEXT]


def test_overrides_and_heading_fallback_are_recorded(built):
    """Overridden items say so; headings without an instrument word name the sub-items they take types from."""
    df, _ = built
    assert list(row(df, "mob-2025-union-02")[Col.INSTRUMENT_EVIDENCE]) == ["outreach: override (instrument_override)"]
    assert list(row(df, "su-2025-members-01")[Col.INSTRUMENT_EVIDENCE]) == [
        "matching: from sub-items su-2025-members-01-2",
        "rnd: from sub-items su-2025-members-01-1",
    ]
    overridden = df[df[Col.INSTRUMENT_EVIDENCE].map(lambda ev: any("override" in e for e in ev))]
    assert sorted(overridden[Col.ID]) == ["mob-2025-union-02", "mob-2026-union-01"]


def test_every_rule_is_used(built):
    """No rule in instrument_rules.csv is dead: each one classifies at least one item."""
    df, meta = built
    used = {m.group(1) for ev in df[Col.INSTRUMENT_EVIDENCE] for e in ev if (m := re.search(r"rule (\w+)\)$", e))}
    assert {r["rule_id"] for r in meta["instrument_rules"]} == used


@pytest.mark.parametrize("id_", EXPO_TRUE)
def test_expo_items(built, id_):
    """Items that tie themselves to Expo 2025 are flagged, with the rule and matched text."""
    r = row(built[0], id_)
    assert r[Col.EXPO_RELATED]
    assert re.search(r"\(rule e\d+\)", r[Col.EXPO_EVIDENCE])


@pytest.mark.parametrize("id_", EXPO_FALSE)
def test_not_expo_items(built, id_):
    """Items that do not mention the Expo are not flagged and have no evidence."""
    r = row(built[0], id_)
    assert not r[Col.EXPO_RELATED]
    assert pd.isna(r[Col.EXPO_EVIDENCE])


def test_expo_sub_item_inherits_from_its_parent(built):
    """「催事等での情報発信」 under 「万博会場内外での取組」 is Expo-related through its parent."""
    df, _ = built
    r = row(df, "su-2025-union-01-2")
    assert r[Col.EXPO_RELATED] and r[Col.EXPO_EVIDENCE] == "inherited from parent su-2025-union-01"
    assert df[Col.EXPO_RELATED].sum() == 21
    assert df.loc[~df[Col.EXPO_RELATED], Col.EXPO_EVIDENCE].isna().all()
    assert df.loc[df[Col.EXPO_RELATED], Col.EXPO_EVIDENCE].notna().all()


def test_taxonomy_codes_and_groups():
    """Type codes are unique ASCII identifiers; each maps to a STIP Compass group; labels in both languages."""
    codes = [t.code for t in INSTRUMENT_TYPES]
    assert len(set(codes)) == len(codes)
    for t in INSTRUMENT_TYPES:
        assert re.fullmatch(r"[a-z]+", t.code)
        assert t.stip_group in STIP_GROUP_CODES
        assert t.ja and t.en and t.label("en") == t.en and t.label("ja") == t.ja


RULES = [
    rule("a1", "funding", "補助"),
    rule("a2", "outreach", "発信"),
    rule("a3", "rnd", "(?<!職場)体験"),
]


def test_classify_text_orders_types_and_reports_matches():
    """All matching rules count, types come in taxonomy order, lookbehinds exclude what they say."""
    got = classify_text("補助による発信", RULES)
    assert got.types == ("outreach", "funding")
    assert got.evidence == ("outreach: 発信 (rule a2)", "funding: 補助 (rule a1)")
    assert classify_text("職場体験", RULES).types == ()
    assert [r.rule_id for r, _ in matches("VR体験", RULES)] == ["a3"]


def test_classify_override_fallback_and_unclassified():
    """An override wins over the rules; a heading with no match takes its sub-items' types; else none."""
    items = {"p": "見出し", "p-1": "補助金", "p-2": "情報の発信", "q": "補助金", "r": "なにもない"}
    parents = {"p": None, "p-1": "p", "p-2": "p", "q": None, "r": None}
    got = classify(items, parents, RULES, overrides={"q": ("rnd", "outreach")})
    assert got["q"].types == ("outreach", "rnd")
    assert got["q"].evidence == ("outreach: override (instrument_override)", "rnd: override (instrument_override)")
    assert got["p"].types == ("outreach", "funding")
    assert got["p"].evidence == ("outreach: from sub-items p-2", "funding: from sub-items p-1")
    assert got["r"].types == () and got["r"].evidence == ()


def test_parent_with_its_own_match_keeps_its_own_types():
    """A parent whose own text matches is typed by its own text only, not by its sub-items."""
    items = {"p": "発信", "p-1": "補助"}
    got = classify(items, {"p": None, "p-1": "p"}, RULES)
    assert got["p"].types == ("outreach",)


def test_expo_links_inherit_only_downwards():
    """A sub-item inherits its parent's Expo link; a parent does not inherit from a sub-item."""
    expo = [rule("e1", "", "万博"), rule("e2", "", "(?i)\\bexpo\\b")]
    items = {"a": "万博会場での取組", "a-1": "催事", "b": "技術", "b-1": "万博で披露", "c": "Expo 2025 と EXPO"}
    parents = {"a": None, "a-1": "a", "b": None, "b-1": "b", "c": None}
    got = expo_links(items, parents, expo)
    assert got["a"].evidence == "万博 (rule e1)"
    assert got["a-1"].related and got["a-1"].evidence == "inherited from parent a"
    assert not got["b"].related and got["b"].evidence is None
    assert got["b-1"].related
    assert got["c"].evidence == "Expo (rule e2)"
    assert not expo_links({"x": "Export"}, {"x": None}, expo)["x"].related


def test_parse_override():
    """Override cells are ';'-separated codes; spaces and empty parts are ignored."""
    assert parse_override("") == ()
    assert parse_override(" funding ; rnd;") == ("funding", "rnd")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("matching: マッチング (rule r18)", C.Reason("matching", "text", words=("マッチング",))),
        ("outreach: override (instrument_override)", C.Reason("outreach", "override")),
        ("rnd: from sub-items a-1, a-2", C.Reason("rnd", "sub_items", ids=("a-1", "a-2"))),
        ("万博 (rule e01); EXPO (rule e03)", C.Reason("", "text", words=("万博", "EXPO"))),
        ("inherited from parent su-2025-union-01", C.Reason("", "parent", ids=("su-2025-union-01",))),
        ("something else", C.Reason("", "text", words=("something else",))),
    ],
)
def test_read_evidence_reads_back_every_form_classify_writes(line, expected):
    """Each stored evidence form comes back as its type, kind, words or ids; an unknown line is kept whole."""
    assert C.read_evidence(line) == expected


def test_evidence_written_by_classify_reads_back(built):
    """Every stored evidence line of the plan reads back with a known kind and, for words, non-empty words."""
    df, _ = built
    for evidence in df["instrument_evidence"]:
        for line in evidence:
            r = C.read_evidence(line)
            assert r.kind in ("text", "override", "sub_items") and r.type, line
            assert r.kind != "text" or all(w and "rule" not in w for w in r.words), line
    assert C.heading_only(["outreach: from sub-items x-1"]) and not C.heading_only(["talent: 人材 (rule r56)"])
    assert not C.heading_only([])
