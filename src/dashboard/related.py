"""Related initiatives by text similarity: character n-gram TF-IDF and cosine, numpy only.

The build computes each initiative's nearest items and stores them (`related_ids`,
`related_scores`); `pairs` and `progression` work from those stored columns, so the app shows
exactly the scores the build computed, whatever subset of rows it passes in.

Method: NFKC-normalise and lower-case the text, split it at every character that is not a letter
or digit, take the character n-grams (n = 2 and 3) inside each run, weight them by sublinear term
frequency (1 + log tf) times smoothed inverse document frequency (log((1 + N) / (1 + df)) + 1),
L2-normalise each row; the cosine of two rows is then their dot product, in [0, 1].

The score measures shared wording, nothing else: `pairs` and `progression` are suggestions for a
person to check. Both leave out pure headings (items that only group their sub-items, such as
「万博会場内外での取組」: `is_heading`) and pairs of the same wording (`same_text_key`), which say
nothing a reader does not see at once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .aggregate import row_positions
from .classify import heading_only
from .schema import PHASE_CODES, Col

NGRAM_RANGE = (2, 3)
TOP_K = 8
DECIMALS = 4
PROGRESSION_MIN_SCORE = 0.1  # weakest link `progression` follows: below it, overlaps are by chance
_RUNS = re.compile(r"[^\W_]+")  # runs of letters and digits (kanji, kana, latin, numbers)


class PairCol:
    """Columns of the frame `pairs` returns."""

    AREA_CODE = Col.AREA_CODE
    UNION_ID = "union_id"
    UNION_PHASE = "union_phase_code"
    UNION_TEXT = "union_text"
    MEMBERS_ID = "members_id"
    MEMBERS_PHASE = "members_phase_code"
    MEMBERS_TEXT = "members_text"
    SCORE = "score"


PAIR_COLUMNS = (
    PairCol.AREA_CODE,
    PairCol.UNION_ID,
    PairCol.UNION_PHASE,
    PairCol.UNION_TEXT,
    PairCol.MEMBERS_ID,
    PairCol.MEMBERS_PHASE,
    PairCol.MEMBERS_TEXT,
    PairCol.SCORE,
)


class ChainCol:
    """Columns of the frame `progression` returns (one row per step of a chain)."""

    CHAIN = "chain"
    STEP = "step"
    ACTOR_CODE = Col.ACTOR_CODE
    PHASE_CODE = Col.PHASE_CODE
    ID = Col.ID
    TEXT = Col.TEXT
    SCORE = "score"  # similarity to the previous step; NaN on the first step


CHAIN_COLUMNS = (
    ChainCol.CHAIN,
    ChainCol.STEP,
    ChainCol.ACTOR_CODE,
    ChainCol.PHASE_CODE,
    ChainCol.ID,
    ChainCol.TEXT,
    ChainCol.SCORE,
)


def ngrams(text: str, ngram_range: tuple[int, int] = NGRAM_RANGE) -> list[str]:
    """The character n-grams of `text` (normalised), never spanning punctuation or spaces."""
    lo, hi = ngram_range
    out: list[str] = []
    for run in _RUNS.findall(unicodedata.normalize("NFKC", text).lower()):
        for n in range(lo, hi + 1):
            out.extend(run[i : i + n] for i in range(len(run) - n + 1))
    return out


def same_text_key(text: str) -> str:
    """What two texts share when they say the same words: NFKC, lower case, only letters and digits.

    「Global Startup EXPO 2025」との連携 and Global Startup EXPO 2025との連携 have one key: they differ
    only in width, case, spaces, brackets or punctuation.
    """
    return "".join(_RUNS.findall(unicodedata.normalize("NFKC", str(text)).lower()))


def is_heading(df: pd.DataFrame) -> np.ndarray:
    """Per row: a pure heading, i.e. an item with sub-items whose own text names no instrument.

    Its instrument types come only from its sub-items (`classify.heading_only`); in the 2024 plan
    these are the three 「万博会場内外での取組」. Items with sub-items that say what they do
    (「外国人材の受け入れ」, 「関西スタートアップ・エコシステム」) are not headings here.
    """
    if Col.N_CHILDREN not in df.columns or Col.INSTRUMENT_EVIDENCE not in df.columns:
        return np.zeros(len(df), dtype=bool)
    parents = (df[Col.N_CHILDREN].fillna(0).to_numpy() > 0).astype(bool)
    evidence = df[Col.INSTRUMENT_EVIDENCE].tolist()
    return np.fromiter(
        (bool(p) and heading_only(list(e)) for p, e in zip(parents, evidence, strict=True)), bool, len(df)
    )


def _text_keys(df: pd.DataFrame) -> np.ndarray:
    """`same_text_key` of each row as an integer (equal keys: the same wording)."""
    return pd.factorize(pd.Series([same_text_key(t) for t in df[Col.TEXT].tolist()], dtype=object))[0]


def _suggestible(df: pd.DataFrame, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Per link (a, b): neither end is a pure heading and the two texts differ in wording."""
    used = np.unique(np.r_[a, b]).astype(np.int64)
    if not len(used):
        return np.zeros(0, dtype=bool)
    part = df.iloc[used]
    head = np.zeros(len(df), dtype=bool)
    head[used] = is_heading(part)
    key = np.full(len(df), -1, dtype=np.int64)
    key[used] = _text_keys(part)
    return ~head[a] & ~head[b] & (key[a] != key[b])


def vectorise(texts: Sequence[str], ngram_range: tuple[int, int] = NGRAM_RANGE) -> np.ndarray:
    """TF-IDF matrix (one L2-normalised row per text; a text without n-grams gives a zero row)."""
    docs = [ngrams(t, ngram_range) for t in texts]
    vocab = {g: i for i, g in enumerate(sorted({g for d in docs for g in d}))}
    counts = np.zeros((len(docs), len(vocab)))
    for row, doc in enumerate(docs):
        np.add.at(counts[row], [vocab[g] for g in doc], 1.0)
    present = counts > 0
    tf = np.zeros_like(counts)
    tf[present] = 1.0 + np.log(counts[present])
    idf = np.log((1.0 + len(docs)) / (1.0 + present.sum(axis=0))) + 1.0
    weights = tf * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    return np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)


def cosine_matrix(vectors: np.ndarray) -> np.ndarray:
    """Cosine similarity of L2-normalised rows: symmetric, clipped to [0, 1]."""
    sim = vectors @ vectors.T
    sim = (sim + sim.T) / 2.0  # exact symmetry despite floating-point summation order
    return np.clip(sim, 0.0, 1.0)


def top_k(sim: np.ndarray, k: int = TOP_K) -> list[list[tuple[int, float]]]:
    """For each row: up to k (column, score) pairs, best first, itself and zero scores excluded.

    Ties keep row order (the table's reading order).
    """
    out = []
    for i, row in enumerate(sim):
        order = np.argsort(-row, kind="stable")
        out.append([(int(j), float(row[j])) for j in order if j != i and row[j] > 0][:k])
    return out


def related(texts: Sequence[str], ids: Sequence[str], k: int = TOP_K) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Per text: the ids of its k nearest texts and their scores (rounded), as the build stores them."""
    neighbours = top_k(cosine_matrix(vectorise(texts)), k)
    id_lists = [np.array([ids[j] for j, _ in row], dtype=object) for row in neighbours]
    score_lists = [np.array([round(s, DECIMALS) for _, s in row], dtype=float) for row in neighbours]
    return id_lists, score_lists


def _scores(df: pd.DataFrame) -> dict[tuple[str, str], float]:
    """Stored neighbour scores of the rows in `df`, both directions (a → b and b → a)."""
    keep = set(df[Col.ID])
    out: dict[tuple[str, str], float] = {}
    for id_, ids, scores in zip(df[Col.ID], df[Col.RELATED_IDS], df[Col.RELATED_SCORES], strict=True):
        for other, score in zip(ids, scores, strict=True):
            if other in keep:
                out[(id_, other)] = float(score)
                out[(other, id_)] = float(score)
    return out


@dataclass(frozen=True)
class Neighbours:
    """A table's stored neighbour links as row positions, computed once per table (`neighbours`).

    Row `i` lists `dst[offsets[i]:offsets[i + 1]]` with those `score`s, in rank order; `dst` is -1
    for an id that is not in the table. Passed to `pairs` / `progression` with any row subset of that
    table (rows keep their index labels, as `df.loc[mask]` does), it saves looking 800,000 ids up
    by string on every call for a 100,000-row table. Shared: never mutate the arrays.
    """

    index: pd.Index
    ids: pd.api.extensions.ExtensionArray | np.ndarray
    offsets: np.ndarray
    dst: np.ndarray
    score: np.ndarray

    def positions(self, df: pd.DataFrame) -> np.ndarray | None:
        """Row positions of `df`'s rows in the table, or None if `df` is not a row subset of it."""
        return row_positions(self.index, self.ids, df)


def neighbours(table: pd.DataFrame) -> Neighbours | None:
    """The stored neighbour links of `table` (None when its ids or index labels are not unique)."""
    index = pd.Index(table[Col.ID].to_numpy(dtype=object))
    if not index.is_unique or not table.index.is_unique:
        return None
    rel = table[Col.RELATED_IDS].tolist()
    sc = table[Col.RELATED_SCORES].tolist()
    lens = np.fromiter(map(len, rel), dtype=np.int64, count=len(rel))
    if lens.sum():
        other = np.concatenate([np.asarray(r, dtype=object).ravel() for r in rel])
        score = np.concatenate([np.asarray(x, dtype=float).ravel() for x in sc])
        dst = index.get_indexer(other).astype(np.int64)
    else:
        dst, score = np.empty(0, dtype=np.int64), np.empty(0, dtype=float)
    if len(dst) != lens.sum() or len(score) != lens.sum():
        return None
    offsets = np.r_[0, np.cumsum(lens)].astype(np.int64)
    return Neighbours(table.index, table[Col.ID].array, offsets, dst, score)


_EMPTY_EDGES = (np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64), np.empty(0, dtype=float))


def _edges(df: pd.DataFrame, nb: Neighbours | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`_scores(df)` as arrays: row positions (a, b) and score of every stored pair, both directions.

    Vectorised (a 100,000-row table has 800,000 stored neighbours). Where a pair is stored twice
    (a lists b and b lists a) the later write of `_scores` wins, i.e. the score from the row that
    comes later in `df`. Ids must be unique (as `dashboard.load` guarantees). `nb`: the
    precomputed links of a table `df` is a row subset of (ignored if it is not).
    """
    pos = nb.positions(df) if nb is not None else None
    if pos is None:
        nb = neighbours(df)
        if nb is None:
            return _edges_from_scores(df)
        pos = np.arange(len(df), dtype=np.int64)
    if not len(df) or not len(nb.dst):
        return _EMPTY_EDGES
    # The links written by df's rows, in df's order (then rank): that is the order _scores writes in.
    counts = nb.offsets[pos + 1] - nb.offsets[pos]
    starts = np.repeat(nb.offsets[pos] - (np.cumsum(counts) - counts), counts)
    j = starts + np.arange(counts.sum(), dtype=np.int64)
    here = np.full(len(nb.index), -1, dtype=np.int64)
    here[pos] = np.arange(len(df), dtype=np.int64)
    src = np.repeat(np.arange(len(df), dtype=np.int64), counts)
    dst = nb.dst[j]
    dst = np.where(dst >= 0, here[dst], -1)
    found = dst >= 0
    src, dst, score = src[found], dst[found], nb.score[j[found]]
    if not len(src):
        return _EMPTY_EDGES
    # Each link writes (row, neighbour) then (neighbour, row); after a stable sort by pair, the last
    # entry of each pair is its last write.
    a = np.column_stack([src, dst]).ravel()
    b = np.column_stack([dst, src]).ravel()
    s = np.repeat(score, 2)
    order = np.argsort(a * len(df) + b, kind="stable")
    a, b, s = a[order], b[order], s[order]
    last = np.r_[(a[1:] != a[:-1]) | (b[1:] != b[:-1]), True]
    return a[last], b[last], s[last]


def _edges_from_scores(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`_edges` the plain way (any table, e.g. one with repeated ids)."""
    scores = _scores(df)
    if not scores:
        return _EMPTY_EDGES
    first = {}
    for i, id_ in enumerate(df[Col.ID]):
        first.setdefault(id_, i)
    keys = list(scores)
    a = np.array([first[x] for x, _ in keys], dtype=np.int64)
    b = np.array([first[y] for _, y in keys], dtype=np.int64)
    return a, b, np.array(list(scores.values()), dtype=float)


def _values(df: pd.DataFrame, col: str) -> np.ndarray:
    """A column as an object array of the same scalars `df.loc[…, col]` gives."""
    return np.asarray(df[col].tolist(), dtype=object)


def _keys(df: pd.DataFrame, col: str) -> tuple[np.ndarray, dict]:
    """A column as integer keys that compare like its values (`==`): categorical codes, with every
    missing value (NaN) a key of its own, as NaN equals nothing; and value → key for literals."""
    s = df[col]
    if isinstance(s.dtype, pd.CategoricalDtype):
        keys = s.cat.codes.to_numpy().astype(np.int64)
        missing = keys < 0
        keys[missing] = -1 - np.flatnonzero(missing)
        return keys, {v: i for i, v in enumerate(s.cat.categories.tolist())}
    values = _values(df, col)
    uniq: dict = {}
    keys = np.fromiter(
        (-1 - i if isinstance(v, float) and v != v else uniq.setdefault(v, len(uniq)) for i, v in enumerate(values)),
        np.int64,
        len(values),
    )
    return keys, uniq


def pairs(
    df: pd.DataFrame,
    *,
    same_area: bool = True,
    same_phase: bool = False,
    min_score: float = 0.0,
    top: int | None = None,
    neighbours: Neighbours | None = None,
) -> pd.DataFrame:
    """Closest pairs of a 関西広域連合 item and a 構成府県市 item, best first (連携候補).

    A pair is listed when one item is among the other's stored nearest neighbours and both rows are
    in `df`; `same_area` / `same_phase` keep pairs within one area / phase; scores must exceed
    `min_score`; ties are broken by reading order. Pure headings and pairs of the same wording are
    left out (see the module docstring). `neighbours`: `neighbours(table)` of a table
    `df` is a row subset of (the same result, faster).
    """
    a, b, score = _edges(df, neighbours)
    actor, code = _keys(df, Col.ACTOR_CODE)
    keep = (score > min_score) & (actor[a] == code.get("union", -(2**62))) & (actor[b] == code.get("members", -(2**62)))
    keep &= _suggestible(df, a, b)
    if same_area:
        area = _keys(df, Col.AREA_CODE)[0]
        keep &= area[a] == area[b]
    if same_phase:
        phase = _keys(df, Col.PHASE_CODE)[0]
        keep &= phase[a] == phase[b]
    a, b, score = a[keep], b[keep], score[keep]
    best = np.lexsort((b, a, -score))[:top]  # score descending, then reading order of a, then of b
    a, b = a[best], b[best]
    area, ua, ma = _take(df, Col.AREA_CODE, a), _take(df, Col.ID, a), _take(df, Col.ID, b)
    up, mp = _take(df, Col.PHASE_CODE, a), _take(df, Col.PHASE_CODE, b)
    ut, mt = _take(df, Col.TEXT, a), _take(df, Col.TEXT, b)
    records = [
        {
            PairCol.AREA_CODE: area[n],
            PairCol.UNION_ID: ua[n],
            PairCol.UNION_PHASE: up[n],
            PairCol.UNION_TEXT: ut[n],
            PairCol.MEMBERS_ID: ma[n],
            PairCol.MEMBERS_PHASE: mp[n],
            PairCol.MEMBERS_TEXT: mt[n],
            PairCol.SCORE: float(s),
        }
        for n, s in enumerate(score[best].tolist())
    ]
    return pd.DataFrame.from_records(records, columns=list(PAIR_COLUMNS))


def _take(df: pd.DataFrame, col: str, positions: np.ndarray) -> list:
    """The values of `col` at row `positions`, as the same scalars `df[col].iat[i]` gives."""
    return df[col].take(positions).tolist()


def _next_links(
    area: pd.DataFrame, min_score: float, nb: Neighbours | None
) -> tuple[dict[int, tuple[int, float]], list[int]]:
    """The links of the area's chains (row position → (next position, score)) and the chain starts
    (linked items no item links to) in reading order.

    A candidate link joins an item to a stored neighbour in the next phase of the same actor, with
    a score above `min_score`, neither a pure heading nor of the same wording. Links are taken
    greedily, strongest first (ties: reading order of the earlier item, then of the later one), and
    a link is skipped when its earlier item already links forward or its later item is already
    linked to: every item is in at most one chain.
    """
    a, b, score = _edges(area, nb)
    # Each row's phase as text (str(value), as the phases are compared) and the next phase's, as ids.
    ph = area[Col.PHASE_CODE]
    if isinstance(ph.dtype, pd.CategoricalDtype):
        texts = [str(c) for c in ph.cat.categories] + [str(np.nan)]  # code -1 (missing) reads "nan"
        phase_text = np.asarray(texts, dtype=object)[ph.cat.codes.to_numpy()]
    else:
        phase_text = np.asarray([str(p) for p in ph.tolist()], dtype=object)
    following = {p: PHASE_CODES[i + 1] for i, p in enumerate(PHASE_CODES[:-1])}
    phase, texts = pd.factorize(phase_text)  # one id per distinct text
    ids = {t: i for i, t in enumerate(texts.tolist())}
    next_id = np.array([ids.get(following.get(t), -1) for t in texts.tolist()] + [-1], dtype=np.int64)
    next_phase = next_id[phase]  # a code of -1 (never given: the texts are str) would read the last, -1
    actor = _keys(area, Col.ACTOR_CODE)[0]
    keep = (phase[b] == next_phase[a]) & (actor[b] == actor[a]) & (score > min_score)
    a, b, score = a[keep], b[keep], score[keep]
    fine = _suggestible(area, a, b)
    a, b, score = a[fine], b[fine], score[fine]
    order = np.lexsort((b, a, -score))  # strongest first, then reading order
    nxt: dict[int, tuple[int, float]] = {}
    linked_to: set[int] = set()
    for x, y, sc in zip(a[order].tolist(), b[order].tolist(), score[order].tolist(), strict=True):
        if x in nxt or y in linked_to:
            continue
        nxt[x] = (y, sc)
        linked_to.add(y)
    return nxt, [x for x in sorted(nxt) if x not in linked_to]


def progression(
    df: pd.DataFrame,
    area_code: str,
    *,
    min_score: float = PROGRESSION_MIN_SCORE,
    neighbours: Neighbours | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """Chains of related items across 2024 → 2025 → 2026 within one area, for each actor.

    Items are linked to a similar stored neighbour in the next phase (same area and actor, score >
    min_score), strongest links first, each item in at most one chain (`_next_links`); pure headings
    and steps of the same wording are left out. A chain starts at an item no earlier item links to
    and follows the links; only chains of two or more steps are returned, in reading order of their
    first item. The links are shared wording, not a development the plan states.
    `neighbours`: as in `pairs`. `limit`: only the first `limit` chains (`progression_count`
    counts them all).
    """
    return progression_with_count(df, area_code, min_score=min_score, neighbours=neighbours, limit=limit)[0]


def progression_with_count(
    df: pd.DataFrame,
    area_code: str,
    *,
    min_score: float = PROGRESSION_MIN_SCORE,
    neighbours: Neighbours | None = None,
    limit: int | None = None,
) -> tuple[pd.DataFrame, int]:
    """`progression(...)` and `progression_count(...)` from one pass over the links."""
    area = df[df[Col.AREA_CODE] == area_code]
    nxt, starts = _next_links(area, min_score, neighbours)
    rows: list[tuple[int, int, int, float]] = []  # chain, step, row position, score
    for chain, start in enumerate(starts[:limit], 1):
        steps = [(start, float("nan"))]
        while steps[-1][0] in nxt:
            steps.append(nxt[steps[-1][0]])
        rows.extend((chain, step, i, float(s)) for step, (i, s) in enumerate(steps))
    at = np.array([r[2] for r in rows], dtype=np.int64)
    actors, phases = _take(area, Col.ACTOR_CODE, at), _take(area, Col.PHASE_CODE, at)
    ids, texts = _take(area, Col.ID, at), _take(area, Col.TEXT, at)
    records = [
        {
            ChainCol.CHAIN: c,
            ChainCol.STEP: step,
            ChainCol.ACTOR_CODE: actors[n],
            ChainCol.PHASE_CODE: phases[n],
            ChainCol.ID: ids[n],
            ChainCol.TEXT: texts[n],
            ChainCol.SCORE: s,
        }
        for n, (c, step, _, s) in enumerate(rows)
    ]
    return pd.DataFrame.from_records(records, columns=list(CHAIN_COLUMNS)), len(starts)


def progression_count(
    df: pd.DataFrame,
    area_code: str,
    *,
    min_score: float = PROGRESSION_MIN_SCORE,
    neighbours: Neighbours | None = None,
) -> int:
    """How many chains `progression` finds (without building them)."""
    return len(_next_links(df[df[Col.AREA_CODE] == area_code], min_score, neighbours)[1])
