"""mentors: story authors who may be asked for tips, and introductions between initiators and them

Revision ID: 0011_i12_ideaflow_mentors
Revises: 0011_i12_ideaflow_proposals
Create Date: 2026-11-23 21:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.infra.db

revision: str = '0011_i12_ideaflow_mentors'
down_revision: str | None = '0011_i12_ideaflow_proposals'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mentor', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        'mentor_intro',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('story_id', sa.Integer(), nullable=False),
        sa.Column('idea_id', sa.Integer(), nullable=False),
        sa.Column('initiator_id', sa.Integer(), nullable=False),
        sa.Column('mentor_id', sa.Integer(), nullable=False),
        sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('created_at', bot.infra.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['story_id'], ['story.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['initiator_id'], ['user.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['mentor_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_mentor_intro_story_id', 'mentor_intro', ['story_id'])
    op.create_index('ix_mentor_intro_mentor_id', 'mentor_intro', ['mentor_id'])


def downgrade() -> None:
    op.drop_index('ix_mentor_intro_mentor_id', table_name='mentor_intro')
    op.drop_index('ix_mentor_intro_story_id', table_name='mentor_intro')
    op.drop_table('mentor_intro')
    with op.batch_alter_table('story', schema=None) as batch_op:
        batch_op.drop_column('mentor')
