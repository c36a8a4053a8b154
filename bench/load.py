"""Many users at once: a bounded, protocol-level load test of the dashboard (no browser).

    python -m bench.load [--concurrent 50] [--seconds 60] [--sequential 500] [--json bench/results/load.json]

Starts the app exactly as `make run` does (`python -m streamlit run app.py`) on a free loopback
port, from a snapshot of the working tree taken at the start (app.py, views/, src/, assets/,
.streamlit/, data/initiatives.parquet; `--live` serves the tree itself: then an edit made during
the run makes Streamlit reload the changed modules under load; appharness.server), and plays
sessions against it the way the browser's Streamlit client does (appharness.wsclient):

  1. GET /_stcore/health (which sets the `_streamlit_xsrf` cookie) and GET /_stcore/host-config;
  2. open ws://127.0.0.1:<port>/_stcore/stream with the subprotocols ["streamlit", <xsrf token>],
     the cookie and a same-origin Origin header (binary protobuf frames both ways);
  3. send a BackMsg `rerun_script` (ClientState: query_string, page_name of the URL path, empty
     page_script_hash, context_info, cached_message_hashes) and read ForwardMsgs up to
     `script_finished`: new_session, navigation (the page's script hash), page_info_changed (the
     URL's new query string), deltas (widgets: their ids and values; `ref_hash` answers resolved
     from the session's own message cache, as the browser does);
  4. change a filter twice like a user: a `rerun_script` with the page's script hash, the current
     query string and every widget's state, once with an area chosen in `w_area`, once with a
     search typed in `w_q` (widgets are found by the user key their id ends with);
  5. close the websocket.

Sessions rotate over the five pages, with and without query parameters. Scenarios: warm-up
(sequential), `--concurrent` sessions at once for `--seconds` (each worker loops sessions), then
`--sequential` sessions one after another. Errors (must be 0): exception deltas, a script_finished
other than FINISHED_SUCCESSFULLY, page_not_found, a compile error event, a ForwardMsg cache miss,
disconnects, timeouts, failed connections, a filter change that does not reach the URL the app
writes back, and tracebacks or ERROR lines in the server's log.
The server's RSS (VmRSS of its pid) is sampled every second; the warm baseline is taken after the
warm-up, the final value after every session has closed and the RSS has settled. Pass: no errors,
script runs happened, final RSS <= baseline + 10 %. Loopback only, bounded in time; the server is
stopped by its pid at the end. Exit status: 0 pass, 1 a criterion failed, 2 the server did not start.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import re
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

from websockets.exceptions import ConnectionClosed

from appharness.server import ROOT, AppServer, ServerError, cpu_seconds, rss_kb, settle_rss, snapshot
from appharness.wsclient import Run, RunError, Session
from bench.machine import machine

DEFAULT_JSON = ROOT / "bench" / "results" / "load.json"

# What a session does. "" is the default page (概要); the others are url_path values in app.py.
PAGES = ("", "timeline", "matrix", "actors", "explore")
QUERY_VARIANTS = ("", "area=su&phase=2026", "actor=members&lang=en")
SEARCH_TERMS = ("万博", "スタートアップ", "ＥＸＰＯ", "該当しない語句")
AREA_KEY, QUERY_KEY = "w_area", "w_q"
RSS_TOLERANCE = 0.10  # final RSS may exceed the warm baseline by at most this fraction

SERVER_LOG_ERROR = re.compile(r"Traceback \(most recent call last\)|\bERROR\b|\bCRITICAL\b")


@dataclass(frozen=True)
class Scenario:
    """One session's script: which page, which URL query, which area and search to choose."""

    page: str
    query: str
    area_index: int
    term: str

    @property
    def label(self) -> str:
        return "/" + self.page + (f"?{self.query}" if self.query else "")


def scenarios() -> list[Scenario]:
    """15 sessions: every page × every query variant; between them all areas and all search terms."""
    out = []
    for v, query in enumerate(QUERY_VARIANTS):
        for p, page in enumerate(PAGES):
            out.append(Scenario(page, query, (p + 2 * v) % 6, SEARCH_TERMS[(p + v) % len(SEARCH_TERMS)]))
    return out


@dataclass
class Stats:
    """What one scenario measured."""

    name: str
    sessions: int = 0
    script_runs: int = 0
    rtts_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    error_samples: list[dict] = field(default_factory=list)
    started: float = 0.0
    seconds: float = 0.0
    server_cpu_s: float = 0.0
    client_cpu_s: float = 0.0
    source_changes: int = 0  # script_changed_on_disk events: someone edited the app during the run
    cache_refs: int = 0  # ForwardMsgs the server sent as ref_hash (answered from the session cache)

    def error(self, kind: str, detail: str, scenario: Scenario) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        if len(self.error_samples) < 20:
            self.error_samples.append({"kind": kind, "detail": detail[:500], "session": scenario.label})

    @property
    def n_errors(self) -> int:
        return sum(self.errors.values())

    def summary(self) -> dict:
        return {
            "name": self.name,
            "sessions": self.sessions,
            "script_runs": self.script_runs,
            "errors": self.n_errors,
            "errors_by_kind": dict(self.errors),
            "error_samples": self.error_samples,
            "rtt_ms": {
                "p50": percentile(self.rtts_ms, 0.50),
                "p95": percentile(self.rtts_ms, 0.95),
                "max": round(max(self.rtts_ms), 1) if self.rtts_ms else None,
            },
            "seconds": round(self.seconds, 1),
            "sessions_per_s": round(self.sessions / self.seconds, 2) if self.seconds else None,
            "server_cpu_s": round(self.server_cpu_s, 1),
            "client_cpu_s": round(self.client_cpu_s, 1),
            "source_changes_seen": self.source_changes,
            "ref_hash_messages": self.cache_refs,
        }


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(q * len(ordered)) - 1)], 1)


# --------------------------------------------------------------------------- a session


async def choose_area(session: Session, index: int) -> Run:
    run = await session.choose(AREA_KEY, index)
    expect_in_url(session, "area")
    return run


async def search(session: Session, term: str) -> Run:
    run = await session.type_text(QUERY_KEY, term)
    expect_in_url(session, "q")
    return run


def expect_in_url(session: Session, param: str) -> None:
    """The app writes its filter into the URL: a change that took effect shows there."""
    if param not in parse_qs(session.query):
        raise RunError("filter_not_applied", f"{param!r} not in the URL query {session.query!r}")


async def run_session(
    port: int, scenario: Scenario, stats: Stats, run_timeout: float, session_cls: type[Session] = Session
) -> None:
    """connect → load the page → choose an area → search → disconnect; counts into `stats`.
    `session_cls`: a Session subclass (bench.deploy's goes through the proxy with its affinity cookie)."""
    stats.sessions += 1
    session = session_cls(port, run_timeout=run_timeout, connect_timeout=run_timeout)
    try:
        await session.connect()
        try:
            steps = (
                lambda: session.load(scenario.page, scenario.query),
                lambda: choose_area(session, scenario.area_index),
                lambda: search(session, scenario.term),
            )
            for step in steps:
                run = await step()
                stats.script_runs += 1
                stats.rtts_ms.append(run.ms)
                stats.cache_refs += run.cache_refs
                stats.source_changes += run.source_changes
            if not session.got_new_session:
                raise RunError("protocol", "no new_session message")
        finally:
            await session.close()
    except RunError as exc:
        stats.error(exc.kind, exc.detail, scenario)
    except (OSError, TimeoutError) as exc:
        stats.error("connect", f"{type(exc).__name__}: {exc}", scenario)
    except ConnectionClosed as exc:
        stats.error("disconnect", str(exc), scenario)


# --------------------------------------------------------------------------- the server


def log_errors(server: AppServer) -> list[str]:
    """Lines of the server's output that show a failure (tracebacks, ERROR or CRITICAL log lines)."""
    return [line for line in server.log_text().splitlines() if SERVER_LOG_ERROR.search(line)]


class RssSampler(threading.Thread):
    """VmRSS of the server every second, tagged with the phase it was taken in."""

    def __init__(self, pid: int, interval: float = 1.0):
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.phase = "start"
        self.samples: list[tuple[float, int, str]] = []  # (seconds since start, kB, phase)
        self._stop_event = threading.Event()
        self._t0 = time.monotonic()

    def run(self) -> None:
        while not self._stop_event.is_set():
            kb = rss_kb(self.pid)
            if kb is not None:
                self.samples.append((round(time.monotonic() - self._t0, 1), kb, self.phase))
            self._stop_event.wait(self.interval)

    def stop(self) -> None:
        self._stop_event.set()
        self.join(5)

    def latest(self) -> int:
        return self.samples[-1][1] if self.samples else (rss_kb(self.pid) or 0)


# --------------------------------------------------------------------------- the scenarios


async def concurrent(
    port: int, n: int, seconds: float, stats: Stats, run_timeout: float, session_cls: type[Session] = Session
) -> None:
    """`n` workers, each looping whole sessions until `seconds` have passed (no new session after)."""
    plan = scenarios()
    counter = itertools.count()
    deadline = time.monotonic() + seconds

    async def worker() -> None:
        while time.monotonic() < deadline:
            i = next(counter)
            await run_session(port, plan[i % len(plan)], stats, run_timeout, session_cls)

    await asyncio.gather(*(worker() for _ in range(n)))


async def sequential(
    port: int, n: int, stats: Stats, run_timeout: float, offset: int = 0, session_cls: type[Session] = Session
) -> None:
    plan = scenarios()
    for i in range(n):
        await run_session(port, plan[(offset + i) % len(plan)], stats, run_timeout, session_cls)


def timed(stats: Stats, pid: int, fn) -> Stats:
    cpu0, own0, t0 = cpu_seconds(pid), time.process_time(), time.monotonic()
    stats.started = t0
    fn()
    stats.seconds = time.monotonic() - t0
    stats.server_cpu_s = cpu_seconds(pid) - cpu0
    stats.client_cpu_s = time.process_time() - own0
    return stats


# --------------------------------------------------------------------------- report


def _ms(v: float | None) -> str:
    return "—" if v is None else f"{v:,.0f}"


def table(result: dict) -> str:
    rows = [
        "| scenario | sessions | script runs | errors | p50 ms | p95 ms | max ms | time s | CPU s server / client |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in result["scenarios"]:
        r = s["rtt_ms"]
        rows.append(
            f"| {s['name']} | {s['sessions']:,} | {s['script_runs']:,} | {s['errors']:,} | {_ms(r['p50'])} | "
            f"{_ms(r['p95'])} | {_ms(r['max'])} | {s['seconds']:.0f} | {s['server_cpu_s']:.0f} / {s['client_cpu_s']:.0f} |"
        )
    m = result["rss"]
    rows += [
        "",
        "| server RSS | MB |",
        "|---|---:|",
        f"| at start (after the first page load) | {m['start_mb']:.0f} |",
        f"| warm baseline (after warm-up, settled) | {m['baseline_mb']:.0f} |",
        f"| peak | {m['peak_mb']:.0f} |",
        f"| final (all sessions closed, settled) | {m['final_mb']:.0f} ({m['change_pct']:+.1f} %) |",
    ]
    return "\n".join(rows)


def rss_timeline(samples: list[tuple[float, int, str]], every: float = 10.0) -> str:
    """The RSS samples, one per `every` seconds (and each phase's first), for reading at a glance."""
    out, last = [], -every
    phase = None
    for t, kb, ph in samples:
        if t - last >= every or ph != phase:
            out.append(f"{t:>6.0f} s  {kb / 1024:7.1f} MB  {ph}")
            last, phase = t, ph
    return "\n".join(out)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--concurrent", type=int, default=50, help="sessions at once (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="how long the concurrent phase runs (default 60)")
    parser.add_argument("--sequential", type=int, default=500, help="sessions one after another (default 500)")
    parser.add_argument("--warmup", type=int, default=len(scenarios()), help="warm-up sessions before the baseline")
    parser.add_argument("--run-timeout", type=float, default=60, help="seconds a script run may take (default 60)")
    parser.add_argument("--settle", type=float, default=60, help="at most this long for the RSS to settle")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"result file (default {DEFAULT_JSON})")
    parser.add_argument("--python", default=sys.executable, help="the Python that runs streamlit")
    parser.add_argument(
        "--live",
        action="store_true",
        help="serve the working tree itself (default: a snapshot of it taken at the start, so that "
        "edits made while the test runs do not reload the app's modules under load)",
    )
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill <pid>` stops the server too (finally below)

    args.json.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="load-app-") as snap:
        if args.live:  # with the file watcher, as `make run`: an edit reloads the app under load
            server = AppServer("app.py", python=args.python, watch=True)
        else:  # the snapshot's own `dashboard` package first on the path
            app_dir = snapshot(Path(snap))
            server = AppServer("app.py", python=args.python, cwd=app_dir, pythonpath=[app_dir / "src"])
        print(f"starting in {server.cwd}: {' '.join(server.cmd)}  (log: {server.stderr_path})", flush=True)
        try:
            server.start()
        except ServerError as exc:
            print(exc, file=sys.stderr)
            return 2
        return _measure(args, server)


def _measure(args: argparse.Namespace, server: AppServer) -> int:
    """The scenarios against a started server; stops it; prints and writes the result."""
    sampler = RssSampler(server.pid)
    sampler.start()
    results: list[Stats] = []
    try:
        t = args.run_timeout
        sampler.phase = "warm-up"
        first = Stats("first page load")
        timed(first, server.pid, lambda: asyncio.run(sequential(server.port, 1, first, t)))
        start_kb = sampler.latest()
        warm = Stats(f"warm-up ({args.warmup} sequential)")
        timed(warm, server.pid, lambda: asyncio.run(sequential(server.port, args.warmup, warm, t, offset=1)))
        results += [first, warm]
        sampler.phase = "baseline"
        baseline_kb = settle_rss(server.pid, args.settle, window=5, interval=1.0)
        print(f"warm baseline RSS {baseline_kb / 1024:.1f} MB", flush=True)

        sampler.phase = "concurrent"
        conc = Stats(f"{args.concurrent} concurrent × {args.seconds:g} s")
        timed(conc, server.pid, lambda: asyncio.run(concurrent(server.port, args.concurrent, args.seconds, conc, t)))
        results.append(conc)
        print(f"{conc.name}: {conc.sessions} sessions, {conc.n_errors} errors", flush=True)

        sampler.phase = "sequential"
        seq = Stats(f"{args.sequential} sequential")
        timed(seq, server.pid, lambda: asyncio.run(sequential(server.port, args.sequential, seq, t)))
        results.append(seq)
        print(f"{seq.name}: {seq.sessions} sessions, {seq.n_errors} errors", flush=True)

        sampler.phase = "settle"
        final_kb = settle_rss(server.pid, args.settle, window=5, interval=1.0)
    finally:
        sampler.stop()
        server.stop()

    errors_logged = log_errors(server)
    peak_kb = max((kb for _, kb, _ in sampler.samples), default=0)
    change = (final_kb - baseline_kb) / baseline_kb if baseline_kb else float("inf")
    total_errors = sum(s.n_errors for s in results) + len(errors_logged)
    total_runs = sum(s.script_runs for s in results)
    checks = {
        "no_errors": total_errors == 0,
        "script_runs_happened": total_runs > 0 and all(s.script_runs > 0 for s in results[2:]),
        "final_rss_within_10pct_of_baseline": change <= RSS_TOLERANCE,
    }
    result = {
        "machine": machine(),
        "params": {
            "concurrent": args.concurrent,
            "seconds": args.seconds,
            "sequential": args.sequential,
            "warmup": args.warmup,
            "run_timeout": args.run_timeout,
            "pages": ["/" + p for p in PAGES],
            "query_variants": list(QUERY_VARIANTS),
            "search_terms": list(SEARCH_TERMS),
            "server_command": server.cmd,
            "app": "working tree (live)" if args.live else "snapshot of the working tree at the start",
        },
        "scenarios": [s.summary() for s in results],
        "server_log_errors": errors_logged[:50],
        "totals": {
            "sessions": sum(s.sessions for s in results),
            "script_runs": total_runs,
            "errors": total_errors,
            "source_changes_seen": sum(s.source_changes for s in results),
        },
        "rss": {
            "start_mb": round(start_kb / 1024, 1),
            "baseline_mb": round(baseline_kb / 1024, 1),
            "peak_mb": round(peak_kb / 1024, 1),
            "final_mb": round(final_kb / 1024, 1),
            "change_pct": round(change * 100, 2),
            "tolerance_pct": RSS_TOLERANCE * 100,
            "samples": [{"t": t_, "rss_mb": round(kb / 1024, 1), "phase": ph} for t_, kb, ph in sampler.samples],
        },
        "checks": checks,
        "passed": all(checks.values()),
    }
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print()
    print(table(result))
    print()
    print("server RSS over time:")
    print(rss_timeline(sampler.samples))
    changes = sum(s.source_changes for s in results)
    if changes:
        print(f"\nnote: the app's source changed on disk during the run ({changes} script_changed_on_disk events)")
    if errors_logged:
        print(f"\nserver log: {len(errors_logged)} error line(s), e.g. {errors_logged[0]}")
    for s in result["scenarios"]:
        for e in s["error_samples"][:5]:
            print(f"  error in {s['name']}: {e['kind']} {e['session']}: {e['detail']}")
    print()
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    print(f"results: {args.json}")
    if result["passed"]:
        server.remove_logs()
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
