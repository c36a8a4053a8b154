"""The serving stack measured: first loads direct vs through the proxy, and the load test over 1 and 2 replicas.

    python -m bench.deploy [--reps 1] [--pages / /timeline /explore] [--seconds 45] [--concurrent 50]
                           [--json bench/results/deploy.json]          (make bench-deploy)

1. Browser (headless Chromium, appharness.browser's readiness rules): for each page, network and
   repetition a new visitor (fresh context: empty cache, new session) opens the page directly on a
   Streamlit server and through nginx → HAProxy → one replica; time to ready (first run finished, every
   chart and table drawn), bytes (encoded, as transferred: `Network.loadingFinished`) and HTTP requests,
   read from the Chrome DevTools Protocol. Networks: unthrottled and `Network.emulateNetworkConditions`
   at 10 Mbit/s with 40 ms latency and 2 Mbit/s with 100 ms. Then a warm revisit: a second tab of the
   same visitor (its cache filled by the first).
2. Load (bench.load's sessions over Streamlit's websocket protocol, through nginx with the affinity
   cookie): `--concurrent` sessions at once for `--seconds`, against 1 and then 2 replicas on one
   PostgreSQL (tests/pg.py's throw-away server): sessions/s, script runs/s, p50/p95 per interaction,
   errors, RSS and CPU per replica, and the load generator's own CPU (it shares the machine's cores).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from appharness.server import HOST, AppServer, cpu_seconds, rss_kb
from appharness.wsclient import RunError, Session, http_get_lines
from bench.load import RssSampler, Stats, concurrent, percentile, sequential
from bench.machine import machine
from bench.run import PAGE_ELEMENTS

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_JSON = ROOT / "bench" / "results" / "deploy.json"
PAGES = ("/", "/timeline", "/explore")
# name → (bits per second, latency ms); None: no emulation
NETWORKS = {"unthrottled": None, "10 Mbit/s, 40 ms": (10e6, 40), "2 Mbit/s, 100 ms": (2e6, 100)}
TIMEOUT_MS = 240_000
TARGETS = {"bytes_ratio": 0.40, "time_ratio_10m": 0.45, "throughput_ratio": 1.5, "p95_ratio": 0.7}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------ browser


class _Traffic:
    """HTTP requests and encoded bytes of one page, from its DevTools session."""

    def __init__(self, cdp) -> None:
        self.requests = 0
        self.bytes = 0
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.loadingFinished", self._finished)

    def _sent(self, event: dict) -> None:
        if event.get("type") != "WebSocket":
            self.requests += 1

    def _finished(self, event: dict) -> None:
        self.bytes += int(event.get("encodedDataLength", 0))


def _open(context, url: str, charts: int, tables: int, network) -> dict:
    from appharness.browser import wait_first_run, wait_for_charts
    from bench.browserbench import TABLES_DRAWN_JS

    page = context.new_page()
    cdp = context.new_cdp_session(page)
    traffic = _Traffic(cdp)
    cdp.send("Network.enable")
    if network:
        bps, latency = network
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": latency, "downloadThroughput": bps / 8, "uploadThroughput": bps / 8},
        )
    t0 = time.perf_counter()
    page.goto(url, timeout=TIMEOUT_MS)
    wait_first_run(page, TIMEOUT_MS)
    if charts:
        wait_for_charts(page, charts, timeout=TIMEOUT_MS)
    if tables:
        page.wait_for_function(TABLES_DRAWN_JS, arg=tables, timeout=TIMEOUT_MS)
    ms = (time.perf_counter() - t0) * 1000
    return {"ms": round(ms), "bytes": traffic.bytes, "requests": traffic.requests}


def visit(browser, url: str, page_path: str, network) -> dict:
    """A new visitor's first load and, in a second tab of the same visitor, the warm revisit."""
    from appharness.browser import new_context

    charts, tables = PAGE_ELEMENTS[page_path]
    context = new_context(browser, timeout=TIMEOUT_MS)
    try:
        cold = _open(context, url, charts, tables, network)
        warm = _open(context, url, charts, tables, network)
    finally:
        context.close()
    return {"cold": cold, "warm": warm}


def _median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def browser_phase(args, stack_url: str, direct_url: str, errors: list) -> list[dict]:
    from playwright.sync_api import Error as PlaywrightError

    from appharness.browser import chromium

    rows = []
    with chromium() as browser:
        for page_path in args.pages:  # warm the servers' caches: not recorded
            for base in (direct_url, stack_url):
                visit(browser, base + page_path, page_path, None)
        for net_name, network in NETWORKS.items():
            for page_path in args.pages:
                samples: dict[str, list[dict]] = {"direct": [], "proxy": []}
                for rep in range(args.reps):
                    for route, base in (("direct", direct_url), ("proxy", stack_url)):
                        try:
                            got = visit(browser, base + page_path, page_path, network)
                        except (PlaywrightError, RuntimeError) as exc:
                            errors.append({"phase": "browser", "page": page_path, "error": str(exc)[:300]})
                            continue
                        samples[route].append(got)
                        log(
                            f"  {net_name:<17} {page_path:<10} {route:<6} rep {rep + 1}: cold {got['cold']['ms']:6} ms "
                            f"{got['cold']['bytes'] / 1e6:5.2f} MB {got['cold']['requests']:3} req; "
                            f"warm {got['warm']['ms']:6} ms {got['warm']['bytes'] / 1e6:5.2f} MB"
                        )
                row = {"network": net_name, "page": page_path, "reps": args.reps}
                for route, got in samples.items():
                    for visit_kind in ("cold", "warm"):
                        for k in ("ms", "bytes", "requests"):
                            row[f"{route}_{visit_kind}_{k}"] = _median([g[visit_kind][k] for g in got])
                rows.append(row)
    return rows


# --------------------------------------------------------------------------------------------- load


async def _get(port: int, path: str, cookie: str, timeout: float) -> tuple[int, list[str]]:
    """A GET on 127.0.0.1:port: (status, every Set-Cookie name=value)."""
    status, pairs = await http_get_lines(port, path, cookie, timeout)
    return status, [v.split(";", 1)[0] for k, v in pairs if k == "set-cookie"]


class ProxySession(Session):
    """A Session through the proxy: it keeps every cookie (XSRF and the affinity cookie) as a browser does."""

    async def connect(self) -> Session:
        from websockets.exceptions import InvalidHandshake

        from appharness.wsclient import _HEADERS_KW, ws_connect

        t = self.connect_timeout
        try:
            status, cookies = await _get(self.port, "/_stcore/health", "", t)
            if status != 200:
                raise RunError("connect", f"/_stcore/health answered {status}")
            jar = dict(c.split("=", 1) for c in cookies if "=" in c)
            cookie = "; ".join(f"{k}={v}" for k, v in jar.items())
            status, _ = await _get(self.port, "/_stcore/host-config", cookie, t)
            if status != 200:
                raise RunError("connect", f"/_stcore/host-config answered {status}")
            self.ws = await ws_connect(
                f"ws://{HOST}:{self.port}/_stcore/stream",
                subprotocols=["streamlit", jar.get("_streamlit_xsrf", "PLACEHOLDER_AUTH_TOKEN")],
                origin=f"http://{HOST}:{self.port}",
                max_size=None,
                ping_interval=None,
                open_timeout=t,
                close_timeout=10,
                **{_HEADERS_KW: {"Cookie": cookie}},
            )
        except (OSError, InvalidHandshake, TimeoutError) as exc:
            raise RunError("connect", f"{type(exc).__name__}: {exc}") from None
        return self


def load_phase(args, replicas: int, database_url: str, state: Path) -> dict:
    from deploy.stack import Stack

    with Stack(replicas, database_url=database_url, state_dir=state, log=log) as stack:
        pids = {name: s.pid for name, s in stack.replicas.items()}
        warm = Stats("warm-up")
        asyncio.run(sequential(stack.port, 4 * replicas, warm, args.run_timeout, session_cls=ProxySession))
        samplers = {name: RssSampler(pid) for name, pid in pids.items()}
        for s in samplers.values():
            s.start()
        stats = Stats(f"{args.concurrent} concurrent × {args.seconds:g} s, {replicas} replica(s)")
        cpu0 = {name: cpu_seconds(pid) for name, pid in pids.items()}
        own0, t0 = time.process_time(), time.monotonic()
        asyncio.run(
            concurrent(stack.port, args.concurrent, args.seconds, stats, args.run_timeout, session_cls=ProxySession)
        )
        seconds = time.monotonic() - t0
        client_cpu = time.process_time() - own0
        server_cpu = {name: round(cpu_seconds(pid) - cpu0[name], 1) for name, pid in pids.items()}
        for s in samplers.values():
            s.stop()
        rss = {
            name: {
                "peak_mb": round(max((kb for _, kb, _ in s.samples), default=0) / 1024, 1),
                "end_mb": round((rss_kb(pids[name]) or 0) / 1024, 1),
            }
            for name, s in samplers.items()
        }
        served = _served_by(stack)
    return {
        "replicas": replicas,
        "sessions": stats.sessions,
        "script_runs": stats.script_runs,
        "errors": stats.n_errors + warm.n_errors,
        "errors_by_kind": stats.errors,
        "error_samples": stats.error_samples[:5],
        "seconds": round(seconds, 1),
        "sessions_per_s": round(stats.sessions / seconds, 2),
        "runs_per_s": round(stats.script_runs / seconds, 2),
        "p50_ms": percentile(stats.rtts_ms, 0.50),
        "p95_ms": percentile(stats.rtts_ms, 0.95),
        "server_cpu_s": server_cpu,
        "client_cpu_s": round(client_cpu, 1),
        "client_cpu_share": round(client_cpu / seconds, 2),
        "rss_mb": rss,
        "websockets_by_replica": served,
    }


def _served_by(stack) -> dict[str, int]:
    """Websocket sessions per replica, from HAProxy's log."""
    log_file = stack.log_dir / f"haproxy-{stack.port}.log"
    counts: dict[str, int] = {}
    for line in log_file.read_text(errors="replace").splitlines():
        if " /_stcore/stream " in line:
            name = line.split(" replicas/", 1)[1].split()[0] if " replicas/" in line else "?"
            counts[name] = counts.get(name, 0) + 1
    return counts


# --------------------------------------------------------------------------------------------- main


def targets(result: dict) -> list[dict]:
    out = []
    by = {(r["network"], r["page"]): r for r in result["browser"]}
    for page in result["params"]["pages"]:
        r = by.get(("10 Mbit/s, 40 ms", page))
        if r and r["direct_cold_bytes"] and r["direct_cold_ms"]:
            b = r["proxy_cold_bytes"] / r["direct_cold_bytes"]
            t = r["proxy_cold_ms"] / r["direct_cold_ms"]
            out.append(
                {"target": "cold bytes, proxy ÷ direct", "page": page, "value": b, "limit": TARGETS["bytes_ratio"]}
            )
            out.append(
                {
                    "target": "cold time at 10 Mbit/s, proxy ÷ direct",
                    "page": page,
                    "value": t,
                    "limit": TARGETS["time_ratio_10m"],
                }
            )
    one, two = (next((x for x in result["load"] if x["replicas"] == n), None) for n in (1, 2))
    if one and two:
        out.append(
            {
                "target": "throughput, 2 replicas ÷ 1",
                "page": "",
                "value": two["runs_per_s"] / one["runs_per_s"],
                "limit": TARGETS["throughput_ratio"],
                "higher_is_better": True,
            }
        )
        out.append(
            {
                "target": "p95, 2 replicas ÷ 1",
                "page": "",
                "value": two["p95_ms"] / one["p95_ms"],
                "limit": TARGETS["p95_ratio"],
            }
        )
        out.append({"target": "errors under load", "page": "", "value": one["errors"] + two["errors"], "limit": 0})
    for t in out:
        t["value"] = round(t["value"], 3)
        t["met"] = t["value"] >= t["limit"] if t.get("higher_is_better") else t["value"] <= t["limit"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.deploy", description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3, help="repetitions of every first load (default 3)")
    parser.add_argument("--pages", nargs="+", default=list(PAGES), choices=list(PAGES))
    parser.add_argument("--concurrent", type=int, default=50, help="sessions at once in the load test (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="how long each load test runs (default 60)")
    parser.add_argument("--run-timeout", type=float, default=120, help="seconds a script run may take")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-load", action="store_true")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help=f"result file (default {DEFAULT_JSON})")
    args = parser.parse_args(argv)

    from deploy.stack import Stack
    from tests import pg

    started, t_start = time.strftime("%Y-%m-%d %H:%M"), time.monotonic()
    errors: list = []
    result: dict = {
        "machine": machine(),
        "started": started,
        "params": {
            "reps": args.reps,
            "pages": args.pages,
            "networks": {k: v and {"mbit_s": v[0] / 1e6, "latency_ms": v[1]} for k, v in NETWORKS.items()},
            "concurrent": args.concurrent,
            "seconds": args.seconds,
        },
        "browser": [],
        "load": [],
    }
    with (
        tempfile.TemporaryDirectory(prefix="bench-deploy-") as tmp,
        contextlib.contextmanager(pg.pg_server.__wrapped__)() as admin,
    ):
        state = Path(tmp)
        if not args.no_browser:
            db = f"sqlite:///{state / 'browser.sqlite3'}"
            with (
                AppServer("app.py", {"PROGRESS_DATABASE_URL": db}) as direct,
                Stack(1, database_url=db, state_dir=state / "browser", log=log) as stack,
            ):
                log(f"browser: direct {direct.base_url} vs proxy {stack.url}")
                result["browser"] = browser_phase(args, stack.url, direct.base_url, errors)
        if not args.no_load:
            import psycopg

            for replicas in (1, 2):
                name = f"bench_{uuid.uuid4().hex[:8]}"
                with psycopg.connect(admin.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as c:
                    c.execute(f'CREATE DATABASE "{name}"')
                url = admin.rsplit("/", 1)[0] + f"/{name}"
                log(f"load: {args.concurrent} sessions × {args.seconds:g} s through the proxy, {replicas} replica(s)")
                got = load_phase(args, replicas, url, state / f"load{replicas}")
                log(
                    f"  {json.dumps({k: got[k] for k in ('runs_per_s', 'p50_ms', 'p95_ms', 'errors', 'server_cpu_s', 'client_cpu_s')})}"
                )
                result["load"].append(got)
    result["errors"] = errors
    result["seconds"] = round(time.monotonic() - t_start)
    result["targets"] = targets(result)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    for t in result["targets"]:
        log(f"{'MET ' if t['met'] else 'MISS'} {t['target']} {t['page']}: {t['value']} (limit {t['limit']})")
    log(f"results: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
