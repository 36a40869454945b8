"""offers and help requests

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 04:59:33.463858
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.infra.db

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('offer',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', bot.infra.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offer_category'), ['category'], unique=False)
        batch_op.create_index(batch_op.f('ix_offer_user_id'), ['user_id'], unique=False)

    op.create_table('offer_profile',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('frequency', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=True),
    sa.Column('last_asked_at', bot.infra.db.UTCDateTime(), nullable=True),
    sa.Column('updated_at', bot.infra.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id')
    )
    op.create_table('help_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('initiator_id', sa.Integer(), nullable=False),
    sa.Column('neighbour_id', sa.Integer(), nullable=False),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('created_at', bot.infra.db.UTCDateTime(), nullable=False),
    sa.Column('answered_at', bot.infra.db.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['initiator_id'], ['user.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['neighbour_id'], ['user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('help_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_help_request_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_help_request_initiator_id'), ['initiator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_help_request_neighbour_id'), ['neighbour_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_help_request_status'), ['status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('help_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_help_request_status'))
        batch_op.drop_index(batch_op.f('ix_help_request_neighbour_id'))
        batch_op.drop_index(batch_op.f('ix_help_request_initiator_id'))
        batch_op.drop_index(batch_op.f('ix_help_request_idea_id'))

    op.drop_table('help_request')
    op.drop_table('offer_profile')
    with op.batch_alter_table('offer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offer_user_id'))
        batch_op.drop_index(batch_op.f('ix_offer_category'))

    op.drop_table('offer')
