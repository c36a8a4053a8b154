"""Refresh docs/screenshots/report-pdf.png and report-pptx.png (`make report-screenshots`).

Builds both reports of /matrix?area=su from data/initiatives.parquet, renders the area page of the
PDF with pdftoppm and the area slide of the .pptx with LibreOffice Impress (converted to PDF
headless, then pdftoppm), and saves each 1280 px wide with a 128-colour palette.
Also prints the time to build each report for all six areas.

    .venv/bin/python scripts/report_screenshots.py [--out DIR]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

from dashboard.filters import Filters
from dashboard.load import load_with_meta
from dashboard.paths import DEFAULT_PARQUET
from dashboard.report import build_report, render_report

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
WIDTH, COLOURS = 1280, 128
LINK = "http://127.0.0.1:8501/matrix?area=su"


def _png(pdf: Path, page: int, out: Path) -> None:
    stem = out.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    with Image.open(out) as img:
        img = img.convert("RGB")
        img = img.resize((WIDTH, round(img.height * WIDTH / img.width)), Image.Resampling.LANCZOS)
        small = img.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(out, optimize=True)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args(argv)
    for tool in ("pdftoppm", "soffice"):
        if not shutil.which(tool):
            print(f"{tool} is missing: bash scripts/ensure-report.sh --render (as root)", file=sys.stderr)
            return 1
    df, meta = load_with_meta(DEFAULT_PARQUET)
    for fmt in ("pdf", "pptx"):
        report = build_report(df, meta, Filters(), "ja")
        start = time.perf_counter()
        data = render_report(report, fmt)
        print(f"all six areas, {fmt}: {time.perf_counter() - start:.2f} s, {len(data) / 1024:.0f} KiB")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        su = build_report(df, meta, Filters(areas=("su",)), "ja", link=LINK)
        (tmp / "report.pdf").write_bytes(render_report(su, "pdf"))
        (tmp / "report.pptx").write_bytes(render_report(su, "pptx"))
        _png(tmp / "report.pdf", 2, args.out / "report-pdf.png")
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp}/lo",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp / "lo"),
                str(tmp / "report.pptx"),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        _png(tmp / "lo" / "report.pdf", 2, args.out / "report-pptx.png")
    for name in ("report-pdf.png", "report-pptx.png"):
        print(f"{args.out / name}: {(args.out / name).stat().st_size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
