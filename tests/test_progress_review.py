"""An upload's review tables (pure): every problem with its cell, the diff field by field, the conflicts."""

from __future__ import annotations

from datetime import UTC, datetime

from progress_support import MEMBERS_ID, PLAN

from dashboard.progress import Conflict, Diff, Problem, WriteResult
from dashboard.progress.review import conflicts_table, diff_table, problems_table
from dashboard.schema import PCol


def test_problems_table_has_a_row_per_problem():
    t = problems_table([Problem("進捗!E2", "progress.field.formula"), Problem("a.csv", "progress.file.no_header")])
    assert t["場所"].tolist() == ["進捗!E2", "a.csv"] and all(t["内容"].str.len() > 5)


def test_diff_table_lists_changed_fields_and_skips_unchanged_records():
    """One row per changed field, labels for statuses and organisations; unchanged records are left out."""
    key = (MEMBERS_ID, 2025, "hyogo")
    result = WriteResult(
        diffs=[
            Diff(
                key,
                "changed",
                {PCol.STATUS: "preparing", PCol.ACHIEVEMENT: None},
                {PCol.STATUS: "done", PCol.ACHIEVEMENT: "済"},
                (PCol.STATUS, PCol.ACHIEVEMENT),
            ),
            Diff((MEMBERS_ID, 2024, "kobe"), "unchanged", {}, {}, ()),
        ]
    )
    t = diff_table(result, PLAN, "ja")
    assert t["項目"].tolist() == ["状況", "実績"] and set(t["団体"]) == {"兵庫県"}
    assert t.iloc[0]["変更前"] == "準備・検討中" and t.iloc[0]["変更後"] == "実施済" and t.iloc[1]["変更前"] == "—"


def test_conflicts_table_says_who_saved_and_the_versions():
    stored = {PCol.UPDATED_BY: "兵庫 一郎", PCol.UPDATED_AT: datetime(2025, 4, 1, 3, tzinfo=UTC), PCol.VERSION: 4}
    t = conflicts_table(WriteResult(conflicts=[Conflict((MEMBERS_ID, 2025, "hyogo"), 3, stored, "進捗!A5")]), "ja")
    row = t.iloc[0]
    assert (row["場所"], row["保存した人"], row["保存日時"], row["版（ファイル → 現在）"]) == (
        "進捗!A5",
        "兵庫 一郎",
        "2025/04/01 12:00",
        "3 → 4",
    )
