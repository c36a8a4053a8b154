"""pyinstrument profiles of the pages' script runs on a (synthetic) table, in-process with AppTest.

    python -m bench.profile_pages --rows 100000 [--pages / /analysis] [--out bench/results/profiles]
                                  [--table T.parquet] [--progress sqlite:////abs/progress.sqlite3]

For each page: clear Streamlit's caches, open the page (cold run), then choose an area in the
sidebar (warm run: a filter change). The script runs happen on AppTest's script thread; the
profiler is started inside that thread by wrapping `ScriptRunner._run_script` in this process only
(the app's code is not touched). Writes, per page, the pyinstrument tree of each run as text and
prints the top entries: functions by self time (where the time goes) and the project's own
functions (src/dashboard, views, app.py) by total time (which of our calls cost it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import parse_qsl

from pyinstrument import Profiler

from appharness.server import ROOT

PAGES = {
    "/": "views/overview.py",
    "/timeline": "views/timeline.py",
    "/matrix": "views/matrix.py",
    "/actors": "views/actors.py",
    "/explore": "views/explore.py",
    "/analysis": "views/analysis.py",
    "/analysis?tab=expo": "views/analysis.py",
    "/analysis?tab=pairs": "views/analysis.py",
    "/analysis?tab=progression": "views/analysis.py",
    "/analysis?tab=terms": "views/analysis.py",
    "/progress": "views/progress.py",
    "/?status=done": "views/overview.py",
    "/explore?status=in_progress": "views/explore.py",
}
OWN = (str(ROOT / "src" / "dashboard"), str(ROOT / "views"), str(ROOT / "app.py"))

_local = threading.local()
_sessions: list = []


def _install() -> None:
    """Profile every script run of this process (on whatever thread runs it)."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script

    def profiled(self, rerun_data):
        profiler = Profiler(interval=0.0005, async_mode="disabled")
        profiler.start()
        try:
            return original(self, rerun_data)
        finally:
            profiler.stop()
            _sessions.append(profiler)

    script_runner.ScriptRunner._run_script = profiled


def _label(frame) -> str:
    return f"{frame.function} ({frame.file_path_short}:{frame.line_no})"


def _walk(frame, stack: tuple[str, ...], self_t: dict, total_t: dict) -> None:
    """Self time per function (pyinstrument keeps it in synthetic `[self]` children) and total time
    per function (counted once per call chain, so recursion does not double it)."""
    if frame is None:
        return
    key = _label(frame)
    self_t[key] += max(frame.time - sum(c.time for c in frame.children), 0.0)
    if key not in stack:
        total_t[key] += frame.time
        if frame.file_path and frame.file_path.startswith(OWN):
            total_t["__own__" + key] += frame.time
    for child in frame.children:
        if child.is_synthetic_leaf:
            self_t[key] += child.time
        else:
            _walk(child, (*stack, key), self_t, total_t)


def top_entries(profiler: Profiler, n: int = 12) -> dict:
    """Top functions by self time, and the project's functions by total time (seconds)."""
    session = profiler.last_session
    root = session.root_frame() if session else None
    self_t: dict[str, float] = defaultdict(float)
    total_t: dict[str, float] = defaultdict(float)
    _walk(root, (), self_t, total_t)
    own = {k.removeprefix("__own__"): v for k, v in total_t.items() if k.startswith("__own__")}
    return {
        "duration_s": round(session.duration, 4) if session else None,
        "self": [[k, round(v, 4)] for k, v in sorted(self_t.items(), key=lambda kv: -kv[1])[:n]],
        "own_total": [[k, round(v, 4)] for k, v in sorted(own.items(), key=lambda kv: -kv[1])[:n]],
    }


def profile_page(page: str, rows_path: str | None, out: Path, area_index: int = 3) -> dict:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()
    st.cache_resource.clear()
    if rows_path:
        os.environ["INITIATIVES_PATH"] = rows_path
    else:
        os.environ.pop("INITIATIVES_PATH", None)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=900)
    for key, value in parse_qsl(page.partition("?")[2]):
        at.query_params[key] = value
    result: dict = {"page": page}
    _sessions.clear()
    t0 = time.perf_counter()
    at.run()  # app.py's default page (概要)
    if PAGES[page] != PAGES["/"]:
        at.switch_page(PAGES[page]).run()
    result["cold_s"] = round(time.perf_counter() - t0, 3)
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception}")
    cold = _sessions[-1]
    _sessions.clear()
    t0 = time.perf_counter()
    from dashboard.schema import AREA_CODES

    at.multiselect(key="w_area").set_value([AREA_CODES[area_index % len(AREA_CODES)]]).run()
    result["warm_s"] = round(time.perf_counter() - t0, 3)
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception}")
    warm = _sessions[-1]
    safe = page.strip("/") or "overview"
    for name, prof in (("cold", cold), ("warm", warm)):
        text = prof.output_text(unicode=True, color=False, show_all=False)
        (out / f"{safe}-{name}.txt").write_text(text, encoding="utf-8")
        result[name] = top_entries(prof)
    return result


def format_top(result: dict, which: str = "warm", n: int = 8) -> str:
    r = result[which]
    lines = [f"{result['page']} — {which} run {r['duration_s']:.3f} s (profiled)"]
    lines.append("  self time:")
    lines += [f"    {t:8.3f} s  {k}" for k, t in r["self"][:n]]
    lines.append("  project functions, total time:")
    lines += [f"    {t:8.3f} s  {k}" for k, t in r["own_total"][:n]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="synthetic table size (0: the real table)")
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=list(PAGES))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "profiles")
    parser.add_argument("--json", type=Path, default=None, help="write the top entries as JSON here")
    parser.add_argument("--table", type=Path, default=None, help="use this parquet instead of generating one")
    parser.add_argument(
        "--progress",
        default=None,
        help="progress database URL (default: a synthetic record per row and fiscal year for the table, "
        "written to a temporary file)",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    _install()
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as tmp:
        path = None
        if args.table:
            path = str(args.table)
        elif args.rows:
            from bench.synth import write_synthetic

            path = str(write_synthetic(args.rows, Path(tmp) / f"initiatives-{args.rows}.parquet"))
        if args.progress:
            os.environ["PROGRESS_DATABASE_URL"] = args.progress
        else:
            from bench.synth_progress import write_synthetic_progress
            from dashboard.load import load_with_meta

            db = write_synthetic_progress(load_with_meta(path)[0], Path(tmp) / "progress.sqlite3")
            os.environ["PROGRESS_DATABASE_URL"] = f"sqlite:///{db}"
        results = []
        for page in args.pages:
            r = profile_page(page, path, args.out)
            r["rows"] = args.rows
            results.append(r)
            print(format_top(r), flush=True)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
