"""A `Report` as an editable PowerPoint (python-pptx): title slide, one slide per area, summary slide.

Each area slide holds a native table (actor rows × phase columns, cell text as `matrix.cell_text`
writes it) and one native chart (initiatives by phase × actor). Every text is a literal run passed
through `export.safe_text` (a leading = + - @ gets an apostrophe, XML-illegal characters U+FFFD).
"""

from __future__ import annotations

import io
import math
import unicodedata

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from ..export import safe_text
from ..i18n import catalogue
from ..palette import ACTOR_COLORS, AREA_COLORS, MUTED_COLOR, TEXT_COLOR
from ..schema import TENTATIVE_PHASES
from .content import AreaSection, Entry, Report

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
LEFT = Inches(0.4)
WIDTH = SLIDE_W - 2 * LEFT
TABLE_W, TABLE_TOP, TABLE_MAX_H = Inches(9.1), Inches(1.55), 5.2  # inches
CHART_LEFT = LEFT + TABLE_W + Inches(0.25)
FONT = "Yu Gothic"  # Windows and macOS Office; other suites substitute a Japanese sans
HEADER_FILL, HEAD_COL_FILL = "DCE6F0", "F2F2F2"
BLANK_LAYOUT, TITLE_ONLY_LAYOUT, TITLE_LAYOUT = 6, 5, 0


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#").upper())


def entry_text(e: Entry, t) -> str:
    """One table line, as `matrix.cell_text` writes it (labels in 【】, sub-items 　▶), badge after."""
    if e.kind == "label":
        return f"【{e.text}】"
    text = f"{'　▶ ' if e.level == 2 else '・'}{e.text}"
    return f"{text}　［{t('report.badge', badge=e.badge)}］" if e.badge else text


def _font(run, size: float, color: str = TEXT_COLOR, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.color.rgb = _rgb(color)
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", "ja-JP")
    for tag in ("a:latin", "a:ea"):
        el = rpr.find(qn(tag))
        if el is None:
            el = rpr.makeelement(qn(tag), {})
            rpr.append(el)
        el.set("typeface", FONT)


def _paragraphs(frame, lines: list[tuple[str, float, str, bool]]) -> None:
    """Replace a text frame's text with literal paragraphs (text, size, colour, bold)."""
    frame.word_wrap = True
    for i, (text, size, color, bold) in enumerate(lines):
        p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = p.add_run()
        run.text = safe_text(text)
        _font(run, size, color, bold)


def _box(slide, left, top, width, height, lines) -> None:
    shape = slide.shapes.add_textbox(left, top, width, height)
    _paragraphs(shape.text_frame, lines)


def _title(slide, text: str, size: float = 24) -> None:
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = LEFT, Inches(0.25), WIDTH, Inches(0.6)
    frame = shape.text_frame
    frame.text = ""
    _paragraphs(frame, [(text, size, TEXT_COLOR, True)])
    frame.paragraphs[0].alignment = 1  # left


def _footer(slide, r: Report, t, n: int) -> None:
    top = SLIDE_H - Inches(0.42)
    _box(slide, LEFT, top, Inches(8.5), Inches(0.3), [(r.source, 9, MUTED_COLOR, False)])
    _box(
        slide,
        LEFT + Inches(8.6),
        top,
        Inches(1.2),
        Inches(0.3),
        [(t("report.page", page=n, pages="?"), 9, MUTED_COLOR, False)],
    )
    _box(
        slide,
        SLIDE_W - LEFT - Inches(2.8),
        top,
        Inches(2.8),
        Inches(0.3),
        [(t("report.exported_at", time=r.created_text), 9, MUTED_COLOR, False)],
    )


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


LEADING = 1.3  # line height / font size, as slide software sets Japanese text
CELL_PAD_IN = 0.1


def _lines(texts: list[str], col_w_in: float, size: float) -> int:
    """Estimated wrapped lines of `texts` in a column `col_w_in` wide at `size` pt."""
    per_line = max((col_w_in - 0.1) * 72 / size * 2 * 0.85, 4)  # half-width units per line
    return sum(max(1, math.ceil(_display_width(x) / per_line)) for x in texts) or 1


def _row_heights(a: AreaSection, col_w_in: float, size: float, t) -> list[float]:
    """Estimated heights (inches) of the header row and each actor row at `size` pt."""
    head = max(
        _lines([h], col_w_in, size + 1) * (size + 1)
        + _lines([t("timeline.theme", theme=th)], col_w_in, size - 1) * (size - 1)
        for h, th in zip(a.phase_headers, a.themes, strict=True)
    )
    rows = [
        (max(_lines([entry_text(e, t) for e in cell], col_w_in, size) for cell in row) + 1) * size for row in a.cells
    ]  # + 1 line of slack: renderers' metrics differ
    return [x * LEADING / 72 + CELL_PAD_IN for x in [head, *rows]]


def _table_font(a: AreaSection, col_w_in: float, t) -> float:
    """The largest table font size (pt) at which the estimated table height fits the slide (≥ 7)."""
    for size in (12, 11, 10, 9, 8, 7):
        if sum(_row_heights(a, col_w_in, size, t)) <= TABLE_MAX_H:
            return size
    return 7


def _cell(cell, lines, fill: str | None = None) -> None:
    frame = cell.text_frame
    frame.text = ""
    _paragraphs(frame, lines)
    cell.margin_left = cell.margin_right = Inches(0.05)
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    cell.fill.solid()
    cell.fill.fore_color.rgb = _rgb(fill or "FFFFFF")
    tc_pr = cell._tc.get_or_add_tcPr()
    for k, side in enumerate(("a:lnL", "a:lnR", "a:lnT", "a:lnB")):  # thin grey grid (schema order: before the fill)
        ln = tc_pr.makeelement(qn(side), {"w": "6350"})
        solid = ln.makeelement(qn("a:solidFill"), {})
        solid.append(solid.makeelement(qn("a:srgbClr"), {"val": "B0B0B0"}))
        ln.append(solid)
        tc_pr.insert(k, ln)


def _area_table(slide, a: AreaSection, t) -> None:
    head_w = Inches(1.35)
    col_w = Emu(int((TABLE_W - head_w) / max(len(a.phases), 1)))
    size = _table_font(a, col_w / 914400, t)
    shape = slide.shapes.add_table(1 + len(a.actors), 1 + len(a.phases), LEFT, TABLE_TOP, TABLE_W, Inches(1))
    table = shape.table
    table.first_row = True
    table.columns[0].width = head_w
    for j in range(len(a.phases)):
        table.columns[1 + j].width = col_w
    _cell(table.cell(0, 0), [(t("matrix.fiscal_year"), size, TEXT_COLOR, True)], HEADER_FILL)
    for j, (h, theme) in enumerate(zip(a.phase_headers, a.themes, strict=True), 1):
        lines = [(h, size + 1, TEXT_COLOR, True)]
        if theme:
            lines.append((t("timeline.theme", theme=theme), size - 1, MUTED_COLOR, False))
        _cell(table.cell(0, j), lines, HEADER_FILL)
    for i, (heading, row) in enumerate(zip(a.actor_headings, a.cells, strict=True), 1):
        _cell(table.cell(i, 0), [(heading, size, TEXT_COLOR, True)], HEAD_COL_FILL)
        for j, entries in enumerate(row, 1):
            lines = [
                (entry_text(e, t), size, "#08519C" if e.kind == "label" else TEXT_COLOR, e.kind == "label")
                for e in entries
            ]
            _cell(table.cell(i, j), lines or [("", size, TEXT_COLOR, False)])
    for row, h in zip(table.rows, _row_heights(a, col_w / 914400, size, t), strict=True):
        row.height = Inches(h)


def _chart(slide, left, top, width, height, categories, series, chart_type, title: str) -> None:
    data = CategoryChartData()
    data.categories = [safe_text(c) for c in categories]
    for name, values, _ in series:
        data.add_series(safe_text(name), values)
    chart = slide.shapes.add_chart(chart_type, left, top, width, height, data).chart
    chart.has_title = True
    chart.chart_title.text_frame.text = safe_text(title)
    for run in chart.chart_title.text_frame.paragraphs[0].runs:
        _font(run, 12, TEXT_COLOR, True)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(10)
    chart.category_axis.tick_labels.font.size = Pt(9)
    chart.value_axis.tick_labels.font.size = Pt(9)
    chart.value_axis.has_major_gridlines = True
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.font.size = Pt(9)
    plot.data_labels.show_value = True
    for s, (_, _, color) in zip(plot.series, series, strict=True):
        s.format.fill.solid()
        s.format.fill.fore_color.rgb = _rgb(color)


def _cover(prs, r: Report, t) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_LAYOUT])
    title, subtitle = slide.placeholders[0], slide.placeholders[1]
    title.left, title.top, title.width, title.height = LEFT, Inches(0.9), WIDTH, Inches(1.1)
    title.text_frame.text = ""
    _paragraphs(title.text_frame, [(r.title, 36, TEXT_COLOR, True)])
    subtitle.left, subtitle.top, subtitle.width, subtitle.height = LEFT, Inches(2.0), WIDTH, Inches(0.6)
    subtitle.text_frame.text = ""
    _paragraphs(subtitle.text_frame, [(t("report.subtitle"), 18, MUTED_COLOR, False)])
    rows = [f"{k}：{v}" for k, v in r.filter_rows]
    rows += [
        f"{t('export.meta.rows')}：{t('report.n_items', n=r.n_items)}",
        f"{t('report.created_at')}：{r.created_text}",
    ]
    rows += [
        f"{t('export.meta.data_version')}：{r.data_version}",
        f"{t('export.meta.link')}：{r.link or t('export.filter.none')}",
    ]
    _box(slide, LEFT, Inches(2.9), WIDTH, Inches(3.4), [(x, 14, TEXT_COLOR, False) for x in rows])
    _box(slide, LEFT, Inches(6.45), WIDTH, Inches(0.4), [(t("report.slide.cover_note"), 11, MUTED_COLOR, False)])


def _area_slide(prs, r: Report, a: AreaSection, t, n: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    _title(slide, f"{a.title}（{t('report.n_items', n=a.total)}）")
    bar = slide.shapes.add_shape(1, Inches(0.2), Inches(0.32), Inches(0.09), Inches(0.46))
    bar.fill.solid()
    bar.fill.fore_color.rgb = _rgb(AREA_COLORS.get(a.code, TEXT_COLOR))
    bar.line.fill.background()
    vision = [(f"{t('matrix.vision')}：{a.vision}", 11, TEXT_COLOR, False)]
    if a.vision_note:
        vision.append((a.vision_note, 9, MUTED_COLOR, False))
    _box(slide, LEFT, Inches(0.85), WIDTH, Inches(0.65), vision)
    _area_table(slide, a, t)
    series = [
        (heading, [a.counts[i][j] for j in range(len(a.phases))], ACTOR_COLORS[code])
        for i, (code, heading) in enumerate(zip(a.actors, a.actor_headings, strict=True))
    ]
    _chart(
        slide, CHART_LEFT, TABLE_TOP, SLIDE_W - CHART_LEFT - LEFT, Inches(4.2), [h.replace(" ", "\n", 1) for h in a.phase_headers], series,
        XL_CHART_TYPE.COLUMN_CLUSTERED, t("report.chart.phase_actor"),
    )  # fmt: skip
    if TENTATIVE_PHASES & set(a.phases):
        _box(
            slide,
            CHART_LEFT,
            Inches(5.85),
            SLIDE_W - CHART_LEFT - LEFT,
            Inches(0.8),
            [(t("common.tentative_note"), 9, MUTED_COLOR, False)],
        )
    _footer(slide, r, t, n)


def _summary_slide(prs, r: Report, t, n: int) -> None:
    s = r.summary
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    _title(slide, t("report.summary"))
    if not s.area_codes:
        _box(slide, LEFT, Inches(1.2), WIDTH, Inches(0.5), [(t("common.empty"), 14, TEXT_COLOR, False)])
        _footer(slide, r, t, n)
        return
    rows = [[t("export.col.area"), *s.actor_labels, t("report.total")]]
    rows += [[a, *map(str, c), str(sum(c))] for a, c in zip(s.area_labels, s.counts, strict=True)]
    rows.append([t("report.total"), *[str(sum(col)) for col in zip(*s.counts, strict=True)], str(r.n_items)])
    _grid(slide, rows, LEFT, Inches(1.2), Inches(5.6))
    if s.progress is not None:
        p = s.progress
        prow = [[t("export.col.area"), *p.phase_labels]]
        prow += [
            [a, *[t("report.percent", v=f"{v:.0f}") if v is not None else "—" for v in vals]]
            for a, vals in zip(p.area_labels, p.values, strict=True)
        ]
        _box(
            slide,
            LEFT,
            Inches(1.3 + 0.36 * len(rows)),
            Inches(5.6),
            Inches(0.35),
            [(t("report.progress_title"), 12, TEXT_COLOR, True)],
        )
        _grid(slide, prow, LEFT, Inches(1.7 + 0.36 * len(rows)), Inches(5.6))
    series = [
        (lab, [c[j] for c in s.counts], ACTOR_COLORS[code])
        for j, (code, lab) in enumerate(zip(s.actor_codes, s.actor_labels, strict=True))
    ]
    _chart(
        slide, LEFT + Inches(6.0), Inches(1.2), WIDTH - Inches(6.0), Inches(5.3), s.area_labels, series,
        XL_CHART_TYPE.BAR_STACKED, t("report.chart.counts"),
    )  # fmt: skip
    _footer(slide, r, t, n)


def _grid(slide, rows: list[list[str]], left, top, width) -> None:
    table = slide.shapes.add_table(len(rows), len(rows[0]), left, top, width, Inches(0.32 * len(rows))).table
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            _cell(table.cell(i, j), [(v, 11, TEXT_COLOR, i == 0)], HEADER_FILL if i == 0 else None)
            if j and i:
                table.cell(i, j).text_frame.paragraphs[0].alignment = 3  # right


def to_pptx_bytes(report: Report) -> bytes:
    """The report as .pptx bytes (16:9)."""
    t = catalogue(report.lang)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = safe_text(report.title)[:255]  # the property's limit
    prs.core_properties.author = "kansai-action-plan-dashboard"
    _cover(prs, report, t)
    for n, area in enumerate(report.areas, 2):
        _area_slide(prs, report, area, t, n)
    _summary_slide(prs, report, t, len(report.areas) + 2)
    total = len(prs.slides)
    for slide in prs.slides:  # now that the count is known
        for shape in slide.shapes:
            if shape.has_text_frame and shape.text_frame.text.endswith(" / ?"):
                run = shape.text_frame.paragraphs[0].runs[0]
                run.text = run.text[:-1] + str(total)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
