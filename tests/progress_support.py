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
