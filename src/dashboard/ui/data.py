"""The table and what is derived from it, cached per process (keyed on the file and the filter).

Cached values are shared by every session: never mutated. What a session keeps between runs holds
no rows (see `context.release`)."""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path

import numpy as np
import pandas as pd
import streamlit as st
from streamlit import runtime

from .. import aggregate, related
from .. import filters as F
from ..load import load_with_meta
from ..paths import data_path
from ..progress import status_mask

FILTERED_FRAMES = 8  # filtered frames kept cached (their row positions: 256 filter states)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load(path: str, mtime_ns: int, size: int) -> tuple[pd.DataFrame, dict]:
    """Read and type the table once per process (reloaded when the file changes)."""
    return load_with_meta(path)


def load_data() -> tuple[pd.DataFrame, dict, tuple]:
    """The table, its metadata and a token naming that table in cache keys.

    Raises `dashboard.load.LoadError` (with a user-facing message) when the file is unusable."""
    path = Path(data_path())
    try:
        stat = path.stat()
    except OSError:
        df, meta = load_with_meta(path)  # raises the typed "missing" error
        return df, meta, (str(path), id(df), len(df))
    df, meta = _load(str(path), stat.st_mtime_ns, stat.st_size)
    return df, meta, (str(path), stat.st_mtime_ns, stat.st_size, id(df), len(df))


def filter_key(f: F.Filters) -> tuple:
    """A hashable, canonical form of a filter, for cache keys."""
    return tuple(sorted((k, tuple(v)) for k, v in F.to_query_params(f).items()))


@st.cache_resource(show_spinner=False, max_entries=16)
def _status_keep(token: tuple, pkey: tuple, statuses: tuple, _df: pd.DataFrame, _pv) -> np.ndarray:
    """The status filter's rows of the whole table (1 byte a row), once per status choice and data version:
    a new area or search with the same statuses reuses it."""
    return status_mask(_df, _pv.records, _pv.fiscal_year, statuses).to_numpy(dtype=bool)


@st.cache_resource(show_spinner=False, max_entries=256)
def _filtered_rows(token: tuple, key: tuple, pkey: tuple, _df: pd.DataFrame, _f: F.Filters, _pv) -> np.ndarray:
    """Positions of the rows of one filter state (8 bytes a row: many states can stay cached)."""
    keep = F.mask(_df, _f).to_numpy().copy()
    if _f.statuses and _pv is not None:
        keep &= _status_keep(token, pkey, tuple(sorted(_f.statuses)), _df, _pv)
    return np.flatnonzero(keep)


@st.cache_resource(show_spinner=False, max_entries=FILTERED_FRAMES)
def _filtered(token: tuple, key: tuple, pkey: tuple, _df: pd.DataFrame, _f: F.Filters, _pv, _cols) -> pd.DataFrame:
    """The filtered rows for one filter state, with the progress columns when there are any. Frames
    copy the rows' text, so only the recent FILTERED_FRAMES stay cached (a 100,000-row table's frame
    is up to ~50 MB); older states are taken again from their cached positions."""
    rows = _filtered_rows(token, key, pkey if _f.statuses else (), _df, _f, _pv)
    out = _df.take(rows)
    return out if _cols is None else pd.concat([out, _cols.take(rows)], axis=1)


def filtered(
    token: tuple, df_all: pd.DataFrame, f: F.Filters, pv=None, cols: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The rows of `df_all` that filter `f` keeps (the status filter against `pv`, a ProgressView), with
    `cols` (progress columns aligned with `df_all`) joined on (shared, never mutated)."""
    pkey = () if pv is None else (pv.key, cols is not None)
    return _filtered(token, filter_key(f), pkey, df_all, f, pv, cols)


@st.cache_resource(show_spinner=False, max_entries=8)
def _list_codes(token: tuple, col: str, _df_all: pd.DataFrame) -> aggregate.ListCodes | None:
    return aggregate.list_codes(_df_all, col)


def list_codes(token: tuple, df_all: pd.DataFrame, col: str) -> aggregate.ListCodes | None:
    """The whole table's list column `col` as integer codes, once per table (shared, never mutated)."""
    return _list_codes(token, col, df_all)


@st.cache_resource(show_spinner=False, max_entries=4)
def _neighbours(token: tuple, _df_all: pd.DataFrame) -> related.Neighbours | None:
    return related.neighbours(_df_all)


def neighbours(token: tuple, df_all: pd.DataFrame) -> related.Neighbours | None:
    """The whole table's stored neighbour links as row positions, once per table (shared, never mutated)."""
    return _neighbours(token, df_all)


_FREEZE_LOCK = threading.Lock()
_frozen: dict = {"modules": 0, "token": None}


def freeze_heap(token: tuple) -> None:
    """Take the long-lived heap (imported modules, the loaded table) out of the garbage collector's walks.

    Streamlit runs a full `gc.collect()` after every script run (`runner.postScriptGC`); with pandas,
    pyarrow and plotly imported that walks ~150,000 long-lived objects: 60–80 ms of every rerun, more
    than the page's own work. `gc.freeze()` moves every object alive now to a permanent generation
    those collections skip; frozen objects are still freed by reference counting, only reference
    cycles among them are never collected. So the freeze follows a collection, and is repeated only
    when new modules were imported (plotly loads its classes on first use) or the table changed (then
    unfrozen first, so the old table can go). A real server only: AppTest's mock runtime is left alone.
    """
    if not runtime.exists() or type(runtime.get_instance()) is not runtime.Runtime:
        return
    with _FREEZE_LOCK:
        if len(sys.modules) <= _frozen["modules"] and token == _frozen["token"]:
            return
        if token != _frozen["token"]:
            gc.unfreeze()
        gc.collect()
        gc.freeze()
        _frozen.update(modules=len(sys.modules), token=token)
