"""Errors a report can end with; `message(lang)` explains each to a user."""

from __future__ import annotations

from ..i18n import catalogue


class ReportError(Exception):
    """A report cannot be built; `key` names the i18n message, `fields` fill it."""

    key = "report.error.failed"

    def __init__(self, **fields: object):
        self.fields = fields
        super().__init__(self.message("en"))

    def message(self, lang: str = "ja") -> str:
        return catalogue(lang)(self.key, **self.fields)


class FontMissing(ReportError):
    """The Japanese font the PDF embeds is not installed."""

    key = "report.error.font"
