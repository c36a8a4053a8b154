"""The plan document, cell by cell, against the curated table (fidelity)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from dashboard.document import (
    AreaSection,
    nested_list_lost_markers,
    parse_document,
    plain,
    scan_items,
    split_blocks,
    strip_markup,
)
from dashboard.paths import SOURCE_DIR
from dashboard.schema import AREAS, Col

DOCUMENT = SOURCE_DIR / "action_plan_2024.txt"

# Cells whose nested list lost its ▶ markers in extraction; nesting there is a recorded judgement.
LOST_MARKER_CELLS = {("cn", "members", "2026")}


@pytest.fixture(scope="module")
def sections() -> list[AreaSection]:
    return parse_document(DOCUMENT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def errata() -> list[dict]:
    with open(SOURCE_DIR / "errata.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def cell_key(row) -> tuple:
    sub = row[Col.SUB_THEME]
    return (row[Col.AREA_CODE], row[Col.ACTOR_CODE], row[Col.PHASE_CODE], None if pd.isna(sub) else sub)


def document_cells(sections: list[AreaSection], df: pd.DataFrame, errata: list[dict]) -> dict[tuple, str]:
    """Each document cell in comparison form, with the errata of its items applied."""
    ids_by_cell = df.groupby(df.apply(cell_key, axis=1), sort=False)[Col.ID].agg(set).to_dict()
    out = {}
    for s in sections:
        for (actor, phase, sub), raw in s.cells.items():
            key = (s.code, actor, phase, sub)
            for e in errata:
                if e["target"] in ids_by_cell.get(key, set()):
                    raw = raw.replace(e["extracted"], e["corrected"])
            out[key] = strip_markup(raw)
    return out


def table_cells(df: pd.DataFrame) -> dict[tuple, str]:
    """Each cell of the table: its items' text joined in order, in comparison form."""
    out: dict[tuple, str] = {}
    for _, row in df.sort_values([Col.AREA, Col.ACTOR, Col.PHASE, Col.ORDER]).iterrows():
        key = cell_key(row)
        out[key] = out.get(key, "") + strip_markup(row[Col.TEXT])
    return out


def mismatches(df: pd.DataFrame, sections, errata) -> list[str]:
    doc, tab = document_cells(sections, df, errata), table_cells(df)
    problems = [f"cell missing from the table: {k}" for k in doc.keys() - tab.keys()]
    problems += [f"cell not in the document: {k}" for k in tab.keys() - doc.keys()]
    problems += [
        f"cell differs: {k}\n doc: {doc[k]}\n tab: {tab[k]}" for k in doc.keys() & tab.keys() if doc[k] != tab[k]
    ]
    return problems


def test_every_cell_matches_the_document(built, sections, errata):
    """Every cell's items joined in order equal the document cell; no cell missing or extra."""
    df, _ = built
    assert mismatches(df, sections, errata) == []
    assert len(table_cells(df)) == sum(len(s.cells) for s in sections) == 40


def _drop_char(df):
    i = df.index[df[Col.ID] == "su-2026-members-02"][0]
    df.loc[i, Col.TEXT] = df.loc[i, Col.TEXT][:-1]
    return df


def _drop_item(df):
    return df[df[Col.ID] != "hr-2024-members-01-3"]


def _move_item(df):
    i = df.index[df[Col.ID] == "ls-2024-union-02"][0]
    df[Col.PHASE_CODE] = df[Col.PHASE_CODE].astype("string")
    df.loc[i, Col.PHASE_CODE] = "2025"
    return df


def _swap_sub_theme(df):
    i = df.index[df[Col.ID] == "mob-2024-members-05"][0]
    df.loc[i, Col.SUB_THEME] = "空飛ぶクルマ"
    return df


def _invent_item(df):
    extra = df[df[Col.ID] == "sme-2025-union-03"].copy()
    extra[Col.ID] = "sme-2025-union-04"
    extra[Col.ORDER] = 4
    extra[Col.TEXT] = "架空の取組"
    return pd.concat([df, extra], ignore_index=True)


def _swap_order(df):
    a = df.index[df[Col.ID] == "cn-2024-members-01"][0]
    b = df.index[df[Col.ID] == "cn-2024-members-02"][0]
    df.loc[a, Col.ORDER], df.loc[b, Col.ORDER] = 2, 1
    return df


def _drop_cell(df):
    return df[~((df[Col.AREA_CODE] == "hr") & (df[Col.ACTOR_CODE] == "union") & (df[Col.PHASE_CODE] == "2025"))]


def _extra_cell(df):
    extra = df[df[Col.ID] == "ls-2024-union-01"].copy()
    extra[Col.SUB_THEME] = "MaaS"
    extra[Col.ID] = "ls-2024-union-99"
    return pd.concat([df, extra], ignore_index=True)


def _undo_erratum(df):
    i = df.index[df[Col.ID] == "su-2024-union-01-1"][0]
    df.loc[i, Col.TEXT] = df.loc[i, Col.TEXT_SOURCE]
    return df


@pytest.mark.parametrize(
    "mutate",
    [
        _drop_char,
        _drop_item,
        _move_item,
        _swap_sub_theme,
        _invent_item,
        _swap_order,
        _drop_cell,
        _extra_cell,
        _undo_erratum,
    ],
)
def test_fidelity_check_catches(built, sections, errata, mutate):
    """A dropped character, item or cell, a moved, reordered or invented item, an undone erratum: caught."""
    df = mutate(built[0].copy())
    assert mismatches(df, sections, errata) != []


def test_items_occur_whole_and_in_order(built, sections):
    """Each item's source text occurs in its cell as written, in order, split only at markup or space."""
    df, _ = built
    problems = []
    for s in sections:
        for (actor, phase, sub), raw in s.cells.items():
            rows = df[
                (df[Col.AREA_CODE] == s.code)
                & (df[Col.ACTOR_CODE] == actor)
                & (df[Col.PHASE_CODE] == phase)
                & (df[Col.SUB_THEME].fillna("") == (sub or ""))
            ].sort_values(Col.ORDER)
            found, _ = scan_items(raw, list(rows[Col.TEXT_SOURCE]))
            problems += [f"{s.code}/{actor}/{phase}/{sub}: {p}" for p in found]
    assert problems == []


def test_scan_catches_a_split_inside_an_item():
    """Splitting one item in two at an inner space, or merging two, is reported."""
    raw = '<ul style="list-style-type: none"> Beyond 5G 関連素材開発 専門家による支援'
    assert scan_items(raw, ["Beyond 5G 関連素材開発", "専門家による支援"])[0] == []
    assert scan_items(raw, ["Beyond", "5G 関連素材開発", "専門家による支援"])[0] == []  # gaps alone cannot tell
    assert scan_items(raw, ["Beyond 5G 関連素材開", "発 専門家による支援"])[0] != []
    assert scan_items(raw, ["Beyond 5G 関連素材開発"])[0] != []


def test_nesting_follows_the_markers(built, sections):
    """Sub-items are exactly the ▶-marked items, except where the markers were lost (a recorded judgement)."""
    df, _ = built
    for s in sections:
        for (actor, phase, sub), raw in s.cells.items():
            rows = df[
                (df[Col.AREA_CODE] == s.code)
                & (df[Col.ACTOR_CODE] == actor)
                & (df[Col.PHASE_CODE] == phase)
                & (df[Col.SUB_THEME].fillna("") == (sub or ""))
            ].sort_values(Col.ORDER)
            _, nested = scan_items(raw, list(rows[Col.TEXT_SOURCE]))
            levels = list(rows[Col.LEVEL])
            if (s.code, actor, phase) in LOST_MARKER_CELLS:
                assert nested_list_lost_markers(raw)
                assert levels == [1, 2, 2, 2, 2]
            else:
                assert not nested_list_lost_markers(raw), (s.code, actor, phase)
                assert levels == [2 if n else 1 for n in nested], (s.code, actor, phase)


def test_sub_items_hang_under_the_item_before_them(built):
    """Each level-2 item's parent is the level-1 item before it in the same cell."""
    df, _ = built
    for _, cell in df.groupby([Col.AREA_CODE, Col.ACTOR_CODE, Col.PHASE_CODE], observed=True):
        last = None
        for _, row in cell.sort_values(Col.ORDER).iterrows():
            if row[Col.LEVEL] == 1:
                last = row[Col.ID]
                assert pd.isna(row[Col.PARENT_ID])
            else:
                assert row[Col.PARENT_ID] == last


def test_visions_and_themes_match(built, sections):
    """Each area's vision and three phase themes equal the document's."""
    df, meta = built
    areas = {a["code"]: a for a in meta["areas"]}
    for s in sections:
        assert areas[s.code]["vision"] == s.vision
        assert areas[s.code]["themes"] == s.themes
        rows = df[df[Col.AREA_CODE] == s.code]
        assert set(rows[Col.AREA_VISION]) == {s.vision}
        for phase, theme in s.themes.items():
            assert set(rows.loc[rows[Col.PHASE_CODE] == phase, Col.PHASE_THEME]) == {theme}


def test_area_headings_and_pages(sections, built):
    """Present headings name the expected area; the two lost ones are ライフサイエンス and 空飛ぶクルマ・MaaS."""
    names = {a.code: a.ja for a in AREAS}
    assert {s.code for s in sections if s.heading is None} == {"ls", "mob"}
    for s in sections:
        assert s.heading in (None, names[s.code])
    contents = DOCUMENT.read_text(encoding="utf-8").split("\n")
    for a in built[1]["areas"]:  # the contents list gives each area's page: "02\tライフサイエンス\t3"
        assert any(ln.endswith(f"\t{a['name']}\t{a['page']}") for ln in contents), a["name"]


def test_plan_texts_occur_in_the_document(errata):
    """Every intro text and vision note in the source occurs in the document (errata undone)."""
    doc = plain(DOCUMENT.read_text(encoding="utf-8"))
    with open(SOURCE_DIR / "plan.csv", encoding="utf-8-sig", newline="") as fh:
        texts = [r["text"] for r in csv.DictReader(fh)]
    with open(SOURCE_DIR / "areas.csv", encoding="utf-8-sig", newline="") as fh:
        texts += [r["vision_note"] for r in csv.DictReader(fh) if r["vision_note"]]
    assert texts
    for text in texts:
        assert plain(text) in doc, text


def test_errata_are_applied_in_the_built_plan(built, errata):
    """The built table and plan carry the corrected text, and record the originals."""
    df, meta = built
    assert meta["plan"]["relation"] == ["めざす将来像からバックキャスティング"]
    row = df[df[Col.ID] == "su-2024-union-01-1"].iloc[0]
    assert "有力スタートアップ" in row[Col.TEXT] and "有カスタートアップ" in row[Col.TEXT_SOURCE]
    assert row[Col.CORRECTED]
    assert len(meta["errata"]) == len(errata) == 2


def test_split_blocks_reads_labels():
    """【】 labels split a cell into labelled blocks."""
    assert split_blocks("【A】 x 【B】 y") == [("A", " x "), ("B", " y")]
    assert split_blocks("plain") == [(None, "plain")]
