"""The harness's parts that need no server: its imports, the command and environment it builds, /proc readings."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys

from appharness.server import HOST, AppServer, cpu_seconds, free_port, rss_kb, snapshot
from dashboard.paths import ROOT


def test_server_and_browser_modules_import_neither_streamlit_nor_playwright():
    """Collecting the fast tests stays cheap: only the protocol client imports streamlit."""
    code = (
        "import sys, appharness.server, appharness.browser; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'streamlit', 'playwright', 'dashboard'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_no_module_edits_sys_path():
    """bench and scripts run as modules (`python -m bench.run`): nothing inserts itself on sys.path."""
    pattern = re.compile(r"sys\.path\.(insert|append)|sys\.path\s*\+?=")
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("src", "tests", "bench", "scripts")
        for p in (ROOT / folder).rglob("*.py")
        if p.name != "test_appharness.py" and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_command_is_make_runs_on_a_free_loopback_port(monkeypatch, tmp_path):
    monkeypatch.setenv("INITIATIVES_PATH", "/from/the/caller.parquet")
    monkeypatch.setenv("PYTHONPATH", "/already/there")
    server = AppServer("app.py", {"INITIATIVES_PATH": "given.parquet", "N": 5}, log_dir=tmp_path)
    assert server.cmd[1:5] == ["-m", "streamlit", "run", "app.py"]
    assert server.cmd[server.cmd.index("--server.address") + 1] == HOST == "127.0.0.1"
    assert server.cmd[server.cmd.index("--server.port") + 1] == str(server.port)
    assert server.cmd[-2:] == ["--server.fileWatcherType", "none"]
    assert server.env["INITIATIVES_PATH"] == "given.parquet" and server.env["N"] == "5"
    assert server.env["PYTHONPATH"] == "/already/there" and server.cwd == ROOT
    assert server.stderr_path.parent == tmp_path

    plain = AppServer("app.py", watch=True, cwd=tmp_path, pythonpath=[tmp_path / "src"])
    assert "INITIATIVES_PATH" not in plain.env  # the caller's is not inherited
    assert "--server.fileWatcherType" not in plain.cmd
    assert plain.env["PYTHONPATH"] == os.pathsep.join([str(tmp_path / "src"), "/already/there"])


def test_free_port_can_be_bound_on_loopback():
    port = free_port()
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, port))
        assert s.getsockname() == (HOST, port)


def test_rss_and_cpu_of_a_live_and_of_a_finished_process():
    assert rss_kb(os.getpid()) > 1000 and cpu_seconds(os.getpid()) > 0
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert rss_kb(proc.pid) is None and cpu_seconds(proc.pid) == 0.0


def test_snapshot_copies_what_serves_the_app(tmp_path):
    root = tmp_path / "project"
    (root / "src" / "pkg" / "__pycache__").mkdir(parents=True)
    (root / "src" / "pkg" / "__init__.py").write_text("X = 1\n")
    (root / "src" / "pkg" / "__pycache__" / "x.pyc").write_bytes(b"")
    (root / "app.py").write_text("import pkg\n")
    (root / "notes.txt").write_text("not served\n")
    dest = snapshot(tmp_path / "copy", root=root, items=("app.py", "src", "missing.py"))
    assert sorted(str(p.relative_to(dest)) for p in dest.rglob("*")) == [
        "app.py",
        "src",
        "src/pkg",
        "src/pkg/__init__.py",
    ]
