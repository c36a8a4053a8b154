"""`python -m deploy.serve` (what `make serve` runs): up through nginx, and Ctrl-C or SIGTERM to its process
group stops every process it started."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from appharness.server import ROOT, free_port


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_serve_answers_through_the_proxy_and_stops_cleanly_on_a_signal_to_its_group(tmp_path: Path, sig):
    """One replica on SQLite: healthy through nginx; the signal to the group ends replica, HAProxy and nginx."""
    port = free_port()
    env = {**os.environ, "PROGRESS_DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}"}
    cmd = [sys.executable, "-m", "deploy.serve", "--replicas", "1", "--port", str(port), "--state", str(tmp_path)]
    out_path = tmp_path / "serve.out"
    with out_path.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while "ready:" not in out_path.read_text() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)  # polling the output within a bounded wait
        text = out_path.read_text()
        assert "ready: http://127.0.0.1:" in text, text
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"http://127.0.0.1:{port}/_stcore/health", timeout=10) as resp:
            assert resp.read() == b"ok" and resp.headers["X-Replica"] == "r1"
        pids = [int(p) for p in re.findall(r"pid (\d+)", text)]
        assert len(pids) == 3 and all(alive(p) for p in pids)
        os.killpg(proc.pid, sig)
        assert proc.wait(timeout=60) == 0
        assert not [p for p in pids if alive(p)]
        assert out_path.read_text().rstrip().endswith("stopped")
        assert (tmp_path / "secrets.toml").stat().st_mode & 0o077 == 0
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
