"""Real processes on both backends: an import killed mid-transaction leaves the database as it was;
two imports at once run one after the other and the second reports conflicts."""

from __future__ import annotations

import signal

from progress_support import MEMBERS_ID, PLAN, UNION_ID, cli, start_holding_import, wait_for, write_csv

from dashboard.progress import Change, Source, User, open_store, write_progress
from dashboard.schema import Col, PCol

MEMBER_IDS = [str(i) for i in PLAN.loc[PLAN[Col.ACTOR_CODE] == "members", Col.ID]][:40]


def _rows(status: str, achievement: str, version: str = "") -> list[dict]:
    rows = [
        {
            "id": UNION_ID,
            "fiscal_year": 2025,
            "organisation": "union",
            "status": status,
            "achievement": achievement,
            "version": version,
        }
    ]
    rows += [
        {
            "id": i,
            "fiscal_year": 2025,
            "organisation": "kobe",
            "status": status,
            "achievement": achievement,
            "version": "",
        }
        for i in MEMBER_IDS
    ]
    return rows


def test_kill_9_during_import_leaves_the_database_as_it_was(db_url, tmp_path):
    """SIGKILL while the import's transaction is open: records, history and data version unchanged, lock released."""
    store = open_store(db_url)
    write_progress(
        store, [Change(UNION_ID, 2025, "union", {PCol.STATUS: "preparing"})], User.system("a"), Source("cli"), PLAN
    )
    before = (store.records(), store.history(), store.data_version())
    file = write_csv(tmp_path / "in.csv", _rows("done", "killed import", version="1"))
    marker = tmp_path / "marker"
    proc = start_holding_import(db_url, file, marker, hold=120)
    wait_for(marker, proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    store = open_store(db_url, busy_timeout=15)
    assert store.records().equals(before[0])
    assert len(store.history()) == len(before[1]) and store.data_version() == before[2]
    r = write_progress(
        store, [Change(MEMBERS_ID, 2025, "hyogo", {PCol.STATUS: "done"})], User.system("b"), Source("cli"), PLAN
    )
    assert r.written == 1  # the killed writer's lock is gone


def test_two_imports_at_once_second_reports_conflicts(db_url, tmp_path):
    """A second import started while the first holds its transaction waits, then reports conflicts; nothing lost."""
    first = write_csv(tmp_path / "first.csv", _rows("done", "first"))
    second = write_csv(tmp_path / "second.csv", _rows("in_progress", "second"))
    open_store(db_url)  # create the schema before the race
    marker = tmp_path / "marker"
    proc = start_holding_import(db_url, first, marker, hold=4)
    wait_for(marker, proc)
    other = cli("import", str(second), "--by", "鈴木", "--lang", "en", url=db_url)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert f"written {len(MEMBER_IDS) + 1}" in out
    assert other.returncode == 1, other.stderr
    assert f"{len(MEMBER_IDS) + 1} conflicts" in other.stdout
    assert "by 佐藤" in other.stdout and "Traceback" not in other.stderr
    recs = open_store(db_url).records()
    assert set(recs[PCol.ACHIEVEMENT]) == {"first"} and len(recs) == len(MEMBER_IDS) + 1
