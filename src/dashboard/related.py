"""Related initiatives by text similarity: character n-gram TF-IDF and cosine, numpy only.

The build computes each initiative's nearest items and stores them (`related_ids`,
`related_scores`); `pairs` and `progression` work from those stored columns, so the app shows
exactly the scores the build computed, whatever subset of rows it passes in.

Method: NFKC-normalise and lower-case the text, split it at every character that is not a letter
or digit, take the character n-grams (n = 2 and 3) inside each run, weight them by sublinear term
frequency (1 + log tf) times smoothed inverse document frequency (log((1 + N) / (1 + df)) + 1),
L2-normalise each row; the cosine of two rows is then their dot product, in [0, 1].
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
import pandas as pd

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


def pairs(
    df: pd.DataFrame,
    *,
    same_area: bool = True,
    same_phase: bool = False,
    min_score: float = 0.0,
    top: int | None = None,
) -> pd.DataFrame:
    """Closest pairs of a 関西広域連合 item and a 構成府県市 item, best first (連携候補).

    A pair is listed when one item is among the other's stored nearest neighbours and both rows are
    in `df`; `same_area` / `same_phase` keep pairs within one area / phase; scores must exceed
    `min_score`; ties are broken by reading order.
    """
    scores = _scores(df)
    rows = df.set_index(Col.ID)
    seq = dict(zip(df[Col.ID], range(len(df)), strict=True))
    found = []
    for (a, b), score in scores.items():
        if score <= min_score:
            continue
        ra, rb = rows.loc[a], rows.loc[b]
        if ra[Col.ACTOR_CODE] != "union" or rb[Col.ACTOR_CODE] != "members":
            continue
        if same_area and ra[Col.AREA_CODE] != rb[Col.AREA_CODE]:
            continue
        if same_phase and ra[Col.PHASE_CODE] != rb[Col.PHASE_CODE]:
            continue
        found.append((-score, seq[a], seq[b], a, b))
    records = [
        {
            PairCol.AREA_CODE: rows.loc[a, Col.AREA_CODE],
            PairCol.UNION_ID: a,
            PairCol.UNION_PHASE: rows.loc[a, Col.PHASE_CODE],
            PairCol.UNION_TEXT: rows.loc[a, Col.TEXT],
            PairCol.MEMBERS_ID: b,
            PairCol.MEMBERS_PHASE: rows.loc[b, Col.PHASE_CODE],
            PairCol.MEMBERS_TEXT: rows.loc[b, Col.TEXT],
            PairCol.SCORE: -neg,
        }
        for neg, _, _, a, b in sorted(found)[:top]
    ]
    return pd.DataFrame.from_records(records, columns=list(PAIR_COLUMNS))


def progression(df: pd.DataFrame, area_code: str, *, min_score: float = PROGRESSION_MIN_SCORE) -> pd.DataFrame:
    """Chains of related items across 2024 → 2025 → 2026 within one area, for each actor.

    Each item links to its most similar stored neighbour in the next phase (same area and actor,
    score > min_score). A chain starts at an item no earlier item links to and follows the links;
    only chains of two or more steps are returned, in reading order of their first item.
    """
    area = df[df[Col.AREA_CODE] == area_code]
    scores = _scores(area)
    info = {r[Col.ID]: r for r in area.to_dict("records")}
    order = {id_: i for i, id_ in enumerate(area[Col.ID])}
    nxt: dict[str, tuple[str, float]] = {}
    for a, ra in info.items():
        phase = str(ra[Col.PHASE_CODE])
        if phase == PHASE_CODES[-1]:
            continue
        following = PHASE_CODES[PHASE_CODES.index(phase) + 1]
        best = [
            (s, b)
            for (x, b), s in scores.items()
            if x == a
            and str(info[b][Col.PHASE_CODE]) == following
            and info[b][Col.ACTOR_CODE] == ra[Col.ACTOR_CODE]
            and s > min_score
        ]
        if best:
            score, b = min(best, key=lambda sb: (-sb[0], order[sb[1]]))
            nxt[a] = (b, score)
    targets = {b for b, _ in nxt.values()}
    records = []
    chain = 0
    for start in sorted(nxt, key=order.__getitem__):
        if start in targets:
            continue
        chain += 1
        steps = [(start, float("nan"))]
        while steps[-1][0] in nxt:
            steps.append(nxt[steps[-1][0]])
        for step, (id_, score) in enumerate(steps):
            r = info[id_]
            records.append(
                {
                    ChainCol.CHAIN: chain,
                    ChainCol.STEP: step,
                    ChainCol.ACTOR_CODE: r[Col.ACTOR_CODE],
                    ChainCol.PHASE_CODE: r[Col.PHASE_CODE],
                    ChainCol.ID: id_,
                    ChainCol.TEXT: r[Col.TEXT],
                    ChainCol.SCORE: score,
                }
            )
    return pd.DataFrame.from_records(records, columns=list(CHAIN_COLUMNS))
