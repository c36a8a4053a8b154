"""Progress records and their append-only history.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "progress_record",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("fiscal_year", sa.Integer, primary_key=True),
        sa.Column("organisation", sa.String(40), primary_key=True),
        sa.Column("status", sa.String(40), nullable=False),
        sa.Column("progress_pct", sa.Float),
        sa.Column("achievement", sa.Text),
        sa.Column("indicator", sa.Text),
        sa.Column("target", sa.Text),
        sa.Column("actual", sa.Text),
        sa.Column("unit", sa.Text),
        sa.Column("budget_thousand_yen", sa.BigInteger),
        sa.Column("as_of", sa.Date),
        sa.Column("evidence_url", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.CheckConstraint("version >= 1", name="ck_progress_record_version"),
        sa.CheckConstraint(
            "progress_pct IS NULL OR (progress_pct >= 0 AND progress_pct <= 100)", name="ck_progress_record_pct"
        ),
    )
    op.create_index("ix_progress_record_fiscal_year", "progress_record", ["fiscal_year"])
    op.create_table(
        "progress_history",
        sa.Column("history_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(100), nullable=False),
        sa.Column("fiscal_year", sa.Integer, nullable=False),
        sa.Column("organisation", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_subject", sa.String(200), nullable=False),
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("source_file", sa.Text),
        sa.Column("source_sha256", sa.String(64)),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text, nullable=False),
    )
    op.create_index("ix_progress_history_key", "progress_history", ["id", "fiscal_year", "organisation", "history_id"])
    op.create_index("ix_progress_history_changed_at", "progress_history", ["changed_at"])


def downgrade() -> None:
    op.drop_table("progress_history")
    op.drop_table("progress_record")
