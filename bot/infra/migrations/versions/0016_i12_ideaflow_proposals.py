"""residents propose activities: an approval flag on activities, and residents the aanjager trusts

Revision ID: 0011_i12_ideaflow_proposals
Revises: 0011_i12_ideaflow
Create Date: 2026-11-23 20:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.infra.db

revision: str = '0011_i12_ideaflow_proposals'
down_revision: str | None = '0011_i12_ideaflow'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approved', sa.Boolean(), nullable=False, server_default=sa.true()))
    op.create_table(
        'trusted_organiser',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('wijk_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('trusted_by', sa.Integer(), nullable=True),
        sa.Column('trusted_at', bot.infra.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['trusted_by'], ['user.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', 'wijk_id'),
    )


def downgrade() -> None:
    op.drop_table('trusted_organiser')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_column('approved')
