"""e-mail channel on the outbox; escalation level, reminder and conversation state on handovers

Revision ID: 0011_i15_loop
Revises: 0012_i16_dashboard_story_review
Create Date: 2026-11-23 20:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0011_i15_loop'
down_revision: str | None = '0012_i16_dashboard_story_review'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=8), nullable=False, server_default='chat'))
        batch_op.add_column(sa.Column('address', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('subject', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('html', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.alter_column('user_id', existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table('handover', schema=None) as batch_op:
        batch_op.add_column(sa.Column('channel', sa.String(length=8), nullable=False, server_default='chat'))
        batch_op.add_column(sa.Column('level', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('reminded_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('contact_shares', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('initiator_details', sa.String(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('handover', schema=None) as batch_op:
        for name in ('initiator_details', 'contact_shares', 'closed_at', 'reminded_at', 'level', 'channel'):
            batch_op.drop_column(name)
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.alter_column('user_id', existing_type=sa.Integer(), nullable=False)
        for name in ('html', 'subject', 'address', 'channel'):
            batch_op.drop_column(name)
