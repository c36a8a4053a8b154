"""Aggregations: full category grids in plan order, totals that add up, capped hover lists."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from tables import SMALL, make_table

from dashboard import aggregate
from dashboard.aggregate import HOVER_CAP, SUB_BULLET, actor_share, counts, summary, timeline_lanes
from dashboard.load import load_with_meta
from dashboard.schema import (
    ACTOR_CODES,
    AREA_CODES,
    PHASE_CODES,
    TENTATIVE_PHASES,
    Col,
)


@pytest.fixture
def small() -> pd.DataFrame:
    """The 10-row table SMALL."""
    return make_table(SMALL)


@pytest.fixture(scope="module")
def real() -> tuple[pd.DataFrame, dict]:
    """The project's table and metadata, through dashboard.load."""
    return load_with_meta()


def _meta_areas() -> list[dict]:
    return [{"code": a, "themes": {p: f"meta theme {a} {p}" for p in PHASE_CODES}} for a in AREA_CODES]


# --- counts ------------------------------------------------------------------------------


def test_counts_cover_the_full_grid_in_plan_order(small):
    """Area × actor counts: all 12 cells in plan order, zeros included, equal to a hand count."""
    out = counts(small, [Col.AREA_CODE, Col.ACTOR_CODE])
    assert list(out.columns) == [Col.AREA_CODE, Col.ACTOR_CODE, "n"]
    assert [(str(a), str(b)) for a, b in zip(out[Col.AREA_CODE], out[Col.ACTOR_CODE], strict=True)] == [
        (a, b) for a in AREA_CODES for b in ACTOR_CODES
    ]
    expected = Counter((a, b) for a, _, b, _ in SMALL)
    assert [int(n) for n in out["n"]] == [expected[(a, b)] for a in AREA_CODES for b in ACTOR_CODES]
    assert out.loc[out[Col.AREA_CODE] == "mob", "n"].tolist() == [0, 0]
    assert int(out["n"].sum()) == len(small)


def test_counts_equal_crosstab_on_the_real_table(real):
    """Three-way counts on the real table match pandas' crosstab and add up to the table."""
    df, _ = real
    out = counts(df, [Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE])
    assert len(out) == len(AREA_CODES) * len(PHASE_CODES) * len(ACTOR_CODES)
    assert int(out["n"].sum()) == len(df)
    ref = pd.crosstab(
        [df[Col.AREA_CODE].astype(str), df[Col.PHASE_CODE].astype(str)], df[Col.ACTOR_CODE].astype(str)
    ).stack()
    for a, p, b, n in out.itertuples(index=False):
        assert n == ref.get((a, p, b), 0)


def test_counts_accept_plain_string_columns(small):
    """Columns given as plain strings (not categoricals) count the same, in plan order."""
    plain = small.astype({Col.AREA_CODE: "string", Col.PHASE_CODE: "string"})
    a = counts(plain, [Col.PHASE_CODE, Col.AREA_CODE])
    b = counts(small, [Col.PHASE_CODE, Col.AREA_CODE])
    assert a["n"].tolist() == b["n"].tolist()
    assert [str(x) for x in a[Col.PHASE_CODE].unique()] == list(PHASE_CODES)


def test_counts_over_level_and_tentative(small):
    """Non-categorical dims (level, tentative) also give their full grid."""
    out = counts(small, [Col.LEVEL, Col.TENTATIVE])
    assert len(out) == 4
    expected = Counter((lv, p in TENTATIVE_PHASES) for _, p, _, lv in SMALL)
    got = {(int(lv), bool(t)): int(n) for lv, t, n in out.itertuples(index=False)}
    assert got == {(lv, t): expected[(lv, t)] for lv in (1, 2) for t in (False, True)}


def test_counts_on_an_empty_table_are_zeros(small):
    """An empty table gives the full grid with zeros, not an empty frame."""
    out = counts(small.iloc[0:0], [Col.AREA_CODE, Col.PHASE_CODE])
    assert len(out) == 18 and out["n"].eq(0).all()


def test_counts_reject_unknown_dimensions(small):
    """Counting over a free-text column is a programming error."""
    with pytest.raises(ValueError):
        counts(small, [Col.TEXT])


# --- summary -----------------------------------------------------------------------------


def test_summary_numbers(small):
    """Summary figures equal a hand count of SMALL and are plain ints."""
    s = summary(small)
    assert s["total"] == 10
    assert s["items"] == sum(1 for *_, lv in SMALL if lv == 1)
    assert s["sub_items"] == sum(1 for *_, lv in SMALL if lv == 2)
    assert s["by_actor"] == {a: sum(1 for r in SMALL if r[2] == a) for a in ACTOR_CODES}
    assert s["by_phase"] == {p: sum(1 for r in SMALL if r[1] == p) for p in PHASE_CODES}
    assert s["tentative"] == sum(1 for r in SMALL if r[1] in TENTATIVE_PHASES)
    assert s["areas"] == len({r[0] for r in SMALL})
    assert list(s["by_actor"]) == list(ACTOR_CODES) and list(s["by_phase"]) == list(PHASE_CODES)
    for v in (s["total"], s["items"], s["tentative"], s["areas"], *s["by_actor"].values(), *s["by_area"].values()):
        assert type(v) is int


def test_summary_adds_up_on_the_real_table(real):
    """Every breakdown of the real table sums to its total."""
    df, _ = real
    s = summary(df)
    assert s["total"] == len(df) == s["items"] + s["sub_items"]
    assert sum(s["by_actor"].values()) == sum(s["by_phase"].values()) == sum(s["by_area"].values()) == len(df)
    assert s["areas"] == 6


def test_summary_of_nothing_is_zero(small):
    """The summary of an empty table is all zeros."""
    s = summary(small.iloc[0:0])
    assert s["total"] == s["items"] == s["areas"] == s["tentative"] == 0
    assert set(s["by_actor"].values()) == {0}


# --- actor_share -------------------------------------------------------------------------


def test_actor_share_per_area(small):
    """Shares are n / area total, sum to 1 in areas with rows, and are 0 (not NaN) elsewhere."""
    out = actor_share(small)
    assert len(out) == 12 and not out["share"].isna().any()
    assert int(out["n"].sum()) == len(small)
    per_area = out.groupby(Col.AREA_CODE, observed=False)["share"].sum()
    for area in AREA_CODES:
        has_rows = any(r[0] == area for r in SMALL)
        assert per_area[area] == pytest.approx(1.0 if has_rows else 0.0)
    ls = out[out[Col.AREA_CODE] == "ls"].set_index(Col.ACTOR_CODE)
    assert ls.loc["union", "share"] == pytest.approx(1 / 4)
    assert ls.loc["members", "n"] == 3 and ls.loc["members", "area_total"] == 4


# --- timeline_lanes ----------------------------------------------------------------------


def test_timeline_lanes_cover_all_cells_with_themes_from_meta(small):
    """18 rows in plan order; themes come from the metadata even for cells with no rows."""
    out = timeline_lanes(small, _meta_areas())
    assert [(str(a), str(p)) for a, p in zip(out[Col.AREA_CODE], out[Col.PHASE_CODE], strict=True)] == [
        (a, p) for a in AREA_CODES for p in PHASE_CODES
    ]
    assert out["theme"].tolist() == [f"meta theme {a} {p}" for a in AREA_CODES for p in PHASE_CODES]
    assert int(out["total"].sum()) == len(small)
    assert int(sum(out[f"n_{a}"].sum() for a in ACTOR_CODES)) == len(small)
    empty = timeline_lanes(small.iloc[0:0], _meta_areas())
    assert empty["theme"].tolist() == out["theme"].tolist() and empty["total"].eq(0).all()


def test_timeline_lanes_fall_back_to_the_table_themes(small):
    """Without metadata a cell's theme comes from its rows (and is '' for cells with none)."""
    out = timeline_lanes(small, None).set_index([Col.AREA_CODE, Col.PHASE_CODE])
    assert out.loc[("ls", "2024"), "theme"] == "table theme ls 2024"
    assert out.loc[("mob", "2024"), "theme"] == ""


def test_timeline_hover_items_are_capped_in_reading_order():
    """A cell of 15 items lists the first HOVER_CAP by reading order and counts the rest."""
    n = HOVER_CAP + 3
    spec = [("su", "2025", "members", 1)] * n + [("su", "2025", "union", 1), ("su", "2025", "union", 2)]
    df = make_table(spec).sample(frac=1, random_state=7)  # reading order ≠ row order
    row = timeline_lanes(df, None).set_index([Col.AREA_CODE, Col.PHASE_CODE]).loc[("su", "2025")]
    assert row["n_members"] == n
    assert len(row["items_members"]) == HOVER_CAP and row["more_members"] == 3
    assert [s.split("text ")[1] for s in row["items_members"]] == [
        f"su-2025-members-{i:02d}" for i in range(1, HOVER_CAP + 1)
    ]
    assert row["items_union"][1].startswith(SUB_BULLET) and not row["items_union"][0].startswith(SUB_BULLET)
    assert row["more_union"] == 0


def test_timeline_lanes_on_the_real_table(real):
    """With the real metadata every cell has a theme and the per-actor counts match the table."""
    df, meta = real
    out = timeline_lanes(df, meta["areas"])
    assert out["theme"].str.len().gt(0).all()
    cols = (Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE)
    ref = Counter(zip(*(df[c].astype(str) for c in cols), strict=True))
    for row in out.itertuples(index=False):
        d = row._asdict()
        for a in ACTOR_CODES:
            assert d[f"n_{a}"] == ref[(d[Col.AREA_CODE], d[Col.PHASE_CODE], a)]
            assert len(d[f"items_{a}"]) + d[f"more_{a}"] == d[f"n_{a}"]


def test_timeline_lanes_stay_small_on_a_large_table(real):
    """On a 100,000-row table the lanes still add up and each hover list stays capped."""
    df, meta = real
    big = pd.concat([df] * (100_000 // len(df) + 1), ignore_index=True)
    out = timeline_lanes(big, meta["areas"])
    assert int(out["total"].sum()) == len(big)
    assert max(len(v) for a in ACTOR_CODES for v in out[f"items_{a}"]) == HOVER_CAP


# --- purity ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fn",
    [
        lambda df: counts(df, [Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE]),
        summary,
        actor_share,
        lambda df: timeline_lanes(df, _meta_areas()),
        lambda df: aggregate.hover_items(df, [Col.AREA_CODE]),
    ],
    ids=["counts", "summary", "actor_share", "timeline_lanes", "hover_items"],
)
def test_aggregations_do_not_change_their_input(small, fn):
    """The input frame is identical before and after (values, dtypes, index)."""
    shuffled = small.sample(frac=1, random_state=3)
    before = shuffled.copy(deep=True)
    fn(shuffled)
    pd.testing.assert_frame_equal(shuffled, before)


def test_counts_by_actor_is_a_wide_grid(small):
    """Per-phase counts with one column per actor, every phase present, summing to len(df)."""
    out = aggregate.counts_by_actor(small, Col.PHASE_CODE)
    assert list(out.columns) == list(ACTOR_CODES)
    assert [str(i) for i in out.index] == list(PHASE_CODES)
    expected = Counter((p, b) for _, p, b, _ in SMALL)
    assert out.to_numpy().tolist() == [[expected[(p, b)] for b in ACTOR_CODES] for p in PHASE_CODES]
    assert int(out.to_numpy().sum()) == len(small)


def test_instrument_counts_grid(real):
    """Instrument counts cover every category × type; an item with two types counts under both."""
    from dashboard.schema import INSTRUMENT_CODES

    df, _ = real
    grid = aggregate.instrument_counts(df, Col.ACTOR_CODE)
    assert list(grid.columns) == list(INSTRUMENT_CODES) and list(grid.index) == ["union", "members"]
    assert int(grid.to_numpy().sum()) == sum(len(t) for t in df[Col.INSTRUMENT_TYPES])
    union_funding = sum(
        "funding" in list(t) for a, t in zip(df[Col.ACTOR_CODE], df[Col.INSTRUMENT_TYPES], strict=True) if a == "union"
    )
    assert grid.loc["union", "funding"] == union_funding


def test_expo_share_grid(real):
    """Expo share per area × phase: 18 rows, counts add up, share 0 where a cell is empty."""
    df, _ = real
    s = aggregate.expo_share(df)
    assert len(s) == 18 and int(s["total"].sum()) == len(df)
    assert int(s["expo"].sum()) == int(df[Col.EXPO_RELATED].sum())
    empty = aggregate.expo_share(df.iloc[0:0])
    assert (empty["share"] == 0).all()


def test_list_codes_give_the_same_instrument_counts_on_any_row_subset(real):
    """instrument_counts with the table's ListCodes equals the plain path, on subsets and reordered rows."""
    from dashboard.filters import Filters, apply

    df, _ = real
    codes = aggregate.list_codes(df, Col.INSTRUMENT_TYPES)
    subsets = [df, df.iloc[0:0], apply(df, Filters(areas=("su",))), df.iloc[::-3], df.sample(40, random_state=1)]
    for sub in subsets:
        for dim in (Col.ACTOR_CODE, Col.PHASE_CODE, Col.AREA_CODE):
            want = aggregate.instrument_counts(sub, dim)
            pd.testing.assert_frame_equal(aggregate.instrument_counts(sub, dim, codes), want)


def test_list_codes_fall_back_for_rows_of_another_table(real):
    """Rows that are not a subset of the coded table (other ids, duplicate labels) take the plain path."""
    df, _ = real
    codes = aggregate.list_codes(df, Col.INSTRUMENT_TYPES)
    other = df.iloc[:10].copy()
    other[Col.ID] = [f"x{i}" for i in range(10)]
    other[Col.INSTRUMENT_TYPES] = [np.array(["funding"], dtype=object)] * 10
    assert codes.flat(other) is None
    got = aggregate.instrument_counts(other, Col.ACTOR_CODE, codes)
    pd.testing.assert_frame_equal(got, aggregate.instrument_counts(other, Col.ACTOR_CODE))
    assert int(got["funding"].sum()) == 10
    doubled = pd.concat([df.iloc[:3], df.iloc[:3]])
    assert codes.flat(doubled) is None


def test_list_codes_merge_equal_texts_and_skip_missing_elements():
    """Elements are coded by their text; a missing element gets -1 and is not counted."""
    table = pd.DataFrame(
        {
            Col.ID: ["a", "b", "c"],
            Col.TERMS: [
                np.array(["水素", None], dtype=object),
                np.array([], dtype=object),
                np.array(["水素"], dtype=object),
            ],
        }
    )
    codes = aggregate.list_codes(table, Col.TERMS)
    assert list(codes.vocab) == ["水素"] and codes.offsets.tolist() == [0, 2, 2, 3]
    assert codes.codes.tolist() == [0, -1, 0]
    rows, c = codes.flat(table.iloc[[2, 0]])
    assert rows.tolist() == [0, 1, 1] and c.tolist() == [0, 0, -1]
    ragged = pd.DataFrame({Col.ID: ["a"], Col.TERMS: ["not a list"]})
    assert aggregate.list_codes(ragged, Col.TERMS) is None
