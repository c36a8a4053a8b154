"""Downloads of exactly the filtered rows: the rows as users read them, CSV (UTF-8 with BOM, CRLF),
file names and the filter in words; the XLSX is `dashboard.workbook`. Formula-safe.

Pure functions, no streamlit. Every string cell written to a file goes through `safe_text`:
characters that XML 1.0 forbids become U+FFFD, and text that a spreadsheet would run as a
formula (OWASP "CSV injection": a leading =, +, -, @, tab or carriage return) gets a leading
apostrophe. The XLSX additionally forces every string cell to the string type, so the
workbook holds no formulas at all.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from . import schema
from .filters import Filters
from .i18n import catalogue
from .schema import (
    ACTOR_BY_CODE,
    ACTOR_CODES,
    AREA_BY_CODE,
    AREAS,
    INSTRUMENT_CODES,
    INSTRUMENT_TYPES,
    PHASE_BY_CODE,
    PHASE_CODES,
    PHASES,
    STATUS_FILTER_CODES,
    STATUS_NONE,
    SUB_THEME_BY_CODE,
    SUB_THEMES,
    Category,
    Col,
)

# --------------------------------------------------------------------------- cell safety

# A leading character that makes Excel / LibreOffice read a cell as a formula (OWASP).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT_CHAR = "\ufffd"
# Beyond openpyxl's list: lone surrogates (cannot be encoded) and U+FFFE/U+FFFF (not XML 1.0).
_MORE_ILLEGAL_RE = re.compile("[\ud800-\udfff\ufffe\uffff]")


def safe_text(text: str) -> str:
    """`text` fit for a spreadsheet cell: illegal XML characters → U+FFFD, formulas defused with '."""
    text = _MORE_ILLEGAL_RE.sub(REPLACEMENT_CHAR, ILLEGAL_CHARACTERS_RE.sub(REPLACEMENT_CHAR, text))
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def safe_value(value: Any) -> Any:
    """Strings through `safe_text`; numbers as they are; missing values as ""."""
    if value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, bool):
        return safe_text(str(value))
    if isinstance(value, int | float):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return safe_value(value.item())
    return safe_text(str(value))


# --------------------------------------------------------------------------- the rows


def _schema_categories(name: str) -> Callable[[], Mapping[str, Category]]:
    """Labels for a column that schema.py may define later (a tuple of Category named `name`).

    Looked up when exporting, keyed by both code and Japanese name; empty while absent.
    """

    def lookup() -> Mapping[str, Category]:
        cats = getattr(schema, name, ()) or ()
        return {**{c.ja: c for c in cats}, **{c.code: c for c in cats}}

    return lookup


def _fixed(mapping: Mapping[str, Category]) -> Callable[[], Mapping[str, Category]]:
    return lambda: mapping


@dataclass(frozen=True)
class ExportColumn:
    """One column of the export: where it comes from, how it reads, how it is laid out."""

    key: str  # i18n key of the header
    source: str  # column of the initiative table
    kind: str = "text"  # text | int | category | level | flag | list  (see _FORMATTERS)
    categories: Callable[[], Mapping[str, Category]] | None = None  # value → Category (labels)
    width: float = 14
    optional: bool = False  # exported only when the table has the column


# Columns in export order. Optional columns appear automatically once the table carries them.
EXPORT_COLUMNS: tuple[ExportColumn, ...] = (
    ExportColumn("export.col.id", Col.ID, width=21),
    ExportColumn("export.col.area", Col.AREA_CODE, "category", _fixed(AREA_BY_CODE), width=13),
    ExportColumn("export.col.fiscal_year", Col.FISCAL_YEAR, width=8),
    ExportColumn("export.col.phase", Col.PHASE_CODE, "category", _fixed(PHASE_BY_CODE), width=12),
    ExportColumn("export.col.actor", Col.ACTOR_CODE, "category", _fixed(ACTOR_BY_CODE), width=11),
    ExportColumn("export.col.sub_theme", Col.SUB_THEME, "category", _fixed({s.ja: s for s in SUB_THEMES}), width=14),
    ExportColumn("export.col.level", Col.LEVEL, "level", width=8),
    ExportColumn("export.col.parent", Col.PARENT_TEXT, width=22),
    ExportColumn("export.col.text", Col.TEXT, width=48),
    ExportColumn("export.col.tentative", Col.TENTATIVE, "flag", width=16),
    ExportColumn("export.col.page", Col.PAGE, "int", width=9),
    ExportColumn(
        "export.col.instrument_types",
        getattr(Col, "INSTRUMENT_TYPES", "instrument_types"),
        "list",
        _schema_categories("INSTRUMENT_TYPES"),
        width=16,
        optional=True,
    ),
    ExportColumn(
        "export.col.expo_related", getattr(Col, "EXPO_RELATED", "expo_related"), "flag", width=8, optional=True
    ),
    # Progress for the fiscal year shown (joined on when progress is reported; the fiscal year is in the
    # file's filter description).
    ExportColumn("export.col.progress_badge", "progress_badge", width=18, optional=True),
    ExportColumn("export.col.progress_pct", "progress_pct", "number", width=10, optional=True),
    ExportColumn("export.col.progress_achievement", "progress_achievement", width=40, optional=True),
)


def _label(value: Any, spec: ExportColumn, lang: str) -> str:
    cats = spec.categories() if spec.categories else {}
    value = str(value)
    return cats[value].label(lang) if value in cats else value


def _is_missing(value: Any) -> bool:
    return value is None or (pd.api.types.is_scalar(value) and pd.isna(value))


def _fmt_text(v: Any, spec: ExportColumn, t: Callable[..., str], lang: str) -> str:
    return str(v)


def _fmt_int(v: Any, spec: ExportColumn, t: Callable[..., str], lang: str) -> int | str:
    return int(v)


def _fmt_number(v: Any, spec: ExportColumn, t: Callable[..., str], lang: str) -> int:
    return round(float(v))


def _fmt_category(v: Any, spec: ExportColumn, t: Callable[..., str], lang: str) -> str:
    return _label(v, spec, lang)


def _fmt_level(v: Any, spec: ExportColumn, t: Callable[..., str], lang: str) -> str:
    return t("export.level.sub_item") if int(v) >= 2 else t("export.level.item")


def _fmt_flag(v: Any, spec: ExportColumn, t: Callable[..., str], lang: str) -> str:
    return t("export.flag.yes") if bool(v) else t("export.flag.no")


def _fmt_list(v: Any, spec: ExportColumn, t: Callable[..., str], lang: str) -> str:
    items = [v] if isinstance(v, str) else list(v)
    return t("export.list_sep").join(_label(x, spec, lang) for x in items if not _is_missing(x))


_FORMATTERS: dict[str, Callable[[Any, ExportColumn, Callable[..., str], str], Any]] = {
    "text": _fmt_text,
    "int": _fmt_int,
    "number": _fmt_number,
    "category": _fmt_category,
    "level": _fmt_level,
    "flag": _fmt_flag,
    "list": _fmt_list,
}


def export_columns(df: pd.DataFrame) -> list[ExportColumn]:
    """The columns an export of `df` has: every required one, optional ones that `df` carries."""
    return [c for c in EXPORT_COLUMNS if not c.optional or c.source in df.columns]


def export_frame(df: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """The rows as users read them: labels in `lang`, readable headers, df's row order.

    Missing values are "" (so a CSV round trip is exact); `page` stays a number. Formula
    neutralisation happens when writing a file (`to_csv_bytes`, `to_xlsx_bytes`), not here.
    """
    t = catalogue(lang)
    out: dict[str, list[Any]] = {}
    for spec in export_columns(df):
        fmt = _FORMATTERS[spec.kind]
        values = df[spec.source].tolist()
        blank = None if spec.kind == "number" else ""  # a missing number stays empty, not text
        out[t(spec.key)] = [blank if _is_missing(v) else fmt(v, spec, t, lang) for v in values]
    frame = pd.DataFrame(out, index=pd.RangeIndex(len(df)))
    dtypes = {"int": "int64", "number": "Int64"}
    for spec in export_columns(df):
        header = t(spec.key)
        frame[header] = frame[header].astype(dtypes.get(spec.kind, object))
    return frame


# --------------------------------------------------------------------------- CSV


def to_csv_bytes(df: pd.DataFrame, lang: str = "ja") -> bytes:
    """The export as CSV for Excel: UTF-8 with BOM, CRLF, quoted where needed, formula-safe."""
    frame = export_frame(df, lang)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([safe_text(str(h)) for h in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([safe_value(v) for v in row])
    return buf.getvalue().encode("utf-8-sig")


# --------------------------------------------------------------------------- names, times, filter text

FILE_STEM = "kansai-action-plan"
MAX_FILE_NAME = 120
_NOT_SAFE_RE = re.compile(r"[^A-Za-z0-9]")
# Japan time for every stamp a user reads (Japan has no daylight saving time, so a fixed offset is exact).
JST = timezone(timedelta(hours=9), "JST")


def in_jst(when: datetime) -> datetime:
    """`when` in Japan time, whatever the server clock's zone (a naive time is taken as the machine's local time)."""
    return when.astimezone(JST)


def jst_text(when: datetime) -> str:
    """A time as staff read it: 2026-12-01 18:00:54 JST."""
    return in_jst(when).strftime("%Y-%m-%d %H:%M:%S JST")


def _codes(chosen: Iterable[str], valid: tuple[str, ...], joiner: str = "-") -> str:
    """The chosen codes that are valid, in plan order (valid codes are ASCII by construction)."""
    picked = set(chosen)
    return joiner.join(c for c in valid if c in picked)


def _every_or_codes(chosen: Iterable[str], valid: tuple[str, ...]) -> str:
    """Codes of a dimension every row has one value of: "all" when none or every value is chosen (same rows)."""
    codes = _codes(chosen, valid)
    return "all" if not codes or codes == "-".join(valid) else codes


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:6]


def file_name(filters: Filters, ext: str, when: datetime, kind: str = "") -> str:
    """An ASCII file name that says which filter made the file, e.g.
    kansai-action-plan_su_all_members_inst-matching_expo_20261201-1800.xlsx

    Areas, phases, actors: codes joined with "-" ("all" when none or every one is chosen); then
    "sub-…" for sub-themes (joined with "."), "items" when sub-items are hidden, "inst-…" for
    instrument types (joined with "."), "expo" / "noexpo" for the Expo filter, "q-" + a short hash
    of the search text, "st-…" for progress statuses, "fy2025" for the fiscal year of the progress
    shown, "asof20250331" for progress as of a day; then `kind` (e.g. "report") and the time in JST. At most MAX_FILE_NAME
    characters: a longer filter part is cut and ends in "h-" + a hash of the whole, so two
    different filters never share a name.
    """
    parts = [
        _every_or_codes(filters.areas, schema.AREA_CODES),
        _every_or_codes(filters.phases, PHASE_CODES),
        _every_or_codes(filters.actors, ACTOR_CODES),
    ]
    subs = _codes(filters.sub_themes, schema.SUB_THEME_CODES, ".")
    if subs:
        parts.append(f"sub-{subs}")
    if not filters.include_sub_items:
        parts.append("items")
    instruments = _codes(filters.instruments, INSTRUMENT_CODES, ".")
    if instruments:
        parts.append(f"inst-{instruments}")
    if filters.expo is not None:
        parts.append("expo" if filters.expo else "noexpo")
    if filters.query:
        parts.append(f"q-{_digest(filters.query)}")
    statuses = _codes(filters.statuses, STATUS_FILTER_CODES, ".").replace("_", "")
    if statuses:
        parts.append(f"st-{statuses}")
    if filters.fiscal_year is not None:
        parts.append(f"fy{filters.fiscal_year}")
    if filters.as_of is not None:
        parts.append(f"asof{filters.as_of:%Y%m%d}")
    ext = _NOT_SAFE_RE.sub("", ext).lower()[:8] or "bin"
    kind = _NOT_SAFE_RE.sub("", kind).lower()[:12]
    tail = (f"_{kind}" if kind else "") + f"_{in_jst(when).strftime('%Y%m%d-%H%M')}.{ext}"
    head = "_".join([FILE_STEM, *parts])
    room = MAX_FILE_NAME - len(tail)
    if len(head) > room:
        mark = f"_h-{_digest(head)}"
        head = head[: room - len(mark)].rstrip("_-.") + mark
    return head + tail


def filter_description(f: Filters, lang: str = "ja") -> list[tuple[str, str]]:
    """Every filter that shaped the rows as (label, value) pairs for people, in the sidebar's order:
    分野 → スタートアップ、… ("すべて" if none), …, 施策手法, 万博との関連, 検索語."""
    t = catalogue(lang)
    sep = t("export.list_sep")

    def labels(chosen: Iterable[str], cats: tuple[Category, ...]) -> str:
        picked = set(chosen)
        return sep.join(c.label(lang) for c in cats if c.code in picked)

    instruments = labels(f.instruments, INSTRUMENT_TYPES)
    expo = {True: "filter.expo.yes", False: "filter.expo.no", None: "export.filter.all"}[f.expo]
    return [
        (t("export.col.area"), labels(f.areas, AREAS) or t("export.filter.all")),
        (t("export.col.phase"), labels(f.phases, PHASES) or t("export.filter.all")),
        (t("export.col.actor"), labels(f.actors, schema.ACTORS) or t("export.filter.all")),
        (
            t("export.col.sub_theme"),
            labels(f.sub_themes, tuple(SUB_THEME_BY_CODE.values())) or t("export.filter.all"),
        ),
        (
            t("export.filter.sub_items"),
            t("export.filter.sub_items_on") if f.include_sub_items else t("export.filter.sub_items_off"),
        ),
        (
            t("filter.instrument"),
            t("export.filter.any_of", items=instruments) if instruments else t("export.filter.all"),
        ),
        (t("filter.expo"), t(expo)),
        (t("export.filter.query"), f.query or t("export.filter.none")),
        *_progress_description(f, lang),
    ]


def _progress_description(f: Filters, lang: str) -> list[tuple[str, str]]:
    """The progress part of the filter, only what is set: the fiscal year, statuses, the as-of day."""
    t = catalogue(lang)
    rows = []
    if f.fiscal_year is not None:
        rows.append((t("filter.fy"), t("filter.fy_value", fy=f.fiscal_year)))
    if f.statuses:
        names = [
            t("progress.status.none") if c == STATUS_NONE else schema.label("status", c, lang)
            for c in STATUS_FILTER_CODES
            if c in f.statuses
        ]
        rows.append((t("filter.status"), t("export.filter.any_of", items=t("export.list_sep").join(names))))
    if f.as_of is not None:
        rows.append((t("filter.asof"), f.as_of.strftime("%Y/%m/%d")))
    return rows
