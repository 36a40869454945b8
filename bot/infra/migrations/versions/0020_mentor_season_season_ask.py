"""season_ask: next season, the author of a recurring initiative that worked is asked whether it comes back

Revision ID: 0013_mentor_season_season_ask
Revises: 0013_matrix_reply_sent_options
Create Date: 2026-11-23 21:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.infra.db

revision: str = '0013_mentor_season_season_ask'
down_revision: str | None = '0013_matrix_reply_sent_options'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'season_ask',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('idea_id', sa.Integer(), nullable=False),
        sa.Column('story_id', sa.Integer(), nullable=True),
        sa.Column('due_at', bot.infra.db.UTCDateTime(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('sent_at', bot.infra.db.UTCDateTime(), nullable=True),
        sa.Column('answer', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
        sa.Column('answered_at', bot.infra.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['story_id'], ['story.id'], ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_season_ask_user_id', 'season_ask', ['user_id'])
    op.create_index('ix_season_ask_idea_id', 'season_ask', ['idea_id'])
    op.create_index('ix_season_ask_due', 'season_ask', ['status', 'due_at'])


def downgrade() -> None:
    op.drop_index('ix_season_ask_due', table_name='season_ask')
    op.drop_index('ix_season_ask_idea_id', table_name='season_ask')
    op.drop_index('ix_season_ask_user_id', table_name='season_ask')
    op.drop_table('season_ask')
