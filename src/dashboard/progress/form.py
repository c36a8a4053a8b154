"""The browser's edit form as pure functions: which fields, raw inputs → a Change, a conflict side by side.

    change, problems = form_change(item_id, fiscal_year, organisation, raw, seen_version)
    table = conflict_table(conflict.stored, raw, lang)

The form edits the fields below; every other field of a record keeps its stored value (the write
path leaves out what a change does not name). Values go through `fields.parse`, the same rules as
a spreadsheet cell, so a form and a file accept and refuse the same things.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..i18n import catalogue
from ..schema import PCol
from .errors import Problem
from .fields import FieldError, parse
from .view import _value_text
from .write import Change

FORM_FIELDS: tuple[str, ...] = (
    PCol.STATUS,
    PCol.PROGRESS_PCT,
    PCol.ACHIEVEMENT,
    PCol.INDICATOR,
    PCol.TARGET,
    PCol.ACTUAL,
    PCol.UNIT,
    PCol.EVIDENCE_URL,
    PCol.AS_OF,
)


def _plain(value: Any) -> Any:
    """A stored value as the form holds it (pandas' missing values → None, numpy scalars → Python)."""
    if value is None:
        return None
    if not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def form_values(stored: Mapping[str, Any] | None) -> dict[str, Any]:
    """The form's starting values: the stored record's, or blanks for a new one."""
    return {f: _plain(stored.get(f)) if stored else None for f in FORM_FIELDS}


def form_change(
    item_id: str, fiscal_year: int, organisation: str, raw: Mapping[str, Any], version: int | None, ref: str = ""
) -> tuple[Change | None, list[Problem]]:
    """The Change the form asks for, or None and a problem per field that cannot be stored."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    for f in FORM_FIELDS:
        try:
            values[f] = parse(f, raw.get(f))
        except FieldError as exc:
            problems.append(Problem(f"progress.col.{f}", exc.key, exc.fields))
    if not problems and values[PCol.STATUS] is None:
        problems.append(Problem(f"progress.col.{PCol.STATUS}", "progress.field.status_required"))
    if problems:
        return None, problems
    return Change(item_id, int(fiscal_year), organisation, values, version, ref), []


def problem_text(p: Problem, lang: str) -> str:
    """A form problem with its field's label in front (the ref of a form problem is the label's key)."""
    t = catalogue(lang)
    text = t(p.key, **p.fields)
    return f"{t(p.ref)}: {text}" if p.ref.startswith("progress.col.") else p.message(lang)


def conflict_table(stored: Mapping[str, Any] | None, mine: Mapping[str, Any], lang: str) -> pd.DataFrame:
    """Field by field: what is stored now (saved by someone else) next to what this form holds."""
    t = catalogue(lang)
    rows = []
    for f in FORM_FIELDS:
        theirs = _plain(stored.get(f)) if stored else None
        ours = _plain(mine.get(f))
        rows.append(
            {
                t("edit.conflict.field"): t(f"progress.col.{f}"),
                t("edit.conflict.stored"): _value_text(f, theirs, lang),
                t("edit.conflict.mine"): _value_text(f, ours, lang),
                t("edit.conflict.differs"): "●" if (theirs or None) != (ours or None) else "",
            }
        )
    return pd.DataFrame(rows)
