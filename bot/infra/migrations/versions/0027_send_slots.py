"""send_slot: each send of a shared rate from its moment until its answer, so N processes never exceed the limit

Revision ID: 0019_send_slots
Revises: 0018_scale_out
Create Date: 2026-12-06 05:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0019_send_slots'
down_revision: str | None = '0018_scale_out'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'send_slot',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('bucket', sa.String(length=160), nullable=False),
        sa.Column('start_at', sa.Float(), nullable=False),
        sa.Column('done_at', sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_send_slot_bucket'), 'send_slot', ['bucket'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_send_slot_bucket'), table_name='send_slot')
    op.drop_table('send_slot')
