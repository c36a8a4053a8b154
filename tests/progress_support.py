"""Shared bits of the progress tests: the real plan, a CLI runner, a spreadsheet editor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from dashboard.load import load
from dashboard.schema import Col

ROOT = Path(__file__).resolve().parents[1]
PLAN: pd.DataFrame = load()
UNION_ID = str(PLAN.loc[(PLAN[Col.ACTOR_CODE] == "union") & (PLAN[Col.LEVEL] == 1), Col.ID].iloc[0])
MEMBERS_ID = str(PLAN.loc[(PLAN[Col.ACTOR_CODE] == "members") & (PLAN[Col.LEVEL] == 1), Col.ID].iloc[0])
PARENT_ID = str(PLAN.loc[PLAN[Col.N_CHILDREN] > 0, Col.ID].iloc[0])
CHILD_IDS = [str(i) for i in PLAN.loc[PLAN[Col.PARENT_ID] == PARENT_ID, Col.ID]]


def cli(*args: str, url: str, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `python -m dashboard.progress ARGS` against database `url`."""
    env = {**os.environ, "PROGRESS_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "dashboard.progress", *args], capture_output=True, text=True, env=env, timeout=timeout
    )


def write_csv(path: Path, rows: list[dict], encoding: str = "utf-8-sig") -> Path:
    """A CSV with the given rows (keys as headers, in the order of the first row)."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\r\n")
    w.writeheader()
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


# A process that imports FILE into URL and, inside the transaction just before commit, writes MARKER
# and waits HOLD seconds (then commits). Used to kill an import mid-transaction, or to race a second one.
HOLDING_IMPORT = """
import sys, time
from pathlib import Path
from dashboard.load import load
from dashboard.progress import User, import_file, open_store

url, file, marker, hold = sys.argv[1:5]
def before_commit():
    Path(marker).write_text("in transaction")
    time.sleep(float(hold))
report = import_file(open_store(url), file, load(), User.system("佐藤"), before_commit=before_commit)
print("written", report.result.written)
"""


def start_holding_import(url: str, file: Path, marker: Path, hold: float) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", HOLDING_IMPORT, url, str(file), str(marker), str(hold)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(path: Path, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Until `path` exists (the holding import is inside its transaction); fails if the process ends first."""
    import time

    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"import ended early: {proc.communicate()}")
        if time.monotonic() > deadline:
            raise AssertionError("import never reached its transaction")
        time.sleep(0.02)
