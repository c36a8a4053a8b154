"""Read a progress spreadsheet (XLSX, or CSV in UTF-8 / UTF-8 with BOM / cp932), check every cell, then write.

    report = import_file(store, path, plan, user, dry_run=False, skip_conflicts=False)

Nothing is written unless every cell is valid (FileRejected lists each problem as `sheet!cell:
message`); the file is then one call of the write path, hence one transaction.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from ..export import FORMULA_PREFIXES
from ..schema import ACTOR_ORGANISATIONS, Col, PCol
from .errors import FileRejected, Problem
from .fields import FieldError, parse
from .sheet import READ, REQUIRED, header_lookup
from .store import Store
from .write import Change, Source, User, WriteResult, write_progress

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000  # all three fiscal years of every organisation fit (≈ 4,100 records)
MAX_COLUMNS = 60
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # an XLSX's members together, unpacked
MAX_RATIO = 200  # unpacked / packed size of one member (real workbooks stay well below)
MAX_MEMBERS = 500
ACCEPTED = (".xlsx", ".csv")


@dataclass
class Sheet:
    """Cells of one sheet: name (for messages), rows of (value, is_formula) from row 1."""

    name: str
    rows: list[list[tuple[Any, bool]]]


@dataclass
class ImportReport:
    path: Path
    changes: list[Change]
    result: WriteResult
    dry_run: bool


def _reject(ref: str, key: str, **fields: object) -> FileRejected:
    return FileRejected([Problem(ref, key, fields)])


def _check_zip(path: Path) -> None:
    if not zipfile.is_zipfile(path):
        raise _reject(path.name, "progress.file.not_xlsx")
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _reject(path.name, "progress.file.not_xlsx") from None
    names = {m.filename.lower() for m in members}
    if "[content_types].xml" not in names:
        raise _reject(path.name, "progress.file.not_xlsx")
    if any(n.endswith("vbaproject.bin") for n in names):
        raise _reject(path.name, "progress.file.macros")
    unpacked = sum(m.file_size for m in members)
    ratio = max((m.file_size / max(m.compress_size, 1) for m in members if m.file_size > 1 << 20), default=0)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES or ratio > MAX_RATIO:
        raise _reject(path.name, "progress.file.zip_bomb", mb=MAX_UNPACKED_BYTES >> 20)


def _read_xlsx(path: Path) -> Sheet:
    _check_zip(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for broken workbooks
        raise _reject(path.name, "progress.file.not_xlsx") from None
    try:
        ws = wb.worksheets[0]
        rows: list[list[tuple[Any, bool]]] = []
        for row in ws.iter_rows(max_col=MAX_COLUMNS + 1):
            cells = [(c.value, c.data_type == "f") for c in row]
            rows.append(cells)
            if len(rows) > MAX_ROWS + 1 and any(v is not None for v, _ in cells):
                raise _reject(path.name, "progress.file.too_many_rows", limit=MAX_ROWS)
        return Sheet(ws.title, rows)
    except FileRejected:
        raise
    except Exception:
        raise _reject(path.name, "progress.file.not_xlsx") from None
    finally:
        wb.close()


def decode_csv(data: bytes, name: str) -> str:
    """CSV bytes as text: UTF-8 (with or without BOM), else cp932; neither → FileRejected."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        text = None
    # cp932 maps a few stray single bytes (0x80, 0xA0, 0xFD-0xFF) to controls / private use: not Shift_JIS text
    if text is None or any(ch in text for ch in "\x80\uf8f0\uf8f1\uf8f2\uf8f3"):
        raise _reject(name, "progress.file.encoding", pos=utf8_error.start + 1)
    return text


def _read_csv(path: Path) -> Sheet:
    text = decode_csv(path.read_bytes(), path.name)
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline="")):
            rows.append([(v, False) for v in row[: MAX_COLUMNS + 1]])
            if len(rows) > MAX_ROWS + 1:
                raise _reject(path.name, "progress.file.too_many_rows", limit=MAX_ROWS)
    except csv.Error:
        raise _reject(path.name, "progress.file.bad_csv") from None
    return Sheet(path.name, rows)


def read_sheet(path: Path | str) -> Sheet:
    """The first sheet of an XLSX or the rows of a CSV; FileRejected for a file that cannot be one."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xlsm", ".xltm"):
        raise _reject(path.name, "progress.file.macros")
    if suffix == ".xls":
        raise _reject(path.name, "progress.file.xls")
    if suffix not in ACCEPTED:
        raise _reject(path.name, "progress.file.type", suffix=suffix or "-")
    if not path.is_file():
        raise _reject(path.name, "progress.file.missing")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _reject(path.name, "progress.file.too_big", mb=round(size / 2**20, 1), limit=MAX_FILE_BYTES >> 20)
    return _read_xlsx(path) if suffix == ".xlsx" else _read_csv(path)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _unescape(value: Any) -> Any:
    """Our own formula guard undone: "'=…" (as written by safe_text) reads back as "=…"."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] and value[1] in FORMULA_PREFIXES:
        return value[1:]
    return value


def parse_sheet(sheet: Sheet, plan: pd.DataFrame) -> tuple[list[Change], list[Problem]]:
    """Changes from the sheet's rows, and every problem found in any cell (pure)."""
    problems: list[Problem] = []

    def ref(i: int, j: int) -> str:
        return f"{sheet.name}!{get_column_letter(j + 1)}{i + 1}"

    if not sheet.rows or all(_is_blank(v) for v, _ in sheet.rows[0]):
        return [], [Problem(sheet.name, "progress.file.no_header")]
    lookup = header_lookup()
    columns: dict[str, int] = {}
    for j, (v, _) in enumerate(sheet.rows[0]):
        if _is_blank(v):
            continue
        key = lookup.get(str(v).strip()) or lookup.get(str(v).strip().lower())
        if key is None:
            problems.append(Problem(ref(0, j), "progress.file.unknown_column", {"value": str(v)[:40]}))
        elif key in columns:
            problems.append(Problem(ref(0, j), "progress.file.duplicate_column", {"value": str(v)[:40]}))
        else:
            columns[key] = j
    missing = [k for k in REQUIRED if k not in columns]
    if missing:
        problems.append(Problem(sheet.name, "progress.file.missing_columns", {"columns": ", ".join(missing)}))
    if problems:
        return [], problems
    actors = dict(zip(plan[Col.ID].astype(str), plan[Col.ACTOR_CODE].astype(str), strict=True))
    value_keys = [k for k in READ if k in columns and k not in (PCol.ID, PCol.FISCAL_YEAR, PCol.ORGANISATION)]
    changes: list[Change] = []
    seen: dict[tuple, str] = {}
    for i, row in enumerate(sheet.rows[1:], start=1):
        cells = row + [(None, False)] * (len(sheet.rows[0]) - len(row))
        if all(_is_blank(v) for v, _ in cells):
            continue
        row_problems: list[Problem] = []
        for j, (v, is_formula) in enumerate(cells):
            if is_formula or (isinstance(v, str) and v.lstrip().startswith("=")):
                row_problems.append(Problem(ref(i, j), "progress.field.formula"))
        parsed: dict[str, Any] = {}
        for key in (PCol.ID, PCol.FISCAL_YEAR, PCol.ORGANISATION, *value_keys):
            j = columns[key]
            raw, is_formula = cells[j] if j < len(cells) else (None, False)
            if is_formula:
                continue
            try:
                parsed[key] = parse(key, _unescape(raw))
            except FieldError as exc:
                row_problems.append(Problem(ref(i, j), exc.key, exc.fields))
        values = {k: parsed.get(k) for k in value_keys if k != PCol.VERSION}
        if not row_problems and all(v is None for v in values.values()):
            continue  # a template row nobody filled in
        if not row_problems:
            row_problems += _check_row(parsed, columns, actors, i, ref)
        if not row_problems:
            key = (parsed[PCol.ID], parsed[PCol.FISCAL_YEAR], parsed[PCol.ORGANISATION])
            if key in seen:
                row_problems.append(
                    Problem(ref(i, columns[PCol.ID]), "progress.field.duplicate_key", {"first": seen[key]})
                )
            else:
                seen[key] = ref(i, columns[PCol.ID])
                changes.append(Change(*key, values=values, version=parsed.get(PCol.VERSION), ref=seen[key]))
        problems += row_problems
    return changes, problems


def _check_row(parsed: dict, columns: dict, actors: dict, i: int, ref: Callable) -> list[Problem]:
    out = []
    for k in (PCol.ID, PCol.FISCAL_YEAR, PCol.ORGANISATION, PCol.STATUS):
        if parsed.get(k) is None:
            out.append(Problem(ref(i, columns[k]), "progress.field.required"))
    if out:
        return out
    actor = actors.get(parsed[PCol.ID])
    if actor is None:
        return [Problem(ref(i, columns[PCol.ID]), "progress.field.unknown_id", {"value": parsed[PCol.ID]})]
    if parsed[PCol.ORGANISATION] not in ACTOR_ORGANISATIONS[actor]:
        fields = {"org": parsed[PCol.ORGANISATION], "actor": actor}
        return [Problem(ref(i, columns[PCol.ORGANISATION]), "progress.field.org_not_for_actor", fields)]
    return []


def import_file(
    store: Store,
    path: Path | str,
    plan: pd.DataFrame,
    user: User,
    *,
    dry_run: bool = False,
    skip_conflicts: bool = False,
    before_commit: Callable[[], None] | None = None,
) -> ImportReport:
    """Check every cell of `path`, then write its changes as one transaction (see write.write_progress).

    Raises FileRejected (nothing written) for a file or any cell that cannot be stored.
    """
    path = Path(path)
    sheet = read_sheet(path)
    changes, problems = parse_sheet(sheet, plan)
    if problems:
        raise FileRejected(problems, file=path.name)
    source = Source.spreadsheet(path)
    result = write_progress(
        store, changes, user, source, plan, skip_conflicts=skip_conflicts, dry_run=dry_run, before_commit=before_commit
    )
    return ImportReport(path, changes, result, dry_run)
