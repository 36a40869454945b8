"""whatsapp: each resident's 24-hour window, the conversations the bot started (tier), the webhook inbox and the
status of sent messages

Revision ID: 0015_whatsapp
Revises: 0014_media
Create Date: 2026-11-25 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.infra.db import UTCDateTime

revision: str = '0015_whatsapp'
down_revision: str | None = '0014_media'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'whatsapp_contact',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('last_inbound_at', UTCDateTime(), nullable=True),
        sa.Column('started_at', UTCDateTime(), nullable=True),
        sa.Column('no_marketing', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id'),
    )
    op.create_table(
        'whatsapp_start',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('started_at', UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_whatsapp_start_started_at'), 'whatsapp_start', ['started_at'], unique=False)
    op.create_table(
        'whatsapp_inbox',
        sa.Column('wamid', sa.String(length=128), nullable=False),
        sa.Column('wa_id', sa.String(length=128), nullable=True),
        sa.Column('payload', sa.JSON(), nullable=True),
        sa.Column('name', sa.String(length=128), nullable=True),
        sa.Column('received_at', UTCDateTime(), nullable=False),
        sa.Column('sent_at', UTCDateTime(), nullable=True),
        sa.Column('handled_at', UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('wamid'),
    )
    op.create_index(op.f('ix_whatsapp_inbox_wa_id'), 'whatsapp_inbox', ['wa_id'], unique=False)
    op.create_index(op.f('ix_whatsapp_inbox_received_at'), 'whatsapp_inbox', ['received_at'], unique=False)
    op.create_index(op.f('ix_whatsapp_inbox_handled_at'), 'whatsapp_inbox', ['handled_at'], unique=False)
    op.create_table(
        'whatsapp_sent',
        sa.Column('wamid', sa.String(length=128), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('outbox_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('template', sa.String(length=64), nullable=True),
        sa.Column('category', sa.String(length=16), nullable=False),
        sa.Column('reply', sa.JSON(), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('error_code', sa.Integer(), nullable=True),
        sa.Column('retries', sa.Integer(), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('updated_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['outbox_id'], ['outbox.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('wamid'),
    )
    op.create_index(op.f('ix_whatsapp_sent_user_id'), 'whatsapp_sent', ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_whatsapp_sent_user_id'), table_name='whatsapp_sent')
    op.drop_table('whatsapp_sent')
    for index in ('handled_at', 'received_at', 'wa_id'):
        op.drop_index(op.f(f'ix_whatsapp_inbox_{index}'), table_name='whatsapp_inbox')
    op.drop_table('whatsapp_inbox')
    op.drop_index(op.f('ix_whatsapp_start_started_at'), table_name='whatsapp_start')
    op.drop_table('whatsapp_start')
    op.drop_table('whatsapp_contact')
