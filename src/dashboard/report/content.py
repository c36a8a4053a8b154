"""The content of a briefing report of one view: a pure model that the PDF and PowerPoint writers draw.

`build_report(df, meta, filters, lang, ...)` takes the whole plan table (as `dashboard.load` reads it),
applies the filter and returns a `Report`: the cover (title, filter in words, date in JST, data
version, link), one `AreaSection` per area (vision, phase themes, the actor × phase table of
`dashboard.matrix.area_matrix` with sub-items nested and 【】 blocks labelled, optional status badges)
and a `Summary` (counts by area × actor, optional area × phase mean-% table of progress).
Every text taken from the data passes through `visible`, so control and bidi-override characters
show as [U+XXXX] instead of silently reordering or hiding text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

import pandas as pd

from .. import aggregate
from .. import filters as F
from ..export import filter_description
from ..i18n import catalogue
from ..matrix import area_matrix
from ..schema import ACTOR_CODES, AREA_CODES, PHASE_CODES, Col, actor_heading, label

JST = timezone(timedelta(hours=9), "JST")

# C0/C1 controls (but newline), zero-width and bidi marks, embeddings, overrides and isolates, BOM.
# ZWJ (U+200D) is kept: emoji sequences need it and it cannot reorder text.
_INVISIBLE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_SURROGATE = re.compile("[\ud800-\udfff]")


def visible(text: object) -> str:
    """`text` as a reader should see it: invisible controls written out as [U+XXXX], nothing dropped."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return ""
    text = _SURROGATE.sub("\ufffd", str(text))
    return _INVISIBLE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


@dataclass(frozen=True)
class Entry:
    """One line of a table cell: a 【】 block label or an item (level 1) / sub-item (level 2)."""

    kind: str  # "label" | "item"
    text: str
    level: int = 1
    id: str | None = None
    badge: str | None = None  # status badge text where progress is reported


@dataclass(frozen=True)
class AreaSection:
    """One area: its vision, the phase columns with their themes, and the actor × phase table."""

    code: str
    title: str
    vision: str
    vision_note: str
    phases: tuple[str, ...]  # phase codes shown, plan order
    phase_headers: tuple[str, ...]
    themes: tuple[str, ...]
    actors: tuple[str, ...]  # actor codes shown, plan order
    actor_headings: tuple[str, ...]
    cells: tuple[tuple[tuple[Entry, ...], ...], ...]  # [actor][phase] → entries in reading order
    counts: tuple[tuple[int, ...], ...]  # [actor][phase] → initiatives (an item with its sub-items once)

    @property
    def total(self) -> int:
        return sum(map(sum, self.counts))


@dataclass(frozen=True)
class ProgressTable:
    """Area × phase mean progress (%), None where nothing is reported."""

    area_codes: tuple[str, ...]
    area_labels: tuple[str, ...]
    phase_codes: tuple[str, ...]
    phase_labels: tuple[str, ...]
    values: tuple[tuple[float | None, ...], ...]


@dataclass(frozen=True)
class Summary:
    """Counts by area × actor for the areas of the report (plan order)."""

    area_codes: tuple[str, ...]
    area_labels: tuple[str, ...]
    actor_codes: tuple[str, ...]
    actor_labels: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # [area][actor]
    progress: ProgressTable | None = None


@dataclass(frozen=True)
class Report:
    """Everything a report shows; the writers add only layout."""

    lang: str
    title: str  # the plan's title (as the data has it)
    filter_rows: tuple[tuple[str, str], ...]
    created_at: datetime  # in JST
    data_version: str
    link: str
    n_items: int
    areas: tuple[AreaSection, ...]
    summary: Summary
    source: str  # footer: title, issued, publisher

    @property
    def created_text(self) -> str:
        return self.created_at.strftime("%Y-%m-%d %H:%M JST")


def _area_meta(meta: Mapping, rows: pd.DataFrame, code: str) -> tuple[str, str, dict[str, str]]:
    """(vision, vision note, phase code → theme) of an area: from the metadata, else from its rows."""
    info = next((a for a in meta.get("areas") or () if isinstance(a, Mapping) and a.get("code") == code), {})
    own = rows[rows[Col.AREA_CODE] == code]
    vision = info.get("vision") or (str(own[Col.AREA_VISION].iloc[0]) if len(own) else "")
    themes = dict(info.get("themes") or {})
    for p in PHASE_CODES:
        if not themes.get(p):
            hit = own.loc[own[Col.PHASE_CODE] == p, Col.PHASE_THEME]
            themes[p] = str(hit.iloc[0]) if len(hit) else ""
    return vision, info.get("vision_note") or "", themes


def _entries(lines, badges: Mapping[str, str]) -> tuple[Entry, ...]:
    return tuple(
        Entry(
            ln.kind,
            visible(ln.text),
            ln.level,
            ln.id,
            visible(badges[ln.id]) if ln.kind == "item" and ln.id in badges and badges[ln.id] else None,
        )
        for ln in lines
    )


def _progress_table(progress: pd.DataFrame, areas: tuple[str, ...], lang: str) -> ProgressTable:
    """The mean-% frame (index: area codes, columns: phase codes) restricted to the report's areas."""
    frame = progress.copy()
    frame.index = [str(i) for i in frame.index]
    frame.columns = [str(c) for c in frame.columns]
    phases = tuple(p for p in PHASE_CODES if p in frame.columns)

    def value(a: str, p: str) -> float | None:
        if a not in frame.index:
            return None
        v = frame.at[a, p]
        return None if v is None or pd.isna(v) or not math.isfinite(float(v)) else float(v)

    return ProgressTable(
        areas,
        tuple(label("area", a, lang) for a in areas),
        phases,
        tuple(label("phase", p, lang) for p in phases),
        tuple(tuple(value(a, p) for p in phases) for a in areas),
    )


def source_line(meta: Mapping, lang: str) -> str:
    """The footer's source: the plan's title, its date and publisher."""
    t = catalogue(lang)
    if lang != "ja":
        return t("report.source")
    plan = meta.get("plan") or {}
    title = " ".join(plan.get("title") or []) or t("app.title")
    issued = " ".join(plan.get("issued") or []) or t("report.issued")
    publisher = " ".join(plan.get("publisher") or []) or t("report.publisher")
    return t("report.source", title=visible(title), issued=visible(issued), publisher=visible(publisher))


def build_report(
    df: pd.DataFrame,
    meta: Mapping,
    filters: F.Filters,
    lang: str = "ja",
    *,
    link: str = "",
    now: datetime | None = None,
    badges: Mapping[str, str] | None = None,
    progress: pd.DataFrame | None = None,
    demo: bool = False,
) -> Report:
    """The report of the view `filters` selects from the whole table `df` (`df` is not changed).

    `link`: the URL of the view (the writers print it); `now`: the export time (default: now);
    `badges`: initiative id → status badge text; `progress`: mean % per area (index, area codes) ×
    phase (columns, phase codes), NaN where none; `demo`: the progress is the synthetic sample (every
    page's footer and the cover then say so).
    Areas: those chosen in the filter; with no area chosen, every area that has a matching row.
    """
    t = catalogue(lang)
    badges = badges or {}
    rows = F.apply(df, filters)
    present = set(rows[Col.AREA_CODE].astype("string").dropna())
    area_codes = tuple(a for a in AREA_CODES if (a in filters.areas if filters.areas else a in present))
    phases = tuple(p for p in PHASE_CODES if not filters.phases or p in filters.phases)
    actors = tuple(a for a in ACTOR_CODES if not filters.actors or a in filters.actors)
    units = aggregate.count_units(rows)  # one row per initiative (an item with its sub-items counts once)
    cell_n = units.groupby([Col.AREA_CODE, Col.ACTOR_CODE, Col.PHASE_CODE], observed=True).size()
    sections = []
    for code in area_codes:
        vision, note, themes = _area_meta(meta, df, code)
        cells = area_matrix(rows, code)
        grid = tuple(tuple(_entries(cells[(a, p)], badges) for p in phases) for a in actors)
        sections.append(
            AreaSection(
                code=code,
                title=label("area", code, lang),
                vision=visible(vision),
                vision_note=visible(note),
                phases=phases,
                phase_headers=tuple(label("phase", p, lang) for p in phases),
                themes=tuple(visible(themes.get(p, "")) for p in phases),
                actors=actors,
                actor_headings=tuple(actor_heading(a, lang) for a in actors),
                cells=grid,
                counts=tuple(tuple(int(cell_n.get((code, a, p), 0)) for p in phases) for a in actors),
            )
        )
    by = units.groupby([Col.AREA_CODE, Col.ACTOR_CODE], observed=True).size()
    summary = Summary(
        area_codes,
        tuple(label("area", a, lang) for a in area_codes),
        actors,
        tuple(label("actor", a, lang) for a in actors),
        tuple(tuple(int(by.get((a, b), 0)) for b in actors) for a in area_codes),
        _progress_table(progress, area_codes, lang) if progress is not None else None,
    )
    plan = meta.get("plan") or {}
    when = (now or datetime.now(UTC)).astimezone(JST)
    return Report(
        lang=lang,
        title=visible(" ".join(plan.get("title") or []) or t("app.title")) if lang == "ja" else t("app.title"),
        filter_rows=tuple((k, visible(v)) for k, v in filter_description(filters, lang))
        + (((t("sidebar.progress"), t("report.demo")),) if demo else ()),
        created_at=when,
        data_version=visible(meta.get("data_version", "")),
        link=visible(link),
        n_items=len(units),
        areas=tuple(sections),
        summary=summary,
        source=(t("report.demo") + " ｜ " if demo else "") + source_line(meta, lang),
    )
