"""Many users at once: a bounded, protocol-level load test of the dashboard (no browser).

    python bench/load.py [--concurrent 50] [--seconds 60] [--sequential 500] [--json bench/results/load.json]

Starts the app exactly as `make run` does (`python -m streamlit run app.py`) on a free loopback
port, from a snapshot of the working tree taken at the start (app.py, views/, src/, assets/,
.streamlit/, data/initiatives.parquet; `--live` serves the tree itself: then an edit made during
the run makes Streamlit reload the changed modules under load), and plays sessions against it the
way the browser's Streamlit client does:

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
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

from serverctl import HOST, ROOT, cpu_seconds, free_port, rss_kb
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.exceptions import ConnectionClosed, InvalidHandshake
from wsclient import (  # the protocol pieces shared with the benchmark's client
    _HEADERS_KW,
    FINISHED_OK,
    STATUS_NAMES,
    WIDGET_TYPES,
    http_get,
    initial_state,
    ws_connect,
)

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


class SessionError(Exception):
    """Something a user would see as broken: `kind` is one of the error kinds counted."""

    def __init__(self, kind: str, detail: str):
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}")


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


# --------------------------------------------------------------------------- the protocol


class Session:
    """One browser tab's worth of protocol: the websocket, widget states, the message cache."""

    def __init__(self, ws, port: int, run_timeout: float, stats: Stats):
        self.ws = ws
        self.stats = stats
        self.port = port
        self.run_timeout = run_timeout
        self.page_hash = ""
        self.query = ""
        self.widgets: dict[str, WidgetState] = {}  # widget id → state the browser would send
        self.protos: dict[str, object] = {}  # widget id → its last element proto
        self.cache: dict[str, tuple[ForwardMsg, int]] = {}  # hash → (message, run count when seen)
        self.max_cache_age = 2
        self.runs = 0
        self.got_new_session = False

    def _context(self, msg: BackMsg, page_name: str) -> None:
        info = msg.rerun_script.context_info
        info.timezone = "Asia/Tokyo"
        info.timezone_offset = -540
        info.locale = "ja-JP"
        info.url = f"http://{HOST}:{self.port}/{page_name}" + (f"?{self.query}" if self.query else "")
        info.is_embedded = False
        info.color_scheme = "light"

    async def rerun(self, page_name: str | None = None) -> float:
        """Send a rerun (a first page load when page_name is given); ms until script_finished."""
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        if page_name is not None:  # first load: the URL path names the page, no hash known yet
            cs.page_name = page_name
            cs.page_script_hash = ""
        else:
            cs.page_script_hash = self.page_hash
            cs.widget_states.widgets.extend(self.widgets.values())
        cs.cached_message_hashes.extend(self.cache)
        self._context(msg, page_name if page_name is not None else "")
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        seen: set[str] = set()
        deadline = t0 + self.run_timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise SessionError("timeout", f"no script_finished within {self.run_timeout:.0f} s")
            try:
                raw = await asyncio.wait_for(self.ws.recv(), left)
            except TimeoutError:
                raise SessionError("timeout", f"no script_finished within {self.run_timeout:.0f} s") from None
            except ConnectionClosed as exc:
                raise SessionError("disconnect", f"server closed the websocket: {exc}") from None
            if isinstance(raw, str):
                raise SessionError("protocol", "text frame from the server")
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            if fwd.WhichOneof("type") == "ref_hash":
                cached = self.cache.get(fwd.ref_hash)
                if cached is None:
                    raise SessionError("cache_miss", f"ref_hash {fwd.ref_hash} not in the session cache")
                fwd = cached[0]
                self.stats.cache_refs += 1
            elif fwd.metadata.cacheable and fwd.hash:
                self.cache[fwd.hash] = (fwd, self.runs)
            if fwd.hash in self.cache:
                self.cache[fwd.hash] = (fwd, self.runs)  # used this run: not expired
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.got_new_session = True
                if fwd.new_session.config.max_cached_message_age:
                    self.max_cache_age = fwd.new_session.config.max_cached_message_age
            elif kind == "navigation":
                self.page_hash = fwd.navigation.page_script_hash
            elif kind == "page_info_changed":
                self.query = fwd.page_info_changed.query_string
            elif kind == "page_not_found":
                raise SessionError("page_not_found", fwd.page_not_found.page_name)
            elif kind == "session_event":
                event = fwd.session_event.WhichOneof("type")
                if event == "script_compilation_exception":
                    raise SessionError("exception", fwd.session_event.script_compilation_exception.message)
                if event == "script_changed_on_disk":
                    self.stats.source_changes += 1
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                self._element(fwd.delta.new_element, seen)
            elif kind == "script_finished":
                rtt = (time.perf_counter() - t0) * 1000
                if fwd.script_finished != FINISHED_OK:
                    name = STATUS_NAMES.get(fwd.script_finished, str(fwd.script_finished))
                    raise SessionError("script_finished", name)
                self._finish_run(seen)
                return rtt

    def _element(self, element, seen: set[str]) -> None:
        kind = element.WhichOneof("type")
        if kind == "exception":
            e = element.exception
            raise SessionError("exception", f"{e.type}: {e.message}"[:500])
        if kind not in WIDGET_TYPES:
            return
        proto = getattr(element, kind)
        seen.add(proto.id)
        self.protos[proto.id] = proto
        if proto.id not in self.widgets or getattr(proto, "set_value", False):
            state = initial_state(kind, proto)
            if state is not None:
                self.widgets[proto.id] = state

    def _finish_run(self, seen: set[str]) -> None:
        """As the browser does after a run: forget widgets that were not drawn, age the cache."""
        self.runs += 1
        for wid in [w for w in self.widgets if w not in seen]:
            del self.widgets[wid]
        for h in [h for h, (_, run) in self.cache.items() if self.runs - run > self.max_cache_age]:
            del self.cache[h]

    def widget_id(self, key: str) -> str:
        for wid in self.widgets:
            if wid.endswith("-" + key):
                return wid
        raise SessionError("widget_missing", f"no widget with key {key!r} in the last run")

    async def choose_area(self, index: int) -> float:
        wid = self.widget_id(AREA_KEY)
        options = list(self.protos[wid].options)
        state = WidgetState(id=wid)
        state.string_array_value.data.append(options[index % len(options)])
        self.widgets[wid] = state
        rtt = await self.rerun()
        self._expect_in_url("area")
        return rtt

    async def search(self, term: str) -> float:
        wid = self.widget_id(QUERY_KEY)
        self.widgets[wid] = WidgetState(id=wid, string_value=term)
        rtt = await self.rerun()
        self._expect_in_url("q")
        return rtt

    def _expect_in_url(self, param: str) -> None:
        """The app writes its filter into the URL: a change that took effect shows there."""
        if param not in parse_qs(self.query):
            raise SessionError("filter_not_applied", f"{param!r} not in the URL query {self.query!r}")


async def run_session(port: int, scenario: Scenario, stats: Stats, run_timeout: float) -> None:
    """connect → load the page → choose an area → search → disconnect; counts into `stats`."""
    stats.sessions += 1
    try:
        status, headers = await http_get(port, "/_stcore/health", None, run_timeout)
        if status != 200:
            raise SessionError("connect", f"/_stcore/health answered {status}")
        cookie = headers.get("set-cookie", "").split(";", 1)[0]
        token = cookie.split("=", 1)[1] if "=" in cookie else "PLACEHOLDER_AUTH_TOKEN"
        status, _ = await http_get(port, "/_stcore/host-config", cookie, run_timeout)
        if status != 200:
            raise SessionError("connect", f"/_stcore/host-config answered {status}")
        kwargs = {_HEADERS_KW: {"Cookie": cookie} if cookie else {}}
        try:
            ws = await ws_connect(
                f"ws://{HOST}:{port}/_stcore/stream",
                subprotocols=["streamlit", token],
                origin=f"http://{HOST}:{port}",
                max_size=None,
                ping_interval=None,
                open_timeout=run_timeout,
                close_timeout=10,
                **kwargs,
            )
        except (OSError, InvalidHandshake, TimeoutError) as exc:
            raise SessionError("connect", f"websocket: {type(exc).__name__}: {exc}") from None
        try:
            if ws.subprotocol != "streamlit":
                raise SessionError("protocol", f"subprotocol {ws.subprotocol!r}")
            session = Session(ws, port, run_timeout, stats)
            session.query = scenario.query
            steps = (
                lambda: session.rerun(page_name=scenario.page),
                lambda: session.choose_area(scenario.area_index),
                lambda: session.search(scenario.term),
            )
            for step in steps:
                rtt = await step()
                stats.script_runs += 1
                stats.rtts_ms.append(rtt)
            if not session.got_new_session:
                raise SessionError("protocol", "no new_session message")
        finally:
            await ws.close()
    except SessionError as exc:
        stats.error(exc.kind, exc.detail, scenario)
    except (OSError, TimeoutError) as exc:
        stats.error("connect", f"{type(exc).__name__}: {exc}", scenario)
    except ConnectionClosed as exc:
        stats.error("disconnect", str(exc), scenario)


# --------------------------------------------------------------------------- the server


SNAPSHOT_ITEMS = ("app.py", "views", "src", "assets", ".streamlit", "data/initiatives.parquet")


def snapshot(dest: Path) -> Path:
    """A copy of the app as it is now, so edits made during the run cannot reload modules under load."""
    for item in SNAPSHOT_ITEMS:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, dest / item, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif src.is_file():
            (dest / item).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / item)
    return dest


class Server:
    """`python -m streamlit run app.py` on a free loopback port, as `make run` starts it.

    `app_dir` is the project root (live) or a snapshot of it; with a snapshot, its `src` comes
    first on PYTHONPATH so the server imports the copied `dashboard` package, not the working tree's.
    """

    def __init__(self, python: str, log_path: Path, app_dir: Path = ROOT):
        self.port = free_port()
        self.log_path = log_path
        self.app_dir = app_dir
        self.cmd = [
            python,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(self.port),
            "--server.address",
            HOST,
        ]
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> None:
        self._log = open(self.log_path, "wb")  # closed in stop()
        env = dict(os.environ)
        if self.app_dir != ROOT:
            env["PYTHONPATH"] = os.pathsep.join(p for p in (str(self.app_dir / "src"), env.get("PYTHONPATH")) if p)
        self.proc = subprocess.Popen(self.cmd, cwd=self.app_dir, env=env, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                status, _ = asyncio.run(http_get(self.port, "/_stcore/health", None, 2))
                if status == 200:
                    return
            except (OSError, TimeoutError, ValueError, IndexError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"the server did not answer /_stcore/health within {timeout:.0f} s:\n{self.log_tail()}")

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if getattr(self, "_log", None):
            self._log.close()

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def log_tail(self, n: int = 30) -> str:
        return "\n".join(self.log_text().splitlines()[-n:])

    def log_errors(self) -> list[str]:
        return [line for line in self.log_text().splitlines() if SERVER_LOG_ERROR.search(line)]


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


def settle(sampler: RssSampler, max_seconds: float, window: int = 5, tolerance: float = 0.005) -> int:
    """Wait until the last `window` samples agree within `tolerance` (bounded); the last RSS in kB."""
    start = len(sampler.samples)
    deadline = time.monotonic() + max_seconds
    while time.monotonic() < deadline:
        recent = [kb for _, kb, _ in sampler.samples[start:]][-window:]
        if len(recent) >= window and (max(recent) - min(recent)) <= tolerance * max(recent):
            break
        time.sleep(0.5)
    return sampler.latest()


# --------------------------------------------------------------------------- the scenarios


async def concurrent(port: int, n: int, seconds: float, stats: Stats, run_timeout: float) -> None:
    """`n` workers, each looping whole sessions until `seconds` have passed (no new session after)."""
    plan = scenarios()
    counter = itertools.count()
    deadline = time.monotonic() + seconds

    async def worker() -> None:
        while time.monotonic() < deadline:
            i = next(counter)
            await run_session(port, plan[i % len(plan)], stats, run_timeout)

    await asyncio.gather(*(worker() for _ in range(n)))


async def sequential(port: int, n: int, stats: Stats, run_timeout: float, offset: int = 0) -> None:
    plan = scenarios()
    for i in range(n):
        await run_session(port, plan[(offset + i) % len(plan)], stats, run_timeout)


def timed(stats: Stats, pid: int, fn) -> Stats:
    cpu0, own0, t0 = cpu_seconds(pid), time.process_time(), time.monotonic()
    stats.started = t0
    fn()
    stats.seconds = time.monotonic() - t0
    stats.server_cpu_s = cpu_seconds(pid) - cpu0
    stats.client_cpu_s = time.process_time() - own0
    return stats


# --------------------------------------------------------------------------- report


def machine() -> dict:
    import streamlit

    mem_kb = None
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem_kb = int(next(line for line in fh if line.startswith("MemTotal:")).split()[1])
    except (OSError, StopIteration, ValueError):
        pass
    return {
        "cpus": os.cpu_count(),
        "mem_total_gb": round(mem_kb / 1024 / 1024, 1) if mem_kb else None,
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "platform": platform.platform(),
    }


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
    parser = argparse.ArgumentParser(prog="python bench/load.py", description=__doc__.splitlines()[0])
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
    log_path = Path(tempfile.gettempdir()) / f"load-server-{os.getpid()}.log"
    with tempfile.TemporaryDirectory(prefix="load-app-") as snap:
        app_dir = ROOT if args.live else snapshot(Path(snap))
        server = Server(args.python, log_path, app_dir)
        print(f"starting in {app_dir}: {' '.join(server.cmd)}  (log: {log_path})", flush=True)
        try:
            server.start()
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            server.stop()
            return 2
        return _measure(args, server, log_path)


def _measure(args: argparse.Namespace, server: Server, log_path: Path) -> int:
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
        baseline_kb = settle(sampler, args.settle)
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
        final_kb = settle(sampler, args.settle)
    finally:
        sampler.stop()
        server.stop()

    log_errors = server.log_errors()
    peak_kb = max((kb for _, kb, _ in sampler.samples), default=0)
    change = (final_kb - baseline_kb) / baseline_kb if baseline_kb else float("inf")
    total_errors = sum(s.n_errors for s in results) + len(log_errors)
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
        "server_log_errors": log_errors[:50],
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
    if log_errors:
        print(f"\nserver log: {len(log_errors)} error line(s), e.g. {log_errors[0]}")
    for s in result["scenarios"]:
        for e in s["error_samples"][:5]:
            print(f"  error in {s['name']}: {e['kind']} {e['session']}: {e['detail']}")
    print()
    for name, ok in checks.items():
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    print(f"results: {args.json}")
    if result["passed"]:
        log_path.unlink(missing_ok=True)
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
