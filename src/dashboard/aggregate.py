"""Pure aggregations of the (filtered) initiative table: counts on the full category grid.

Every function takes the initiative table (schema of dashboard.schema), never changes it, and
returns plain ints or a small DataFrame in plan order.

The unit of every count is the initiative (取組): an item (level 1) together with its sub-items (▶,
level 2), counted once. The table has a row per item and a row per sub-item; `unit_positions` maps
each row to the row that stands for its initiative (the item's row, or, when a filter left the
item out but kept some of its sub-items, the first of those), and `count_units` keeps one row per
initiative. Counts add up to `n_units(df)`, not to len(df); attributes of rows (instrument types,
the Expo link, key terms) count an initiative once if any of its rows has them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .schema import ACTOR_CODES, AREA_CODES, CATEGORIES, INSTRUMENT_CODES, LEVELS, PHASE_CODES, Col

# At most this many initiatives are listed per hover; the rest are counted.
HOVER_CAP = 12
# Markers put before an item's text in hover lists (as in matrix.cell_text).
BULLET = "・"
SUB_BULLET = "　▶ "

# Dimensions counts() can span, with their full category list in plan order.
GRID: dict[str, tuple] = {**CATEGORIES, Col.LEVEL: LEVELS, Col.TENTATIVE: (False, True)}


def _codes(df: pd.DataFrame, col: str) -> pd.Series:
    """`df[col]` as a categorical with the schema's categories in plan order."""
    s = df[col]
    cats = list(GRID[col])
    if isinstance(s.dtype, pd.CategoricalDtype) and list(s.cat.categories) == cats:
        return s
    if col in CATEGORIES:
        s = s.astype("string")
    return pd.Series(pd.Categorical(s, categories=cats, ordered=True), index=df.index, name=col)


def unit_positions(df: pd.DataFrame) -> np.ndarray:
    """For each row of `df`, the position (in `df`) of the row that stands for its initiative.

    An item's row stands for itself and its sub-items; a sub-item whose item is not in `df` is
    represented by the first (in reading order) of its item's sub-items in `df`. Vectorised: a
    sub-item is first matched with the nearest item row above it (the document's layout), only
    the rest are looked up by id. A table without `level`/`parent_id` columns has no sub-items."""
    n = len(df)
    pos = np.arange(n, dtype=np.int64)
    if not n or Col.PARENT_ID not in df.columns or Col.LEVEL not in df.columns:
        return pos  # no nesting recorded: every row is an initiative
    parents = df[Col.PARENT_ID]
    sub = (df[Col.LEVEL].to_numpy() == 2) & parents.notna().to_numpy()
    if not sub.any():
        return pos
    ids, par = df[Col.ID].array, parents.array
    head = ~sub
    sp = np.flatnonzero(sub)
    cand = np.maximum.accumulate(np.where(head, pos, -1))[sp]
    match = np.zeros(len(sp), dtype=bool)
    has = cand >= 0
    if has.any():
        same = ids.take(cand[has]) == par.take(sp[has])
        match[has] = same.to_numpy(dtype=bool, na_value=False)
    unit = pos.copy()
    unit[sp[match]] = cand[match]
    rest = sp[~match]
    if len(rest):
        wanted = pd.unique(par.take(rest))
        hit = np.flatnonzero(head & np.asarray(ids.isin(wanted), dtype=bool))
        heads = pd.Index(ids.take(hit))
        first = ~heads.duplicated()
        at = pd.Index(heads[first]).get_indexer(par.take(rest))
        found = at >= 0
        unit[rest[found]] = hit[first][at[found]]
        orphans = rest[~found]
        if len(orphans):  # the item is not in df: the first of its sub-items there stands for it
            group = pd.factorize(par.take(orphans))[0]
            seq = (df[Col.SEQ] if Col.SEQ in df.columns else df[Col.ORDER]).to_numpy()[orphans]
            order = np.lexsort((seq, group))
            firsts = np.r_[True, group[order][1:] != group[order][:-1]]
            rep = np.empty(group.max() + 1, dtype=np.int64)
            rep[group[order][firsts]] = orphans[order][firsts]
            unit[orphans] = rep[group]
    return unit


def _reps(unit: np.ndarray) -> np.ndarray | None:
    """Positions of the rows that stand for an initiative (`unit_positions`); None when every row does."""
    rep = unit == np.arange(len(unit))
    return None if rep.all() else np.flatnonzero(rep)


def count_units(df: pd.DataFrame) -> pd.DataFrame:
    """One row per initiative of `df` (the item's row when present), in the table's order: the rows
    every count counts. `df` itself when it has no sub-item rows. (The counting functions below work
    on positions and never build this frame.)"""
    take = _reps(unit_positions(df))
    return df if take is None else df.iloc[take]


def n_units(df: pd.DataFrame) -> int:
    """The number of initiatives in `df` (items with their sub-items, each counted once)."""
    return int((unit_positions(df) == np.arange(len(df))).sum())


def table_size(df: pd.DataFrame) -> dict[str, int]:
    """What a count caption says: initiatives, and the rows the table lists (items, sub-items)."""
    levels = df[Col.LEVEL].to_numpy()
    return {
        "initiatives": n_units(df),
        "rows": len(df),
        "items": int((levels == 1).sum()),
        "sub_items": int((levels == 2).sum()),
    }


def counts(df: pd.DataFrame, dims: Sequence[str], rows: bool = False) -> pd.DataFrame:
    """Initiatives over the full grid of `dims` (zeros included, plan order): columns *dims, n.

    `rows=True` counts the table's rows instead (an item and each of its sub-items separately)."""
    return _grid_counts(df, dims, None if rows else _reps(unit_positions(df)))


def _grid_counts(df: pd.DataFrame, dims: Sequence[str], take: np.ndarray | None = None) -> pd.DataFrame:
    """The rows of `df` at positions `take` (all rows if None) over the full grid of `dims`."""
    dims = list(dims)
    unknown = [d for d in dims if d not in GRID]
    if unknown:
        raise ValueError(f"cannot count over {unknown}; use one of {sorted(GRID)}")
    if not dims:
        return pd.DataFrame({"n": [len(df) if take is None else len(take)]}, dtype="int64")
    if len(set(dims)) < len(dims):  # the same dimension twice: pandas' general path
        rows = df if take is None else df.iloc[take]
        keys = [_codes(rows, d) for d in dims]
        out = pd.Series(1, index=rows.index, dtype="int64").groupby(keys, observed=False).sum()
        return out.rename("n").astype("int64").reset_index()
    # The groupby above, on integer codes: one bincount over the full grid (first dimension slowest,
    # categories in order, rows with a missing category left out), several times faster.
    keys = [_codes(df, d) for d in dims]
    codes = [k.cat.codes.to_numpy() for k in keys]
    if take is not None:
        codes = [c[take] for c in codes]
    sizes = [len(k.cat.categories) for k in keys]
    known = np.logical_and.reduce([c >= 0 for c in codes])
    cells = np.ravel_multi_index([c[known] for c in codes], sizes) if len(codes[0]) else np.empty(0, dtype=np.int64)
    n = np.bincount(cells, minlength=int(np.prod(sizes))).astype("int64")
    grid = np.unravel_index(np.arange(len(n)), sizes)
    out = pd.DataFrame(
        {d: pd.Categorical.from_codes(g, dtype=k.dtype) for d, g, k in zip(dims, grid, keys, strict=True)}
    )
    out["n"] = n
    return out


def counts_by_actor(df: pd.DataFrame, dim: str) -> pd.DataFrame:
    """Initiatives per category of `dim` (index, plan order) × actor code (columns), zeros included."""
    c = counts(df, [dim, Col.ACTOR_CODE])
    wide = c.pivot(index=dim, columns=Col.ACTOR_CODE, values="n")
    wide.columns = [str(x) for x in wide.columns]
    return wide.reindex(columns=list(ACTOR_CODES), fill_value=0).astype("int64")


def _by(df: pd.DataFrame, col: str, take: np.ndarray | None) -> dict[str, int]:
    c = _grid_counts(df, [col], take)
    return {str(k): int(n) for k, n in zip(c[col], c["n"], strict=True)}


def by_actor(df: pd.DataFrame) -> dict[str, int]:
    """Initiatives per actor code, plan order (`summary(df)["by_actor"]` without the rest)."""
    return _by(df, Col.ACTOR_CODE, _reps(unit_positions(df)))


def summary(df: pd.DataFrame) -> dict:
    """Headline numbers, in initiatives: total, by_actor, by_phase, by_area, tentative (those in the
    columns the plan says include initiatives under consideration), areas (with any); and the
    table's rows: rows, items (level 1), sub_items (level 2)."""
    take = _reps(unit_positions(df))
    levels = df[Col.LEVEL].to_numpy()
    tentative = df[Col.TENTATIVE].to_numpy(dtype=bool)
    by_area = _by(df, Col.AREA_CODE, take)
    return {
        "total": len(df) if take is None else len(take),
        "rows": len(df),
        "items": int((levels == 1).sum()),
        "sub_items": int((levels == 2).sum()),
        "by_actor": _by(df, Col.ACTOR_CODE, take),
        "by_phase": _by(df, Col.PHASE_CODE, take),
        "by_area": by_area,
        "tentative": int(tentative.sum() if take is None else tentative[take].sum()),
        "areas": sum(1 for n in by_area.values() if n),
    }


def actor_share(df: pd.DataFrame) -> pd.DataFrame:
    """Per area × actor (12 rows, plan order): initiatives n, the area's total, and share = n / total
    (0 if empty)."""
    out = counts(df, [Col.AREA_CODE, Col.ACTOR_CODE])
    out["area_total"] = out.groupby(Col.AREA_CODE, observed=False)["n"].transform("sum").astype("int64")
    total = out["area_total"].where(out["area_total"] > 0)
    out["share"] = (out["n"] / total).fillna(0.0).astype("float64")
    return out


def _themes(areas_meta: Iterable[Mapping] | None, df: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(area, phase) → theme: from the metadata, else from the table, else ''."""
    themes: dict[tuple[str, str], str] = {}
    for area in areas_meta or ():
        for p, t in (area.get("themes") or {}).items():
            if t:
                themes[(str(area.get("code")), str(p))] = str(t)
    if len(themes) < len(AREA_CODES) * len(PHASE_CODES) and len(df):
        first = ~df[[Col.AREA_CODE, Col.PHASE_CODE]].duplicated()
        cells = df.loc[first, [Col.AREA_CODE, Col.PHASE_CODE, Col.PHASE_THEME]]
        for a, p, t in zip(cells[Col.AREA_CODE], cells[Col.PHASE_CODE], cells[Col.PHASE_THEME], strict=True):
            if isinstance(t, str) and t:
                themes.setdefault((str(a), str(p)), t)
    return themes


def hover_items(
    df: pd.DataFrame, by: Sequence[str], cap: int = HOVER_CAP, unit: np.ndarray | None = None
) -> dict[tuple, list[tuple[str, int]]]:
    """Cell key (tuple of category values of `by`) → the first `cap` initiatives of that cell in
    reading order, each as (the text of the row that stands for it, prefixed with its level marker;
    how many more rows of `df` it stands for: its sub-items). `unit`: `unit_positions(df)` if known.
    Works on integer codes; only the listed rows' texts are read, so a 100,000-row table costs a
    few milliseconds."""
    if not len(df):
        return {}
    unit = unit_positions(df) if unit is None else unit
    keys = [_codes(df, c) for c in by]
    codes = [k.cat.codes.to_numpy() for k in keys]
    sizes = [len(k.cat.categories) for k in keys]
    known = np.logical_and.reduce([c >= 0 for c in codes]) & (unit == np.arange(len(df)))
    cell = np.where(known, np.ravel_multi_index([np.maximum(c, 0) for c in codes], sizes), -1)
    seq = (df[Col.SEQ] if Col.SEQ in df.columns else df[Col.ORDER]).to_numpy()
    order = np.lexsort((seq, cell))  # by cell, then reading order (stable)
    sorted_cells = cell[order]
    starts = np.flatnonzero(np.r_[True, sorted_cells[1:] != sorted_cells[:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    take = order[(rank < cap) & (sorted_cells >= 0)]
    levels = df[Col.LEVEL].to_numpy()[take]
    extra = (np.bincount(unit, minlength=len(df))[take] - 1).tolist()
    texts = df[Col.TEXT].iloc[take].astype("string").fillna("").tolist()
    cats = [list(k.cat.categories) for k in keys]
    out: dict[tuple, list[tuple[str, int]]] = {}
    for c, level, text, more in zip(cell[take].tolist(), levels.tolist(), texts, extra, strict=True):
        key = tuple(str(cats[i][j]) for i, j in enumerate(np.unravel_index(c, sizes)))
        out.setdefault(key, []).append(((SUB_BULLET if level == 2 else BULLET) + text, int(more)))
    return out


def timeline_lanes(df: pd.DataFrame, areas_meta: Iterable[Mapping] | None = None) -> pd.DataFrame:
    """One row per area × phase (all 18, plan order): theme, total, and per actor code `a`:
    n_{a} (initiatives), items_{a} (at most HOVER_CAP texts in reading order, level-marked),
    subs_{a} (for each of those, how many of its sub-items the table has besides it) and more_{a}
    (how many initiatives were left off)."""
    unit = unit_positions(df)
    grid = _grid_counts(df, [Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE], _reps(unit))
    wide = grid.set_index([Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE])["n"].unstack(Col.ACTOR_CODE)
    idx = pd.MultiIndex.from_product([AREA_CODES, PHASE_CODES], names=[Col.AREA_CODE, Col.PHASE_CODE])
    wide = wide.reindex(index=idx, columns=list(ACTOR_CODES), fill_value=0).astype("int64")
    out = pd.DataFrame(
        {
            Col.AREA_CODE: pd.Categorical(idx.get_level_values(0), categories=AREA_CODES, ordered=True),
            Col.PHASE_CODE: pd.Categorical(idx.get_level_values(1), categories=PHASE_CODES, ordered=True),
        }
    )
    themes = _themes(areas_meta, df)
    out["theme"] = [themes.get((a, p), "") for a, p in idx]
    out["total"] = wide.to_numpy().sum(axis=1).astype("int64")
    items = hover_items(df, [Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE], unit=unit)
    for a in ACTOR_CODES:
        n = wide[a].to_numpy().astype("int64")
        out[f"n_{a}"] = n
        lists = [items.get((area, phase, a), []) for area, phase in idx]
        out[f"items_{a}"] = [[line for line, _ in v] for v in lists]
        out[f"subs_{a}"] = [[k for _, k in v] for v in lists]
        out[f"more_{a}"] = [int(k) - len(v) for k, v in zip(n, lists, strict=True)]
    return out


def _flat_lists(values: Sequence) -> tuple[np.ndarray, np.ndarray] | None:
    """(row position of each element, the elements) of a column of 1-D lists/arrays; None if any
    cell is something else (then callers take pandas' general `explode` path)."""
    if values and set(map(type, values)) == {np.ndarray}:  # as pyarrow reads list columns: one concatenate
        try:
            lens = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
            items = np.concatenate(values) if lens.sum() else np.empty(0, dtype=object)
        except (TypeError, ValueError):  # 0-d arrays, or arrays that do not join
            items = None
        if items is not None and items.ndim == 1 and len(items) == lens.sum():
            return np.repeat(np.arange(len(values), dtype=np.int64), lens), items
    if not all(isinstance(v, (list, np.ndarray)) and np.ndim(v) == 1 for v in values):
        return None
    lens = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    rows = np.repeat(np.arange(len(values), dtype=np.int64), lens)
    items = np.concatenate([np.asarray(v, dtype=object) for v in values]) if lens.sum() else np.empty(0, dtype=object)
    return rows, items


def row_positions(index: pd.Index, ids, df: pd.DataFrame) -> np.ndarray | None:
    """Positions of `df`'s rows in a table with row labels `index` and ids `ids` (its `Col.ID`
    array), or None if `df` is not a row subset of that table (labels kept, as `df.loc[mask]` does)."""
    if not df.index.is_unique:
        return None
    pos = index.get_indexer(df.index)
    if not len(pos):
        return pos
    if pos.min() < 0:
        return None
    mine, theirs = df[Col.ID].array, ids.take(pos)
    same = (
        mine.equals(theirs)
        if type(mine) is type(theirs)
        else np.array_equal(np.asarray(mine, dtype=object), np.asarray(theirs, dtype=object))
    )
    return pos if same else None


@dataclass(frozen=True)
class ListCodes:
    """A list column of one table as integer codes, computed once per table (`list_codes`).

    Row `i` holds `codes[offsets[i]:offsets[i + 1]]`, indexes into `vocab` (the distinct elements as
    text); -1 for a missing element. Passed with any row subset of that table, it saves joining and
    hashing half a million strings on every call for a 100,000-row table. Shared: never mutate.
    """

    index: pd.Index
    ids: pd.api.extensions.ExtensionArray | np.ndarray
    offsets: np.ndarray
    codes: np.ndarray
    vocab: np.ndarray

    def flat(self, df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray] | None:
        """(row position in `df` of each element, its code) for `df`'s rows; None if `df` is not a
        row subset of the table."""
        pos = row_positions(self.index, self.ids, df)
        if pos is None:
            return None
        counts = self.offsets[pos + 1] - self.offsets[pos]
        starts = np.repeat(self.offsets[pos] - (np.cumsum(counts) - counts), counts)
        j = starts + np.arange(counts.sum(), dtype=np.int64)
        return np.repeat(np.arange(len(pos), dtype=np.int64), counts), self.codes[j]


def list_codes(table: pd.DataFrame, col: str) -> ListCodes | None:
    """`table[col]` (a column of lists) as ListCodes; None when its index labels are not unique or a
    cell is not a 1-D list."""
    if not table.index.is_unique:
        return None
    cells = table[col].tolist()
    flat = _flat_lists(cells)
    if flat is None:
        return None
    rows, items = flat
    codes, uniq = pd.factorize(pd.Series(items, dtype=object), use_na_sentinel=True)
    # Elements are compared as text (as the plain paths do with astype(str)): merge equal texts.
    text_codes, vocab = pd.factorize(pd.Index(uniq, dtype=object).astype(str))
    codes = np.where(codes >= 0, text_codes[np.maximum(codes, 0)], -1).astype(np.int64)
    lens = np.bincount(rows, minlength=len(cells)) if len(rows) else np.zeros(len(cells), dtype=np.int64)
    offsets = np.r_[0, np.cumsum(lens)].astype(np.int64)
    return ListCodes(table.index, table[Col.ID].array, offsets, codes, np.asarray(vocab, dtype=object))


def instrument_counts(df: pd.DataFrame, dim: str, codes: ListCodes | None = None) -> pd.DataFrame:
    """Initiatives per category of `dim` (rows, plan order) × instrument type (columns, taxonomy order).

    An initiative counts once under each type that any of its rows (the item, its sub-items) has.
    `codes`: the instrument column of a table `df` is a row subset of, as `list_codes` makes it
    (the same result, faster).
    """
    type_index = pd.Index(list(INSTRUMENT_CODES))
    by_code = codes.flat(df) if codes is not None else None
    if by_code is not None:
        rows, c = by_code
        types = type_index.get_indexer(codes.vocab).astype(np.int64)
        return _instrument_grid(df, dim, rows, np.where(c >= 0, types[np.maximum(c, 0)], -1))
    flat = _flat_lists(df[Col.INSTRUMENT_TYPES].tolist())
    if flat is None:  # cells that are not all lists: pandas' explode, by row position
        long = pd.Series(df[Col.INSTRUMENT_TYPES].to_numpy(), dtype=object).explode().dropna()
        flat = long.index.to_numpy(dtype=np.int64), long.astype(str).to_numpy(dtype=object)
    rows, items = flat
    return _instrument_grid(df, dim, rows, type_index.get_indexer(items).astype(np.int64))


# Largest (initiatives × codes) grid `unit_repeats` marks in a dense array; above it, it hashes.
_DENSE_PAIRS = 1 << 26


@dataclass(frozen=True)
class Repeats:
    """How to turn counts of element occurrences into counts of initiatives (`unit_repeats`):
    take away the occurrences `drop` (indexes into the occurrence arrays), add the pairs (`rows`:
    the position of the row standing for the initiative, `codes`: the code), each pair once."""

    drop: np.ndarray
    rows: np.ndarray
    codes: np.ndarray


_NO_REPEATS = Repeats(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64))


def unit_repeats(df: pd.DataFrame, rows: np.ndarray, codes: np.ndarray, n_codes: int) -> Repeats:
    """Element occurrences (`rows`: the row position of each, `codes`: its code in 0..n_codes-1, -1 for
    none) counted by initiative: an initiative has a code once, however many of its rows have it.

    A row is taken to list each code once (as the build stores list columns), so only occurrences in
    initiatives with several rows in `df` can repeat: those are dropped and replaced by their
    distinct (initiative, code) pairs, marked in a dense grid (no sort, no hashing for the plan's
    sizes). The caller counts all occurrences as before and applies the correction; for a
    100,000-row table that costs two passes over the occurrences, not a rebuild of them."""
    unit = unit_positions(df)
    size = np.bincount(unit, minlength=len(df))
    if not len(rows) or size.max(initial=0) <= 1:
        return _NO_REPEATS
    shared = (size[unit] > 1)[rows]
    if codes.min() < 0:
        shared &= codes >= 0
    drop = np.flatnonzero(shared)
    if not len(drop):
        return _NO_REPEATS
    units, cs = unit[rows[drop]], codes[drop].astype(np.int64)
    multi = np.flatnonzero(size > 1)  # the rows standing for those initiatives
    if len(multi) * n_codes <= _DENSE_PAIRS:
        dense = np.full(len(df), -1, dtype=np.int64)
        dense[multi] = np.arange(len(multi))
        seen = np.zeros(len(multi) * n_codes, dtype=bool)
        seen[dense[units] * n_codes + cs] = True
        key = np.flatnonzero(seen)
        return Repeats(drop, multi[key // n_codes], key % n_codes)
    key = pd.unique(units * n_codes + cs)
    return Repeats(drop, key // n_codes, key % n_codes)


def _instrument_grid(df: pd.DataFrame, dim: str, rows: np.ndarray, types: np.ndarray) -> pd.DataFrame:
    """The counts with integer codes: no exploded frame, bincounts. `rows`: the row position of each
    assignment, `types`: its type's position in INSTRUMENT_CODES (-1: not a type code)."""
    cats = list(GRID[dim])
    n_types, n_cells = len(INSTRUMENT_CODES), len(cats) * len(INSTRUMENT_CODES)
    dim_codes = _codes(df, dim).cat.codes.to_numpy().astype(np.int64)

    def cells(r: np.ndarray, t: np.ndarray) -> np.ndarray:
        d = dim_codes[r]
        ok = (t >= 0) & (d >= 0)
        return np.bincount(d[ok] * n_types + t[ok], minlength=n_cells)

    n = cells(rows, types)
    rep = unit_repeats(df, rows, types, n_types)
    if len(rep.drop):
        n = n - cells(rows[rep.drop], types[rep.drop]) + cells(rep.rows, rep.codes)
    return pd.DataFrame(
        n.reshape(len(cats), n_types).astype("int64"),
        index=pd.Index(cats, name=dim),
        columns=pd.Index(list(INSTRUMENT_CODES), name=Col.INSTRUMENT_TYPES),
    )


def expo_share(df: pd.DataFrame) -> pd.DataFrame:
    """Per area × phase (all 18, plan order): initiatives, those tied to the Expo (any of its rows
    is) and their share (0 if none)."""
    dims = [Col.AREA_CODE, Col.PHASE_CODE]
    unit = unit_positions(df)
    base = _grid_counts(df, dims, _reps(unit)).rename(columns={"n": "total"})
    linked_units = np.sort(pd.unique(unit[df[Col.EXPO_RELATED].to_numpy(dtype=bool)]))
    linked = _grid_counts(df, dims, linked_units)["n"].to_numpy()
    base["expo"] = linked
    total = base["total"].to_numpy()
    base["share"] = np.divide(linked, total, out=np.zeros(len(total), dtype="float64"), where=total > 0)
    return base


def area_hits(df: pd.DataFrame) -> dict[str, int]:
    """Area code → how many of `df`'s initiatives are in it (every area, zeros included)."""
    c = counts(df, [Col.AREA_CODE])
    return {str(a): int(n) for a, n in zip(c[Col.AREA_CODE], c["n"], strict=True)}
