"""Roll-up rules, the status filter, the default fiscal year and the /progress figures (pure, small frames)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest
from progress_support import CHILD_IDS, MEMBERS_ID, PARENT_ID, PLAN, UNION_ID

from dashboard.progress import RCol, default_fiscal_year, rollup, status_mask, with_rollup
from dashboard.progress.frames import records_frame
from dashboard.progress.rollup import count_column, record_pct, record_stats
from dashboard.progress.summary import (
    SCol,
    area_phase,
    by_actor,
    items,
    organisation_stats,
    overview,
    stale,
    status_by_area,
    status_by_organisation,
)
from dashboard.schema import Col, PCol

T0 = datetime(2025, 4, 1, tzinfo=UTC)


def recs(*rows) -> pd.DataFrame:
    """Records from (id, fiscal_year, organisation, status[, pct[, updated_at]]) tuples."""
    out = []
    for r in rows:
        i, fy, org, status, *rest = r
        pct = rest[0] if rest else None
        when = rest[1] if len(rest) > 1 else T0
        out.append(
            {
                PCol.ID: i,
                PCol.FISCAL_YEAR: fy,
                PCol.ORGANISATION: org,
                PCol.STATUS: status,
                PCol.PROGRESS_PCT: pct,
                PCol.UPDATED_BY: "t",
                PCol.UPDATED_AT: when,
                PCol.VERSION: 1,
            }
        )
    return records_frame(out)


def _row(r: pd.DataFrame, i: str) -> pd.Series:
    return r.set_index(RCol.ID).loc[i]


def test_status_defaults_override_and_discontinued():
    """Defaults 0/25/50/100, the override wins, 見直し・中止 counts as nothing (even with a %)."""
    r = recs(
        *[(UNION_ID, 2024, "union", s) for s in ("not_started", "preparing", "in_progress", "done")],
        (UNION_ID, 2025, "union", "in_progress", 80.0),
        (UNION_ID, 2026, "union", "discontinued", 30.0),
    )
    pct = record_pct(r)
    assert pct.iloc[:5].tolist() == [0.0, 25.0, 50.0, 100.0, 80.0] and pd.isna(pct.iloc[5])


def test_initiative_pct_is_the_mean_over_reporting_organisations():
    """Members' item: mean over the members that reported; discontinued ones left out of the mean but counted as reported."""
    r = rollup(
        PLAN,
        recs(
            (MEMBERS_ID, 2025, "hyogo", "done"),
            (MEMBERS_ID, 2025, "kobe", "preparing"),
            (MEMBERS_ID, 2025, "nara", "discontinued"),
            (MEMBERS_ID, 2024, "nara", "done"),
        ),
        2025,
    )
    row = _row(r, MEMBERS_ID)
    assert (row[RCol.PCT], row[RCol.N_REPORTED], row[RCol.N_COUNTED]) == (62.5, 3, 2)
    assert (row[count_column("done")], row[count_column("discontinued")]) == (1, 1)
    assert pd.isna(row[RCol.STATUS])  # the organisations disagree
    assert len(r) == len(PLAN) and r[RCol.ID].tolist() == PLAN[Col.ID].tolist()
    assert r[RCol.N_REPORTED].sum() == 3


def test_only_discontinued_gives_no_percentage():
    """An item whose every record is 見直し・中止 has no %, and status discontinued."""
    row = _row(rollup(PLAN, recs((UNION_ID, 2024, "union", "discontinued")), 2024), UNION_ID)
    assert pd.isna(row[RCol.PCT]) and row[RCol.STATUS] == "discontinued" and row[RCol.N_COUNTED] == 0


def test_level1_without_own_record_shows_the_mean_of_its_sub_items():
    """A parent with no record of its own takes the mean of its sub-items; with its own record, its own mean."""
    sub = recs((CHILD_IDS[0], 2025, "hyogo", "done"), (CHILD_IDS[1], 2025, "kobe", "in_progress"))
    row = _row(rollup(PLAN, sub, 2025), PARENT_ID)
    assert (row[RCol.PCT], bool(row[RCol.FROM_SUB_ITEMS]), row[RCol.N_REPORTED]) == (75.0, True, 0)
    own = recs((CHILD_IDS[0], 2025, "hyogo", "done"), (PARENT_ID, 2025, "hyogo", "preparing"))
    row = _row(rollup(PLAN, own, 2025), PARENT_ID)
    assert (row[RCol.PCT], bool(row[RCol.FROM_SUB_ITEMS])) == (25.0, False)


def test_with_rollup_keeps_the_plan_and_does_not_mutate_it():
    """with_rollup adds columns on the same rows and index; the input frame is unchanged."""
    sub = PLAN.iloc[5:40]
    before = sub.copy()
    out = with_rollup(sub, recs((str(sub[Col.ID].iloc[0]), 2024, "union", "done")), 2024)
    assert out.index.equals(sub.index) and RCol.PCT in out and sub.equals(before)


def test_status_filter_any_organisation_and_none():
    """An item is kept when any organisation's record for the fiscal year has a chosen status; none = no record."""
    r = recs(
        (MEMBERS_ID, 2025, "hyogo", "done"), (MEMBERS_ID, 2025, "kobe", "preparing"), (UNION_ID, 2024, "union", "done")
    )
    kept = lambda *s: PLAN.loc[status_mask(PLAN, r, 2025, s), Col.ID].tolist()  # noqa: E731
    assert kept("preparing") == [MEMBERS_ID] and kept("done") == [MEMBERS_ID]
    assert kept("in_progress") == []
    none = kept("none")
    assert len(none) == len(PLAN) - 1 and MEMBERS_ID not in none and UNION_ID in none  # UNION_ID reported 2024 only
    assert len(kept()) == len(PLAN) and len(kept("none", "done")) == len(PLAN)


@pytest.mark.parametrize(
    ("years", "today", "want"),
    [
        ((2024, 2025), None, 2025),
        ((), date(2025, 3, 31), 2024),
        ((), date(2025, 4, 1), 2025),
        ((), date(2030, 1, 1), 2026),
        ((), date(2020, 1, 1), 2024),
    ],
)
def test_default_fiscal_year(years, today, want):
    """The latest fiscal year with records; without records the current fiscal year (April–March), clipped."""
    r = recs(*[(UNION_ID, y, "union", "done") for y in years])
    assert default_fiscal_year(r, today=today) == want


def test_summary_figures():
    """Overview, by actor, area × phase, status by area and by organisation, on a known set of records."""
    r = recs(
        (UNION_ID, 2025, "union", "done"),
        (MEMBERS_ID, 2025, "hyogo", "preparing"),
        (MEMBERS_ID, 2025, "kobe", "in_progress"),
        (CHILD_IDS[0], 2025, "kobe", "done"),
    )
    top = PLAN[PLAN[Col.LEVEL] == 1]
    ov = overview(PLAN, r, 2025)
    assert (ov.total, ov.reported, ov.done) == (len(top), 3, 2)  # the parent counts: done via its sub-item
    assert ov.mean_pct == pytest.approx((100 + 37.5 + 100) / 3)
    a = by_actor(PLAN, r, 2025).set_index(Col.ACTOR_CODE)
    assert a.loc["union", SCol.N_REPORTED] == 1 and a.loc["members", SCol.MEAN_PCT] == pytest.approx(68.75)
    assert a[SCol.N_ITEMS].sum() == len(top)
    ap = area_phase(PLAN, r, 2025)
    assert len(ap) == 18 and ap[SCol.N_ITEMS].sum() == len(top) and ap[SCol.N_REPORTED].sum() == 3
    sa = status_by_area(PLAN, r, 2025)
    area = str(PLAN.set_index(Col.ID).loc[UNION_ID, Col.AREA_CODE])
    cell = sa[(sa[Col.AREA_CODE] == area)].set_index(SCol.STATUS)[SCol.N]
    assert cell["done"] >= 1 and sa[sa[SCol.STATUS] != "none"][SCol.N].sum() == 4
    assert sa[sa[SCol.STATUS] == "none"][SCol.N].sum() == len(top) - 3
    so = status_by_organisation(PLAN, r, 2025).set_index([PCol.ORGANISATION, SCol.STATUS])[SCol.N]
    n_union, n_members = (top[Col.ACTOR_CODE] == "union").sum(), (top[Col.ACTOR_CODE] == "members").sum()
    assert so[("union", "done")] == 1 and so[("union", "none")] == n_union - 1
    assert so[("kobe", "done")] == 1 and so[("kobe", "in_progress")] == 1 and so[("kobe", "none")] == n_members - 2
    assert so[("nara", "none")] == n_members


def test_record_stats_of_the_whole_plan_stand_in_for_the_records_on_any_subset():
    """Roll-up and every summary of a filtered subset are the same from the whole plan's record_stats as from the records."""
    r = recs(
        (UNION_ID, 2025, "union", "done"),
        (MEMBERS_ID, 2025, "hyogo", "preparing"),
        (MEMBERS_ID, 2025, "kobe", "in_progress", 70.0),
        (CHILD_IDS[0], 2025, "kobe", "done"),
        (CHILD_IDS[1], 2025, "hyogo", "preparing"),
        (CHILD_IDS[1], 2024, "hyogo", "done"),
        (MEMBERS_ID, 2025, "nara", "discontinued"),
    )
    stats, orgs = record_stats(PLAN, r, 2025), organisation_stats(PLAN, r, 2025)
    assert orgs.loc[PLAN[Col.ID] == MEMBERS_ID, ["hyogo", "kobe", "nara", "shiga"]].to_numpy().tolist() == [
        [1, 2, 4, -1]
    ]
    assert stats.index.equals(PLAN.index) and stats.loc[PLAN[Col.ID] == MEMBERS_ID, RCol.PCT].item() == 47.5
    subsets = {
        "all": PLAN,
        "area": PLAN[PLAN[Col.AREA_CODE] == PLAN.set_index(Col.ID).loc[PARENT_ID, Col.AREA_CODE]],
        "items only": PLAN[PLAN[Col.LEVEL] == 1],  # the parent loses the sub-items it would take its % from
        "one sub-item dropped": PLAN[PLAN[Col.ID] != CHILD_IDS[0]],
        "every other row": PLAN.iloc[::2],
    }
    for name, sub in subsets.items():
        pd.testing.assert_frame_equal(rollup(sub, r, 2025, stats), rollup(sub, r, 2025), obj=name)
        for f in (by_actor, area_phase, status_by_area):
            pd.testing.assert_frame_equal(f(sub, r, 2025, stats), f(sub, r, 2025), obj=f"{f.__name__} {name}")
        assert overview(sub, r, 2025, stats) == overview(sub, r, 2025)
        it = items(sub, r, 2025, stats)
        assert overview(sub, r, 2025, it=it) == overview(sub, r, 2025)
        pd.testing.assert_frame_equal(by_actor(sub, r, 2025, it=it), by_actor(sub, r, 2025), obj=name)
        pd.testing.assert_frame_equal(
            status_by_organisation(sub, r, 2025, orgs),
            status_by_organisation(sub, r, 2025),
            obj=f"by organisation {name}",
        )
    parent = lambda sub: _row(rollup(sub, r, 2025, stats), PARENT_ID)  # noqa: E731
    assert bool(parent(PLAN)[RCol.FROM_SUB_ITEMS]) and not bool(parent(subsets["items only"])[RCol.FROM_SUB_ITEMS])
    assert (parent(PLAN)[RCol.PCT], parent(subsets["one sub-item dropped"])[RCol.PCT]) == (62.5, 25.0)


def test_stale_records():
    """Records not updated for more than the threshold, oldest first, with the days since."""
    old, newer = datetime(2024, 6, 1, tzinfo=UTC), datetime(2025, 5, 1, tzinfo=UTC)
    r = recs((UNION_ID, 2024, "union", "done", None, old), (MEMBERS_ID, 2025, "hyogo", "done", None, newer))
    s = stale(r, now=datetime(2025, 6, 1, tzinfo=UTC), days=180)
    assert s[PCol.ID].tolist() == [UNION_ID] and s[SCol.DAYS].tolist() == [365]
