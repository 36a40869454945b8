"""subscribable calendar feeds (per resident, per wijk)

Revision ID: 0013_ics_feeds_calendar_feed
Revises: 0013_mentor_season_season_ask
Create Date: 2026-11-23 21:58:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import bot.infra.db
from alembic import op

revision: str = '0013_ics_feeds_calendar_feed'
down_revision: str | None = '0013_mentor_season_season_ask'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'calendar_feed',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('wijk_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column('generation', sa.Integer(), nullable=False),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column('created_at', bot.infra.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('calendar_feed', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calendar_feed_user_id'), ['user_id'], unique=True)
        batch_op.create_index(batch_op.f('ix_calendar_feed_wijk_id'), ['wijk_id'], unique=True)


def downgrade() -> None:
    with op.batch_alter_table('calendar_feed', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calendar_feed_wijk_id'))
        batch_op.drop_index(batch_op.f('ix_calendar_feed_user_id'))
    op.drop_table('calendar_feed')
