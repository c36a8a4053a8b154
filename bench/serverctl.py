"""A Streamlit server started the way `make run` starts it, its RSS and CPU time, machine facts."""

from __future__ import annotations

import os
import platform
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int | None:
    """VmRSS of a process in kB (None when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (all its threads)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


class Server:
    """`python -m streamlit run SCRIPT` on a free loopback port, cwd = the project (its config.toml
    applies), in its own process group; stopped by its own pid/group, never by name.

    As in the browser tests: headless, no file watcher (other edits to the tree must not trigger a
    "file changed" rerun in the middle of a measurement).
    """

    def __init__(self, script: str, env: Mapping[str, str] | None = None, log_dir: Path | None = None):
        self.script = script
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        self.cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(self.port),
            "--server.address",
            HOST,
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
        ]
        self.env = {k: v for k, v in os.environ.items() if k != "INITIATIVES_PATH"}
        self.env.update(env or {})
        self.env["PYTHONUNBUFFERED"] = "1"
        log_dir = log_dir or Path(os.environ.get("TMPDIR", "/tmp"))
        self.log_path = log_dir / f"bench-streamlit-{self.port}.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 90.0) -> Server:
        self._log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            self.cmd,
            cwd=ROOT,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.script}: streamlit exited with {self.proc.returncode}\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.1)  # polling interval of a bounded wait
        self.stop()
        raise RuntimeError(f"{self.script}: no answer on /_stcore/health within {timeout:.0f} s\n{self.log_tail()}")

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def rss_kb(self) -> int:
        return rss_kb(self.pid) or 0

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    def stop(self) -> None:
        """SIGTERM the server's own process group, then SIGKILL it if it is still there."""
        if self.proc is not None and self.proc.poll() is None:
            for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
                try:
                    os.killpg(self.proc.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    self.proc.wait(wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if getattr(self, "_log", None):
            self._log.close()

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def log_tail(self, n: int = 30) -> str:
        return "\n".join(self.log_text().splitlines()[-n:])

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        if exc[0] is None:
            self.log_path.unlink(missing_ok=True)


def settle_rss(pid: int, max_seconds: float = 15.0, window: int = 4, interval: float = 0.5) -> int:
    """RSS (kB) once `window` samples in a row agree within 0.5 % (bounded by `max_seconds`)."""
    samples: list[int] = []
    deadline = time.monotonic() + max_seconds
    while time.monotonic() < deadline:
        samples.append(rss_kb(pid) or 0)
        recent = samples[-window:]
        if len(recent) == window and max(recent) - min(recent) <= 0.005 * max(recent):
            break
        time.sleep(interval)
    return samples[-1] if samples else 0


def _version(cmd: list[str]) -> str | None:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    return out.strip().splitlines()[0] if out.strip() else None


def machine(chromium: str | None = None) -> dict:
    """Cores, RAM, versions: what a reader needs to compare runs."""
    import pandas
    import plotly
    import streamlit

    mem_kb = None
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem_kb = int(next(line for line in fh if line.startswith("MemTotal:")).split()[1])
    except (OSError, StopIteration, ValueError):
        pass
    cpu_model = None
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu_model = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), None)
    except OSError:
        pass
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu_model,
        "mem_total_gib": round(mem_kb / 1024 / 1024, 1) if mem_kb else None,
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "pandas": pandas.__version__,
        "plotly": plotly.__version__,
        "chromium": _version([chromium, "--version"]) if chromium else None,
        "platform": platform.platform(),
        "loadavg_at_start": [round(x, 2) for x in load] if load else None,
    }
