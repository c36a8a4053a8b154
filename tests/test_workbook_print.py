"""dashboard.workbook printed for real: the full export through LibreOffice Calc to PDF, read back with pypdf.

Needs LibreOffice and a Japanese font (`make test` installs them when run as root: scripts/ensure-office.sh).
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from dashboard import workbook
from dashboard.export import filter_description, jst_text
from dashboard.filters import Filters
from dashboard.i18n import catalogue
from dashboard.schema import AREA_CODES, Col

INSTALL = "bash scripts/ensure-office.sh  (as root; or: apt-get install -y libreoffice-calc-nogui fonts-noto-cjk)"
A4_LANDSCAPE_MM = (297, 210)
EXPORTED_AT = datetime(2026, 12, 1, 9, 0, 54, tzinfo=UTC)
# A printed list page holds at least this many initiatives: a page is ~26 lines of 11-pt text at the
# ~90 % the nine printed columns need, and an initiative takes one to three lines.
MIN_ROWS_PER_PAGE = 10


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def printed(committed, tmp_path_factory) -> tuple[list[str], object, dict]:
    """The whole table exported and printed to PDF by LibreOffice: (page texts, table, page sizes)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail(f"LibreOffice (soffice) is missing; install it with: {INSTALL}")
    df, meta = committed
    out = tmp_path_factory.mktemp("print")
    xlsx = out / "export.xlsx"
    xlsx.write_bytes(
        workbook.to_xlsx_bytes(
            df,
            "ja",
            filter_rows=filter_description(Filters(), "ja"),
            link="https://example.jp/explore",
            exported_at=EXPORTED_AT,
            data_version=str(meta.get("data_version", "")),
            areas_meta=meta["areas"],
            source_title=" ".join(meta["plan"]["title"]),
        )
    )
    profile = (out / "profile").as_uri()  # its own profile: no clash with another LibreOffice running
    run = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(xlsx),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdf = Path(out / "export.pdf")
    assert run.returncode == 0 and pdf.exists(), run.stdout + run.stderr
    reader = PdfReader(pdf)
    sizes = {
        (round(float(p.mediabox.width) / 72 * 25.4), round(float(p.mediabox.height) / 72 * 25.4)) for p in reader.pages
    }
    return [p.extract_text() for p in reader.pages], df, {"sizes": sizes}


def test_every_page_is_a4_landscape(printed):
    """Each printed page is A4 (297 × 210 mm), wider than tall."""
    _, _, info = printed
    assert info["sizes"] == {A4_LANDSCAPE_MM}


def test_each_initiative_prints_on_the_page_of_its_id(printed):
    """Every id prints on exactly one page, and its whole text is on that page (no column strips)."""
    pages, df, _ = printed
    flat = [_flat(p) for p in pages]
    for rid, text in zip(df[Col.ID], df[Col.TEXT], strict=True):
        on = [i for i, p in enumerate(pages) if re.search(rf"(?<![\w-]){re.escape(rid)}(?![\w-])", p)]
        assert len(on) == 1, (rid, on)
        assert _flat(text) in flat[on[0]], (rid, on[0] + 1, text)


def test_list_pages_repeat_the_whole_header_and_carry_the_footer(printed):
    """Every page of 取組一覧 starts with all printed headers uncut; every page says sheet and page n / N."""
    pages, df, _ = printed
    t = catalogue("ja")
    headers = [t(s.key) for s in workbook.rows_sheet_columns(df)][: workbook.printed_column_count(df)]
    sheet = t("export.sheet.rows")
    list_pages = [p for p in pages if _flat(p).startswith(_flat(sheet))]
    assert list_pages
    for p in list_pages:
        assert all(_flat(h) in _flat(p) for h in headers), p[:200]
    for n, p in enumerate(pages, 1):
        assert f"{n} / {len(pages)} ページ" in p, n


def test_filter_sheet_prints_labels_with_their_values(printed):
    """The 条件 sheet is one page holding each label next to its value, the time in JST."""
    pages, df, _ = printed
    t = catalogue("ja")
    last = _flat(pages[-1])
    for label, value in [
        *filter_description(Filters(), "ja"),
        (t("export.meta.exported_at"), jst_text(EXPORTED_AT)),
        (t("export.meta.rows"), str(len(df))),
    ]:
        assert _flat(label) + _flat(value) in last, label


def test_page_count_is_a_handout(printed):
    """≤ 1 page per 10 initiatives of the list, one page per area table, one for 条件 (was 52 pages)."""
    pages, df, _ = printed
    n_areas = len(set(df[Col.AREA_CODE].astype(str)) & set(AREA_CODES))
    bound = math.ceil(len(df) / MIN_ROWS_PER_PAGE) + n_areas + 1
    assert len(pages) <= bound, (len(pages), bound)
