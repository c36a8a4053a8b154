"""The Excel export: the rows, one sheet per area laid out as the plan's table, and the filter.

Every string cell goes through `export.safe_value` (formulas neutralised, illegal characters
replaced); no cell is ever a formula."""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# --------------------------------------------------------------------------- cell safety
# A leading character that makes Excel / LibreOffice read a cell as a formula (OWASP).
from .export import (
    export_columns,
    export_frame,
    safe_text,
    safe_value,
)
from .i18n import catalogue
from .matrix import area_matrix, cell_text
from .schema import (
    ACTOR_CODES,
    AREAS,
    PHASE_BY_CODE,
    PHASE_CODES,
    Category,
    Col,
    actor_heading,
)

SHEET_TITLE_MAX = 31
_SHEET_FORBIDDEN_RE = re.compile(r"[\[\]:*?/\\]")
MATRIX_COLUMN_WIDTH = 45
MATRIX_HEADING_WIDTH = 22
LINE_HEIGHT_PT = 18  # one line of 11 pt text in a Japanese UI font
MAX_ROW_HEIGHT_PT = 409  # Excel's limit
_TOP = Alignment(vertical="top")
_WRAP = Alignment(vertical="top", wrap_text=True)
_BOLD = Font(bold=True)


def sheet_title(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unused Excel sheet name: ≤ 31 chars, none of []:*?/\\, no edge apostrophes."""
    base = _SHEET_FORBIDDEN_RE.sub("_", ILLEGAL_CHARACTERS_RE.sub("_", name)).strip().strip("'").strip()
    base = base[:SHEET_TITLE_MAX] or "Sheet"
    used = {s.casefold() for s in taken}  # Excel compares sheet names case-insensitively
    title, n = base, 1
    while title.casefold() in used:
        n += 1
        suffix = f" ({n})"
        title = base[: SHEET_TITLE_MAX - len(suffix)] + suffix
    return title


def _put(ws: Worksheet, row: int, col: int, value: Any, alignment: Alignment | None = None, font: Font | None = None):
    """Write one cell: strings made safe and forced to the string type, "" left blank."""
    value = safe_value(value)
    cell = ws.cell(row=row, column=col)
    if value == "":
        cell.value = None
    else:
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # never "f", whatever the text looks like
    if alignment is not None:
        cell.alignment = alignment
    if font is not None:
        cell.font = font
    return cell


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _line_count(text: str, width: float) -> int:
    """Lines `text` takes in a wrapped column `width` characters wide (an estimate)."""
    per_line = max(int(width) - 1, 1)
    return sum(max(1, math.ceil(_display_width(line) / per_line)) for line in str(text).split("\n"))


def _row_height(texts_and_widths: Iterable[tuple[str, float]]) -> float:
    lines = max((_line_count(t, w) for t, w in texts_and_widths), default=1)
    return float(min(MAX_ROW_HEIGHT_PT, LINE_HEIGHT_PT * max(lines, 1) + 4))


def _rows_sheet(ws: Worksheet, df: pd.DataFrame, lang: str) -> None:
    specs = export_columns(df)
    frame = export_frame(df, lang)
    levels = df[Col.LEVEL].tolist() if Col.LEVEL in df.columns else [1] * len(df)
    text_col = next((i for i, s in enumerate(specs, 1) if s.source == Col.TEXT), None)
    for j, header in enumerate(frame.columns, 1):
        _put(ws, 1, j, header, _WRAP, _BOLD)
    for i, (row, level) in enumerate(zip(frame.itertuples(index=False, name=None), levels, strict=True), 2):
        for j, (spec, value) in enumerate(zip(specs, row, strict=True), 1):
            align = _WRAP if spec.wrap else _TOP
            if j == text_col and int(level) >= 2:
                align = Alignment(vertical="top", wrap_text=True, indent=2)
            _put(ws, i, j, value, align)
        ws.row_dimensions[i].height = _row_height((str(v), s.width) for s, v in zip(specs, row, strict=True) if s.wrap)
    for j, spec in enumerate(specs, 1):
        ws.column_dimensions[get_column_letter(j)].width = spec.width
    last = get_column_letter(len(specs))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{len(frame) + 1}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"


def _area_info(areas_meta: list[dict], df: pd.DataFrame, code: str) -> tuple[str, dict[str, str]]:
    """(vision, phase code → theme) of an area: from the metadata, else from the rows."""
    info = next((a for a in areas_meta or () if isinstance(a, dict) and a.get("code") == code), {})
    rows = df[df[Col.AREA_CODE] == code]
    vision = info.get("vision") or (str(rows[Col.AREA_VISION].iloc[0]) if len(rows) else "")
    if info.get("vision_note"):
        vision = f"{vision}\n{info['vision_note']}"
    themes = dict(info.get("themes") or {})
    for p in PHASE_CODES:
        if not themes.get(p):
            hit = rows.loc[rows[Col.PHASE_CODE] == p, Col.PHASE_THEME]
            themes[p] = str(hit.iloc[0]) if len(hit) else ""
    return vision, themes


def phase_header(code: str, lang: str) -> str:
    """A phase column heading as the plan prints it: 「2025 万博開催」 (ja) / "Expo year (2025)" (en)."""
    return PHASE_BY_CODE[code].label(lang)


# Layout of an area sheet (1-based rows).
MATRIX_TITLE_ROW, MATRIX_VISION_ROW, MATRIX_HEADER_ROW, MATRIX_THEME_ROW = 1, 2, 3, 4
MATRIX_FIRST_ACTOR_ROW = 5


def _matrix_sheet(ws: Worksheet, df: pd.DataFrame, area: Category, lang: str, areas_meta: list[dict]) -> None:
    t = catalogue(lang)
    vision, themes = _area_info(areas_meta, df, area.code)
    last = get_column_letter(1 + len(PHASE_CODES))
    _put(ws, MATRIX_TITLE_ROW, 1, area.label(lang), _TOP, Font(bold=True, size=14))
    _put(ws, MATRIX_VISION_ROW, 1, t("export.matrix.vision"), _WRAP, _BOLD)
    _put(ws, MATRIX_VISION_ROW, 2, vision, _WRAP)
    ws.merge_cells(f"B{MATRIX_VISION_ROW}:{last}{MATRIX_VISION_ROW}")
    ws.row_dimensions[MATRIX_VISION_ROW].height = _row_height([(vision, MATRIX_COLUMN_WIDTH * len(PHASE_CODES))])
    _put(ws, MATRIX_THEME_ROW, 1, t("export.matrix.theme"), _WRAP, _BOLD)
    for j, p in enumerate(PHASE_CODES, 2):
        _put(ws, MATRIX_HEADER_ROW, j, phase_header(p, lang), _WRAP, _BOLD)
        _put(ws, MATRIX_THEME_ROW, j, themes.get(p, ""), _WRAP, _BOLD)
    ws.row_dimensions[MATRIX_THEME_ROW].height = _row_height(
        (themes.get(p, ""), MATRIX_COLUMN_WIDTH) for p in PHASE_CODES
    )
    cells = area_matrix(df, area.code)
    for i, a in enumerate(ACTOR_CODES, MATRIX_FIRST_ACTOR_ROW):
        _put(ws, i, 1, actor_heading(a, lang), _WRAP, _BOLD)
        texts = [cell_text(cells[(a, p)]) for p in PHASE_CODES]
        for j, text in enumerate(texts, 2):
            _put(ws, i, j, text, _WRAP)
        ws.row_dimensions[i].height = _row_height((text, MATRIX_COLUMN_WIDTH) for text in texts)
    note_row = MATRIX_FIRST_ACTOR_ROW + len(ACTOR_CODES) + 1
    _put(ws, note_row, 1, t("export.matrix.tentative_note"), _TOP)
    ws.column_dimensions["A"].width = MATRIX_HEADING_WIDTH
    for j in range(2, 2 + len(PHASE_CODES)):
        ws.column_dimensions[get_column_letter(j)].width = MATRIX_COLUMN_WIDTH
    ws.freeze_panes = f"B{MATRIX_FIRST_ACTOR_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _iso(when: datetime) -> str:
    """ISO 8601 with a UTC offset (a naive time is taken as the machine's local time)."""
    return (when if when.tzinfo is not None else when.astimezone()).isoformat(timespec="seconds")


def _filter_sheet(
    ws: Worksheet,
    lang: str,
    *,
    filter_rows: list[tuple[str, str]],
    link: str,
    exported_at: datetime,
    data_version: str,
    n_rows: int,
    source_title: str,
) -> None:
    t = catalogue(lang)
    _put(ws, 1, 1, t("export.filter.item"), _TOP, _BOLD)
    _put(ws, 1, 2, t("export.filter.value"), _TOP, _BOLD)
    rows: list[tuple[str, Any]] = [(str(k), str(v)) for k, v in filter_rows]
    rows += [
        (t("export.meta.link"), link),
        (t("export.meta.exported_at"), _iso(exported_at)),
        (t("export.meta.data_version"), data_version),
        (t("export.meta.rows"), int(n_rows)),
        (t("export.meta.source"), source_title),
        (t("export.meta.note"), t("export.meta.apostrophe")),
    ]
    link_row = len(filter_rows) + 2
    for i, (k, v) in enumerate(rows, 2):
        _put(ws, i, 1, k, _WRAP, _BOLD)
        cell = _put(ws, i, 2, v, _WRAP)
        if i == link_row and re.match(r"https?://", link or "") and isinstance(cell.value, str):
            cell.hyperlink = cell.value  # a relationship, not a formula
            cell.style = "Hyperlink"
            cell.alignment = _WRAP
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 90
    ws.freeze_panes = "A2"


def to_xlsx_bytes(
    df: pd.DataFrame,
    lang: str = "ja",
    *,
    filter_rows: list[tuple[str, str]],
    link: str,
    exported_at: datetime,
    data_version: str,
    areas_meta: list[dict],
    source_title: str = "",
) -> bytes:
    """The export as an Excel workbook: the rows, one document-style sheet per area, the filter.

    Sheets: 取組一覧/Initiatives (the export_frame rows), one per area present in `df` (actor
    rows × phase columns, as in the plan), 条件/Filter (filter, link, time, data version, rows,
    source). No cell holds a formula.
    """
    t = catalogue(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title(t("export.sheet.rows"))
    _rows_sheet(ws, df, lang)
    reserved = [t("export.sheet.filter")]
    present = set(df[Col.AREA_CODE].astype("string").dropna()) if Col.AREA_CODE in df.columns else set()
    for area in AREAS:
        if area.code in present:
            title = sheet_title(area.label(lang), [*wb.sheetnames, *reserved])
            _matrix_sheet(wb.create_sheet(title), df, area, lang, areas_meta)
    _filter_sheet(
        wb.create_sheet(sheet_title(t("export.sheet.filter"), wb.sheetnames)),
        lang,
        filter_rows=filter_rows,
        link=link,
        exported_at=exported_at,
        data_version=data_version,
        n_rows=len(df),
        source_title=source_title,
    )
    wb.properties.title = safe_text(source_title) if source_title else None
    wb.properties.creator = "kansai-action-plan-dashboard"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- names and filter text
