"""The alembic migrations create exactly the tables the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import bot.models  # noqa: F401
from bot import db


def test_migrations_match_models(database_url: str) -> None:
    engine = db.make_engine(database_url)
    db.upgrade(engine)
    db.upgrade(engine)  # idempotent
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == [], "a model changed without a migration: run alembic revision --autogenerate"
