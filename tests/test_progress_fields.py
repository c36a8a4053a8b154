"""Parsing and checking of single values (pure): what each cell may hold."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dashboard.progress.fields import FieldError, check_values, parse
from dashboard.schema import PCol


@pytest.mark.parametrize(
    ("field", "raw", "want"),
    [
        (PCol.FISCAL_YEAR, "2026～", 2026),
        (PCol.FISCAL_YEAR, 2025.0, 2025),
        (PCol.STATUS, "実施済", "done"),
        (PCol.STATUS, " in_progress ", "in_progress"),
        (PCol.ORGANISATION, "京都市", "kyoto-city"),
        (PCol.PROGRESS_PCT, "50%", 50.0),
        (PCol.PROGRESS_PCT, 0, 0.0),
        (PCol.BUDGET_THOUSAND_YEN, "1,234", 1234),
        (PCol.BUDGET_THOUSAND_YEN, 12000.0, 12000),
        (PCol.AS_OF, "2025/3/31", date(2025, 3, 31)),
        (PCol.AS_OF, datetime(2025, 3, 31), date(2025, 3, 31)),
        (PCol.EVIDENCE_URL, "https://example.jp/a?b=1", "https://example.jp/a?b=1"),
        (PCol.ACHIEVEMENT, "  一行目\r\n\t二行目  ", "一行目\n\t二行目"),
        (PCol.NOTE, "", None),
        (PCol.VERSION, "3", 3),
    ],
)
def test_accepted_values(field, raw, want):
    """Labels, codes, full-width suffixes, thousands separators and Excel dates read as the stored value."""
    assert parse(field, raw) == want


@pytest.mark.parametrize(
    ("field", "raw", "key"),
    [
        (PCol.FISCAL_YEAR, "2023", "progress.field.fiscal_year"),
        (PCol.PROGRESS_PCT, "-1", "progress.field.pct_range"),
        (PCol.PROGRESS_PCT, "nan", "progress.field.pct_range"),
        (PCol.PROGRESS_PCT, "半分", "progress.field.number"),
        (PCol.BUDGET_THOUSAND_YEN, "1.5", "progress.field.whole_number"),
        (PCol.BUDGET_THOUSAND_YEN, "-3", "progress.field.whole_number"),
        (PCol.AS_OF, "31/03/2025", "progress.field.date"),
        (PCol.AS_OF, datetime(2025, 3, 31, 12, 30), "progress.field.date"),
        (PCol.EVIDENCE_URL, "ftp://example.jp/x", "progress.field.url"),
        (PCol.EVIDENCE_URL, "https://", "progress.field.url"),
        (PCol.EVIDENCE_URL, "https://exa mple.jp", "progress.field.url"),
        (PCol.UNIT, "x" * 21, "progress.field.too_long"),
        (PCol.VERSION, "0", "progress.field.version"),
        (PCol.ORGANISATION, "大阪", "progress.field.organisation"),
    ],
)
def test_refused_values(field, raw, key):
    """Each bad value raises FieldError with its message key."""
    with pytest.raises(FieldError) as err:
        parse(field, raw)
    assert err.value.key == key


def test_check_values_wants_the_stored_form():
    """The write path's check refuses values a parser would still change (labels, untrimmed text)."""
    assert check_values({PCol.STATUS: "done", PCol.ACHIEVEMENT: "ok", PCol.AS_OF: date(2025, 1, 1)}) == []
    bad = dict(check_values({PCol.STATUS: "実施済", PCol.ACHIEVEMENT: " ok "}))
    assert set(bad) == {PCol.STATUS, PCol.ACHIEVEMENT}
    assert bad[PCol.STATUS].key == "progress.field.not_normalised"
