"""The state row: a data version bumped by every write (replicas compare it), and the demo flag.

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    state = op.create_table(
        "progress_state",
        sa.Column("state_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("data_version", sa.Integer, nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True)),
        sa.Column("demo", sa.Boolean, nullable=False),
    )
    # A database that already holds history starts at the number of its history rows.
    n = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM progress_history")).scalar_one()
    op.bulk_insert(state, [{"state_id": 1, "data_version": int(n), "changed_at": None, "demo": False}])


def downgrade() -> None:
    op.drop_table("progress_state")
