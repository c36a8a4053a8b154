"""The report model: areas, cells, counts, badges, progress, cover and footer texts."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd
from units import one_row_per_initiative

from dashboard.filters import Filters, apply
from dashboard.matrix import area_matrix
from dashboard.report import report_file_name
from dashboard.report.content import build_report, visible
from dashboard.schema import ACTOR_CODES, AREA_CODES, PHASE_CODES, Col

NOW = datetime(2026, 11, 29, 3, 4, tzinfo=UTC)


def test_areas_follow_the_filter(committed):
    """Chosen areas in plan order; with none chosen, every area that has a matching row."""
    df, meta = committed
    assert [a.code for a in build_report(df, meta, Filters(areas=("hr", "su"))).areas] == ["su", "hr"]
    assert [a.code for a in build_report(df, meta, Filters()).areas] == list(AREA_CODES)
    only = build_report(df, meta, Filters(query="ディープテック"))
    assert {a.code for a in only.areas} == set(apply(df, Filters(query="ディープテック"))[Col.AREA_CODE].astype(str))


def test_cells_are_the_matrix_cells(committed):
    """Every cell holds area_matrix's lines of the filtered rows, in reading order."""
    df, meta = committed
    f = Filters(areas=("mob",), phases=("2025", "2026"))
    r = build_report(df, meta, f)
    (a,) = r.areas
    assert a.phases == ("2025", "2026") and a.actors == ACTOR_CODES
    cells = area_matrix(apply(df, f), "mob")
    for i, actor in enumerate(a.actors):
        for j, phase in enumerate(a.phases):
            got = [(e.kind, e.text, e.level, e.id) for e in a.cells[i][j]]
            assert got == [(ln.kind, ln.text, ln.level, ln.id) for ln in cells[(actor, phase)]]
    assert any(e.kind == "label" for row in a.cells for cell in row for e in cell)  # 【】 blocks of mob


def test_counts_add_up(committed):
    """Area counts by actor × phase and the summary by area × actor count initiatives (an item with its
    sub-items once), as counted independently from the rows."""
    df, meta = committed
    r = build_report(df, meta, Filters())
    units = one_row_per_initiative(df)
    for a, row in zip(r.areas, r.summary.counts, strict=True):
        rows = units[units[Col.AREA_CODE] == a.code]
        for i, actor in enumerate(ACTOR_CODES):
            assert row[i] == int((rows[Col.ACTOR_CODE] == actor).sum())
            for j, phase in enumerate(PHASE_CODES):
                assert a.counts[i][j] == int(((rows[Col.ACTOR_CODE] == actor) & (rows[Col.PHASE_CODE] == phase)).sum())
    assert r.n_items == len(units) == sum(map(sum, r.summary.counts)) < len(df)


def test_cover_and_footer(committed):
    """Title, filter in words, JST time, data version, link and source come from the data."""
    df, meta = committed
    r = build_report(df, meta, Filters(areas=("su",)), link="http://127.0.0.1/matrix?area=su", now=NOW)
    assert r.title == "関西広域産業ビジョン アクションプラン"
    assert ("分野", "スタートアップ") in r.filter_rows
    assert r.created_text == "2026-11-29 12:04 JST"
    assert r.data_version == meta["data_version"] and r.link.endswith("?area=su")
    assert r.source == "出典：関西広域産業ビジョン アクションプラン（2024年7月、関西広域連合 広域産業振興局）"
    en = build_report(df, meta, Filters(areas=("su",)), "en", now=NOW)
    assert en.areas[0].title == "Start-ups" and "July 2024" in en.source and "Union of Kansai Governments" in en.source


def test_badges_and_progress_are_carried(committed):
    """A badge lands on its item only; the progress table keeps the report's areas and NaN as None."""
    df, meta = committed
    rows = df[df[Col.AREA_CODE] == "su"]
    first = rows.sort_values(Col.SEQ)[Col.ID].iloc[0]
    progress = pd.DataFrame({"2024": [40.0, 55.5], "2025": [np.nan, 10.0]}, index=["su", "ls"])
    r = build_report(df, meta, Filters(areas=("su",)), badges={first: "順調"}, progress=progress)
    badged = [e for row in r.areas[0].cells for cell in row for e in cell if e.badge]
    assert [(e.id, e.badge) for e in badged] == [(first, "順調")]
    p = r.summary.progress
    assert p.area_codes == ("su",) and p.phase_codes == ("2024", "2025") and p.values == ((40.0, None),)
    assert build_report(df, meta, Filters(areas=("su",))).summary.progress is None


def test_visible_writes_out_invisible_controls():
    """Bidi overrides and control characters show as [U+XXXX]; ordinary text and newlines stay."""
    assert visible("\u200f右\u202eexe.txt\u202c") == "[U+200F]右[U+202E]exe.txt[U+202C]"
    assert visible("a\x07b\nc") == "a[U+0007]b\nc"
    assert visible("家族👨‍👩‍👧 CO₂") == "家族👨‍👩‍👧 CO₂"


def test_file_name_says_what_it_holds():
    """Filter codes, 'report' and the JST time."""
    name = report_file_name(Filters(areas=("su",), phases=("2026",)), "pdf", NOW)
    assert name == "kansai-action-plan_su_2026_all_report_20261129-1204.pdf"


def test_a_report_of_demo_progress_says_so_on_every_page(committed):
    """With the synthetic sample, the footer (on every page and slide) and the cover say デモデータ."""
    df, meta = committed
    demo = build_report(df, meta, Filters(areas=("su",)), demo=True)
    assert demo.source.startswith("デモデータ（架空の進捗）")
    assert ("進捗", "デモデータ（架空の進捗）") in demo.filter_rows
    plain = build_report(df, meta, Filters(areas=("su",)))
    assert "デモ" not in plain.source and all("デモ" not in v for _, v in plain.filter_rows)
