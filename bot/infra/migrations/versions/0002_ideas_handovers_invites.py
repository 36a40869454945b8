"""ideas handovers invites

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 03:50:18.238098
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.infra.db

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('invite_code',
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('target', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('created_at', bot.infra.db.UTCDateTime(), nullable=False),
    sa.Column('expires_at', bot.infra.db.UTCDateTime(), nullable=False),
    sa.Column('used_at', bot.infra.db.UTCDateTime(), nullable=True),
    sa.Column('used_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('contactlink',
    sa.Column('contact_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('linked_at', bot.infra.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('contact_id')
    )
    with op.batch_alter_table('contactlink', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contactlink_user_id'), ['user_id'], unique=False)

    op.create_table('idea',
    sa.Column('wijk_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('themes', sa.JSON(), nullable=False),
    sa.Column('has', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('knows', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('needs', sa.JSON(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('step', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('created_at', bot.infra.db.UTCDateTime(), nullable=False),
    sa.Column('updated_at', bot.infra.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_user_id'), ['user_id'], unique=False)

    op.create_table('handover',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('contact_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('contact_user_id', sa.Integer(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('due_at', bot.infra.db.UTCDateTime(), nullable=True),
    sa.Column('created_at', bot.infra.db.UTCDateTime(), nullable=False),
    sa.Column('responded_at', bot.infra.db.UTCDateTime(), nullable=True),
    sa.Column('escalated_from', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['contact_user_id'], ['user.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['idea.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('handover', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_handover_contact_user_id'), ['contact_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_handover_due_at'), ['due_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_handover_idea_id'), ['idea_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_handover_status'), ['status'], unique=False)

    op.create_table('relayedmessage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('handover_id', sa.Integer(), nullable=False),
    sa.Column('from_user_id', sa.Integer(), nullable=True),
    sa.Column('to_user_id', sa.Integer(), nullable=True),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', bot.infra.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['from_user_id'], ['user.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['handover_id'], ['handover.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['to_user_id'], ['user.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('relayedmessage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relayedmessage_handover_id'), ['handover_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('relayedmessage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relayedmessage_handover_id'))

    op.drop_table('relayedmessage')
    with op.batch_alter_table('handover', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_handover_status'))
        batch_op.drop_index(batch_op.f('ix_handover_idea_id'))
        batch_op.drop_index(batch_op.f('ix_handover_due_at'))
        batch_op.drop_index(batch_op.f('ix_handover_contact_user_id'))

    op.drop_table('handover')
    with op.batch_alter_table('idea', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_user_id'))

    op.drop_table('idea')
    with op.batch_alter_table('contactlink', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contactlink_user_id'))

    op.drop_table('contactlink')
    op.drop_table('invite_code')
