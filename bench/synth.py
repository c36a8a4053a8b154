"""Synthetic initiative tables of any size, generated from the real rows (same schema).

    python -m bench.synth 100000 /tmp/initiatives-100k.parquet

The real table is repeated as `copies` of itself, the last copy cut to make exactly `n` rows. Every
copy gets its own ids (copy 0 keeps the real ones, copy k appends `~k`), its parents, and its
stored neighbours (`related_ids` point into the same copy, so 連携候補 and progressions work
within each copy exactly as on the real table). The copies are interleaved in the document's
layout: each area × phase × actor cell holds the real cell's items once per copy, `order` runs
1..n within the cell, and `seq` is recomputed in reading order (area → actor → phase → order).
Texts, categories, instrument types, Expo flags and terms are the real ones, so every page has
the real table's mix at k times the volume. Written with `dashboard.build.write_parquet`, read
back with `dashboard.load` (which checks ids, parents, categories and types).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.build import write_parquet
from dashboard.load import load_with_meta
from dashboard.schema import ACTOR_CODES, AREA_CODES, PHASE_CODES, Col

COPY_SEP = "~"


def _suffix(k: int) -> str:
    return "" if k == 0 else f"{COPY_SEP}{k}"


def synthesize(df: pd.DataFrame, meta: dict, n: int) -> tuple[pd.DataFrame, dict]:
    """A table of exactly `n` rows made of copies of `df` (see the module docstring)."""
    if n < 1:
        raise ValueError("n must be >= 1")
    base = df.sort_values(Col.SEQ, kind="stable").reset_index(drop=True)
    m = len(base)
    copies = math.ceil(n / m)
    frames = []
    for k in range(copies):
        part = base if k < copies - 1 else base.iloc[: n - (copies - 1) * m]
        part = part.copy()
        sfx = _suffix(k)
        keep = set(base[Col.ID].iloc[: len(part)])
        part[Col.ID] = part[Col.ID] + sfx
        part[Col.PARENT_ID] = part[Col.PARENT_ID].where(part[Col.PARENT_ID].isna(), part[Col.PARENT_ID] + sfx)
        ids, scores = [], []
        for rel, sc in zip(part[Col.RELATED_IDS], part[Col.RELATED_SCORES], strict=True):
            pick = [i for i, r in enumerate(rel) if r in keep]
            ids.append(np.array([str(rel[i]) + sfx for i in pick], dtype=object))
            scores.append(np.array([float(sc[i]) for i in pick], dtype=float))
        part[Col.RELATED_IDS] = ids
        part[Col.RELATED_SCORES] = scores
        if len(part) < m:  # the cut copy: parents count only the sub-items it kept
            kids = part[Col.PARENT_ID].value_counts()
            part[Col.N_CHILDREN] = part[Col.ID].map(kids).fillna(0).astype(part[Col.N_CHILDREN].dtype)
        part["_copy"] = k
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    # Reading order: area → actor row → phase column → (copy, order) inside the cell.
    rank = {
        Col.AREA_CODE: {c: i for i, c in enumerate(AREA_CODES)},
        Col.ACTOR_CODE: {c: i for i, c in enumerate(ACTOR_CODES)},
        Col.PHASE_CODE: {c: i for i, c in enumerate(PHASE_CODES)},
    }
    keys = pd.DataFrame({c: out[c].astype(str).map(r) for c, r in rank.items()})
    keys["_copy"] = out["_copy"]
    keys[Col.ORDER] = out[Col.ORDER]
    order = keys.sort_values([Col.AREA_CODE, Col.ACTOR_CODE, Col.PHASE_CODE, "_copy", Col.ORDER], kind="stable").index
    out = out.loc[order].reset_index(drop=True)
    cell = [out[Col.AREA_CODE].astype(str), out[Col.ACTOR_CODE].astype(str), out[Col.PHASE_CODE].astype(str)]
    out[Col.ORDER] = (out.groupby(cell, sort=False).cumcount() + 1).astype(base[Col.ORDER].dtype)
    out[Col.SEQ] = np.arange(1, len(out) + 1, dtype=base[Col.SEQ].dtype)
    out = out.drop(columns="_copy")
    new_meta = dict(meta)
    new_meta["data_version"] = f"{meta.get('data_version', '?')}+synthetic-{n}"
    return out, new_meta


def write_synthetic(n: int, out: Path, source: Path | None = None) -> Path:
    """Generate a table of `n` rows from the real one (or `source`) and write it to `out`."""
    df, meta = load_with_meta(source)
    table, new_meta = synthesize(df, meta, n)
    write_parquet(table, new_meta, out)
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m bench.synth N OUT.parquet", file=sys.stderr)
        return 2
    n, out = int(argv[0]), Path(argv[1])
    write_synthetic(n, out)
    df, _ = load_with_meta(out)
    print(f"{out}: {len(df):,} rows, {df[Col.ID].nunique():,} ids")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
