"""ideas: how the resident pictures it, a first small step, the kind of help, who looks after it later, the call to neighbours, the appreciative answer

Revision ID: 0011_i12_ideaflow
Revises: 0011_i12_resolver_open_prompts
Create Date: 2026-11-23 20:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0011_i12_ideaflow'
down_revision: str | None = '0011_i12_resolver_open_prompts'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("picture", "first_step", "help_kind", "beheer", "call", "appreciation")


def upgrade() -> None:
    with op.batch_alter_table('idea', schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table('idea', schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
