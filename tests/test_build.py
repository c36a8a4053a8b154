"""The build: validation messages, derived columns, atomic writes, no drift."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard.build import build_table, main, write_parquet
from dashboard.load import load_with_meta
from dashboard.paths import DEFAULT_PARQUET
from dashboard.schema import COLUMNS, Col
from dashboard.source import SourceError


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def edit(source: Path, name: str, change) -> None:
    header, rows = read_rows(source / name)
    rows = change(rows)
    write_rows(source / name, header, rows)


def set_field(id_: str, col: str, value: str):
    def change(rows):
        for r in rows:
            if r["id"] == id_:
                r[col] = value
        return rows

    return change


def test_committed_parquet_equals_a_fresh_build(built, committed):
    """data/initiatives.parquet is exactly what the source builds (no drift)."""
    df, meta = built
    old, old_meta = committed
    pd.testing.assert_frame_equal(old, df)
    assert old_meta == meta


def test_check_mode_reports_drift(tmp_path, source_copy, capsys):
    """--check passes on a fresh file and fails once the source changes."""
    out = tmp_path / "t.parquet"
    assert main(["--source", str(source_copy), "--out", str(out)]) == 0
    assert main(["--source", str(source_copy), "--out", str(out), "--check"]) == 0
    edit(source_copy, "initiatives.csv", set_field("ls-2024-union-01", "text_source", "変更"))
    assert main(["--source", str(source_copy), "--out", str(out), "--check"]) == 1


def test_table_shape(built):
    """One row per initiative, schema columns in order, ids unique, plan order kept."""
    df, meta = built
    assert list(df.columns) == list(COLUMNS)
    assert len(df) == 155
    assert df[Col.ID].is_unique
    assert list(df[Col.SEQ]) == list(range(1, 156))
    assert df[Col.AREA].cat.ordered and df[Col.PHASE].cat.ordered
    assert list(df[Col.AREA_CODE].cat.categories) == ["ls", "cn", "mob", "su", "sme", "hr"]
    assert list(df[Col.PHASE].cat.categories) == ["現状", "万博開催", "万博後"]
    assert df[Col.TENTATIVE].eq(df[Col.PHASE_CODE] != "2024").all()
    assert (df[Col.LEVEL] == 2).sum() == 37
    assert df.loc[df[Col.LEVEL] == 1, Col.PARENT_ID].isna().all()
    assert meta["data_version"] and len(meta["areas"]) == 6


def test_counts_per_cell(built):
    """Counts per area × actor × phase as read off the document."""
    df, _ = built
    counts = df.groupby([Col.AREA_CODE, Col.ACTOR_CODE, Col.PHASE_CODE], observed=True).size()
    expected = {
        "ls": ((2, 2, 2), (5, 5, 6)),
        "cn": ((2, 2, 2), (5, 4, 5)),
        "mob": ((2, 3, 1), (6, 5, 7)),
        "su": ((4, 5, 3), (7, 6, 6)),
        "sme": ((5, 3, 3), (6, 6, 5)),
        "hr": ((2, 1, 2), (10, 7, 8)),
    }
    for area, (union, members) in expected.items():
        assert tuple(counts[area]["union"]) == union, area
        assert tuple(counts[area]["members"]) == members, area


def test_parent_text_and_children(built):
    """Sub-items carry their parent's text; parents count their children."""
    df, _ = built
    row = df[df[Col.ID] == "su-2024-union-01-1"].iloc[0]
    assert row[Col.PARENT_TEXT] == "関西スタートアップ・エコシステム"
    parent = df[df[Col.ID] == "su-2024-union-01"].iloc[0]
    assert parent[Col.N_CHILDREN] == 2


def test_excel_bom_is_accepted(source_copy):
    """A CSV saved by Excel (UTF-8 with BOM) builds the same table."""
    p = source_copy / "initiatives.csv"
    p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())
    df, _ = build_table(source_copy)
    assert len(df) == 155


BROKEN = [
    ("unknown area", "initiatives.csv", set_field("ls-2024-union-01", "area_code", "xx"), "area_code", "'xx'"),
    ("unknown phase", "initiatives.csv", set_field("ls-2024-union-01", "phase", "2030"), "phase", "'2030'"),
    ("unknown actor", "initiatives.csv", set_field("ls-2024-union-01", "actor_code", "city"), "actor_code", "'city'"),
    ("unknown sub-theme", "initiatives.csv", set_field("mob-2024-union-01", "sub_theme", "船"), "sub_theme", "'船'"),
    ("empty text", "initiatives.csv", set_field("ls-2024-union-01", "text_source", ""), "text_source", "値が空"),
    ("duplicate id", "initiatives.csv", set_field("ls-2024-union-02", "id", "ls-2024-union-01"), "id", "重複"),
    (
        "missing parent",
        "initiatives.csv",
        set_field("su-2024-union-01-1", "parent_id", "su-2024-union-09"),
        "parent_id",
        "存在しません",
    ),
    (
        "parent not preceding",
        "initiatives.csv",
        set_field("su-2024-union-01-1", "parent_id", "su-2024-union-02"),
        "parent_id",
        "直前",
    ),
    ("order gap", "initiatives.csv", set_field("ls-2024-union-02", "order", "3"), "order", "連番"),
    ("bad level", "initiatives.csv", set_field("ls-2024-union-02", "level", "3"), "level", "level '3'"),
    (
        "level 1 with parent",
        "initiatives.csv",
        set_field("ls-2024-union-02", "parent_id", "ls-2024-union-01"),
        "parent_id",
        "level 1",
    ),
    ("unknown area row", "areas.csv", lambda rows: [*rows, {**rows[0], "code": "zz"}], "code", "'zz'"),
    ("wrong area name", "areas.csv", lambda rows: [{**rows[0], "name": "医療"}, *rows[1:]], "name", "'医療'"),
    (
        "errata not found",
        "errata.csv",
        lambda rows: [{**rows[0], "extracted": "存在しない語"}, *rows[1:]],
        "extracted",
        "存在しない語",
    ),
    ("errata bad target", "errata.csv", lambda rows: [{**rows[0], "target": "nope"}, *rows[1:]], "target", "'nope'"),
    ("plan unknown key", "plan.csv", lambda rows: [*rows, {"key": "foo", "order": "1", "text": "x"}], "key", "'foo'"),
]


@pytest.mark.parametrize(("what", "name", "change", "column", "needle"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_source_is_reported_and_nothing_written(
    tmp_path, source_copy, capsys, what, name, change, column, needle
):
    """Each kind of broken source: exit 1, a line naming file, row and column, no file written."""
    edit(source_copy, name, change)
    out = tmp_path / "out.parquet"
    assert main(["--source", str(source_copy), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    pattern = re.compile(rf"^{re.escape(name)}:\d+ \[{column}\]: .*{re.escape(needle)}")
    assert any(pattern.match(ln) for ln in err.splitlines()), err
    assert not out.exists()
    assert list(tmp_path.glob("*.tmp")) == []


def test_every_problem_is_listed(source_copy):
    """Several problems are all reported at once, each on its own line with its row."""
    edit(source_copy, "initiatives.csv", set_field("ls-2024-union-01", "area_code", "xx"))
    edit(source_copy, "initiatives.csv", set_field("hr-2026-union-02", "actor_code", "city"))
    with pytest.raises(SourceError) as exc:
        build_table(source_copy)
    by_column = {(p.row, p.column) for p in exc.value.problems if p.file == "initiatives.csv"}
    hr_line = next(
        i
        for i, ln in enumerate((source_copy / "initiatives.csv").read_text().splitlines(), 1)
        if ln.startswith("hr-2026-union-02,")
    )
    assert {(2, "area_code"), (hr_line, "actor_code")} <= by_column


def test_missing_file_and_columns_are_reported(source_copy):
    """A missing file and a missing column are problems, not crashes."""
    (source_copy / "plan.csv").unlink()
    header, rows = read_rows(source_copy / "areas.csv")
    write_rows(
        source_copy / "areas.csv",
        [h for h in header if h != "vision"],
        [{k: v for k, v in r.items() if k != "vision"} for r in rows],
    )
    with pytest.raises(SourceError) as exc:
        build_table(source_copy)
    text = str(exc.value)
    assert "plan.csv" in text and "vision" in text


def test_not_utf8_is_reported(source_copy):
    """A file saved in Shift_JIS gets a message asking for UTF-8."""
    p = source_copy / "areas.csv"
    p.write_bytes(p.read_text(encoding="utf-8").encode("shift_jis", errors="replace"))
    with pytest.raises(SourceError, match="UTF-8"):
        build_table(source_copy)


def test_english_messages(source_copy, capsys, tmp_path):
    """--lang en prints the problems in English."""
    edit(source_copy, "initiatives.csv", set_field("ls-2024-union-01", "phase", "2030"))
    assert main(["--source", str(source_copy), "--out", str(tmp_path / "x.parquet"), "--lang", "en"]) == 1
    assert "unknown value '2030'" in capsys.readouterr().err


def test_failed_build_keeps_the_good_file(tmp_path, source_copy):
    """A failing build leaves an existing good parquet untouched."""
    out = tmp_path / "good.parquet"
    assert main(["--source", str(source_copy), "--out", str(out)]) == 0
    before = out.read_bytes()
    edit(source_copy, "initiatives.csv", set_field("ls-2024-union-01", "level", "9"))
    assert main(["--source", str(source_copy), "--out", str(out)]) == 1
    assert out.read_bytes() == before


def test_write_is_atomic_when_writing_fails(tmp_path, built, monkeypatch):
    """An error while writing leaves the old file and no temp file behind."""
    out = tmp_path / "good.parquet"
    write_parquet(*built, out)
    before = out.read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("pyarrow.parquet.write_table", boom)
    with pytest.raises(OSError):
        write_parquet(*built, out)
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["good.parquet"]


def test_written_file_loads(tmp_path, built):
    """What the build writes, load reads back unchanged."""
    out = tmp_path / "x.parquet"
    write_parquet(*built, out)
    df, meta = load_with_meta(out)
    pd.testing.assert_frame_equal(df, built[0])
    assert meta == built[1]


def test_default_output_is_the_committed_file():
    """The CLI's default output is data/initiatives.parquet."""
    assert DEFAULT_PARQUET.name == "initiatives.parquet" and DEFAULT_PARQUET.parent.name == "data"
