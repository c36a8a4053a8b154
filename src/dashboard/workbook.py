"""The Excel export: the rows, one sheet per area laid out as the plan's table, and the filter.

Every string cell goes through `export.safe_value` (formulas neutralised, illegal characters
replaced); no cell is ever a formula. Every sheet is set up to print as a handout: a print area,
A4 landscape, one page wide, the header row on every page, wrapped text, row heights that show
the whole text, and a footer with the sheet name and page numbers."""

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
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

# --------------------------------------------------------------------------- cell safety
# A leading character that makes Excel / LibreOffice read a cell as a formula (OWASP).
from .export import (
    ExportColumn,
    export_columns,
    export_frame,
    jst_text,
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
FILTER_LABEL_WIDTH, FILTER_VALUE_WIDTH = 24, 90
LINE_HEIGHT_PT = 18  # one line of 11 pt text in a Japanese UI font
MAX_ROW_HEIGHT_PT = 409  # Excel's limit
# Glyph widths in column-width units (one digit of the default font): a Japanese glyph of an 11-pt UI
# font is slightly wider than two digits; Latin text is proportional, narrower than a digit on average.
WIDE_GLYPH, NARROW_GLYPH = 2.2, 0.9
# The rows sheet prints these columns, in this order, first (A4 landscape, one page wide at ~90 %);
# the other columns follow to their right, outside the print area, so the file keeps them all.
PRINTED_SOURCES = (
    Col.ID,
    Col.AREA_CODE,
    Col.PHASE_CODE,
    Col.ACTOR_CODE,
    "progress_badge",  # when progress is joined on
    Col.TEXT,
    Col.PARENT_TEXT,
    Col.INSTRUMENT_TYPES,
    Col.EXPO_RELATED,
    Col.PAGE,
)
MARGINS = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6, header=0.25, footer=0.3)  # inches
_TOP = Alignment(vertical="top")
_WRAP = Alignment(vertical="top", wrap_text=True)
_WRAP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
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


def _glyph_width(ch: str) -> float:
    """A character's width in column-width units (the width of a digit): see WIDE_GLYPH, NARROW_GLYPH."""
    return WIDE_GLYPH if unicodedata.east_asian_width(ch) in "WF" else NARROW_GLYPH


def _wrap_tokens(text: str) -> list[str]:
    """What a wrapped line breaks between: each wide (Japanese) character, runs of other characters, spaces."""
    tokens: list[str] = []
    for ch in text:
        wide, space = _glyph_width(ch) == WIDE_GLYPH, ch.isspace()
        prev = tokens[-1] if tokens else ""
        if prev and not wide and _glyph_width(prev[-1]) != WIDE_GLYPH and prev[-1].isspace() == space:
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def _line_count(text: str, width: float) -> int:
    """Lines `text` takes in a wrapped column `width` units wide (an estimate that errs on more lines):
    Japanese breaks between any two characters, other text between words."""
    room = max(width - 1, 1.0)  # the cell's padding
    total = 0
    for para in str(text).split("\n"):
        lines, used = 1, 0.0
        for token in _wrap_tokens(para):
            w = sum(_glyph_width(ch) for ch in token)
            if token.isspace():
                used = used + w if used else used  # a space at the start of a line is dropped
            elif used + w <= room:
                used += w
            elif w <= room:
                lines, used = lines + 1, w
            else:  # a word wider than the column is broken anywhere
                lines += math.ceil((used + w) / room) - 1
                used = (used + w) % room or room
        total += lines
    return max(total, 1)


def _row_height(texts_and_widths: Iterable[tuple[str, float]]) -> float:
    lines = max((_line_count(t, w) for t, w in texts_and_widths), default=1)
    return float(min(MAX_ROW_HEIGHT_PT, LINE_HEIGHT_PT * max(lines, 1) + 4))


def rows_sheet_columns(df: pd.DataFrame) -> list[ExportColumn]:
    """The rows sheet's columns: the printed ones (PRINTED_SOURCES order) first, then the rest in export order."""
    specs = export_columns(df)
    printed = [s for src in PRINTED_SOURCES for s in specs if s.source == src]
    return printed + [s for s in specs if s not in printed]


def printed_column_count(df: pd.DataFrame) -> int:
    """How many of the rows sheet's leading columns print."""
    return sum(1 for s in export_columns(df) if s.source in PRINTED_SOURCES)


def _print_setup(ws: Worksheet, lang: str, area: str, title_rows: str | None) -> None:
    """Print as a handout: `area`, A4 landscape, one page wide (any number tall), `title_rows` on each page,
    footer with the sheet name and "page / pages"."""
    ws.print_area = area
    if title_rows:
        ws.print_title_rows = title_rows
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins = MARGINS
    ws.print_options.horizontalCentered = True
    ws.oddFooter.left.text = "&A"  # the sheet name
    ws.oddFooter.right.text = catalogue(lang)("export.print.page")


def _rows_sheet(ws: Worksheet, df: pd.DataFrame, lang: str) -> None:
    specs = rows_sheet_columns(df)
    t = catalogue(lang)
    headers = [t(s.key) for s in specs]
    frame = export_frame(df, lang)[headers]
    levels = df[Col.LEVEL].tolist() if Col.LEVEL in df.columns else [1] * len(df)
    text_col = next((i for i, s in enumerate(specs, 1) if s.source == Col.TEXT), None)
    for j, header in enumerate(headers, 1):
        _put(ws, 1, j, header, _WRAP, _BOLD)
    ws.row_dimensions[1].height = _row_height((h, s.width) for s, h in zip(specs, headers, strict=True))
    for i, (row, level) in enumerate(zip(frame.itertuples(index=False, name=None), levels, strict=True), 2):
        for j, value in enumerate(row, 1):
            align = _WRAP
            if j == text_col and int(level) >= 2:
                align = Alignment(vertical="top", wrap_text=True, indent=2)
            _put(ws, i, j, value, align)
        ws.row_dimensions[i].height = _row_height((str(v), s.width) for s, v in zip(specs, row, strict=True))
    for j, spec in enumerate(specs, 1):
        ws.column_dimensions[get_column_letter(j)].width = spec.width
    last = get_column_letter(len(specs))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{last}{len(frame) + 1}"
    printed = get_column_letter(printed_column_count(df))
    _print_setup(ws, lang, f"A1:{printed}{len(frame) + 1}", "1:1")


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
    ws.row_dimensions[MATRIX_HEADER_ROW].height = _row_height(
        (phase_header(p, lang), MATRIX_COLUMN_WIDTH) for p in PHASE_CODES
    )
    _print_setup(ws, lang, f"A1:{last}{note_row}", f"{MATRIX_HEADER_ROW}:{MATRIX_HEADER_ROW}")


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
    print_note: str,
) -> None:
    t = catalogue(lang)
    _put(ws, 1, 1, t("export.filter.item"), _WRAP, _BOLD)
    _put(ws, 1, 2, t("export.filter.value"), _WRAP_LEFT, _BOLD)
    rows: list[tuple[str, Any]] = [(str(k), str(v)) for k, v in filter_rows]
    rows += [
        (t("export.meta.link"), link),
        (t("export.meta.exported_at"), jst_text(exported_at)),
        (t("export.meta.data_version"), data_version),
        (t("export.meta.rows"), int(n_rows)),
        (t("export.meta.source"), source_title),
        (t("export.meta.note"), t("export.meta.apostrophe")),
        (t("export.meta.print"), print_note),
    ]
    link_row = len(filter_rows) + 2
    for i, (k, v) in enumerate(rows, 2):
        _put(ws, i, 1, k, _WRAP, _BOLD)
        cell = _put(ws, i, 2, v, _WRAP_LEFT)
        if i == link_row and re.match(r"https?://", link or "") and isinstance(cell.value, str):
            cell.hyperlink = cell.value  # a relationship, not a formula
            cell.style = "Hyperlink"
            cell.alignment = _WRAP_LEFT
        ws.row_dimensions[i].height = _row_height([(str(k), FILTER_LABEL_WIDTH), (str(v), FILTER_VALUE_WIDTH)])
    ws.column_dimensions["A"].width = FILTER_LABEL_WIDTH
    ws.column_dimensions["B"].width = FILTER_VALUE_WIDTH
    ws.freeze_panes = "A2"
    _print_setup(ws, lang, f"A1:B{len(rows) + 1}", "1:1")


def _print_note(df: pd.DataFrame, lang: str, sheet: str) -> str:
    """Which columns of the rows sheet print, and which stay on screen only."""
    t = catalogue(lang)
    headers = [t(s.key) for s in rows_sheet_columns(df)]
    n = printed_column_count(df)
    rest = t("export.list_sep").join(headers[n:]) or t("export.filter.none")
    return t("export.meta.print_note", sheet=sheet, first=headers[0], last=headers[n - 1], rest=rest)


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

    Sheets: 取組一覧/Initiatives (the export_frame rows; the printed columns first, see
    PRINTED_SOURCES), one per area present in `df` (actor rows × phase columns, as in the plan),
    条件/Filter (filter, link, time in JST, data version, rows, source, what prints). No cell holds
    a formula; every sheet prints A4 landscape, one page wide.
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
        print_note=_print_note(df, lang, ws.title),
    )
    wb.properties.title = safe_text(source_title) if source_title else None
    wb.properties.creator = "kansai-action-plan-dashboard"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
