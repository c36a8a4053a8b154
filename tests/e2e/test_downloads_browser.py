"""The explore page's download buttons in Chromium: the files hold exactly the filtered rows.

CSV: UTF-8 with a BOM (Excel reads Japanese), CRLF, the export headers, the filtered ids in order,
Japanese text byte for byte. XLSX: opens in openpyxl, with the row sheet, one document-style sheet
per area present, and the filter sheet whose link is this view's URL with its query.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook

from appharness.browser import goto, no_exceptions
from dashboard import export, workbook
from dashboard.i18n import catalogue
from dashboard.matrix import area_matrix, cell_text
from dashboard.schema import ACTOR_CODES, AREA_BY_CODE, PHASE_CODES, Col, label

from . import expected as E
from .support import console_errors

t = catalogue("ja")
VIEW = "/explore?area=su&phase=2026"  # スタートアップ, 2026～: 9 rows, sub-items included
# The same with a Japanese search (構築: one row of each actor), percent-encoded as the app writes it.
SEARCHED = "/explore?area=su&phase=2026&q=%E6%A7%8B%E7%AF%89"
HEADERS = [
    t(k)
    for k in (
        "export.col.id",
        "export.col.area",
        "export.col.fiscal_year",
        "export.col.phase",
        "export.col.actor",
        "export.col.sub_theme",
        "export.col.level",
        "export.col.parent",
        "export.col.text",
        "export.col.tentative",
        "export.col.page",
        "export.col.instrument_types",
        "export.col.expo_related",
    )
]


def download(page, label: str) -> tuple[str, bytes]:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    d = info.value
    assert d.failure() is None, d.failure()
    return d.suggested_filename, Path(d.path()).read_bytes()


def test_csv_download_holds_exactly_the_shown_rows(app_server, page):
    goto(page, app_server, VIEW)
    df = E.rows(VIEW)
    assert 1 < len(df) < E.total() and (df[Col.LEVEL] == 2).any()
    assert t("explore.rows", n=len(df)) in page.locator('[data-testid="stMain"]').inner_text()
    name, data = download(page, t("explore.download_csv"))
    assert name.startswith("kansai-action-plan_su_2026_all_") and name.endswith(".csv"), name
    assert data.startswith(b"\xef\xbb\xbf"), data[:8]  # UTF-8 BOM: Excel opens it as UTF-8
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # CRLF line ends only
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline="")))
    header, body = rows[0], rows[1:]
    assert header == HEADERS
    col = {h: i for i, h in enumerate(header)}
    assert [r[col[t("export.col.id")]] for r in body] == list(df[Col.ID])  # the shown rows, in order
    assert [r[col[t("export.col.text")]] for r in body] == list(df[Col.TEXT])  # Japanese intact
    assert {r[col[t("export.col.area")]] for r in body} == {AREA_BY_CODE["su"].ja}
    assert {r[col[t("export.col.fiscal_year")]] for r in body} == {"2026～"}
    parents = {
        r[col[t("export.col.parent")]] for r in body if r[col[t("export.col.level")]] == t("export.level.sub_item")
    }
    assert parents == set(df.loc[df[Col.LEVEL] == 2, Col.PARENT_TEXT])
    assert no_exceptions(page) == [] and console_errors(page) == []


def test_xlsx_download_has_rows_area_sheets_and_the_filter(app_server, page):
    goto(page, app_server, SEARCHED)
    df = E.rows(SEARCHED)
    assert set(df[Col.ACTOR_CODE].astype(str)) == set(ACTOR_CODES)
    name, data = download(page, t("explore.download_xlsx"))
    assert name.endswith(".xlsx"), name
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == [t("export.sheet.rows"), AREA_BY_CODE["su"].ja, t("export.sheet.filter")]

    ws = wb[t("export.sheet.rows")]
    values = list(ws.iter_rows(values_only=True))
    sheet_headers = [t(s.key) for s in workbook.rows_sheet_columns(df)]  # the printed columns first
    assert list(values[0]) == sheet_headers and sorted(sheet_headers) == sorted(HEADERS)
    assert [r[0] for r in values[1:]] == list(df[Col.ID])
    assert [r[sheet_headers.index(t("export.col.text"))] for r in values[1:]] == list(df[Col.TEXT])

    ws = wb[AREA_BY_CODE["su"].ja]
    assert ws.cell(1, 1).value == AREA_BY_CODE["su"].ja
    assert [ws.cell(workbook.MATRIX_HEADER_ROW, 2 + j).value for j in range(len(PHASE_CODES))] == [
        workbook.phase_header(p, "ja") for p in PHASE_CODES
    ]
    cells = area_matrix(df, "su")
    for i, actor in enumerate(ACTOR_CODES):
        for j, phase in enumerate(PHASE_CODES):
            got = ws.cell(workbook.MATRIX_FIRST_ACTOR_ROW + i, 2 + j).value or ""
            assert got == cell_text(cells[(actor, phase)]), (actor, phase)
    in_2026 = " ".join(str(ws.cell(workbook.MATRIX_FIRST_ACTOR_ROW + i, 4).value or "") for i in range(2))
    for text in df[Col.TEXT]:
        assert text in in_2026

    ws = wb[t("export.sheet.filter")]
    meta = {ws.cell(r, 1).value: ws.cell(r, 2) for r in range(2, ws.max_row + 1)}
    link = meta[t("export.meta.link")]
    assert link.value == f"{app_server}{SEARCHED}"  # the view's URL with its query (percent-encoded)
    assert link.hyperlink is not None and link.hyperlink.target == link.value
    assert meta[t("export.meta.rows")].value == len(df)
    assert meta[t("export.col.area")].value == AREA_BY_CODE["su"].ja
    assert meta[t("export.filter.query")].value == "構築"
    assert no_exceptions(page) == [] and console_errors(page) == []


# ?area=su&actor=members (all 19 rows), + expo=1 (the Expo-related rows), + instrument=matching (of those,
# the matching ones): three different files that must say so in their names and their 条件 sheets.
THREE_VIEWS = [
    "/explore?area=su&actor=members",
    "/explore?area=su&actor=members&expo=1",
    "/explore?area=su&actor=members&instrument=matching&expo=1",
]


def test_xlsx_names_and_filter_sheets_tell_three_filters_apart(app_server, page):
    """Downloaded through the button: three names, each naming expo / instrument, the time in JST."""
    names = []
    for view in THREE_VIEWS:
        goto(page, app_server, view)
        df = E.rows(view)
        before = datetime.now(UTC)
        name, data = download(page, t("explore.download_xlsx"))
        names.append(name)
        stamp = re.fullmatch(r"kansai-action-plan_[a-z0-9_.-]+_(\d{8}-\d{4})\.xlsx", name)
        assert stamp, name
        jst = [(before + timedelta(minutes=m)).astimezone(export.JST).strftime("%Y%m%d-%H%M") for m in (-1, 0, 1)]
        assert stamp.group(1) in jst, (name, jst)  # Japan time, not the server clock's UTC
        sheet = load_workbook(io.BytesIO(data))[t("export.sheet.filter")]
        pairs = {sheet.cell(r, 1).value: sheet.cell(r, 2).value for r in range(2, sheet.max_row + 1)}
        assert pairs[t("export.meta.rows")] == len(df)
        assert pairs[t("filter.expo")] == (t("filter.expo.yes") if "expo=1" in view else t("export.filter.all"))
        matching = t("export.filter.any_of", items=label("instrument", "matching", "ja"))
        assert pairs[t("filter.instrument")] == (matching if "instrument=" in view else t("export.filter.all"))
        assert pairs[t("export.meta.exported_at")].endswith(" JST")
    assert [len(E.rows(v)) for v in THREE_VIEWS] == [19, 3, 2]
    assert [n.rsplit("_", 1)[0] for n in names] == [
        "kansai-action-plan_su_all_members",
        "kansai-action-plan_su_all_members_expo",
        "kansai-action-plan_su_all_members_inst-matching_expo",
    ]
    assert no_exceptions(page) == [] and console_errors(page) == []
