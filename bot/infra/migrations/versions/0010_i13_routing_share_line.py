"""help requests carry the line the initiator approved for neighbours

Revision ID: 0011_i13_routing_share_line
Revises: 0011_i12_intents
Create Date: 2026-11-23 20:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011_i13_routing_share_line'
down_revision: str | None = '0011_i12_intents'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('help_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('share_line', sa.String(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('help_request', schema=None) as batch_op:
        batch_op.drop_column('share_line')
