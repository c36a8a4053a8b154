"""The command line as a user runs it (real processes): exit codes, messages in ja/en, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

from openpyxl import load_workbook
from progress_support import MEMBERS_ID, ROOT, cli, write_csv

from dashboard import i18n
from dashboard.progress import open_store
from dashboard.schema import PCol

SRC = ROOT / "src" / "dashboard" / "progress"


def _ok(proc):
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


def test_template_import_dry_run_import_history_export(tmp_path):
    """The documented workflow end to end, on a SQLite file."""
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    t = tmp_path / "hyogo.xlsx"
    assert "hyogo.xlsx" in _ok(cli("template", "--org", "hyogo", "--fy", "2025", "-o", str(t), url=url))
    wb = load_workbook(t)
    wb["進捗"]["H2"] = "実施中"
    wb["進捗"]["J2"] = "説明会を 3 回開催"
    wb.save(t)
    out = _ok(cli("import", str(t), "--by", "兵庫 花子", "--dry-run", url=url))
    assert "新規 ls-" in out and "状況: — → 実施中" in out and "何も書き込んでいません" in out
    assert open_store(url).counts()["records"] == 0
    out = _ok(cli("import", str(t), "--by", "兵庫 花子", "--lang", "en", url=url))
    assert "1 records written (data version 1)" in out
    out = _ok(cli("history", MEMBERS_ID, url=url))
    assert (
        "兵庫 花子 (cli:兵庫 花子)" in out and "spreadsheet hyogo.xlsx" in out and "実績: — → 説明会を 3 回開催" in out
    )
    e = tmp_path / "all.csv"
    assert "1 件を書き出しました" in _ok(cli("export", str(e), url=url))
    assert "説明会を 3 回開催" in e.read_bytes().decode("utf-8-sig")


def test_conflicts_exit_non_zero_and_skip_conflicts(tmp_path):
    """A stale row: exit 1 with the stored value and who wrote it; --skip-conflicts writes the rest."""
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    row = {"id": MEMBERS_ID, "fiscal_year": 2025, "organisation": "hyogo", "status": "done", "version": ""}
    _ok(cli("import", str(write_csv(tmp_path / "a.csv", [row])), "--by", "佐藤", url=url))
    f = write_csv(tmp_path / "b.csv", [{**row, "status": "preparing"}, {**row, "organisation": "kobe"}])
    p = cli("import", str(f), "--by", "鈴木", url=url)
    assert p.returncode == 1 and "競合" in p.stdout and "佐藤" in p.stdout and "状況 実施済" in p.stdout
    assert "競合があるため何も書き込んでいません" in p.stdout
    out = _ok(cli("import", str(f), "--by", "鈴木", "--skip-conflicts", url=url))
    assert "1 件を書き込みました" in out
    assert open_store(url).records().set_index(PCol.ORGANISATION).loc["hyogo", PCol.STATUS] == "done"


def test_bad_file_bad_arguments_and_bad_database_give_messages_not_tracebacks(tmp_path):
    """Refused files exit 1 with sheet!cell messages; bad arguments exit 2; a corrupt database exits 1 with its message."""
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    f = write_csv(
        tmp_path / "bad.csv", [{"id": "nope", "fiscal_year": 2025, "organisation": "hyogo", "status": "done"}]
    )
    p = cli("import", str(f), "--by", "x", "--lang", "en", url=url)
    assert p.returncode == 1 and "bad.csv!A2: id 'nope' is not in the plan" in p.stderr and "Traceback" not in p.stderr
    p = cli("template", "--org", "atlantis", "--fy", "2025", "-o", "x.xlsx", url=url)
    assert p.returncode == 2 and "引数が正しくありません" in p.stderr
    p = cli("import", str(tmp_path / "missing.xlsx"), "--by", "x", url=url)
    assert p.returncode == 1 and "ファイルがありません" in p.stderr
    corrupt = tmp_path / "corrupt.sqlite3"
    corrupt.write_bytes(b"garbage" * 500)
    p = cli("history", url=f"sqlite:///{corrupt}")
    assert p.returncode == 1 and "壊れている" in p.stderr and "Traceback" not in p.stderr
    p = cli("export", str(tmp_path / "x.pdf"), url=url)
    assert p.returncode == 1 and ".pdf" in p.stderr


def test_backup_and_restore_between_backends(db_url, tmp_path):
    """backup → restore into an empty database (SQLite ↔ PostgreSQL): same records and history; never over data."""
    src = f"sqlite:///{tmp_path / 'src.sqlite3'}"
    rows = [
        {"id": MEMBERS_ID, "fiscal_year": 2025, "organisation": o, "status": "done", "achievement": "<b>x</b>"}
        for o in ("hyogo", "kobe")
    ]
    _ok(cli("import", str(write_csv(tmp_path / "a.csv", rows)), "--by", "a", url=src))
    b = tmp_path / "backup.json"
    assert "記録 2 件、履歴 2 件" in _ok(cli("backup", str(b), url=src))
    assert json.loads(b.read_text(encoding="utf-8"))["format"] == "kansai-progress-backup"
    _ok(cli("restore", str(b), url=db_url))
    a, c = open_store(src), open_store(db_url)
    assert a.records().equals(c.records())
    assert a.history().drop(columns=["changed_at"]).equals(c.history().drop(columns=["changed_at"]))
    assert c.data_version() > a.data_version()
    p = cli("restore", str(b), url=db_url)
    assert p.returncode == 1 and "空ではありません" in p.stderr
    _ok(
        cli(
            "import", str(write_csv(tmp_path / "c.csv", [{**rows[0], "organisation": "nara"}])), "--by", "b", url=db_url
        )
    )
    assert c.history()["history_id"].tolist() == [1, 2, 3]  # ids go on after a restore


def test_demo_writes_its_own_flagged_database(tmp_path):
    """demo fills a separate database flagged as demo, with synthetic text; it refuses a database with real records."""
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    out = _ok(cli("demo", "--database", url, url="sqlite:///" + str(tmp_path / "real.sqlite3")))
    assert "demo.sqlite3" in out and not (tmp_path / "real.sqlite3").exists()
    store = open_store(url)
    assert store.is_demo() and store.counts()["records"] > 300
    assert store.records()[PCol.ACHIEVEMENT].str.startswith("【デモ】").all()
    assert "デモデータ（架空）を 0 件" in _ok(cli("demo", "--database", url, url=url))  # idempotent
    real = f"sqlite:///{tmp_path / 'real2.sqlite3'}"
    _ok(
        cli(
            "import",
            str(
                write_csv(
                    tmp_path / "a.csv",
                    [{"id": MEMBERS_ID, "fiscal_year": 2025, "organisation": "kobe", "status": "done"}],
                )
            ),
            "--by",
            "a",
            url=real,
        )
    )
    p = cli("demo", "--database", real, url=real)
    assert p.returncode == 1 and "実データ" in p.stderr and not open_store(real).is_demo()


def test_progress_package_rules():
    """No module of the package imports streamlit, each stays under 400 lines, every message key exists."""
    pattern = re.compile(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""")
    for p in SRC.rglob("*.py"):
        text = p.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+streamlit", text, re.M), p.name
        assert len(text.splitlines()) <= 400, p.name
        for key in pattern.findall(text) + re.findall(r'"(progress\.[a-z_]+\.[a-z_]+)"', text):
            assert key in i18n.MESSAGES, (p.name, key)
    from dashboard.progress.sheet import COLUMNS

    for c in COLUMNS:
        assert f"progress.col.{c.key}" in i18n.MESSAGES and f"progress.help.{c.key}" in i18n.MESSAGES
    for kind in ("new", "changed", "unchanged"):
        assert f"progress.diff.{kind}" in i18n.MESSAGES
    assert Path(SRC / "migrations" / "versions").is_dir()
