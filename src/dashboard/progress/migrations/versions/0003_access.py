"""Who may edit: grants (provider subject or e-mail → role, organisations) and their history.

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "access_grant",
        sa.Column("grant_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("subject", sa.String(255)),
        sa.Column("email", sa.String(320)),
        sa.Column("name", sa.String(200)),
        sa.Column("role", sa.String(10), nullable=False),
        sa.Column("organisations", sa.Text, nullable=False),
        sa.Column("granted_by", sa.String(255), nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bound_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("subject IS NOT NULL OR email IS NOT NULL", name="ck_access_grant_who"),
        sa.CheckConstraint("role IN ('editor', 'admin')", name="ck_access_grant_role"),
        sa.UniqueConstraint("subject", name="uq_access_grant_subject"),
        sa.UniqueConstraint("email", name="uq_access_grant_email"),
    )
    op.create_table(
        "access_history",
        sa.Column("access_history_id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("subject", sa.String(255)),
        sa.Column("email", sa.String(320)),
        sa.Column("by_subject", sa.String(255), nullable=False),
        sa.Column("by_name", sa.String(200), nullable=False),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("access_history")
    op.drop_table("access_grant")
