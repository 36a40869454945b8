"""Engine creation, sessions and schema migrations (alembic)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import DateTime, event, inspect, text
from sqlalchemy.engine import Dialect, Engine, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.sql.selectable import GenerativeSelect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
PING_AFTER_IDLE_S = 10.0
"""A pooled connection that lay unused this long is checked (one round trip) before it is handed out again."""


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, hands out aware UTC: SQLite keeps no time zone."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            private_sqlite_file(Path(database))
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    engine = create_engine(url, **kwargs)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        _ping_when_idle(engine)
    return engine


def _ping_when_idle(engine: Engine) -> None:
    """Pessimistic disconnect handling (as `pool_pre_ping`) only for connections that lay idle in the pool: a
    database restart or a dropped connection shows up there, and a ping on every checkout would cost a round trip
    per transaction (a third of a scaled-out worker's round trips per update). A connection that broke while in
    use raises as before (the dispatcher retries the update) and SQLAlchemy then discards the whole pool."""

    @event.listens_for(engine, "checkin")
    def checked_in(dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def checked_out(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        idle_since = record.info.get("idle_since")
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:  # read at each checkout
            return  # new, or back in the pool only moments ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as exc:
            raise DisconnectionError("a pooled connection no longer answers") from exc  # the pool connects anew


def private_sqlite_file(path: Path) -> None:
    """The database file (and its WAL and shared-memory files, which SQLite creates with the database file's
    mode) readable by the bot's user only, like the web secret: it holds every resident's messages. The
    folder is made 0700 when the bot creates it; an existing file made 0644 by an older version is tightened."""
    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_RDONLY | os.O_CREAT, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"),
                 path.with_name(path.name + "-journal")):
        if file.exists() and file.stat().st_mode & 0o077:
            file.chmod(0o600)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


Q = TypeVar("Q", bound=GenerativeSelect)


def skip_locked(session: Session, query: Q, *, of: Any = None) -> Q:
    """The query's rows locked for this transaction; rows another worker locked are skipped (PostgreSQL's
    FOR UPDATE SKIP LOCKED): how every periodic job and the outbox claim due rows. SQLite runs one worker."""
    if session.get_bind().dialect.name == "postgresql":
        return query.with_for_update(skip_locked=True, of=of)
    return query


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits when the block ends and rolls back on an error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic's configuration; without an engine it only reads the migration scripts."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Brings the schema to the newest migration (idempotent). A database already at the newest migration is left
    alone without running alembic's environment, which loads every migration module again (most of the cost of
    starting a process, or of a test's app)."""
    config = alembic_config(engine)
    if revision == "head" and _one_stamp(engine, config) == [_head()]:
        return
    command.upgrade(config, revision)


@cache
def _head() -> str:
    """The newest revision of the one migration chain, read once per process."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations"
    return head


def _one_stamp(engine: Engine, config: Config) -> list[str]:
    """One linear migration chain (maubot's way). Databases migrated before it was made linear hold one stamp
    per former branch head; the chain orders the revisions as they arrived, so every such database had a prefix
    of it applied and the latest of its stamps stands for all of them. Their revision ids are kept. Returns the
    stamp(s) the database holds afterwards."""
    with engine.begin() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return []
        stamped = [row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))]
        if len(stamped) < 2:
            return stamped
        order = {script.revision: number for number, script in enumerate(
            reversed(list(ScriptDirectory.from_config(config).walk_revisions())))}
        latest = max(stamped, key=lambda revision: order[revision])
        connection.execute(text("DELETE FROM alembic_version WHERE version_num != :latest"), {"latest": latest})
        return [latest]


def describe_url(url: str) -> str:
    """The database URL without its password, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)
