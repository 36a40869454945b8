"""open prompts: options of bot-initiated messages that stay answerable

Revision ID: 0011_i12_resolver_open_prompts
Revises: 0011_i15_loop
Create Date: 2026-11-23 20:45:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.infra.db import UTCDateTime

revision: str = '0011_i12_resolver_open_prompts'
down_revision: str | None = '0011_i15_loop'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'open_prompt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('options', sa.JSON(), nullable=False),
        sa.Column('created_at', UTCDateTime(), nullable=False),
        sa.Column('expires_at', UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_open_prompt_user_id'), 'open_prompt', ['user_id'], unique=False)
    op.create_index(op.f('ix_open_prompt_expires_at'), 'open_prompt', ['expires_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_open_prompt_expires_at'), table_name='open_prompt')
    op.drop_index(op.f('ix_open_prompt_user_id'), table_name='open_prompt')
    op.drop_table('open_prompt')
