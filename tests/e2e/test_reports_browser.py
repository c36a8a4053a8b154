"""The briefing-report buttons in Chromium: /matrix?area=su gives a PDF and a PowerPoint of that view."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pptx import Presentation
from pypdf import PdfReader

from appharness.browser import goto, no_exceptions
from dashboard.i18n import catalogue
from dashboard.schema import Col

from . import expected as E
from .support import console_errors

t = catalogue("ja")
VIEW = "/matrix?area=su"


def download(page, label: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    d = info.value
    assert d.failure() is None, d.failure()
    return d.suggested_filename, Path(d.path()).read_bytes()


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_matrix_page_gives_a_pdf_and_a_pptx_of_its_view(app_server, page):
    """Both buttons download files named for the view; the PDF is A4 landscape with every item's text, the
    PowerPoint has a title, one slide for スタートアップ and a summary."""
    goto(page, app_server, VIEW)
    rows = E.rows(VIEW)
    assert len(rows) > 0 and set(rows[Col.AREA_CODE].astype(str)) == {"su"}

    name, data = download(page, t("report.button_pdf"))
    assert re.fullmatch(r"kansai-action-plan_su_all_all_report_\d{8}-\d{4}\.pdf", name), name
    pdf = PdfReader(io.BytesIO(data))
    for p in pdf.pages:
        assert (round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) == (841.9, 595.3)
    text = _flat("".join(p.extract_text() for p in pdf.pages))
    missing = [s for s in rows[Col.TEXT] if _flat(s) not in text]
    assert not missing, missing[:3]

    name, data = download(page, t("report.button_pptx"))
    assert re.fullmatch(r"kansai-action-plan_su_all_all_report_\d{8}-\d{4}\.pptx", name), name
    deck = Presentation(io.BytesIO(data))
    assert len(deck.slides) == 3  # title, スタートアップ, summary
    slide_text = " ".join(shape.text_frame.text for shape in deck.slides[1].shapes if shape.has_text_frame) + " ".join(
        cell.text
        for shape in deck.slides[1].shapes
        if shape.has_table
        for row in shape.table.rows
        for cell in row.cells
    )
    assert "スタートアップ" in slide_text
    assert not no_exceptions(page) and not console_errors(page)
