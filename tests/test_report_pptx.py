"""The PowerPoint read back with python-pptx: slides, table cells = matrix cells, chart numbers = counts."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest
from hostile import HOSTILE_TEXTS, hostile_frame
from report_read import shape_of, slides
from units import one_row_per_initiative

from dashboard.filters import Filters, apply
from dashboard.matrix import area_matrix, cell_text
from dashboard.report import render
from dashboard.schema import ACTOR_CODES, AREA_CODES, PHASE_CODES, Col

NOW = datetime(2026, 11, 29, 3, 4, tzinfo=UTC)
VIEWS = [Filters(), Filters(areas=("su",)), Filters(areas=("mob", "hr"), phases=("2024", "2026"), actors=("members",))]


def _n(df, **where) -> int:
    """Initiatives (an item with its sub-items once) of `df` matching `where`, counted independently."""
    df = one_row_per_initiative(df)
    keep = pd.Series(True, index=df.index)
    for col, value in where.items():
        keep &= df[col] == value
    return int(keep.sum())


@pytest.mark.parametrize("f", VIEWS)
def test_slides_tables_and_charts(committed, f):
    """Title + one slide per area + summary; each table cell is the matrix cell; each chart counts the rows."""
    df, meta = committed
    rows = apply(df, f)
    areas = [a for a in AREA_CODES if (a in f.areas if f.areas else a in set(rows[Col.AREA_CODE].astype(str)))]
    phases = [p for p in PHASE_CODES if not f.phases or p in f.phases]
    actors = [a for a in ACTOR_CODES if not f.actors or a in f.actors]
    deck = slides(render(df, meta, f, "ja", "pptx", now=NOW)[0])
    assert len(deck) == 1 + len(areas) + 1
    for slide, area in zip(deck[1:-1], areas, strict=True):
        table = shape_of(slide, "table").table
        assert len(table.rows) == 1 + len(actors) and len(table.columns) == 1 + len(phases)
        cells = area_matrix(rows, area)
        for i, actor in enumerate(actors, 1):
            for j, phase in enumerate(phases, 1):
                assert table.cell(i, j).text == cell_text(cells[(actor, phase)])
        chart = shape_of(slide, "chart").chart
        got = {s.name: list(s.values) for s in chart.plots[0].series}
        want = {
            s.name: [_n(rows, **{Col.AREA_CODE: area, Col.ACTOR_CODE: actor, Col.PHASE_CODE: p}) for p in phases]
            for s, actor in zip(chart.plots[0].series, actors, strict=True)
        }
        assert got == want and sum(map(sum, got.values())) == _n(rows, **{Col.AREA_CODE: area})
    summary = shape_of(deck[-1], "chart").chart
    for s, actor in zip(summary.plots[0].series, actors, strict=True):
        assert list(s.values) == [_n(rows, **{Col.AREA_CODE: a, Col.ACTOR_CODE: actor}) for a in areas]


def test_hostile_text_stays_literal(committed):
    """Formulas get an apostrophe where a text starts with one; markup and markdown stay plain runs."""
    df, meta = hostile_frame(*committed)
    deck = slides(render(df, meta, Filters(), "ja", "pptx", now=NOW)[0])
    texts = [sh.text_frame.text for s in deck for sh in s.shapes if sh.has_text_frame]
    cells = [c.text for s in deck for sh in s.shapes if sh.has_table for row in sh.table.rows for c in row.cells]
    joined = "\n".join(texts + cells)
    assert "・" + HOSTILE_TEXTS["formula_hyperlink"] in joined and "・<script>alert(1)</script>" in joined
    assert "・" + HOSTILE_TEXTS["md_syntax"] in joined
    assert "[U+202E]exe.txt" in joined and "\u202e" not in joined
    assert texts[0].startswith("'=HYPERLINK")  # the plan title as the cover's title
    assert "テーマ: -1" in joined  # a theme that starts with a minus sign, inside a labelled paragraph
    for s in deck:
        for sh in s.shapes:
            assert b"<a:fld" not in sh._element.xml.encode()


def test_badges_and_progress_appear(committed):
    """A badge follows its item in the table; the summary slide has the mean-% table."""
    df, meta = committed
    first = df[df[Col.AREA_CODE] == "su"].sort_values(Col.SEQ)[Col.ID].iloc[0]
    text = df.loc[df[Col.ID] == first, Col.TEXT].iloc[0]
    progress = pd.DataFrame({"2024": [42.0], "2025": [np.nan], "2026": [87.4]}, index=["su"])
    deck = slides(render(df, meta, Filters(areas=("su",)), "ja", "pptx", badges={first: "順調"}, progress=progress)[0])
    cells = [c.text for sh in deck[1].shapes if sh.has_table for row in sh.table.rows for c in row.cells]
    assert any(f"・{text}　［状況：順調］" in c for c in cells)
    grids = [sh.table for sh in deck[-1].shapes if sh.has_table]
    assert [c.text for c in grids[-1].rows[1].cells] == ["スタートアップ", "42%", "—", "87%"]
