"""help requests for a personal need (company, shopping), not only for an idea

Revision ID: 0011_i12_intents
Revises: 0011
Create Date: 2026-11-23 20:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011_i12_intents'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('help_request', schema=None) as batch_op:
        batch_op.alter_column('idea_id', existing_type=sa.Integer(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM help_request WHERE idea_id IS NULL")
    with op.batch_alter_table('help_request', schema=None) as batch_op:
        batch_op.alter_column('idea_id', existing_type=sa.Integer(), nullable=False)
