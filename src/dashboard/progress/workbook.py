"""Write the progress template and the progress export (XLSX / CSV), formula-safe (pure: frames in, bytes out).

Template: one row per initiative of the organisation's actor (plan order, sub-items indented), the
plan's text locked, the current values filled in, drop-down lists for status and organisation, a
hidden version column, and a sheet that explains each column. Export: every record with the same
columns, so an export can be edited and imported again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..export import safe_text
from ..i18n import catalogue
from ..schema import (
    ACTOR_BY_CODE,
    ACTOR_ORGANISATIONS,
    AREA_BY_CODE,
    ORGANISATION_BY_CODE,
    PHASE_BY_CODE,
    PROGRESS_KEY,
    STATUS_BY_CODE,
    STATUSES,
    Col,
    PCol,
)
from . import frames
from .sheet import ACTOR, AREA, COLUMNS, PHASE, TEXT

LOCKED_FILL = PatternFill("solid", fgColor="EEEEEE")
HEADER_FONT = Font(bold=True)


def _cell_value(key: str, value: Any, lang: str) -> Any:
    """A stored value as the sheet shows it (labels for codes, dates as dates, text formula-safe)."""
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if key == PCol.STATUS:
        return STATUS_BY_CODE[value].label(lang) if value in STATUS_BY_CODE else safe_text(str(value))
    if key == PCol.ORGANISATION:
        return ORGANISATION_BY_CODE[value].label(lang) if value in ORGANISATION_BY_CODE else safe_text(str(value))
    if key == PCol.UPDATED_AT:
        return frames.utc(pd.Timestamp(value).to_pydatetime()).astimezone(frames.TZ).strftime("%Y-%m-%d %H:%M")
    if key == PCol.AS_OF:
        return pd.Timestamp(value).date()
    if isinstance(value, str):
        return safe_text(value)
    if hasattr(value, "item"):
        value = value.item()
    return value


def _plan_values(row: Mapping[str, Any], lang: str) -> dict[str, Any]:
    return {
        PCol.ID: str(row[Col.ID]),
        AREA: AREA_BY_CODE[str(row[Col.AREA_CODE])].label(lang),
        PHASE: PHASE_BY_CODE[str(row[Col.PHASE_CODE])].label(lang),
        ACTOR: ACTOR_BY_CODE[str(row[Col.ACTOR_CODE])].label(lang),
        TEXT: safe_text(str(row[Col.TEXT])),
    }


def _record_index(records: pd.DataFrame) -> dict[tuple, dict]:
    return {
        (str(r[PCol.ID]), int(r[PCol.FISCAL_YEAR]), str(r[PCol.ORGANISATION])): r for r in records.to_dict("records")
    }


def _write_header(ws: Worksheet, lang: str) -> None:
    for j, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=j, value=col.label(lang))
        cell.font = HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = col.width
        ws.column_dimensions[letter].hidden = col.hidden
    ws.freeze_panes = "F2"


def _write_row(ws: Worksheet, i: int, values: Mapping[str, Any], lang: str, indent: int = 0) -> None:
    for j, col in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=i, column=j)
        v = _cell_value(col.key, values.get(col.key), lang) if col.role != "plan" else values.get(col.key)
        cell.value = v
        if isinstance(v, str):
            cell.data_type = "s"  # never a formula, whatever the text
        if isinstance(v, date):
            cell.number_format = "yyyy-mm-dd"
        cell.protection = Protection(locked=not col.editable)
        if not col.editable:
            cell.fill = LOCKED_FILL
        if col.wrap or (col.key == TEXT and indent):
            cell.alignment = Alignment(wrap_text=col.wrap, indent=indent if col.key == TEXT else 0, vertical="top")


def _validations(ws: Worksheet, n_rows: int, orgs: tuple[str, ...], lang: str) -> None:
    t = catalogue(lang)
    last = max(n_rows + 1, 2)
    letters = {c.key: get_column_letter(j) for j, c in enumerate(COLUMNS, start=1)}
    lists = {
        PCol.STATUS: [s.label(lang) for s in STATUSES],
        PCol.ORGANISATION: [ORGANISATION_BY_CODE[o].label(lang) for o in orgs],
    }
    for key, items in lists.items():
        dv = DataValidation(type="list", formula1='"' + ",".join(items) + '"', allow_blank=True)
        dv.error, dv.errorTitle = t("progress.template.pick_from_list"), t(f"progress.col.{key}")
        dv.add(f"{letters[key]}2:{letters[key]}{last}")
        ws.add_data_validation(dv)
    pct = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
    pct.error, pct.errorTitle = t("progress.template.pct_range"), t("progress.col.progress_pct")
    pct.add(f"{letters[PCol.PROGRESS_PCT]}2:{letters[PCol.PROGRESS_PCT]}{last}")
    ws.add_data_validation(pct)


def _explain(wb: Workbook, lang: str, fiscal_year: int | None, organisation: str | None) -> None:
    t = catalogue(lang)
    ws = wb.create_sheet(t("progress.sheet.help"))
    ws.append([t("progress.help.title")])
    ws["A1"].font = Font(bold=True, size=13)
    if organisation:
        ws.append([t("progress.help.for", org=ORGANISATION_BY_CODE[organisation].label(lang), fy=fiscal_year)])
    for line in t("progress.help.rules").split("\n"):
        ws.append([line])
    ws.append([])
    ws.append([t("progress.help.col_label"), t("progress.help.col_key"), t("progress.help.col_text")])
    for c in ws[ws.max_row]:
        c.font = HEADER_FONT
    for col in COLUMNS:
        ws.append([col.label(lang), col.key, t(f"progress.help.{col.key}")])
    for cell in ws["C"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 22, 22, 90
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    ws.protection.sheet = True


def template(
    plan: pd.DataFrame,
    records: pd.DataFrame,
    organisation: str,
    fiscal_year: int,
    area: str | None = None,
    lang: str = "ja",
) -> bytes:
    """The XLSX template for `organisation` and `fiscal_year` (optionally one area), current values filled in."""
    org = ORGANISATION_BY_CODE[organisation]
    rows = plan[plan[Col.ACTOR_CODE].astype(str) == org.actor]
    if area:
        rows = rows[rows[Col.AREA_CODE].astype(str) == area]
    current = _record_index(records)
    wb = Workbook()
    ws = wb.active
    ws.title = catalogue(lang)("progress.sheet.main")
    _write_header(ws, lang)
    for i, row in enumerate(rows.to_dict("records"), start=2):
        key = (str(row[Col.ID]), int(fiscal_year), organisation)
        values = {**current.get(key, {}), **_plan_values(row, lang)}
        values[PCol.FISCAL_YEAR], values[PCol.ORGANISATION] = int(fiscal_year), organisation
        _write_row(ws, i, values, lang, indent=2 if int(row[Col.LEVEL]) == 2 else 0)
    _validations(ws, len(rows), ACTOR_ORGANISATIONS[org.actor], lang)
    ws.protection.sheet = True
    ws.protection.formatColumns = ws.protection.formatRows = False  # widths and heights stay adjustable
    ws.protection.autoFilter = False
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    _explain(wb, lang, fiscal_year, organisation)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_rows(plan: pd.DataFrame, records: pd.DataFrame, lang: str = "ja") -> list[dict[str, Any]]:
    """Each record with its plan columns, as sheet values (plan order, then fiscal year, organisation)."""
    plan_rows = {str(r[Col.ID]): r for r in plan.to_dict("records")}
    order = {i: n for n, i in enumerate(plan[Col.ID].astype(str))}
    recs = sorted(
        records.to_dict("records"),
        key=lambda r: (order.get(str(r[PCol.ID]), len(order)), *(str(r[k]) for k in PROGRESS_KEY[1:])),
    )
    out = []
    for r in recs:
        p = plan_rows.get(str(r[PCol.ID]))
        values = {**r, **(_plan_values(p, lang) if p else {})}
        out.append(
            {
                c.key: _cell_value(c.key, values.get(c.key), lang) if c.role != "plan" else values.get(c.key)
                for c in COLUMNS
            }
        )
    return out


def export_xlsx(plan: pd.DataFrame, records: pd.DataFrame, lang: str = "ja") -> bytes:
    """Every record in the template's layout (importable again), with the explanation sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = catalogue(lang)("progress.sheet.main")
    _write_header(ws, lang)
    rows = export_rows(plan, records, lang)
    for i, values in enumerate(rows, start=2):
        _write_row(ws, i, values, lang)
        for j, _col in enumerate(COLUMNS, start=1):
            ws.cell(row=i, column=j).fill = PatternFill()
    ws.column_dimensions[get_column_letter(len(COLUMNS))].hidden = False
    _explain(wb, lang, None, None)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_csv(plan: pd.DataFrame, records: pd.DataFrame, lang: str = "ja") -> bytes:
    """Every record as CSV: UTF-8 with BOM, CRLF, the template's headers, formula-safe text."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([c.label(lang) for c in COLUMNS])
    for values in export_rows(plan, records, lang):
        w.writerow([_csv(values[c.key]) for c in COLUMNS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _csv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
