"""Key terms of each initiative: the compound nouns a reader sees, found with the analyser janome.

The build stores each item's terms (`terms` column, first occurrence order, no repeats) so the app
only counts them; `top_terms` counts the initiatives using each term. How the plan's texts become
terms (`table_terms`):

1. janome splits each text into morphemes with a part of speech (IPADIC), helped by a small
   dictionary of this plan's fixed terms that it would otherwise split (`DOMAIN_TERMS`).
2. A run of nouns is one word: 万博会場内外, QRコード, ストレスフリー, 情報発信戦略, 中小企業 stay
   whole, with a prefix before a noun (脱炭素, 新事業) and a suffix after one (事業者, 起業家).
   Particles, auxiliaries, verbs, adjectives, symbols, punctuation, numbers, dependent nouns and
   pronouns end a word and are dropped.
3. Generic words at either end (`STOP_TERMS`: 等, 取組, 支援, 促進 … that say "doing" without saying
   what) are trimmed (新事業創出 → 新事業); a word left with one character, a number, a stop word or
   an adjectival stem alone (多様) is dropped. Terms are NFKC-normalised.
4. A word also counts as its parts where a part is itself a word of the plan (written on its own
   in some item): 情報発信戦略 also gives 情報発信, 情報, 発信 and 戦略, so 発信 counts every item
   that publicises something. A part that is never a word on its own (内外 in 万博会場内外, コード in
   QRコード) is not a term. So a term's count is the number of items whose text contains it, and
   searching for the term finds those items.
5. 万博 is not a term (`FILTER_TERMS`): the Expo filter (万博との関連) says what it means, including
   pavilions, Global Startup EXPO 2025 and the sub-items of Expo headings, which the word misses.
   Compounds that name a part of the Expo (万博会場, 関西パビリオン) stay.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from janome.tokenizer import Token, Tokenizer

from .aggregate import ListCodes, unit_positions, unit_repeats
from .schema import Col

TERM = "term"
COUNT = "count"

# Fixed terms of this plan that janome splits into pieces whose parts alone mislead (空 + 飛ぶ +
# クルマ, 中小 + 企業, 再生 + 医療), scheme names, and names written with spaces.
DOMAIN_TERMS: tuple[str, ...] = (
    "空飛ぶクルマ",
    "構成府県市",
    "広域連合",
    "再生医療",
    "自動運転",
    "外国人材",
    "中小企業",
    "社会実装",
    "事業承継",
    "育成就労",
    "在留資格",
    "技能実習生",
    "障がい者",
    "ものづくり",
    "健都万博",
    "けいはんな学研都市",
    "うめきた",
    "リスキリング",
    "スキルアップ",
    "Global Startup EXPO 2025",
    "from NOW ON KANSAI",
    "Nakanoshima Cross",
    "Japan Health",
    "Beyond 5G",
    "my iPS細胞",
    "オープン・イノベーション",
)

# Words a filter covers better than a search (they are left out of the terms; see the docstring).
FILTER_TERMS: frozenset[str] = frozenset({"万博", "大阪・関西万博", "関西万博", "expo", "expo 2025"})

# Generic words: function nouns, and verbal nouns that say "doing" without saying what.
STOP_TERMS: frozenset[str] = frozenset(
    {
        "等",
        "など",
        "こと",
        "ため",
        "もの",
        "取組",
        "取組み",
        "取り組み",
        "関連",
        "支援",
        "促進",
        "推進",
        "実施",
        "活用",
        "展開",
        "実現",
        "構築",
        "形成",
        "創出",
        "強化",
        "拡充",
        "拡大",
        "向上",
        "充実",
        "確立",
        "開始",
        "後押し",
        "対象",
        "域内",
        "域内外",
        "具体化",
        "活性化",
        "構成",
        "設置",
        "開催",
        "提供",
        "作成",
        "実行",
        "実践",
        "検討",
        "準備",
        "増加",
    }
)

KEPT_NOUNS_EXCLUDE = ("数", "非自立", "代名詞")  # nouns that end a word
STEM_NOUNS = ("副詞可能", "形容動詞語幹")  # nouns that join a word but are no term alone (多様, 最新な)
SUFFIX_BREAKS = frozenset({"等", "向け", "など"})  # suffixes that end a term instead of joining it
_HAS_LETTER = re.compile(r"[^\W\d_]")
_NUMBER = re.compile(r"^[\d.,]+$")


@cache
def _tokenizer() -> Tokenizer:
    """janome with the plan's fixed terms as a user dictionary (built once per process)."""
    lines = "".join(f"{w},名詞,{w}\n" for w in DOMAIN_TERMS)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "domain_terms.csv"
        path.write_text(lines, encoding="utf-8")
        return Tokenizer(str(path), udic_type="simpledic", udic_enc="utf8")


def analyse(text: str) -> list[Token]:
    """janome's morphemes of `text` (with the plan's fixed terms as single nouns)."""
    return list(_tokenizer().tokenize(text))


def _pos(token: Token) -> tuple[str, str]:
    parts = token.part_of_speech.split(",")
    return parts[0], parts[1] if len(parts) > 1 else "*"


def term_tokens(text: str) -> list[list[Token]]:
    """The morphemes of each word of `text` (runs of nouns with their prefixes and suffixes),
    generic words at either end trimmed, before normalisation and the final checks."""
    groups: list[list[Token]] = []
    current: list[Token] = []

    def close() -> None:
        nonlocal current
        while current and (current[-1].surface in STOP_TERMS or _pos(current[-1])[0] == "接頭詞"):
            current.pop()
        while current and current[0].surface in STOP_TERMS:
            current.pop(0)
        if current and not (len(current) == 1 and _pos(current[0])[1] in STEM_NOUNS):
            groups.append(current)
        current = []

    for tok in analyse(text):
        major, minor = _pos(tok)
        if tok.surface in SUFFIX_BREAKS:
            close()
        elif major == "接頭詞":
            current.append(tok)
        elif major == "名詞" and minor == "接尾":
            if current:
                current.append(tok)
        elif major == "名詞" and minor not in KEPT_NOUNS_EXCLUDE:
            current.append(tok)
        else:
            close()
    close()
    return groups


def _keep(term: str) -> bool:
    return (
        len(term) > 1
        and term not in STOP_TERMS
        and bool(_HAS_LETTER.search(term))
        and not _NUMBER.match(term)
        and _fold(term) not in FILTER_TERMS
    )


def _fold(term: str) -> str:
    """How the search compares text (NFKC, case folded)."""
    return unicodedata.normalize("NFKC", term).casefold()


def tokenize(text: str) -> list[str]:
    """The words of `text` in reading order (repeats kept), without their parts."""
    words = (unicodedata.normalize("NFKC", "".join(t.surface for t in group)) for group in term_tokens(text))
    return [w for w in words if _keep(w)]


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Every word the texts use on its own (what a part of a longer word must be to count)."""
    return frozenset(w for text in texts for w in tokenize(text))


def item_terms(text: str, words: frozenset[str] | None = None) -> list[str]:
    """The distinct terms of `text`: each word, followed by its parts that are in `words` (by
    position, longer first), in order of first occurrence. `words`: the plan's `vocabulary`
    (default: the words of `text` itself)."""
    own = tokenize(text)
    words = frozenset(own) if words is None else words
    folded = [(_fold(w), w) for w in sorted(words)]
    out: list[str] = []
    for word in own:
        out.append(word)
        key = _fold(word)
        parts = [(key.find(f), -len(f), w) for f, w in folded if w != word and f in key]
        out.extend(w for _, _, w in sorted(parts))
    return list(dict.fromkeys(out))


def table_terms(texts: Iterable[str]) -> list[list[str]]:
    """`item_terms` of each text with the vocabulary of all of them (what the build stores)."""
    texts = list(texts)
    words = vocabulary(texts)
    return [item_terms(t, words) for t in texts]


def top_terms(
    df: pd.DataFrame, n: int = 20, by: str | Iterable[str] | None = None, codes: ListCodes | None = None
) -> pd.DataFrame:
    """The n most frequent terms (count = number of initiatives using the term), per group if `by`.

    An initiative (an item with its sub-items, `aggregate.unit_positions`) uses a term once, however
    many of its rows have it. Columns: the `by` columns (if any), `term`, `count`; ordered by group,
    then count (descending), then term. `codes`: the terms column of a table `df` is a row subset
    of, as `aggregate.list_codes` makes it (the same result, faster).
    """
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    by_code = codes.flat(df) if codes is not None and not keys else None
    if by_code is not None:
        rows, c = by_code
        return _ranked(codes.vocab, _unit_bincount(df, rows, c, len(codes.vocab)), n)
    if not keys:
        fast = _top_terms_flat(df, n)
        if fast is not None:
            return fast
    long = pd.DataFrame({"_unit": unit_positions(df), **{k: df[k].reset_index(drop=True) for k in keys}})
    long[Col.TERMS] = df[Col.TERMS].to_numpy()
    long = long.explode(Col.TERMS).dropna(subset=[Col.TERMS]).rename(columns={Col.TERMS: TERM})
    long[TERM] = long[TERM].astype(str)
    long = long.drop_duplicates(["_unit", TERM])
    counts = long.groupby([*keys, TERM], observed=True, sort=False).size().rename(COUNT).reset_index()
    counts = counts.sort_values([*keys, COUNT, TERM], ascending=[True] * len(keys) + [False, True], kind="stable")
    if keys:
        counts = counts.groupby(keys, observed=True, sort=False).head(n)
    else:
        counts = counts.head(n)
    return counts.reset_index(drop=True)


def _ranked(vocab: np.ndarray, counts: np.ndarray, n: int) -> pd.DataFrame:
    """The `n` terms of `vocab` with the largest `counts` (count descending, then term)."""
    used = np.flatnonzero(counts)
    out = pd.DataFrame({TERM: np.asarray(vocab, dtype=object)[used].astype(str), COUNT: counts[used].astype("int64")})
    out = out.sort_values([COUNT, TERM], ascending=[False, True], kind="stable").head(n)
    return out.reset_index(drop=True)


def _top_terms_flat(df: pd.DataFrame, n: int) -> pd.DataFrame | None:
    """`top_terms` without `by`, for a column of 1-D lists/arrays (None otherwise): the cells'
    terms concatenated and coded instead of exploding a frame (a 100,000-row table has half a
    million term occurrences). Same counts, same order (count descending, then term)."""
    cells = df[Col.TERMS].tolist()
    joined = _joined(cells)
    if joined is None:
        if not all(isinstance(v, (list, np.ndarray)) and np.ndim(v) == 1 for v in cells):
            return None
        items = [np.asarray(v, dtype=object) for v in cells if len(v)]
        joined = np.concatenate(items) if items else np.empty(0, dtype=object)
    lens = np.fromiter(map(len, cells), dtype=np.int64, count=len(cells))
    rows = np.repeat(np.arange(len(cells), dtype=np.int64), lens)
    flat = pd.Series(joined, dtype=object)
    known = flat.notna().to_numpy()
    # Terms are compared as text (as the general path does with astype(str)).
    c, vocab = pd.factorize(flat[known].astype(str))
    return _ranked(np.asarray(vocab, dtype=object), _unit_bincount(df, rows[known], c, len(vocab)), n)


def _unit_bincount(df: pd.DataFrame, rows: np.ndarray, codes: np.ndarray, n_codes: int) -> np.ndarray:
    """Initiatives per code: occurrences (`rows`, `codes`; -1: none) counted once per initiative."""
    n = np.bincount(codes[codes >= 0], minlength=n_codes)
    rep = unit_repeats(df, rows, codes, n_codes)
    if len(rep.drop):
        n = n - np.bincount(codes[rep.drop], minlength=n_codes) + np.bincount(rep.codes, minlength=n_codes)
    return n


def _joined(cells: list) -> np.ndarray | None:
    """The elements of a column of 1-D numpy arrays (as pyarrow reads list columns) in one
    concatenate; None for anything else."""
    if not cells or set(map(type, cells)) != {np.ndarray}:
        return None
    try:
        joined = np.concatenate(cells)
    except (TypeError, ValueError):  # 0-d arrays, or arrays that do not join
        return None
    return joined if joined.ndim == 1 and len(joined) == sum(map(len, cells)) else None
