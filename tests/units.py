"""The unit of count, computed independently of dashboard.aggregate (plain Python over the rows).

An initiative is an item (level 1) with its sub-items (level 2): a row's initiative is its parent's
id when it is a sub-item, else its own id. Tests count distinct initiative keys."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from dashboard.schema import Col


def initiative_keys(df: pd.DataFrame) -> list[str]:
    """Per row, the id of the initiative it belongs to."""
    return [
        str(p) if int(level) == 2 and isinstance(p, str) else str(i)
        for i, p, level in zip(df[Col.ID], df[Col.PARENT_ID].astype(object), df[Col.LEVEL], strict=True)
    ]


def n_initiatives(df: pd.DataFrame) -> int:
    return len(set(initiative_keys(df)))


def initiative_counts(df: pd.DataFrame, *cols: str) -> Counter:
    """(values of `cols`) → initiatives, each initiative counted once (its rows share those values)."""
    seen = {
        key: tuple(str(v) for v in values)
        for key, *values in zip(initiative_keys(df), *(df[c] for c in cols), strict=True)
    }
    return Counter(seen.values())


def initiative_lists(df: pd.DataFrame, col: str) -> dict[str, set[str]]:
    """Initiative key → the union of a list column over its rows (instrument types, terms)."""
    out: dict[str, set[str]] = {}
    for key, values in zip(initiative_keys(df), df[col], strict=True):
        out.setdefault(key, set()).update(str(v) for v in values)
    return out


def one_row_per_initiative(df: pd.DataFrame) -> pd.DataFrame:
    """The first row of each initiative (its rows share area, phase and actor)."""
    return df[~pd.Series(initiative_keys(df), index=df.index).duplicated().to_numpy()]
