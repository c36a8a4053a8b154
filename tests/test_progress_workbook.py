"""The XLSX template and the CSV/XLSX export, and the round trip template → edit → import → export on both backends."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

from openpyxl import load_workbook
from progress_support import CHILD_IDS, MEMBERS_ID, PARENT_ID, PLAN, UNION_ID

from dashboard.progress import Change, Source, User, export_csv, export_xlsx, import_file, open_store, template
from dashboard.progress.importer import parse_sheet, read_sheet
from dashboard.progress.sheet import COLUMNS
from dashboard.schema import ACTOR_ORGANISATIONS, Col, PCol

LETTER = {c.key: chr(ord("A") + i) for i, c in enumerate(COLUMNS)}


def _template(store, org="hyogo", fy=2025, **kw) -> bytes:
    return template(PLAN, store.records(fy), org, fy, lang="ja", **kw)


def test_template_rows_locks_lists_and_hidden_version(tmp_path):
    """One row per initiative of the actor, plan text locked, sub-items indented, drop-downs, hidden version."""
    store = open_store(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    wb = load_workbook(io.BytesIO(_template(store)))
    ws = wb["進捗"]
    assert [c.value for c in ws[1]] == [c.label("ja") for c in COLUMNS]
    ids = [ws.cell(row=i, column=1).value for i in range(2, ws.max_row + 1)]
    assert ids == [str(i) for i in PLAN.loc[PLAN[Col.ACTOR_CODE] == "members", Col.ID]]
    assert {ws[f"{LETTER[PCol.ORGANISATION]}{i}"].value for i in range(2, ws.max_row + 1)} == {"兵庫県"}
    assert ws.protection.sheet
    row_of = {v: i for i, v in enumerate(ids, start=2)}
    text = ws[f"{LETTER['text']}{row_of[CHILD_IDS[0]]}"]
    assert text.protection.locked and text.alignment.indent == 2
    assert ws[f"{LETTER['text']}{row_of[PARENT_ID]}"].alignment.indent == 0
    assert not ws[f"{LETTER[PCol.STATUS]}2"].protection.locked
    assert ws.column_dimensions[LETTER[PCol.VERSION]].hidden
    lists = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert "実施中" in lists[LETTER[PCol.STATUS]] and "見直し・中止" in lists[LETTER[PCol.STATUS]]
    assert lists[LETTER[PCol.ORGANISATION]].count(",") == len(ACTOR_ORGANISATIONS["members"]) - 1
    assert "説明" in wb.sheetnames and wb["説明"].max_row > len(COLUMNS)


def test_template_for_the_union_and_one_area(tmp_path):
    """--org union lists the union's initiatives only; --area narrows to one area."""
    store = open_store(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    ws = load_workbook(io.BytesIO(_template(store, org="union", area="ls")))["進捗"]
    ids = [ws.cell(row=i, column=1).value for i in range(2, ws.max_row + 1)]
    want = PLAN[(PLAN[Col.ACTOR_CODE] == "union") & (PLAN[Col.AREA_CODE] == "ls")][Col.ID].tolist()
    assert ids == want


def test_template_neutralises_formulas_in_stored_text(tmp_path):
    """Stored text that starts like a formula is written as an apostrophed string cell, and reads back as stored."""
    store = open_store(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    text = '=HYPERLINK("http://127.0.0.1:9/","x")'
    from dashboard.progress import write_progress

    write_progress(
        store,
        [Change(MEMBERS_ID, 2025, "hyogo", {PCol.STATUS: "done", PCol.ACHIEVEMENT: text})],
        User.system("a"),
        Source("cli"),
        PLAN,
    )
    data = _template(store)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")
    ws = load_workbook(io.BytesIO(data))["進捗"]
    cell = ws[f"{LETTER[PCol.ACHIEVEMENT]}2"]
    assert cell.data_type == "s" and cell.value == "'" + text
    (tmp_path / "t.xlsx").write_bytes(data)
    changes, problems = parse_sheet(read_sheet(tmp_path / "t.xlsx"), PLAN)
    assert problems == [] and changes[0].values[PCol.ACHIEVEMENT] == text


def test_round_trip_template_edit_import_export(db_url, tmp_path):
    """Template → edit in openpyxl → import → export (CSV and XLSX) → import again: same values, nothing changes."""
    store = open_store(db_url)
    path = tmp_path / "hyogo.xlsx"
    path.write_bytes(_template(store))
    wb = load_workbook(path)
    ws = wb["進捗"]
    L = LETTER
    ws[f"{L[PCol.STATUS]}2"] = "実施中"
    ws[f"{L[PCol.PROGRESS_PCT]}2"] = 60
    ws[f"{L[PCol.ACHIEVEMENT]}2"] = "<script>alert(1)</script> **太字** [x](javascript:alert(1))\n2行目"
    ws[f"{L[PCol.BUDGET_THOUSAND_YEN]}2"] = 12000
    ws[f"{L[PCol.AS_OF]}2"] = date(2026, 3, 31)
    ws[f"{L[PCol.EVIDENCE_URL]}2"] = "https://www.kouiki-kansai.jp/"
    ws[f"{L[PCol.STATUS]}3"] = "done"
    ws[f"{L[PCol.INDICATOR]}3"] = "参加者数"
    ws[f"{L[PCol.TARGET]}3"], ws[f"{L[PCol.ACTUAL]}3"], ws[f"{L[PCol.UNIT]}3"] = "100", "120", "人"
    ws[f"{L[PCol.NOTE]}3"] = "-先頭がマイナス +プラス @アット"
    wb.save(path)
    r = import_file(store, path, PLAN, User.system("兵庫 花子")).result
    assert (r.written, len(r.of_kind("new"))) == (2, 2)
    recs = store.records(2025).set_index(PCol.ID)
    first = recs.iloc[0]
    assert first[PCol.STATUS] == "in_progress" and first[PCol.PROGRESS_PCT] == 60
    assert (
        first[PCol.ACHIEVEMENT].startswith("<script>alert(1)</script> **太字**")
        and "\n2行目" in first[PCol.ACHIEVEMENT]
    )
    assert first[PCol.BUDGET_THOUSAND_YEN] == 12000 and first[PCol.AS_OF].date() == date(2026, 3, 31)
    assert recs.iloc[1][PCol.NOTE] == "-先頭がマイナス +プラス @アット"
    h = store.history()
    assert set(h["source"]) == {"spreadsheet"} and set(h["source_file"]) == {"hyogo.xlsx"}
    assert h["source_sha256"].str.len().eq(64).all()
    for name, data in [
        ("e.csv", export_csv(PLAN, store.records(), "ja")),
        ("e.xlsx", export_xlsx(PLAN, store.records(), "ja")),
    ]:
        (tmp_path / name).write_bytes(data)
        again = import_file(store, tmp_path / name, PLAN, User.system("x")).result
        assert [d.kind for d in again.diffs] == ["unchanged", "unchanged"] and not again.conflicts, name
    rows = list(csv.reader(io.StringIO((tmp_path / "e.csv").read_bytes().decode("utf-8-sig"))))
    assert rows[0] == [c.label("ja") for c in COLUMNS]
    note = rows[2][[c.key for c in COLUMNS].index(PCol.NOTE)]
    assert note == "'-先頭がマイナス +プラス @アット"  # formula-safe in the file, literal in the database
    assert store.data_version() == 1


def test_edit_of_an_exported_record_bumps_its_version(db_url, tmp_path):
    """A record changed through a fresh template gets version 2; the old template then conflicts."""
    store = open_store(db_url)
    from dashboard.progress import write_progress

    write_progress(
        store, [Change(UNION_ID, 2025, "union", {PCol.STATUS: "preparing"})], User.system("a"), Source("cli"), PLAN
    )
    old = tmp_path / "old.xlsx"
    old.write_bytes(_template(store, org="union"))
    new = tmp_path / "new.xlsx"
    new.write_bytes(_template(store, org="union"))
    for path, status in [(new, "実施済"), (old, "実施中")]:
        wb = load_workbook(path)
        wb["進捗"][f"{LETTER[PCol.STATUS]}2"] = status
        wb.save(path)
    assert import_file(store, new, PLAN, User.system("b")).result.written == 1
    r = import_file(store, old, PLAN, User.system("c")).result
    assert r.written == 0 and r.conflicts[0].seen_version == 1 and r.conflicts[0].stored[PCol.VERSION] == 2
    assert r.conflicts[0].ref == "進捗!A2"
    assert store.records(2025).iloc[0][PCol.STATUS] == "done"
