"""What the browser should show, computed here from the data with pandas (never from the figures).

The rows come from `dashboard.load.load_with_meta()` + `dashboard.filters.apply` of the filter a
URL query spells (read here with urllib, not with the app's own URL parsing); everything else is
an independent count over those rows, in plan order, so a chart that draws the wrong numbers fails.
Counts are of initiatives: an item (level 1) with its sub-items (level 2, `parent_id`) counts once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qs, urlsplit

import pandas as pd

from dashboard import filters as F
from dashboard.i18n import catalogue
from dashboard.load import load_with_meta
from dashboard.paths import DEFAULT_PARQUET
from dashboard.schema import (
    ACTOR_BY_CODE,
    ACTOR_CODES,
    AREA_BY_CODE,
    AREA_CODES,
    INSTRUMENT_BY_CODE,
    INSTRUMENT_CODES,
    PHASE_BY_CODE,
    PHASE_CODES,
    Col,
)


@cache
def table() -> tuple[pd.DataFrame, dict]:
    """The committed table and its metadata (whatever INITIATIVES_PATH says: the shared server ignores it)."""
    return load_with_meta(DEFAULT_PARQUET)


# URL parameter → Filters field, for the (valid) URLs the tests open.
_LISTS = {"area": "areas", "phase": "phases", "actor": "actors", "sub": "sub_themes", "instrument": "instruments"}


@dataclass(frozen=True)
class View:
    filters: F.Filters
    lang: str


def state(url: str) -> View:
    """The filter and language a URL (or just its `?query`) spells — read here, not by the app's
    `parse_query_params`, so a broken URL reading in the app cannot hide behind the same bug."""
    q = parse_qs(urlsplit(url).query if "?" in url else "", keep_blank_values=True)
    fields: dict = {field: tuple(q[key]) for key, field in _LISTS.items() if key in q}
    if "subitems" in q:
        fields["include_sub_items"] = q["subitems"][-1] == "1"
    if "expo" in q:
        fields["expo"] = q["expo"][-1] == "1"
    if "q" in q:
        fields["query"] = q["q"][-1]
    return View(F.Filters(**fields), q.get("lang", ["ja"])[-1])


def rows(url: str = "") -> pd.DataFrame:
    """The rows the app shows for `url`."""
    return F.apply(table()[0], state(url).filters)


def total() -> int:
    """Initiatives in the whole table."""
    return n_initiatives(table()[0])


def count_captions(df: pd.DataFrame, lang: str = "ja") -> list[str]:
    """The count captions for the rows `df`, as the page shows them: the sidebar's (initiatives), then
    the page header's (initiatives, and the table's rows when it lists sub-items)."""
    t = catalogue(lang)
    side = t("filter.count", n=n_initiatives(df), total=total())
    subs = int((df[Col.LEVEL] == 2).sum())
    return [side, side + (t("counts.rows", rows=len(df), subs=subs) if subs else "")]


# ------------------------------------------------------------------------------------ initiatives


def initiative_key(df: pd.DataFrame) -> pd.Series:
    """Per row, the id of its initiative: its item's id for a sub-item, else its own."""
    sub = (df[Col.LEVEL] == 2) & df[Col.PARENT_ID].notna()
    return df[Col.PARENT_ID].where(sub, df[Col.ID]).astype(str)


def initiatives(df: pd.DataFrame) -> pd.DataFrame:
    """One row per initiative (an item's rows share its area, phase and actor)."""
    return df.loc[~initiative_key(df).duplicated().to_numpy()]


def n_initiatives(df: pd.DataFrame) -> int:
    return int(initiative_key(df).nunique())


def initiative_sets(df: pd.DataFrame, col: str) -> pd.DataFrame:
    """One row per initiative: area, phase, actor codes and the union of list column `col` over its rows."""
    key = initiative_key(df)
    sets = {k: set() for k in key}
    for k, values in zip(key, df[col], strict=True):
        sets[k].update(str(v) for v in values)
    out = initiatives(df)[[Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE]].astype(str)
    out[col] = [sets[k] for k in initiative_key(initiatives(df))]
    return out


def term_counts(df: pd.DataFrame) -> list[tuple[str, int]]:
    """Key terms by initiatives using them (on any of their rows), most first, ties by term."""
    used = {}
    for terms_ in initiative_sets(df, Col.TERMS)[Col.TERMS]:
        for term in terms_:
            used[term] = used.get(term, 0) + 1
    return sorted(used.items(), key=lambda kv: (-kv[1], kv[0]))


# ------------------------------------------------------------------------------------------ labels


def area_names(lang: str = "ja") -> list[str]:
    return [AREA_BY_CODE[a].label(lang) for a in AREA_CODES]


def actor_names(lang: str = "ja") -> list[str]:
    return [ACTOR_BY_CODE[a].label(lang) for a in ACTOR_CODES]


def phase_ticks(lang: str = "ja") -> list[str]:
    """Phase tick labels as drawn: the two lines of '2024<br>現状' joined ('2024現状')."""
    return [PHASE_BY_CODE[p].tick(lang).replace("<br>", "") for p in PHASE_CODES]


def instrument_names(lang: str = "ja") -> list[str]:
    return [INSTRUMENT_BY_CODE[c].label(lang) for c in INSTRUMENT_CODES]


# ------------------------------------------------------------------------------------------ counts


def _codes(df: pd.DataFrame, col: str) -> pd.Series:
    return df[col].astype(str)


def by_actor(df: pd.DataFrame, dim: str) -> dict[str, list[int]]:
    """actor → initiatives per area (or phase) in plan order."""
    df = initiatives(df)
    order = AREA_CODES if dim == Col.AREA_CODE else PHASE_CODES
    out = {}
    for a in ACTOR_CODES:
        mine = _codes(df[_codes(df, Col.ACTOR_CODE) == a], dim).value_counts()
        out[a] = [int(mine.get(c, 0)) for c in order]
    return out


def area_phase(df: pd.DataFrame, actor: str | None = None) -> list[list[int]]:
    """Initiatives per area (rows) × phase (columns)."""
    df = initiatives(df)
    if actor is not None:
        df = df[_codes(df, Col.ACTOR_CODE) == actor]
    pairs = pd.Series(list(zip(_codes(df, Col.AREA_CODE), _codes(df, Col.PHASE_CODE), strict=True)), dtype=object)
    n = pairs.value_counts()
    return [[int(n.get((a, p), 0)) for p in PHASE_CODES] for a in AREA_CODES]


def actor_instrument(df: pd.DataFrame) -> list[list[int]]:
    """Initiatives per actor (rows) × instrument type (columns): an initiative counts once per type any
    of its rows has."""
    df = initiative_sets(df, Col.INSTRUMENT_TYPES)
    return [
        [
            int(sum(c in set(types) for types in df.loc[_codes(df, Col.ACTOR_CODE) == a, Col.INSTRUMENT_TYPES]))
            for c in INSTRUMENT_CODES
        ]
        for a in ACTOR_CODES
    ]


def instrument_by(df: pd.DataFrame, dim: str) -> dict[str, list[int]]:
    """instrument type → initiatives with it per phase (or area) in plan order."""
    df = initiative_sets(df, Col.INSTRUMENT_TYPES)
    order = PHASE_CODES if dim == Col.PHASE_CODE else AREA_CODES
    return {
        c: [int(sum(c in set(t) for t in df.loc[_codes(df, dim) == k, Col.INSTRUMENT_TYPES])) for k in order]
        for c in INSTRUMENT_CODES
    }


def expo_cells(df: pd.DataFrame) -> list[list[tuple[int, int]]]:
    """(initiatives tied to the Expo on any of their rows, all initiatives) per area (rows) × phase (columns)."""
    linked = df[df[Col.EXPO_RELATED].astype(bool)]
    all_n, expo_n = area_phase(df), area_phase(linked)
    return [[(expo_n[i][j], all_n[i][j]) for j in range(len(PHASE_CODES))] for i in range(len(AREA_CODES))]


def labels(df: pd.DataFrame, lang: str = "ja") -> list[tuple[str, str, str, str]]:
    """(area, phase, actor, text) of each row as the table shows them."""
    return [
        (AREA_BY_CODE[a].label(lang), PHASE_BY_CODE[p].label(lang), ACTOR_BY_CODE[c].label(lang), str(t))
        for a, p, c, t in zip(
            _codes(df, Col.AREA_CODE),
            _codes(df, Col.PHASE_CODE),
            _codes(df, Col.ACTOR_CODE),
            df[Col.TEXT],
            strict=True,
        )
    ]
