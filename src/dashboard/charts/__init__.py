"""Plotly figures of the (filtered) initiative table, one function per chart.

Every builder is pure: the table in (never changed), a small `go.Figure` out, built from
aggregated data (dashboard.aggregate), never from one trace point per initiative. Titles, axis
titles, legend names, category labels and hover text follow `lang` ("ja"/"en"); areas, phases
and actors keep plan order and the fixed colours of dashboard.palette. Each figure carries a
one-sentence alt text in `fig.layout.meta["alt"]` for `st.plotly_chart(..., alt=...)`.
An empty table gives the full category axes with zeros and a "no data" note; never an error.
"""

from .analysis import fig_expo, fig_instrument_heatmap, fig_instrument_mix, fig_terms, instrument_label
from .base import actor_label, area_label, phase_text, phase_tick
from .counts import fig_actor_by, fig_actor_share, fig_area_actor, fig_heatmap
from .progress import fig_progress_heatmap, fig_status_by, status_label
from .timeline import fig_timeline

__all__ = [
    "actor_label",
    "area_label",
    "fig_actor_by",
    "fig_actor_share",
    "fig_area_actor",
    "fig_expo",
    "fig_heatmap",
    "fig_instrument_heatmap",
    "fig_instrument_mix",
    "fig_progress_heatmap",
    "fig_status_by",
    "fig_terms",
    "fig_timeline",
    "instrument_label",
    "phase_text",
    "phase_tick",
    "status_label",
]
