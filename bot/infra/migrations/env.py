"""Alembic environment: runs against the engine handed over by bot.infra.db.upgrade (or the settings)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import bot.infra.models  # noqa: F401  (registers every table)
from bot.infra.config import Settings
from bot.infra.db import make_engine

config = context.config
engine = config.attributes.get("engine") or make_engine(Settings().effective_database_url)

with engine.connect() as connection:
    if connection.dialect.name == "sqlite":
        # batch migrations recreate tables; with foreign keys on, dropping one would cascade into its children
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
