"""The plan's source files under data/source/: read, validate, and report every problem.

Each problem is one `Problem` (file, line, column, message in the user's language); a source with
any problem raises `SourceError` carrying all of them. Used by `dashboard.build`."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from . import i18n
from .classify import Rule, parse_override, rule
from .schema import (
    ACTOR_CODES,
    AREA_BY_CODE,
    AREA_CODES,
    INSTRUMENT_CODES,
    LEVELS,
    PHASE_CODES,
    SUB_THEME_NAMES,
)

AREAS_FILE = "areas.csv"
INITIATIVES_FILE = "initiatives.csv"
ERRATA_FILE = "errata.csv"
PLAN_FILE = "plan.csv"
DOCUMENT_FILE = "action_plan_2024.txt"
INSTRUMENT_RULES_FILE = "instrument_rules.csv"
EXPO_RULES_FILE = "expo_rules.csv"

AREA_COLUMNS = ("code", "name", "page", "vision", "vision_note", "theme_2024", "theme_2025", "theme_2026")
INITIATIVE_COLUMNS = (
    "id",
    "area_code",
    "phase",
    "actor_code",
    "sub_theme",
    "level",
    "parent_id",
    "order",
    "text_source",
    "note",
    "instrument_override",
)
ERRATA_COLUMNS = ("target", "extracted", "corrected", "reason")
PLAN_COLUMNS = ("key", "order", "text")
INSTRUMENT_RULE_COLUMNS = ("rule_id", "type", "pattern", "note")
EXPO_RULE_COLUMNS = ("rule_id", "pattern", "note")
PLAN_KEYS = (
    "title",
    "issued",
    "publisher",
    "purpose",
    "relation",
    "scope",
    "scope_item",
    "vision_2040",
    "goal",
    "challenge",
    "tentative_note",
)
# Columns of each file that may be left empty.
OPTIONAL = {
    AREAS_FILE: {"vision_note"},
    INITIATIVES_FILE: {"sub_theme", "parent_id", "note", "instrument_override"},
    ERRATA_FILE: set(),
    PLAN_FILE: set(),
    INSTRUMENT_RULES_FILE: {"note"},
    EXPO_RULES_FILE: {"note"},
}
PLAN_TARGET_PREFIX = "plan:"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the source: where it is and what is wrong."""

    file: str
    row: int | None  # line number in the file (header = 1); None for the whole file
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        col = f" [{self.column}]" if self.column else ""
        return f"{where}{col}: {self.message}"


class SourceError(Exception):
    """The source failed validation; `problems` lists every issue found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Table:
    """One CSV file: its rows as dicts of stripped strings, with line numbers."""

    name: str
    rows: list[dict[str, str]]
    lines: list[int]


def read_csv(path: Path, columns: tuple[str, ...], problems: list[Problem], lang: str) -> Table:
    name = path.name
    t = i18n.catalogue(lang)
    if not path.is_file():
        problems.append(Problem(name, None, None, t("build.file_missing", path=path)))
        return Table(name, [], [])
    try:
        raw = path.read_bytes().decode("utf-8-sig")  # Excel saves UTF-8 with a BOM
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, None, None, t("build.not_utf8", pos=exc.start)))
        return Table(name, [], [])
    reader = csv.reader(io.StringIO(raw, newline=""))
    header = next(reader, None)
    if header is None:
        problems.append(Problem(name, None, None, t("build.empty_file")))
        return Table(name, [], [])
    header = [h.strip() for h in header]
    missing = [c for c in columns if c not in header]
    if missing:
        problems.append(Problem(name, 1, None, t("build.missing_columns", columns=", ".join(missing))))
        return Table(name, [], [])
    unknown = [c for c in header if c not in columns]
    if unknown:
        problems.append(Problem(name, 1, None, t("build.unknown_columns", columns=", ".join(unknown))))
    rows, lines = [], []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue  # blank line
        if len(record) != len(header):
            problems.append(Problem(name, line, None, t("build.field_count", found=len(record), expected=len(header))))
            continue
        row = {h: v.strip() for h, v in zip(header, record, strict=True) if h in columns}
        for c in columns:
            if c not in OPTIONAL[name] and not row[c]:
                problems.append(Problem(name, line, c, t("build.empty_value")))
        rows.append(row)
        lines.append(line)
    return Table(name, rows, lines)


def _int(value: str) -> int | None:
    try:
        return int(value)
    except ValueError:
        return None


def validate_areas(tab: Table, problems: list[Problem], t) -> dict[str, dict]:
    areas: dict[str, dict] = {}
    for row, line in zip(tab.rows, tab.lines, strict=True):
        code = row["code"]
        if code not in AREA_BY_CODE:
            problems.append(
                Problem(tab.name, line, "code", t("build.unknown_value", value=code, valid=", ".join(AREA_CODES)))
            )
            continue
        if code in areas:
            problems.append(Problem(tab.name, line, "code", t("build.duplicate", value=code)))
            continue
        if row["name"] and row["name"] != AREA_BY_CODE[code].ja:
            problems.append(
                Problem(tab.name, line, "name", t("build.area_name", value=row["name"], expected=AREA_BY_CODE[code].ja))
            )
        if row["page"] and (_int(row["page"]) is None or _int(row["page"]) < 1):
            problems.append(Problem(tab.name, line, "page", t("build.not_positive_int", value=row["page"])))
        areas[code] = row
    for code in AREA_CODES:
        if code not in areas and tab.rows:
            problems.append(Problem(tab.name, None, "code", t("build.area_missing", value=code)))
    return areas


def validate_plan(tab: Table, problems: list[Problem], t) -> dict[str, list[str]]:
    plan: dict[str, dict[int, str]] = {}
    for row, line in zip(tab.rows, tab.lines, strict=True):
        key, order = row["key"], _int(row["order"])
        if key not in PLAN_KEYS:
            problems.append(
                Problem(tab.name, line, "key", t("build.unknown_value", value=key, valid=", ".join(PLAN_KEYS)))
            )
            continue
        if order is None or order < 1:
            problems.append(Problem(tab.name, line, "order", t("build.not_positive_int", value=row["order"])))
            continue
        if order in plan.setdefault(key, {}):
            problems.append(Problem(tab.name, line, "order", t("build.duplicate", value=f"{key} {order}")))
            continue
        plan[key][order] = row["text"]
    for key, items in plan.items():
        if sorted(items) != list(range(1, len(items) + 1)):
            problems.append(Problem(tab.name, None, "order", t("build.order_gap", cell=key, found=sorted(items))))
    return {k: [v[o] for o in sorted(v)] for k, v in plan.items()}


def validate_initiatives(tab: Table, problems: list[Problem], t) -> None:
    by_id: dict[str, tuple[dict, int]] = {}
    for row, line in zip(tab.rows, tab.lines, strict=True):
        checks = (
            ("area_code", AREA_CODES),
            ("phase", PHASE_CODES),
            ("actor_code", ACTOR_CODES),
        )
        for col, valid in checks:
            if row[col] and row[col] not in valid:
                problems.append(
                    Problem(tab.name, line, col, t("build.unknown_value", value=row[col], valid=", ".join(valid)))
                )
        if row["sub_theme"] and row["sub_theme"] not in SUB_THEME_NAMES:
            problems.append(
                Problem(
                    tab.name,
                    line,
                    "sub_theme",
                    t("build.unknown_value", value=row["sub_theme"], valid=", ".join(SUB_THEME_NAMES)),
                )
            )
        level = _int(row["level"])
        if row["level"] and level not in LEVELS:
            problems.append(Problem(tab.name, line, "level", t("build.bad_level", value=row["level"])))
        if row["order"] and (_int(row["order"]) is None or _int(row["order"]) < 1):
            problems.append(Problem(tab.name, line, "order", t("build.not_positive_int", value=row["order"])))
        if level == 1 and row["parent_id"]:
            problems.append(Problem(tab.name, line, "parent_id", t("build.level1_parent")))
        if level == 2 and not row["parent_id"]:
            problems.append(Problem(tab.name, line, "parent_id", t("build.level2_no_parent")))
        if row["id"]:
            if row["id"] in by_id:
                problems.append(
                    Problem(tab.name, line, "id", t("build.duplicate_id", value=row["id"], first=by_id[row["id"]][1]))
                )
            else:
                by_id[row["id"]] = (row, line)

    # Cell-level checks: contiguous order, parents in the same cell, nesting by reading order.
    cells: dict[tuple, list[tuple[int, dict, int]]] = {}
    for row, line in zip(tab.rows, tab.lines, strict=True):
        order = _int(row["order"])
        if order is None:
            continue
        key = (row["area_code"], row["phase"], row["actor_code"])
        cells.setdefault(key, []).append((order, row, line))
    for key, items in cells.items():
        cell = "/".join(key)
        orders = sorted(o for o, _, _ in items)
        if orders != list(range(1, len(orders) + 1)):
            line = min(ln for _, _, ln in items)
            problems.append(Problem(tab.name, line, "order", t("build.order_gap", cell=cell, found=orders)))
            continue
        last_level1 = None
        for _, row, line in sorted(items, key=lambda x: x[0]):
            level = _int(row["level"])
            if level == 1:
                last_level1 = row["id"]
            elif level == 2 and row["parent_id"]:
                parent = by_id.get(row["parent_id"])
                if parent is None:
                    problems.append(
                        Problem(tab.name, line, "parent_id", t("build.parent_missing", value=row["parent_id"]))
                    )
                elif (parent[0]["area_code"], parent[0]["phase"], parent[0]["actor_code"]) != key:
                    problems.append(
                        Problem(tab.name, line, "parent_id", t("build.parent_other_cell", value=row["parent_id"]))
                    )
                elif row["parent_id"] != last_level1:
                    problems.append(
                        Problem(
                            tab.name,
                            line,
                            "parent_id",
                            t("build.parent_not_preceding", value=row["parent_id"], expected=last_level1 or "-"),
                        )
                    )
                elif (parent[0]["sub_theme"]) != row["sub_theme"]:
                    problems.append(
                        Problem(tab.name, line, "sub_theme", t("build.sub_theme_parent", value=row["sub_theme"]))
                    )


def validate_errata(tab: Table, texts: dict[str, str], problems: list[Problem], t) -> list[dict]:
    errata = []
    for row, line in zip(tab.rows, tab.lines, strict=True):
        target = row["target"]
        if not target:
            continue
        if target not in texts:
            problems.append(Problem(tab.name, line, "target", t("build.errata_target", value=target)))
            continue
        if row["extracted"] and row["extracted"] not in texts[target]:
            problems.append(
                Problem(tab.name, line, "extracted", t("build.errata_not_found", value=row["extracted"], target=target))
            )
            continue
        if row["extracted"] and row["extracted"] == row["corrected"]:
            problems.append(Problem(tab.name, line, "corrected", t("build.errata_same")))
            continue
        errata.append(row)
    return errata


def validate_rules(tab: Table, problems: list[Problem], t, typed_rules: bool) -> list[Rule]:
    """Compile a rules file: unique rule_id, known type code (instrument rules), valid pattern."""
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for row, line in zip(tab.rows, tab.lines, strict=True):
        ok = bool(row["rule_id"] and row["pattern"])
        if row["rule_id"] in seen:
            problems.append(
                Problem(
                    tab.name, line, "rule_id", t("build.duplicate_id", value=row["rule_id"], first=seen[row["rule_id"]])
                )
            )
            ok = False
        elif row["rule_id"]:
            seen[row["rule_id"]] = line
        type_ = row["type"] if typed_rules else ""
        if typed_rules and type_ and type_ not in INSTRUMENT_CODES:
            problems.append(
                Problem(
                    tab.name, line, "type", t("build.unknown_value", value=type_, valid=", ".join(INSTRUMENT_CODES))
                )
            )
            ok = False
        if typed_rules and not type_:
            ok = False  # reported as an empty value when the file was read
        if row["pattern"]:
            try:
                compiled = rule(row["rule_id"], type_, row["pattern"], row["note"])
            except re.error as exc:
                problems.append(Problem(tab.name, line, "pattern", t("build.bad_pattern", error=exc)))
                continue
            if compiled.pattern.search("") is not None:
                problems.append(Problem(tab.name, line, "pattern", t("build.pattern_matches_empty")))
                continue
            if ok:
                rules.append(compiled)
    if not tab.rows and not any(p.file == tab.name for p in problems):
        problems.append(Problem(tab.name, None, None, t("build.no_rules")))
    return rules


def validate_overrides(tab: Table, problems: list[Problem], t) -> dict[str, tuple[str, ...]]:
    """Type codes of each `instrument_override` cell; unknown codes are problems."""
    overrides: dict[str, tuple[str, ...]] = {}
    for row, line in zip(tab.rows, tab.lines, strict=True):
        codes = parse_override(row["instrument_override"])
        unknown = [c for c in codes if c not in INSTRUMENT_CODES]
        for code in unknown:
            problems.append(
                Problem(
                    tab.name,
                    line,
                    "instrument_override",
                    t("build.unknown_value", value=code, valid=", ".join(INSTRUMENT_CODES)),
                )
            )
        if codes and not unknown:
            overrides[row["id"]] = codes
    return overrides


def apply_errata(text: str, errata: list[dict]) -> str:
    for e in errata:
        text = text.replace(e["extracted"], e["corrected"])
    return text


def source_version(source_dir: Path) -> str:
    """Short hash of every source file: the data version shown to users."""
    h = hashlib.sha256()
    for name in (
        AREAS_FILE,
        INITIATIVES_FILE,
        ERRATA_FILE,
        PLAN_FILE,
        DOCUMENT_FILE,
        INSTRUMENT_RULES_FILE,
        EXPO_RULES_FILE,
    ):
        p = source_dir / name
        h.update(name.encode())
        h.update(p.read_bytes() if p.is_file() else b"")
    return h.hexdigest()[:12]
