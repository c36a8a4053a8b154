"""The harness itself (appharness): each check here fails if a helper returns too early or sees too little,
if a server outlives its stop() or inherits what it was not given, or if the protocol client misreads a run."""

from __future__ import annotations

import asyncio
import os
import struct
from concurrent.futures import ThreadPoolExecutor

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from appharness.browser import (
    chart_traces,
    expect_rerun,
    goto,
    in_japanese_font,
    rendered_fonts,
    runs,
    save_screenshot,
    wait_for_charts,
    wait_ready,
)
from appharness.server import ROOT, AppServer, ServerError
from appharness.wsclient import RunError, Session

HELPERS_APP = str(ROOT / "tests" / "e2e" / "apps" / "helpers_app.py")


def run_async(make_coro):
    """asyncio.run on a thread of its own: Playwright's sync API holds this thread's event loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make_coro())).result()


@pytest.fixture(scope="module")
def helpers_url(app_server_factory) -> str:
    return app_server_factory(script=HELPERS_APP)


def test_goto_waits_for_the_first_run_and_charts_for_their_traces(helpers_url, page):
    goto(page, helpers_url)
    assert runs(page) >= 1
    assert page.get_by_text("状態: オフ").is_visible()  # read at once: goto returned after the run
    wait_for_charts(page, 2)
    bar, heatmap = chart_traces(page)
    assert [t["type"] for t in bar] == ["bar"] and bar[0]["y"] == [3, 5, 8]
    assert heatmap[0]["type"] == "heatmap" and heatmap[0]["z"] == [[1, 2], [3, 4]]
    assert page.locator(".js-plotly-plot g.trace.bars .point").count() == 3
    assert page.locator(".js-plotly-plot g.hm image").count() == 1
    assert page.console_errors == [] and page.external_requests == []


def test_expect_rerun_returns_after_the_new_run(helpers_url, page):
    """Fast reruns may never show `running` in the DOM; the helper still waits for them."""
    goto(page, helpers_url)
    checkbox = page.get_by_role("checkbox", name="切り替え")
    for i in range(6):
        with expect_rerun(page):
            checkbox.click(force=True)  # the input is visually hidden behind its label
        want = "オン" if i % 2 == 0 else "オフ"
        # inner_text, not an auto-waiting assertion: the new run's text must already be there
        assert f"状態: {want}" in page.locator('[data-testid="stMain"]').inner_text()


def test_wait_ready_waits_while_the_script_runs(helpers_url, page):
    goto(page, helpers_url)
    page.get_by_role("button", name="遅い処理").click()
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="running"]')
    with pytest.raises(PlaywrightTimeout):
        wait_ready(page, timeout=500)
    wait_ready(page)
    assert page.locator('[data-testid="stStatusWidget"]').count() == 0


def test_screenshot_covers_the_whole_page_and_text_uses_a_cjk_font(helpers_url, page):
    goto(page, helpers_url)
    wait_for_charts(page, 2)
    assert in_japanese_font(rendered_fonts(page, "h1")), rendered_fonts(page, "h1")
    path = save_screenshot(page, "helpers-app")
    width, height = struct.unpack(">II", path.read_bytes()[16:24])  # the PNG IHDR chunk
    assert width == page.viewport_size["width"] and height > 2 * page.viewport_size["height"]
    assert page.viewport_size == {"width": 1400, "height": 1000}  # restored


def test_the_server_gets_only_the_environment_given_and_stop_ends_its_process_group(tmp_path, monkeypatch):
    """INITIATIVES_PATH of the caller does not leak into the server; an explicit env does; stop() ends the group."""
    monkeypatch.setenv("INITIATIVES_PATH", "/from/the/caller.parquet")

    async def first_run(port: int, pid: int):
        async with Session(port, pid) as session:
            return await session.load()

    with AppServer(HELPERS_APP, {"HARNESS_NOTE": "明示"}, log_dir=tmp_path) as server:
        pid = server.pid
        assert os.getpgid(pid) == pid  # its own process group
        run = run_async(lambda: first_run(server.port, pid))
        assert server.rss_kb() > 10_000 and server.cpu_seconds() > 0
    assert "表: なし ／ 注: 明示" in run.texts, run.texts
    assert server.proc.returncode is not None
    with pytest.raises(ProcessLookupError):
        os.killpg(pid, 0)
    assert not server.stderr_path.exists()  # a clean exit removes the logs


def test_a_server_that_cannot_start_raises_with_its_output(tmp_path):
    server = AppServer("no_such_app.py", log_dir=tmp_path)
    with pytest.raises(ServerError, match="exited with code") as failed:
        server.start(timeout=60)
    assert "no_such_app.py" in str(failed.value).split("--- stderr ---", 1)[1]  # streamlit's own message
    assert server.proc.poll() is not None


def test_the_protocol_client_keeps_widget_state_across_reruns(helpers_url):
    """load → choose → type: each run is timed and carries the texts the widgets' values produce."""
    port = int(helpers_url.rsplit(":", 1)[1])

    async def visit():
        async with Session(port) as session:
            runs = [await session.load(), await session.choose("pick", 1), await session.type_text("word", "万博")]
            with pytest.raises(RunError) as missing:
                await session.choose("no_such_key", 0)
            return runs, missing.value, session.got_new_session

    (first, picked, typed), missing, got_new_session = run_async(visit)
    assert got_new_session and first.elements["plotly_chart"] == 2 and first.ms > 0 and first.bytes > 0
    assert "状態: **オフ**" in first.texts and "選択: なし ／ 語: なし" in first.texts
    assert "選択: 府県市 ／ 語: なし" in picked.texts
    assert "選択: 府県市 ／ 語: 万博" in typed.texts  # the multiselect's state went with the second rerun
    assert missing.kind == "widget_missing"
