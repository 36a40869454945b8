"""sent options: the options of each message the bot sent, by the platform's message id (answers by reply)

Revision ID: 0013_matrix_reply_sent_options
Revises: 0012_i17_activities
Create Date: 2026-11-23 21:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.infra.db import UTCDateTime

revision: str = '0013_matrix_reply_sent_options'
down_revision: str | None = '0012_i17_activities'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'sent_options',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('message_ref', sa.String(length=255), nullable=False),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.Column('first_number', sa.Integer(), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('expires_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('user_id', 'message_ref'),
    )
    op.create_index(op.f('ix_sent_options_user_id'), 'sent_options', ['user_id'], unique=False)
    op.create_index(op.f('ix_sent_options_expires_at'), 'sent_options', ['expires_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_sent_options_expires_at'), table_name='sent_options')
    op.drop_index(op.f('ix_sent_options_user_id'), table_name='sent_options')
    op.drop_table('sent_options')
