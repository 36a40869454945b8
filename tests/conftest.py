from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from bot.composition import build_app
from bot.core.app import App
from bot.infra import db
from bot.infra.clock import ManualClock
from bot.infra.config import PROJECT_ROOT, Settings
from bot.infra.content import Content, load_content
from tests.support import RecordingTransport

LONGEST_FIRST = ("test_scripts.py", "test_benches.py", "test_scale_out.py", "test_whatsapp_e2e.py",
                 "test_kill_restart.py", "test_matrix.py", "test_cli.py")
"""The files that take longest, in that order. With `-n auto --dist loadfile` each file runs whole on one worker,
in the order collected: started last, the longest (the ~600 conversation scripts) left one core busy minutes after
the other was done."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FIRST.index(name) if name in LONGEST_FIRST else len(LONGEST_FIRST)

    items.sort(key=rank)  # stable: a file keeps its own order (the scripts' answer walk runs after the scripts)

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _postgres_reason() -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=2").close()
    except Exception as exc:
        return f"PostgreSQL on 127.0.0.1:5432 (database test) is not reachable: {type(exc).__name__}"
    return None


POSTGRES_SKIP = _postgres_reason()


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(PROJECT_ROOT / "content")


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite database with every migration applied, copied for each test: migrating from scratch takes
    about half a second, and most tests start an app."""
    path = tmp_path_factory.mktemp("template") / "wijkgids.sqlite3"
    engine = db.make_engine(f"sqlite:///{path}")
    db.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, migrated_sqlite: Path) -> str:
    target = tmp_path / "wijkgids.sqlite3"
    shutil.copyfile(migrated_sqlite, target)
    return f"sqlite:///{target}"


@pytest.fixture
def empty_sqlite_url(tmp_path: Path) -> str:
    """A database without any table, for the migrations themselves."""
    return f"sqlite:///{tmp_path / 'empty.sqlite3'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh schema in the `test` database, dropped afterwards."""
    if POSTGRES_SKIP:
        pytest.skip(POSTGRES_SKIP)
    schema = "t_" + uuid.uuid4().hex[:12]
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Runs a test on SQLite and, when reachable, on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(name))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database_url(request: pytest.FixtureRequest) -> str:
    """An empty database on SQLite and, when reachable, on PostgreSQL (a fresh schema either way)."""
    name = "empty_sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(name))


@pytest.fixture
def clock() -> ManualClock:
    # a Tuesday morning in Amsterdam (10:00 CET)
    return ManualClock(datetime(2026, 11, 24, 9, 0, tzinfo=UTC))


def make_app(url: str, content: Content, clock: ManualClock, **settings: object) -> App:
    settings = {"flood_max_messages": 10_000, **settings}  # scripted users type fast; flood tests set their own
    app = build_app(Settings(database_url=url, **settings), clock=clock, content=content)  # type: ignore[arg-type]
    db.upgrade(app.engine)
    app.transports["console"] = RecordingTransport("console")
    return app


@pytest.fixture
def app(sqlite_url: str, content: Content, clock: ManualClock) -> Iterator[App]:
    application = make_app(sqlite_url, content, clock)
    yield application
    application.engine.dispose()


@pytest.fixture
def any_db_app(database_url: str, content: Content, clock: ManualClock) -> Iterator[App]:
    application = make_app(database_url, content, clock)
    yield application
    application.engine.dispose()


@pytest.fixture
def outbox(app: App) -> RecordingTransport:
    transport = app.transports["console"]
    assert isinstance(transport, RecordingTransport)
    return transport


def engine_of(app: App) -> Engine:
    return app.engine
