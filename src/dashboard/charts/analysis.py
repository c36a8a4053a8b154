"""Analysis charts: instrument types, Expo linkage, key terms."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import aggregate
from ..i18n import catalogue
from ..palette import (
    ACTOR_COLORS,
    HEATMAP_COLORSCALE,
    INSTRUMENT_COLORS,
)
from ..schema import (
    ACTOR_CODES,
    AREA_CODES,
    INSTRUMENT_CODES,
    PHASE_CODES,
    Col,
    label,
)
from .base import (
    ACTOR_BY_DIMS,
    actor_label,
    area_label,
    check_choice,
    count_axis,
    count_heatmap,
    dim_labels,
    esc,
    finish,
    fmt,
    pct,
    phase_tick,
    wrap_label,
)


def instrument_label(code: str, lang: str) -> str:
    return label("instrument", code, lang)


def fig_instrument_heatmap(
    df: pd.DataFrame, lang: str = "ja", codes: aggregate.ListCodes | None = None, tall: bool = False
) -> go.Figure:
    """Actor × instrument-type heatmap: how many initiatives of each actor use each instrument.

    `codes`: as in `aggregate.instrument_counts`. `tall`: for a phone's width, instrument types as rows
    and the two actors as columns (eight column labels cannot be read side by side there)."""
    t = catalogue(lang)
    grid = aggregate.instrument_counts(df, Col.ACTOR_CODE, codes)
    z = grid.to_numpy().astype(int).tolist()
    kinds = [instrument_label(c, lang) for c in INSTRUMENT_CODES]
    actors = [actor_label(a, lang, short=tall) for a in ACTOR_CODES]
    title = t("chart.instrument_heatmap.title")
    alt = None
    total = aggregate.n_units(df)
    if total:
        i, j = max(((i, j) for i in range(len(actors)) for j in range(len(kinds))), key=lambda ij: z[ij[0]][ij[1]])
        alt = t(
            "chart.instrument_heatmap.alt",
            title=title,
            total=fmt(total),
            actor=actors[i],
            type=kinds[j],
            n=fmt(z[i][j]),
        )
    if tall:
        zt = [list(col) for col in zip(*z, strict=True)]
        fig = go.Figure(count_heatmap(zt, actors, [esc(k) for k in kinds], t("chart.axis.count"), lang))
        return finish(
            fig,
            title,
            alt,
            lang,
            xaxis={"side": "top", "ticks": "", "type": "category", "showgrid": False},
            yaxis={"type": "category", "autorange": "reversed", "showgrid": False, "ticks": ""},
            margin={"l": 10, "r": 10, "t": 90, "b": 10},
            height=120 + 40 * len(kinds),
        )
    fig = go.Figure(count_heatmap(z, [wrap_label(k) for k in kinds], actors, t("chart.axis.count"), lang))
    return finish(
        fig,
        title,
        alt,
        lang,
        counts_initiatives=True,
        xaxis={"side": "top", "ticks": "", "type": "category", "showgrid": False, "tickangle": 0},
        yaxis={"type": "category", "autorange": "reversed", "showgrid": False, "ticks": ""},
        margin={"l": 10, "r": 10, "t": 110, "b": 10},
        height=300,
    )


def fig_instrument_mix(
    df: pd.DataFrame, dim: str, lang: str = "ja", codes: aggregate.ListCodes | None = None, legend: bool = True
) -> go.Figure:
    """Instrument mix per phase (or per area): 100 % stacked bars of instrument-type assignments.

    `codes`: as in `aggregate.instrument_counts`; `legend`: as in `fig_actor_by`."""
    check_choice(dim, ACTOR_BY_DIMS, "dim")
    t = catalogue(lang)
    key = "area" if dim == Col.AREA_CODE else "phase"
    title = t(f"chart.instrument_mix.{key}.title")
    grid = aggregate.instrument_counts(df, dim, codes)
    totals = grid.sum(axis=1).to_numpy()
    labels = dim_labels(dim, lang)
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
                customdata=[[int(n), pct(s)] for n, s in zip(ns, shares, strict=True)],
                hovertemplate=f"<b>%{{y}}</b><br>{esc(name)}: %{{customdata[0]}} (%{{customdata[1]}})<extra></extra>",
            )
        )
    alt = None
    total = aggregate.n_units(df)
    if total:
        overall = grid.sum(axis=0)
        top = overall.idxmax()
        alt = t(
            "chart.instrument_mix.alt",
            title=title,
            total=fmt(total),
            type=instrument_label(top, lang),
            pct=pct(overall[top] / overall.sum()),
        )
    return finish(
        fig,
        title,
        alt,
        lang,
        counts_initiatives=True,
        barmode="stack",
        xaxis={"tickformat": ".0%", "range": [0, 1.001]},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels, "autorange": "reversed"},
        legend={"orientation": "h", "y": -0.12, "yanchor": "top", "x": 0, "xanchor": "left"},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        height=(320 if dim == Col.PHASE_CODE else 420) + (70 if legend else 0),  # the legend: two rows
        showlegend=legend,
    )


def fig_expo(df: pd.DataFrame, lang: str = "ja") -> go.Figure:
    """Area × phase heatmap of the share of initiatives tied to Expo 2025 (text: share and counts)."""
    t = catalogue(lang)
    s = aggregate.expo_share(df)
    shape = (len(AREA_CODES), len(PHASE_CODES))
    z = s["share"].to_numpy().reshape(shape).tolist()
    expo = s["expo"].to_numpy().reshape(shape)
    total = s["total"].to_numpy().reshape(shape)
    text = [
        [f"{pct(z[i][j])}<br>{expo[i][j]}/{total[i][j]}" if total[i][j] else "–" for j in range(shape[1])]
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
    linked, n_all = int(s["expo"].sum()), int(s["total"].sum())
    alt = None
    if n_all:
        alt = t("chart.expo.alt", title=title, total=fmt(n_all), n=fmt(linked), pct=pct(linked / n_all))
    return finish(
        fig,
        title,
        alt,
        lang,
        counts_initiatives=True,
        xaxis={"side": "top", "ticks": "", "type": "category", "showgrid": False},
        yaxis={"type": "category", "autorange": "reversed", "showgrid": False, "ticks": ""},
        margin={"l": 10, "r": 10, "t": 100, "b": 10},
    )


def fig_terms(top: pd.DataFrame, lang: str = "ja") -> go.Figure:
    """Horizontal bars of the most frequent key terms (a `terms.top_terms` frame), most frequent on top."""
    t = catalogue(lang)
    title = t("chart.terms.title")
    labels = [str(v) for v in top["term"]]
    values = [int(v) for v in top["count"]]
    fig = go.Figure(
        go.Bar(
            y=[esc(v) for v in labels],
            x=values,
            orientation="h",
            marker={"color": ACTOR_COLORS[ACTOR_CODES[0]]},
            text=[fmt(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate=f"<b>%{{y}}</b><br>{esc(t('chart.hover.count', label=t('chart.axis.count'), n='%{x}'))}<extra></extra>",
        )
    )
    alt = None
    if labels:
        alt = t("chart.terms.alt", title=title, n=len(labels), top=labels[0], count=values[0])
    return finish(
        fig,
        title,
        alt,
        lang,
        counts_initiatives=True,
        xaxis={"title": {"text": t("chart.axis.count")}, **count_axis(max(values, default=0), headroom=0.1)},
        yaxis={"type": "category", "autorange": "reversed", "ticks": "", "showgrid": False},
        height=max(260, 22 * len(labels) + 90),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        showlegend=False,
    )
