"""Count charts: initiatives by actor per area or phase, the area × phase heatmap, actor shares."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import aggregate
from ..i18n import catalogue
from ..palette import (
    ACTOR_COLORS,
    MUTED_COLOR,
)
from ..schema import (
    ACTOR_CODES,
    ACTORS,
    AREA_CODES,
    PHASE_CODES,
    Col,
)
from .base import (
    ACTOR_BY_DIMS,
    MODES,
    actor_label,
    area_label,
    by_actor_text,
    check_choice,
    count_axis,
    count_heatmap,
    dim_labels,
    esc,
    finish,
    fmt,
    pct,
    phase_text,
    phase_tick,
)


def fig_actor_by(df: pd.DataFrame, dim: str, lang: str = "ja", mode: str = "group", legend: bool = True) -> go.Figure:
    """Bars of initiative counts per area (or per phase), one bar series per actor, grouped or stacked.

    `legend=False` for a chart beside another with the same legend (each legend costs the browser
    a redraw on every filter change)."""
    check_choice(dim, ACTOR_BY_DIMS, "dim")
    check_choice(mode, MODES, "mode")
    t = catalogue(lang)
    key = "area" if dim == Col.AREA_CODE else "phase"
    title = t(f"chart.actor_by.{key}.title")
    labels = dim_labels(dim, lang)
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
                text=[fmt(v) if v else "" for v in ys],
                textposition="outside" if mode == "group" else "inside",
                cliponaxis=False,
                hovertemplate=f"<b>%{{x}}</b><br>{esc(t('chart.hover.count', label=name, n='%{y}'))}<extra></extra>",
            )
        )
    totals = grid[list(ACTOR_CODES)].sum(axis=1).astype(int).tolist()
    if mode == "stack":
        for label, total in zip(labels, totals, strict=True):
            if total:
                fig.add_annotation(
                    x=label, y=total, text=f"<b>{fmt(total)}</b>", showarrow=False, yanchor="bottom", yshift=2
                )
    by_actor = aggregate.by_actor(df)
    total = sum(by_actor.values())
    alt = None
    if total:
        top = max(range(len(totals)), key=lambda i: (totals[i], -i))
        alt = t(
            "chart.actor_by.alt",
            title=title,
            total=fmt(total),
            by_actor=by_actor_text(by_actor, lang),
            top=labels[top].replace("<br>", " "),
            top_n=fmt(totals[top]),
        )
    max_n = max(totals) if mode == "stack" else int(grid[list(ACTOR_CODES)].to_numpy().max())
    return finish(
        fig,
        title,
        alt,
        lang,
        counts_initiatives=True,
        barmode=mode,
        xaxis={
            "title": {"text": t(f"chart.axis.{key}")},
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels,
        },
        yaxis={"title": {"text": t("chart.axis.count")}, **count_axis(max_n, headroom=0.12)},
        uniformtext={"minsize": 10, "mode": "hide"},
        showlegend=legend,
    )


def fig_area_actor(df: pd.DataFrame, lang: str = "ja", mode: str = "group") -> go.Figure:
    """Initiatives per area, one bar series per actor (the overview chart)."""
    return fig_actor_by(df, Col.AREA_CODE, lang, mode)


def fig_heatmap(df: pd.DataFrame, lang: str = "ja", actor: str | None = None) -> go.Figure:
    """Area × phase heatmap of initiative counts (all 18 cells, counts printed), for one actor or both."""
    check_choice(actor, (None, *ACTOR_CODES), "actor")
    t = catalogue(lang)
    rows = df if actor is None else df[df[Col.ACTOR_CODE] == actor]
    c = aggregate.counts(rows, [Col.AREA_CODE, Col.PHASE_CODE])
    z = c["n"].to_numpy().reshape(len(AREA_CODES), len(PHASE_CODES)).astype(int).tolist()
    x = [phase_tick(p, lang) for p in PHASE_CODES]
    y = [area_label(a, lang) for a in AREA_CODES]
    label = t("chart.axis.count") if actor is None else actor_label(actor, lang)
    title = t("chart.heatmap.title") if actor is None else t("chart.heatmap.title_actor", actor=label)
    fig = go.Figure(count_heatmap(z, x, y, label, lang))
    total = int(c["n"].sum())
    alt = None
    if total:
        i, j = max(
            ((i, j) for i in range(len(AREA_CODES)) for j in range(len(PHASE_CODES))), key=lambda ij: z[ij[0]][ij[1]]
        )
        alt = t(
            "chart.heatmap.alt",
            title=title,
            total=fmt(total),
            area=y[i],
            phase=phase_text(PHASE_CODES[j], lang),
            n=fmt(z[i][j]),
        )
    return finish(
        fig,
        title,
        alt,
        lang,
        counts_initiatives=True,
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
                text=[pct(s) if s > 0 else "" for s in xs],
                textposition="inside",
                insidetextanchor="middle",
                hovertemplate=(
                    f"<b>%{{y}}</b><br>"
                    f"{esc(t('chart.hover.share', label=name, n='%{customdata[0]}', pct='%{x:.0%}'))}<br>"
                    f"{esc(t('chart.hover.total', n='%{customdata[1]}'))}<extra></extra>"
                ),
            )
        )
    total = int(share["n"].sum())
    area_totals = share.groupby(Col.AREA_CODE, observed=False)["n"].sum()
    alt = None
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
        by_actor = {a: int(share.loc[share[Col.ACTOR_CODE] == a, "n"].sum()) for a in ACTOR_CODES}
        by_actor_text = t("chart.list_sep").join(
            t(
                "chart.actor_share",
                label=actor_label(a, lang),
                n=fmt(by_actor[a]),
                pct=pct(by_actor[a] / total),
            )
            for a in ACTOR_CODES
        )
        first = ACTORS[0].code
        mine = share[(share[Col.ACTOR_CODE] == first) & (share["area_total"] > 0)]
        best = mine.loc[mine["share"].idxmax()]
        alt = t(
            "chart.share.alt",
            title=title,
            total=fmt(total),
            by_actor=by_actor_text,
            actor=actor_label(first, lang),
            area=area_label(str(best[Col.AREA_CODE]), lang),
            pct=pct(float(best["share"])),
        )
    return finish(
        fig,
        title,
        alt,
        lang,
        counts_initiatives=True,
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
