"""The app served as `make run` serves it, for tests, benchmarks and scripts.

    with AppServer("app.py", {"INITIATIVES_PATH": str(table)}) as server:
        ...  # server.base_url, server.port, server.pid, server.rss_kb()

`python -m streamlit run SCRIPT` with the interpreter running this code, cwd = the project (its
.streamlit/config.toml applies), on a free 127.0.0.1 port, in its own process group, stdout and
stderr in files; started means /_stcore/health answered "ok"; stopped by its own process group,
never by name. No file watcher unless asked: an edit to the tree during a test or a measurement
would otherwise show the "file changed" status widget and rerun the app in the middle of it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project: app.py, views/, .streamlit/
HOST = "127.0.0.1"
HEALTH_TIMEOUT = 90.0  # s
# Variables of the caller's environment the server does not inherit: only an explicit `env` sets them.
ISOLATED_ENV = ("INITIATIVES_PATH",)
# What a snapshot of the project holds: enough to serve the app from a copy.
SNAPSHOT_ITEMS = ("app.py", "views", "src", "assets", ".streamlit", "data/initiatives.parquet")

_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback never goes through a proxy


class ServerError(RuntimeError):
    """The app server did not start (the message carries the tail of its output)."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
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
    """User + system CPU time of a process so far (all its threads); 0.0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


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


def snapshot(dest: Path, root: Path = ROOT, items: Iterable[str] = SNAPSHOT_ITEMS) -> Path:
    """Copy the app as it is now into `dest` (serve it with cwd=dest, pythonpath=[dest / "src"])."""
    for item in items:
        src = root / item
        if src.is_dir():
            shutil.copytree(src, dest / item, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        elif src.is_file():
            (dest / item).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / item)
    return dest


class AppServer:
    """One `python -m streamlit run SCRIPT` process; `start()` returns once it is healthy.

    env         variables set for the server on top of the caller's environment (minus ISOLATED_ENV)
    log_dir     where `streamlit-<port>.out` / `.err` go (default: the temporary directory)
    cwd         the project the server runs in (default ROOT; a `snapshot()` for a frozen copy)
    pythonpath  folders put first on the server's PYTHONPATH (a snapshot's `src`, so it imports its copy)
    watch       keep Streamlit's file watcher (edits then rerun the app, as under `make run`)
    """

    def __init__(
        self,
        script: str,
        env: Mapping[str, str] | None = None,
        *,
        log_dir: Path | None = None,
        cwd: Path = ROOT,
        pythonpath: Iterable[Path | str] = (),
        watch: bool = False,
        python: str = sys.executable,
    ) -> None:
        self.script = script
        self.cwd = Path(cwd)
        self.port = free_port()
        self.base_url = f"http://{HOST}:{self.port}"
        self.cmd = [python, "-m", "streamlit", "run", script, "--server.port", str(self.port)]
        self.cmd += ["--server.address", HOST, "--server.headless", "true"]
        if not watch:
            self.cmd += ["--server.fileWatcherType", "none"]
        self.env = {k: v for k, v in os.environ.items() if k not in ISOLATED_ENV}
        self.env.update({k: str(v) for k, v in (env or {}).items()})
        self.env["PYTHONUNBUFFERED"] = "1"
        paths = [str(p) for p in pythonpath]
        if paths:
            self.env["PYTHONPATH"] = os.pathsep.join([*paths, *filter(None, [self.env.get("PYTHONPATH")])])
        log_dir = Path(log_dir or tempfile.gettempdir())
        self.stdout_path = log_dir / f"streamlit-{self.port}.out"
        self.stderr_path = log_dir / f"streamlit-{self.port}.err"
        self.proc: subprocess.Popen | None = None

    # ------------------------------------------------------------------ life cycle

    def start(self, timeout: float = HEALTH_TIMEOUT) -> AppServer:
        """Start the process and wait until it is healthy; on failure stop it and raise ServerError."""
        with self.stdout_path.open("wb") as out, self.stderr_path.open("wb") as err:
            self.proc = subprocess.Popen(
                self.cmd,
                cwd=self.cwd,
                env=self.env,
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group: stop() ends it and only it
            )
        try:
            self.wait_healthy(timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def wait_healthy(self, timeout: float = HEALTH_TIMEOUT) -> None:
        """Poll /_stcore/health until it answers "ok"; raise ServerError with the server's output otherwise."""
        assert self.proc is not None, "start() first"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ServerError(
                    f"{self.script}: streamlit exited with code {self.proc.returncode} before answering\n{self.logs()}"
                )
            try:
                with _NO_PROXY.open(f"{self.base_url}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200 and resp.read().strip() == b"ok":
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)  # polling interval of a bounded wait, not a readiness guess
        raise ServerError(
            f"{self.script}: no answer on {self.base_url}/_stcore/health within {timeout:.0f} s\n{self.logs()}"
        )

    def stop(self) -> None:
        """SIGTERM the server's process group, wait, SIGKILL it if it is still there."""
        if self.proc is None or self.proc.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.proc.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def remove_logs(self) -> None:
        self.stdout_path.unlink(missing_ok=True)
        self.stderr_path.unlink(missing_ok=True)

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, exc_type, *exc) -> None:
        self.stop()
        if exc_type is None:
            self.remove_logs()

    # ------------------------------------------------------------------ what it did

    @property
    def pid(self) -> int:
        assert self.proc is not None, "start() first"
        return self.proc.pid

    def rss_kb(self) -> int:
        return rss_kb(self.pid) or 0

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.pid)

    def log_text(self) -> str:
        """Everything the server wrote: stderr (Streamlit's log, tracebacks), then stdout."""
        parts = []
        for path in (self.stderr_path, self.stdout_path):
            try:
                parts.append(path.read_text(encoding="utf-8", errors="replace"))
            except OSError:
                continue
        return "\n".join(parts)

    def logs(self, chars: int = 4000) -> str:
        """The tail of stderr and of stdout, labelled, for an error message."""

        def tail(path: Path) -> str:
            text = path.read_text(errors="replace") if path.exists() else ""
            return text[-chars:] or "(empty)"

        return f"--- stderr ---\n{tail(self.stderr_path)}\n--- stdout ---\n{tail(self.stdout_path)}"
