"""Browser timings with headless Chromium (Playwright), using the browser tests' readiness rules.

For each target (a page of the app, or floor B) and repetition, in a fresh browser context (a new
visitor: empty cache, new session):

  first load     page.goto(url) → the first script run has finished (wait_first_run: run counter
                 ≥ 1, READY_JS: connected, not running, nothing stale, no skeleton) → every expected Plotly chart
                 has drawn its traces (CHARTS_DRAWN_JS) → every st.dataframe has its canvas;
  filter change  click an area in the sidebar multiselect → a new script run has finished and the
                 page is ready again (expect_rerun) → charts and tables drawn again.

Chromium, its flags, the contexts and the readiness waits are appharness.browser's, so the benchmark
waits exactly the way the browser tests do: never a fixed sleep.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from appharness.browser import expect_rerun, new_context, no_exceptions, wait_first_run, wait_for_charts

TIMEOUT_MS = 180_000

# Main-thread time in long tasks (> 50 ms: script, style, layout, paint), summed in `window.__benchLongTasks`:
# how much of a wait the browser spent busy rather than waiting for the server.
LONG_TASKS_JS = """(() => {
  window.__benchLongTasks = 0;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__benchLongTasks += e.duration;
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) { /* not supported: stays 0 */ }
})();"""

# Every current st.dataframe has its grid canvas (glide-data-grid draws into it).
TABLES_DRAWN_JS = """(n) => {
  const tables = [...document.querySelectorAll('[data-testid="stDataFrame"]')]
    .filter((el) => !el.closest('[data-stale="true"]'));
  if (tables.length < n) return false;
  return tables.every((el) => { const c = el.querySelector('canvas'); return !!c && c.width > 0 && c.height > 0; });
}"""


@dataclass(frozen=True)
class Target:
    name: str  # "/", "/timeline", …, or "floor B"
    url: str
    charts: int  # Plotly charts the page draws
    tables: int  # st.dataframe elements the page draws (after the filter change too)


def _drawn(page, target: Target) -> None:
    if target.charts:
        wait_for_charts(page, target.charts, timeout=TIMEOUT_MS)
    if target.tables:
        page.wait_for_function(TABLES_DRAWN_JS, arg=target.tables, timeout=TIMEOUT_MS)


def measure_once(browser, target: Target, area_label: str) -> dict[str, float]:
    """One fresh visit: first load and filter change, each to ready (`*_ready_ms`: the script run has
    finished and the page is idle) and to drawn (`load_ms`, `filter_ms`: charts and tables drawn too)."""
    context = new_context(browser, timeout=TIMEOUT_MS)
    context.add_init_script(LONG_TASKS_JS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        t0 = time.perf_counter()
        page.goto(target.url, timeout=TIMEOUT_MS)
        wait_first_run(page, TIMEOUT_MS)
        load_ready_ms = (time.perf_counter() - t0) * 1000
        _drawn(page, target)
        load_ms = (time.perf_counter() - t0) * 1000
        busy0 = page.evaluate("() => window.__benchLongTasks")
        page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input').first.click()
        option = page.get_by_role("option", name=area_label, exact=True)
        option.wait_for(state="visible")
        t1 = time.perf_counter()
        with expect_rerun(page, timeout=TIMEOUT_MS):
            option.click()
        filter_ready_ms = (time.perf_counter() - t1) * 1000
        _drawn(page, target)
        filter_ms = (time.perf_counter() - t1) * 1000
        busy1 = page.evaluate("() => window.__benchLongTasks")
        if errors:
            raise RuntimeError(f"{target.name}: page errors: {errors[:3]}")
        if no_exceptions(page):
            raise RuntimeError(f"{target.name}: the page shows an exception")
        return {
            "load_ms": load_ms,
            "load_ready_ms": load_ready_ms,
            "filter_ms": filter_ms,
            "filter_ready_ms": filter_ready_ms,
            "load_busy_ms": busy0,
            "filter_busy_ms": busy1 - busy0,
        }
    finally:
        context.close()
