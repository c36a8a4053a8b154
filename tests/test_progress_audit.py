"""The admin history (pure): filter by organisation, writer and day (Japan time); subject in the table; safe exports."""

from __future__ import annotations

import csv
import io
from datetime import date

from openpyxl import load_workbook
from progress_support import MEMBERS_ID, PLAN, UNION_ID

from dashboard.progress import Change, Source, User, open_store, write_progress
from dashboard.progress import access as A
from dashboard.progress.audit import audit_csv, audit_table, audit_xlsx, filter_history, writers
from dashboard.progress.frames import TZ
from dashboard.schema import PCol


def _history(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    A.grant(store, role="editor", organisations=["hyogo"], subject="h-sub", by=User.system("t"))
    hyogo = A.signed_in_user(store, {"sub": "h-sub", "name": "兵庫 一郎"})
    write_progress(
        store,
        [Change(MEMBERS_ID, 2025, "hyogo", {PCol.STATUS: "done", PCol.ACHIEVEMENT: "=1+1"})],
        hyogo,
        Source("form"),
        PLAN,
    )
    write_progress(
        store, [Change(UNION_ID, 2025, "union", {PCol.STATUS: "done"})], User.system("t"), Source("cli"), PLAN
    )
    return store.history()


def test_filters_and_writers(tmp_path):
    """By organisation, by subject, by JST day; the writer list maps subjects to names."""
    h = _history(tmp_path)
    assert list(writers(h).items()) == [("cli:t", "t"), ("h-sub", "兵庫 一郎")]  # by name
    assert filter_history(h, organisations=["hyogo"])["user_subject"].tolist() == ["h-sub"]
    assert filter_history(h, subjects=["cli:t"])["organisation"].tolist() == ["union"]
    today = h["changed_at"].iloc[0].astimezone(TZ).date()
    assert len(filter_history(h, start=today, end=today)) == 2
    assert filter_history(h, end=date(2020, 1, 1)).empty


def test_table_and_exports_carry_the_subject_and_defuse_formulas(tmp_path):
    """The subject column; CSV and XLSX with a formula-looking achievement written as text."""
    table = audit_table(_history(tmp_path), PLAN, "ja")
    assert table["サブジェクト"].tolist() == ["cli:t", "h-sub"]  # newest first
    rows = list(csv.reader(io.StringIO(audit_csv(table).decode("utf-8-sig"))))
    assert rows[0][-3:] == ["サブジェクト", "ファイル", "SHA-256"] and rows[2][-3] == "h-sub"
    ws = load_workbook(io.BytesIO(audit_xlsx(table))).active
    assert ws.cell(3, 9).value == "h-sub"
    assert all(not str(c.value).startswith("=") for row in ws.iter_rows() for c in row if c.value is not None)
