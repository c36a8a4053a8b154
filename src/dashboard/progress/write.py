"""THE one way progress is written: checked (authorization, plan, values, versions), one transaction.

    result = write_progress(store, changes, user, source, plan)

Every change names a record (id, fiscal year, organisation), the values to set (fields left out
keep their stored value) and the `version` its writer saw (None: the record did not exist then).
A stale version is a conflict, reported with the stored values and who wrote them, never
overwritten. Records, their history rows and the data-version bump commit together or not at all.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import sqlalchemy as sa

from ..schema import ACTOR_ORGANISATIONS, FISCAL_YEARS, PROGRESS_KEY, PROGRESS_VALUES, Col, PCol
from . import access, frames
from .errors import Problem, WriteRefused
from .fields import check_values
from .models import STATE_ROW_ID, history, record, state
from .store import Store
from .user import User

SOURCE_KINDS = ("cli", "spreadsheet", "form")
_CHUNK = 300  # keys per SELECT
log = logging.getLogger("dashboard.progress.write")


@dataclass(frozen=True)
class Source:
    """Where a write comes from: `cli`, `spreadsheet` (file name + sha256) or `form`."""

    kind: str
    file_name: str | None = None
    sha256: str | None = None

    @classmethod
    def spreadsheet(cls, path: Path | str, data: bytes | None = None) -> Source:
        data = Path(path).read_bytes() if data is None else data
        return cls("spreadsheet", Path(path).name, hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class Change:
    """Set `values` on record (id, fiscal_year, organisation), seen at `version`; `ref` locates it for messages."""

    id: str
    fiscal_year: int
    organisation: str
    values: Mapping[str, Any]
    version: int | None = None
    ref: str = ""

    @property
    def key(self) -> tuple[str, int, str]:
        return (self.id, self.fiscal_year, self.organisation)


@dataclass(frozen=True)
class Diff:
    """One record's outcome: kind new | changed | unchanged; values before (None: new) and after."""

    key: tuple[str, int, str]
    kind: str
    before: dict[str, Any] | None
    after: dict[str, Any]
    fields: tuple[str, ...]
    ref: str = ""


@dataclass(frozen=True)
class Conflict:
    """A stale version: what the writer saw, and the stored record (None: it does not exist)."""

    key: tuple[str, int, str]
    seen_version: int | None
    stored: dict[str, Any] | None
    ref: str = ""


@dataclass
class WriteResult:
    diffs: list[Diff] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    written: int = 0  # records inserted or updated (0 on a dry run or a refused file)
    data_version: int = 0

    def of_kind(self, kind: str) -> list[Diff]:
        return [d for d in self.diffs if d.kind == kind]


def check_changes(changes: Sequence[Change], user: User, plan: pd.DataFrame) -> list[Problem]:
    """Every rule a set of changes breaks before any database work (pure)."""
    actors = dict(zip(plan[Col.ID].astype(str), plan[Col.ACTOR_CODE].astype(str), strict=True))
    problems: list[Problem] = []
    seen: dict[tuple, str] = {}
    for c in changes:
        actor = actors.get(c.id)
        if actor is None:
            problems.append(Problem(c.ref, "progress.field.unknown_id", {"value": c.id}))
        elif c.organisation not in ACTOR_ORGANISATIONS[actor]:
            problems.append(Problem(c.ref, "progress.field.org_not_for_actor", {"org": c.organisation, "actor": actor}))
        elif not user.may_write(c.organisation):
            problems.append(Problem(c.ref, "progress.write.not_allowed", {"user": user.name, "org": c.organisation}))
        if c.fiscal_year not in FISCAL_YEARS:
            problems.append(
                Problem(c.ref, "progress.field.fiscal_year", {"value": c.fiscal_year, "valid": FISCAL_YEARS})
            )
        unknown = set(c.values) - set(PROGRESS_VALUES)
        if unknown:
            problems.append(Problem(c.ref, "progress.write.unknown_fields", {"fields": ", ".join(sorted(unknown))}))
        for name, exc in check_values({k: v for k, v in c.values.items() if k in PROGRESS_VALUES}):
            problems.append(Problem(c.ref, exc.key, {**exc.fields, "field": name}))
        if PCol.STATUS in c.values and c.values[PCol.STATUS] is None:
            problems.append(Problem(c.ref, "progress.field.status_required"))
        if c.key in seen:
            problems.append(Problem(c.ref, "progress.field.duplicate_key", {"first": seen[c.key]}))
        seen.setdefault(c.key, c.ref)
    return problems


def _stored(conn: sa.Connection, keys: Iterable[tuple], lock: bool) -> dict[tuple, dict]:
    keys = list(keys)
    out: dict[tuple, dict] = {}
    cols = sa.tuple_(record.c.id, record.c.fiscal_year, record.c.organisation)
    for i in range(0, len(keys), _CHUNK):
        q = sa.select(record).where(cols.in_(keys[i : i + _CHUNK]))
        for r in conn.execute(q.with_for_update() if lock else q).mappings():
            row = dict(r)
            row[PCol.UPDATED_AT] = frames.utc(row[PCol.UPDATED_AT])
            out[tuple(row[k] for k in PROGRESS_KEY)] = row
    return out


def _outcome(c: Change, stored: dict | None) -> Diff | Conflict:
    before = {k: stored[k] for k in frames.STORED_FIELDS} if stored else None
    after = {f: (stored or {}).get(f) for f in PROGRESS_VALUES} | dict(c.values)
    fields = frames.changed_fields(before, after)
    if before is not None and not fields:
        return Diff(c.key, "unchanged", before, {**before}, (), c.ref)
    if (stored[PCol.VERSION] if stored else None) != c.version:
        return Conflict(c.key, c.version, before, c.ref)
    return Diff(c.key, "changed" if before else "new", before, after, fields, c.ref)


def write_progress(
    store: Store,
    changes: Sequence[Change],
    user: User,
    source: Source,
    plan: pd.DataFrame,
    *,
    skip_conflicts: bool = False,
    dry_run: bool = False,
    before_commit: Callable[[], None] | None = None,
) -> WriteResult:
    """Check and apply `changes` as `user` from `source` in one transaction.

    Raises WriteRefused (nothing written) for any broken rule (unknown id, organisation not allowed for
    the initiative's actor or for the user, bad value, duplicate key); DatabaseError for a database fault.
    With conflicts nothing is written unless `skip_conflicts` (then the rest is). `dry_run`: the same
    checks and diff, rolled back. `before_commit` runs inside the transaction just before it commits.
    """
    if source.kind not in SOURCE_KINDS:
        raise ValueError(f"unknown source kind {source.kind!r}")
    if user.role == "system" and source.kind == "form":
        _refused(user, source, changes, [Problem("", "progress.write.system_form")])
    problems = check_changes(changes, user, plan)
    if problems:
        _refused(user, source, changes, problems)
    result = WriteResult()
    with store.writing() as conn:
        # The role as stored now, not as the caller says: a grant revoked since sign-in, or a forged User, is refused.
        stored_user = access.effective_user(conn, user)
        problems = [p for p in check_changes(changes, stored_user, plan) if p.key == "progress.write.not_allowed"]
        if problems:
            conn.rollback()
            _refused(stored_user, source, changes, problems)
        stored = _stored(conn, [c.key for c in changes], lock=store.backend == "postgresql")
        for c in changes:
            out = _outcome(c, stored.get(c.key))
            (result.conflicts if isinstance(out, Conflict) else result.diffs).append(out)
        missing_status = [d for d in result.diffs if d.kind == "new" and not d.after.get(PCol.STATUS)]
        if missing_status:
            conn.rollback()
            raise WriteRefused([Problem(d.ref, "progress.field.status_required") for d in missing_status])
        todo = [d for d in result.diffs if d.kind != "unchanged"]
        version = conn.execute(sa.select(state.c.data_version).where(state.c.state_id == STATE_ROW_ID)).scalar_one()
        result.data_version = int(version)
        if dry_run or not todo or (result.conflicts and not skip_conflicts):
            conn.rollback()
            return result
        now = datetime.now(UTC)
        new_version = int(version) + 1
        for d in todo:
            _apply(conn, d, user, source, now)
        conn.execute(
            state.update().where(state.c.state_id == STATE_ROW_ID).values(data_version=new_version, changed_at=now)
        )
        if before_commit is not None:
            before_commit()
    result.written, result.data_version = len(todo), new_version
    return result


def _apply(conn: sa.Connection, d: Diff, user: User, source: Source, now: datetime) -> None:
    key = dict(zip(PROGRESS_KEY, d.key, strict=True))
    old_version = d.before[PCol.VERSION] if d.before else 0
    meta = {PCol.UPDATED_BY: user.name, PCol.UPDATED_AT: now, PCol.VERSION: old_version + 1}
    after = {**d.after, **meta}
    if d.before is None:
        conn.execute(record.insert().values(**key, **after))
    else:
        match = sa.and_(*(record.c[k] == v for k, v in key.items()), record.c.version == old_version)
        if conn.execute(record.update().where(match).values(**after)).rowcount != 1:
            raise RuntimeError(f"record {d.key} changed under the writers' lock")  # cannot happen: lock held
    conn.execute(
        history.insert().values(
            **key,
            version=old_version + 1,
            action="insert" if d.before is None else "update",
            changed_at=now,
            user_subject=user.subject,
            user_name=user.name,
            source=source.kind,
            source_file=source.file_name,
            source_sha256=source.sha256,
            before=frames.to_json(d.before) if d.before else None,
            after=frames.to_json(after),
        )
    )


def _refused(user: User, source: Source, changes: Sequence[Change], problems: list[Problem]) -> None:
    """Log a refused write (who, from where, which records, why) and raise WriteRefused."""
    keys = {p.key for p in problems}
    if keys & {"progress.write.not_allowed", "progress.write.system_form"}:
        records = ", ".join(f"{c.id}/{c.fiscal_year}/{c.organisation}" for c in changes[:5])
        more = f" (+{len(changes) - 5} more)" if len(changes) > 5 else ""
        log.warning(
            "write refused: subject=%r name=%r role=%s orgs=%s source=%s records=%s%s reasons=%s",
            user.subject,
            user.name,
            user.role,
            ",".join(sorted(user.organisations)) or "-",
            source.kind,
            records,
            more,
            ",".join(sorted(keys)),
        )
    raise WriteRefused(problems)
