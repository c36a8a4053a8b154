"""Parse and check the values of a progress record (pure): one rule set for every way in.

`parse(field, raw)` turns a cell (text, number, date) into the stored value or raises FieldError
with a message key; `check_values` re-checks typed values in the write path, whatever the caller did.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from ..schema import (
    BUDGET_MAX_THOUSAND_YEN,
    EVIDENCE_URL_SCHEMES,
    FISCAL_YEARS,
    ORGANISATION_BY_CODE,
    ORGANISATION_CODE_BY_NAME,
    ORGANISATIONS,
    PROGRESS_PCT_RANGE,
    PROGRESS_TEXT_LIMITS,
    STATUS_BY_CODE,
    STATUS_CODE_BY_NAME,
    STATUSES,
    PCol,
)

# C0 controls but tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates and marks,
# non-characters, lone surrogates, and a stray byte-order mark.
FORBIDDEN_CHARS_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]"
)
DATE_RE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
INT_RE = re.compile(r"^[+]?\d{1,3}(,\d{3})+$|^[+]?\d+$")


class FieldError(ValueError):
    """A value that cannot be stored: `key` (i18n) and its fields."""

    def __init__(self, key: str, **fields: object):
        self.key = key
        self.fields = fields
        super().__init__(key)


def _blank(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, str) and raw.strip() == ""


def _as_text(raw: Any) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


def clean_text(field: str, raw: Any) -> str | None:
    """Free text: line ends normalised, trimmed; forbidden characters and over-long text refused."""
    if _blank(raw):
        return None
    if not isinstance(raw, str):
        raw = _as_text(raw)
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    m = FORBIDDEN_CHARS_RE.search(text)
    if m:
        raise FieldError("progress.field.forbidden_char", char=f"U+{ord(m.group()):04X}", pos=m.start() + 1)
    limit = PROGRESS_TEXT_LIMITS.get(field)
    if limit is not None and len(text) > limit:
        raise FieldError("progress.field.too_long", n=len(text), limit=limit)
    return text


def parse_status(raw: Any) -> str | None:
    if _blank(raw):
        return None
    text = _as_text(raw)
    by_label = {**STATUS_CODE_BY_NAME, **{s.en.lower(): s.code for s in STATUSES}}
    code = text if text in STATUS_BY_CODE else by_label.get(text) or by_label.get(text.lower())
    if code is None:
        raise FieldError("progress.field.status", value=text, valid="、".join(s.ja for s in STATUSES))
    return code


def parse_organisation(raw: Any) -> str | None:
    if _blank(raw):
        return None
    text = _as_text(raw)
    by_label = {**ORGANISATION_CODE_BY_NAME, **{o.en.lower(): o.code for o in ORGANISATIONS}}
    code = text if text in ORGANISATION_BY_CODE else by_label.get(text) or by_label.get(text.lower())
    if code is None:
        raise FieldError("progress.field.organisation", value=text)
    return code


def parse_fiscal_year(raw: Any) -> int | None:
    if _blank(raw):
        return None
    text = _as_text(raw).rstrip("～~年度").strip()
    if text.isdigit() and int(text) in FISCAL_YEARS:
        return int(text)
    raise FieldError("progress.field.fiscal_year", value=_as_text(raw), valid=", ".join(map(str, FISCAL_YEARS)))


def parse_pct(raw: Any) -> float | None:
    if _blank(raw):
        return None
    try:
        value = float(_as_text(raw).rstrip("%％").strip()) if not isinstance(raw, int | float) else float(raw)
    except ValueError:
        raise FieldError("progress.field.number", value=_as_text(raw)) from None
    lo, hi = PROGRESS_PCT_RANGE
    if not (lo <= value <= hi) or math.isnan(value):
        raise FieldError("progress.field.pct_range", value=_as_text(raw), lo=int(lo), hi=int(hi))
    return value


def parse_budget(raw: Any) -> int | None:
    if _blank(raw):
        return None
    if isinstance(raw, bool):
        raise FieldError("progress.field.whole_number", value=str(raw))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int):
        value = raw
    else:
        text = _as_text(raw)
        if not INT_RE.match(text):
            raise FieldError("progress.field.whole_number", value=text)
        value = int(text.replace(",", "").lstrip("+"))
    if not 0 <= value <= BUDGET_MAX_THOUSAND_YEN:
        raise FieldError("progress.field.whole_number", value=str(value))
    return value


def parse_version(raw: Any) -> int | None:
    if _blank(raw):
        return None
    value = parse_budget(raw)
    if value is None or value < 1:
        raise FieldError("progress.field.version", value=_as_text(raw))
    return value


def parse_date(raw: Any) -> date | None:
    if _blank(raw):
        return None
    if isinstance(raw, datetime):
        if raw.time() != datetime.min.time():
            raise FieldError("progress.field.date", value=raw.isoformat(sep=" "))
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = _as_text(raw)
    m = DATE_RE.match(text)
    try:
        if not m:
            raise ValueError
        value = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise FieldError("progress.field.date", value=text) from None
    if value.year < 2000:
        raise FieldError("progress.field.date", value=text)
    return value


def parse_url(raw: Any) -> str | None:
    text = clean_text(PCol.EVIDENCE_URL, raw)
    if text is None:
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in EVIDENCE_URL_SCHEMES or not parts.netloc or re.search(r"\s", text):
        raise FieldError("progress.field.url", value=text[:80])
    return text


PARSERS = {
    PCol.FISCAL_YEAR: parse_fiscal_year,
    PCol.ORGANISATION: parse_organisation,
    PCol.STATUS: parse_status,
    PCol.PROGRESS_PCT: parse_pct,
    PCol.BUDGET_THOUSAND_YEN: parse_budget,
    PCol.AS_OF: parse_date,
    PCol.EVIDENCE_URL: parse_url,
    PCol.VERSION: parse_version,
}


def parse(field: str, raw: Any) -> Any:
    """The stored form of `raw` for `field` (None when blank); FieldError when it cannot be stored."""
    parser = PARSERS.get(field)
    return parser(raw) if parser else clean_text(field, raw)


def check_values(values: Mapping[str, Any]) -> list[tuple[str, FieldError]]:
    """Every (field, error) among typed `values` (the write path's own check); [] when all are fine."""
    problems = []
    for name, value in values.items():
        try:
            if parse(name, value) != value:
                raise FieldError("progress.field.not_normalised", value=str(value)[:80])
        except FieldError as exc:
            problems.append((name, exc))
    return problems
