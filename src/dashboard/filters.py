"""The shared filter: a Filters value, applying it to the table, and its URL form.

URL query parameters are a public interface:
  area=ls|cn|mob|su|sme|hr   phase=2024|2025|2026   actor=union|members   (repeat a key for several)
  sub=fly|maas|fly-maas      subitems=0 (hide sub-items)   q=search text   lang=ja|en
  instrument=outreach|matching|…  (instrument types; any of them)   expo=1|0 (Expo-related or not)
  status=not_started|preparing|in_progress|done|discontinued|none  (progress in the fiscal year; any of them)
  fy=2024|2025|2026 (whose progress is shown; default: the latest with records)
  asof=YYYY-MM-DD (progress as it stood at the end of that day)
  tab=instruments|expo|pairs|progression|terms  (the analysis page's tab; not a filter)
  focus=ls|cn|…  (the one area the matrix, the timeline or the progressions lay out; not a filter)
Unknown keys and invalid values are dropped and reported as Notices, never raised.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np
import pandas as pd

from .i18n import DEFAULT_LANG, LANGS
from .schema import (
    ACTOR_CODES,
    ANALYSIS_TABS,
    AREA_CODES,
    FISCAL_YEARS,
    INSTRUMENT_CODES,
    PHASE_CODES,
    STATUS_FILTER_CODES,
    SUB_THEME_BY_CODE,
    SUB_THEME_CODES,
    Col,
)

# Limits that keep a hostile URL cheap to handle.
MAX_QUERY_CHARS = 200
MAX_VALUES_PER_KEY = 20
MAX_VALUE_CHARS = 40  # for enumerated values (codes are short)


class Param:
    """Query-parameter names."""

    AREA = "area"
    PHASE = "phase"
    ACTOR = "actor"
    SUB = "sub"
    SUBITEMS = "subitems"
    Q = "q"
    LANG = "lang"
    INSTRUMENT = "instrument"
    EXPO = "expo"
    STATUS = "status"
    FY = "fy"
    ASOF = "asof"
    TAB = "tab"
    FOCUS = "focus"
    ITEM = "item"


# Enumerated parameters → (Filters field, valid values in plan order).
ENUM_PARAMS: dict[str, tuple[str, tuple[str, ...]]] = {
    Param.AREA: ("areas", AREA_CODES),
    Param.PHASE: ("phases", PHASE_CODES),
    Param.ACTOR: ("actors", ACTOR_CODES),
    Param.SUB: ("sub_themes", SUB_THEME_CODES),
    Param.INSTRUMENT: ("instruments", INSTRUMENT_CODES),
    Param.STATUS: ("statuses", STATUS_FILTER_CODES),
}
KNOWN_PARAMS = (
    *ENUM_PARAMS,
    Param.SUBITEMS,
    Param.EXPO,
    Param.Q,
    Param.FY,
    Param.ASOF,
    Param.LANG,
    Param.TAB,
    Param.FOCUS,
    Param.ITEM,
)
FY_VALUES = tuple(str(y) for y in FISCAL_YEARS)
ITEM_ID = re.compile(r"[a-z]{2,3}-20\d\d-(?:union|members)-\d{2}(?:-\d{1,2})?")  # the plan's ids
EARLIEST_AS_OF = date(2024, 4, 1)  # the plan's first fiscal year starts
# Streamlit's own parameters: left alone, no notice.
FRAMEWORK_PARAMS = ("embed", "embed_options")


@dataclass(frozen=True)
class Filters:
    """What the user chose; empty tuples mean "all"."""

    areas: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    sub_themes: tuple[str, ...] = ()
    include_sub_items: bool = True
    query: str = ""
    instruments: tuple[str, ...] = ()  # any of these instrument types
    expo: bool | None = None  # True: Expo-related only; False: not Expo-related; None: all
    statuses: tuple[str, ...] = ()  # progress in the fiscal year: any of these (STATUS_FILTER_CODES)
    fiscal_year: int | None = None  # whose progress is shown; None: the latest with records
    as_of: date | None = None  # progress as it stood at the end of that day; None: now

    def is_default(self) -> bool:
        return self == Filters()

    def with_(self, **changes) -> Filters:
        return replace(self, **changes)


@dataclass(frozen=True)
class Notice:
    """Something in the URL that was dropped or changed; `key` names the i18n message."""

    key: str
    param: str
    value: str = ""


@dataclass(frozen=True)
class UrlState:
    filters: Filters = field(default_factory=Filters)
    lang: str = DEFAULT_LANG
    notices: tuple[Notice, ...] = ()
    tab: str = ANALYSIS_TABS[0]
    focus: str | None = None  # the area a page lays out (matrix, timeline, progressions)
    item: str | None = None  # the initiative the explorer shows in detail (an id of the plan's form)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def normalise(text: str) -> str:
    """NFKC + casefold, so full- and half-width letters and digits compare equal."""
    return unicodedata.normalize("NFKC", text).casefold()


def clean_query(text: str) -> str:
    """Search text as typed, minus control and bidi-override characters, spaces collapsed."""
    return " ".join(_CONTROL.sub(" ", text).split())


@dataclass(frozen=True)
class Search:
    """A parsed search: each group must match (any one of its words), no excluded word may occur.

    `水素 電池` → both; `水素 OR 電池` (or `水素 | 電池`) → either; `-万博` → without 万博;
    `"空飛ぶ クルマ"` → the phrase, spaces included. Words are normalised (NFKC + casefold)."""

    groups: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups or self.excluded)

    @property
    def words(self) -> list[str]:
        """The words a hit can be (for highlighting): every word of every group."""
        return [w for g in self.groups for w in g]


OR_WORDS = frozenset({"or", "|"})
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_search(query: str) -> Search:
    """Read search text into a `Search` (never fails: odd input is taken as plain words)."""
    groups: list[tuple[str, ...]] = []
    excluded: list[str] = []
    join = False
    for m in _TOKEN.finditer(normalise(clean_query(query))):
        minus, phrase, word = m.group(1), m.group(2), m.group(3)
        quoted = word is None
        tok = (phrase or "").strip() if quoted else word
        if not quoted and tok in OR_WORDS:
            join = bool(groups)
            continue
        if not quoted and tok.startswith("-") and len(tok) > 1:
            minus, tok = "-", tok[1:]
        if not tok:
            continue
        if minus:
            excluded.append(tok)
        elif join:
            groups[-1] = (*groups[-1], tok)
        else:
            groups.append((tok,))
        join = False
    return Search(tuple(groups), tuple(excluded))


def search_terms(query: str) -> list[str]:
    """The normalised words a hit of `query` can be (excluded words are not hits)."""
    return parse_search(query).words


def _ordered(values: Iterable[str], valid: tuple[str, ...]) -> tuple[str, ...]:
    chosen = set(values)
    return tuple(v for v in valid if v in chosen)


def _any_of(lists: pd.Series, wanted: set) -> pd.Series:
    """Per row: does the row's list share an element with `wanted`? Vectorised for a column of 1-D
    lists/arrays (concatenate once, test membership once); any other cell type takes the plain path."""
    cells = lists.tolist()
    fast = bool(cells) and set(map(type, cells)) == {np.ndarray} and all(v.ndim == 1 for v in cells)
    if not fast and not all(isinstance(v, (list, np.ndarray)) and np.ndim(v) == 1 for v in cells):
        return lists.map(lambda types: not wanted.isdisjoint(types)).astype(bool)
    lens = np.fromiter(map(len, cells), dtype=np.int64, count=len(cells))
    if not lens.sum():
        return pd.Series(False, index=lists.index)
    rows = np.repeat(np.arange(len(cells), dtype=np.int64), lens)
    try:
        items = np.concatenate(cells if fast else [np.asarray(v, dtype=object) for v in cells])
    except (TypeError, ValueError):  # arrays that do not join into one
        items = np.concatenate([np.asarray(v, dtype=object) for v in cells])
    hit = np.fromiter((x in wanted for x in items), dtype=bool, count=len(items))
    return pd.Series(np.bincount(rows[hit], minlength=len(cells)) > 0, index=lists.index)


def apply(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The rows of `df` that match `f` (a new frame; `df` is not changed)."""
    return df.loc[mask(df, f)]


def mask(df: pd.DataFrame, f: Filters) -> pd.Series:
    """Per row of `df`: does it match `f`? (boolean, `df`'s index)"""
    keep = pd.Series(True, index=df.index)
    if f.areas:
        keep &= df[Col.AREA_CODE].isin(f.areas)
    if f.phases:
        keep &= df[Col.PHASE_CODE].isin(f.phases)
    if f.actors:
        keep &= df[Col.ACTOR_CODE].isin(f.actors)
    if f.sub_themes:
        names = [SUB_THEME_BY_CODE[c].ja for c in f.sub_themes if c in SUB_THEME_BY_CODE]
        keep &= df[Col.SUB_THEME].isin(names).fillna(False).astype(bool)
    if not f.include_sub_items:
        keep &= df[Col.LEVEL] == 1
    if f.instruments and Col.INSTRUMENT_TYPES in df.columns:
        keep &= _any_of(df[Col.INSTRUMENT_TYPES], set(f.instruments))
    if f.expo is not None and Col.EXPO_RELATED in df.columns:
        keep &= df[Col.EXPO_RELATED] == f.expo
    search = parse_search(f.query)
    if search:
        haystack = df.loc[keep, Col.TEXT].map(normalise)
        hit = pd.Series(True, index=haystack.index)
        for group in search.groups:
            any_word = pd.Series(False, index=haystack.index)
            for word in group:
                any_word |= haystack.str.contains(word, regex=False)
            hit &= any_word
        for word in search.excluded:
            hit &= ~haystack.str.contains(word, regex=False)
        keep &= hit.reindex(df.index, fill_value=False)
    return keep.fillna(False).astype(bool)


def parse_query_params(params: Mapping[str, Iterable[str]]) -> UrlState:
    """Read URL query parameters (key → list of values) into filters, language and notices."""
    notices: list[Notice] = []
    chosen: dict[str, tuple[str, ...]] = {}
    include_sub_items = True
    expo = None
    query = ""
    lang = DEFAULT_LANG
    tab = ANALYSIS_TABS[0]
    focus: str | None = None
    item: str | None = None
    fiscal_year: int | None = None
    as_of: date | None = None
    for key, raw_values in params.items():
        values = [str(v) for v in raw_values] if not isinstance(raw_values, str) else [raw_values]
        if key.lower() in FRAMEWORK_PARAMS:
            continue
        if key not in KNOWN_PARAMS:
            notices.append(Notice("url.unknown_param", _short(key)))
            continue
        if len(values) > MAX_VALUES_PER_KEY:
            notices.append(Notice("url.too_many", key, str(len(values))))
            values = values[:MAX_VALUES_PER_KEY]
        if key in ENUM_PARAMS:
            fld, valid = ENUM_PARAMS[key]
            good = []
            for v in values:
                if v in valid:
                    good.append(v)
                elif v != "":
                    notices.append(Notice("url.invalid_value", key, _short(v)))
            chosen[fld] = _ordered(good, valid)
        elif key == Param.SUBITEMS:
            v = _one_of(key, values, ("0", "1"), notices)
            include_sub_items = include_sub_items if v is None else v == "1"
        elif key == Param.EXPO:
            v = _one_of(key, values, ("0", "1"), notices)
            expo = expo if v is None else v == "1"
        elif key == Param.Q:
            v = clean_query(values[-1] if values else "")
            if len(v) > MAX_QUERY_CHARS:
                notices.append(Notice("url.too_long", key, str(len(v))))
                v = v[:MAX_QUERY_CHARS]
            query = v
        elif key == Param.FY:
            v = _one_of(key, values, FY_VALUES, notices)
            fiscal_year = fiscal_year if v is None else int(v)
        elif key == Param.ASOF:
            as_of = _as_of(values, notices) or as_of
        elif key == Param.LANG:
            lang = _one_of(key, values, LANGS, notices) or lang
        elif key == Param.TAB:
            tab = _one_of(key, values, ANALYSIS_TABS, notices) or tab
        elif key == Param.FOCUS:
            focus = _one_of(key, values, AREA_CODES, notices) or focus
        elif key == Param.ITEM:
            v = values[-1] if values else ""
            if ITEM_ID.fullmatch(v):
                item = v
            else:
                notices.append(Notice("url.invalid_value", key, _short(v)))
    filters = Filters(
        include_sub_items=include_sub_items, query=query, expo=expo, fiscal_year=fiscal_year, as_of=as_of, **chosen
    )
    return UrlState(filters, lang, tuple(notices), tab, focus, item)


def _one_of(key: str, values: list[str], valid: Iterable[str], notices: list[Notice]) -> str | None:
    """A single-valued parameter: its last value if valid, else None with a notice."""
    v = values[-1] if values else ""
    if v in valid:
        return v
    notices.append(Notice("url.invalid_value", key, _short(v)))
    return None


def _as_of(values: list[str], notices: list[Notice], today: date | None = None) -> date | None:
    """`asof=YYYY-MM-DD`: a real day from the plan's start to today, else None with a notice."""
    v = values[-1] if values else ""
    try:
        day = date.fromisoformat(v) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) else None
    except ValueError:
        day = None
    if day is None or not EARLIEST_AS_OF <= day <= (today or date.today()):
        notices.append(Notice("url.invalid_value", Param.ASOF, _short(v)))
        return None
    return day


def _short(value: str) -> str:
    """A value fit to quote back in a notice: trimmed, control characters removed."""
    value = clean_query(value)
    return value if len(value) <= MAX_VALUE_CHARS else value[:MAX_VALUE_CHARS] + "…"


def to_query_params(
    f: Filters, lang: str = DEFAULT_LANG, tab: str | None = None, focus: str | None = None, item: str | None = None
) -> dict[str, list[str]]:
    """The canonical URL form of a filter (defaults omitted, values in plan order); `tab`: the
    analysis page's tab, written when it is a known one other than the first; `focus`: the area a
    page lays out, when it is one."""
    out: dict[str, list[str]] = {}
    for key, (fld, valid) in ENUM_PARAMS.items():
        values = _ordered(getattr(f, fld), valid)
        if values:
            out[key] = list(values)
    if not f.include_sub_items:
        out[Param.SUBITEMS] = ["0"]
    if f.expo is not None:
        out[Param.EXPO] = ["1" if f.expo else "0"]
    if f.query:
        out[Param.Q] = [f.query]
    if f.fiscal_year is not None:
        out[Param.FY] = [str(f.fiscal_year)]
    if f.as_of is not None:
        out[Param.ASOF] = [f.as_of.isoformat()]
    if lang != DEFAULT_LANG:
        out[Param.LANG] = [lang]
    if tab in ANALYSIS_TABS[1:]:
        out[Param.TAB] = [tab]
    if focus in AREA_CODES:
        out[Param.FOCUS] = [focus]
    if item and ITEM_ID.fullmatch(item):
        out[Param.ITEM] = [item]
    return out


def query_string(f: Filters, lang: str = DEFAULT_LANG, tab: str | None = None, focus: str | None = None) -> str:
    """`?area=su&phase=2026…` (empty string for the default view)."""
    from urllib.parse import urlencode

    pairs = [(k, v) for k, vs in to_query_params(f, lang, tab, focus).items() for v in vs]
    return "?" + urlencode(pairs) if pairs else ""


# --------------------------------------------------------------------------- the filter in words


@dataclass(frozen=True)
class Chip:
    """One active filter value, as the removable chip above every page shows it."""

    field: str  # a Filters field
    value: object  # the value removed with this chip (a code, or the field's whole value)
    text: str  # 「分野: スタートアップ」


_CHIP_FIELDS = (
    ("areas", "chip.area", "area"),
    ("phases", "chip.phase", "phase"),
    ("actors", "chip.actor", "actor"),
    ("sub_themes", "chip.sub_theme", "sub_theme"),
    ("instruments", "chip.instrument", "instrument"),
    ("statuses", "chip.status", "status"),
)


def chips(f: Filters, lang: str = DEFAULT_LANG) -> list[Chip]:
    """Every active part of `f`, one chip per chosen value, in the sidebar's order."""
    from .i18n import catalogue
    from .schema import STATUS_NONE, label

    t = catalogue(lang)
    out: list[Chip] = []
    for fld, key, kind in _CHIP_FIELDS:
        for code in getattr(f, fld):
            name = t("progress.status.none") if kind == "status" and code == STATUS_NONE else label(kind, code, lang)
            out.append(Chip(fld, code, f"{t(key)}: {name}"))
    if not f.include_sub_items:
        out.append(Chip("include_sub_items", True, t("chip.sub_items_hidden")))
    if f.expo is not None:
        out.append(Chip("expo", None, f"{t('chip.expo')}: {t('filter.expo.yes' if f.expo else 'filter.expo.no')}"))
    if f.query:
        out.append(Chip("query", "", f"{t('chip.query')}: {f.query}"))
    if f.fiscal_year is not None:
        out.append(Chip("fiscal_year", None, t("filter.fy_value", fy=f.fiscal_year)))
    if f.as_of is not None:
        out.append(Chip("as_of", None, t("chip.as_of", day=f"{f.as_of:%Y/%m/%d}")))
    return out


def without(f: Filters, chip: Chip) -> Filters:
    """`f` with one chip removed: its value out of a chosen tuple, or the field back to its default."""
    current = getattr(f, chip.field)
    if isinstance(current, tuple):
        return f.with_(**{chip.field: tuple(v for v in current if v != chip.value)})
    return f.with_(**{chip.field: chip.value})
