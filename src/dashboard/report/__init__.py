"""Briefing reports of a view: a print-ready PDF and an editable PowerPoint, from one content model.

    data, name = render(df, meta, filters, "ja", "pdf", link=url)   # bytes + file name

`content.build_report` makes the `Report` (pure); `pdf.to_pdf_bytes` and `pptx.to_pptx_bytes` draw it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import pandas as pd

from ..export import file_name
from ..filters import Filters
from .content import Report, build_report
from .errors import FontMissing, ReportError

FORMATS = ("pdf", "pptx")
MIME = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}

__all__ = [
    "FORMATS",
    "MIME",
    "FontMissing",
    "Report",
    "ReportError",
    "build_report",
    "render",
    "render_report",
    "report_file_name",
]


def report_file_name(filters: Filters, fmt: str, when: datetime) -> str:
    """What the file holds, e.g. kansai-action-plan_su_all_all_expo_report_20261129-1203.pdf: every filter,
    "report", the time in JST (export.file_name)."""
    return file_name(filters, fmt, when, kind="report")


def render_report(report: Report, fmt: str) -> bytes:
    """A built `Report` as file bytes in `fmt` ("pdf" or "pptx")."""
    if fmt == "pdf":
        from .pdf import to_pdf_bytes

        return to_pdf_bytes(report)
    if fmt == "pptx":
        from .pptx import to_pptx_bytes

        return to_pptx_bytes(report)
    raise ValueError(f"unknown report format {fmt!r} (expected one of {FORMATS})")


def render(
    df: pd.DataFrame,
    meta: Mapping,
    filters: Filters,
    lang: str = "ja",
    fmt: str = "pdf",
    *,
    link: str = "",
    now: datetime | None = None,
    badges: Mapping[str, str] | None = None,
    progress: pd.DataFrame | None = None,
    demo: bool = False,
) -> tuple[bytes, str]:
    """(file bytes, file name) of the report of the view `filters` selects from the whole table `df`.

    Raises FontMissing (a ReportError: `.message(lang)` for the user) when the PDF font is absent.
    """
    now = now or datetime.now(UTC)
    report = build_report(df, meta, filters, lang, link=link, now=now, badges=badges, progress=progress, demo=demo)
    return render_report(report, fmt), report_file_name(filters, fmt, now)
