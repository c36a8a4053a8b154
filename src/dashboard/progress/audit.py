"""The admin's history page as pure functions: filter history rows, show them with the writer's subject, export.

rows = filter_history(hist, organisations=("hyogo",), subjects=(), start=date(2025, 4, 1), end=None)
table = audit_table(rows, plan, lang)         # history_table + subject + file + sha256
data = audit_csv(table) / audit_xlsx(table)   # formula-safe, UTF-8 with BOM for Excel
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

import pandas as pd
from openpyxl import Workbook

from ..export import safe_value
from ..i18n import catalogue
from .frames import HCol, day_end, day_start
from .view import history_table


def filter_history(
    hist: pd.DataFrame,
    organisations: Iterable[str] = (),
    subjects: Iterable[str] = (),
    start: date | None = None,
    end: date | None = None,
) -> pd.DataFrame:
    """History rows of these organisations and writers (empty: all), changed from `start` to `end` (JST days)."""
    mask = pd.Series(True, index=hist.index)
    orgs, subs = set(organisations), set(subjects)
    if orgs:
        mask &= hist[HCol.ORGANISATION].astype(str).isin(orgs)
    if subs:
        mask &= hist[HCol.USER_SUBJECT].astype(str).isin(subs)
    when = pd.to_datetime(hist[HCol.CHANGED_AT], utc=True)
    if start is not None:
        mask &= when >= pd.Timestamp(day_start(start))
    if end is not None:
        mask &= when < pd.Timestamp(day_end(end))
    return hist[mask]


def writers(hist: pd.DataFrame) -> dict[str, str]:
    """Subject → the latest name it wrote under, for the user filter (sorted by name)."""
    if hist.empty:
        return {}
    last = hist.sort_values(HCol.HISTORY_ID).groupby(HCol.USER_SUBJECT, sort=False)[HCol.USER_NAME].last()
    return dict(sorted(last.items(), key=lambda kv: (str(kv[1]), str(kv[0]))))


def audit_table(hist: pd.DataFrame, plan: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """history_table's columns (newest first) plus the writer's subject, the file and its SHA-256."""
    t = catalogue(lang)
    out = history_table(hist, plan, lang)
    ordered = hist.sort_values(HCol.HISTORY_ID, ascending=False)
    out[t("audit.col.subject")] = ordered[HCol.USER_SUBJECT].astype(str).to_list()
    out[t("audit.col.file")] = [v if isinstance(v, str) else "" for v in ordered[HCol.SOURCE_FILE]]
    out[t("audit.col.sha256")] = [v if isinstance(v, str) else "" for v in ordered[HCol.SOURCE_SHA256]]
    return out


def audit_csv(table: pd.DataFrame) -> bytes:
    """The table as CSV for Excel: UTF-8 with BOM, CRLF, every text cell formula-safe."""
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([safe_value(c) for c in table.columns])
    for row in table.itertuples(index=False, name=None):
        w.writerow([safe_value(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


def audit_xlsx(table: pd.DataFrame, sheet: str = "history") -> bytes:
    """The table as one XLSX sheet, every text cell formula-safe."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet[:31]
    ws.append([safe_value(c) for c in table.columns])
    for row in table.itertuples(index=False, name=None):
        ws.append([safe_value(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
