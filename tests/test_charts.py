"""Figures by structure: trace types, the numbers they carry, order, labels, colours, alt text."""

from __future__ import annotations

import html
import json
import re
from collections import Counter

import pandas as pd
import plotly.graph_objects as go
import pytest
from tables import SMALL, make_table
from units import initiative_keys, initiative_lists, n_initiatives, one_row_per_initiative

from dashboard import charts
from dashboard.aggregate import HOVER_CAP
from dashboard.charts.base import unit_note
from dashboard.i18n import catalogue
from dashboard.load import load_with_meta
from dashboard.palette import ACTOR_COLORS, HEATMAP_COLORSCALE
from dashboard.schema import (
    ACTOR_BY_CODE,
    ACTOR_CODES,
    AREA_BY_CODE,
    AREA_CODES,
    AREAS,
    FISCAL_YEAR_LABELS,
    PHASE_CODES,
    Col,
)

LANGS = ("ja", "en")


META_AREAS = [{"code": a, "themes": {p: f"テーマ{a}{p}" for p in PHASE_CODES}} for a in AREA_CODES]


@pytest.fixture
def small() -> pd.DataFrame:
    """The 10-row table SMALL."""
    return make_table(SMALL)


@pytest.fixture(scope="module")
def real() -> tuple[pd.DataFrame, dict]:
    """The project's table and metadata, through dashboard.load."""
    return load_with_meta()


def all_figures(df: pd.DataFrame, lang: str, areas_meta=META_AREAS) -> dict[str, go.Figure]:
    """Every chart of the module for `df` in `lang`."""
    return {
        "area_actor": charts.fig_area_actor(df, lang),
        "area_actor_stack": charts.fig_area_actor(df, lang, mode="stack"),
        "actor_by_phase": charts.fig_actor_by(df, Col.PHASE_CODE, lang),
        "actor_by_phase_stack": charts.fig_actor_by(df, Col.PHASE_CODE, lang, mode="stack"),
        "heatmap": charts.fig_heatmap(df, lang),
        "heatmap_union": charts.fig_heatmap(df, lang, actor="union"),
        "heatmap_members": charts.fig_heatmap(df, lang, actor="members"),
        "actor_share": charts.fig_actor_share(df, lang),
        "timeline": charts.fig_timeline(df, areas_meta, lang),
    }


def area_labels(lang: str) -> list[str]:
    return [a.label(lang) for a in AREAS]


def actor_traces(fig: go.Figure) -> dict[str, go.Bar]:
    """Bar traces by actor code, found through their legend names."""
    by_name = {tr.name: tr for tr in fig.data if isinstance(tr, go.Bar)}
    return {
        a: tr for a in ACTOR_CODES for lang in LANGS if (tr := by_name.get(ACTOR_BY_CODE[a].label(lang))) is not None
    }


def crosstab(df: pd.DataFrame, rows: str, cols: str) -> pd.DataFrame:
    """Initiatives (an item with its sub-items once) counted independently of dashboard.aggregate, on the full grid."""
    from dashboard.schema import CATEGORIES

    units = one_row_per_initiative(df)
    ref = pd.crosstab(units[rows].astype(str), units[cols].astype(str))
    return ref.reindex(index=list(CATEGORIES[rows]), columns=list(CATEGORIES[cols]), fill_value=0)


# --- bars by actor -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("mode", ["group", "stack"])
def test_area_actor_bars_carry_the_counts(small, lang, mode):
    """One bar trace per actor over the six areas in plan order; y equals an independent count."""
    fig = charts.fig_area_actor(small, lang, mode=mode)
    bars = actor_traces(fig)
    assert [tr.type for tr in fig.data] == ["bar", "bar"]
    assert fig.layout.barmode == mode
    ref = crosstab(small, Col.AREA_CODE, Col.ACTOR_CODE)
    for a, tr in bars.items():
        assert list(tr.x) == area_labels(lang)
        assert list(tr.y) == ref[a].tolist()
        assert tr.name == ACTOR_BY_CODE[a].label(lang)
    assert sum(sum(tr.y) for tr in bars.values()) == n_initiatives(small) < len(small)
    assert list(fig.layout.xaxis.categoryarray) == area_labels(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_actor_by_phase(small, lang):
    """Per-phase bars: phases in plan order, labelled with fiscal year and phase name."""
    fig = charts.fig_actor_by(small, Col.PHASE_CODE, lang, mode="stack")
    bars = actor_traces(fig)
    ticks = list(bars["union"].x)
    assert len(ticks) == 3
    for tick, p in zip(ticks, PHASE_CODES, strict=True):
        assert tick.startswith(FISCAL_YEAR_LABELS[p].rstrip("～"))
    assert ("現状" if lang == "ja" else "Current") in ticks[0]
    ref = crosstab(small, Col.PHASE_CODE, Col.ACTOR_CODE)
    for a in ACTOR_CODES:
        assert list(bars[a].y) == ref[a].tolist()
    # Stacked bars show each stack's total above it.
    totals = sorted(int(re.sub(r"<[^>]+>|,", "", an.text)) for an in fig.layout.annotations)
    assert totals == sorted(n for n in ref.sum(axis=1).tolist() if n)


def test_actor_by_rejects_bad_arguments(small):
    """Unknown dimension or mode is a programming error, reported at once."""
    with pytest.raises(ValueError):
        charts.fig_actor_by(small, Col.ACTOR_CODE, "ja")
    with pytest.raises(ValueError):
        charts.fig_actor_by(small, Col.AREA_CODE, "ja", mode="overlay")
    with pytest.raises(ValueError):
        charts.fig_heatmap(small, "ja", actor="everyone")


def test_bars_on_the_real_table_sum_to_its_length(real):
    """On the real table each actor's bars sum to that actor's initiatives, all bars to all initiatives."""
    df, _ = real
    for dim in (Col.AREA_CODE, Col.PHASE_CODE):
        bars = actor_traces(charts.fig_actor_by(df, dim, "ja"))
        for a in ACTOR_CODES:
            assert sum(bars[a].y) == n_initiatives(df[df[Col.ACTOR_CODE] == a])
        assert sum(sum(tr.y) for tr in bars.values()) == n_initiatives(df)


# --- heatmap -----------------------------------------------------------------------------


@pytest.mark.parametrize("actor", [None, "union", "members"])
def test_heatmap_z_equals_an_independent_count(real, actor):
    """z is the area × phase count of initiatives (of one actor or both), areas top-down in plan order."""
    df, _ = real
    fig = charts.fig_heatmap(df, "en", actor=actor)
    (hm,) = fig.data
    assert hm.type == "heatmap"
    rows = df if actor is None else df[df[Col.ACTOR_CODE] == actor]
    ref = crosstab(rows, Col.AREA_CODE, Col.PHASE_CODE)
    assert [list(r) for r in hm.z] == ref.to_numpy().tolist()
    assert list(hm.y) == area_labels("en")
    assert [t.split("<br>")[0] for t in hm.x] == [FISCAL_YEAR_LABELS[p].replace("～", "–") for p in PHASE_CODES]
    assert fig.layout.yaxis.autorange == "reversed"  # first area at the top
    assert hm.zmin == 0 and "%{z" in hm.texttemplate
    assert [list(s) for s in hm.colorscale] == [list(s) for s in HEATMAP_COLORSCALE]
    assert sum(map(sum, hm.z)) == n_initiatives(rows)


def test_heatmap_title_names_the_actor(small):
    """A one-actor heatmap says which actor in its title, in the UI language."""
    for lang in LANGS:
        title = charts.fig_heatmap(small, lang, actor="members").layout.title.text
        assert ACTOR_BY_CODE["members"].label(lang).replace("&", "&amp;") in title


# --- share -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_actor_share_bars(small, lang):
    """Horizontal 100 % stacked bars: shares per area sum to 1 (0 where empty), counts in customdata."""
    fig = charts.fig_actor_share(small, lang)
    bars = actor_traces(fig)
    assert fig.layout.barmode == "stack"
    assert all(tr.orientation == "h" for tr in bars.values())
    assert list(bars["union"].y) == area_labels(lang)
    ref = crosstab(small, Col.AREA_CODE, Col.ACTOR_CODE)
    totals = ref.sum(axis=1).tolist()
    for i, total in enumerate(totals):
        s = sum(bars[a].x[i] for a in ACTOR_CODES)
        assert s == pytest.approx(1.0 if total else 0.0)
        for a in ACTOR_CODES:
            n, area_total = bars[a].customdata[i]
            assert (n, area_total) == (ref[a].iloc[i], total)
    ls = AREA_CODES.index("ls")  # 1 of 3 initiatives is the union's (the members' item and its sub-item are one)
    assert bars["union"].text[ls] == "33%" and bars["members"].text[ls] == "67%"
    assert list(fig.layout.xaxis.range) == [0, 1]


# --- timeline ----------------------------------------------------------------------------


def timeline_markers(fig: go.Figure) -> dict[str, go.Scatter]:
    """The per-actor marker traces (those carrying hover text), by actor code."""
    out = {}
    for tr in fig.data:
        if tr.type == "scatter" and tr.mode == "markers+text":
            (code,) = [a for a in ACTOR_CODES if tr.name in {ACTOR_BY_CODE[a].label(x) for x in LANGS}]
            out[code] = tr
    return out


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_structure(small, lang):
    """Six lanes top-down, three phases, two actor markers per cell labelled with the counts."""
    fig = charts.fig_timeline(small, META_AREAS, lang)
    assert {tr.type for tr in fig.data} == {"scatter"}
    assert list(fig.layout.yaxis.ticktext) == area_labels(lang)
    assert list(fig.layout.xaxis.tickvals) == [0, 1, 2]
    assert fig.layout.xaxis.ticktext[0] == {"ja": "2024<br>現状", "en": "2024<br>Current"}[lang]
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # reversed: first area on top
    markers = timeline_markers(fig)
    assert set(markers) == set(ACTOR_CODES)
    ref = Counter((a, p, b) for a, p, b, level in SMALL if level == 1)
    for a, tr in markers.items():
        assert len(tr.x) == 18
        assert tr.marker.color == ACTOR_COLORS[a]
        cells = [(area, phase) for area in AREA_CODES for phase in PHASE_CODES]
        assert [int(t) for t in tr.text] == [ref[(area, phase, a)] for area, phase in cells]
        # Markers of the same count have the same size; larger counts are larger.
        sizes = dict(zip([int(t) for t in tr.text], tr.marker.size, strict=True))
        ordered = [sizes[n] for n in sorted(sizes)]
        assert ordered == sorted(ordered) and len(set(ordered)) == len(ordered)
    assert sum(int(t) for tr in markers.values() for t in tr.text) == n_initiatives(small)
    # The union marker sits left of the members marker in every cell.
    assert all(u < m for u, m in zip(markers["union"].x, markers["members"].x, strict=True))
    # Themes come from the metadata, also for cells without initiatives (mob has none).
    (themes,) = [tr for tr in fig.data if tr.mode == "text"]
    assert len(themes.text) == 18 and "テーマmob2024" in themes.text
    # A thin line joins each lane's phases.
    (lines,) = [tr for tr in fig.data if tr.mode == "lines"]
    assert lines.line.width <= 2 and sum(v is None for v in lines.x) == 6


@pytest.mark.parametrize(("lang", "more"), [("ja", "…他 3 件"), ("en", "… 3 more")])
def test_timeline_hover_lists_are_capped(lang, more):
    """A cell of HOVER_CAP + 3 items hovers with HOVER_CAP items and '…他 3 件' / '… 3 more'."""
    df = make_table([("hr", "2025", "members", 1)] * (HOVER_CAP + 3))
    fig = charts.fig_timeline(df, META_AREAS, lang)
    tr = timeline_markers(fig)["members"]
    i = AREA_CODES.index("hr") * 3 + PHASE_CODES.index("2025")
    lines = tr.hovertext[i].split("<br>")
    items = [ln for ln in lines if "text hr-2025" in ln]
    assert len(items) == HOVER_CAP
    assert lines[-1] == more
    assert AREA_BY_CODE["hr"].label(lang) in lines[0]


def test_timeline_hover_escapes_markup():
    """Initiative text reaches the hover escaped, so '<' in data cannot become markup."""
    df = make_table([("ls", "2024", "union", 1)])
    df[Col.TEXT] = pd.array(["<b>x</b> & y"], dtype="string")
    tr = timeline_markers(charts.fig_timeline(df, META_AREAS, "ja"))["union"]
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in tr.hovertext[0]


def test_timeline_limits_lanes_on_request(small):
    """`areas` keeps only the chosen lanes, in plan order."""
    fig = charts.fig_timeline(small, META_AREAS, "en", areas=["su", "ls"])
    assert list(fig.layout.yaxis.ticktext) == [AREA_BY_CODE["ls"].en, AREA_BY_CODE["su"].en]
    assert all(len(tr.x) == 6 for tr in timeline_markers(fig).values())


def test_timeline_on_a_large_table_stays_small(real):
    """100,000 rows give the same 18 cells per actor and a figure of a few tens of kB."""
    df, meta = real
    copies = 100_000 // len(df) + 1
    big = pd.concat([df] * copies, ignore_index=True)
    fig = charts.fig_timeline(big, meta["areas"], "ja")
    markers = timeline_markers(fig)
    assert sum(int(t.replace(",", "")) for tr in markers.values() for t in tr.text) == copies * n_initiatives(df)
    for tr in markers.values():
        assert len(tr.x) == 18
        assert all(h.count("<br>") <= HOVER_CAP + 2 for h in tr.hovertext)
    assert len(json.dumps(fig.to_plotly_json(), default=str, ensure_ascii=False)) < 60_000


# --- across all figures ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_has_alt_text_with_the_total(real, lang):
    """meta['alt'] is one sentence carrying the number of initiatives shown (not of rows)."""
    df, meta = real
    for name, fig in all_figures(df, lang, meta["areas"]).items():
        alt = fig.layout.meta["alt"]
        rows = df if not name.startswith("heatmap_") else df[df[Col.ACTOR_CODE] == name[8:]]
        total = n_initiatives(rows)
        assert not re.search(rf"\b{len(rows)}\b", alt), name
        assert isinstance(alt, str) and re.search(rf"\b{total}\b", alt), name
        assert alt.rstrip().endswith("。" if lang == "ja" else "."), name
        assert alt.count("。") <= 1, name


@pytest.mark.parametrize("lang", LANGS)
def test_labels_follow_the_ui_language(small, lang):
    """Titles and legend names are the catalogue's / schema's text for `lang`, not the other one."""
    other = "en" if lang == "ja" else "ja"
    others = all_figures(small, other)
    for name, fig in all_figures(small, lang).items():
        title = fig.layout.title.text
        assert title and title != others[name].layout.title.text, name
        names = {tr.name for tr in fig.data if tr.name}
        assert names <= {a.label(lang) for a in (ACTOR_BY_CODE[c] for c in ACTOR_CODES)}, name
    assert charts.fig_area_actor(small, lang).layout.yaxis.title.text == catalogue(lang)("chart.axis.count")


def test_actor_colours_are_the_same_in_every_figure(small):
    """Each actor has one colour across all figures and languages, the palette's."""
    seen: dict[str, set[str]] = {a: set() for a in ACTOR_CODES}
    for lang in LANGS:
        for fig in all_figures(small, lang).values():
            for tr in fig.data:
                for a in ACTOR_CODES:
                    if tr.name == ACTOR_BY_CODE[a].label(lang):
                        seen[a].add(tr.marker.color)
    assert seen == {a: {ACTOR_COLORS[a]} for a in ACTOR_CODES}


@pytest.mark.parametrize("lang", LANGS)
def test_empty_table_gives_full_axes_zeros_and_a_note(small, lang):
    """Filtered to nothing: no error, all categories on the axes, zero values, a 'no data' note."""
    empty = small.iloc[0:0]
    note = catalogue(lang)("chart.no_data")
    for name, fig in all_figures(empty, lang).items():
        assert note in [an.text for an in fig.layout.annotations], name
        assert re.search(r"\b0\b", fig.layout.meta["alt"]), name
        for tr in fig.data:
            if tr.type == "bar":
                assert len(tr.y) in (3, 6) and not any(tr.x if tr.orientation == "h" else tr.y)
            if tr.type == "heatmap":
                assert [list(r) for r in tr.z] == [[0, 0, 0]] * 6
    assert list(charts.fig_heatmap(empty, lang).data[0].y) == area_labels(lang)
    assert list(timeline_markers(charts.fig_timeline(empty, META_AREAS, lang))["union"].text) == ["0"] * 18


def test_figures_are_light_with_a_japanese_font_and_no_maps(small):
    """White background, a font list that renders Japanese, and only bar/heatmap/scatter traces."""
    for fig in all_figures(small, "ja").values():
        layout = fig.layout.template.layout
        assert layout.paper_bgcolor == "white" and layout.plot_bgcolor == "white"
        assert "Noto Sans CJK JP" in layout.font.family
        assert {tr.type for tr in fig.data} <= {"bar", "heatmap", "scatter"}


def test_figures_do_not_change_their_input(small):
    """Building every figure leaves the input frame identical."""
    shuffled = small.sample(frac=1, random_state=5)
    before = shuffled.copy(deep=True)
    for lang in LANGS:
        all_figures(shuffled, lang)
    pd.testing.assert_frame_equal(shuffled, before)


# --- analysis charts -----------------------------------------------------------------------


def _explode_counts(df: pd.DataFrame, dim: str) -> dict[tuple[str, str], int]:
    """(category, type) → initiatives with that type on any of their rows."""
    where = dict(zip(initiative_keys(df), df[dim].astype(str), strict=True))
    out: dict[tuple[str, str], int] = {}
    for unit, types in initiative_lists(df, Col.INSTRUMENT_TYPES).items():
        for code in types:
            out[(where[unit], code)] = out.get((where[unit], code), 0) + 1
    return out


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_instrument_heatmap_counts_each_type_once_per_item(real, lang):
    """Actor × instrument z equals a count done initiative by initiative; labels follow the language."""
    from dashboard.schema import ACTOR_CODES, INSTRUMENT_BY_CODE, INSTRUMENT_CODES

    df, _ = real
    fig = charts.fig_instrument_heatmap(df, lang)
    (hm,) = fig.data
    expected = _explode_counts(df, Col.ACTOR_CODE)
    assert hm.type == "heatmap"
    assert [list(r) for r in hm.z] == [[expected.get((a, c), 0) for c in INSTRUMENT_CODES] for a in ACTOR_CODES]
    shown = [html.unescape(x.replace("<br>", "")).replace(" ", "") for x in hm.x]
    assert shown == [INSTRUMENT_BY_CODE[c].label(lang).replace(" ", "") for c in INSTRUMENT_CODES]
    assert str(n_initiatives(df)) in fig.layout.meta["alt"]


@pytest.mark.parametrize("dim", [Col.PHASE_CODE, Col.AREA_CODE])
def test_instrument_mix_shares_sum_to_one(real, dim):
    """Each category's shares over the instrument traces add up to 1 (or 0 when empty)."""
    from dashboard.palette import INSTRUMENT_COLORS
    from dashboard.schema import INSTRUMENT_CODES

    df, _ = real
    fig = charts.fig_instrument_mix(df, dim, "ja")
    assert [tr.marker.color for tr in fig.data] == [INSTRUMENT_COLORS[c] for c in INSTRUMENT_CODES]
    sums = [sum(tr.x[i] for tr in fig.data) for i in range(len(fig.data[0].x))]
    assert all(abs(s - 1) < 1e-9 for s in sums)
    counts = _explode_counts(df, dim)
    rnd = next(tr for tr, c in zip(fig.data, INSTRUMENT_CODES, strict=True) if c == "rnd")
    assert sum(int(cd[0]) for cd in rnd.customdata) == sum(v for (_, c), v in counts.items() if c == "rnd")


def test_expo_heatmap_shares(real):
    """The Expo heatmap carries each cell's share of initiatives tied to the Expo (on any of their rows)."""
    df, _ = real
    fig = charts.fig_expo(df, "ja")
    (hm,) = fig.data
    su = df[(df[Col.AREA_CODE] == "su") & (df[Col.PHASE_CODE] == "2025")]
    tied, total = n_initiatives(su[su[Col.EXPO_RELATED]]), n_initiatives(su)
    assert total < len(su)  # the cell has sub-items
    assert hm.z[3][1] == pytest.approx(tied / total)
    assert f"{tied}/{total}" in hm.text[3][1]
    assert str(n_initiatives(df[df[Col.EXPO_RELATED]])) in fig.layout.meta["alt"]


def test_terms_chart_lists_terms_in_order():
    """The key-term bars show the terms most frequent first, escaped."""
    top = pd.DataFrame({"term": ["万博", "<b>x</b>"], "count": [5, 2]})
    fig = charts.fig_terms(top, "en")
    (bar,) = fig.data
    assert list(bar.x) == [5, 2] and bar.y[1] == "&lt;b&gt;x&lt;/b&gt;"
    assert "万博" in fig.layout.meta["alt"]


@pytest.mark.parametrize(
    "build",
    [
        lambda df: charts.fig_instrument_heatmap(df, "ja"),
        lambda df: charts.fig_instrument_mix(df, Col.AREA_CODE, "ja"),
        lambda df: charts.fig_expo(df, "ja"),
        lambda df: charts.fig_terms(pd.DataFrame({"term": [], "count": []}), "ja"),
    ],
)
def test_analysis_charts_on_an_empty_table(real, build):
    """An empty filter result gives a figure with a no-data note, never an error."""
    empty = real[0].iloc[0:0]
    fig = build(empty)
    assert any("該当" in (a.text or "") for a in fig.layout.annotations)


def test_legend_can_be_left_to_a_sibling_chart(real):
    """legend=False hides only the legend: same traces, names and colours as with it."""
    df, _ = real
    builders = [
        lambda legend: charts.fig_actor_by(df, Col.AREA_CODE, legend=legend),
        lambda legend: charts.fig_actor_share(df, legend=legend),
        lambda legend: charts.fig_instrument_mix(df, Col.AREA_CODE, legend=legend),
    ]
    for build in builders:
        shown, hidden = build(True), build(False)
        assert shown.layout.showlegend is not False and hidden.layout.showlegend is False
        assert [tr.to_plotly_json() for tr in hidden.data] == [tr.to_plotly_json() for tr in shown.data]


def test_long_heatmap_labels_wrap_by_display_width():
    """Labels wider than 12 columns (CJK characters count two) break after '・' or at a space."""
    from dashboard.charts.base import wrap_label as _wrap_label

    assert _wrap_label("拠点・環境整備") == "拠点・<br>環境整備"
    assert _wrap_label("資金・補助") == "資金・補助"
    assert _wrap_label("Infrastructure") == "Infrastructure"  # nowhere to break
    assert _wrap_label("Hubs & facilities") == "Hubs &amp;<br>facilities"


# --- what a count chart counts -------------------------------------------------------------


def count_figures(df: pd.DataFrame, lang: str, areas_meta=META_AREAS) -> dict[str, go.Figure]:
    """Every chart of counts of initiatives (all but the progress charts)."""
    from dashboard.terms import top_terms

    return {
        **all_figures(df, lang, areas_meta),
        "instrument_heatmap": charts.fig_instrument_heatmap(df, lang),
        "instrument_mix": charts.fig_instrument_mix(df, Col.AREA_CODE, lang),
        "expo": charts.fig_expo(df, lang),
        "terms": charts.fig_terms(top_terms(df, 25), lang),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_count_chart_says_what_it_counts(real, lang):
    """Under each count chart's title: 「取組数（▶ 下位項目は親の取組に含めて数えます）」, in the UI language,
    with room for it above the plot; its alt text counts 取組 / initiatives."""
    df, meta = real
    note = catalogue(lang)("chart.unit_note")
    assert unit_note(lang) == note and ("▶" in note) and ("取組" in note if lang == "ja" else "Initiatives" in note)
    for name, fig in count_figures(df, lang, meta["areas"]).items():
        assert html.unescape(fig.layout.title.subtitle.text) == note, name
        assert fig.layout.title.yanchor == "top" and fig.layout.margin.t >= 70, name
        alt = fig.layout.meta["alt"]
        assert ("取組" in alt) if lang == "ja" else ("initiatives" in alt), (name, alt)


def test_timeline_hover_says_how_many_sub_items_an_initiative_has():
    """An item with three sub-items is one marker count and one hover line that names the three."""
    df = make_table([("hr", "2025", "members", 1), *[("hr", "2025", "members", 2)] * 3])
    for lang, suffix in (("ja", "（ほか ▶ 下位項目 3 件）"), ("en", " (+3 ▶ sub-items)")):
        tr = timeline_markers(charts.fig_timeline(df, META_AREAS, lang))["members"]
        i = AREA_CODES.index("hr") * 3 + PHASE_CODES.index("2025")
        assert tr.text[i] == "1"
        lines = tr.hovertext[i].split("<br>")
        assert [ln for ln in lines if "text hr-2025" in ln] == [
            html.escape("・text hr-2025-members-01" + suffix, quote=False)
        ]
