"""Where the project's files live; INITIATIVES_PATH points the app at another table."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
SOURCE_DIR = DATA_DIR / "source"
DEFAULT_PARQUET = DATA_DIR / "initiatives.parquet"
ENV_VAR = "INITIATIVES_PATH"


def data_path() -> Path:
    """The parquet file the app reads: $INITIATIVES_PATH, else data/initiatives.parquet."""
    value = os.environ.get(ENV_VAR, "").strip()
    return Path(value) if value else DEFAULT_PARQUET
