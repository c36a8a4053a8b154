"""Refresh the README's screenshots: docs/screenshots/<page>.png, one per page (`make screenshots`).

Starts the app the way the browser tests do (the shared harness, appharness: `streamlit run app.py` on a
free loopback port, Debian's Chromium through Playwright, the same readiness waits), opens each page
with a filter that gives it something to show, saves a full-page PNG 1280 px wide, and shrinks it
with Pillow (a 256-colour palette, no dithering, optimised) so each file stays small.

    .venv/bin/python -m scripts.screenshots [--out DIR] [PAGE ...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from appharness.browser import (
    chromium,
    expect_rerun,
    goto,
    new_context,
    no_exceptions,
    save_screenshot,
    wait_for_charts,
)
from appharness.server import ROOT, AppServer, ServerError
from dashboard.load import load
from dashboard.progress import ENV_VAR as PROGRESS_ENV
from dashboard.progress import open_store
from dashboard.progress.demo import write_demo
from dashboard.ui.explore import LINE_PX, ROW_LINES

OUT = ROOT / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
MAX_HEIGHT = 3200  # px; longer pages are cut here (the top of a page is what a reader needs)
COLOURS = 256


# The explorer table's header and (default, 3-line) row heights, as ui.explore sets them.
HEADER_PX = 35
ROW_PX = LINE_PX * ROW_LINES[1] + 12


def _focus_area(page, label: str) -> None:
    """The timeline's 「分野を選んで…」 box: lay one area's items out phase by phase."""
    box = page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]')
    if box.locator("input").input_value() == label:
        return
    with expect_rerun(page):
        box.click()
        page.get_by_role("option", name=label, exact=True).click()


def _select_row(page, row: int = 0) -> None:
    """Select a row of the explore table, so its detail panel shows."""
    box = page.locator('[data-testid="stMain"] [data-testid="stDataFrame"]').first.bounding_box()
    with expect_rerun(page):
        page.mouse.click(box["x"] + 15, box["y"] + HEADER_PX + ROW_PX * row + ROW_PX // 2)


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    charts: int
    action: Callable | None = None


SHOTS = (
    Shot("overview", "/", 1),
    Shot("timeline", "/timeline?area=su", 1, lambda page: _focus_area(page, "スタートアップ")),
    Shot("matrix", "/matrix?area=su&q=EXPO", 1),
    Shot("actors", "/actors", 2),
    Shot("explore", "/explore?area=su&phase=2026", 0, _select_row),
    Shot("progress", "/progress", 3),
    Shot("analysis", "/analysis?area=su", 2),
)
# The same pages at a phone's width (docs/screenshots/phone-<page>.png); the explorer lists its rows there.
PHONE_SHOTS = tuple(
    Shot(f"phone-{s.name}", s.path, s.charts, s.action if s.name == "timeline" else None) for s in SHOTS
)


def shrink(path: Path, max_height: int = MAX_HEIGHT, colours: int = COLOURS) -> int:
    """Cut `path` to `max_height`, reduce it to a palette of `colours`, save optimised; return its size."""
    with Image.open(path) as img:
        img = img.convert("RGB")
        if img.height > max_height:
            img = img.crop((0, 0, img.width, max_height))
        small = img.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT.relative_to(ROOT)})")
    parser.add_argument("pages", nargs="*", help="only these pages (default: all)")
    args = parser.parse_args(argv)
    every = (*SHOTS, *PHONE_SHOTS)
    shots = [s for s in every if not args.pages or s.name in args.pages]
    if not shots:
        parser.error(f"unknown page(s); choose from {', '.join(s.name for s in every)}")
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="screenshots-") as logs:
        # Progress from a synthetic sample (every page then says デモデータ), never from a real database.
        demo = f"sqlite:///{Path(logs) / 'progress-demo.sqlite3'}"
        write_demo(open_store(demo), load())
        try:
            with AppServer("app.py", {PROGRESS_ENV: demo}, log_dir=Path(logs)) as server, chromium() as browser:
                for shot in shots:
                    phone = shot.name.startswith("phone-")
                    context = new_context(browser, viewport=PHONE if phone else VIEWPORT)
                    page = context.new_page()
                    goto(page, server.base_url, shot.path)
                    if shot.charts:
                        wait_for_charts(page, shot.charts)
                    if shot.action:
                        shot.action(page)
                        if shot.charts:
                            wait_for_charts(page, shot.charts)
                    if errors := no_exceptions(page):
                        raise RuntimeError(f"{shot.path} shows an exception: {errors}")
                    path = save_screenshot(page, shot.name, directory=args.out)
                    size = shrink(path)
                    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {size / 1024:.0f} KB")
                    context.close()
        except (ServerError, RuntimeError) as exc:  # the server did not start, Chromium is missing, a page failed
            print(exc, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
