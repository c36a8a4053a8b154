"""Pure aggregations of the (filtered) initiative table: counts on the full category grid.

Every function takes the initiative table (schema of dashboard.schema), never changes it, and
returns plain ints or a small DataFrame in plan order. Counts always add up to len(df).
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


def counts(df: pd.DataFrame, dims: Sequence[str]) -> pd.DataFrame:
    """Counts over the full grid of `dims` (zeros included, plan order): columns *dims, n."""
    dims = list(dims)
    unknown = [d for d in dims if d not in GRID]
    if unknown:
        raise ValueError(f"cannot count over {unknown}; use one of {sorted(GRID)}")
    if not dims:
        return pd.DataFrame({"n": [len(df)]}, dtype="int64")
    keys = [_codes(df, d) for d in dims]
    if len(set(dims)) < len(dims):  # the same dimension twice: pandas' general path
        out = pd.Series(1, index=df.index, dtype="int64").groupby(keys, observed=False).sum()
        return out.rename("n").astype("int64").reset_index()
    # The groupby above, on integer codes: one bincount over the full grid (first dimension slowest,
    # categories in order, rows with a missing category left out), several times faster.
    codes = [k.cat.codes.to_numpy() for k in keys]
    sizes = [len(k.cat.categories) for k in keys]
    known = np.logical_and.reduce([c >= 0 for c in codes])
    cells = np.ravel_multi_index([c[known] for c in codes], sizes) if len(df) else np.empty(0, dtype=np.int64)
    n = np.bincount(cells, minlength=int(np.prod(sizes))).astype("int64")
    grid = np.unravel_index(np.arange(len(n)), sizes)
    out = pd.DataFrame(
        {d: pd.Categorical.from_codes(g, dtype=k.dtype) for d, g, k in zip(dims, grid, keys, strict=True)}
    )
    out["n"] = n
    return out


def counts_by_actor(df: pd.DataFrame, dim: str) -> pd.DataFrame:
    """Counts per category of `dim` (index, plan order) × actor code (columns), zeros included."""
    c = counts(df, [dim, Col.ACTOR_CODE])
    wide = c.pivot(index=dim, columns=Col.ACTOR_CODE, values="n")
    wide.columns = [str(x) for x in wide.columns]
    return wide.reindex(columns=list(ACTOR_CODES), fill_value=0).astype("int64")


def _by(df: pd.DataFrame, col: str) -> dict[str, int]:
    c = counts(df, [col])
    return {str(k): int(n) for k, n in zip(c[col], c["n"], strict=True)}


def by_actor(df: pd.DataFrame) -> dict[str, int]:
    """Initiatives per actor code, plan order (`summary(df)["by_actor"]` without the rest)."""
    return _by(df, Col.ACTOR_CODE)


def summary(df: pd.DataFrame) -> dict:
    """Headline numbers: total, items, sub_items, by_actor, by_phase, by_area, tentative, areas."""
    levels = df[Col.LEVEL]
    by_area = _by(df, Col.AREA_CODE)
    return {
        "total": len(df),
        "items": int((levels == 1).sum()),
        "sub_items": int((levels == 2).sum()),
        "by_actor": by_actor(df),
        "by_phase": _by(df, Col.PHASE_CODE),
        "by_area": by_area,
        "tentative": int(df[Col.TENTATIVE].sum()),
        "areas": sum(1 for n in by_area.values() if n),
    }


def actor_share(df: pd.DataFrame) -> pd.DataFrame:
    """Per area × actor (12 rows, plan order): n, the area's total, and share = n / total (0 if empty)."""
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


def hover_items(df: pd.DataFrame, by: Sequence[str], cap: int = HOVER_CAP) -> dict[tuple, list[str]]:
    """Cell key (tuple of category values of `by`) → the first `cap` items of that cell in reading
    order, each prefixed with its level marker. Works on integer codes; only the listed rows'
    texts are read, so a 100,000-row table costs a few milliseconds."""
    if not len(df):
        return {}
    keys = [_codes(df, c) for c in by]
    codes = [k.cat.codes.to_numpy() for k in keys]
    sizes = [len(k.cat.categories) for k in keys]
    known = np.logical_and.reduce([c >= 0 for c in codes])
    cell = np.where(known, np.ravel_multi_index([np.maximum(c, 0) for c in codes], sizes), -1)
    seq = (df[Col.SEQ] if Col.SEQ in df.columns else df[Col.ORDER]).to_numpy()
    order = np.lexsort((seq, cell))  # by cell, then reading order (stable)
    sorted_cells = cell[order]
    starts = np.flatnonzero(np.r_[True, sorted_cells[1:] != sorted_cells[:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    take = order[(rank < cap) & (sorted_cells >= 0)]
    levels = df[Col.LEVEL].to_numpy()[take]
    texts = df[Col.TEXT].iloc[take].astype("string").fillna("").tolist()
    cats = [list(k.cat.categories) for k in keys]
    out: dict[tuple, list[str]] = {}
    for c, level, text in zip(cell[take].tolist(), levels.tolist(), texts, strict=True):
        key = tuple(str(cats[i][j]) for i, j in enumerate(np.unravel_index(c, sizes)))
        out.setdefault(key, []).append((SUB_BULLET if level == 2 else BULLET) + text)
    return out


def timeline_lanes(df: pd.DataFrame, areas_meta: Iterable[Mapping] | None = None) -> pd.DataFrame:
    """One row per area × phase (all 18, plan order): theme, total, and per actor code `a`:
    n_{a} (count), items_{a} (at most HOVER_CAP texts in reading order, level-marked) and
    more_{a} (how many were left off)."""
    grid = counts(df, [Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE])
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
    items = hover_items(df, [Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE])
    for a in ACTOR_CODES:
        n = wide[a].to_numpy().astype("int64")
        out[f"n_{a}"] = n
        lists = [items.get((area, phase, a), []) for area, phase in idx]
        out[f"items_{a}"] = lists
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

    An initiative with several types counts once under each. `codes`: the instrument column of a
    table `df` is a row subset of, as `list_codes` makes it (the same result, faster).
    """
    type_index = pd.Index(list(INSTRUMENT_CODES))
    by_code = codes.flat(df) if codes is not None else None
    if by_code is not None:
        rows, c = by_code
        types = type_index.get_indexer(codes.vocab).astype(np.int64)
        return _instrument_grid(df, dim, rows, np.where(c >= 0, types[np.maximum(c, 0)], -1))
    flat = _flat_lists(df[Col.INSTRUMENT_TYPES].tolist())
    if flat is None:
        long = df[[dim, Col.INSTRUMENT_TYPES]].explode(Col.INSTRUMENT_TYPES).dropna(subset=[Col.INSTRUMENT_TYPES])
        table = pd.crosstab(_codes(long, dim), long[Col.INSTRUMENT_TYPES].astype(str))
        return table.reindex(index=list(GRID[dim]), columns=list(INSTRUMENT_CODES), fill_value=0).astype("int64")
    rows, items = flat
    return _instrument_grid(df, dim, rows, type_index.get_indexer(items).astype(np.int64))


def _instrument_grid(df: pd.DataFrame, dim: str, rows: np.ndarray, types: np.ndarray) -> pd.DataFrame:
    """The counts with integer codes: no exploded frame, one bincount. `rows`: the row position of
    each assignment, `types`: its type's position in INSTRUMENT_CODES (-1: not a type code)."""
    cats = list(GRID[dim])
    dims = _codes(df, dim).cat.codes.to_numpy().astype(np.int64)[rows]
    ok = (types >= 0) & (dims >= 0)
    cells = np.bincount(dims[ok] * len(INSTRUMENT_CODES) + types[ok], minlength=len(cats) * len(INSTRUMENT_CODES))
    return pd.DataFrame(
        cells.reshape(len(cats), len(INSTRUMENT_CODES)).astype("int64"),
        index=pd.Index(cats, name=dim),
        columns=pd.Index(list(INSTRUMENT_CODES), name=Col.INSTRUMENT_TYPES),
    )


def expo_share(df: pd.DataFrame) -> pd.DataFrame:
    """Per area × phase (all 18, plan order): initiatives, Expo-related ones and their share (0 if none)."""
    base = counts(df, [Col.AREA_CODE, Col.PHASE_CODE]).rename(columns={"n": "total"})
    linked = counts(df[df[Col.EXPO_RELATED]], [Col.AREA_CODE, Col.PHASE_CODE])["n"].to_numpy()
    base["expo"] = linked
    total = base["total"].to_numpy()
    base["share"] = [e / n if n else 0.0 for e, n in zip(linked, total, strict=True)]
    return base


def area_hits(df: pd.DataFrame) -> dict[str, int]:
    """Area code → how many of `df`'s initiatives are in it (every area, zeros included)."""
    c = counts(df, [Col.AREA_CODE])
    return {str(a): int(n) for a, n in zip(c[Col.AREA_CODE], c["n"], strict=True)}
