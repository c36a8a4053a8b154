"""The edit form's pure parts: raw inputs → a Change (same rules as a cell), and a conflict side by side."""

from __future__ import annotations

from datetime import UTC, date, datetime

from progress_support import MEMBERS_ID

from dashboard.progress.form import FORM_FIELDS, conflict_table, form_change, form_values, problem_text
from dashboard.schema import PCol


def test_inputs_become_a_change_with_the_seen_version():
    """Trimmed text, blank → None, a status code, the version the form was loaded at."""
    raw = {PCol.STATUS: "done", PCol.ACHIEVEMENT: "  開催  ", PCol.TARGET: "", PCol.AS_OF: date(2025, 3, 31)}
    change, problems = form_change(MEMBERS_ID, 2024, "hyogo", raw, 3)
    assert problems == [] and change.version == 3 and change.key == (MEMBERS_ID, 2024, "hyogo")
    assert change.values[PCol.ACHIEVEMENT] == "開催" and change.values[PCol.TARGET] is None
    assert set(change.values) == set(FORM_FIELDS)


def test_each_bad_input_is_named_by_its_field():
    """A javascript: URL, a control character, no status: one message each, with the field's label."""
    raw = {PCol.EVIDENCE_URL: "javascript:alert(1)", PCol.ACHIEVEMENT: "a\x1bb"}
    change, problems = form_change(MEMBERS_ID, 2024, "hyogo", raw, None)
    assert change is None
    texts = [problem_text(p, "ja") for p in problems]
    assert texts[0].startswith("実績: 使えない文字 U+001B")
    assert texts[1].startswith("根拠URL: ")
    assert len(problems) == 2  # the missing status is reported once the fields themselves are fine
    _, problems = form_change(MEMBERS_ID, 2024, "hyogo", {}, None)
    assert [problem_text(p, "en") for p in problems] == ["Status: " + problems[0].message("en").split(": ", 1)[-1]]


def test_conflict_table_marks_what_differs():
    """Stored (someone else's) next to mine; ● where they differ."""
    stored = {PCol.STATUS: "done", PCol.ACHIEVEMENT: "A", PCol.UPDATED_AT: datetime(2025, 4, 1, tzinfo=UTC)}
    mine = {**form_values(stored), PCol.ACHIEVEMENT: "B"}
    t = conflict_table(stored, mine, "ja").set_index("項目")
    assert (
        t.loc["実績", "保存されている値"] == "A"
        and t.loc["実績", "あなたの入力"] == "B"
        and t.loc["実績", "違い"] == "●"
    )
    assert t.loc["状況", "違い"] == "" and t.loc["状況", "保存されている値"] == "実施済"
