"""Aggregations: full category grids in plan order, counted in initiatives (an item with its
sub-items once), totals that add up, capped hover lists."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest
from tables import SMALL, make_table
from units import initiative_counts, initiative_keys, initiative_lists, n_initiatives

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


# SMALL's initiatives: its items (each of its two sub-items follows its item).
SMALL_UNITS = [r for r in SMALL if r[3] == 1]


def _meta_areas() -> list[dict]:
    return [{"code": a, "themes": {p: f"meta theme {a} {p}" for p in PHASE_CODES}} for a in AREA_CODES]


# --- counts ------------------------------------------------------------------------------


def test_counts_cover_the_full_grid_in_plan_order(small):
    """Area × actor counts: all 12 cells in plan order, zeros included, equal to a hand count of initiatives."""
    out = counts(small, [Col.AREA_CODE, Col.ACTOR_CODE])
    assert list(out.columns) == [Col.AREA_CODE, Col.ACTOR_CODE, "n"]
    assert [(str(a), str(b)) for a, b in zip(out[Col.AREA_CODE], out[Col.ACTOR_CODE], strict=True)] == [
        (a, b) for a in AREA_CODES for b in ACTOR_CODES
    ]
    expected = Counter((a, b) for a, _, b, _ in SMALL_UNITS)
    assert [int(n) for n in out["n"]] == [expected[(a, b)] for a in AREA_CODES for b in ACTOR_CODES]
    assert out.loc[out[Col.AREA_CODE] == "mob", "n"].tolist() == [0, 0]
    assert int(out["n"].sum()) == len(SMALL_UNITS) < len(small)


def test_counts_of_rows_on_request(small):
    """rows=True counts every row (an item and each sub-item), adding up to len(df)."""
    out = counts(small, [Col.AREA_CODE, Col.ACTOR_CODE], rows=True)
    expected = Counter((a, b) for a, _, b, _ in SMALL)
    assert [int(n) for n in out["n"]] == [expected[(a, b)] for a in AREA_CODES for b in ACTOR_CODES]
    assert int(out["n"].sum()) == len(small)


def test_counts_equal_crosstab_on_the_real_table(real):
    """Three-way counts on the real table equal an independent count of initiatives and add up to them."""
    df, _ = real
    out = counts(df, [Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE])
    assert len(out) == len(AREA_CODES) * len(PHASE_CODES) * len(ACTOR_CODES)
    assert int(out["n"].sum()) == n_initiatives(df) < len(df)
    ref = initiative_counts(df, Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE)
    for a, p, b, n in out.itertuples(index=False):
        assert n == ref[(a, p, b)]
    rows = counts(df, [Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE], rows=True)
    ref = pd.crosstab(
        [df[Col.AREA_CODE].astype(str), df[Col.PHASE_CODE].astype(str)], df[Col.ACTOR_CODE].astype(str)
    ).stack()
    for a, p, b, n in rows.itertuples(index=False):
        assert n == ref.get((a, p, b), 0)


def test_counts_accept_plain_string_columns(small):
    """Columns given as plain strings (not categoricals) count the same, in plan order."""
    plain = small.astype({Col.AREA_CODE: "string", Col.PHASE_CODE: "string"})
    a = counts(plain, [Col.PHASE_CODE, Col.AREA_CODE])
    b = counts(small, [Col.PHASE_CODE, Col.AREA_CODE])
    assert a["n"].tolist() == b["n"].tolist()
    assert [str(x) for x in a[Col.PHASE_CODE].unique()] == list(PHASE_CODES)


def test_counts_over_level_and_tentative(small):
    """Non-categorical dims (level, tentative) also give their full grid (of rows)."""
    out = counts(small, [Col.LEVEL, Col.TENTATIVE], rows=True)
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
    """Summary figures equal a hand count of SMALL's initiatives (and rows) and are plain ints."""
    s = summary(small)
    assert s["total"] == len(SMALL_UNITS) == 8
    assert s["rows"] == 10
    assert s["items"] == sum(1 for *_, lv in SMALL if lv == 1)
    assert s["sub_items"] == sum(1 for *_, lv in SMALL if lv == 2)
    assert s["by_actor"] == {a: sum(1 for r in SMALL_UNITS if r[2] == a) for a in ACTOR_CODES}
    assert s["by_phase"] == {p: sum(1 for r in SMALL_UNITS if r[1] == p) for p in PHASE_CODES}
    assert s["tentative"] == sum(1 for r in SMALL_UNITS if r[1] in TENTATIVE_PHASES)
    assert s["areas"] == len({r[0] for r in SMALL})
    assert list(s["by_actor"]) == list(ACTOR_CODES) and list(s["by_phase"]) == list(PHASE_CODES)
    for v in (s["total"], s["items"], s["tentative"], s["areas"], *s["by_actor"].values(), *s["by_area"].values()):
        assert type(v) is int


def test_summary_adds_up_on_the_real_table(real):
    """Every breakdown of the real table sums to its initiatives; rows = items + sub-items."""
    df, _ = real
    s = summary(df)
    assert s["rows"] == len(df) == s["items"] + s["sub_items"]
    assert s["total"] == n_initiatives(df) == s["items"]  # every sub-item's item is in the table
    assert sum(s["by_actor"].values()) == sum(s["by_phase"].values()) == sum(s["by_area"].values()) == s["total"]
    assert s["tentative"] == s["by_phase"]["2025"] + s["by_phase"]["2026"]
    assert s["areas"] == 6


def test_summary_of_nothing_is_zero(small):
    """The summary of an empty table is all zeros."""
    s = summary(small.iloc[0:0])
    assert s["total"] == s["items"] == s["areas"] == s["tentative"] == 0
    assert set(s["by_actor"].values()) == {0}


# --- actor_share -------------------------------------------------------------------------


def test_actor_share_per_area(small):
    """Shares are n / area total (initiatives), sum to 1 in areas with rows, and are 0 (not NaN) elsewhere."""
    out = actor_share(small)
    assert len(out) == 12 and not out["share"].isna().any()
    assert int(out["n"].sum()) == len(SMALL_UNITS)
    per_area = out.groupby(Col.AREA_CODE, observed=False)["share"].sum()
    for area in AREA_CODES:
        has_rows = any(r[0] == area for r in SMALL)
        assert per_area[area] == pytest.approx(1.0 if has_rows else 0.0)
    ls = out[out[Col.AREA_CODE] == "ls"].set_index(Col.ACTOR_CODE)
    assert ls.loc["union", "share"] == pytest.approx(1 / 3)  # the members' item and its sub-item are one
    assert ls.loc["members", "n"] == 2 and ls.loc["members", "area_total"] == 3


# --- timeline_lanes ----------------------------------------------------------------------


def test_timeline_lanes_cover_all_cells_with_themes_from_meta(small):
    """18 rows in plan order; themes come from the metadata even for cells with no rows."""
    out = timeline_lanes(small, _meta_areas())
    assert [(str(a), str(p)) for a, p in zip(out[Col.AREA_CODE], out[Col.PHASE_CODE], strict=True)] == [
        (a, p) for a in AREA_CODES for p in PHASE_CODES
    ]
    assert out["theme"].tolist() == [f"meta theme {a} {p}" for a in AREA_CODES for p in PHASE_CODES]
    assert int(out["total"].sum()) == len(SMALL_UNITS)
    assert int(sum(out[f"n_{a}"].sum() for a in ACTOR_CODES)) == len(SMALL_UNITS)
    empty = timeline_lanes(small.iloc[0:0], _meta_areas())
    assert empty["theme"].tolist() == out["theme"].tolist() and empty["total"].eq(0).all()


def test_timeline_lanes_fall_back_to_the_table_themes(small):
    """Without metadata a cell's theme comes from its rows (and is '' for cells with none)."""
    out = timeline_lanes(small, None).set_index([Col.AREA_CODE, Col.PHASE_CODE])
    assert out.loc[("ls", "2024"), "theme"] == "table theme ls 2024"
    assert out.loc[("mob", "2024"), "theme"] == ""


def test_timeline_hover_items_are_capped_in_reading_order():
    """A cell of 15 items lists the first HOVER_CAP by reading order and counts the rest; an item
    with a sub-item is one line that says it has one."""
    n = HOVER_CAP + 3
    spec = [("su", "2025", "members", 1)] * n + [("su", "2025", "union", 1), ("su", "2025", "union", 2)]
    df = make_table(spec).sample(frac=1, random_state=7)  # reading order ≠ row order
    row = timeline_lanes(df, None).set_index([Col.AREA_CODE, Col.PHASE_CODE]).loc[("su", "2025")]
    assert row["n_members"] == n
    assert len(row["items_members"]) == HOVER_CAP and row["more_members"] == 3
    assert [s.split("text ")[1] for s in row["items_members"]] == [
        f"su-2025-members-{i:02d}" for i in range(1, HOVER_CAP + 1)
    ]
    assert row["subs_members"] == [0] * HOVER_CAP
    assert row["n_union"] == 1 and row["items_union"] == ["・text su-2025-union-01"] and row["subs_union"] == [1]
    assert row["more_union"] == 0


def test_timeline_lanes_on_the_real_table(real):
    """With the real metadata every cell has a theme and the per-actor counts are its initiatives."""
    df, meta = real
    out = timeline_lanes(df, meta["areas"])
    assert out["theme"].str.len().gt(0).all()
    ref = initiative_counts(df, Col.AREA_CODE, Col.PHASE_CODE, Col.ACTOR_CODE)
    for row in out.itertuples(index=False):
        d = row._asdict()
        for a in ACTOR_CODES:
            assert d[f"n_{a}"] == ref[(d[Col.AREA_CODE], d[Col.PHASE_CODE], a)]
            assert len(d[f"items_{a}"]) + d[f"more_{a}"] == d[f"n_{a}"]
            assert not any(s.startswith(SUB_BULLET) for s in d[f"items_{a}"])  # every item is in the table
    assert sum(k for a in ACTOR_CODES for ks in out[f"subs_{a}"] for k in ks) == int((df[Col.LEVEL] == 2).sum())


def test_timeline_lanes_stay_small_on_a_large_table(real):
    """On a 100,000-row table the lanes still add up and each hover list stays capped."""
    df, meta = real
    copies = 100_000 // len(df) + 1
    big = pd.concat([df] * copies, ignore_index=True)
    out = timeline_lanes(big, meta["areas"])
    assert int(out["total"].sum()) == copies * n_initiatives(df)
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
        aggregate.count_units,
        aggregate.unit_positions,
    ],
    ids=["counts", "summary", "actor_share", "timeline_lanes", "hover_items", "count_units", "unit_positions"],
)
def test_aggregations_do_not_change_their_input(small, fn):
    """The input frame is identical before and after (values, dtypes, index)."""
    shuffled = small.sample(frac=1, random_state=3)
    before = shuffled.copy(deep=True)
    fn(shuffled)
    pd.testing.assert_frame_equal(shuffled, before)


def test_counts_by_actor_is_a_wide_grid(small):
    """Per-phase counts with one column per actor, every phase present, summing to the initiatives."""
    out = aggregate.counts_by_actor(small, Col.PHASE_CODE)
    assert list(out.columns) == list(ACTOR_CODES)
    assert [str(i) for i in out.index] == list(PHASE_CODES)
    expected = Counter((p, b) for _, p, b, _ in SMALL_UNITS)
    assert out.to_numpy().tolist() == [[expected[(p, b)] for b in ACTOR_CODES] for p in PHASE_CODES]
    assert int(out.to_numpy().sum()) == len(SMALL_UNITS)


def test_instrument_counts_grid(real):
    """Instrument counts cover every category × type; an initiative counts once under each type any of its rows has."""
    from dashboard.schema import INSTRUMENT_CODES

    df, _ = real
    grid = aggregate.instrument_counts(df, Col.ACTOR_CODE)
    assert list(grid.columns) == list(INSTRUMENT_CODES) and list(grid.index) == ["union", "members"]
    types = initiative_lists(df, Col.INSTRUMENT_TYPES)
    assert int(grid.to_numpy().sum()) == sum(len(t) for t in types.values())
    actor = dict(zip(initiative_keys(df), df[Col.ACTOR_CODE].astype(str), strict=True))
    for a in ACTOR_CODES:
        for code in INSTRUMENT_CODES:
            assert grid.loc[a, code] == sum(code in t for k, t in types.items() if actor[k] == a), (a, code)


def test_expo_share_grid(real):
    """Expo share per area × phase: 18 rows, initiatives add up (tied if any row is), share 0 where a cell is empty."""
    df, _ = real
    s = aggregate.expo_share(df)
    assert len(s) == 18 and int(s["total"].sum()) == n_initiatives(df)
    assert int(s["expo"].sum()) == n_initiatives(df[df[Col.EXPO_RELATED]])
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


# --- the unit of count: an item with its sub-items, once ----------------------------------

# One members' item with three sub-items (as 多様な人材の活躍 has), one union item.
NESTED = [("hr", "2025", "members", 1), *[("hr", "2025", "members", 2)] * 3, ("hr", "2025", "union", 1)]


def _lists(df: pd.DataFrame, col: str, values: list[list[str]]) -> pd.DataFrame:
    """`df` with the list column `col` set row by row (as the build stores it: 1-D arrays)."""
    return df.assign(**{col: [np.array(v, dtype=object) for v in values]})


def test_an_item_and_its_sub_items_count_as_one_initiative():
    """A heading with three sub-items is one initiative, not four: 1 vs 1, not 4 vs 1."""
    df = make_table(NESTED)
    by = aggregate.counts_by_actor(df, Col.AREA_CODE).loc["hr"].to_dict()
    assert by == {"union": 1, "members": 1}
    assert aggregate.by_actor(df) == {"union": 1, "members": 1}
    assert aggregate.table_size(df) == {"initiatives": 2, "rows": 5, "items": 2, "sub_items": 3}
    assert list(aggregate.count_units(df)[Col.ID]) == ["hr-2025-members-01", "hr-2025-union-01"]


def test_diverse_talent_by_actor_counts_initiatives_on_the_real_table(real):
    """多様な人材の活躍 by actor: each actor's initiatives (members 10 vs 5 in the plan, not 25 vs 5),
    the same as counting with sub-items hidden, since every sub-item's item is in the table."""
    from dashboard.filters import Filters, apply

    df, _ = real
    got = aggregate.counts_by_actor(df, Col.AREA_CODE).loc["hr"].to_dict()
    want = initiative_counts(df[df[Col.AREA_CODE] == "hr"], Col.ACTOR_CODE)
    assert got == {a: want[(a,)] for a in ACTOR_CODES}
    items_only = apply(df, Filters(include_sub_items=False))
    assert got == aggregate.counts_by_actor(items_only, Col.AREA_CODE).loc["hr"].to_dict()
    hr = df[df[Col.AREA_CODE] == "hr"]
    assert got["members"] < int((hr[Col.ACTOR_CODE] == "members").sum())  # rows would count its sub-items too


def test_sub_items_kept_without_their_item_count_it_once():
    """A filter that keeps two of an item's three sub-items (not the item) counts that item once; the
    first of them in reading order stands for it."""
    df = make_table(NESTED)
    kept = df[df[Col.ID].isin(["hr-2025-members-03", "hr-2025-members-02"])].iloc[::-1]
    assert aggregate.n_units(kept) == 1
    assert list(aggregate.count_units(kept)[Col.ID]) == ["hr-2025-members-02"]
    s = summary(kept)
    assert (s["total"], s["rows"], s["sub_items"], s["by_actor"]["members"]) == (1, 2, 2, 1)
    items = aggregate.hover_items(kept, [Col.AREA_CODE])
    assert items == {("hr",): [(SUB_BULLET + "text hr-2025-members-02", 1)]}


def test_a_search_that_hits_sub_items_counts_their_item_once(real):
    """q=水素 hits two sub-items of one カーボンニュートラル item (not the item itself): that item counts once."""
    from dashboard.filters import Filters, apply

    df, _ = real
    hits = apply(df, Filters(query="水素"))
    parents = Counter(hits.loc[hits[Col.LEVEL] == 2, Col.PARENT_ID].astype(str))
    (parent, n), *_ = parents.most_common(1) or [(None, 0)]
    assert n >= 2 and parent not in set(hits[Col.ID])  # the case: siblings hit, their item not
    s = summary(hits)
    assert s["total"] == n_initiatives(hits) == len(hits) - (n - 1)
    assert int(counts(hits, [Col.AREA_CODE])["n"].sum()) == s["total"]


def test_unit_positions_find_items_by_id_when_rows_are_out_of_order(real):
    """Shuffled rows (no sub-item right under its item): every sub-item still maps to its item's row."""
    df, _ = real
    shuffled = df.sample(frac=1, random_state=11)
    unit = aggregate.unit_positions(shuffled)
    ids = shuffled[Col.ID].astype(str).to_numpy()
    assert list(ids[unit]) == initiative_keys(shuffled)
    assert set(aggregate.count_units(shuffled)[Col.ID]) == set(df.loc[df[Col.LEVEL] == 1, Col.ID])


def test_units_on_a_large_table_equal_the_reference(real):
    """On 100,000 rows (copies with their own ids, a random 70 % of them, shuffled) the units, the
    counts and the instrument counts equal the plain-Python reference."""
    from dashboard.schema import INSTRUMENT_CODES

    df, _ = real
    copies = []
    for k in range(100_000 // len(df) + 1):
        part = df.copy()
        part[Col.ID] = part[Col.ID] + f"~{k}"
        part[Col.PARENT_ID] = part[Col.PARENT_ID] + f"~{k}"
        copies.append(part)
    big = pd.concat(copies, ignore_index=True).sample(frac=0.7, random_state=5)
    keys = initiative_keys(big)
    ids = big[Col.ID].astype(str).to_numpy()
    unit = aggregate.unit_positions(big)
    present, levels = set(ids), big[Col.LEVEL].to_numpy()
    # Every row maps to a row of its initiative: the item's row when the item is there, else a sub-item's.
    assert [keys[u] for u in unit] == keys
    assert all(levels[u] == 1 or keys[u] not in present for u in unit)
    assert aggregate.n_units(big) == len(set(keys))
    ref = initiative_counts(big, Col.AREA_CODE, Col.ACTOR_CODE)
    out = counts(big, [Col.AREA_CODE, Col.ACTOR_CODE])
    assert {(str(a), str(b)): int(n) for a, b, n in out.itertuples(index=False) if n} == {k: v for k, v in ref.items()}
    grid = aggregate.instrument_counts(big, Col.ACTOR_CODE, aggregate.list_codes(big, Col.INSTRUMENT_TYPES))
    types = initiative_lists(big, Col.INSTRUMENT_TYPES)
    assert int(grid.to_numpy().sum()) == sum(len(t) for t in types.values())
    assert int(grid["funding"].sum()) == sum("funding" in t for t in types.values())
    assert list(grid.columns) == list(INSTRUMENT_CODES)


def test_instrument_counts_merge_an_items_sub_items():
    """An item without types whose sub-items have funding, matching and funding counts once under
    each: funding 1, matching 1, on both the plain and the coded path."""
    df = _lists(make_table(NESTED), Col.INSTRUMENT_TYPES, [[], ["funding", "matching"], ["funding"], [], ["funding"]])
    for codes in (None, aggregate.list_codes(df, Col.INSTRUMENT_TYPES)):
        grid = aggregate.instrument_counts(df, Col.ACTOR_CODE, codes)
        assert grid.loc["members", "funding"] == 1 and grid.loc["members", "matching"] == 1
        assert grid.loc["union", "funding"] == 1 and int(grid.to_numpy().sum()) == 3
    kept = df.iloc[[1, 2]]  # only two sub-items: still one initiative with both types
    assert aggregate.instrument_counts(kept, Col.PHASE_CODE).loc["2025", ["funding", "matching"]].tolist() == [1, 1]


def test_expo_share_counts_an_initiative_once_if_any_of_its_rows_is_tied():
    """Two Expo-tied sub-items of an untied item: one initiative of one, 100 %; the union item is not tied."""
    df = make_table(NESTED).assign(**{Col.EXPO_RELATED: [False, True, True, False, False]})
    cell = aggregate.expo_share(df).set_index([Col.AREA_CODE, Col.PHASE_CODE]).loc[("hr", "2025")]
    assert (int(cell["total"]), int(cell["expo"])) == (2, 1) and cell["share"] == pytest.approx(0.5)
    members = aggregate.expo_share(df[df[Col.ACTOR_CODE] == "members"])
    assert int(members["total"].sum()) == 1 and int(members["expo"].sum()) == 1


def test_top_terms_count_an_initiative_once():
    """A term in an item and in its sub-item counts once for that initiative, on every path of top_terms."""
    from dashboard.terms import COUNT, TERM, top_terms

    df = _lists(make_table(NESTED), Col.TERMS, [["水素"], ["水素", "電池"], ["電池"], [], ["水素"]])
    want = [{TERM: "水素", COUNT: 2}, {TERM: "電池", COUNT: 1}]
    assert top_terms(df, 5).to_dict("records") == want
    assert top_terms(df, 5, codes=aggregate.list_codes(df, Col.TERMS)).to_dict("records") == want
    by = top_terms(df, 5, by=Col.ACTOR_CODE)
    assert [(str(a), t, c) for a, t, c in by.itertuples(index=False)] == [
        ("union", "水素", 1),
        ("members", "水素", 1),
        ("members", "電池", 1),
    ]


def test_unit_repeats_hash_when_the_dense_grid_would_be_too_large():
    """The dense-grid and the hashing way of merging an initiative's repeated codes give the same pairs."""
    df = make_table(NESTED)
    rows = np.array([0, 1, 1, 2, 3, 4], dtype=np.int64)  # item, sub (two codes), sub, sub, union item
    codes = np.array([2, 0, 2, 0, -1, 0], dtype=np.int64)
    small = aggregate.unit_repeats(df, rows, codes, 3)
    huge = aggregate.unit_repeats(df, rows, codes, (1 << 26) + 1)  # 1 initiative × 2^26+1 codes: hashed
    for rep in (small, huge):
        assert sorted(rep.drop.tolist()) == [0, 1, 2, 3]  # the members' four occurrences (not the -1)
        assert sorted(zip(rep.rows.tolist(), rep.codes.tolist(), strict=True)) == [(0, 0), (0, 2)]
    assert len(aggregate.unit_repeats(make_table(SMALL_UNITS), rows[:1], codes[:1], 3).drop) == 0
