"""What every chart shares: labels, the template, the layout and its common ending, count axes.

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

import plotly.graph_objects as go

from ..i18n import catalogue
from ..palette import (
    ACTOR_COLORS,
    GRID_COLOR,
    HEATMAP_COLORSCALE,
    LINE_COLOR,
    MUTED_COLOR,
    TEXT_COLOR,
)
from ..schema import (
    ACTOR_CODES,
    AREA_CODES,
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
# Room (px) a subtitle line takes above the plot.
SUBTITLE_PX = 20

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


def actor_label(code: str, lang: str, short: bool = False) -> str:
    return label("actor", code, lang, short)


def phase_tick(code: str, lang: str) -> str:
    """Axis label of a phase: fiscal year over the phase name ('2024<br>現状')."""
    return PHASE_BY_CODE[code].tick(lang)


def phase_text(code: str, lang: str) -> str:
    """A phase on one line ('2024 現状'), for alt text and titles."""
    return label("phase", code, lang)


def dim_labels(dim: str, lang: str) -> list[str]:
    if dim == Col.AREA_CODE:
        return [area_label(c, lang) for c in AREA_CODES]
    return [phase_tick(c, lang) for c in PHASE_CODES]


def esc(text: object) -> str:
    """Text made safe for Plotly's HTML-like labels (<, >, & escaped; quotes kept)."""
    return html.escape(str(text), quote=False)


def fmt(n: int) -> str:
    return f"{int(n):,}"


def pct(share: float) -> str:
    return f"{share:.0%}"


def by_actor_text(by_actor: Mapping[str, int], lang: str) -> str:
    t = catalogue(lang)
    return t("chart.list_sep").join(
        t("chart.actor_count", label=actor_label(a, lang), n=fmt(by_actor.get(a, 0))) for a in ACTOR_CODES
    )


def truncate(text: str, limit: int = HOVER_ITEM_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def hover_list(items: Sequence[str], more: int, lang: str, subs: Sequence[int] = ()) -> str:
    """Escaped hover lines of (already capped) initiatives, each with '（ほか ▶ 下位項目 N 件）' when it
    stands for more rows (`subs`, aligned with `items`), plus '…他 N 件' when some were left off."""
    t = catalogue(lang)
    subs = list(subs) or [0] * len(items)
    lines = [
        esc(truncate(s)) + (esc(t("chart.hover.sub_items", n=fmt(k))) if k > 0 else "")
        for s, k in zip(items, subs, strict=True)
    ]
    if more > 0:
        lines.append(catalogue(lang)("chart.hover.more", n=fmt(more)))
    return "<br>".join(lines)


def wrap_phrase(text: str, width: int = THEME_LINE_CHARS) -> str:
    """Break a Japanese phrase into balanced lines of at most `width` characters, at '、' first."""
    lines: list[str] = []
    for part in text.replace("、", "、\n").split("\n"):
        if not part:
            continue
        n_lines = math.ceil(len(part) / width)
        size = math.ceil(len(part) / n_lines)
        lines.extend(part[i : i + size] for i in range(0, len(part), size))
    return "<br>".join(esc(s) for s in lines)


# --- layout ------------------------------------------------------------------------------


def merged(base: dict, update: Mapping) -> dict:
    """`base` updated by `update` the way `update_layout` merges: nested dicts recursively, other
    values replaced (a new dict; neither input is changed)."""
    out = dict(base)
    for k, v in update.items():
        out[k] = merged(out[k], v) if isinstance(v, Mapping) and isinstance(out.get(k), Mapping) else v
    return out


def apply_layout(fig: go.Figure, title: str, alt: str, subtitle: str | None = None, **layout) -> go.Figure:
    """Title (and `subtitle` under it), legend, margins, alt text and the template, then `layout` on top.

    Built as one dict and validated once (plotly's property-by-property `update_layout` costs
    ~15 ms per figure; the result is the same figure).
    """
    base = {
        "template": TEMPLATE,
        "title": {"text": esc(title), "xref": "container", "x": 0.01, "xanchor": "left", "font": {"size": 16}},
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
        "modebar": {"orientation": "v"},  # down the right edge, never over the title
        "meta": {"alt": alt},
    }
    if subtitle:  # at the top of the figure, under the title; the plot moves down by its line
        base["title"].update(
            subtitle={"text": esc(subtitle), "font": {"size": 12, "color": MUTED_COLOR}},
            yref="container",
            y=1,
            yanchor="top",
            pad={"t": 14},
        )
    fig.layout.template = TEMPLATE  # first: copying plotly's large default template below would cost more
    out = merged(merged(fig.layout.to_plotly_json(), base), layout)
    if subtitle:
        out["margin"] = {**out["margin"], "t": out["margin"].get("t", 90) + SUBTITLE_PX}
    fig.layout = out
    return fig


def finish(
    fig: go.Figure,
    title: str,
    alt: str | None,
    lang: str,
    no_data_at: Mapping | None = None,
    counts_initiatives: bool = False,
    **layout,
) -> go.Figure:
    """The common ending of a builder: title, alt text and `layout` (`apply_layout`); with no data
    (`alt` None) the empty-chart alt text and a 'no initiatives match' note (at `no_data_at`).
    `counts_initiatives`: the chart counts initiatives, and says under its title what one is
    (`unit_note`)."""
    t = catalogue(lang)
    apply_layout(
        fig,
        title,
        t("chart.empty_alt", title=title) if alt is None else alt,
        subtitle=unit_note(lang) if counts_initiatives else None,
        **layout,
    )
    if alt is None:
        no_data_note(fig, lang, **(no_data_at or {}))
    return fig


def unit_note(lang: str) -> str:
    """What a count chart counts: 「取組数（▶ 下位項目は親の取組に含めて数えます）」 (the unit of
    dashboard.aggregate), shown under its title."""
    return catalogue(lang)("chart.unit_note")


def no_data_note(fig: go.Figure, lang: str, **position) -> None:
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


def count_axis(max_n: int, headroom: float = 0.0) -> dict:
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


def check_choice(value, allowed: Iterable, what: str) -> None:
    allowed = tuple(allowed)
    if value not in allowed:
        raise ValueError(f"{what} must be one of {allowed}, not {value!r}")


def count_heatmap(z: list[list[int]], x: list[str], y: list[str], label: str, lang: str) -> go.Heatmap:
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
        hovertemplate=f"<b>%{{y}}</b><br>%{{x}}<br>{esc(t('chart.hover.count', label=label, n='%{z}'))}<extra></extra>",
    )


def wrap_label(label: str, width: int = 12) -> str:
    """A label wider than `width` columns (CJK characters count two) on two lines, after '・' or at a
    space; escaped."""
    if sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in label) <= width:
        return esc(label)
    for sep in ("・", ", ", " & ", " "):
        if sep in label:
            head, tail = label.split(sep, 1)
            return esc(head + sep.rstrip()) + "<br>" + esc(tail)
    return esc(label)
