"""Progress of the plan's initiatives per fiscal year and organisation: a database with history.

Public API (the UI and later issues call these; nothing else writes):
    open_store(url=None, *, create=True) -> Store         store.py (reads: records, records_as_of, history, stamp)
    write_progress(store, changes, user, source, plan, …)  write.py (THE write path; checks the stored role)
    signed_in_user, grant, revoke, grants                 access.py (who may edit: roles per subject / e-mail)
    import_file(store, path, plan, user, …)                importer.py (spreadsheet → write path)
    template / export_csv / export_xlsx                    workbook.py
    rollup, record_stats, with_rollup, status_mask, …      rollup.py (pure)
    overview, by_actor, area_phase, status_by_area, …      summary.py (pure; items, organisation_stats)
Errors: errors.ProgressError and its family, each with message(lang).
"""

from .access import Grant, grant, grants, revoke, signed_in_user
from .errors import (
    AccessRefused,
    DatabaseCorrupt,
    DatabaseError,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseUnavailable,
    FileRejected,
    Problem,
    ProgressError,
    SchemaTooNew,
    WriteRefused,
)
from .frames import HCol, empty_records
from .importer import ImportReport, import_file
from .rollup import RCol, default_fiscal_year, filter_by_status, record_stats, rollup, status_mask, with_rollup
from .store import DEFAULT_URL, DEMO_URL, ENV_VAR, Stamp, Store, database_url, open_store
from .summary import (
    Overview,
    SCol,
    area_phase,
    by_actor,
    items,
    organisation_stats,
    overview,
    stale,
    status_by_area,
    status_by_organisation,
)
from .workbook import export_csv, export_xlsx, template
from .write import Change, Conflict, Diff, Source, User, WriteResult, write_progress

__all__ = [
    "DEFAULT_URL",
    "DEMO_URL",
    "ENV_VAR",
    "AccessRefused",
    "Change",
    "Conflict",
    "DatabaseCorrupt",
    "DatabaseError",
    "DatabaseLocked",
    "DatabaseMissing",
    "DatabaseUnavailable",
    "Diff",
    "FileRejected",
    "Grant",
    "HCol",
    "ImportReport",
    "Overview",
    "Problem",
    "ProgressError",
    "RCol",
    "SCol",
    "SchemaTooNew",
    "Source",
    "Stamp",
    "Store",
    "User",
    "WriteRefused",
    "WriteResult",
    "area_phase",
    "by_actor",
    "database_url",
    "default_fiscal_year",
    "empty_records",
    "export_csv",
    "export_xlsx",
    "filter_by_status",
    "grant",
    "grants",
    "import_file",
    "items",
    "open_store",
    "organisation_stats",
    "overview",
    "record_stats",
    "revoke",
    "rollup",
    "signed_in_user",
    "stale",
    "status_by_area",
    "status_by_organisation",
    "status_mask",
    "template",
    "with_rollup",
    "write_progress",
]
