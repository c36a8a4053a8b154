"""The PDF read back with pypdf: A4 landscape, text in reading order, fonts embedded, nothing off the page."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import numpy as np
import pandas as pd
import pytest
from hostile import HOSTILE_TEXTS, hostile_frame
from pypdf import PdfReader
from report_read import A4_LANDSCAPE, em_width, long_item_table, pdf_pages, pdf_text, squash

from dashboard.filters import Filters, apply
from dashboard.report import render
from dashboard.report.content import visible
from dashboard.schema import ACTOR_CODES, AREA_CODES, PHASE_CODES, Col

NOW = datetime(2026, 11, 29, 3, 4, tzinfo=UTC)


@pytest.fixture(scope="module")
def all_areas(committed) -> bytes:
    df, meta = committed
    return render(df, meta, Filters(), "ja", "pdf", link="http://127.0.0.1:8501/matrix", now=NOW)[0]


def _reading_order(df: pd.DataFrame, f: Filters) -> list[str]:
    rows = apply(df, f)
    out = []
    for area in AREA_CODES:
        for actor in ACTOR_CODES:
            for phase in PHASE_CODES:
                cell = rows[
                    (rows[Col.AREA_CODE] == area) & (rows[Col.ACTOR_CODE] == actor) & (rows[Col.PHASE_CODE] == phase)
                ]
                out += cell.sort_values(Col.ORDER)[Col.TEXT].tolist()
    return out


def test_every_page_is_a4_landscape(all_areas):
    """Each page's media box is 842 × 595 pt."""
    pages = PdfReader(io.BytesIO(all_areas)).pages
    assert len(pages) >= 8  # cover, six areas, summary
    for page in pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4_LANDSCAPE, abs=0.5)


@pytest.mark.parametrize(
    "f", [Filters(), Filters(areas=("su",)), Filters(areas=("mob",), phases=("2026",), actors=("members",))]
)
def test_every_initiative_in_reading_order(committed, f):
    """Each filtered initiative's text occurs whole, after the one before it (area, actor, phase, order)."""
    df, meta = committed
    text = pdf_text(render(df, meta, f, "ja", "pdf", now=NOW)[0])
    expected = _reading_order(df, f)
    assert len(expected) == len(apply(df, f)) > 0
    pos = 0
    for item in expected:
        found = text.find(squash(visible(item)), pos)
        assert found >= 0, item
        pos = found + 1


def test_every_font_is_embedded(all_areas):
    """No font is referenced by name only: each has an embedded font file."""
    seen = set()
    for page in PdfReader(io.BytesIO(all_areas)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
            assert any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            seen.add(str(font["/BaseFont"]))
    assert any("IPAexGothic" in name for name in seen)


def test_no_text_outside_the_page(all_areas):
    """Every text run starts inside the page and its estimated width ends inside it too."""
    w, h = A4_LANDSCAPE
    runs = [r for _, page in pdf_pages(all_areas) for r in page]
    assert len(runs) > 300
    for r in runs:
        assert 0 <= r.x and r.x + em_width(r.text.strip()) * r.size * 0.95 <= w, r
        assert 0 <= r.y <= h - r.size, r


def test_a_5000_character_item_wraps_onto_further_pages():
    """Every piece of a 5,000-character item appears once, in order, over several pages under a repeated header."""
    long = "".join(f"〔{i:04d}〕" for i in range(1, 900))[:5000]
    df, meta = long_item_table(long)
    pages = pdf_pages(render(df, meta, Filters(), "ja", "pdf", now=NOW)[0])
    seen, with_long = [], []
    for n, (text, _) in enumerate(pages):
        marks = [int(m) for m in re.findall(r"〔(\d{4})〕", squash(text))]
        if marks:
            with_long.append(n)
            assert "2024現状" in squash(text), n  # the table header is on every page of the table
        seen += marks
    expected = [int(m) for m in re.findall(r"〔(\d{4})〕", long)]
    assert seen == expected
    assert len(with_long) >= 3 and with_long == list(range(with_long[0], with_long[-1] + 1))
    assert all("（続き）" in pages[n][0] for n in with_long[1:])
    assert squash("text su-2025-union-01") in "".join(squash(t) for t, _ in pages)  # the other cells are all there


def test_hostile_text_stays_literal(committed):
    """Formulas, markup and markdown print as typed; bidi and control characters show as [U+XXXX]."""
    df, meta = hostile_frame(*committed)
    text = pdf_text(render(df, meta, Filters(), "ja", "pdf", now=NOW)[0])
    for name in ("formula_hyperlink", "script", "img_onerror", "js_link", "md_syntax", "formula_plus", "formula_at"):
        assert squash(HOSTILE_TEXTS[name]) in text, name
    assert squash("[U+200F]右から左[U+202E]exe.txt[U+202C]の取組") in text
    assert "制御文字:[U+0000][U+0001]" in text
    assert squash(HOSTILE_TEXTS["long"])[:400] in text


def test_badges_and_progress_print(committed):
    """Given badges and a progress table, the PDF shows each badge and each mean %."""
    df, meta = committed
    first = df[df[Col.AREA_CODE] == "su"].sort_values(Col.SEQ)[Col.ID].iloc[0]
    progress = pd.DataFrame({"2024": [42.0], "2025": [np.nan], "2026": [87.4]}, index=["su"])
    text = pdf_text(
        render(df, meta, Filters(areas=("su",)), "ja", "pdf", badges={first: "遅延あり"}, progress=progress)[0]
    )
    assert "状況：遅延あり" in text
    assert "平均進捗率" in text and "42%" in text and "87%" in text
