"""outbox.about_user_id: whose words a message carries, so erasing that person cancels it

Revision ID: 0016_outbox_about_user
Revises: 0015_whatsapp
Create Date: 2026-12-06 02:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0016_outbox_about_user'
down_revision: str | None = '0015_whatsapp'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('about_user_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_outbox_about_user_id'), ['about_user_id'], unique=False)
        batch_op.create_foreign_key('fk_outbox_about_user_id_user', 'user', ['about_user_id'], ['id'],
                                    ondelete='CASCADE')


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_constraint('fk_outbox_about_user_id_user', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_outbox_about_user_id'))
        batch_op.drop_column('about_user_id')
