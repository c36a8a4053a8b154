"""Build data/initiatives.parquet from the human-edited CSVs under data/source/.

validate → derive → write atomically. Invalid source: one line per problem, exit 1,
nothing written.

    python -m dashboard.build [--source DIR] [--out FILE] [--check] [--lang en]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import i18n, related, terms
from .classify import Rule, classify, expo_links, parse_override, rule
from .load import LoadError, load_with_meta, typed
from .paths import DEFAULT_PARQUET, SOURCE_DIR
from .schema import (
    ACTOR_BY_CODE,
    ACTOR_CODES,
    AREA_BY_CODE,
    AREA_CODES,
    COLUMNS,
    FISCAL_YEAR_LABELS,
    INSTRUMENT_CODES,
    LEVELS,
    LIST_ITEMS,
    METADATA_KEY,
    PHASE_BY_CODE,
    PHASE_CODES,
    REPEATED_TEXT,
    SUB_THEME_NAMES,
    TENTATIVE_PHASES,
    Col,
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


def _read_csv(path: Path, columns: tuple[str, ...], problems: list[Problem], lang: str) -> Table:
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


def _validate_areas(tab: Table, problems: list[Problem], t) -> dict[str, dict]:
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


def _validate_plan(tab: Table, problems: list[Problem], t) -> dict[str, list[str]]:
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


def _validate_initiatives(tab: Table, problems: list[Problem], t) -> None:
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


def _validate_errata(tab: Table, texts: dict[str, str], problems: list[Problem], t) -> list[dict]:
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


def _validate_rules(tab: Table, problems: list[Problem], t, typed_rules: bool) -> list[Rule]:
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


def _validate_overrides(tab: Table, problems: list[Problem], t) -> dict[str, tuple[str, ...]]:
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


def _apply_errata(text: str, errata: list[dict]) -> str:
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


def build_table(source_dir: Path = SOURCE_DIR, lang: str = "ja") -> tuple[pd.DataFrame, dict]:
    """Validate the source and return (initiative table, plan metadata); raise SourceError."""
    t = i18n.catalogue(lang)
    problems: list[Problem] = []
    areas_tab = _read_csv(source_dir / AREAS_FILE, AREA_COLUMNS, problems, lang)
    init_tab = _read_csv(source_dir / INITIATIVES_FILE, INITIATIVE_COLUMNS, problems, lang)
    errata_tab = _read_csv(source_dir / ERRATA_FILE, ERRATA_COLUMNS, problems, lang)
    plan_tab = _read_csv(source_dir / PLAN_FILE, PLAN_COLUMNS, problems, lang)
    instrument_tab = _read_csv(source_dir / INSTRUMENT_RULES_FILE, INSTRUMENT_RULE_COLUMNS, problems, lang)
    expo_tab = _read_csv(source_dir / EXPO_RULES_FILE, EXPO_RULE_COLUMNS, problems, lang)
    areas = _validate_areas(areas_tab, problems, t)
    plan = _validate_plan(plan_tab, problems, t)
    _validate_initiatives(init_tab, problems, t)
    overrides = _validate_overrides(init_tab, problems, t)
    instrument_rules = _validate_rules(instrument_tab, problems, t, typed_rules=True)
    expo_rules = _validate_rules(expo_tab, problems, t, typed_rules=False)
    if not init_tab.rows and not any(p.file == INITIATIVES_FILE for p in problems):
        problems.append(Problem(INITIATIVES_FILE, None, None, t("build.no_rows")))
    texts = {r["id"]: r["text_source"] for r in init_tab.rows}
    texts.update({f"{PLAN_TARGET_PREFIX}{k}:{i}": v for k, vs in plan.items() for i, v in enumerate(vs, 1)})
    errata = _validate_errata(errata_tab, texts, problems, t)
    if problems:
        raise SourceError(problems)

    errata_by_target: dict[str, list[dict]] = {}
    for e in errata:
        errata_by_target.setdefault(e["target"], []).append(e)

    records = []
    by_id = {r["id"]: r for r in init_tab.rows}
    children = {}
    for r in init_tab.rows:
        if r["parent_id"]:
            children[r["parent_id"]] = children.get(r["parent_id"], 0) + 1
    for r in init_tab.rows:
        area = areas[r["area_code"]]
        phase = r["phase"]
        text = _apply_errata(r["text_source"], errata_by_target.get(r["id"], []))
        parent = by_id.get(r["parent_id"]) if r["parent_id"] else None
        records.append(
            {
                Col.ID: r["id"],
                Col.AREA: AREA_BY_CODE[r["area_code"]].ja,
                Col.AREA_CODE: r["area_code"],
                Col.AREA_VISION: area["vision"],
                Col.PAGE: int(area["page"]),
                Col.PHASE: PHASE_BY_CODE[phase].ja,
                Col.PHASE_CODE: phase,
                Col.FISCAL_YEAR: FISCAL_YEAR_LABELS[phase],
                Col.PHASE_THEME: area[f"theme_{phase}"],
                Col.ACTOR: ACTOR_BY_CODE[r["actor_code"]].ja,
                Col.ACTOR_CODE: r["actor_code"],
                Col.SUB_THEME: r["sub_theme"] or None,
                Col.LEVEL: int(r["level"]),
                Col.PARENT_ID: r["parent_id"] or None,
                Col.PARENT_TEXT: (
                    _apply_errata(parent["text_source"], errata_by_target.get(parent["id"], [])) if parent else None
                ),
                Col.N_CHILDREN: children.get(r["id"], 0),
                Col.ORDER: int(r["order"]),
                Col.TEXT: text,
                Col.TEXT_SOURCE: r["text_source"],
                Col.CORRECTED: text != r["text_source"],
                Col.TENTATIVE: phase in TENTATIVE_PHASES,
                Col.NOTE: r["note"] or None,
            }
        )
    df = pd.DataFrame.from_records(records)
    df = typed(df)
    df = df.sort_values([Col.AREA, Col.ACTOR, Col.PHASE, Col.ORDER], kind="stable").reset_index(drop=True)
    df[Col.SEQ] = pd.array(range(1, len(df) + 1), dtype="int32")
    df = derive_analysis(df, instrument_rules, expo_rules, overrides)
    unclassified = df.loc[df[Col.INSTRUMENT_TYPES].map(len) == 0, Col.ID]
    if len(unclassified):
        line_of = dict(zip((r["id"] for r in init_tab.rows), init_tab.lines, strict=True))
        raise SourceError(
            [
                Problem(INITIATIVES_FILE, line_of[id_], "instrument_override", t("build.unclassified", value=id_))
                for id_ in sorted(unclassified, key=line_of.__getitem__)
            ]
        )
    df = df[list(COLUMNS)]

    plan_out = {
        k: [_apply_errata(v, errata_by_target.get(f"{PLAN_TARGET_PREFIX}{k}:{i}", [])) for i, v in enumerate(vs, 1)]
        for k, vs in plan.items()
    }
    meta = {
        "plan": plan_out,
        "areas": [
            {
                "code": code,
                "name": AREA_BY_CODE[code].ja,
                "page": int(areas[code]["page"]),
                "vision": areas[code]["vision"],
                "vision_note": areas[code]["vision_note"] or None,
                "themes": {p: areas[code][f"theme_{p}"] for p in PHASE_CODES},
            }
            for code in AREA_CODES
        ],
        "errata": [{k: e[k] for k in ERRATA_COLUMNS} for e in errata],
        "instrument_rules": [{k: r[k] for k in INSTRUMENT_RULE_COLUMNS} for r in instrument_tab.rows],
        "expo_rules": [{k: r[k] for k in EXPO_RULE_COLUMNS} for r in expo_tab.rows],
        "analysis": {
            "related": {"ngram_range": list(related.NGRAM_RANGE), "top_k": related.TOP_K, "decimals": related.DECIMALS},
            "terms": {"domain_terms": list(terms.DOMAIN_TERMS), "stop_terms": sorted(terms.STOP_TERMS)},
        },
        "data_version": source_version(source_dir),
    }
    return df, meta


def _string_arrays(values) -> list[np.ndarray]:
    return [np.array(list(v), dtype=object) for v in values]


def derive_analysis(
    df: pd.DataFrame,
    instrument_rules: list[Rule],
    expo_rules: list[Rule],
    overrides: dict[str, tuple[str, ...]] | None = None,
) -> pd.DataFrame:
    """Add the analysis columns (instrument types, Expo linkage, related items, key terms).

    Each list cell is a 1-D numpy array, exactly as pyarrow returns a list column, so a built table
    equals the same table read back from parquet. The input frame is not modified.
    """
    out = df.copy()
    items = dict(zip(out[Col.ID], out[Col.TEXT], strict=True))
    parents = {id_: (p if isinstance(p, str) else None) for id_, p in zip(out[Col.ID], out[Col.PARENT_ID], strict=True)}
    kinds = classify(items, parents, instrument_rules, overrides)
    expo = expo_links(items, parents, expo_rules)
    ids = list(out[Col.ID])
    related_ids, related_scores = related.related(list(out[Col.TEXT]), ids)
    out[Col.INSTRUMENT_TYPES] = pd.Series(_string_arrays(kinds[i].types for i in ids), index=out.index, dtype=object)
    out[Col.INSTRUMENT_EVIDENCE] = pd.Series(
        _string_arrays(kinds[i].evidence for i in ids), index=out.index, dtype=object
    )
    out[Col.EXPO_RELATED] = pd.Series([expo[i].related for i in ids], index=out.index, dtype=bool)
    out[Col.EXPO_EVIDENCE] = pd.array([expo[i].evidence for i in ids], dtype="string")
    out[Col.RELATED_IDS] = pd.Series(related_ids, index=out.index, dtype=object)
    out[Col.RELATED_SCORES] = pd.Series(related_scores, index=out.index, dtype=object)
    out[Col.TERMS] = pd.Series(
        _string_arrays(terms.item_terms(t) for t in out[Col.TEXT]), index=out.index, dtype=object
    )
    return out


def write_parquet(df: pd.DataFrame, meta: dict, out: Path) -> None:
    """Write atomically: a temp file in the same folder, fsync, then rename over `out`.

    A build killed mid-write (SIGKILL, power loss) leaves its temp file behind; a later successful
    write removes this target's temp files that are older than its own.
    """
    plain = {c: "string" for c in REPEATED_TEXT if c in df.columns}  # categoricals in memory, strings in the file
    table = pa.Table.from_pandas(df.astype(plain), preserve_index=False)
    for col, item in LIST_ITEMS.items():  # explicit item types, even for a column of empty lists
        if col in table.column_names:
            i = table.column_names.index(col)
            value_type = pa.float64() if item == "float" else pa.string()
            table = table.set_column(i, col, table.column(col).cast(pa.list_(value_type)))
    md = dict(table.schema.metadata or {})
    md[METADATA_KEY] = json.dumps(meta, ensure_ascii=False, sort_keys=True).encode()
    table = table.replace_schema_metadata(md)
    out.parent.mkdir(parents=True, exist_ok=True)
    prefix = f".{out.name}."
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=out.parent)
    started_ns = os.fstat(fd).st_mtime_ns  # the file system's clock: temp files older than this are stale
    try:
        with os.fdopen(fd, "wb") as fh:
            pq.write_table(table, fh, compression="zstd")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    for stale in out.parent.iterdir():
        if stale.name.startswith(prefix) and stale.name.endswith(".tmp"):
            try:
                if stale.stat().st_mtime_ns < started_ns:
                    stale.unlink()
            except OSError:
                pass  # gone already, or not ours to remove


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard.build", description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help="folder of the source CSVs")
    parser.add_argument("--out", type=Path, default=DEFAULT_PARQUET, help="parquet file to write")
    parser.add_argument("--check", action="store_true", help="validate and compare with --out; write nothing")
    parser.add_argument("--lang", choices=("ja", "en"), default="ja")
    args = parser.parse_args(argv)
    t = i18n.catalogue(args.lang)
    try:
        df, meta = build_table(args.source, lang=args.lang)
    except SourceError as exc:
        for p in exc.problems:
            print(str(p), file=sys.stderr)
        print(t("build.failed", n=len(exc.problems)), file=sys.stderr)
        return 1
    if args.check:
        try:
            old, old_meta = load_with_meta(args.out)
        except LoadError as exc:
            print(str(exc), file=sys.stderr)
            return 1
        if not (old.equals(df) and old_meta == meta):
            print(t("build.stale", path=args.out), file=sys.stderr)
            return 1
        print(t("build.up_to_date", path=args.out, n=len(df)))
        return 0
    write_parquet(df, meta, args.out)
    print(t("build.written", path=args.out, n=len(df), version=meta["data_version"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
