"""dashboard login links and sessions (hashed tokens)

Revision ID: 0012_i16_dashboard_tokens
Revises: 0011_i13_routing_share_line
Create Date: 2026-11-23 20:31:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import bot.infra.db
from alembic import op

revision: str = '0012_i16_dashboard_tokens'
down_revision: str | None = '0011_i13_routing_share_line'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'dashboard_token',
        sa.Column('token_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', bot.infra.db.UTCDateTime(), nullable=False),
        sa.Column('expires_at', bot.infra.db.UTCDateTime(), nullable=False),
        sa.Column('used_at', bot.infra.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('token_hash'),
    )
    with op.batch_alter_table('dashboard_token', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dashboard_token_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('dashboard_token', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dashboard_token_user_id'))
    op.drop_table('dashboard_token')
