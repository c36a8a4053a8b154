"""Smoke: `make bench`'s script runs end to end on a tiny configuration and reports what it promises.

No timing is asserted (timings belong to the benchmark, not to the test suite): only that every
measurement ran and the table and the JSON carry the expected keys. Takes ~45 s: it starts a few
servers and Chromium, like the browser tests.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dashboard.paths import ROOT

pytestmark = pytest.mark.e2e  # starts app servers and Chromium

TINY = ["--reps", "1", "--sizes", "0", "--pages", "/", "--quick", "--sessions", "3"]
STAT_KEYS = {"median", "min", "max", "n", "failed", "samples"}


def test_bench_runs_on_a_tiny_configuration(tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench.run", *TINY, "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for heading in ("Server script run", "Browser (headless Chromium)", "Server RSS", "Targets"):
        assert heading in proc.stdout
    result = json.loads(out.read_text(encoding="utf-8"))
    assert {"machine", "params", "method", "floors", "pages", "memory", "targets", "errors", "table_markdown"} <= set(
        result
    )
    assert result["errors"] == []
    assert {"cpus", "mem_total_gib", "python", "streamlit", "chromium"} <= set(result["machine"])
    for floor in ("floor A", "floor B"):
        server = result["floors"][floor]["server"]
        for key in ("cold_ms", "warm_ms", "cold_cpu_ms", "warm_cpu_ms"):
            assert set(server[key]) == STAT_KEYS and server[key]["n"] == 1
    for key in ("load_ms", "filter_ms"):
        assert result["floors"]["floor B"]["browser"][key]["n"] == 1
        assert result["pages"]["/"]["browser"][key]["n"] == 1
    page = result["pages"]["/"]["server"]["real"]
    assert page["rows"] == 155 and page["cold_ms"]["n"] == 1 and page["warm_ms"]["n"] == 1
    memory = result["memory"]["real"]
    assert {"idle", "one_session", "n_sessions", "closed", "closed_again", "ratio_n_to_one"} <= set(memory)
    assert len(memory["closed_again_samples"]) == 3 and memory["distinct_states"] == [8, 24]
    assert memory["distinct_cap"] > memory["idle"] and memory["distinct_more"] > memory["idle"]
    names = {t["target"] for t in result["targets"]}
    assert {"browser filter round trip ÷ floor B", "browser first load ÷ floor B"} <= names
    assert all({"target", "page", "value", "limit", "met"} <= set(t) for t in result["targets"])
