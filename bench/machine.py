"""What a reader needs to compare two benchmark runs: cores, memory, versions, load at the start."""

from __future__ import annotations

import os
import platform
import subprocess


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
