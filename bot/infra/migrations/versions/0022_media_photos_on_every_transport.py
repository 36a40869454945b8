"""media: photos kept by the bot so every transport can show them; activity, story and outbox point at them


Revision ID: 0014_media
Revises: 0013_ics_feeds_calendar_feed
Create Date: 2026-11-23 23:10:00.000000
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import bot.infra.db

revision: str = '0014_media'
down_revision: str | None = '0013_ics_feeds_calendar_feed'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEDIA = sa.Table('media', sa.MetaData(), sa.Column('id', sa.Integer, primary_key=True),
                 sa.Column('user_id', sa.Integer), sa.Column('mime_type', sa.String), sa.Column('refs', sa.JSON),
                 sa.Column('created_at', bot.infra.db.UTCDateTime))


def _keep_reference(connection: sa.Connection, user_id: int | None, transport: str, ref: str) -> int:
    """A photo stored before the bot kept photos: only its own platform can show it (by its reference)."""
    result = connection.execute(MEDIA.insert().values(user_id=user_id, mime_type='image/jpeg',
                                                      refs={transport: ref}, created_at=datetime.now(UTC)))
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def upgrade() -> None:
    op.create_table(
        'media',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('mime_type', sa.String(length=32), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=True),
        sa.Column('width', sa.Integer(), nullable=True),
        sa.Column('height', sa.Integer(), nullable=True),
        sa.Column('refs', sa.JSON(), nullable=False),
        sa.Column('created_at', bot.infra.db.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index(op.f('ix_media_user_id'), 'media', ['user_id'], unique=False)
    for table in ('activity', 'story', 'outbox'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('photo_id', sa.Integer(), nullable=True))
            batch_op.create_foreign_key(f'fk_{table}_photo_id_media', 'media', ['photo_id'], ['id'],
                                        ondelete='SET NULL')

    connection = op.get_bind()
    for table, owner in (('activity', 'created_by'), ('story', 'user_id')):
        rows = connection.execute(sa.text(
            f'SELECT id, {owner}, photo_transport, photo_ref FROM {table} '
            'WHERE photo_transport IS NOT NULL AND photo_ref IS NOT NULL')).all()
        for row_id, user_id, transport, ref in rows:
            media_id = _keep_reference(connection, user_id, transport, ref)
            connection.execute(sa.text(f'UPDATE {table} SET photo_id = :media WHERE id = :id'),
                               {'media': media_id, 'id': row_id})
    outbox = sa.table('outbox', sa.column('id', sa.Integer), sa.column('user_id', sa.Integer),
                      sa.column('photo', sa.JSON), sa.column('status', sa.String))
    for row_id, user_id, photo in connection.execute(
            sa.select(outbox.c.id, outbox.c.user_id, outbox.c.photo)
            .where(outbox.c.photo.is_not(None), outbox.c.status.in_(('pending', 'sending')))).all():
        if isinstance(photo, dict) and photo.get('transport') and photo.get('ref'):
            media_id = _keep_reference(connection, None, str(photo['transport']), str(photo['ref']))
            connection.execute(sa.text('UPDATE outbox SET photo_id = :media WHERE id = :id'),
                               {'media': media_id, 'id': row_id})

    for table in ('activity', 'story'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('photo_ref')
            batch_op.drop_column('photo_transport')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('photo')


def downgrade() -> None:
    for table in ('activity', 'story'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('photo_transport', sa.String(length=16), nullable=True))
            batch_op.add_column(sa.Column('photo_ref', sa.String(length=255), nullable=True))
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('photo', sa.JSON(), nullable=True))
    for table in ('activity', 'story', 'outbox'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f'fk_{table}_photo_id_media', type_='foreignkey')
            batch_op.drop_column('photo_id')
    op.drop_index(op.f('ix_media_user_id'), table_name='media')
    op.drop_table('media')
