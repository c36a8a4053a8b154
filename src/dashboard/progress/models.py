"""The progress database's tables (SQLAlchemy Core); migrations/ creates and evolves them.

progress_record   one row per (initiative id, fiscal year, organisation), with a version
progress_history  append-only: every insert and update, who, when, before/after (JSON), source
progress_state    one row (id 1): the data version bumped by every write, and the demo flag
access_grant      who may edit (issue 14): a provider subject or, until first sign-in, an e-mail → role, organisations
access_history    append-only: every grant, revoke and first-sign-in binding, who did it, before/after (JSON)
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from ..schema import PCol

metadata = MetaData()
STATE_ROW_ID = 1

record = Table(
    "progress_record",
    metadata,
    Column(PCol.ID, String(100), primary_key=True),
    Column(PCol.FISCAL_YEAR, Integer, primary_key=True),
    Column(PCol.ORGANISATION, String(40), primary_key=True),
    Column(PCol.STATUS, String(40), nullable=False),
    Column(PCol.PROGRESS_PCT, Float),
    Column(PCol.ACHIEVEMENT, Text),
    Column(PCol.INDICATOR, Text),
    Column(PCol.TARGET, Text),
    Column(PCol.ACTUAL, Text),
    Column(PCol.UNIT, Text),
    Column(PCol.BUDGET_THOUSAND_YEN, BigInteger),
    Column(PCol.AS_OF, Date),
    Column(PCol.EVIDENCE_URL, Text),
    Column(PCol.NOTE, Text),
    Column(PCol.UPDATED_BY, String(200), nullable=False),
    Column(PCol.UPDATED_AT, DateTime(timezone=True), nullable=False),
    Column(PCol.VERSION, Integer, nullable=False),
    CheckConstraint("version >= 1", name="ck_progress_record_version"),
    CheckConstraint(
        "progress_pct IS NULL OR (progress_pct >= 0 AND progress_pct <= 100)", name="ck_progress_record_pct"
    ),
    Index("ix_progress_record_fiscal_year", PCol.FISCAL_YEAR),
)

history = Table(
    "progress_history",
    metadata,
    Column("history_id", Integer, primary_key=True, autoincrement=True),
    Column(PCol.ID, String(100), nullable=False),
    Column(PCol.FISCAL_YEAR, Integer, nullable=False),
    Column(PCol.ORGANISATION, String(40), nullable=False),
    Column(PCol.VERSION, Integer, nullable=False),
    Column("action", String(10), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("user_subject", String(200), nullable=False),
    Column("user_name", String(200), nullable=False),
    Column("source", String(20), nullable=False),
    Column("source_file", Text),
    Column("source_sha256", String(64)),
    Column("before", Text),
    Column("after", Text, nullable=False),
    Index("ix_progress_history_key", PCol.ID, PCol.FISCAL_YEAR, PCol.ORGANISATION, "history_id"),
    Index("ix_progress_history_changed_at", "changed_at"),
)

state = Table(
    "progress_state",
    metadata,
    Column("state_id", Integer, primary_key=True, autoincrement=False),
    Column("data_version", Integer, nullable=False),
    Column("changed_at", DateTime(timezone=True)),
    Column("demo", Boolean, nullable=False),
)

grant = Table(
    "access_grant",
    metadata,
    Column("grant_id", Integer, primary_key=True, autoincrement=True),
    Column("subject", String(255)),  # the provider's stable `sub`; None until the person first signs in
    Column("email", String(320)),  # lower-case; how a grant is made before the subject is known
    Column("name", String(200)),
    Column("role", String(10), nullable=False),  # editor | admin
    Column("organisations", Text, nullable=False),  # comma-separated organisation codes (editors)
    Column("granted_by", String(255), nullable=False),
    Column("granted_at", DateTime(timezone=True), nullable=False),
    Column("bound_at", DateTime(timezone=True)),  # when an e-mail grant met its subject
    CheckConstraint("subject IS NOT NULL OR email IS NOT NULL", name="ck_access_grant_who"),
    CheckConstraint("role IN ('editor', 'admin')", name="ck_access_grant_role"),
    UniqueConstraint("subject", name="uq_access_grant_subject"),
    UniqueConstraint("email", name="uq_access_grant_email"),
)

access_history = Table(
    "access_history",
    metadata,
    Column("access_history_id", Integer, primary_key=True, autoincrement=True),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("action", String(10), nullable=False),  # grant | revoke | bind
    Column("subject", String(255)),
    Column("email", String(320)),
    Column("by_subject", String(255), nullable=False),
    Column("by_name", String(200), nullable=False),
    Column("before", Text),
    Column("after", Text),
)
