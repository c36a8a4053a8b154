"""Figures of the /progress page (pure): reported/total, share done, mean % by actor and by area × phase,
status counts by area and by organisation, records without an update for a long time.

The unit is the plan's level-1 item: sub-items roll up into it (rollup.py). An item is reported when
it or one of its sub-items has a record for the fiscal year, done when its rolled-up % is 100.
Status counts count records; `none` counts items without any record (of that organisation).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pandas as pd

from ..schema import (
    ACTOR_CODES,
    AREA_CODES,
    ORGANISATION_BY_CODE,
    ORGANISATION_CODES,
    PHASE_CODES,
    STATUS_CODES,
    STATUS_FILTER_CODES,
    STATUS_NONE,
    Col,
    PCol,
)
from .frames import isin
from .rollup import RCol, count_column, of_year, record_stats, rollup

# `rollup.record_stats` of the whole table (a superset of `plan`, same index labels), standing in for the
# records: computed once per data version, it makes every summary of a filtered subset independent of them.
Stats = pd.DataFrame | None
Items = pd.DataFrame | None  # `items(plan, …)` when already computed for this plan

STALE_DAYS = 180


class SCol:
    """Column names of the summary frames."""

    N_ITEMS = "n_items"
    N_REPORTED = "n_reported"
    N_DONE = "n_done"
    MEAN_PCT = "mean_pct"
    STATUS = "status"
    N = "n"
    DAYS = "days_since_update"


@dataclass(frozen=True)
class Overview:
    total: int  # level-1 items
    reported: int
    done: int
    mean_pct: float | None  # over items with a %

    @property
    def share_reported(self) -> float:
        return self.reported / self.total if self.total else 0.0

    @property
    def share_done(self) -> float:
        return self.done / self.total if self.total else 0.0


def items(plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int, stats: Stats = None) -> pd.DataFrame:
    """Level-1 items with area, phase, actor, rolled-up % and whether reported / done."""
    r = rollup(plan, records, fiscal_year, stats)
    r.index = plan.index
    ids = plan[Col.ID].astype("string")
    parent = plan[Col.PARENT_ID].astype("string").fillna(ids)
    reported_items = parent[(r[RCol.N_REPORTED] > 0).to_numpy()]
    top = plan[Col.LEVEL] == 1
    out = plan.loc[top, [Col.ID, Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE]].astype(str)
    out[RCol.PCT] = r.loc[top, RCol.PCT]
    out["reported"] = isin(out[Col.ID], reported_items)
    out["done"] = (out[RCol.PCT] == 100).fillna(False).astype(bool)
    return out.reset_index(drop=True)


def overview(
    plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int, stats: Stats = None, it: Items = None
) -> Overview:
    it = items(plan, records, fiscal_year, stats) if it is None else it
    mean = it[RCol.PCT].mean()
    return Overview(len(it), int(it["reported"].sum()), int(it["done"].sum()), None if pd.isna(mean) else float(mean))


def _grouped(it: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    g = it.groupby(keys, observed=True)
    return pd.DataFrame(
        {
            SCol.N_ITEMS: g.size(),
            SCol.N_REPORTED: g["reported"].sum(),
            SCol.N_DONE: g["done"].sum(),
            SCol.MEAN_PCT: g[RCol.PCT].mean(),
        }
    )


def by_actor(
    plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int, stats: Stats = None, it: Items = None
) -> pd.DataFrame:
    """Per actor (ACTORS order): items, reported, done, mean %."""
    it = items(plan, records, fiscal_year, stats) if it is None else it
    out = _grouped(it, [Col.ACTOR_CODE]).reindex(list(ACTOR_CODES))
    return _fill(out.rename_axis(Col.ACTOR_CODE).reset_index())


def area_phase(
    plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int, stats: Stats = None, it: Items = None
) -> pd.DataFrame:
    """Per area × phase (every combination, plan order): items, reported, done, mean % (<NA>: none)."""
    idx = pd.MultiIndex.from_product([AREA_CODES, PHASE_CODES], names=[Col.AREA_CODE, Col.PHASE_CODE])
    it = items(plan, records, fiscal_year, stats) if it is None else it
    out = _grouped(it, [Col.AREA_CODE, Col.PHASE_CODE]).reindex(idx)
    return _fill(out.reset_index())


def _fill(df: pd.DataFrame) -> pd.DataFrame:
    for c in (SCol.N_ITEMS, SCol.N_REPORTED, SCol.N_DONE):
        df[c] = df[c].fillna(0).astype("int64")
    df[SCol.MEAN_PCT] = df[SCol.MEAN_PCT].astype("Float64")
    return df


def _status_counts(counts: dict, unreported: pd.Series, key: str, order: tuple) -> pd.DataFrame:
    """The long frame key × status → n from {(key, status): records} and unreported items per key."""
    unreported = unreported.to_dict()
    rows = []
    for k in order:
        for s in STATUS_FILTER_CODES:
            n = int(unreported.get(k, 0)) if s == STATUS_NONE else int(counts.get((k, s), 0))
            rows.append({key: k, SCol.STATUS: s, SCol.N: n})
    return pd.DataFrame(rows, columns=[key, SCol.STATUS, SCol.N])


def _year_of_plan(plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """The fiscal year's records of the plan's rows (the columns the status counts need)."""
    rec = of_year(records, fiscal_year, [PCol.ID, PCol.FISCAL_YEAR, PCol.ORGANISATION, PCol.STATUS, PCol.PROGRESS_PCT])
    return rec[isin(rec[PCol.ID], plan[Col.ID])]


def status_by_area(
    plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int, stats: Stats = None, it: Items = None
) -> pd.DataFrame:
    """Long frame area_code × status (STATUS_FILTER_CODES order) → n (records; `none`: unreported items)."""
    own = record_stats(plan, records, fiscal_year) if stats is None else stats.loc[plan.index]
    area = plan[Col.AREA_CODE].astype(str).to_numpy()
    per_area = own[[count_column(c) for c in STATUS_CODES]].groupby(area).sum()  # a record counts in its row's area
    counts = {(a, c): int(per_area.at[a, count_column(c)]) for a in per_area.index for c in STATUS_CODES}
    it = items(plan, records, fiscal_year, own) if it is None else it
    unreported = it[~it["reported"]].groupby(Col.AREA_CODE).size()
    return _status_counts(counts, unreported, Col.AREA_CODE, AREA_CODES)


def organisation_stats(plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int) -> pd.DataFrame:
    """Per plan row (`plan`'s index) and organisation (a column each, ORGANISATION_CODES order): the position
    in STATUS_CODES of that organisation's record for `fiscal_year`, len(STATUS_CODES) for a status outside
    them, -1 for none. Like `rollup.record_stats`: once for a table, it serves every subset of it."""
    rec = _year_of_plan(plan, records, fiscal_year)
    row = pd.Index(plan[Col.ID].astype(str).to_numpy(dtype=object)).get_indexer(
        rec[PCol.ID].astype(str).to_numpy(object)
    )
    org = pd.Categorical(rec[PCol.ORGANISATION].astype(object), categories=ORGANISATION_CODES).codes
    status = pd.Categorical(rec[PCol.STATUS].astype(object), categories=STATUS_CODES).codes.astype(np.int8)
    status[status < 0] = len(STATUS_CODES)
    out = np.full((len(plan), len(ORGANISATION_CODES)), -1, dtype=np.int8)
    ok = (row >= 0) & (org >= 0)
    out[row[ok], org[ok]] = status[ok]
    return pd.DataFrame(out, index=plan.index, columns=list(ORGANISATION_CODES))


def status_by_organisation(
    plan: pd.DataFrame, records: pd.DataFrame, fiscal_year: int, org_stats: Stats = None
) -> pd.DataFrame:
    """Long frame organisation × status → n (records; `none`: items of the organisation's actor it has
    not reported, neither on the item nor on a sub-item). `org_stats`: `organisation_stats` of a table
    `plan` is a subset of, standing in for the records."""
    m = organisation_stats(plan, records, fiscal_year) if org_stats is None else org_stats.loc[plan.index]
    ids = plan[Col.ID].astype("string")
    item, _ = pd.factorize(plan[Col.PARENT_ID].astype("string").fillna(ids))  # each row's level-1 item
    top = (plan[Col.LEVEL] == 1).to_numpy()
    actor = plan[Col.ACTOR_CODE].astype(str).to_numpy()
    counts, unreported = {}, {}
    for org in ORGANISATION_CODES:
        code = m[org].to_numpy()
        per_status = np.bincount(code[code >= 0], minlength=len(STATUS_CODES) + 1)
        counts.update({(org, s): int(per_status[i]) for i, s in enumerate(STATUS_CODES)})
        reported = np.zeros(item.max() + 1 if len(item) else 0, dtype=bool)
        reported[item[code >= 0]] = True
        unreported[org] = int((~reported[item[top & (actor == ORGANISATION_BY_CODE[org].actor)]]).sum())
    return _status_counts(counts, pd.Series(unreported), PCol.ORGANISATION, ORGANISATION_CODES)


def stale(records: pd.DataFrame, now: datetime | None = None, days: int = STALE_DAYS) -> pd.DataFrame:
    """Records last updated more than `days` days before `now`, oldest first, with days since the update."""
    now = now or datetime.now(UTC)
    age = (pd.Timestamp(now) - records[PCol.UPDATED_AT]).dt.days
    out = records.assign(**{SCol.DAYS: age})
    out = out[out[SCol.DAYS] > days]
    return out.sort_values([PCol.UPDATED_AT, *(PCol.ID, PCol.ORGANISATION)], ignore_index=True)
