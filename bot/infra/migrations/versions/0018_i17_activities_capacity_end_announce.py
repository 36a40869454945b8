"""activities: end time, capacity and waiting list, announced once; aanjager digest frequency

Revision ID: 0012_i17_activities
Revises: 0011_i12_ideaflow_mentors
Create Date: 2026-11-23 20:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012_i17_activities'
down_revision: str | None = '0011_i12_ideaflow_mentors'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ends_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('capacity', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('announced_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('sequence', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('photo_transport', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('photo_ref', sa.String(length=255), nullable=True))
    with op.batch_alter_table('rsvp', schema=None) as batch_op:
        batch_op.add_column(sa.Column('waitlisted', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('introduce', sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table('aanjager_wijk', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest', sa.String(length=8), nullable=False, server_default='daily'))
        batch_op.add_column(sa.Column('digest_state', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('aanjager_wijk', schema=None) as batch_op:
        batch_op.drop_column('digest_state')
        batch_op.drop_column('digest')
    with op.batch_alter_table('rsvp', schema=None) as batch_op:
        batch_op.drop_column('introduce')
        batch_op.drop_column('waitlisted')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_column('photo_ref')
        batch_op.drop_column('photo_transport')
        batch_op.drop_column('sequence')
        batch_op.drop_column('announced_at')
        batch_op.drop_column('capacity')
        batch_op.drop_column('ends_at')
