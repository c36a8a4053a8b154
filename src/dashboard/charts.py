"""Plotly figures of the (filtered) initiative table, one function per chart.

Every builder is pure: the table in (never changed), a small `go.Figure` out, built from
aggregated data (dashboard.aggregate), never from one trace point per initiative. Titles, axis
titles, legend names, category labels and hover text follow `lang` ("ja"/"en"); areas, phases
and actors keep plan order and the fixed colours of dashboard.palette. Each figure carries a
one-sentence alt text in `fig.layout.meta["alt"]` for `st.plotly_chart(..., alt=...)`.
An empty table gives the full category axes with zeros and a "no data" note; never an error.
"""

from __future__ import annotations

import html
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from . import aggregate
from .i18n import catalogue
from .palette import (
    ACTOR_COLORS,
    GRID_COLOR,
    HEATMAP_COLORSCALE,
    INSTRUMENT_COLORS,
    LINE_COLOR,
    MUTED_COLOR,
    TEXT_COLOR,
)
from .schema import (
    ACTOR_CODES,
    ACTORS,
    AREA_CODES,
    INSTRUMENT_CODES,
    PHASE_BY_CODE,
    PHASE_CODES,
    Col,
    label,
)

FONT_FAMILY = "Noto Sans CJK JP, Hiragino Sans, Hiragino Kaku Gothic ProN, Meiryo, sans-serif"
MODES = ("group", "stack")
ACTOR_BY_DIMS = (Col.AREA_CODE, Col.PHASE_CODE)
# Longest initiative text shown in a hover line (longer ones end in "…").
HOVER_ITEM_CHARS = 40
# Characters per line of a theme printed in the timeline.
THEME_LINE_CHARS = 16

# A small template (the stock ones add ~10 kB to every serialised figure).
TEMPLATE = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT_FAMILY, "color": TEXT_COLOR, "size": 13},
        paper_bgcolor="white",
        plot_bgcolor="white",
        colorway=[ACTOR_COLORS[a] for a in ACTOR_CODES],
        hoverlabel={"font": {"family": FONT_FAMILY}, "align": "left"},
        xaxis={"gridcolor": GRID_COLOR, "linecolor": LINE_COLOR, "zerolinecolor": LINE_COLOR, "automargin": True},
        yaxis={
            "gridcolor": GRID_COLOR,
            "linecolor": LINE_COLOR,
            "zerolinecolor": LINE_COLOR,
            "automargin": True,
            "ticklabelstandoff": 6,
        },
    )
)


# --- labels ------------------------------------------------------------------------------


def area_label(code: str, lang: str) -> str:
    return label("area", code, lang)


def actor_label(code: str, lang: str) -> str:
    return label("actor", code, lang)


def phase_tick(code: str, lang: str) -> str:
    """Axis label of a phase: fiscal year over the phase name ('2024<br>現状')."""
    return PHASE_BY_CODE[code].tick(lang)


def phase_text(code: str, lang: str) -> str:
    """A phase on one line ('2024 現状'), for alt text and titles."""
    return label("phase", code, lang)


def _dim_labels(dim: str, lang: str) -> list[str]:
    if dim == Col.AREA_CODE:
        return [area_label(c, lang) for c in AREA_CODES]
    return [phase_tick(c, lang) for c in PHASE_CODES]


def _esc(text: object) -> str:
    """Text made safe for Plotly's HTML-like labels (<, >, & escaped; quotes kept)."""
    return html.escape(str(text), quote=False)


def _fmt(n: int) -> str:
    return f"{int(n):,}"


def _pct(share: float) -> str:
    return f"{share:.0%}"


def _by_actor_text(by_actor: Mapping[str, int], lang: str) -> str:
    t = catalogue(lang)
    return t("chart.list_sep").join(
        t("chart.actor_count", label=actor_label(a, lang), n=_fmt(by_actor.get(a, 0))) for a in ACTOR_CODES
    )


def _truncate(text: str, limit: int = HOVER_ITEM_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hover_list(items: Sequence[str], more: int, lang: str) -> str:
    """Escaped hover lines of (already capped) items, plus '…他 N 件' when some were left off."""
    lines = [_esc(_truncate(s)) for s in items]
    if more > 0:
        lines.append(catalogue(lang)("chart.hover.more", n=_fmt(more)))
    return "<br>".join(lines)


def _wrap(text: str, width: int = THEME_LINE_CHARS) -> str:
    """Break a Japanese phrase into balanced lines of at most `width` characters, at '、' first."""
    lines: list[str] = []
    for part in text.replace("、", "、\n").split("\n"):
        if not part:
            continue
        n_lines = math.ceil(len(part) / width)
        size = math.ceil(len(part) / n_lines)
        lines.extend(part[i : i + size] for i in range(0, len(part), size))
    return "<br>".join(_esc(s) for s in lines)


# --- layout ------------------------------------------------------------------------------


def _merged(base: dict, update: Mapping) -> dict:
    """`base` updated by `update` the way `update_layout` merges: nested dicts recursively, other
    values replaced (a new dict; neither input is changed)."""
    out = dict(base)
    for k, v in update.items():
        out[k] = _merged(out[k], v) if isinstance(v, Mapping) and isinstance(out.get(k), Mapping) else v
    return out


def _layout(fig: go.Figure, title: str, alt: str, **layout) -> go.Figure:
    """Title, legend, margins, alt text and the template, then `layout` on top.

    Built as one dict and validated once (plotly's property-by-property `update_layout` costs
    ~15 ms per figure; the result is the same figure).
    """
    base = {
        "template": TEMPLATE,
        "title": {"text": _esc(title), "xref": "container", "x": 0.01, "xanchor": "left", "font": {"size": 16}},
        "legend": {
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "itemsizing": "constant",
            "traceorder": "normal",  # plan order of the actors, also for stacked bars
        },
        "margin": {"l": 10, "r": 10, "t": 90, "b": 10},
        "meta": {"alt": alt},
    }
    fig.layout.template = TEMPLATE  # first: copying plotly's large default template below would cost more
    fig.layout = _merged(_merged(fig.layout.to_plotly_json(), base), layout)
    return fig


def _no_data(fig: go.Figure, lang: str, **position) -> None:
    """A 'no initiatives match' note (centre of the plot unless `position` says otherwise)."""
    where = {"x": 0.5, "y": 0.5, "xanchor": "center", "yanchor": "middle", **position}
    fig.add_annotation(
        text=catalogue(lang)("chart.no_data"),
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 15, "color": MUTED_COLOR},
        bgcolor="rgba(255,255,255,0.85)",
        **where,
    )


def _count_axis(max_n: int, headroom: float = 0.0) -> dict:
    """A count axis from 0 with whole-number ticks (and room above the top for labels)."""
    axis: dict = {"rangemode": "tozero", "tickformat": ",d"}
    if max_n <= 0:
        axis.update(range=[0, 5], dtick=1)
    else:
        if max_n <= 6:
            axis.update(dtick=1)
        if headroom:
            axis.update(range=[0, max_n * (1 + headroom)])
    return axis


def _check(value, allowed: Iterable, what: str) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"{what} must be one of {allowed}, not {value!r}")


def _count_heatmap(z: list[list[int]], x: list[str], y: list[str], label: str, lang: str) -> go.Heatmap:
    """A heatmap of counts from 0, numbers printed in the cells, whole-number colour-bar ticks."""
    t = catalogue(lang)
    max_n = max((max(r) for r in z if r), default=0)
    return go.Heatmap(
        z=z,
        x=x,
        y=y,
        zmin=0,
        zmax=max(max_n, 1),
        colorscale=HEATMAP_COLORSCALE,
        texttemplate="%{z:,d}",
        textfont={"size": 14},
        xgap=3,
        ygap=3,
        colorbar={
            "title": {"text": t("chart.axis.count")},
            "tickformat": ",d",
            "thickness": 12,
            **({"dtick": 1} if max_n <= 10 else {}),
        },
        hovertemplate=f"<b>%{{y}}</b><br>%{{x}}<br>{_esc(t('chart.hover.count', label=label, n='%{z}'))}<extra></extra>",
    )


# --- charts ------------------------------------------------------------------------------


def fig_actor_by(df: pd.DataFrame, dim: str, lang: str = "ja", mode: str = "group", legend: bool = True) -> go.Figure:
    """Bars of initiative counts per area (or per phase), one bar series per actor, grouped or stacked.

    `legend=False` for a chart beside another with the same legend (each legend costs the browser
    a redraw on every filter change)."""
    _check(dim, ACTOR_BY_DIMS, "dim")
    _check(mode, MODES, "mode")
    t = catalogue(lang)
    key = "area" if dim == Col.AREA_CODE else "phase"
    title = t(f"chart.actor_by.{key}.title")
    labels = _dim_labels(dim, lang)
    grid = aggregate.counts_by_actor(df, dim)  # rows: categories in plan order; columns: actors
    fig = go.Figure()
    for a in ACTOR_CODES:
        name = actor_label(a, lang)
        ys = [int(v) for v in grid[a]]
        fig.add_trace(
            go.Bar(
                x=labels,
                y=ys,
                name=name,
                marker={"color": ACTOR_COLORS[a]},
                text=[_fmt(v) if v else "" for v in ys],
                textposition="outside" if mode == "group" else "inside",
                cliponaxis=False,
                hovertemplate=f"<b>%{{x}}</b><br>{_esc(t('chart.hover.count', label=name, n='%{y}'))}<extra></extra>",
            )
        )
    totals = grid[list(ACTOR_CODES)].sum(axis=1).astype(int).tolist()
    if mode == "stack":
        for label, total in zip(labels, totals, strict=True):
            if total:
                fig.add_annotation(
                    x=label, y=total, text=f"<b>{_fmt(total)}</b>", showarrow=False, yanchor="bottom", yshift=2
                )
    total = len(df)
    if total:
        top = max(range(len(totals)), key=lambda i: (totals[i], -i))
        alt = t(
            "chart.actor_by.alt",
            title=title,
            total=_fmt(total),
            by_actor=_by_actor_text(aggregate.by_actor(df), lang),
            top=labels[top].replace("<br>", " "),
            top_n=_fmt(totals[top]),
        )
    else:
        alt = t("chart.empty_alt", title=title)
    max_n = max(totals) if mode == "stack" else int(grid[list(ACTOR_CODES)].to_numpy().max())
    _layout(
        fig,
        title,
        alt,
        barmode=mode,
        xaxis={
            "title": {"text": t(f"chart.axis.{key}")},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels,
        },
        yaxis={"title": {"text": t("chart.axis.count")}, **_count_axis(max_n, headroom=0.12)},
        uniformtext={"minsize": 10, "mode": "hide"},
        showlegend=legend,
    )
    if not total:
        _no_data(fig, lang)
    return fig


def fig_area_actor(df: pd.DataFrame, lang: str = "ja", mode: str = "group") -> go.Figure:
    """Initiatives per area, one bar series per actor (the overview chart)."""
    return fig_actor_by(df, Col.AREA_CODE, lang, mode)


def fig_heatmap(df: pd.DataFrame, lang: str = "ja", actor: str | None = None) -> go.Figure:
    """Area × phase heatmap of initiative counts (all 18 cells, counts printed), for one actor or both."""
    _check(actor, (None, *ACTOR_CODES), "actor")
    t = catalogue(lang)
    rows = df if actor is None else df[df[Col.ACTOR_CODE] == actor]
    c = aggregate.counts(rows, [Col.AREA_CODE, Col.PHASE_CODE])
    z = c["n"].to_numpy().reshape(len(AREA_CODES), len(PHASE_CODES)).astype(int).tolist()
    x = [phase_tick(p, lang) for p in PHASE_CODES]
    y = [area_label(a, lang) for a in AREA_CODES]
    label = t("chart.axis.count") if actor is None else actor_label(actor, lang)
    title = t("chart.heatmap.title") if actor is None else t("chart.heatmap.title_actor", actor=label)
    fig = go.Figure(_count_heatmap(z, x, y, label, lang))
    total = len(rows)
    if total:
        i, j = max(
            ((i, j) for i in range(len(AREA_CODES)) for j in range(len(PHASE_CODES))), key=lambda ij: z[ij[0]][ij[1]]
        )
        alt = t(
            "chart.heatmap.alt",
            title=title,
            total=_fmt(total),
            area=y[i],
            phase=phase_text(PHASE_CODES[j], lang),
            n=_fmt(z[i][j]),
        )
    else:
        alt = t("chart.empty_alt", title=title)
    _layout(
        fig,
        title,
        alt,
        xaxis={
            "title": {"text": ""},  # "2024 現状"… name the phases; a title would crowd the chart title
            "side": "top",
            "ticks": "",
            "type": "category",
            "categoryorder": "array",
            "categoryarray": x,
            "showgrid": False,
        },
        yaxis={
            "title": {"text": ""},  # the area names speak for themselves; a title would crowd them
            "type": "category",
            "categoryorder": "array",
            "categoryarray": y,
            "autorange": "reversed",
            "showgrid": False,
            "ticks": "",
        },
        margin={"l": 10, "r": 10, "t": 100, "b": 10},
    )
    if not total:
        _no_data(fig, lang)
    return fig


def fig_actor_share(df: pd.DataFrame, lang: str = "ja", legend: bool = True) -> go.Figure:
    """Each actor's share of each area's initiatives: 100 % stacked horizontal bars, counts in hover.

    `legend`: as in `fig_actor_by`."""
    t = catalogue(lang)
    title = t("chart.share.title")
    share = aggregate.actor_share(df)
    y = [area_label(a, lang) for a in AREA_CODES]
    fig = go.Figure()
    for a in ACTOR_CODES:
        part = share[share[Col.ACTOR_CODE] == a]
        name = actor_label(a, lang)
        xs = part["share"].astype(float).tolist()
        fig.add_trace(
            go.Bar(
                orientation="h",
                x=xs,
                y=y,
                name=name,
                marker={"color": ACTOR_COLORS[a]},
                customdata=list(zip(part["n"].astype(int), part["area_total"].astype(int), strict=True)),
                text=[_pct(s) if s > 0 else "" for s in xs],
                textposition="inside",
                insidetextanchor="middle",
                hovertemplate=(
                    f"<b>%{{y}}</b><br>"
                    f"{_esc(t('chart.hover.share', label=name, n='%{customdata[0]}', pct='%{x:.0%}'))}<br>"
                    f"{_esc(t('chart.hover.total', n='%{customdata[1]}'))}<extra></extra>"
                ),
            )
        )
    total = len(df)
    area_totals = share.groupby(Col.AREA_CODE, observed=False)["n"].sum()
    if total:
        for a, n in area_totals.items():
            if not n:
                fig.add_annotation(
                    x=0.5,
                    y=area_label(str(a), lang),
                    text=t("chart.none"),
                    showarrow=False,
                    font={"color": MUTED_COLOR},
                )
        by_actor = aggregate.by_actor(df)
        by_actor_text = t("chart.list_sep").join(
            t(
                "chart.actor_share",
                label=actor_label(a, lang),
                n=_fmt(by_actor[a]),
                pct=_pct(by_actor[a] / total),
            )
            for a in ACTOR_CODES
        )
        first = ACTORS[0].code
        mine = share[(share[Col.ACTOR_CODE] == first) & (share["area_total"] > 0)]
        best = mine.loc[mine["share"].idxmax()]
        alt = t(
            "chart.share.alt",
            title=title,
            total=_fmt(total),
            by_actor=by_actor_text,
            actor=actor_label(first, lang),
            area=area_label(str(best[Col.AREA_CODE]), lang),
            pct=_pct(float(best["share"])),
        )
    else:
        alt = t("chart.empty_alt", title=title)
    _layout(
        fig,
        title,
        alt,
        barmode="stack",
        xaxis={"title": {"text": t("chart.axis.share")}, "range": [0, 1], "tickformat": ".0%", "dtick": 0.25},
        yaxis={
            "title": {"text": ""},  # the area names speak for themselves; a title would crowd them
            "type": "category",
            "categoryorder": "array",
            "categoryarray": y,
            "autorange": "reversed",
        },
        uniformtext={"minsize": 10, "mode": "hide"},
        bargap=0.35,
        showlegend=legend,
        margin={"l": 10, "r": 30, "t": 90, "b": 10},  # room for the "100%" tick label
    )
    if not total:
        _no_data(fig, lang)
    return fig


# The two actors' markers sit this far left/right of their phase.
_ACTOR_OFFSET = {ACTOR_CODES[0]: -0.11, ACTOR_CODES[1]: 0.11}
_MARKER_MIN, _MARKER_MAX, _MARKER_ZERO = 12, 44, 9
_LANE_PX = 120


def _marker_size(n: int, max_n: int) -> float:
    if n <= 0:
        return _MARKER_ZERO
    return _MARKER_MIN + (_MARKER_MAX - _MARKER_MIN) * math.sqrt(n / max(max_n, 1))


def fig_timeline(
    df: pd.DataFrame,
    areas_meta: Iterable[Mapping] | None,
    lang: str = "ja",
    areas: Sequence[str] | None = None,
) -> go.Figure:
    """Roadmap: one lane per area (top to bottom), the three phases left to right; in each lane ×
    phase the phase theme and one marker per actor (sized by count, labelled with it, the items in
    the hover). `areas` limits the lanes (default: all six, even those filtered to 0 rows)."""
    t = catalogue(lang)
    title = t("chart.timeline.title")
    lanes = aggregate.timeline_lanes(df, areas_meta)
    codes = [a for a in AREA_CODES if areas is None or a in set(areas)] or list(AREA_CODES)
    lanes = lanes[lanes[Col.AREA_CODE].isin(codes)].reset_index(drop=True)
    lane_y = {a: i for i, a in enumerate(codes)}
    phase_x = {p: i for i, p in enumerate(PHASE_CODES)}
    ys = [lane_y[str(a)] for a in lanes[Col.AREA_CODE]]
    xs = [phase_x[str(p)] for p in lanes[Col.PHASE_CODE]]
    max_n = int(max(lanes[f"n_{a}"].max() for a in ACTOR_CODES)) if len(lanes) else 0

    fig = go.Figure()
    # A thin grey line per lane joining its phases (grey: area colours would clash with the actors').
    line_x: list[float | None] = []
    line_y: list[float | None] = []
    for a in codes:
        line_x += [-0.35, len(PHASE_CODES) - 0.65, None]
        line_y += [lane_y[a], lane_y[a], None]
    fig.add_trace(
        go.Scatter(
            x=line_x,
            y=line_y,
            mode="lines",
            line={"color": LINE_COLOR, "width": 1.5},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    # The phase themes, under the markers.
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=[y + 0.36 for y in ys],
            mode="text",
            text=[_wrap(s) for s in lanes["theme"]],
            textposition="middle center",
            textfont={"size": 11, "color": TEXT_COLOR},
            hovertext=[_esc(t("chart.timeline.theme", theme=s)) for s in lanes["theme"]],
            hovertemplate="%{hovertext}<extra></extra>",
            showlegend=False,
        )
    )
    # One marker per actor and lane × phase.
    for a in ACTOR_CODES:
        name = actor_label(a, lang)
        ns = [int(n) for n in lanes[f"n_{a}"]]
        hover = []
        for area, phase, n, items, more in zip(
            lanes[Col.AREA_CODE], lanes[Col.PHASE_CODE], ns, lanes[f"items_{a}"], lanes[f"more_{a}"], strict=True
        ):
            head = (
                f"<b>{_esc(area_label(str(area), lang))}</b> · {_esc(phase_text(str(phase), lang))}<br>"
                f"{_esc(t('chart.hover.count', label=name, n=_fmt(n)))}"
            )
            body = _hover_list(items, int(more), lang)
            hover.append(head + ("<br>" + body if body else ""))
        # Legend entry: a plain marker (the data trace's first point may be an empty circle).
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                legendgroup=a,
                marker={"color": ACTOR_COLORS[a], "size": 12, "symbol": "circle"},
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[x + _ACTOR_OFFSET[a] for x in xs],
                y=ys,
                mode="markers+text",
                name=name,
                legendgroup=a,
                showlegend=False,
                marker={
                    "color": ACTOR_COLORS[a],
                    "opacity": 1,  # plotly.js fades sized ("bubble") markers by default
                    "size": [_marker_size(n, max_n) for n in ns],
                    "symbol": ["circle" if n else "circle-open" for n in ns],
                    "line": {"color": "white" if max_n else ACTOR_COLORS[a], "width": 1},
                },
                text=[_fmt(n) for n in ns],
                textposition="middle left" if _ACTOR_OFFSET[a] < 0 else "middle right",
                textfont={"size": 12, "color": TEXT_COLOR},
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                cliponaxis=False,
            )
        )
    total = len(df)
    if total:
        best = max(
            ((i, a) for i in range(len(lanes)) for a in ACTOR_CODES),
            key=lambda ia: int(lanes.at[ia[0], f"n_{ia[1]}"]),
        )
        row = lanes.loc[best[0]]
        alt = t(
            "chart.timeline.alt",
            title=title,
            lanes=len(codes),
            total=_fmt(total),
            by_actor=_by_actor_text(aggregate.by_actor(df), lang),
            area=area_label(str(row[Col.AREA_CODE]), lang),
            phase=phase_text(str(row[Col.PHASE_CODE]), lang),
            actor=actor_label(best[1], lang),
            n=_fmt(int(row[f"n_{best[1]}"])),
        )
    else:
        alt = t("chart.empty_alt", title=title)
    _layout(
        fig,
        title,
        alt,
        height=130 + _LANE_PX * len(codes),
        hovermode="closest",
        xaxis={
            "title": {"text": ""},
            "side": "top",
            "tickmode": "array",
            "tickvals": list(range(len(PHASE_CODES))),
            "ticktext": [phase_tick(p, lang) for p in PHASE_CODES],
            "range": [-0.5, len(PHASE_CODES) - 0.5],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        yaxis={
            "title": {"text": ""},
            "tickmode": "array",
            "tickvals": list(range(len(codes))),
            "ticktext": [area_label(a, lang) for a in codes],
            "range": [len(codes) - 0.4, -0.55],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        legend={"y": -0.01, "yanchor": "top"},
        margin={"l": 10, "r": 10, "t": 90, "b": 40},
    )
    if not total:  # beside the legend, clear of the themes
        _no_data(fig, lang, x=1, y=-0.01, xanchor="right", yanchor="top")
    return fig


# --- analysis charts ---------------------------------------------------------------------


def instrument_label(code: str, lang: str) -> str:
    return label("instrument", code, lang)


def _wrap_label(label: str, width: int = 12) -> str:
    """A label wider than `width` columns (CJK characters count two) on two lines, after '・' or at a
    space; escaped."""
    if sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in label) <= width:
        return _esc(label)
    for sep in ("・", ", ", " & ", " "):
        if sep in label:
            head, tail = label.split(sep, 1)
            return _esc(head + sep.rstrip()) + "<br>" + _esc(tail)
    return _esc(label)


def fig_instrument_heatmap(df: pd.DataFrame, lang: str = "ja", codes: aggregate.ListCodes | None = None) -> go.Figure:
    """Actor × instrument-type heatmap: how many initiatives of each actor use each instrument.

    `codes`: as in `aggregate.instrument_counts`."""
    t = catalogue(lang)
    grid = aggregate.instrument_counts(df, Col.ACTOR_CODE, codes)
    z = grid.to_numpy().astype(int).tolist()
    x = [_wrap_label(instrument_label(c, lang)) for c in INSTRUMENT_CODES]
    y = [actor_label(a, lang) for a in ACTOR_CODES]
    title = t("chart.instrument_heatmap.title")
    fig = go.Figure(_count_heatmap(z, x, y, t("chart.axis.count"), lang))
    if len(df):
        i, j = max(((i, j) for i in range(len(y)) for j in range(len(x))), key=lambda ij: z[ij[0]][ij[1]])
        alt = t(
            "chart.instrument_heatmap.alt", title=title, total=_fmt(len(df)), actor=y[i], type=x[j], n=_fmt(z[i][j])
        )
    else:
        alt = t("chart.empty_alt", title=title)
    _layout(
        fig,
        title,
        alt,
        xaxis={"side": "top", "ticks": "", "type": "category", "showgrid": False, "tickangle": 0},
        yaxis={"type": "category", "autorange": "reversed", "showgrid": False, "ticks": ""},
        margin={"l": 10, "r": 10, "t": 110, "b": 10},
        height=300,
    )
    if not len(df):
        _no_data(fig, lang)
    return fig


def fig_instrument_mix(
    df: pd.DataFrame, dim: str, lang: str = "ja", codes: aggregate.ListCodes | None = None, legend: bool = True
) -> go.Figure:
    """Instrument mix per phase (or per area): 100 % stacked bars of instrument-type assignments.

    `codes`: as in `aggregate.instrument_counts`; `legend`: as in `fig_actor_by`."""
    _check(dim, ACTOR_BY_DIMS, "dim")
    t = catalogue(lang)
    key = "area" if dim == Col.AREA_CODE else "phase"
    title = t(f"chart.instrument_mix.{key}.title")
    grid = aggregate.instrument_counts(df, dim, codes)
    totals = grid.sum(axis=1).to_numpy()
    labels = _dim_labels(dim, lang)
    fig = go.Figure()
    for code in INSTRUMENT_CODES:
        ns = grid[code].to_numpy()
        shares = [n / tot if tot else 0.0 for n, tot in zip(ns, totals, strict=True)]
        name = instrument_label(code, lang)
        fig.add_trace(
            go.Bar(
                y=labels,
                x=shares,
                orientation="h",
                name=name,
                marker={"color": INSTRUMENT_COLORS[code]},
                customdata=[[int(n), _pct(s)] for n, s in zip(ns, shares, strict=True)],
                hovertemplate=f"<b>%{{y}}</b><br>{_esc(name)}: %{{customdata[0]}} (%{{customdata[1]}})<extra></extra>",
            )
        )
    if len(df):
        overall = grid.sum(axis=0)
        top = overall.idxmax()
        alt = t(
            "chart.instrument_mix.alt",
            title=title,
            total=_fmt(len(df)),
            type=instrument_label(top, lang),
            pct=_pct(overall[top] / overall.sum()),
        )
    else:
        alt = t("chart.empty_alt", title=title)
    _layout(
        fig,
        title,
        alt,
        barmode="stack",
        xaxis={"tickformat": ".0%", "range": [0, 1.001]},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels, "autorange": "reversed"},
        legend={"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0, "xanchor": "left"},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        height=(320 if dim == Col.PHASE_CODE else 420) + (70 if legend else 0),  # the legend: two rows
        showlegend=legend,
    )
    if not len(df):
        _no_data(fig, lang)
    return fig


def fig_expo(df: pd.DataFrame, lang: str = "ja") -> go.Figure:
    """Area × phase heatmap of the share of initiatives tied to Expo 2025 (text: share and counts)."""
    t = catalogue(lang)
    s = aggregate.expo_share(df)
    shape = (len(AREA_CODES), len(PHASE_CODES))
    z = s["share"].to_numpy().reshape(shape).tolist()
    expo = s["expo"].to_numpy().reshape(shape)
    total = s["total"].to_numpy().reshape(shape)
    text = [
        [f"{_pct(z[i][j])}<br>{expo[i][j]}/{total[i][j]}" if total[i][j] else "–" for j in range(shape[1])]
        for i in range(shape[0])
    ]
    x = [phase_tick(p, lang) for p in PHASE_CODES]
    y = [area_label(a, lang) for a in AREA_CODES]
    title = t("chart.expo.title")
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            zmin=0,
            zmax=1,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 13},
            colorscale=HEATMAP_COLORSCALE,
            xgap=3,
            ygap=3,
            colorbar={"title": {"text": t("chart.axis.share")}, "tickformat": ".0%", "thickness": 12},
            hovertemplate="<b>%{y}</b><br>%{x}<br>%{text}<extra></extra>",
        )
    )
    linked = int(s["expo"].sum())
    if len(df):
        alt = t("chart.expo.alt", title=title, total=_fmt(len(df)), n=_fmt(linked), pct=_pct(linked / len(df)))
    else:
        alt = t("chart.empty_alt", title=title)
    _layout(
        fig,
        title,
        alt,
        xaxis={"side": "top", "ticks": "", "type": "category", "showgrid": False},
        yaxis={"type": "category", "autorange": "reversed", "showgrid": False, "ticks": ""},
        margin={"l": 10, "r": 10, "t": 100, "b": 10},
    )
    if not len(df):
        _no_data(fig, lang)
    return fig


def fig_terms(top: pd.DataFrame, lang: str = "ja") -> go.Figure:
    """Horizontal bars of the most frequent key terms (a `terms.top_terms` frame), most frequent on top."""
    t = catalogue(lang)
    title = t("chart.terms.title")
    labels = [str(v) for v in top["term"]]
    values = [int(v) for v in top["count"]]
    fig = go.Figure(
        go.Bar(
            y=[_esc(v) for v in labels],
            x=values,
            orientation="h",
            marker={"color": ACTOR_COLORS[ACTOR_CODES[0]]},
            text=[_fmt(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"<b>%{{y}}</b><br>{_esc(t('chart.hover.count', label=t('chart.axis.count'), n='%{x}'))}<extra></extra>",
        )
    )
    if labels:
        alt = t("chart.terms.alt", title=title, n=len(labels), top=labels[0], count=values[0])
    else:
        alt = t("chart.empty_alt", title=title)
    _layout(
        fig,
        title,
        alt,
        xaxis={"title": {"text": t("chart.axis.count")}, **_count_axis(max(values, default=0), headroom=0.1)},
        yaxis={"type": "category", "autorange": "reversed", "ticks": "", "showgrid": False},
        height=max(260, 22 * len(labels) + 90),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        showlegend=False,
    )
    if not labels:
        _no_data(fig, lang)
    return fig
