"""The label vocabulary: one label per code, the same wherever users read it."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from dashboard import charts, workbook
from dashboard.paths import ROOT
from dashboard.schema import (
    ACTORS,
    AREAS,
    INSTRUMENT_TYPES,
    PHASE_BY_CODE,
    PHASE_CODES,
    PHASES,
    SUB_THEMES,
    VOCABULARY,
    label,
)

EXPECTED_PHASES = {
    "ja": ["2024 現状", "2025 万博開催", "2026～ 万博後"],
    "en": ["2024 Current", "2025 Expo year", "2026– After the Expo"],
}


def test_phase_labels_name_the_fiscal_year_and_the_phase():
    """Long labels carry the plan's year header and the phase name; short ones the name alone; ticks break the line."""
    assert [p.label("ja") for p in PHASES] == EXPECTED_PHASES["ja"]
    assert [p.label("en") for p in PHASES] == EXPECTED_PHASES["en"]
    assert [p.label("ja", short=True) for p in PHASES] == [p.ja for p in PHASES]
    assert PHASE_BY_CODE["2026"].tick("ja") == "2026～<br>万博後"


def test_every_code_has_distinct_labels_in_both_languages():
    """Within a dimension no two codes share a label (long or short), in ja or en."""
    for kind, cats in VOCABULARY.items():
        for lang in ("ja", "en"):
            for short in (False, True):
                labels = [label(kind, c, lang, short) for c in cats]
                assert all(labels) and len(set(labels)) == len(labels), (kind, lang, short, labels)


def test_short_labels_fall_back_to_the_long_ones():
    """A category without a short form shows its long label where a short one is asked for."""
    for cat in (*AREAS, *SUB_THEMES, *INSTRUMENT_TYPES):
        if not cat.ja_short:
            assert cat.label("ja", short=True) == cat.ja
    assert ACTORS[0].label("en", short=True) == "Union" and ACTORS[0].label("ja", short=True) == "関西広域連合"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_sidebar_matrix_chart_and_export_show_the_same_phase_labels(lang, committed):
    """The sidebar's 時期 pills, the matrix header, the heatmap's axis and the workbook's matrix sheet agree."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/matrix.py").run()
    assert not at.exception
    sidebar = list(at.button_group(key="w_phase").options)  # as drawn (formatted)
    markdown = [m.value for m in at.markdown]
    # The matrix header, then (for a phone, where the columns stack) each cell's own phase label.
    header = [m.strip("*") for m in markdown if m.strip("*") in EXPECTED_PHASES[lang]][:3]

    df, meta = committed
    axis = [t.replace("<br>", " ") for t in charts.fig_heatmap(df, lang).data[0].x]
    book = load_workbook(
        io.BytesIO(
            workbook.to_xlsx_bytes(
                df,
                lang,
                filter_rows=[],
                link="",
                exported_at=datetime(2026, 12, 1, tzinfo=UTC),
                data_version="t",
                areas_meta=meta["areas"],
            )
        )
    )
    sheet = book.worksheets[1]  # the first area's document-style sheet
    cells = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    in_sheet = [v for v in cells if v in EXPECTED_PHASES[lang]]

    assert sidebar == EXPECTED_PHASES[lang]
    assert header == EXPECTED_PHASES[lang]
    assert axis == EXPECTED_PHASES[lang]
    assert in_sheet == EXPECTED_PHASES[lang]
    assert [label("phase", c, lang) for c in PHASE_CODES] == EXPECTED_PHASES[lang]
