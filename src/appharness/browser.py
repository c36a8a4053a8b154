"""Debian's Chromium through Playwright, and what the browser tests, the benchmark and the scripts wait on.

    with chromium() as browser:
        context = new_context(browser)          # ja-JP, Asia/Tokyo, 1400×1000, the run counter installed
        page = context.new_page()
        goto(page, server.base_url, "/timeline")
        wait_for_charts(page, 1)

Playwright is imported only inside the functions that need it, so importing this module is cheap.
Readiness is never a fixed sleep: every wait is a `page.wait_for_function` on the DOM, or on the
run counter that `RUN_COUNTER_JS` keeps (installed on every context `new_context` makes).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .server import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

SCREENSHOT_DIR = ROOT / "test-artifacts" / "screenshots"
DEFAULT_TIMEOUT = 30_000  # ms
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
INSTALL_COMMAND = "apt-get update && apt-get install -y chromium fonts-noto-cjk"
VIEWPORT = {"width": 1400, "height": 1000}


# --------------------------------------------------------------------------------------- browser


def missing_browser() -> str | None:
    """Why the browser cannot run here (Chromium, fontconfig or a Japanese font is missing), with the
    command that installs them; None when everything is there."""
    hint = f"Install them (as root): {INSTALL_COMMAND}   — or run `make browser`."
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"{CHROMIUM} is missing: the browser needs Debian's Chromium. {hint}"
    if shutil.which("fc-list") is None:
        return f"fc-list (fontconfig) is missing, so no CJK font can be found. {hint}"
    fonts = subprocess.run(["fc-list", ":lang=ja"], capture_output=True, text=True, check=False).stdout
    if not fonts.strip():
        return f"No Japanese font is installed (`fc-list :lang=ja` is empty). {hint}"
    return None


def launch(playwright) -> Browser:
    """Headless Chromium from Debian (Playwright cannot download its own browser here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextmanager
def chromium() -> Iterator[Browser]:
    """Playwright's sync API and a launched Chromium, both closed on leaving; RuntimeError when missing."""
    if problem := missing_browser():
        raise RuntimeError(problem)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - the `test` extra installs it
        raise RuntimeError(f"playwright is not installed ({exc}); `make test` installs the `test` extra.") from None
    with sync_playwright() as pw:
        browser = launch(pw)
        try:
            yield browser
        finally:
            browser.close()


def new_context(
    browser: Browser, viewport: dict[str, int] = VIEWPORT, timeout: float = DEFAULT_TIMEOUT, **options: Any
) -> BrowserContext:
    """A fresh context (a new visitor: empty cache, new session) in Japanese, Tokyo time, with the run counter."""
    options = {"locale": "ja-JP", "timezone_id": "Asia/Tokyo", **options}
    context = browser.new_context(viewport=viewport, **options)
    context.set_default_timeout(timeout)
    install_run_counter(context)
    return context


# ------------------------------------------------------------------------------------- readiness

# The readiness rule (DESIGN.md, "Browser readiness"), as one JS expression evaluated atomically.
READY_JS = """(() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !document.querySelector('[data-testid="stStatusWidget"], [data-stale="true"], [data-testid="stSkeleton"]');
})()"""

# Counts finished script runs in `window.__e2eRuns`, read off Streamlit's websocket.
#
# Why: a fast rerun can go notRunning → running → notRunning inside one React commit, so the
# `data-test-script-state` attribute never changes (seen in 16 of 40 checkbox clicks on Streamlit
# 1.67). Right after a click, the readiness rule alone would then pass on the *previous* run's DOM.
# Every run ends with a ForwardMsg whose field 6 (`script_finished`, a varint) is set; this scans
# the top level of each binary frame for it (no protobuf library needed) and counts the run two
# animation frames later, after React has committed the run's last deltas. Runs that ended early
# because another rerun replaced them (status 2, FINISHED_EARLY_FOR_RERUN) are not counted.
RUN_COUNTER_JS = """(() => {
  if (window.__e2eRunCounter) return;
  window.__e2eRunCounter = true;
  window.__e2eRuns = 0;
  const SCRIPT_FINISHED = 6, FINISHED_EARLY_FOR_RERUN = 2;
  const finishedStatus = (buf) => {
    const b = new Uint8Array(buf);
    let i = 0;
    const varint = () => {
      let v = 0, s = 0, x;
      do { x = b[i++]; v += (x & 0x7f) * 2 ** s; s += 7; } while ((x & 0x80) && i < b.length);
      return v;
    };
    while (i < b.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) { const v = varint(); if (field === SCRIPT_FINISHED) return v; }
      else if (wire === 2) { const n = varint(); i += n; }
      else if (wire === 1) i += 8;
      else if (wire === 5) i += 4;
      else return -1;
    }
    return -1;
  };
  const count = () => requestAnimationFrame(() => requestAnimationFrame(() => { window.__e2eRuns += 1; }));
  const Native = window.WebSocket;
  class CountingWebSocket extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (ev) => {
        const seen = (buf) => { const s = finishedStatus(buf); if (s >= 0 && s !== FINISHED_EARLY_FOR_RERUN) count(); };
        if (ev.data instanceof ArrayBuffer) seen(ev.data);
        else if (ev.data instanceof Blob) ev.data.arrayBuffer().then(seen);
      });
    }
  }
  window.WebSocket = CountingWebSocket;
})();"""

# Every chart has been drawn: plotly.js has laid it out (`_fullLayout`, `_fullData`), its SVG layers
# exist, and at least one trace is drawn. What plotly.js 4.2 (bundled by Streamlit 1.67, plotly 7
# on the Python side) renders: bar/scatter/pie/treemap traces as `g.trace` (bars as
# `g.trace.bars .point path`, markers as `.scatterlayer .point`, treemap tiles as `g.slice`), a
# heatmap as `.heatmaplayer g.hm > image` (no `g.trace`), cartesian axes as `.xtick`/`.ytick` text.
# Charts inside a stale element (the previous run's) do not count.
CHARTS_DRAWN_JS = """(n) => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter((el) => !el.closest('[data-stale="true"]') && el.offsetParent !== null);
  if (plots.length < n) return false;
  return plots.every((el) => {
    if (!el._fullLayout || !el._fullData || !el.querySelector('.main-svg')) return false;
    const drawn = el.querySelectorAll('g.trace, g.hm').length;
    if (drawn === 0) return false;
    const cartesian = el._fullData.some((t) => t.xaxis && t.yaxis && t.visible === true);
    return !cartesian || el.querySelector('.xtick text, .ytick text') !== null;
  });
}"""

# The traces of every chart, as plain JSON (plotly.js decodes plotly 7's base64 arrays into
# typed arrays in `_fullData`; they are turned back into lists here).
CHART_TRACES_JS = """() => [...document.querySelectorAll('.js-plotly-plot')]
  .filter((el) => !el.closest('[data-stale="true"]') && el.offsetParent !== null)
  .map((el) => (el._fullData || []).map((t) => {
    const plain = (v) => (v == null ? null : (ArrayBuffer.isView(v) ? Array.from(v) : Array.isArray(v) ? v.map(plain) : v));
    const out = { type: t.type, name: t.name ?? null, visible: t.visible };
    for (const k of ['x', 'y', 'z', 'labels', 'parents', 'values', 'text', 'customdata']) if (t[k] !== undefined) out[k] = plain(t[k]);
    return out;
  }))"""


def install_run_counter(context: BrowserContext) -> None:
    """Install the run counter in every page of `context` (`new_context` does this)."""
    context.add_init_script(RUN_COUNTER_JS)


def runs(page: Page) -> int:
    """Number of script runs this page has finished so far (needs `install_run_counter`)."""
    value = page.evaluate("() => window.__e2eRuns")
    if not isinstance(value, int):
        raise RuntimeError("the run counter is not installed: make the context with new_context()")
    return value


def wait_ready(page: Page, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Wait until the app is idle and up to date.

    `[data-testid="stApp"]` has `data-test-script-state="notRunning"` and
    `data-test-connection-state="CONNECTED"`, and there is no `stStatusWidget`, no
    `[data-stale="true"]` element and no `stSkeleton` — all checked in one predicate.
    This does not notice a rerun that has not started yet: after an interaction use
    `expect_rerun`.
    """
    page.wait_for_function(READY_JS, timeout=timeout)


@contextmanager
def expect_rerun(page: Page, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """Wait, on leaving the block, for a script run that finished after entering it, then `wait_ready`.

        with expect_rerun(page):
            page.get_by_role("checkbox", name="…").check()

    Times out if the action causes no rerun (e.g. a download button with on_click="ignore").
    """
    before = runs(page)
    yield
    page.wait_for_function(f"(before) => window.__e2eRuns > before && {READY_JS}", arg=before, timeout=timeout)


def goto(page: Page, base_url: str, path: str = "/", timeout: float = DEFAULT_TIMEOUT) -> None:
    """Open `base_url + path` and wait until its first script run has finished and the page is ready."""
    url = base_url.rstrip("/") + "/" + path.lstrip("/")
    page.goto(url, timeout=timeout)
    wait_first_run(page, timeout)


def wait_first_run(page: Page, timeout: float = DEFAULT_TIMEOUT) -> None:
    """After a navigation: wait until the page's first script run has finished and the page is ready."""
    # The counter starts at 0 on every navigation, so "≥ 1" is this page's first run.
    page.wait_for_function(
        f"() => (typeof window.__e2eRuns !== 'number' || window.__e2eRuns >= 1) && {READY_JS}", timeout=timeout
    )


def wait_for_charts(page: Page, n: int = 1, timeout: float = DEFAULT_TIMEOUT) -> None:
    """`wait_ready`, then wait until at least `n` current Plotly charts exist and every one has drawn its traces."""
    wait_ready(page, timeout=timeout)
    page.wait_for_function(CHARTS_DRAWN_JS, arg=n, timeout=timeout)


def chart_traces(page: Page) -> list[list[dict[str, Any]]]:
    """The traces of every current chart, in page order: type, name, visible and x/y/z/labels/values/… as lists."""
    return page.evaluate(CHART_TRACES_JS)


# Plotly's drawn marks, read from the SVG (not from the figure JSON): tick labels in reading order,
# bar sizes in pixels per trace, the numbers printed on heatmap cells, the marker points per trace.
# `i` is the chart's index among the current (non-stale) charts, as in chart_traces().
CHART_MARKS_JS = """(i) => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')].filter((el) => !el.closest('[data-stale="true"]') && el.offsetParent !== null);
  const el = plots[i];
  if (!el) return null;
  const centre = (node) => { const r = node.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; };
  const ticks = (axis) => [...el.querySelectorAll(`g.${axis}tick text`)]
    .map((t) => ({ text: t.textContent, pos: centre(t)[axis === 'x' ? 0 : 1] }))
    .sort((a, b) => a.pos - b.pos)
    .map((t) => t.text);
  const traceOf = (g) => (g.__data__ && g.__data__[0] && g.__data__[0].trace) || {};
  const bars = [...el.querySelectorAll('g.trace.bars')].map((g) => ({
    index: traceOf(g).index,
    name: traceOf(g).name ?? null,
    orientation: traceOf(g).orientation,
    sizes: [...g.querySelectorAll('g.point path')].map((p) => {
      const b = p.getBBox();
      return traceOf(g).orientation === 'h' ? b.width : b.height;
    }),
  }));
  const points = [...el.querySelectorAll('.scatterlayer g.trace')].map((g) => ({
    index: traceOf(g).index,
    name: traceOf(g).name ?? null,
    markers: g.querySelectorAll('.points path.point').length,
    texts: [...g.querySelectorAll('.text text')].map((t) => t.textContent),
  }));
  return {
    title: (el.querySelector('.gtitle') || {}).textContent ?? null,
    xticks: ticks('x'),
    yticks: ticks('y'),
    bars,
    points,
    heatmaps: el.querySelectorAll('.heatmaplayer g.hm image').length,
    heatmap_text: [...el.querySelectorAll('.heatmaplayer text')].map((t) => t.textContent),
    annotations: [...el.querySelectorAll('.annotation-text')].map((t) => t.textContent),
  };
}"""


def chart_marks(page: Page, i: int) -> dict[str, Any]:
    """What chart `i` (page order) has drawn: `title`, `xticks`/`yticks` (tick label text in reading
    order: left to right, top to bottom; a `<br>` in a label joins its lines), `bars` (per bar trace:
    `index`, `name`, `orientation` and each bar's drawn `sizes` in px — height, or width when
    horizontal), `points` (per scatter trace: `markers` drawn and the `texts` printed), `heatmaps`
    (heatmap images), `heatmap_text` (numbers printed on the cells, row by row) and `annotations`."""
    marks = page.evaluate(CHART_MARKS_JS, i)
    if marks is None:
        raise AssertionError(f"there is no chart #{i} on the page")
    return marks


def no_exceptions(page: Page) -> list[str]:
    """Texts of the `st.exception` / uncaught-error boxes on the page (an empty list when none)."""
    return page.locator('[data-testid="stException"]').all_inner_texts()


def save_screenshot(page: Page, name: str, directory: Path = SCREENSHOT_DIR) -> Path:
    """Save a full-page PNG to test-artifacts/screenshots/<name>.png (or `directory`) and return its path.

    Streamlit scrolls inside `[data-testid="stMain"]`, not the document, so Playwright's
    `full_page=True` alone would stop at the viewport: the viewport is stretched to the
    content's height for the shot, then restored.
    """
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_") or "page"
    path = Path(directory) / f"{safe}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate(
        """() => {
          const main = document.querySelector('[data-testid="stMain"]');
          const inner = main ? main.scrollHeight + main.getBoundingClientRect().top : 0;
          return Math.ceil(Math.max(document.documentElement.scrollHeight, inner));
        }"""
    )
    try:
        if size and height > size["height"]:
            page.set_viewport_size({"width": size["width"], "height": min(height, 16_000)})
            # Let layout and Plotly's responsive resize settle: two animation frames, then ready again.
            page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
            wait_ready(page)
        page.screenshot(path=str(path), full_page=True)
    finally:
        if size:
            page.set_viewport_size(size)
    return path


def rendered_fonts(page: Page, selector: str) -> dict[str, int]:
    """The platform fonts Chromium used to draw the text of the first element matching `selector`.

    Returns {font family: glyph count} from the DevTools protocol (CSS.getPlatformFontsForNode),
    i.e. what was really drawn, fallbacks included — a missing CJK font shows up here as
    tofu in some non-CJK family.
    """
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        if not node:
            raise AssertionError(f"no element matches {selector!r}")
        descendants = cdp.send("DOM.querySelectorAll", {"nodeId": node, "selector": "*"})["nodeIds"]
        fonts: dict[str, int] = {}
        for node_id in [node, *descendants]:
            for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node_id})["fonts"]:
                fonts[font["familyName"]] = fonts.get(font["familyName"], 0) + font["glyphCount"]
        return fonts
    finally:
        cdp.detach()


@functools.cache
def japanese_fonts() -> frozenset[str]:
    """The font families fontconfig lists as covering Japanese (`fc-list :lang=ja`), every name of each."""
    out = subprocess.run(["fc-list", ":lang=ja", "family"], capture_output=True, text=True, check=False).stdout
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(",") if name.strip())


def in_japanese_font(fonts: dict[str, int]) -> bool:
    """Whether `rendered_fonts(...)` drew in a font that covers Japanese (missing glyphs show up in another)."""
    return any(family in japanese_fonts() for family in fonts)


SERIOUS = ("serious", "critical")


def axe_violations(
    page: Page,
    context: str | list | dict | None = None,
    impacts: tuple[str, ...] = SERIOUS,
    options: dict | None = None,
) -> list[dict[str, Any]]:
    """Run axe-core (bundled in axe-playwright-python; nothing is fetched) and return its violations of `impacts`.

    `context` is an axe context: a CSS selector, or e.g. {"exclude": [["…selector…"]]} (strings and
    lists only: the package writes it into the script with repr()). Each violation is axe's dict:
    `id`, `impact`, `help`, `helpUrl`, `nodes` (with `target` and `html`).
    """
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context, options=options or {"resultTypes": ["violations"]})
    return [v for v in results.response["violations"] if v.get("impact") in impacts]


def format_violations(violations: list[dict[str, Any]]) -> str:
    """One line per violation and affected node, for an assertion message."""
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {v['helpUrl']}")
        lines.extend(f"    {', '.join(map(str, n['target']))}: {n['html'][:160]}" for n in v["nodes"])
    return "\n".join(lines)
