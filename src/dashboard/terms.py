"""Key terms of each initiative, from the Japanese morphological analyser janome.

The build stores each item's terms (`terms` column, first occurrence order, no repeats) so the app
only counts them. How a text becomes terms:

1. janome splits the text into morphemes with a part of speech (IPADIC), helped by a small
   dictionary of this plan's fixed terms that it would otherwise split (`DOMAIN_TERMS`).
2. Only nouns (名詞) make terms, except number (数), dependent (非自立), pronoun (代名詞),
   adverbial (副詞可能) and adjectival (形容動詞語幹) nouns. Particles, auxiliaries, verbs,
   adjectives, symbols and punctuation end a term and are dropped.
3. A term is one noun, widened only where the analyser cuts a word into pieces: a prefix
   (接頭詞: 脱, 新, 共, 異, 再 …) joins the noun after it (脱炭素, 新事業), a suffix (名詞-接尾:
   化, 者, 家, 性 …) joins the noun before it (事業化, 事業者, 起業家), and katakana nouns next to
   each other join (スタート + アップ → スタートアップ). Other nouns next to each other stay apart:
   joining them all gives one-off strings (カーボンニュートラル研究成果事業化促進フォーラム) that
   never recur, so counts would say nothing; and 情報発信 stays 情報 + 発信 because the plan says
   発信 alone as often (強みの発信, 技術の発信), so one term 発信 counts all of it.
4. Terms are NFKC-normalised; single characters, numbers and `STOP_TERMS` (generic words such as
   等, 取組, 支援, 促進 that say "doing" without saying what) are dropped.
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
)

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

KEPT_NOUNS_EXCLUDE = ("数", "非自立", "代名詞", "副詞可能", "形容動詞語幹")
SUFFIX_BREAKS = frozenset({"等", "向け", "など"})  # suffixes that end a term instead of joining it
_KATAKANA = re.compile(r"^[\u30a0-\u30ffー]+$")
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
    """The morphemes making each candidate term of `text`, before normalisation and stop words."""
    groups: list[list[Token]] = []
    current: list[Token] = []
    prefix: list[Token] = []

    def close() -> None:
        nonlocal current
        if current:
            groups.append(current)
        current = []

    for tok in analyse(text):
        major, minor = _pos(tok)
        if major == "接頭詞":
            close()
            prefix.append(tok)
            continue
        if major == "名詞" and minor == "接尾":
            if tok.surface in SUFFIX_BREAKS or not current:
                close()
            else:
                current.append(tok)
            prefix = []
            continue
        if major == "名詞" and minor not in KEPT_NOUNS_EXCLUDE and tok.surface not in SUFFIX_BREAKS:
            joins_katakana = (
                current and not prefix and _KATAKANA.match(current[-1].surface) and _KATAKANA.match(tok.surface)
            )
            if not joins_katakana:
                close()
            current.extend([*prefix, tok])
            prefix = []
            continue
        close()
        prefix = []
    close()
    return groups


def _keep(term: str) -> bool:
    return len(term) > 1 and term not in STOP_TERMS and bool(_HAS_LETTER.search(term)) and not _NUMBER.match(term)


def tokenize(text: str) -> list[str]:
    """The key terms of `text` in reading order (repeats kept)."""
    terms = (unicodedata.normalize("NFKC", "".join(t.surface for t in group)) for group in term_tokens(text))
    return [t for t in terms if _keep(t)]


def item_terms(text: str) -> list[str]:
    """The distinct key terms of `text`, in order of first occurrence (what the build stores)."""
    return list(dict.fromkeys(tokenize(text)))


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
