"""A `Report` as a print-ready PDF: A4 landscape, the Japanese font embedded, text selectable.

fpdf2 draws every string as literal text (no markup is parsed) and the summary chart with vector
rectangles and lines. The area tables are laid out here line by line: a long cell wraps inside its
box and, when the page ends, continues on the next page under the repeated table header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from ..i18n import catalogue
from ..palette import ACTOR_COLORS, AREA_COLORS, GRID_COLOR, HEATMAP_COLORSCALE, LINE_COLOR, MUTED_COLOR, TEXT_COLOR
from ..schema import TENTATIVE_PHASES
from .content import AreaSection, Entry, Report
from .text import drawable, fallback_path, font_path, wrap

FAMILY = "ipaexg"
PAGE_W, PAGE_H = 297.0, 210.0  # A4 landscape, mm
MARGIN = 12.0
BOTTOM = PAGE_H - 17.0  # content ends here; the footer sits below
CONTENT_W = PAGE_W - 2 * MARGIN
BODY_PT, SMALL_PT = 9.0, 7.5
PAD = 1.6
ITEM_GAP = 0.9
HEAD_COL_W = 34.0
MAX_HEADER_H = 55.0  # taller themes move out of the repeated header into a paragraph
HEADER_FILL, HEAD_COL_FILL, LABEL_COLOR, BADGE_COLOR = "#DCE6F0", "#F2F2F2", "#08519C", "#006B4F"


def _rgb(hex_color: str) -> tuple[int, int, int]:
    h = hex_color.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _line_h(pt: float) -> float:
    return pt * 0.3528 * 1.45


@dataclass(frozen=True)
class _Line:
    """One drawn line: `prefix` (a bullet) at `indent`, `text` at `indent + text_dx`."""

    text: str
    h: float
    pt: float = BODY_PT
    color: str = TEXT_COLOR
    indent: float = 0.0
    prefix: str = ""
    text_dx: float = 0.0
    right: float | None = None  # right-aligned to this width (numbers in tables)


class _Doc(FPDF):
    def __init__(self, report: Report, font: Path):
        super().__init__(orientation="L", unit="mm", format="A4")
        self.report, self.t, self.font_file = report, catalogue(report.lang), font
        self.add_font(FAMILY, fname=str(font))
        self.fallback = fallback_path()
        if self.fallback:
            self.add_font("fallback", fname=str(self.fallback))
            self.set_fallback_fonts(["fallback"])
        self.set_auto_page_break(False)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self._cw: dict[tuple[float, str], float] = {}

    # ---------------------------------------------------------------- text primitives
    def measure(self, pt: float) -> Callable[[str], float]:
        def width(s: str) -> float:
            total = 0.0
            for ch in s:
                key = (pt, ch)
                if key not in self._cw:
                    self.set_font(FAMILY, size=pt)
                    self._cw[key] = self.get_string_width(ch)
                total += self._cw[key]
            return total

        return width

    def lines(self, text: str, width: float, pt: float = BODY_PT, color: str = TEXT_COLOR, **kw) -> list[_Line]:
        text = drawable(text, self.font_file, self.fallback)
        return [_Line(s, _line_h(pt), pt, color, **kw) for s in wrap(text, width, self.measure(pt))]

    def put(self, x: float, y: float, s: str, pt: float = BODY_PT, color: str = TEXT_COLOR, link: str = "") -> None:
        self.set_font(FAMILY, size=pt)
        self.set_text_color(*_rgb(color))
        self.set_xy(x, y)
        self.cell(self.measure(pt)(s) + 0.01, _line_h(pt), s, link=link)

    def draw(self, ln: _Line, x: float, y: float) -> None:
        if ln.prefix:
            self.put(x + ln.indent, y, ln.prefix, ln.pt, ln.color)
        if ln.text and ln.right is not None:
            self.put(x + ln.right - self.measure(ln.pt)(ln.text), y, ln.text, ln.pt, ln.color)
        elif ln.text:
            self.put(x + ln.indent + ln.text_dx, y, ln.text, ln.pt, ln.color)

    def box(self, x: float, y: float, w: float, h: float, fill: str | None = None, border: str | None = LINE_COLOR):
        if fill:
            self.set_fill_color(*_rgb(fill))
        if border:
            self.set_draw_color(*_rgb(border))
            self.set_line_width(0.2)
        self.rect(x, y, w, h, style=("F" if fill else "") + ("D" if border else ""))

    def flow(self, lines: list[_Line], x: float = MARGIN) -> None:
        """Lines down the page from the current y, continuing on new pages."""
        for ln in lines:
            if self.y + ln.h > BOTTOM:
                self.add_page()
            self.draw(ln, x, self.y)
            self.y += ln.h

    def footer(self) -> None:
        t, y = self.t, PAGE_H - 12.0
        self.set_draw_color(*_rgb(LINE_COLOR))
        self.set_line_width(0.2)
        self.line(MARGIN, y - 1.5, PAGE_W - MARGIN, y - 1.5)
        right = t("report.exported_at", time=self.report.created_text)
        page = t("report.page", page=self.page_no(), pages="{nb}")
        mw = self.measure(SMALL_PT)
        room = CONTENT_W - mw(right) - mw(page) - 30
        source = wrap(drawable(self.report.source, self.font_file, self.fallback), room, mw)
        self.put(MARGIN, y, source[0] + ("…" if len(source) > 1 else ""), SMALL_PT, MUTED_COLOR)
        self.put(PAGE_W / 2 - mw(page) / 2, y, page, SMALL_PT, MUTED_COLOR)
        self.put(PAGE_W - MARGIN - mw(right), y, right, SMALL_PT, MUTED_COLOR)


# -------------------------------------------------------------------- cover


def _cover(doc: _Doc, r: Report) -> None:
    t = doc.t
    doc.add_page()
    doc.box(MARGIN, MARGIN, CONTENT_W, 1.2, fill=ACTOR_COLORS["union"], border=None)
    doc.set_y(MARGIN + 8)
    doc.flow(doc.lines(r.title, CONTENT_W, 22))
    doc.y += 2
    doc.flow(doc.lines(t("report.subtitle"), CONTENT_W, 13, MUTED_COLOR))
    doc.y += 8
    rows = [*r.filter_rows, (t("export.meta.rows"), t("report.n_items", n=r.n_items))]
    rows += [(t("report.created_at"), r.created_text), (t("export.meta.data_version"), r.data_version)]
    rows += [(t("export.meta.link"), r.link or t("export.filter.none"))]
    key_w = 52.0
    for key, value in rows:
        k = doc.lines(key, key_w - 2 * PAD, 10, MUTED_COLOR)
        v = doc.lines(value, CONTENT_W - key_w - 2 * PAD, 10)
        h = max(len(k), len(v)) * _line_h(10) + 2 * PAD
        if doc.y + h > BOTTOM:
            doc.add_page()
        top = doc.y
        doc.set_draw_color(*_rgb(GRID_COLOR))
        doc.line(MARGIN, top + h, PAGE_W - MARGIN, top + h)
        link = r.link if key == t("export.meta.link") and r.link.startswith(("http://", "https://")) else ""
        for i, ln in enumerate(k):
            doc.draw(ln, MARGIN + PAD, top + PAD + i * ln.h)
        for i, ln in enumerate(v):
            y = top + PAD + i * ln.h
            if link:
                doc.put(MARGIN + key_w + PAD, y, ln.text, 10, ACTOR_COLORS["union"], link=link)
            else:
                doc.draw(ln, MARGIN + key_w + PAD, y)
        doc.y = top + h
    doc.y += 6
    names = doc.t("export.list_sep").join(a.title for a in r.areas) or t("common.empty")
    doc.flow(doc.lines(t("report.contents", areas=names), CONTENT_W, 9, MUTED_COLOR))


# -------------------------------------------------------------------- area tables


def _cell_lines(doc: _Doc, entries: tuple[Entry, ...], width: float) -> list[_Line]:
    """A cell's entries as lines: labels in 【】, items with ・, sub-items indented with ▶, badges."""
    t, mw = doc.t, doc.measure(BODY_PT)
    out: list[_Line] = []
    inner = width - 2 * PAD
    for e in entries:
        if e.kind == "label":
            out += doc.lines(f"【{e.text}】", inner, BODY_PT, LABEL_COLOR)
            continue
        indent = 3.5 if e.level >= 2 else 0.0
        bullet = "▶" if e.level >= 2 else "・"
        dx = mw(bullet) + (0.8 if e.level >= 2 else 0.0)
        body = doc.lines(e.text, inner - indent - dx, BODY_PT, indent=indent, text_dx=dx)
        body = body or [_Line("", _line_h(BODY_PT), indent=indent, text_dx=dx)]
        out.append(_Line(body[0].text, body[0].h, indent=indent, prefix=bullet, text_dx=dx))
        out += body[1:]
        if e.badge:
            out += doc.lines(
                t("report.badge", badge=e.badge), inner - indent - dx, SMALL_PT, BADGE_COLOR, indent=indent + dx
            )
        out.append(_Line("", ITEM_GAP))
    return out or [_Line("—", _line_h(BODY_PT), color=MUTED_COLOR)]


def _header(doc: _Doc, a: AreaSection, col_w: float, with_themes: bool) -> list[list[_Line]]:
    t = doc.t
    head = [doc.lines(t("matrix.fiscal_year"), HEAD_COL_W - 2 * PAD, 9)]
    for header, theme in zip(a.phase_headers, a.themes, strict=True):
        cell = doc.lines(header, col_w - 2 * PAD, 10)
        if with_themes and theme:
            cell += doc.lines(t("timeline.theme", theme=theme), col_w - 2 * PAD, SMALL_PT, MUTED_COLOR)
        head.append(cell)
    return head


def _draw_row(doc: _Doc, cols: list[list[_Line]], widths: list[float], fills: list[str | None], y: float) -> float:
    h = max(sum(ln.h for ln in c) for c in cols) + 2 * PAD
    x = MARGIN
    for lines, w, fill in zip(cols, widths, fills, strict=True):
        doc.box(x, y, w, h, fill=fill)
        yy = y + PAD
        for ln in lines:
            doc.draw(ln, x + PAD, yy)
            yy += ln.h
        x += w
    return h


def _take(lines: list[_Line], room: float) -> tuple[list[_Line], list[_Line]]:
    """The leading lines of a cell that fit in `room` mm, and the rest."""
    used, n = 0.0, 0
    while n < len(lines) and used + lines[n].h <= room + 1e-6:
        used += lines[n].h
        n += 1
    return lines[:n], lines[n:]


def _area(doc: _Doc, a: AreaSection) -> None:
    t = doc.t
    doc.add_page()
    doc.box(MARGIN, MARGIN, 2.2, 9, fill=AREA_COLORS.get(a.code, TEXT_COLOR), border=None)
    doc.put(MARGIN + 4.5, MARGIN + 0.8, a.title, 16)
    count = t("report.n_items", n=a.total)
    doc.put(PAGE_W - MARGIN - doc.measure(9)(count), MARGIN + 3, count, 9, MUTED_COLOR)
    doc.set_y(MARGIN + 12)
    doc.flow(doc.lines(t("matrix.vision"), CONTENT_W, SMALL_PT, MUTED_COLOR))
    doc.flow(doc.lines(a.vision, CONTENT_W, 9.5))
    if a.vision_note:
        doc.flow(doc.lines(a.vision_note, CONTENT_W, SMALL_PT, MUTED_COLOR))
    doc.y += 3
    col_w = (CONTENT_W - HEAD_COL_W) / max(len(a.phases), 1)
    widths = [HEAD_COL_W, *[col_w] * len(a.phases)]
    header = _header(doc, a, col_w, with_themes=True)
    if max(sum(ln.h for ln in c) for c in header) > MAX_HEADER_H:  # hostile themes: print them before the table
        for h, theme in zip(a.phase_headers, a.themes, strict=True):
            doc.flow(doc.lines(f"{h} — {t('timeline.theme', theme=theme)}", CONTENT_W, SMALL_PT, MUTED_COLOR))
        header = _header(doc, a, col_w, with_themes=False)
    head_fills = [HEADER_FILL] * len(widths)
    head_h = max(sum(ln.h for ln in c) for c in header) + 2 * PAD
    min_row = head_h + 3 * _line_h(BODY_PT) + 2 * PAD

    def new_page() -> None:
        doc.add_page()
        doc.put(MARGIN, MARGIN, t("report.continued", title=a.title), 9, MUTED_COLOR)
        doc.y = MARGIN + 6 + _draw_row(doc, header, widths, head_fills, MARGIN + 6)

    if doc.y + min_row > BOTTOM:
        doc.add_page()
    doc.y += _draw_row(doc, header, widths, head_fills, doc.y)
    for heading, row in zip(a.actor_headings, a.cells, strict=True):
        rest = [_cell_lines(doc, cell, col_w) for cell in row]
        first = True
        while True:
            label = heading if first else t("report.row_continued", heading=heading)
            head_lines = doc.lines(label, HEAD_COL_W - 2 * PAD, 9)
            need = max(sum(ln.h for ln in c) for c in [head_lines, *rest]) + 2 * PAD
            room = BOTTOM - doc.y
            if need <= room:
                doc.y += _draw_row(doc, [head_lines, *rest], widths, [HEAD_COL_FILL] + [None] * len(rest), doc.y)
                break
            if room < 3 * _line_h(BODY_PT) + 2 * PAD:
                new_page()
                continue
            parts = [_take(c, room - 2 * PAD) for c in rest]
            head_fit, _ = _take(head_lines, room - 2 * PAD)
            cols = [head_fit, *[p[0] for p in parts]]
            x, top = MARGIN, doc.y
            for lines, w, fill in zip(cols, widths, [HEAD_COL_FILL] + [None] * len(rest), strict=True):
                doc.box(x, top, w, room, fill=fill)
                yy = top + PAD
                for ln in lines:
                    doc.draw(ln, x + PAD, yy)
                    yy += ln.h
                x += w
            rest = [p[1] for p in parts]
            first = False
            new_page()
    if TENTATIVE_PHASES & set(a.phases):
        doc.y += 2
        doc.flow(doc.lines(t("common.tentative_note"), CONTENT_W, SMALL_PT, MUTED_COLOR))


# -------------------------------------------------------------------- summary


def _heat(value: float) -> str:
    """The heatmap colour of a percentage (0–100), nearest stop of the sequential scale."""
    frac = min(max(value / 100.0, 0.0), 1.0)
    return str(min(HEATMAP_COLORSCALE, key=lambda s: abs(float(s[0]) - frac))[1])


def _table(doc: _Doc, rows: list[list[str]], widths: list[float], fills: list[list[str | None]] | None = None):
    """A small table: header row shaded, first column text, the other columns right-aligned."""
    for i, row in enumerate(rows):
        cols = []
        for j, (v, w) in enumerate(zip(row, widths, strict=True)):
            color = "#FFFFFF" if fills and fills[i][j] in _DARK else TEXT_COLOR
            right = w - 2 * PAD if j and i else None
            cols.append(doc.lines(v, w - 2 * PAD, 9, color, right=right))
        if doc.y + sum(ln.h for ln in cols[0]) + 2 * PAD > BOTTOM:
            doc.add_page()
        row_fill = [HEADER_FILL] * len(row) if i == 0 else (fills[i] if fills else [None] * len(row))
        doc.y += _draw_row(doc, cols, widths, row_fill, doc.y)


_DARK = {str(s[1]) for s in HEATMAP_COLORSCALE if float(s[0]) >= 0.5}


def _chart(doc: _Doc, r: Report, x0: float, y0: float, w: float) -> None:
    """Counts by area, stacked by actor: vector bars, value labels, legend."""
    s, t = r.summary, doc.t
    doc.put(x0, y0, t("report.chart.counts"), 10)
    legend_y, x = y0 + 6, x0
    for code, label in zip(s.actor_codes, s.actor_labels, strict=True):
        doc.box(x, legend_y + 0.8, 3, 3, fill=ACTOR_COLORS[code], border=None)
        doc.put(x + 4, legend_y, label, SMALL_PT)
        x += 8 + doc.measure(SMALL_PT)(label)
    label_w, bar_h, gap = 42.0, 6.0, 3.0
    top = legend_y + 8
    totals = [sum(row) for row in s.counts]
    scale = (w - label_w - 10) / max(max(totals, default=0), 1)
    for i, (label, row) in enumerate(zip(s.area_labels, s.counts, strict=True)):
        y = top + i * (bar_h + gap)
        name = doc.lines(label, label_w - 2, SMALL_PT)
        for k, ln in enumerate(name[:2]):
            doc.draw(ln, x0, y + k * ln.h)
        x = x0 + label_w
        for code, n in zip(s.actor_codes, row, strict=True):
            if n:
                doc.box(x, y, n * scale, bar_h, fill=ACTOR_COLORS[code], border=None)
                if n * scale > doc.measure(SMALL_PT)(str(n)) + 2:
                    doc.put(x + 1, y + 1.2, str(n), SMALL_PT, "#FFFFFF")
            x += n * scale
        doc.put(x + 1, y + 1.2, str(totals[i]), SMALL_PT)
    doc.set_draw_color(*_rgb(TEXT_COLOR))
    doc.line(x0 + label_w, top - 1, x0 + label_w, top + len(s.counts) * (bar_h + gap) - gap + 1)


def _summary(doc: _Doc, r: Report) -> None:
    t, s = doc.t, r.summary
    doc.add_page()
    doc.put(MARGIN, MARGIN, t("report.summary"), 16)
    doc.set_y(MARGIN + 10)
    if not s.area_codes:
        doc.flow(doc.lines(t("common.empty"), CONTENT_W, 10))
        return
    header = [t("export.col.area"), *s.actor_labels, t("report.total")]
    rows = [header, *[[a, *map(str, c), str(sum(c))] for a, c in zip(s.area_labels, s.counts, strict=True)]]
    rows.append([t("report.total"), *[str(sum(col)) for col in zip(*s.counts, strict=True)], str(r.n_items)])
    table_w = 130.0
    _table(doc, rows, [46.0, *[(table_w - 46 - 20) / len(s.actor_labels)] * len(s.actor_labels), 20.0])
    after_table = doc.y
    _chart(doc, r, MARGIN + table_w + 12, MARGIN + 10, CONTENT_W - table_w - 12)
    doc.y = max(after_table, MARGIN + 10 + 14 + len(s.counts) * 9) + 6
    if s.progress is not None:
        p = s.progress
        doc.flow(doc.lines(t("report.progress_title"), CONTENT_W, 10))
        doc.y += 1
        cells = [[t("report.percent", v=f"{v:.0f}") if v is not None else "—" for v in row] for row in p.values]
        fills = [[None] * (1 + len(p.phase_codes))]
        fills += [[None, *[_heat(v) if v is not None else None for v in row]] for row in p.values]
        rows = [[t("export.col.area"), *p.phase_labels], *[[a, *c] for a, c in zip(p.area_labels, cells, strict=True)]]
        _table(doc, rows, [46.0, *[28.0] * len(p.phase_codes)], fills)


def to_pdf_bytes(report: Report) -> bytes:
    """The report as PDF bytes: cover, one section per area, summary; page numbers in the footer."""
    doc = _Doc(report, font_path())
    doc.set_title(report.title)
    doc.set_lang(report.lang)
    doc.set_creator("kansai-action-plan-dashboard")
    doc.set_creation_date(report.created_at)
    _cover(doc, report)
    for area in report.areas:
        _area(doc, area)
    _summary(doc, report)
    return bytes(doc.output())
