"""python -m dashboard.report: files written, clear messages, exit codes, no traceback."""

from __future__ import annotations

import subprocess
import sys

from pypdf import PdfReader
from report_read import slides

from dashboard.paths import DEFAULT_PARQUET
from dashboard.report.__main__ import main


def test_writes_a_pdf_of_an_area(tmp_path, capsys):
    """--area su --format pdf -o FILE writes that file and says so."""
    out = tmp_path / "su.pdf"
    assert main(["--area", "su", "--format", "pdf", "-o", str(out), "--data", str(DEFAULT_PARQUET)]) == 0
    assert len(PdfReader(out).pages) == 3
    assert "su.pdf を作成しました" in capsys.readouterr().out


def test_url_parameters_and_english(tmp_path, capsys):
    """--url takes a view's query string; the format follows the extension; --lang en."""
    out = tmp_path / "view.pptx"
    assert (
        main(["--url", "http://127.0.0.1:8501/matrix?area=su&area=hr&phase=2026", "--lang", "en", "-o", str(out)]) == 0
    )
    deck = slides(out.read_bytes())
    assert len(deck) == 4 and deck[1].shapes.title.text_frame.text.startswith("Start-ups")
    assert "Wrote" in capsys.readouterr().out


def test_default_file_name(tmp_path, monkeypatch):
    """Without -o the name says what the file holds."""
    monkeypatch.chdir(tmp_path)
    assert main(["--area", "cn", "--actor", "union", "--format", "pptx"]) == 0
    (name,) = [p.name for p in tmp_path.iterdir()]
    assert name.startswith("kansai-action-plan_cn_all_union_report_") and name.endswith(".pptx")


def test_bad_input_is_explained(tmp_path, capsys):
    """Invalid values, formats, data files and targets: a message in the user's language, non-zero exit."""
    assert main(["--area", "xx", "-o", str(tmp_path / "a.pdf")]) == 2
    assert "area の値「xx」は使えません（有効な値: ls, cn, mob, su, sme, hr）" in capsys.readouterr().err
    assert main(["--lang", "en", "--expo", "2"]) == 2
    assert "Invalid arguments" in capsys.readouterr().err
    assert main(["-o", str(tmp_path / "a.docx")]) == 2
    assert "--format pdf" in capsys.readouterr().err
    assert main(["--data", str(tmp_path / "none.parquet"), "-o", str(tmp_path / "a.pdf")]) == 1
    assert "none.parquet" in capsys.readouterr().err
    assert main(["-o", str(tmp_path / "no" / "dir" / "a.pdf")]) == 1
    assert "書き込めません" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


def test_missing_font_names_the_install_command(tmp_path, monkeypatch, capsys):
    """Without the font the PDF fails with the apt-get command; the PowerPoint still builds."""
    monkeypatch.setenv("REPORT_FONT", str(tmp_path / "missing.ttf"))
    assert main(["-o", str(tmp_path / "a.pdf")]) == 1
    assert "apt-get install -y fonts-ipaexfont-gothic" in capsys.readouterr().err
    assert main(["-o", str(tmp_path / "a.pptx")]) == 0


def test_no_traceback_from_the_command_line(tmp_path):
    """The real entry point exits 2 on a bad option and prints one line, no traceback."""
    run = subprocess.run(
        [sys.executable, "-m", "dashboard.report", "--phase", "1999", "-o", str(tmp_path / "a.pdf")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2 and "Traceback" not in run.stderr and "1999" in run.stderr
