"""Import of hostile and broken files: each gets a clear `sheet!cell: message` and nothing is written."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from progress_support import MEMBERS_ID, PLAN, UNION_ID, write_csv

from dashboard.progress import FileRejected, User, import_file, open_store
from dashboard.progress.importer import MAX_ROWS, parse_sheet, read_sheet
from dashboard.schema import PCol

BY = User.system("tester")
OK_ROW = {"id": MEMBERS_ID, "fiscal_year": "2025", "organisation": "hyogo", "status": "実施中", "achievement": "ok"}


@pytest.fixture
def store(tmp_path):
    return open_store(f"sqlite:///{tmp_path / 'p.sqlite3'}")


def _rejected(store, path, lang="ja") -> list[str]:
    """The messages of a rejected import (and check nothing was written)."""
    with pytest.raises(FileRejected) as err:
        import_file(store, path, PLAN, BY)
    assert store.counts() == {"records": 0, "history": 0}
    text = err.value.message(lang)
    assert "Traceback" not in text
    return text.splitlines()[1:]


def _xlsx(path, rows, sheet="進捗"):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_every_cell_problem_is_reported_with_its_cell(store, tmp_path):
    """Unknown id, organisation outside the actor, unknown status, % out of range, long text, bad date,
    URL scheme, duplicate key: each as sheet!cell in one report, nothing written."""
    rows = [
        OK_ROW,
        {**OK_ROW, "id": "ls-2099-union-01"},
        {**OK_ROW, "id": UNION_ID, "organisation": "hyogo"},
        {**OK_ROW, "id": UNION_ID, "organisation": "union", "status": "完了"},
        {**OK_ROW, "organisation": "kobe", "progress_pct": "150"},
        {**OK_ROW, "organisation": "nara", "achievement": "長" * 2001},
        {**OK_ROW, "organisation": "sakai", "as_of": "2025-02-30"},
        {**OK_ROW, "organisation": "shiga", "evidence_url": "javascript:alert(1)"},
        OK_ROW,
    ]
    rows = [
        {
            **r,
            "progress_pct": r.get("progress_pct", ""),
            "as_of": r.get("as_of", ""),
            "evidence_url": r.get("evidence_url", ""),
        }
        for r in rows
    ]
    path = write_csv(tmp_path / "bad.csv", rows)
    lines = _rejected(store, path)
    # columns: A id, B fiscal_year, C organisation, D status, E achievement, F progress_pct, G as_of, H evidence_url
    assert lines == [
        "bad.csv!A3: 計画にない id 'ls-2099-union-01'",
        "bad.csv!C4: 団体 'hyogo' はこの取組（実施主体 union）の報告はできません",
        "bad.csv!D5: 未知の状況 '完了'（有効な値: 未着手、準備・検討中、実施中、実施済、見直し・中止）",
        "bad.csv!F6: 進捗率 '150' は 0～100 の範囲外です",
        "bad.csv!E7: 2001 文字あります（上限 2000 文字）",
        "bad.csv!G8: 日付 '2025-02-30' が正しくありません（YYYY-MM-DD）",
        "bad.csv!H9: URL 'javascript:alert(1)' は http:// か https:// で始まる正しい URL ではありません",
        "bad.csv!A10: 同じ取組・年度・団体の行が重複しています（最初は bad.csv!A2）",
    ]
    en = _rejected(store, path, lang="en")
    assert en[0] == "bad.csv!A3: id 'ls-2099-union-01' is not in the plan"


def test_formula_cells_are_refused(store, tmp_path):
    """A real <f> element in an XLSX, and =HYPERLINK(…) text in a CSV, are refused cell by cell."""
    path = _xlsx(
        tmp_path / "f.xlsx", [list(OK_ROW), [*[*OK_ROW.values()][:4], '=HYPERLINK("http://127.0.0.1:9/","x")']]
    )
    with zipfile.ZipFile(path) as z:
        assert b"<f>" in z.read("xl/worksheets/sheet1.xml")
    assert _rejected(store, path) == [
        "進捗!E2: 数式は取り込めません。値を入力してください（= で始まる文字列は先頭に ' を付けてください）"
    ]
    csv_path = write_csv(tmp_path / "f.csv", [{**OK_ROW, "achievement": '=HYPERLINK("http://127.0.0.1:9/","x")'}])
    assert _rejected(store, csv_path, "en") == [
        "f.csv!E2: formulas are not accepted; enter a value (start text that begins with = with ')"
    ]


def test_a_20_mb_file_is_refused_before_reading(store, tmp_path):
    """A file over the size limit is refused by its size."""
    path = tmp_path / "big.csv"
    path.write_bytes(b"id,fiscal_year,organisation,status\n" + b"x" * (20 * 2**20))
    assert _rejected(store, path) == ["big.csv: ファイルが大きすぎます（20.0 MB、上限 10 MB）"]


def test_a_zip_bomb_disguised_as_xlsx_is_refused(store, tmp_path):
    """A small .xlsx whose members would unpack to hundreds of MB is refused without unpacking."""
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            for _ in range(200):
                f.write(b"\0" * 2**20)
    assert path.stat().st_size < 1 * 2**20
    assert _rejected(store, path) == [
        "bomb.xlsx: 展開すると大きくなりすぎるため読みません（上限 100 MB。圧縮爆弾の疑い）"
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("m.xlsm", b"PK", "m.xlsm: マクロ付きのブックは取り込めません。.xlsx 形式で保存し直してください"),
        (
            "old.xls",
            b"\xd0\xcf\x11\xe0",
            "old.xls: 古い Excel 形式（.xls）は取り込めません。.xlsx 形式で保存し直してください",
        ),
        ("a.txt", b"id", "a.txt: .txt ファイルは取り込めません（.xlsx か .csv）"),
        ("fake.xlsx", b"not a zip at all", "fake.xlsx: Excel ブック（.xlsx）として読めません"),
    ],
)
def test_wrong_file_types_are_refused(store, tmp_path, name, data, message):
    """Macro workbooks, old .xls, other types and non-workbooks named .xlsx get their own message."""
    (tmp_path / name).write_bytes(data)
    assert _rejected(store, tmp_path / name) == [message]


def test_a_macro_inside_an_xlsx_is_refused(store, tmp_path):
    """An .xlsx carrying vbaProject.bin (a renamed .xlsm) is refused as a macro workbook."""
    path = _xlsx(tmp_path / "renamed.xlsx", [list(OK_ROW), list(OK_ROW.values())])
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/vbaProject.bin", b"\0" * 100)
    assert _rejected(store, path) == [
        "renamed.xlsx: マクロ付きのブックは取り込めません。.xlsx 形式で保存し直してください"
    ]


def test_wrong_and_missing_columns(store, tmp_path):
    """An unknown header is named with its cell; missing required columns are listed."""
    path = write_csv(tmp_path / "cols.csv", [{"id": MEMBERS_ID, "年度": "2025", "団体": "兵庫県", "色": "赤"}])
    assert _rejected(store, path) == ["cols.csv!D1: 未知の列 '色'", "cols.csv: 必要な列がありません: status"]


def test_invalid_utf8_is_refused_and_cp932_accepted(store, tmp_path):
    """Bytes that are neither UTF-8 nor Shift_JIS are refused; a cp932 CSV with Japanese headers and labels imports."""
    bad = tmp_path / "bad.csv"
    data = b"id,fiscal_year,organisation,status\n" + MEMBERS_ID.encode() + b",2025,hyogo,\xff\xfe\x80\n"
    bad.write_bytes(data)
    pos = data.index(b"\xff") + 1
    assert _rejected(store, bad) == [
        f"bad.csv: 文字コードが UTF-8 でも Shift_JIS でもありません（UTF-8 として {pos} バイト目が不正）"
    ]
    row = {
        "ID": MEMBERS_ID,
        "年度": "2025",
        "団体": "兵庫県",
        "状況": "準備・検討中",
        "実績": "①検討会を開催（髙島屋）",
    }
    sjis = write_csv(tmp_path / "sjis.csv", [row], encoding="cp932")
    r = import_file(store, sjis, PLAN, BY).result
    assert r.written == 1 and store.records().iloc[0][PCol.ACHIEVEMENT] == "①検討会を開催（髙島屋）"
    plain = write_csv(tmp_path / "plain.csv", [{**OK_ROW, "organisation": "kobe"}], encoding="utf-8")
    assert import_file(store, plain, PLAN, BY).result.written == 1


@pytest.mark.parametrize(
    ("text", "char"),
    [
        ("a\x00b", "U+0000"),
        ("bell\x07", "U+0007"),
        ("esc\x1b[31m", "U+001B"),
        ("rtl \u202egnp.exe", "U+202E"),
        ("iso\u2066x\u2069", "U+2066"),
        ("c1\x85c1", "U+0085"),
    ],
)
def test_control_and_bidi_characters_are_refused(store, tmp_path, text, char):
    """C0/C1 controls and bidi overrides/isolates are refused with the code point; tabs and newlines are fine."""
    if ILLEGAL_CHARACTERS_RE.search(text):  # XML cannot hold these: they come in through CSV
        path = write_csv(tmp_path / "c.csv", [{**OK_ROW, "achievement": text}])
        sheet = path.name
    else:
        path = _xlsx(tmp_path / "c.xlsx", [list(OK_ROW), [*list(OK_ROW.values())[:4], text]])
        sheet = "進捗"
    pos = [f"U+{ord(ch):04X}" for ch in text].index(char) + 1
    assert _rejected(store, path) == [
        f"{sheet}!E2: 使えない文字 {char} があります（{pos} 文字目。制御文字・双方向制御文字など）"
    ]


def test_10000_rows_are_refused(store, tmp_path):
    """More rows than the limit: refused as a whole, with the limit."""
    rows = [{**OK_ROW, "organisation": "hyogo", "fiscal_year": "2025"} for _ in range(10_000)]
    path = write_csv(tmp_path / "many.csv", rows)
    assert _rejected(store, path) == [f"many.csv: 行が多すぎます（上限 {MAX_ROWS} 行）。ファイルを分けてください"]


def test_html_and_markdown_are_stored_literally(store, tmp_path):
    """Markup in the achievement is text: stored byte for byte."""
    text = "<img src=x onerror=alert(1)> **bold** [link](javascript:alert(1)) :red[x] $x^2$\t<script>"
    path = write_csv(tmp_path / "m.csv", [{**OK_ROW, "achievement": text}])
    assert import_file(store, path, PLAN, BY).result.written == 1
    assert store.records().iloc[0][PCol.ACHIEVEMENT] == text


def test_headers_by_key_or_label_and_statuses_by_code_or_label(tmp_path):
    """Keys, Japanese and English labels as headers; status codes, Japanese and English labels as values."""
    rows = [
        ["id", "年度", "Organisation", "状況"],
        [MEMBERS_ID, 2025, "hyogo", "done"],
        [MEMBERS_ID, 2025, "神戸市", "実施済"],
        [MEMBERS_ID, 2025, "Nara Prefecture", "In progress"],
        [MEMBERS_ID, 2025, "sakai", None],  # an empty template row: skipped
    ]
    changes, problems = parse_sheet(read_sheet(_xlsx(tmp_path / "h.xlsx", rows)), PLAN)
    assert problems == []
    assert [(c.organisation, c.values[PCol.STATUS]) for c in changes] == [
        ("hyogo", "done"),
        ("kobe", "done"),
        ("nara", "in_progress"),
    ]


def test_dry_run_and_skip_conflicts(store, tmp_path):
    """--dry-run writes nothing; a file with conflicts writes nothing unless skip_conflicts, which writes the rest."""
    path = write_csv(tmp_path / "a.csv", [OK_ROW, {**OK_ROW, "organisation": "kobe"}])
    r = import_file(store, path, PLAN, BY, dry_run=True).result
    assert [d.kind for d in r.diffs] == ["new", "new"] and store.counts()["records"] == 0
    import_file(store, write_csv(tmp_path / "b.csv", [OK_ROW]), PLAN, BY)
    stale = write_csv(tmp_path / "c.csv", [{**OK_ROW, "status": "実施済"}, {**OK_ROW, "organisation": "kobe"}])
    r = import_file(store, stale, PLAN, BY).result
    assert r.written == 0 and len(r.conflicts) == 1
    r = import_file(store, stale, PLAN, BY, skip_conflicts=True).result
    assert r.written == 1 and store.counts()["records"] == 2
    assert store.records().set_index(PCol.ORGANISATION).loc["hyogo", PCol.STATUS] == "in_progress"
