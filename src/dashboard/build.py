"""Build data/initiatives.parquet from the human-edited CSVs under data/source/.

validate → derive → write atomically. Invalid source: one line per problem, exit 1,
nothing written.

    python -m dashboard.build [--source DIR] [--out FILE] [--check] [--lang en]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import i18n, related, terms
from .classify import Rule, classify, expo_links
from .load import LoadError, load_with_meta, typed
from .paths import DEFAULT_PARQUET, SOURCE_DIR
from .schema import (
    ACTOR_BY_CODE,
    AREA_BY_CODE,
    AREA_CODES,
    COLUMNS,
    FISCAL_YEAR_LABELS,
    LIST_ITEMS,
    METADATA_KEY,
    PHASE_BY_CODE,
    PHASE_CODES,
    REPEATED_TEXT,
    TENTATIVE_PHASES,
    Col,
)
from .source import (
    AREA_COLUMNS,
    AREAS_FILE,
    ERRATA_COLUMNS,
    ERRATA_FILE,
    EXPO_RULE_COLUMNS,
    EXPO_RULES_FILE,
    INITIATIVE_COLUMNS,
    INITIATIVES_FILE,
    INSTRUMENT_RULE_COLUMNS,
    INSTRUMENT_RULES_FILE,
    PLAN_COLUMNS,
    PLAN_FILE,
    PLAN_TARGET_PREFIX,
    Problem,
    SourceError,
    apply_errata,
    read_csv,
    source_version,
    validate_areas,
    validate_errata,
    validate_initiatives,
    validate_overrides,
    validate_plan,
    validate_rules,
)


def build_table(source_dir: Path = SOURCE_DIR, lang: str = "ja") -> tuple[pd.DataFrame, dict]:
    """Validate the source and return (initiative table, plan metadata); raise SourceError."""
    t = i18n.catalogue(lang)
    problems: list[Problem] = []
    areas_tab = read_csv(source_dir / AREAS_FILE, AREA_COLUMNS, problems, lang)
    init_tab = read_csv(source_dir / INITIATIVES_FILE, INITIATIVE_COLUMNS, problems, lang)
    errata_tab = read_csv(source_dir / ERRATA_FILE, ERRATA_COLUMNS, problems, lang)
    plan_tab = read_csv(source_dir / PLAN_FILE, PLAN_COLUMNS, problems, lang)
    instrument_tab = read_csv(source_dir / INSTRUMENT_RULES_FILE, INSTRUMENT_RULE_COLUMNS, problems, lang)
    expo_tab = read_csv(source_dir / EXPO_RULES_FILE, EXPO_RULE_COLUMNS, problems, lang)
    areas = validate_areas(areas_tab, problems, t)
    plan = validate_plan(plan_tab, problems, t)
    validate_initiatives(init_tab, problems, t)
    overrides = validate_overrides(init_tab, problems, t)
    instrument_rules = validate_rules(instrument_tab, problems, t, typed_rules=True)
    expo_rules = validate_rules(expo_tab, problems, t, typed_rules=False)
    if not init_tab.rows and not any(p.file == INITIATIVES_FILE for p in problems):
        problems.append(Problem(INITIATIVES_FILE, None, None, t("build.no_rows")))
    texts = {r["id"]: r["text_source"] for r in init_tab.rows}
    texts.update({f"{PLAN_TARGET_PREFIX}{k}:{i}": v for k, vs in plan.items() for i, v in enumerate(vs, 1)})
    errata = validate_errata(errata_tab, texts, problems, t)
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
        text = apply_errata(r["text_source"], errata_by_target.get(r["id"], []))
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
                    apply_errata(parent["text_source"], errata_by_target.get(parent["id"], [])) if parent else None
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
        k: [apply_errata(v, errata_by_target.get(f"{PLAN_TARGET_PREFIX}{k}:{i}", [])) for i, v in enumerate(vs, 1)]
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
    out[Col.TERMS] = pd.Series(_string_arrays(terms.table_terms(out[Col.TEXT])), index=out.index, dtype=object)
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
