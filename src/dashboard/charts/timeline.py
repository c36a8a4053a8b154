"""The roadmap: one lane per area across the three phases, a marker per actor."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from .. import aggregate
from ..i18n import catalogue
from ..palette import (
    ACTOR_COLORS,
    LINE_COLOR,
    TEXT_COLOR,
)
from ..schema import (
    ACTOR_CODES,
    AREA_CODES,
    PHASE_CODES,
    Col,
)
from .base import (
    actor_label,
    area_label,
    by_actor_text,
    esc,
    finish,
    fmt,
    hover_list,
    phase_text,
    phase_tick,
    wrap_label,
    wrap_phrase,
)

# The two actors' markers sit this far left/right of their phase.
_ACTOR_OFFSET = {ACTOR_CODES[0]: -0.11, ACTOR_CODES[1]: 0.11}
_MARKER_MIN, _MARKER_MAX, _MARKER_ZERO = 12, 44, 9
_LANE_PX = 120
_LANE_PX_COMPACT = 64
_COMPACT_MARKER = 26


def _marker_size(n: int, max_n: int) -> float:
    if n <= 0:
        return _MARKER_ZERO
    return _MARKER_MIN + (_MARKER_MAX - _MARKER_MIN) * math.sqrt(n / max(max_n, 1))


def fig_timeline(
    df: pd.DataFrame,
    areas_meta: Iterable[Mapping] | None,
    lang: str = "ja",
    areas: Sequence[str] | None = None,
    compact: bool = False,
) -> go.Figure:
    """Roadmap: one lane per area (top to bottom), the three phases left to right; in each lane ×
    phase the phase theme and one marker per actor (sized by count, labelled with it, the items in
    the hover). `areas` limits the lanes (default: all six, even those filtered to 0 rows).
    `compact`: for a phone's width — a short title, no theme text, smaller markers set further apart,
    area names on two lines."""
    t = catalogue(lang)
    title = t("chart.timeline.title_short" if compact else "chart.timeline.title")
    offset = {a: o * (2 if compact else 1) for a, o in _ACTOR_OFFSET.items()}
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
    # The phase themes, under the markers (left out on a phone: they cannot be read there).
    if not compact:
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=[y + 0.36 for y in ys],
                mode="text",
                text=[wrap_phrase(s) for s in lanes["theme"]],
                textposition="middle center",
                textfont={"size": 11, "color": TEXT_COLOR},
                hovertext=[esc(t("chart.timeline.theme", theme=s)) for s in lanes["theme"]],
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
            )
        )
    # One marker per actor and lane × phase.
    for a in ACTOR_CODES:
        name = actor_label(a, lang)
        ns = [int(n) for n in lanes[f"n_{a}"]]
        hover = []
        for area, phase, n, items, subs, more in zip(
            lanes[Col.AREA_CODE],
            lanes[Col.PHASE_CODE],
            ns,
            lanes[f"items_{a}"],
            lanes[f"subs_{a}"],
            lanes[f"more_{a}"],
            strict=True,
        ):
            head = (
                f"<b>{esc(area_label(str(area), lang))}</b> · {esc(phase_text(str(phase), lang))}<br>"
                f"{esc(t('chart.hover.count', label=name, n=fmt(n)))}"
            )
            body = hover_list(items, int(more), lang, subs)
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
                x=[x + offset[a] for x in xs],
                y=ys,
                mode="markers+text",
                name=name,
                legendgroup=a,
                showlegend=False,
                marker={
                    "color": ACTOR_COLORS[a],
                    "opacity": 1,  # plotly.js fades sized ("bubble") markers by default
                    "size": [_COMPACT_MARKER if compact else _marker_size(n, max_n) for n in ns],
                    "symbol": ["circle" if n else "circle-open" for n in ns],
                    "line": {"color": "white" if max_n else ACTOR_COLORS[a], "width": 1},
                },
                text=[fmt(n) for n in ns],
                # on a phone the count sits inside a fixed-size marker (no room beside it)
                textposition="middle center" if compact else ("middle left" if offset[a] < 0 else "middle right"),
                textfont={"size": 11, "color": "white"} if compact else {"size": 12, "color": TEXT_COLOR},
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                cliponaxis=False,
            )
        )
    by_actor = {a: int(lanes[f"n_{a}"].sum()) for a in ACTOR_CODES} if areas is None else aggregate.by_actor(df)
    total = sum(by_actor.values())
    alt = None
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
            total=fmt(total),
            by_actor=by_actor_text(by_actor, lang),
            area=area_label(str(row[Col.AREA_CODE]), lang),
            phase=phase_text(str(row[Col.PHASE_CODE]), lang),
            actor=actor_label(best[1], lang),
            n=fmt(int(row[f"n_{best[1]}"])),
        )
    return finish(
        fig,
        title,
        alt,
        lang,
        counts_initiatives=True,
        no_data_at={"x": 1, "y": -0.01, "xanchor": "right", "yanchor": "top"},  # beside the legend, clear of the themes
        height=130 + (_LANE_PX_COMPACT if compact else _LANE_PX) * len(codes),
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
            "ticktext": [wrap_label(area_label(a, lang), 10) if compact else area_label(a, lang) for a in codes],
            "range": [len(codes) - 0.4, -0.55],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
        },
        legend={"y": -0.01, "yanchor": "top"},
        margin={"l": 10, "r": 10, "t": 90, "b": 40},
    )
