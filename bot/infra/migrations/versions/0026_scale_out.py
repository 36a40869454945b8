"""scale out: the chat updates the ingress stored for the workers, and the send rates shared by all processes

Revision ID: 0018_scale_out
Revises: 0017_idea_shared_text
Create Date: 2026-12-06 02:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.infra.db import UTCDateTime

revision: str = '0018_scale_out'
down_revision: str | None = '0017_idea_shared_text'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'inbound_update',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('transport', sa.String(length=16), nullable=False),
        sa.Column('update_key', sa.String(length=128), nullable=False),
        sa.Column('person_key', sa.String(length=160), nullable=False),
        sa.Column('payload', sa.JSON(), nullable=False),
        sa.Column('received_at', UTCDateTime(), nullable=False),
        sa.Column('handled_at', UTCDateTime(), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('transport', 'update_key', name='uq_inbound_update_transport_key'),
    )
    op.create_index('ix_inbound_update_person_open', 'inbound_update', ['person_key', 'handled_at', 'id'],
                    unique=False)
    op.create_index(op.f('ix_inbound_update_received_at'), 'inbound_update', ['received_at'], unique=False)
    op.create_table(
        'send_rate',
        sa.Column('name', sa.String(length=160), nullable=False),
        sa.Column('next_at', sa.Float(), nullable=False),
        sa.Column('paused_until', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('name'),
    )


def downgrade() -> None:
    op.drop_table('send_rate')
    op.drop_index(op.f('ix_inbound_update_received_at'), table_name='inbound_update')
    op.drop_index('ix_inbound_update_person_open', table_name='inbound_update')
    op.drop_table('inbound_update')
