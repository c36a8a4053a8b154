"""Progress for this run: the store (one per process), the records read once per database change.

Every run reads the database's data-version stamp (one primary-key SELECT); records, the roll-up
and the badges are cached per (database, data version, as-of day, fiscal year). A missing, locked
or corrupt database never stops the plan dashboard: the view is empty and carries the message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd
import streamlit as st

from .. import progress as P
from ..i18n import catalogue
from ..progress.frames import isin, today
from ..progress.view import VCol, history_table, plan_progress
from ..schema import FISCAL_YEARS, PCol


@dataclass(frozen=True)
class ProgressView:
    """What the pages show of progress: records (all fiscal years) as of `as_of`, the fiscal year shown."""

    fiscal_year: int
    as_of: date | None = None
    demo: bool = False
    version: tuple = ()  # (database, data version, as-of day): changes with every write
    records: pd.DataFrame = field(default_factory=P.empty_records)
    problem: str | None = None  # the user-facing message when the database cannot be read

    @property
    def has_records(self) -> bool:
        return not self.records.empty

    @property
    def key(self) -> tuple:
        return (*self.version, self.fiscal_year)


@st.cache_resource(show_spinner=False, max_entries=4)
def store(url: str) -> P.Store:
    """One store (engine and connection pool) per database and process; opening creates and migrates."""
    return P.open_store(url)


@st.cache_resource(show_spinner=False, max_entries=16)
def _records(url: str, data_version: int, as_of: date | None, _store: P.Store) -> pd.DataFrame:
    """All records, as they stand now or at the end of `as_of` (shared, never mutated)."""
    return _store.records() if as_of is None else _store.records_as_of(as_of)


def view(fiscal_year: int | None, as_of: date | None, lang: str) -> ProgressView:
    """The progress this run shows; never raises (database faults become `problem`)."""
    url = P.database_url()
    try:
        s = store(url)
        stamp = s.stamp()
        records = _records(url, stamp.data_version, as_of, s)
    except P.ProgressError as exc:
        return ProgressView(fiscal_year or FISCAL_YEARS[-1], as_of, problem=exc.message(lang))
    fy = fiscal_year or P.default_fiscal_year(records)
    return ProgressView(fy, as_of, stamp.demo, (url, stamp.data_version, as_of), records)


@st.cache_resource(show_spinner=False, max_entries=32)
def _joined(key: tuple, token: tuple, lang: str, _pv: ProgressView, _df_all: pd.DataFrame) -> pd.DataFrame:
    return plan_progress(_df_all, _pv.records, _pv.fiscal_year, lang)


def plan_columns(pv: ProgressView, token: tuple, df_all: pd.DataFrame, lang: str) -> pd.DataFrame | None:
    """Per plan row: status, %, badge, achievements for the fiscal year (None without records)."""
    if not pv.has_records:
        return None
    return _joined(pv.key, token, lang, pv, df_all)


@st.cache_resource(show_spinner=False, max_entries=8)
def _record_stats(key: tuple, token: tuple, _pv: ProgressView, _df_all: pd.DataFrame) -> pd.DataFrame:
    return P.record_stats(_df_all, _pv.records, _pv.fiscal_year)


def record_stats(pv: ProgressView, token: tuple, df_all: pd.DataFrame) -> pd.DataFrame:
    """`rollup.record_stats` of the whole table for the fiscal year shown: what the summaries of any
    filtered subset read instead of the records (shared, never mutated)."""
    return _record_stats(pv.key, token, pv, df_all)


@st.cache_resource(show_spinner=False, max_entries=8)
def _organisation_stats(key: tuple, token: tuple, _pv: ProgressView, _df_all: pd.DataFrame) -> pd.DataFrame:
    return P.organisation_stats(_df_all, _pv.records, _pv.fiscal_year)


def organisation_stats(pv: ProgressView, token: tuple, df_all: pd.DataFrame) -> pd.DataFrame:
    """`summary.organisation_stats` of the whole table for the fiscal year shown (shared, never mutated)."""
    return _organisation_stats(pv.key, token, pv, df_all)


@st.cache_resource(show_spinner=False, max_entries=4)
def _items(ctx_key: tuple, token: tuple, _pv: ProgressView, _df_all: pd.DataFrame, _df: pd.DataFrame) -> pd.DataFrame:
    return P.items(_df, _pv.records, _pv.fiscal_year, record_stats(_pv, token, _df_all))


def items(ctx_key: tuple, pv: ProgressView, token: tuple, df_all: pd.DataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """`summary.items` of the run's filtered rows `df` (`ctx_key` names them), once per run for all the
    page's figures (shared, never mutated)."""
    return _items(ctx_key, token, pv, df_all, df)


@st.cache_resource(show_spinner=False, max_entries=8)
def _stale(key: tuple, today: date, _records: pd.DataFrame) -> pd.DataFrame:
    shown = [PCol.ID, PCol.FISCAL_YEAR, PCol.ORGANISATION, PCol.STATUS, PCol.UPDATED_AT]  # what stale_table reads
    return P.stale(_records[shown])


def stale(pv: ProgressView, df: pd.DataFrame) -> pd.DataFrame:
    """Records (every fiscal year) of the rows `df` not updated for a long time, oldest first; the whole
    database's are found once per data version and day."""
    old = _stale(pv.version, today(), pv.records)
    return old[isin(old[PCol.ID], df["id"])]


@st.cache_resource(show_spinner=False, max_entries=4)
def _changes(url: str, data_version: int, since: date, token: tuple, lang: str, _df_all: pd.DataFrame) -> pd.DataFrame:
    return history_table(store(url).changes_since(since), _df_all, lang)


def changes(pv: ProgressView, since: date, token: tuple, df_all: pd.DataFrame, df: pd.DataFrame, lang: str):
    """History since `since` of the rows `df`, as users read it (view.history_table), newest first. Read and
    formatted once per database change (`pv`'s data version), day, table and language; raises P.ProgressError."""
    url, data_version = pv.version[:2]
    table = _changes(url, data_version, since, token, lang, df_all)
    id_col = catalogue(lang)("progress.col.id")
    return table[isin(table[id_col], df["id"])]


@st.cache_resource(show_spinner=False, max_entries=32)
def _badges(key: tuple, _df: pd.DataFrame) -> dict[str, tuple[str, str]]:
    return dict(zip(_df["id"].astype(str), zip(_df[VCol.STATUS], _df[VCol.BADGE], strict=True), strict=True))


def badges(key: tuple, df: pd.DataFrame) -> dict[str, tuple[str, str]] | None:
    """Initiative id → (status, badge text) of the filtered rows `df` (None when no progress is joined)."""
    if VCol.BADGE not in df.columns:
        return None
    return _badges(key, df)
