"""The dashboard's benchmark: every page next to Streamlit's own floor, measured in one run.

    python -m bench.run [--reps 5] [--sizes 0,10000,100000] [--pages / /timeline …] [--quick]
                        [--json bench/results/bench.json] [--label NAME]

Floors, measured the same way in the same run:
  A    bench/floors/empty.py    an empty page (st.write)
  B    bench/floors/minimal.py  one multiselect, one Plotly bar of an aggregate, one st.dataframe of
                                the plan's ~150 rows of Japanese text
  B×5  the same with five bar charts (a reference for pages with several charts, not a target basis)

Server (the websocket protocol client appharness.wsclient, against `streamlit run` exactly as
`make run` starts it): per page and table size, per repetition a fresh server; `cold` is the first
session's first script run (imports, data load, empty caches), `warm` the rerun after choosing an
area in the sidebar (a filter value that process has not seen). Time = rerun BackMsg sent →
`script_finished` received. Tables: the real one ("real", 155 rows) and synthetic ones of N rows
made from the real rows (bench/synth.py), served through INITIATIVES_PATH. Progress (PROGRESS_DATABASE_URL,
a database in a temporary directory): the demo sample on the real table, a synthetic record per plan row
and fiscal year on the synthetic ones (bench/synth_progress.py); `--no-progress`: empty databases.
`/progress` and the status filter (`?status=`) are pages of their own here.

Browser (headless Chromium through Playwright, appharness.browser: the browser tests' readiness rules): per page and
floor B, a new visitor each repetition; `load` = navigation → ready with every chart drawn,
`filter` = choosing an area → ready again with the charts redrawn. Real table.

Memory (VmRSS of the server): idle after start, after 1 session, after 20 sequential sessions
(kept open, rotating over the pages, each choosing an area), after they close, and after another
20 open-and-close. Real table and the largest synthetic size.

Profile (pyinstrument, bench/profile_pages.py): each page's cold and warm run at the largest size.

Every target is a ratio to numbers measured in the same run; medians with min–max over --reps.
Prints Markdown tables and writes everything as JSON. Exit status 0 unless a measurement failed
(targets that are missed are reported, not turned into a failure).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

from appharness.browser import CHROMIUM
from appharness.server import ROOT, AppServer, settle_rss
from appharness.wsclient import RunError, open_session
from bench.machine import machine

PAGES = (
    "/",
    "/timeline",
    "/matrix",
    "/actors",
    "/explore",
    "/analysis",  # its first tab (施策手法); the other tabs run only when opened
    "/analysis?tab=expo",
    "/analysis?tab=pairs",
    "/analysis?tab=progression",
    "/analysis?tab=terms",
    "/progress",
    "/?status=done",
    "/explore?status=in_progress",
)
# Pages whose point is progress: their scale target says so (every page is served with a progress database).
PROGRESS_PAGES = ("/progress", "/?status=done", "/explore?status=in_progress")
# Plotly charts and st.dataframe elements each page draws (what "drawn" waits for in the browser).
PAGE_ELEMENTS = {
    "/": (1, 0),
    "/timeline": (1, 0),
    "/matrix": (1, 0),
    "/actors": (2, 0),
    "/explore": (0, 1),
    "/analysis": (2, 0),
    "/analysis?tab=expo": (1, 0),
    "/analysis?tab=pairs": (0, 1),
    "/analysis?tab=progression": (0, 0),
    "/analysis?tab=terms": (1, 0),
    "/progress": (3, 2),  # heatmap, status by area, by organisation; by-actor table, changes since a day
    "/?status=done": (1, 0),
    "/explore?status=in_progress": (0, 1),
}
FLOOR_A, FLOOR_B, FLOOR_B5 = "floor A", "floor B", "floor B×5"
# Floor → (script, environment, Plotly charts, st.dataframe elements). B×5 is floor B with five charts:
# not a target's basis, a reference for pages that draw several charts.
FLOORS = {
    FLOOR_A: ("bench/floors/empty.py", {}, 0, 0),
    FLOOR_B: ("bench/floors/minimal.py", {}, 1, 1),
    FLOOR_B5: ("bench/floors/minimal.py", {"BENCH_FLOOR_CHARTS": "5"}, 5, 1),
}
AREA_KEY = "w_area"
PROGRESS_ENV = "PROGRESS_DATABASE_URL"
DEFAULT_JSON = ROOT / "bench" / "results" / "bench.json"
AGAIN_BATCHES = 3
FRAME_CACHE = 8  # dashboard.ui.FILTERED_FRAMES: filtered frames the app keeps cached
DISTINCT_TTL_S = 2  # server.disconnectedSessionTTL for the distinct-filter measurement (default 120 s)
LIMITS = {
    "browser_filter": 1.3,
    "browser_load": 1.3,
    "server_scale": 2.0,
    "rss_sessions": 1.3,
    "rss_closed": 1.02,
    "rss_distinct": 1.05,
}


def size_key(n: int) -> str:
    return "real" if n == 0 else str(n)


def stats(samples: list[float | None]) -> dict:
    """Median with min–max of the samples that exist; `failed` counts the ones that do not."""
    ok = [s for s in samples if s is not None]
    out: dict = {"n": len(ok), "failed": len(samples) - len(ok), "samples": [round(s, 1) for s in ok]}
    if ok:
        out.update(median=round(statistics.median(ok), 1), min=round(min(ok), 1), max=round(max(ok), 1))
    else:
        out.update(median=None, min=None, max=None)
    return out


def med(d: dict | None, *path: str) -> float | None:
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return None
        d = d[p]
    return d.get("median") if isinstance(d, dict) else None


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def split_page(page: str) -> tuple[str, str]:
    """'/analysis?tab=expo' → ('analysis', 'tab=expo')."""
    path, _, query = page.partition("?")
    return path.strip("/"), query


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


# --------------------------------------------------------------------------- tables and progress


def prepare_data(sizes: list[int], tmp: Path, progress: bool = True) -> dict[int, dict]:
    """Per table size, the app's environment: the table (INITIATIVES_PATH; the real one for 0) and its
    progress database (PROGRESS_DATABASE_URL, a file in `tmp`, never the project's var/): the demo sample
    (`python -m dashboard.progress demo`'s) for the real table, bench/synth_progress.py's record per row and
    fiscal year for a synthetic one; with `progress` False an empty database for every size."""
    from bench.synth import write_synthetic
    from bench.synth_progress import write_synthetic_progress
    from dashboard.load import load_with_meta
    from dashboard.progress import open_store
    from dashboard.progress.demo import write_demo

    envs: dict[int, dict] = {}
    for n in sizes if 0 in sizes else [0, *sizes]:
        env: dict = {}
        if n:
            log(f"synthetic table: {n:,} rows")
            env["INITIATIVES_PATH"] = str(write_synthetic(n, tmp / f"initiatives-{n}.parquet"))
        db = tmp / f"progress-{size_key(n)}.sqlite3"
        if progress and n:
            log(f"synthetic progress: a record per row and fiscal year ({n:,} rows)")
            write_synthetic_progress(load_with_meta(env["INITIATIVES_PATH"])[0], db)
        else:
            store = open_store(f"sqlite:///{db}")
            try:
                if progress:
                    log("demo progress for the real table")
                    write_demo(store, load_with_meta()[0])
            finally:
                store.close()
        env[PROGRESS_ENV] = f"sqlite:///{db.resolve()}"
        envs[n] = env
    return envs


# --------------------------------------------------------------------------- server timings


async def _cold_warm(server: AppServer, page: str, area: int | None, timeout: float) -> tuple:
    """(cold, warm, visit): the first session's first run and its rerun after a filter change, then a
    second session's first run (a new visitor on a warm process)."""
    s = await open_session(server.port, server.pid, timeout)
    try:
        cold = await s.load(*split_page(page))
        warm = await (s.choose(AREA_KEY, area) if area is not None else s.rerun())
    finally:
        await s.close()
    s = await open_session(server.port, server.pid, timeout)
    try:
        visit = await s.load(*split_page(page))
    finally:
        await s.close()
    return cold, warm, visit


def server_sample(script: str, env: dict, page: str, area: int | None, timeout: float, errors: list) -> tuple:
    """One fresh server: (cold, warm, visit) Runs, None where a run failed."""
    server = AppServer(script, env)
    try:
        server.start()
        return asyncio.run(_cold_warm(server, page, area, timeout))
    except (RunError, RuntimeError, OSError, TimeoutError) as exc:
        errors.append({"phase": "server", "script": script, "page": page, "env": env, "error": str(exc)[:500]})
        log(f"  ! {script} {page}: {str(exc)[:200]}")
        return None, None, None
    finally:
        server.stop()
        server.remove_logs()


def _summarise(runs: list[tuple]) -> dict:
    colds = [r[0] for r in runs]
    warms = [r[1] for r in runs]
    visits = [r[2] for r in runs]
    return {
        "cold_ms": stats([r.ms if r else None for r in colds]),
        "warm_ms": stats([r.ms if r else None for r in warms]),
        "visit_ms": stats([r.ms if r else None for r in visits]),
        "cold_cpu_ms": stats([r.cpu_ms if r else None for r in colds]),
        "warm_cpu_ms": stats([r.cpu_ms if r else None for r in warms]),
        "cold_kb_sent": stats([r.bytes / 1024 if r else None for r in colds]),
        "warm_kb_sent": stats([r.bytes / 1024 if r else None for r in warms]),
    }


def server_phase(args, envs: dict[int, dict], errors: list) -> tuple[dict, dict]:
    floors: dict[str, list] = {name: [] for name in FLOORS if not (args.quick and name == FLOOR_B5)}
    pages: dict[tuple[str, int], list] = {(p, n): [] for p in args.pages for n in args.sizes}
    if not args.quick:  # warm the OS file cache and .pyc files; not recorded
        server_sample("app.py", envs[0], "/", 0, args.run_timeout, [])
        server_sample(FLOORS[FLOOR_B][0], {}, "/", 0, args.run_timeout, [])
    for rep in range(args.reps):
        area = rep % 6
        log(f"server: repetition {rep + 1}/{args.reps}")
        for name in floors:
            script, env, *_ = FLOORS[name]
            choice = None if name == FLOOR_A else area  # floor A has no widget: its warm run is a plain rerun
            floors[name].append(server_sample(script, env, "/", choice, args.run_timeout, errors))
        for n in args.sizes:
            env = envs[n]
            for page in args.pages:
                t0 = time.perf_counter()
                pages[(page, n)].append(server_sample("app.py", env, page, area, args.run_timeout, errors))
                c, w, v = pages[(page, n)][-1]
                nan = float("nan")
                log(
                    f"  {page:<10} {size_key(n):>7}: cold {c.ms if c else nan:8.0f} ms, "
                    f"warm {w.ms if w else nan:8.0f} ms (cpu {w.cpu_ms if w else nan:5.0f}), "
                    f"new visitor {v.ms if v else nan:6.0f} ms  ({time.perf_counter() - t0:.1f} s)"
                )
    floor_out = {name: {"server": _summarise(runs)} for name, runs in floors.items()}
    page_out: dict = {}
    for (page, n), runs in pages.items():
        page_out.setdefault(page, {"server": {}})["server"][size_key(n)] = {"rows": n or 155, **_summarise(runs)}
    return floor_out, page_out


# --------------------------------------------------------------------------- browser timings


def browser_phase(args, env: dict, errors: list) -> dict:
    """Every target's visits, and per page the ratios to the floor B visit made just before it.

    Each repetition visits floor B immediately before every page (and B×5 once), so a page and its
    floor see the same machine load; the pooled B visits give B's median, the pairs give a paired
    ratio per page (median over repetitions), which is steadier than a ratio of medians on a busy
    machine.
    """
    from playwright.sync_api import Error as PlaywrightError

    from appharness.browser import chromium
    from bench.browserbench import Target, measure_once
    from dashboard.schema import AREAS

    labels = [a.label("ja") for a in AREAS]
    keys = ("load_ms", "load_ready_ms", "load_busy_ms", "filter_ms", "filter_ready_ms", "filter_busy_ms")
    results: dict[str, dict[str, list]] = {}
    paired: dict[str, dict[str, list]] = {}
    script, _, charts, tables = FLOORS[FLOOR_B]
    b5_env = FLOORS[FLOOR_B5][1]

    def visit(browser, t: Target, rep: int) -> dict:
        samples = results.setdefault(t.name, {k: [] for k in keys})
        try:
            got = measure_once(browser, t, labels[rep % 6])
        except (PlaywrightError, RuntimeError) as exc:
            errors.append({"phase": "browser", "page": t.name, "error": str(exc)[:500]})
            log(f"  ! {t.name}: {str(exc)[:200]}")
            got = {}
        for k in keys:
            samples[k].append(got.get(k))
        nan = float("nan")
        log(
            f"  {t.name:<10}: load {got.get('load_ms', nan):7.0f} ms "
            f"(ready {got.get('load_ready_ms', nan):7.0f}), filter {got.get('filter_ms', nan):7.0f} ms "
            f"(ready {got.get('filter_ready_ms', nan):7.0f}, main thread busy {got.get('filter_busy_ms', nan):5.0f})"
        )
        return got

    with (
        AppServer("app.py", env) as app,
        AppServer(script) as floor,
        AppServer(script, b5_env) as floor5,
        chromium() as browser,
    ):
        b = Target(FLOOR_B, floor.base_url + "/", charts, tables)
        b5 = None if args.quick else Target(FLOOR_B5, floor5.base_url + "/", *FLOORS[FLOOR_B5][2:])
        pages = [Target(p, app.base_url + p, *PAGE_ELEMENTS[p]) for p in args.pages]
        if not args.quick:  # first visits compile and cache on the server; not recorded
            for t in [b, b5, *pages]:
                try:
                    measure_once(browser, t, labels[0])
                except (PlaywrightError, RuntimeError) as exc:
                    log(f"  ! warm-up {t.name}: {str(exc)[:200]}")
        for rep in range(args.reps):
            log(f"browser: repetition {rep + 1}/{args.reps}")
            if b5 is not None:
                visit(browser, b5, rep)
            for t in pages:
                base = visit(browser, b, rep)
                got = visit(browser, t, rep)
                pair = paired.setdefault(t.name, {"load_ms": [], "filter_ms": []})
                for k in pair:
                    ok = got.get(k) is not None and base.get(k)
                    pair[k].append(got[k] / base[k] if ok else None)
    out = {name: {k: stats(v) for k, v in samples.items()} for name, samples in results.items()}
    for name, pair in paired.items():
        out[name]["paired_ratio_to_b"] = {k: stats_ratio(v) for k, v in pair.items()}
    return out


def stats_ratio(samples: list[float | None]) -> dict:
    """Median with min–max of ratios (2 decimals)."""
    ok = [s for s in samples if s is not None]
    if not ok:
        return {"n": 0, "failed": len(samples), "median": None, "min": None, "max": None, "samples": []}
    r2 = [round(s, 2) for s in ok]
    return {
        "n": len(ok),
        "failed": len(samples) - len(ok),
        "median": round(statistics.median(ok), 2),
        "min": min(r2),
        "max": max(r2),
        "samples": r2,
    }


# --------------------------------------------------------------------------- memory


async def _sessions(server: AppServer, pages: list[str], n: int, offset: int, timeout: float) -> list:
    opened = []
    for i in range(n):
        s = await open_session(server.port, server.pid, timeout)
        opened.append(s)
        await s.load(*split_page(pages[(offset + i) % len(pages)]))
        await s.choose(AREA_KEY, offset + i)
    return opened


def distinct_queries() -> list[str]:
    """24 broad filter states (five of the six areas, all phases or two of them): 40–85 % of the rows
    each, so every state is a large filtered frame."""
    from dashboard.schema import AREA_CODES, PHASE_CODES

    out = []
    for skip in AREA_CODES:
        areas = [("area", a) for a in AREA_CODES if a != skip]
        for phases in ((), PHASE_CODES[:2], PHASE_CODES[1:], PHASE_CODES[::2]):
            out.append(urlencode(areas + [("phase", p) for p in phases]))
    return out


async def _visits(server: AppServer, queries: list[str], timeout: float) -> None:
    """One session per query (its first run reads the filter from the URL), each closed after its run."""
    for q in queries:
        s = await open_session(server.port, server.pid, timeout)
        try:
            await s.load("", q)
        finally:
            await s.close()


async def _memory(server: AppServer, pages: list[str], n: int, timeout: float) -> dict:
    mb = {}
    mb["idle"] = settle_rss(server.pid) / 1024
    first = await _sessions(server, pages, 1, 0, timeout)
    mb["one_session"] = settle_rss(server.pid) / 1024
    rest = await _sessions(server, pages, n - 1, 1, timeout)
    mb["n_sessions"] = settle_rss(server.pid) / 1024
    for s in first + rest:
        await s.close()
    mb["closed"] = settle_rss(server.pid) / 1024
    # N more sessions opened and closed, three times: a single settled sample moves by a few % (the
    # allocator), so the median of three is compared with the first.
    again = []
    for k in range(AGAIN_BATCHES):
        batch = await _sessions(server, pages, n, n * (k + 1), timeout)
        for s in batch:
            await s.close()
        again.append(settle_rss(server.pid) / 1024)
    mb["closed_again"] = statistics.median(again)
    out = {k: round(v, 1) for k, v in mb.items()}
    out["closed_again_samples"] = [round(v, 1) for v in again]
    return out


async def _distinct(server: AppServer, timeout: float) -> dict:
    """Distinct broad filter states: the app caches only FRAME_CACHE filtered frames, so memory stops
    growing once that cache is full; RSS after FRAME_CACHE states and after three times as many,
    each once the closed sessions are gone (the server runs with a short disconnected-session TTL)."""
    queries = distinct_queries()
    out = {}
    for name, part in (("distinct_cap", queries[:FRAME_CACHE]), ("distinct_more", queries[FRAME_CACHE:])):
        await _visits(server, part, timeout)
        await asyncio.sleep(DISTINCT_TTL_S + 2)
        out[name] = round(settle_rss(server.pid) / 1024, 1)
    out["distinct_states"] = [FRAME_CACHE, len(queries)]
    return out


def memory_phase(args, envs: dict[int, dict], errors: list) -> dict:
    sizes = [0] + ([max(args.sizes)] if max(args.sizes) > 0 and not args.quick else [])
    out = {}
    for n in sizes:
        log(f"memory: {size_key(n)} table, {args.sessions} sessions")
        env = envs[n]
        server = AppServer("app.py", env)
        try:
            server.start()
            r = asyncio.run(_memory(server, list(args.pages), args.sessions, args.run_timeout))
            server.stop()
            server.remove_logs()
            server = AppServer("app.py", {**env, "STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL": str(DISTINCT_TTL_S)})
            server.start()
            r.update(asyncio.run(_distinct(server, args.run_timeout)))
            r["sessions"] = args.sessions
            r["ratio_n_to_one"] = ratio(r["n_sessions"], r["one_session"])
            r["ratio_closed_to_n"] = ratio(r["closed"], r["n_sessions"])
            r["ratio_closed_again_to_closed"] = ratio(r["closed_again"], r["closed"])
            r["ratio_distinct"] = ratio(r["distinct_more"], r["distinct_cap"])
            out[size_key(n)] = r
            log(f"  {r}")
        except (RunError, RuntimeError, OSError, TimeoutError) as exc:
            errors.append({"phase": "memory", "table": size_key(n), "error": str(exc)[:500]})
            log(f"  ! memory {size_key(n)}: {str(exc)[:200]}")
        finally:
            server.stop()
            server.remove_logs()
    return out


# --------------------------------------------------------------------------- profile


def profile_phase(args, envs: dict[int, dict], errors: list) -> list:
    n = max(args.sizes)
    table, progress = envs[n].get("INITIATIVES_PATH"), envs[n].get(PROGRESS_ENV)
    out_json = Path(tempfile.gettempdir()) / f"bench-profile-{time.time_ns()}.json"
    cmd = [sys.executable, "-m", "bench.profile_pages", "--rows", str(n), "--pages", *args.pages]
    cmd += ["--json", str(out_json), "--out", str(args.json.parent / "profiles")]
    if table:
        cmd += ["--table", table]
    if progress:
        cmd += ["--progress", progress]
    log(f"profile: {' '.join(cmd[1:])}")
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        errors.append({"phase": "profile", "error": proc.stderr[-1000:]})
        return []
    data = json.loads(out_json.read_text(encoding="utf-8"))
    out_json.unlink(missing_ok=True)
    return data


# --------------------------------------------------------------------------- targets and tables


def targets(result: dict, sizes: list[int]) -> list[dict]:
    out = []
    pages, floors, memory = result["pages"], result["floors"], result["memory"]
    b_load = med(floors, FLOOR_B, "browser", "load_ms")
    b_filter = med(floors, FLOOR_B, "browser", "filter_ms")

    def add(name: str, page: str | None, value: float | None, limit: float, basis: str) -> None:
        out.append(
            {
                "target": name,
                "page": page,
                "value": value,
                "limit": limit,
                "basis": basis,
                "met": None if value is None else value <= limit,
            }
        )

    for page, r in pages.items():
        if "browser" in r:
            pr = r["browser"].get("paired_ratio_to_b", {})
            v = ratio(med(r, "browser", "filter_ms"), b_filter)
            add("browser filter round trip ÷ floor B", page, v, LIMITS["browser_filter"], "median ms ÷ median ms")
            out[-1]["paired"] = (pr.get("filter_ms") or {}).get("median")
            v = ratio(med(r, "browser", "load_ms"), b_load)
            add("browser first load ÷ floor B", page, v, LIMITS["browser_load"], "median ms ÷ median ms")
            out[-1]["paired"] = (pr.get("load_ms") or {}).get("median")
    big = max(sizes)
    if big > 0 and 0 in sizes:
        with_progress = result.get("params", {}).get("progress", False)
        for page, r in pages.items():
            v = ratio(med(r, "server", size_key(big), "warm_ms"), med(r, "server", "real", "warm_ms"))
            name = f"server warm rerun at {big:,} rows ÷ real table"
            if with_progress and page in PROGRESS_PAGES:
                name = (
                    f"server warm rerun at {big:,} rows with a progress record per row and fiscal year "
                    "÷ real table with the demo progress"
                )
            add(
                name,
                page,
                v,
                LIMITS["server_scale"],
                "median ms ÷ median ms",
            )
    for table, m in memory.items():
        add(
            f"RSS after {m['sessions']} sessions ÷ after 1 ({table})",
            None,
            m["ratio_n_to_one"],
            LIMITS["rss_sessions"],
            "MB ÷ MB",
        )
        add(
            f"RSS after they close ÷ while open ({table})",
            None,
            m["ratio_closed_to_n"],
            LIMITS["rss_closed"],
            "MB ÷ MB",
        )
        add(
            f"RSS after {m['sessions']} more closed (median of {AGAIN_BATCHES} batches) ÷ after the first closed ({table})",
            None,
            m["ratio_closed_again_to_closed"],
            LIMITS["rss_closed"],
            "MB ÷ MB",
        )
        if m.get("ratio_distinct") is not None:
            a, b = m["distinct_states"]
            add(
                f"RSS after {b} distinct broad filters ÷ after {a} ({table})",
                None,
                m["ratio_distinct"],
                LIMITS["rss_distinct"],
                "MB ÷ MB",
            )
    return out


def _fmt(s: dict | None) -> str:
    if not s or s.get("median") is None:
        return "—" if not s or not s.get("failed") else f"failed ×{s['failed']}"
    if s["n"] == 1:
        return f"{s['median']:,.0f}"
    return f"{s['median']:,.0f} ({s['min']:,.0f}–{s['max']:,.0f})"


def _x(v: float | None) -> str:
    return "—" if v is None else f"{v:.2f}×"


def _xr(s: dict | None) -> str:
    """A ratio's median (min–max)."""
    if not s or s.get("median") is None:
        return "—"
    return f"{s['median']:.2f}×" if s["n"] == 1 else f"{s['median']:.2f}× ({s['min']:.2f}–{s['max']:.2f})"


def tables_md(result: dict) -> str:
    floors, pages = result["floors"], result["pages"]
    a_cold, a_warm = med(floors, FLOOR_A, "server", "cold_ms"), med(floors, FLOOR_A, "server", "warm_ms")
    b_cold, b_warm = med(floors, FLOOR_B, "server", "cold_ms"), med(floors, FLOOR_B, "server", "warm_ms")
    lines = [
        "Server script run, ms — median (min–max); rerun sent → script_finished, fresh server per repetition",
        "",
        "cold: first run of a fresh server; warm: rerun after choosing an area (CPU: server process CPU time);",
        "new visitor: a second session's first run on the warmed process",
        "",
        "| page | rows | cold | new visitor | warm (filter change) | warm CPU | warm ÷ A | warm ÷ B "
        "| warm ÷ same page, real | KB sent (warm) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in floors:
        s = floors[name]["server"]
        lines.append(
            f"| {name} | {'—' if name == FLOOR_A else 155} | {_fmt(s['cold_ms'])} | {_fmt(s['visit_ms'])} | "
            f"{_fmt(s['warm_ms'])} | {_fmt(s['warm_cpu_ms'])} | "
            f"{_x(ratio(med(s, 'warm_ms'), a_warm))} | {_x(ratio(med(s, 'warm_ms'), b_warm))} | — | "
            f"{_fmt(s['warm_kb_sent'])} |"
        )
    for page, r in pages.items():
        real_warm = med(r, "server", "real", "warm_ms")
        for key, s in r["server"].items():
            w = med(s, "warm_ms")
            lines.append(
                f"| {page} | {s['rows']:,} | {_fmt(s['cold_ms'])} | {_fmt(s['visit_ms'])} | {_fmt(s['warm_ms'])} | "
                f"{_fmt(s['warm_cpu_ms'])} | {_x(ratio(w, a_warm))} | "
                f"{_x(ratio(w, b_warm))} | {_x(ratio(w, real_warm)) if key != 'real' else '—'} | "
                f"{_fmt(s['warm_kb_sent'])} |"
            )
    lines.append("")
    lines.append(f"(cold ÷ floor B cold for reference: B cold = {_fmt(floors[FLOOR_B]['server']['cold_ms'])} ms)")
    if b_cold is None and a_cold is None:
        lines.append("(floors not measured)")
    b = floors[FLOOR_B].get("browser")
    if b:
        b5 = floors.get(FLOOR_B5, {}).get("browser")
        lines += [
            "",
            "Browser (headless Chromium), ms — median (min–max); real table, a new visitor per repetition;",
            "busy = main-thread time in long tasks during the filter change",
            "",
            "paired = median over repetitions of (page ÷ the floor B visit just before it)",
            "",
            "| page | first load → charts drawn | ÷ B | paired | filter change → ready, redrawn | ÷ B | paired "
            "| ÷ B×5 | busy |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        rows = [(FLOOR_B, b), (FLOOR_B5, b5)] + [(p, r.get("browser")) for p, r in pages.items()]
        for name, br in rows:
            if not br:
                continue
            pr = br.get("paired_ratio_to_b", {})
            lines.append(
                f"| {name} | {_fmt(br['load_ms'])} | {_x(ratio(med(br, 'load_ms'), med(b, 'load_ms')))} | "
                f"{_xr(pr.get('load_ms'))} | {_fmt(br['filter_ms'])} | "
                f"{_x(ratio(med(br, 'filter_ms'), med(b, 'filter_ms')))} | {_xr(pr.get('filter_ms'))} | "
                f"{_x(ratio(med(br, 'filter_ms'), med(b5, 'filter_ms')))} | {_fmt(br.get('filter_busy_ms'))} |"
            )
    if result["memory"]:
        lines += [
            "",
            "Server RSS, MB",
            "",
            f"N more, closed: median of {AGAIN_BATCHES} batches; distinct: sessions each opening a new broad filter",
            "state (five areas, some phases) through the URL, after the app's frame cache is full and after 3× as many",
            f"(a server with closed sessions dropped after {DISTINCT_TTL_S} s instead of Streamlit's 120 s, so the cache is what stays)",
            "",
            "| table | idle | 1 session | N sessions open | N closed | N more, closed | N ÷ 1 | distinct, cache full | distinct, 3× |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for table, m in result["memory"].items():
            lines.append(
                f"| {table} (N = {m['sessions']}) | {m['idle']:.0f} | {m['one_session']:.0f} | {m['n_sessions']:.0f} | "
                f"{m['closed']:.0f} | {m['closed_again']:.0f} ({min(m['closed_again_samples']):.0f}–"
                f"{max(m['closed_again_samples']):.0f}) | {_x(m['ratio_n_to_one'])} | "
                f"{m['distinct_cap']:.0f} | {m['distinct_more']:.0f} |"
            )
    if result["targets"]:
        lines += [
            "",
            "Targets (ratios of medians, same run; browser rows also give the paired ratio)",
            "",
            "| target | page | value | paired | limit | met |",
            "|---|---|---:|---:|---:|---|",
        ]
        for t in result["targets"]:
            met = "—" if t["met"] is None else ("yes" if t["met"] else "**no**")
            paired = _x(t.get("paired")) if "paired" in t else ""
            lines.append(
                f"| {t['target']} | {t['page'] or ''} | {_x(t['value'])} | {paired} | {t['limit']:.2f}× | {met} |"
            )
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5, help="repetitions of every measurement (default 5)")
    parser.add_argument(
        "--sizes",
        default="0,10000,100000",
        help="table sizes, comma-separated; 0 is the real table (default 0,10000,100000)",
    )
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=PAGES, help="pages (default: all)")
    parser.add_argument("--sessions", type=int, default=20, help="sessions for the memory measurement (default 20)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="tiny run for smoke tests: no warm-up, memory on the real table with 3 sessions, no profile",
    )
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument(
        "--no-progress",
        action="store_true",
        help="serve every table with an empty progress database (default: the demo progress on the real table, "
        "a synthetic record per row and fiscal year on the synthetic ones)",
    )
    parser.add_argument("--run-timeout", type=float, default=300, help="seconds one script run may take (default 300)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"result file (default {DEFAULT_JSON})")
    parser.add_argument("--label", default="", help="a name for this run, kept in the JSON")
    args = parser.parse_args(argv)
    args.sizes = sorted({int(s) for s in str(args.sizes).split(",") if s.strip()})
    args.pages = [p for p in PAGES if p in args.pages]
    if args.quick:
        args.sessions = min(args.sessions, 3)
        args.no_profile = True
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    errors: list[dict] = []
    result: dict = {
        "label": args.label,
        "started": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        "machine": machine(CHROMIUM),
        "params": {
            "reps": args.reps,
            "sizes": args.sizes,
            "pages": args.pages,
            "sessions": args.sessions,
            "quick": args.quick,
            "browser": not args.no_browser,
            "memory": not args.no_memory,
            "profile": not args.no_profile,
            "progress": not args.no_progress,
            "limits": LIMITS,
        },
        "method": {
            "server": "websocket protocol client (appharness.wsclient): BackMsg rerun_script sent → ForwardMsg "
            "script_finished received, on `streamlit run` started as `make run` does; fresh server per repetition; "
            "cold = first run of the first session, warm = rerun after choosing an area (a filter value new to the process)",
            "browser": "Playwright + /usr/bin/chromium (appharness.browser, as the browser tests); new context per repetition; load = goto → "
            "first run finished + READY_JS + charts drawn (+ dataframe canvases); filter = click an area option → "
            "expect_rerun + charts drawn",
            "memory": "VmRSS of the server process, read once it is steady (4 samples within 0.5 %)",
        },
    }
    with tempfile.TemporaryDirectory(prefix="bench-tables-") as tmp:
        envs = prepare_data(args.sizes, Path(tmp), not args.no_progress)
        floors, pages = server_phase(args, envs, errors)
        result["floors"], result["pages"] = floors, pages
        if not args.no_browser:
            browser = browser_phase(args, envs[0], errors)
            for name in (FLOOR_B, FLOOR_B5):
                if name in browser:
                    result["floors"][name]["browser"] = browser.pop(name)
            for page, r in browser.items():
                result["pages"][page]["browser"] = r
        result["memory"] = {} if args.no_memory else memory_phase(args, envs, errors)
        result["profile"] = [] if args.no_profile else profile_phase(args, envs, errors)
    result["targets"] = targets(result, args.sizes)
    result["errors"] = errors
    result["seconds"] = round(time.monotonic() - started, 1)
    md = tables_md(result)
    result["table_markdown"] = md
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print()
    print(md)
    if result["profile"]:
        from bench.profile_pages import format_top

        print("\nProfiles (warm run = filter change, largest table):")
        for r in result["profile"]:
            print(format_top(r))
    m = result["machine"]
    print(
        f"\nmachine: {m['cpus']} cores, {m['mem_total_gib']} GiB, Python {m['python']}, streamlit {m['streamlit']}, "
        f"{m['chromium']}; load average at start {m['loadavg_at_start']}; {result['seconds']:.0f} s"
    )
    print(f"results: {args.json}")
    if errors:
        print(f"{len(errors)} measurement(s) failed; see 'errors' in the JSON", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
