"""Progress charts: mean % by area × phase, statuses by area and by organisation."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import catalogue
from ..palette import HEATMAP_COLORSCALE, STATUS_COLORS
from ..progress import SCol
from ..schema import AREA_CODES, PHASE_CODES, STATUS_FILTER_CODES, STATUS_NONE, Col, PCol, label
from .base import area_label, esc, finish, fmt, phase_tick


def status_label(code: str, lang: str) -> str:
    return catalogue(lang)("progress.status.none") if code == STATUS_NONE else label("status", code, lang)


def fig_progress_heatmap(cells: pd.DataFrame, lang: str = "ja") -> go.Figure:
    """Area × phase heatmap of the mean % (`progress.area_phase` frame); cells say '45%' and how many
    of their items reported; a cell with no reported item says '—'."""
    t = catalogue(lang)
    title = t("chart.progress_heatmap.title")
    grid = cells.set_index([Col.AREA_CODE, Col.PHASE_CODE])
    z, text = [], []
    for a in AREA_CODES:
        zr, tr = [], []
        for p in PHASE_CODES:
            row = grid.loc[(a, p)]
            pct = row[SCol.MEAN_PCT]
            zr.append(None if pd.isna(pct) else float(pct))
            reported = t("chart.progress_heatmap.cell", n=int(row[SCol.N_REPORTED]), total=int(row[SCol.N_ITEMS]))
            tr.append(("—" if pd.isna(pct) else f"{float(pct):.0f}%") + "<br>" + esc(reported))
        z.append(zr)
        text.append(tr)
    x = [phase_tick(p, lang) for p in PHASE_CODES]
    y = [area_label(a, lang) for a in AREA_CODES]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=x,
            y=y,
            zmin=0,
            zmax=100,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 13},
            colorscale=HEATMAP_COLORSCALE,
            xgap=3,
            ygap=3,
            hoverongaps=False,
            colorbar={"title": {"text": t("chart.axis.pct")}, "ticksuffix": "%", "thickness": 12},
            hovertemplate="<b>%{y}</b><br>%{x}<br>%{text}<extra></extra>",
        )
    )
    known = [v for r in z for v in r if v is not None]
    alt = None
    if known:
        n_reported = int(cells[SCol.N_REPORTED].sum())
        alt = t("chart.progress_heatmap.alt", title=title, n=fmt(n_reported), total=fmt(int(cells[SCol.N_ITEMS].sum())))
    return finish(
        fig,
        title,
        alt,
        lang,
        xaxis={"side": "top", "ticks": "", "type": "category", "showgrid": False},
        yaxis={"type": "category", "autorange": "reversed", "showgrid": False, "ticks": ""},
        margin={"l": 10, "r": 10, "t": 100, "b": 10},
    )


def fig_status_by(counts: pd.DataFrame, key: str, lang: str = "ja") -> go.Figure:
    """Stacked horizontal bars of status counts per area (`key` = area_code) or per organisation
    (`key` = organisation), from a `status_by_area` / `status_by_organisation` frame; one series per
    status in order, 未報告 last; each bar's segments are labelled with their count."""
    t = catalogue(lang)
    by_org = key == PCol.ORGANISATION
    title = t("chart.status_by.org.title" if by_org else "chart.status_by.area.title")
    order = list(dict.fromkeys(counts[key].astype(str)))
    names = [label("organisation" if by_org else "area", k, lang) for k in order]
    fig = go.Figure()
    table = counts.pivot_table(index=key, columns=SCol.STATUS, values=SCol.N, aggfunc="sum", fill_value=0)
    for s in STATUS_FILTER_CODES:
        ns = [int(table.at[k, s]) if s in table.columns and k in table.index else 0 for k in order]
        name = status_label(s, lang)
        fig.add_trace(
            go.Bar(
                orientation="h",
                x=ns,
                y=names,
                name=name,
                marker={"color": STATUS_COLORS[s], "line": {"color": "#FFFFFF", "width": 1}},
                text=[fmt(n) if n else "" for n in ns],
                textposition="inside",
                insidetextanchor="middle",
                hovertemplate=f"<b>%{{y}}</b><br>{esc(name)}: %{{x}}<extra></extra>",
            )
        )
    total = int(counts[SCol.N].sum())
    reported = int(counts.loc[counts[SCol.STATUS] != STATUS_NONE, SCol.N].sum())
    alt = t("chart.status_by.alt", title=title, n=fmt(reported), none=fmt(total - reported)) if total else None
    return finish(
        fig,
        title,
        alt,
        lang,
        barmode="stack",
        xaxis={"title": {"text": t("chart.axis.status_count")}, "rangemode": "tozero", "tickformat": ",d"},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": names, "autorange": "reversed"},
        height=140 + 26 * len(names),
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
    )
