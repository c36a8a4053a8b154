"""Real-browser fixtures: the app served by `streamlit run` (as `make run` does) and Debian's Chromium.

Fixtures
    app_server          session; base URL ("http://127.0.0.1:<port>") of app.py on the committed data
    app_server_factory  session; start(env=None, script="app.py") -> base URL of another server, e.g.
                        start({"INITIATIVES_PATH": str(parquet)}) for a fixture table (one server per
                        distinct env/script, reused, stopped at the end of the session)
    browser             session; Playwright Chromium (/usr/bin/chromium); fails with the install command
    page                function; a fresh context (1400×1000, ja-JP, downloads accepted) whose page
                        records `page.console_errors` (console.error and uncaught page errors) and
                        `page.external_requests` (any request not to the loopback server)

Servers are appharness.server.AppServer; the browser and the helpers (wait_ready, goto, expect_rerun,
wait_for_charts, save_screenshot, axe_violations, …) are appharness.browser's: the harness the benchmark
and the scripts use too. tests/e2e/support.py keeps what only these tests check. Everything under
tests/e2e is marked `e2e` (so are the other tests that start a server: the bench and load smoke tests);
servers and the browser start only when an e2e test asks for them, so `pytest -m "not e2e"` starts neither.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from appharness.browser import DEFAULT_TIMEOUT, chromium, missing_browser, new_context, save_screenshot
from appharness.server import AppServer, ServerError

HERE = Path(__file__).resolve().parent
LOOPBACK = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e `e2e` (before `-m` deselects)."""
    for item in items:
        if Path(item.path).resolve().is_relative_to(HERE):
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[pytest.TestReport]:
    """Keep each phase's report on the item, so the `page` fixture can screenshot failures."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# ---------------------------------------------------------------------------------------- server


# Servers of this session, so that a failed browser test can show what they logged while it ran.
RUNNING: list[AppServer] = []


def _log_sizes() -> dict[AppServer, int]:
    return {s: s.stderr_path.stat().st_size if s.stderr_path.exists() else 0 for s in RUNNING}


def _logged_since(sizes: dict[AppServer, int]) -> str:
    """What each server wrote to stderr after `sizes` was taken (tracebacks of failed script runs)."""
    out = []
    for server in RUNNING:
        with server.stderr_path.open("rb") as f:
            f.seek(sizes.get(server, 0))
            text = f.read().decode(errors="replace").strip()
        if text:
            out.append(f"--- {server.base_url} stderr during the test ---\n{text[-6000:]}")
    return "\n".join(out)


@pytest.fixture(scope="session", autouse=True)
def _patient_expect() -> None:
    """`expect(...)` waits as long as every other wait here (DEFAULT_TIMEOUT), not Playwright's 5 s: a
    save that commits to the database and reruns can take longer than that on a busy 2-core machine."""
    from playwright.sync_api import expect

    expect.set_options(timeout=DEFAULT_TIMEOUT)


@pytest.fixture(scope="session")
def app_server_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """start(env=None, script="app.py") -> base URL; one server per distinct (script, env), stopped at the end."""
    log_dir = tmp_path_factory.mktemp("streamlit-logs")
    servers: dict[tuple, AppServer] = {}

    def start(env: Mapping[str, str] | None = None, script: str = "app.py") -> str:
        env = {k: str(v) for k, v in (env or {}).items()}
        key = (script, tuple(sorted(env.items())))
        if key not in servers:
            server = AppServer(script, env, log_dir=log_dir)
            try:
                server.start()
            except ServerError as exc:
                pytest.fail(str(exc), pytrace=False)
            servers[key] = server
            RUNNING.append(server)
        return servers[key].base_url

    try:
        yield start
    finally:
        for server in servers.values():
            server.stop()
            RUNNING.remove(server)


@pytest.fixture(scope="session")
def app_server(app_server_factory: Callable[..., str]) -> str:
    """Base URL of app.py serving the committed data/initiatives.parquet."""
    return app_server_factory()


# --------------------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Headless Chromium driven by Playwright's sync API; fails (never skips) with the install command."""
    if problem := missing_browser():
        pytest.fail(problem, pytrace=False)
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser, request: pytest.FixtureRequest) -> Iterator:
    """A page in a fresh context; `page.console_errors` and `page.external_requests` collect as it runs.

    On a failed test its last state is saved as test-artifacts/screenshots/FAILED-<test>.png, and what
    the app servers logged meanwhile (e.g. the traceback behind "This app has encountered an error",
    which the page itself never shows) is printed with the report.
    """
    sizes = _log_sizes()
    context = new_context(browser, accept_downloads=True)
    pg = context.new_page()
    pg.console_errors = []
    pg.external_requests = []

    def on_console(msg) -> None:
        if msg.type == "error":
            pg.console_errors.append(f"console.error: {msg.text} ({msg.location.get('url', '')})")

    def on_request(req) -> None:
        if not req.url.startswith(LOOPBACK):
            pg.external_requests.append(req.url)

    pg.on("console", on_console)
    pg.on("pageerror", lambda exc: pg.console_errors.append(f"pageerror: {exc}"))
    pg.on("request", on_request)
    try:
        yield pg
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed and not pg.is_closed():
            try:
                save_screenshot(pg, f"FAILED-{request.node.name}")
            except Exception as exc:  # a broken page must not hide the test's own failure
                print(f"could not save the failure screenshot: {exc}", file=sys.stderr)
        if report is not None and report.failed:
            print(_logged_since(sizes) or "(the app servers logged nothing during the test)", file=sys.stderr)
        context.close()
