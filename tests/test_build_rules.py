"""The build's rule files and overrides: validation lines, overrides, rules as data, list columns."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard import load as L
from dashboard.build import build_table, main, write_parquet
from dashboard.schema import COLUMNS, LIST_ITEMS, METADATA_KEY, Col
from dashboard.source import SourceError, source_version

RULES = "instrument_rules.csv"
EXPO = "expo_rules.csv"
INITIATIVES = "initiatives.csv"


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def edit(source: Path, name: str, change) -> None:
    header, rows = read_rows(source / name)
    rows = change(rows)
    with open(source / name, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def set_rule(rule_id: str, col: str, value: str):
    def change(rows):
        for r in rows:
            if r["rule_id"] == rule_id:
                r[col] = value
        return rows

    return change


def set_override(id_: str, value: str):
    def change(rows):
        for r in rows:
            if r["id"] == id_:
                r["instrument_override"] = value
        return rows

    return change


def drop_rule(rule_id: str):
    return lambda rows: [r for r in rows if r["rule_id"] != rule_id]


def line_of(source: Path, name: str, first_field: str) -> int:
    lines = (source / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, ln in enumerate(lines, 1) if ln.startswith(f"{first_field},"))


BROKEN = [
    ("unknown type", RULES, set_rule("r01", "type", "promo"), "r01", "type", "'promo'"),
    ("empty pattern", RULES, set_rule("r02", "pattern", ""), "r02", "pattern", "値が空"),
    ("empty type", RULES, set_rule("r02", "type", ""), "r02", "type", "値が空"),
    ("invalid regex", RULES, set_rule("r03", "pattern", "補助("), "r03", "pattern", "正規表現"),
    ("pattern matches everything", RULES, set_rule("r03", "pattern", "x*"), "r03", "pattern", "空の文字列"),
    ("duplicate rule_id", RULES, set_rule("r04", "rule_id", "r01"), "r01", "rule_id", "重複"),
    ("expo invalid regex", EXPO, set_rule("e01", "pattern", "[万博"), "e01", "pattern", "正規表現"),
    ("expo duplicate rule_id", EXPO, set_rule("e02", "rule_id", "e01"), "e01", "rule_id", "重複"),
    (
        "unknown override",
        INITIATIVES,
        set_override("ls-2024-union-01", "grants"),
        "ls-2024-union-01",
        "instrument_override",
        "'grants'",
    ),
]


@pytest.mark.parametrize(("what", "name", "change", "row_key", "column", "needle"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_rules_are_reported_and_nothing_written(
    tmp_path, source_copy, capsys, what, name, change, row_key, column, needle
):
    """Each kind of broken rule or override: exit 1, a `file:row [column]: message` line, no file written."""
    edit(source_copy, name, change)
    out = tmp_path / "out.parquet"
    assert main(["--source", str(source_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    rows = [
        i
        for i, ln in enumerate((source_copy / name).read_text(encoding="utf-8").splitlines(), 1)
        if ln.startswith(f"{row_key},")
    ]
    lines = [f"{name}:{r} [{column}]: " for r in rows]
    assert any(ln.startswith(tuple(lines)) and needle in ln for ln in err.splitlines()), err
    assert not out.exists()
    assert list(tmp_path.glob("*.tmp")) == []


def test_an_unclassified_item_fails_the_build(tmp_path, source_copy, capsys):
    """Removing the only rule for 「社会受容性の向上」 leaves it without a type: a problem on its line, no file."""
    edit(source_copy, RULES, drop_rule("r14"))
    out = tmp_path / "out.parquet"
    assert main(["--source", str(source_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    line = line_of(source_copy, INITIATIVES, "mob-2024-members-04")
    assert re.search(
        rf"^{INITIATIVES}:{line} \[instrument_override\]: mob-2024-members-04 .*instrument_rules.csv", err, re.M
    )
    assert not out.exists()


def test_unclassified_message_in_english(source_copy):
    """The unclassified problem is translated with --lang en."""
    edit(source_copy, RULES, drop_rule("r14"))
    with pytest.raises(SourceError) as exc:
        build_table(source_copy, lang="en")
    assert [p.column for p in exc.value.problems] == ["instrument_override"]
    assert "mob-2024-members-04 matches no instrument rule" in str(exc.value)


def test_missing_rules_file_is_reported(source_copy):
    """A missing rules file is a problem naming it, not a crash."""
    (source_copy / EXPO).unlink()
    with pytest.raises(SourceError) as exc:
        build_table(source_copy)
    assert any(p.file == EXPO and p.row is None for p in exc.value.problems)


def test_a_rules_file_without_rules_is_reported(source_copy):
    """A rules file with a header only is a problem (it would silently classify nothing)."""
    (source_copy / EXPO).write_text("rule_id,pattern,note\n", encoding="utf-8")
    with pytest.raises(SourceError, match="ルールが 1 件もありません"):
        build_table(source_copy)


def test_an_override_wins_over_the_rules(source_copy):
    """An override sets the item's types (taxonomy order) and the evidence says it is an override."""
    edit(source_copy, INITIATIVES, set_override("ls-2024-union-01", " talent;funding "))
    df, _ = build_table(source_copy)
    r = df[df[Col.ID] == "ls-2024-union-01"].iloc[0]
    assert list(r[Col.INSTRUMENT_TYPES]) == ["funding", "talent"]
    assert list(r[Col.INSTRUMENT_EVIDENCE]) == [
        "funding: override (instrument_override)",
        "talent: override (instrument_override)",
    ]


def test_rules_are_data(source_copy):
    """A new rule in the CSV classifies at the next build and changes the data version."""
    before = source_version(source_copy)
    edit(
        source_copy,
        RULES,
        lambda rows: [*rows, {"rule_id": "r99", "type": "institutions", "pattern": "BioJapan", "note": ""}],
    )
    df, meta = build_table(source_copy)
    r = df[df[Col.ID] == "ls-2024-union-01"].iloc[0]
    assert list(r[Col.INSTRUMENT_TYPES]) == ["outreach", "matching", "institutions"]
    assert "institutions: BioJapan (rule r99)" in list(r[Col.INSTRUMENT_EVIDENCE])
    assert meta["instrument_rules"][-1]["rule_id"] == "r99"
    assert meta["data_version"] == source_version(source_copy) != before


def test_expo_rules_are_data(source_copy):
    """Without the 万博 rule only pavilion and EXPO items stay flagged, each by its own rule."""
    edit(source_copy, EXPO, drop_rule("e01"))
    df, _ = build_table(source_copy)
    flags = dict(zip(df[Col.ID], df[Col.EXPO_RELATED], strict=True))
    evidence = dict(zip(df[Col.ID], df[Col.EXPO_EVIDENCE], strict=True))
    assert not flags["mob-2024-members-06"]
    assert not flags["su-2025-members-01"]  # 万博会場内外での取組: only the 万博 rule matched it
    assert evidence["su-2025-members-01-1"] == "パビリオン (rule e02)"
    assert evidence["sme-2025-union-01"] == "パビリオン (rule e02)"
    assert {id_ for id_, flag in flags.items() if flag} == {
        "ls-2025-union-01",
        "ls-2025-members-01-1",
        "su-2025-union-01-1",
        "su-2026-union-02",
        "su-2025-members-01-1",
        "su-2025-members-01-2",
        "sme-2025-union-01",
    }


def test_list_columns_round_trip_as_numpy_arrays(tmp_path, built):
    """List cells are 1-D numpy arrays before and after parquet, so the two frames are equal."""
    df, meta = built
    out = tmp_path / "x.parquet"
    write_parquet(df, meta, out)
    back, _ = L.load_with_meta(out)
    assert back.equals(df)
    for col, item in LIST_ITEMS.items():
        assert COLUMNS[col] == "list"
        cell = back[col].iloc[0]
        assert isinstance(cell, np.ndarray) and cell.ndim == 1
        assert cell.dtype == (np.float64 if item == "float" else object)


def test_a_list_column_stored_as_text_is_a_wrong_type(tmp_path, built):
    """The loader rejects a list column that is not a list (e.g. joined into one string)."""
    df, meta = built
    broken = df.copy()
    broken[Col.TERMS] = broken[Col.TERMS].map(" ".join).astype("string")
    table = pa.Table.from_pandas(broken, preserve_index=False)
    table = table.replace_schema_metadata({**table.schema.metadata, METADATA_KEY: json.dumps(meta).encode()})
    out = tmp_path / "x.parquet"
    pq.write_table(table, out)
    with pytest.raises(L.WrongType) as exc:
        L.load(out)
    assert exc.value.fields["column"] == Col.TERMS


def test_analysis_columns_are_complete(built):
    """Every analysis column is present and filled (expo_evidence only where the item is Expo-related)."""
    df, _ = built
    for col in (Col.INSTRUMENT_TYPES, Col.INSTRUMENT_EVIDENCE, Col.RELATED_IDS, Col.RELATED_SCORES, Col.TERMS):
        assert df[col].map(lambda v: isinstance(v, np.ndarray)).all()
    assert pd.api.types.is_bool_dtype(df[Col.EXPO_RELATED])
    assert (df[Col.EXPO_EVIDENCE].notna() == df[Col.EXPO_RELATED]).all()
