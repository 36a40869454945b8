"""story review: a shared story waits for an aanjager's approval

Revision ID: 0012_i16_dashboard_story_review
Revises: 0012_i16_dashboard_tokens
Create Date: 2026-11-23 20:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel

import bot.infra.db
from alembic import op

revision: str = '0012_i16_dashboard_story_review'
down_revision: str | None = '0012_i16_dashboard_tokens'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.add_column(sa.Column('review', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True))
        batch_op.add_column(sa.Column('reviewed_by', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('reviewed_at', bot.infra.db.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_story_review'), ['review'], unique=False)
        batch_op.create_foreign_key('fk_story_reviewed_by_user', 'user', ['reviewed_by'], ['id'], ondelete='SET NULL')
    # stories shared before the review existed were already public: they count as approved
    op.execute("UPDATE story SET review = 'approved' WHERE shared")


def downgrade() -> None:
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.drop_constraint('fk_story_reviewed_by_user', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_story_review'))
        batch_op.drop_column('reviewed_at')
        batch_op.drop_column('reviewed_by')
        batch_op.drop_column('review')
