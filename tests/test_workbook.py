"""dashboard.workbook: the XLSX export (rows, one document-style sheet per area, the filter), formula-free."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime

import openpyxl
import pandas as pd
import pytest
from tables import EXPORT_TIME, FORMULA_STARTS, prefixed_table, read_csv_bytes, sample_table, text_row, text_table

from dashboard import export, workbook
from dashboard.export import (
    export_frame,
    filter_description,
    safe_text,
    to_csv_bytes,
)
from dashboard.filters import Filters, apply
from dashboard.i18n import MESSAGES, catalogue
from dashboard.schema import (
    ACTOR_BY_CODE,
    ACTOR_CODES,
    AREA_BY_CODE,
    AREAS,
    FISCAL_YEAR_LABELS,
    PHASE_BY_CODE,
    PHASE_CODES,
    Col,
)
from dashboard.workbook import (
    MATRIX_FIRST_ACTOR_ROW,
    MATRIX_HEADER_ROW,
    MATRIX_THEME_ROW,
    MATRIX_TITLE_ROW,
    MATRIX_VISION_ROW,
    sheet_title,
    to_xlsx_bytes,
)


@pytest.fixture
def small() -> pd.DataFrame:
    """Two areas, a sub-item, a 【】 block, items out of order within a cell."""
    return sample_table()


def _xlsx(df: pd.DataFrame, lang: str = "ja", f: Filters | None = None, **kw) -> bytes:
    args = {
        "filter_rows": filter_description(f or Filters(), lang),
        "link": "https://example.jp/explore?area=su",
        "exported_at": EXPORT_TIME,
        "data_version": "abc123def456",
        "areas_meta": [],
        "source_title": "関西広域産業ビジョン アクションプラン",
    }
    args.update(kw)
    return to_xlsx_bytes(df, lang, **args)


def _sheet_frame(df: pd.DataFrame, lang: str = "ja") -> pd.DataFrame:
    """export_frame in the rows sheet's column order (printed columns first)."""
    t = catalogue(lang)
    return export_frame(df, lang)[[t(s.key) for s in workbook.rows_sheet_columns(df)]]


def _open(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _sheet_rows(ws) -> list[list]:
    return [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]


def _expected_rows(df: pd.DataFrame, lang: str = "ja") -> list[list]:
    frame = _sheet_frame(df, lang)
    body = [[safe_text(v) if isinstance(v, str) else v for v in row] for row in frame.itertuples(index=False)]
    return [[safe_text(h) for h in frame.columns], *body]


def test_xlsx_rows_sheet_equals_export_frame(committed):
    """Sheet 1 holds the export_frame rows (headers included) cell for cell, every column, printed ones first."""
    df, meta = committed
    wb = _open(_xlsx(df, areas_meta=meta["areas"]))
    ws = wb.worksheets[0]
    assert ws.title == "取組一覧"
    assert _sheet_rows(ws) == _expected_rows(df)
    assert sorted(_sheet_rows(ws)[0]) == sorted(export_frame(df).columns)


def test_xlsx_rows_sheet_layout(small):
    """Bold frozen header with an autofilter; widths set; wide wrapped text column."""
    ws = _open(_xlsx(small)).worksheets[0]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:K{len(small) + 1}"
    assert all(c.font.bold for c in ws[1])
    widths = {ws.cell(1, j).value: ws.column_dimensions[ws.cell(1, j).column_letter].width for j in range(1, 12)}
    assert widths["取組内容"] == max(widths.values())
    assert all(w and w > 5 for w in widths.values())
    text_col = [c.value for c in ws[1]].index("取組内容") + 1
    assert ws.cell(2, text_col).alignment.wrap_text


def test_xlsx_sub_items_are_indented_with_exact_text(small):
    """Sub-item text cells carry an indent; their text is not changed."""
    ws = _open(_xlsx(small)).worksheets[0]
    header = [c.value for c in ws[1]]
    id_col, text_col = header.index("ID") + 1, header.index("取組内容") + 1
    indents = {ws.cell(r, id_col).value: ws.cell(r, text_col).alignment.indent for r in range(2, ws.max_row + 1)}
    assert indents["su-2026-members-01-1"] == 2
    assert indents["su-2026-members-01"] == 0
    texts = {ws.cell(r, id_col).value: ws.cell(r, text_col).value for r in range(2, ws.max_row + 1)}
    assert texts["su-2026-members-01-1"] == "子の取組"


def test_xlsx_english_sheets_and_headers(small):
    """lang="en": English sheet names and headers."""
    wb = _open(_xlsx(small, "en"))
    assert wb.sheetnames == ["Initiatives", AREA_BY_CODE["mob"].en, AREA_BY_CODE["su"].en, "Filter"]
    assert wb.worksheets[0]["B1"].value == "Area"


# --------------------------------------------------------------------------- XLSX: area sheets


def _expected_cell_items(df: pd.DataFrame) -> dict[tuple[str, str, str], list[str]]:
    """(area, actor, phase) → item texts in reading order, by a plain groupby."""
    out = {}
    for (area, actor, phase), g in df.groupby([Col.AREA_CODE, Col.ACTOR_CODE, Col.PHASE_CODE], observed=True):
        out[(area, actor, phase)] = g.sort_values(Col.ORDER)[Col.TEXT].tolist()
    return out


def _cell_items(value) -> list[str]:
    """Item texts of a matrix cell: bullets stripped, 【】 labels dropped."""
    lines = [] if value is None else str(value).split("\n")
    return [re.sub(r"^(・|　▶ )", "", ln) for ln in lines if not ln.startswith("【")]


@pytest.mark.parametrize("areas", [(), ("mob", "su"), ("hr",)])
def test_xlsx_one_matrix_sheet_per_area_with_items_in_their_cells(committed, areas):
    """Each area present gets a sheet; each actor × phase cell holds exactly its items."""
    df, meta = committed
    rows = apply(df, Filters(areas=areas))
    wb = _open(_xlsx(rows, areas_meta=meta["areas"]))
    present = [a for a in AREAS if a.code in set(rows[Col.AREA_CODE])]
    assert wb.sheetnames == ["取組一覧", *[a.ja for a in present], "条件"]
    expected = _expected_cell_items(rows)
    for area in present:
        ws = wb[area.ja]
        assert ws[f"A{MATRIX_TITLE_ROW}"].value == area.ja
        info = next(a for a in meta["areas"] if a["code"] == area.code)
        assert ws[f"B{MATRIX_VISION_ROW}"].value.startswith(info["vision"])
        for j, phase in enumerate(PHASE_CODES, 2):
            assert ws.cell(MATRIX_HEADER_ROW, j).value == f"{FISCAL_YEAR_LABELS[phase]} {PHASE_BY_CODE[phase].ja}"
            assert ws.cell(MATRIX_THEME_ROW, j).value == info["themes"][phase]
        for i, actor in enumerate(ACTOR_CODES, MATRIX_FIRST_ACTOR_ROW):
            assert ws.cell(i, 1).value.startswith(ACTOR_BY_CODE[actor].ja)
            for j, phase in enumerate(PHASE_CODES, 2):
                got = _cell_items(ws.cell(i, j).value)
                assert got == expected.get((area.code, actor, phase), []), (area.code, actor, phase)


def test_xlsx_matrix_sheet_marks_labels_and_sub_items(committed):
    """【】 block labels and sub-items (　▶ ) appear in cells; rows are tall enough and wrapped."""
    df, meta = committed
    wb = _open(_xlsx(df, areas_meta=meta["areas"]))
    mob = wb[AREA_BY_CODE["mob"].ja]
    assert mob.cell(MATRIX_FIRST_ACTOR_ROW, 2).value.startswith("【空飛ぶクルマ】\n・")
    cn = wb[AREA_BY_CODE["cn"].ja]
    members_2026 = cn.cell(MATRIX_FIRST_ACTOR_ROW + 1, 4)
    assert "\n　▶ " in members_2026.value
    assert members_2026.alignment.wrap_text
    n_lines = members_2026.value.count("\n") + 1
    assert cn.row_dimensions[MATRIX_FIRST_ACTOR_ROW + 1].height >= 15 * n_lines
    assert cn.column_dimensions["B"].width == workbook.MATRIX_COLUMN_WIDTH


def test_xlsx_matrix_falls_back_to_row_data_without_metadata(small):
    """Without area metadata, the vision and themes come from the rows."""
    ws = _open(_xlsx(small, areas_meta=[]))[AREA_BY_CODE["su"].ja]
    assert ws[f"B{MATRIX_VISION_ROW}"].value == "su のありたい姿"
    assert ws.cell(MATRIX_THEME_ROW, 2).value == "su-2024 のテーマ"
    assert _cell_items(ws.cell(MATRIX_FIRST_ACTOR_ROW, 2).value) == ["最初の取組「Expo」", "二番目の取組"]
    assert _cell_items(ws.cell(MATRIX_FIRST_ACTOR_ROW + 1, 4).value) == ["親の取組", "子の取組"]


# --------------------------------------------------------------------------- XLSX: filter sheet


def test_xlsx_filter_sheet_holds_filter_link_time_version(small):
    """The filter pairs, the link (plain text), the ISO time, the version, row count and source."""
    f = Filters(areas=("su",), phases=("2026",), query="万博")
    ws = _open(_xlsx(small, f=f))["条件"]
    pairs = {r[0]: r[1] for r in _sheet_rows(ws)}
    assert pairs["分野"] == "スタートアップ"
    assert pairs["時期"] == "2026～ 万博後"
    assert pairs["実施主体"] == "すべて"
    assert pairs["検索語"] == "万博"
    assert pairs["下位項目"] == "含む"
    assert pairs["この表示へのリンク"] == "https://example.jp/explore?area=su"
    assert pairs["出力日時"] == "2026-11-29 12:03:45 JST"
    assert pairs["データ版"] == "abc123def456"
    assert pairs["件数"] == len(small)
    assert pairs["出典"] == "関西広域産業ビジョン アクションプラン"
    link_cell = next(r[1] for r in ws.iter_rows() if r[0].value == "この表示へのリンク")
    assert link_cell.data_type == "s"
    assert link_cell.hyperlink is not None and link_cell.hyperlink.target == "https://example.jp/explore?area=su"


def test_xlsx_filter_sheet_no_hyperlink_for_other_schemes(small):
    """Only http(s) links become clickable; anything else stays plain text."""
    ws = _open(_xlsx(small, link="javascript:alert(1)"))["条件"]
    cell = next(r[1] for r in ws.iter_rows() if r[0].value == "この表示へのリンク")
    assert cell.value == "javascript:alert(1)" and cell.hyperlink is None


def test_xlsx_export_time_is_jst_whatever_the_server_zone(small, monkeypatch):
    """A UTC time, aware or naive on a UTC machine, is written in Japan time (the server said +00:00)."""
    import time

    ws = _open(_xlsx(small, exported_at=datetime(2026, 12, 1, 9, 0, 54, tzinfo=UTC)))["条件"]
    assert next(r[1] for r in _sheet_rows(ws) if r[0] == "出力日時") == "2026-12-01 18:00:54 JST"
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        ws = _open(_xlsx(small, exported_at=datetime(2026, 1, 2, 3, 4, 5)))["条件"]
    finally:
        monkeypatch.undo()
        time.tzset()
    assert next(r[1] for r in _sheet_rows(ws) if r[0] == "出力日時") == "2026-01-02 12:04:05 JST"


# --------------------------------------------------------------------------- formula safety


@pytest.mark.parametrize("prefix", FORMULA_STARTS)
def test_xlsx_neutralises_formulas_everywhere(prefix):
    """Rows, filter pairs and a hostile search text all start with ' in the workbook."""
    df = prefixed_table([prefix])
    f = Filters(query=prefix + "cmd|' /C calc'!A0")
    data = _xlsx(df, f=f, filter_rows=[*filter_description(f), (prefix + "key", prefix + "value")])
    wb = _open(data)
    # Text survives exactly, a leading CR too (openpyxl writes it as &#13; with lxml, which python-pptx brings).
    rows = _sheet_rows(wb.worksheets[0])
    assert rows[1][rows[0].index("取組内容")] == "'" + prefix + "危険"
    pairs = {r[0]: r[1] for r in _sheet_rows(wb["条件"])}
    assert pairs["検索語"] == "'" + f.query
    assert pairs["'" + prefix + "key"] == "'" + prefix + "value"
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(export.FORMULA_PREFIXES), (ws.title, cell.coordinate)


def test_workbook_has_no_formula_cells(committed):
    """Scan every cell of every sheet (and the raw XML): no formulas at all."""
    df, meta = committed
    hostile = pd.concat([df, prefixed_table(FORMULA_STARTS)], ignore_index=True)
    f = Filters(query='=HYPERLINK("http://evil","x")')
    data = _xlsx(hostile, f=f, areas_meta=meta["areas"], link="=cmd")
    wb = _open(data)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<(\w+:)?f[ >/]", z.read(name)), name


def test_string_cells_are_forced_to_text_even_without_a_prefix_rule(small, monkeypatch):
    """With neutralisation switched off, "=..." still lands as a string cell, not a formula."""
    monkeypatch.setattr(export, "FORMULA_PREFIXES", ("\0never",))
    data = _xlsx(prefixed_table(["="]))
    cell = _open(data).worksheets[0]["E2"]  # 取組内容
    assert cell.value == "=危険" and cell.data_type == "s"


def test_illegal_xml_characters_are_replaced_not_fatal():
    """Control characters, U+FFFF and (in the search text) lone surrogates become U+FFFD."""
    text = "a\x00b\x07c\x1fd\x0be\uffff"
    df = text_table([text_row("su-2024-union-01", text)])
    f = Filters(query="q\x01\ud800")
    wb = _open(_xlsx(df, f=f, filter_rows=filter_description(f)))
    assert wb.worksheets[0]["E2"].value == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd"
    assert wb[AREA_BY_CODE["su"].ja].cell(MATRIX_FIRST_ACTOR_ROW, 2).value == "・a\ufffdb\ufffdc\ufffdd\ufffde\ufffd"
    assert {r[0]: r[1] for r in _sheet_rows(wb["条件"])}["検索語"] == "q\ufffd\ufffd"
    back = read_csv_bytes(to_csv_bytes(df))
    assert back.loc[0, "取組内容"] == "a\ufffdb\ufffdc\ufffdd\ufffde\ufffd"


def test_sheet_titles_are_sanitised_and_unique():
    """≤ 31 characters, none of []:*?/\\, no clash with sheets already there."""
    title = sheet_title("a[b]:c*d?e/f\\g" + "x" * 40)
    assert len(title) <= 31 and not re.search(r"[\[\]:*?/\\]", title)
    assert sheet_title("条件", ["条件"]) == "条件 (2)"
    assert sheet_title("Filter", ["filter"]) == "Filter (2)"
    assert sheet_title("'") == "Sheet"


def test_empty_frame_exports_header_only(small):
    """No rows: both files are valid; the rows sheet has just the header and no area sheets."""
    empty = small.iloc[0:0]
    wb = _open(_xlsx(empty))
    assert wb.sheetnames == ["取組一覧", "条件"]
    assert _sheet_rows(wb.worksheets[0]) == [list(_sheet_frame(small).columns)]
    assert {r[0]: r[1] for r in _sheet_rows(wb["条件"])}["件数"] == 0


def test_exports_read_the_same_with_repeated_texts_as_categoricals(committed):
    """The served table holds REPEATED_TEXT as categoricals: CSV and every sheet are unchanged."""
    from dashboard.schema import REPEATED_TEXT

    df, _ = committed
    cats = df.copy()
    for col in REPEATED_TEXT:
        cats[col] = cats[col].astype("category")
    assert to_csv_bytes(cats) == to_csv_bytes(df)
    for rows in (df, df[df[Col.AREA_CODE] == "su"]):
        plain, coded = _open(_xlsx(rows)), _open(_xlsx(cats.loc[rows.index]))
        assert plain.sheetnames == coded.sheetnames
        for name in plain.sheetnames:
            assert _sheet_rows(coded[name]) == _sheet_rows(plain[name]), name


# --------------------------------------------------------------------------- every filter, printing


def test_xlsx_filter_sheet_lists_expo_and_instrument(committed):
    """?area=su&actor=members&expo=1&instrument=matching: 施策手法 and 万博との関連 are in 条件."""
    df, meta = committed
    f = Filters(areas=("su",), actors=("members",), expo=True, instruments=("matching",))
    rows = apply(df, f)
    pairs = {r[0]: r[1] for r in _sheet_rows(_open(_xlsx(rows, f=f, areas_meta=meta["areas"]))["条件"])}
    assert pairs["施策手法"] == "交流・マッチング（いずれかに該当）"
    assert pairs["万博との関連"] == "関連あり"
    assert pairs["件数"] == len(rows) == 2
    header = _sheet_rows(_open(_xlsx(rows, f=f, areas_meta=meta["areas"])).worksheets[0])[0]
    assert MESSAGES["filter.instrument"]["ja"] in header and "政策手段" not in header


def _print_area(ws) -> str:
    return ws.print_area.split("!")[-1].replace("$", "")


def test_xlsx_every_sheet_prints_a4_landscape_one_page_wide(committed):
    """Print area, A4 landscape, fit to one page wide (any height), repeated header, footer with sheet and page."""
    df, meta = committed
    wb = _open(_xlsx(df, areas_meta=meta["areas"]))
    titles = {"取組一覧": "1:1", "条件": "1:1"} | {a.ja: f"{MATRIX_HEADER_ROW}:{MATRIX_HEADER_ROW}" for a in AREAS}
    assert set(wb.sheetnames) == set(titles)
    for ws in wb.worksheets:
        assert ws.print_area, ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4) == 9, ws.title
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows.replace("$", "") == titles[ws.title], ws.title
        assert ws.oddFooter.left.text == "&A" and "&P" in ws.oddFooter.right.text and "&N" in ws.oddFooter.right.text
    assert _print_area(wb["条件"]) == f"A1:B{wb['条件'].max_row}"  # labels and values together
    assert _print_area(wb["取組一覧"]) == f"A1:I{len(df) + 1}"


def test_xlsx_rows_sheet_prints_the_reading_columns_first(committed):
    """The printed block is ID, area, phase, actor, text, parent, instruments, Expo, page; the rest follow it."""
    df, _ = committed
    ws = _open(_xlsx(df)).worksheets[0]
    header = [c.value for c in ws[1]]
    printed = header[: workbook.printed_column_count(df)]
    assert printed == ["ID", "分野", "時期", "実施主体", "取組内容", "親項目", "施策手法", "万博との関連", "掲載ページ"]
    assert header[len(printed) :] == ["年度", "サブテーマ", "階層", "検討段階を含む列"]
    width = sum(ws.column_dimensions[c.column_letter].width for c in ws[1][: len(printed)])
    assert width <= 170  # one A4 landscape page wide at no less than ~85 %


def test_xlsx_cells_wrap_and_rows_are_tall_enough(committed):
    """Every printed cell wraps (but an area's one-line title and note); each row is as tall as its longest text."""
    df, meta = committed
    wb = _open(_xlsx(df, areas_meta=meta["areas"]))
    for ws in wb.worksheets:
        for row in ws[_print_area(ws)]:
            for cell in row:
                title_or_note = ws.title in {a.ja for a in AREAS} and cell.row in (MATRIX_TITLE_ROW, ws.max_row)
                if isinstance(cell.value, str) and not title_or_note:
                    assert cell.alignment.wrap_text, (ws.title, cell.coordinate)
    ws = wb["取組一覧"]
    for r in range(1, ws.max_row + 1):
        need = max(
            workbook._line_count(str(c.value), ws.column_dimensions[c.column_letter].width)
            for c in ws[r]
            if c.value is not None
        )
        assert ws.row_dimensions[r].height >= workbook.LINE_HEIGHT_PT * need, r
    assert ws.row_dimensions[1].height >= 2 * workbook.LINE_HEIGHT_PT  # 「検討段階を含む列」 takes two lines


def test_line_estimate_breaks_japanese_anywhere_and_english_between_words():
    """Row heights come from this estimate: Japanese fills lines glyph by glyph, English word by word."""
    assert workbook._line_count("関西広域連合", 15) == 1  # 6 × 2.2 = 13.2 units in 14
    assert workbook._line_count("関西広域連合", 13) == 2
    assert workbook._line_count("Union of Kansai Governments", 11) == 3  # Union of / Kansai / Governments
    assert workbook._line_count("x" * 40, 10) == 4  # a word wider than the column is broken anywhere
    assert workbook._line_count("一行目\n二行目", 40) == 2 and workbook._line_count("", 5) == 1
