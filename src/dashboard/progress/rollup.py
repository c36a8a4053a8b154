"""Roll-up of progress onto the plan, the status filter and the default fiscal year (pure functions).

The rule: a record counts its `progress_pct` when set, else its status's default % (未着手 0,
準備・検討中 25, 実施中 50, 実施済 100); 見直し・中止 records are left out. An initiative's % for a
fiscal year is the mean over the organisations that reported; a level-1 item without a record of
its own shows the mean of its sub-items' %.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from ..schema import FISCAL_YEARS, STATUS_BY_CODE, STATUS_CODES, STATUS_FILTER_CODES, STATUS_NONE, Col, PCol
from . import frames


class RCol:
    """Columns of `rollup`: one row per plan row, in plan order."""

    ID = "id"
    PCT = "progress_pct"  # rolled-up %, <NA> when nothing counts
    N_REPORTED = "n_reported"  # organisations with a record of this initiative
    N_COUNTED = "n_counted"  # of those, in the mean (not 見直し・中止)
    FROM_SUB_ITEMS = "from_sub_items"  # % is the mean of the sub-items' (no record of its own)
    STATUS = "status"  # the one status every reporting organisation gave, else <NA>
    # plus one count column per status: count_column(code) → "n_<code>"


def count_column(status: str) -> str:
    return f"n_{status}"


_DEFAULT_PCT = {code: s.pct for code, s in STATUS_BY_CODE.items() if s.pct is not None}


def record_pct(records: pd.DataFrame) -> pd.Series:
    """Each record's % : its override, else its status's default; <NA> for 見直し・中止."""
    status = records[PCol.STATUS].astype(object)
    default = status.map(_DEFAULT_PCT).astype("Float64")
    pct = records[PCol.PROGRESS_PCT].astype("Float64").fillna(default)
    return pct.mask(status == "discontinued")


def of_year(records: pd.DataFrame, fiscal_year: int, columns: list[str] | None = None) -> pd.DataFrame:
    """The records of `fiscal_year` (only `columns`, when given: taking fewer columns is faster)."""
    year = (records[PCol.FISCAL_YEAR] == int(fiscal_year)).to_numpy(dtype=bool, na_value=False)
    return (records if columns is None else records[columns])[year]


def record_stats(plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """Per plan row (`plan`'s index): what its own records for `fiscal_year` give, before any roll-up from
    sub-items — the mean % (RCol.PCT), organisations that reported, of those counted, the one status, and
    records per status (count_column). `rollup(subset, …, stats=record_stats(whole, …))` reads no records:
    computed once for a table, it serves every filtered subset of it."""
    ids = plan[Col.ID].astype("string")
    r = of_year(records, fiscal_year, [PCol.ID, PCol.STATUS, PCol.PROGRESS_PCT])
    r = r[frames.isin(r[PCol.ID], ids)]  # only the plan's rows count (a subset: fewer records)
    status_code, statuses = pd.factorize(r[PCol.STATUS].astype(object))
    r = pd.DataFrame({PCol.ID: r[PCol.ID].astype("string"), "_s": status_code}).assign(_pct=record_pct(r))
    g = r.groupby(PCol.ID, sort=False)
    lo, hi = g["_s"].min(), g["_s"].max()
    own = pd.DataFrame(
        {
            RCol.PCT: g["_pct"].mean(),
            RCol.N_REPORTED: g.size(),
            RCol.N_COUNTED: g["_pct"].count(),
            # the one status every organisation gave, else missing
            RCol.STATUS: pd.Series(statuses.take(lo.to_numpy()), index=lo.index, dtype=object).where(lo == hi),
        }
    )
    counts = r.groupby([PCol.ID, "_s"], sort=False).size().unstack(fill_value=0)
    counts.columns = [statuses[c] for c in counts.columns]
    counts = counts.reindex(columns=list(STATUS_CODES), fill_value=0)
    counts.columns = [count_column(c) for c in counts.columns]
    out = ids.to_frame(Col.ID).join(own.join(counts), on=Col.ID).drop(columns=[Col.ID])
    out[RCol.PCT] = out[RCol.PCT].astype("Float64")
    for c in (RCol.N_REPORTED, RCol.N_COUNTED, *(count_column(s) for s in STATUS_CODES)):
        out[c] = out[c].fillna(0).astype("int64")
    out[RCol.STATUS] = out[RCol.STATUS].astype("string")
    return out


def rollup(
    plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int, stats: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per plan row (plan order, `RCol` columns): the % for `fiscal_year` under the roll-up rule.

    `stats`: `record_stats` of a table `plan` is a subset of (same index labels), which then stands in for
    `records`; the sub-item means are taken over `plan`'s rows either way."""
    base = plan[[Col.ID, Col.LEVEL, Col.PARENT_ID]].astype({Col.ID: "string", Col.PARENT_ID: "string"})
    own = record_stats(plan, records, fiscal_year) if stats is None else stats.loc[plan.index]
    out = pd.concat([base, own], axis=1)
    subs = out[out[Col.LEVEL] == 2].groupby(Col.PARENT_ID)[RCol.PCT].mean()
    derive = (out[Col.LEVEL] == 1) & (out[RCol.N_REPORTED] == 0) & frames.isin(out[Col.ID], subs.dropna().index)
    out[RCol.FROM_SUB_ITEMS] = derive.astype(bool)
    out.loc[derive, RCol.PCT] = out.loc[derive, Col.ID].map(subs).astype("Float64")
    cols = [RCol.ID, RCol.PCT, RCol.N_REPORTED, RCol.N_COUNTED, RCol.FROM_SUB_ITEMS, RCol.STATUS]
    return out[cols + [count_column(s) for s in STATUS_CODES]].reset_index(drop=True)


def with_rollup(plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """`plan` with the `rollup` columns added (same rows, same order; the input is not changed)."""
    r = rollup(plan, records, fiscal_year).drop(columns=[RCol.ID])
    return pd.concat([plan.reset_index(drop=True), r], axis=1).set_axis(plan.index)


def status_mask(plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int, statuses: Iterable[str]) -> pd.Series:
    """True for plan rows with a record for `fiscal_year` in one of `statuses` (`none`: no record at all).

    No statuses: every row. Unknown codes are ignored (filters validate the URL beforehand).
    """
    wanted = {s for s in statuses if s in STATUS_FILTER_CODES}
    if not wanted:
        return pd.Series(True, index=plan.index)
    r = of_year(records, fiscal_year, [PCol.ID, PCol.STATUS])
    ids = plan[Col.ID].astype("string")
    keep = frames.isin(ids, r.loc[frames.isin(r[PCol.STATUS], wanted - {STATUS_NONE}), PCol.ID])
    if STATUS_NONE in wanted:
        keep |= ~frames.isin(ids, r[PCol.ID])
    return keep.astype(bool)


def filter_by_status(plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int, statuses: Iterable[str]):
    """The plan rows `status_mask` keeps."""
    return plan[status_mask(plan, records, fiscal_year, statuses)]


def fiscal_year_of(day: date) -> int:
    """The Japanese fiscal year (April–March) `day` falls in."""
    return day.year if day.month >= 4 else day.year - 1


def default_fiscal_year(records: pd.DataFrame, today: date | None = None) -> int:
    """The latest fiscal year with records; without any, the current fiscal year within FISCAL_YEARS."""
    years = [int(y) for y in records[PCol.FISCAL_YEAR].dropna().unique() if int(y) in FISCAL_YEARS]
    if years:
        return max(years)
    fy = fiscal_year_of(today or frames.today())
    return min(max(fy, FISCAL_YEARS[0]), FISCAL_YEARS[-1])
