"""The progress store on SQLite and a real PostgreSQL: migrations, the write path, history, reads, faults."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from progress_support import MEMBERS_ID, PLAN, UNION_ID

from dashboard.progress import (
    Change,
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseMissing,
    DatabaseUnavailable,
    HCol,
    Source,
    User,
    WriteRefused,
    grant,
    open_store,
    write_progress,
)
from dashboard.progress.models import history
from dashboard.progress.store import migrate, resolve_url
from dashboard.schema import ORGANISATION_CODES, PCol

BY = User.system("tester")
CLI = Source("cli")


def change(i=UNION_ID, fy=2024, org="union", version=None, **values) -> Change:
    return Change(i, fy, org, values or {PCol.STATUS: "in_progress"}, version, ref="t!A2")


def test_empty_database_is_created_migrated_and_empty(db_url):
    """Opening a new URL creates the tables; no records, data version 0, not demo."""
    store = open_store(db_url)
    assert store.records().empty
    assert store.stamp().data_version == 0 and not store.is_demo()
    assert store.counts() == {"records": 0, "history": 0}


def test_write_insert_update_and_history(db_url):
    """Each insert and update writes its history row (who, source, before/after) and bumps the data version."""
    store = open_store(db_url)
    r1 = write_progress(store, [change(**{PCol.STATUS: "preparing", PCol.ACHIEVEMENT: "<b>準備</b>"})], BY, CLI, PLAN)
    assert (r1.written, r1.data_version) == (1, 1)
    r2 = write_progress(store, [change(version=1, **{PCol.STATUS: "done", PCol.PROGRESS_PCT: 90.0})], BY, CLI, PLAN)
    assert (r2.written, r2.data_version, [d.kind for d in r2.diffs]) == (1, 2, ["changed"])
    rec = store.records(2024).iloc[0]
    assert (rec[PCol.STATUS], rec[PCol.PROGRESS_PCT], rec[PCol.VERSION]) == ("done", 90.0, 2)
    assert rec[PCol.ACHIEVEMENT] == "<b>準備</b>"  # stored literally
    h = store.history(UNION_ID)
    assert list(h[HCol.ACTION]) == ["insert", "update"]
    assert list(h[HCol.VERSION]) == [1, 2]
    assert h[HCol.BEFORE].iloc[0] is None and h[HCol.BEFORE].iloc[1][PCol.STATUS] == "preparing"
    assert h[HCol.AFTER].iloc[1][PCol.STATUS] == "done"
    assert h[HCol.FIELDS].iloc[1] == (PCol.STATUS, PCol.PROGRESS_PCT)
    assert set(h[HCol.USER_SUBJECT]) == {"cli:tester"} and set(h[HCol.SOURCE]) == {"cli"}
    assert store.data_version() == 2


def test_unchanged_rows_write_nothing(db_url):
    """Writing the stored values again changes nothing: no history row, same data version."""
    store = open_store(db_url)
    write_progress(store, [change()], BY, CLI, PLAN)
    r = write_progress(store, [change(version=1)], BY, CLI, PLAN)
    assert [d.kind for d in r.diffs] == ["unchanged"] and r.written == 0
    assert store.counts() == {"records": 1, "history": 1} and store.data_version() == 1


def test_stale_version_is_a_conflict_never_overwritten(db_url):
    """A change made against an older version reports the stored value and who wrote it; nothing changes."""
    store = open_store(db_url)
    write_progress(store, [change(**{PCol.STATUS: "done"})], User.system("佐藤"), CLI, PLAN)
    r = write_progress(store, [change(version=None), change(MEMBERS_ID, org="hyogo")], BY, CLI, PLAN)
    assert r.written == 0 and len(r.conflicts) == 1
    c = r.conflicts[0]
    assert c.seen_version is None and c.stored[PCol.STATUS] == "done" and c.stored[PCol.UPDATED_BY] == "佐藤"
    assert store.counts() == {"records": 1, "history": 1}
    r = write_progress(
        store, [change(version=None), change(MEMBERS_ID, org="hyogo")], BY, CLI, PLAN, skip_conflicts=True
    )
    assert r.written == 1 and len(r.conflicts) == 1
    assert store.records().set_index(PCol.ID).loc[UNION_ID, PCol.STATUS] == "done"


def test_dry_run_reports_and_rolls_back(db_url):
    """A dry run gives the diff and writes nothing."""
    store = open_store(db_url)
    r = write_progress(store, [change()], BY, CLI, PLAN, dry_run=True)
    assert [d.kind for d in r.diffs] == ["new"] and r.written == 0
    assert store.counts() == {"records": 0, "history": 0} and store.data_version() == 0


@pytest.mark.parametrize(
    ("bad", "key"),
    [
        (change("no-such-id"), "progress.field.unknown_id"),
        (change(org="hyogo"), "progress.field.org_not_for_actor"),
        (change(MEMBERS_ID, org="union"), "progress.field.org_not_for_actor"),
        (change(fy=2023), "progress.field.fiscal_year"),
        (change(**{PCol.STATUS: "finished"}), "progress.field.status"),
        (change(**{PCol.STATUS: "done", PCol.PROGRESS_PCT: 101.0}), "progress.field.pct_range"),
        (change(**{PCol.STATUS: "done", PCol.ACHIEVEMENT: "x" * 2001}), "progress.field.too_long"),
        (change(**{PCol.STATUS: "done", PCol.EVIDENCE_URL: "javascript:alert(1)"}), "progress.field.url"),
        (change(**{PCol.STATUS: "done", PCol.NOTE: "a\u202eb"}), "progress.field.forbidden_char"),
        (change(**{PCol.STATUS: "done", "colour": "red"}), "progress.write.unknown_fields"),
        (change(**{PCol.STATUS: None}), "progress.field.status_required"),
    ],
)
def test_write_path_refuses_bad_changes(db_url, bad, key):
    """Unknown ids, organisations outside the actor, bad values: refused with the reason, nothing written."""
    store = open_store(db_url)
    with pytest.raises(WriteRefused) as err:
        write_progress(store, [change(MEMBERS_ID, org="kobe"), bad], BY, CLI, PLAN)
    assert key in [p.key for p in err.value.problems]
    assert "t!A2" in err.value.message("en")
    assert store.counts() == {"records": 0, "history": 0}


def test_write_path_checks_the_users_organisations(db_url):
    """An editor of hyogo may write hyogo only; a viewer nothing; an admin anything (roles as granted)."""
    store = open_store(db_url)
    grant(store, role="editor", organisations=["hyogo"], subject="sub-1", by=BY)
    grant(store, role="admin", subject="s3", by=BY)
    editor = User("sub-1", "兵庫 太郎", "editor", frozenset({"hyogo"}))
    assert write_progress(store, [change(MEMBERS_ID, org="hyogo")], editor, Source("form"), PLAN).written == 1
    for user, c in [
        (editor, change()),
        (editor, change(MEMBERS_ID, org="kobe")),
        (User("s2", "閲覧", "viewer"), change()),
    ]:
        with pytest.raises(WriteRefused) as err:
            write_progress(store, [c], user, Source("form"), PLAN)
        assert [p.key for p in err.value.problems] == ["progress.write.not_allowed"]
    assert (
        write_progress(
            store, [change()], User("s3", "管理", "admin", frozenset(ORGANISATION_CODES)), Source("form"), PLAN
        ).written
        == 1
    )
    assert store.history()[HCol.USER_SUBJECT].tolist() == ["sub-1", "s3"]


def test_records_as_of_rebuilt_from_history(db_url):
    """as_of gives each record as it stood at the end of a day (Japan time), from history alone."""
    store = open_store(db_url)
    write_progress(store, [change(**{PCol.STATUS: "preparing"})], BY, CLI, PLAN)
    write_progress(store, [change(version=1, **{PCol.STATUS: "done"})], BY, CLI, PLAN)
    write_progress(store, [change(MEMBERS_ID, org="kobe")], BY, CLI, PLAN)
    # Move the first two history rows into the past, as if written on 2025-01-10 and 2025-02-10 (JST).
    with store.engine.begin() as conn:
        for hid, when in [(1, datetime(2025, 1, 10, 3, tzinfo=UTC)), (2, datetime(2025, 2, 10, 3, tzinfo=UTC))]:
            conn.execute(history.update().where(history.c.history_id == hid).values(changed_at=when))
    assert store.records_as_of(date(2025, 1, 9)).empty
    jan = store.records_as_of(date(2025, 1, 31))
    assert jan[[PCol.ID, PCol.STATUS, PCol.VERSION]].values.tolist() == [[UNION_ID, "preparing", 1]]
    feb = store.records_as_of(date(2025, 2, 10))
    assert feb[PCol.STATUS].tolist() == ["done"]
    now = store.records_as_of(date.today() + timedelta(days=1))
    assert len(now) == 2
    cur = store.records()
    assert now.drop(columns=[PCol.UPDATED_AT]).equals(cur.drop(columns=[PCol.UPDATED_AT]))
    assert store.changes_since(date(2025, 2, 1))[HCol.HISTORY_ID].tolist() == [2, 3]


def test_migrates_a_database_of_the_first_schema(db_url):
    """A database left at revision 0001 (no state row yet) is migrated on open, its history kept."""
    engine = sa.create_engine(resolve_url(db_url))
    migrate(engine, "0001")
    with engine.begin() as conn:
        conn.execute(
            history.insert().values(
                id=UNION_ID,
                fiscal_year=2024,
                organisation="union",
                version=1,
                action="insert",
                changed_at=datetime.now(UTC),
                user_subject="old",
                user_name="old",
                source="cli",
                after="{}",
            )
        )
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "0001"
    engine.dispose()
    store = open_store(db_url)
    assert store.stamp().data_version == 1  # counted from the existing history
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one() == "0003"
    assert len(store.history()) == 1


def test_missing_database_without_create_is_a_typed_error(tmp_path):
    """A missing SQLite file, when not asked to create it, raises DatabaseMissing with a message in ja and en."""
    with pytest.raises(DatabaseMissing) as err:
        open_store(f"sqlite:///{tmp_path / 'nope.sqlite3'}", create=False)
    assert "nope.sqlite3" in err.value.message("ja") and "does not exist" in err.value.message("en")
    assert not (tmp_path / "nope.sqlite3").exists()


def test_corrupt_database_is_a_typed_error(tmp_path):
    """A file that is not a database raises DatabaseCorrupt, not a traceback of the driver."""
    path = tmp_path / "bad.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(DatabaseCorrupt) as err:
        open_store(f"sqlite:///{path}")
    assert "バックアップ" in err.value.message("ja")


def test_locked_database_is_a_typed_error(tmp_path):
    """Another process holding an exclusive lock past the busy timeout gives DatabaseLocked; reads in WAL go on."""
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    store = open_store(url, busy_timeout=0.2)
    other = sqlite3.connect(tmp_path / "p.sqlite3", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseLocked) as err:
            write_progress(store, [change()], BY, CLI, PLAN)
        assert "locked" in err.value.message("en")
        assert store.records().empty  # readers are not blocked by a writer in WAL mode
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert write_progress(store, [change()], BY, CLI, PLAN).written == 1


def test_unreachable_postgresql_is_a_typed_error():
    """A PostgreSQL URL nobody listens on raises DatabaseUnavailable."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DatabaseUnavailable) as err:
        open_store(f"postgresql+psycopg://nobody:secret@127.0.0.1:{port}/none")
    assert "cannot be reached" in err.value.message("en") and "secret" not in err.value.message("en")
