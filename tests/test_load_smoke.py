"""`python -m bench.load` with tiny numbers: its own server, real websocket sessions, no errors, RSS sampled."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dashboard.paths import ROOT

pytestmark = pytest.mark.e2e  # starts an app server


def test_load_tool_smoke(tmp_path):
    """3 concurrent sessions for 3 s and 5 sequential ones: script runs happen, nothing fails."""
    out = tmp_path / "load.json"
    cmd = [sys.executable, "-m", "bench.load", "--concurrent", "3", "--seconds", "3", "--sequential", "5"]
    cmd += ["--warmup", "2", "--settle", "5", "--run-timeout", "30", "--json", str(out)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.is_file(), proc.stdout + proc.stderr
    result = json.loads(out.read_text(encoding="utf-8"))
    report = proc.stdout[-3000:] + proc.stderr[-3000:]

    assert result["totals"]["errors"] == 0, report
    assert result["server_log_errors"] == [], report
    by_name = {s["name"]: s for s in result["scenarios"]}
    conc, seq = by_name["3 concurrent × 3 s"], by_name["5 sequential"]
    assert conc["sessions"] >= 3 and conc["errors"] == 0
    assert seq["sessions"] == 5 and seq["errors"] == 0
    # Every session loads a page and changes the filter twice: three script runs each.
    assert conc["script_runs"] == 3 * conc["sessions"]
    assert seq["script_runs"] == 15
    assert seq["rtt_ms"]["p50"] > 0 and seq["rtt_ms"]["max"] >= seq["rtt_ms"]["p95"]
    rss = result["rss"]
    assert len(rss["samples"]) >= 5 and rss["baseline_mb"] > 0 and rss["final_mb"] > 0
    assert set(result["checks"]) == {"no_errors", "script_runs_happened", "final_rss_within_10pct_of_baseline"}
    assert proc.returncode == (0 if result["passed"] else 1), report
