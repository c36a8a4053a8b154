"""The columns of the progress spreadsheet (template, export, import), their labels and layout."""

from __future__ import annotations

from dataclasses import dataclass

from .. import i18n
from ..schema import PROGRESS_VALUES, PCol

# Plan columns shown (read-only) next to the record; their keys are not record fields.
AREA, PHASE, ACTOR, TEXT = "area", "phase", "actor", "text"


@dataclass(frozen=True)
class SheetColumn:
    key: str  # record field (PCol) or plan column (AREA, PHASE, ACTOR, TEXT)
    role: str  # plan | key | value | meta
    width: float = 14
    wrap: bool = False
    hidden: bool = False

    @property
    def editable(self) -> bool:
        return self.role == "value" or self.key == PCol.ORGANISATION

    def label(self, lang: str = "ja") -> str:
        return i18n.catalogue(lang)(f"progress.col.{self.key}")


_WIDTHS = {PCol.ACHIEVEMENT: 60, PCol.NOTE: 30, PCol.EVIDENCE_URL: 30, PCol.INDICATOR: 24, PCol.UNIT: 8}
COLUMNS: tuple[SheetColumn, ...] = (
    SheetColumn(PCol.ID, "key", 24),
    SheetColumn(AREA, "plan", 16),
    SheetColumn(PHASE, "plan", 10),
    SheetColumn(ACTOR, "plan", 14),
    SheetColumn(TEXT, "plan", 60, wrap=True),
    SheetColumn(PCol.FISCAL_YEAR, "key", 8),
    SheetColumn(PCol.ORGANISATION, "key", 14),
    *(SheetColumn(f, "value", _WIDTHS.get(f, 14), wrap=f in _WIDTHS) for f in PROGRESS_VALUES),
    SheetColumn(PCol.UPDATED_BY, "meta", 14),
    SheetColumn(PCol.UPDATED_AT, "meta", 18),
    SheetColumn(PCol.VERSION, "meta", 8, hidden=True),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
REQUIRED = (PCol.ID, PCol.FISCAL_YEAR, PCol.ORGANISATION, PCol.STATUS)
# Columns an import reads; the others are shown for reference and ignored.
READ = (PCol.ID, PCol.FISCAL_YEAR, PCol.ORGANISATION, *PROGRESS_VALUES, PCol.VERSION)


def header_lookup() -> dict[str, str]:
    """Every accepted header (keys, Japanese and English labels) → column key."""
    out: dict[str, str] = {}
    for c in COLUMNS:
        out[c.key] = c.key
        for lang in i18n.LANGS:
            out[c.label(lang)] = c.key
            out[c.label(lang).lower()] = c.key
    return out
