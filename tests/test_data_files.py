"""Data files are the bot's user's only (issue 24): the SQLite database and its WAL files are 0600 like the
web secret, also when an older version left the file readable for everyone."""

from __future__ import annotations

import stat
from pathlib import Path

from sqlalchemy import text

from bot.infra.db import make_engine


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_sqlite_file_and_its_wal_are_private(tmp_path: Path) -> None:
    database = tmp_path / "data" / "wijkgids.sqlite3"
    engine = make_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x TEXT)"))
        connection.execute(text("INSERT INTO t VALUES ('06-12345678')"))
    assert mode(database) == 0o600
    assert mode(database.parent) == 0o700
    for extra in (database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")):
        if extra.exists():
            assert mode(extra) == 0o600, extra
    engine.dispose()


def test_an_existing_readable_database_is_tightened(tmp_path: Path) -> None:
    database = tmp_path / "wijkgids.sqlite3"
    database.touch(mode=0o644)
    database.chmod(0o644)
    make_engine(f"sqlite:///{database}").dispose()
    assert mode(database) == 0o600
