"""The pieces of running as several processes that need no processes: the periodic tasks' cron lines, the
settings the scale-out harness turns down to make recovery quick."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import croniter
import pytest
from procrastinate.schema import SchemaManager
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from bot.core.events import Attachment, Photo, Reply
from bot.core.transport import messages_for as transport_messages_for
from bot.infra import db
from bot.infra.config import Settings
from bot.infra.crud import inbound as inbound_crud
from bot.infra.models import InboundUpdate
from bot.scale import cron_for
from bot.transports.telegram import TelegramTransport
from tests.scale_harness import POSTGRES_URL, fresh_schema, postgres_reason


@pytest.mark.parametrize("every_s", [1, 5, 30, 60, 300, 3600])
def test_cron_for_fires_every_period(every_s: float) -> None:
    """The recovery runs every few seconds: a cron line meaning "every 5 minutes" instead of "every 5 seconds"
    left a killed worker's people waiting for minutes."""
    start = 1_796_533_800.0 + 1  # just after a whole hour
    fires = croniter.croniter(cron_for(every_s), start)
    times = [fires.get_next(float) for _ in range(4)]
    gaps = {round(b - a) for a, b in itertools.pairwise(times)}
    assert gaps == {every_s}, (cron_for(every_s), times)


def test_recovery_interval_is_a_setting() -> None:
    assert Settings(recover_every_s=1).recover_every_s == 1  # type: ignore[call-arg]
    assert Settings().recover_every_s == 5  # type: ignore[call-arg]


# --- on PostgreSQL (skipped with the reason when it is not reachable) --------------------------------------------

PG_SKIP = postgres_reason()
on_postgres = pytest.mark.skipif(PG_SKIP is not None, reason=PG_SKIP or "")


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    with fresh_schema() as url:
        engine = db.make_engine(url)
        yield engine
        engine.dispose()


def autocommit(engine: Engine) -> Connection:
    return engine.connect().execution_options(isolation_level="AUTOCOMMIT")


@on_postgres
def test_take_next_finishes_one_and_starts_the_next_in_order(pg_engine: Engine) -> None:
    """Between two updates of a person one statement marks the handled one (its content dropped) and starts the
    next: in the order they were stored, each start counted, other people's updates untouched."""
    now = datetime.now(UTC)
    with Session(pg_engine) as session:
        ids = [inbound_crud.store(session, transport="telegram", update_key=str(n), person_key=person,
                                  payload={"n": n}, now=now)
               for n, person in enumerate(["telegram:1", "telegram:2", "telegram:1", "telegram:1"])]
        session.commit()
    taken: list[int] = []
    finished: int | None = None
    while True:
        with autocommit(pg_engine) as connection:
            update = inbound_crud.take_next(connection, person_key="telegram:1", finished=finished, now=now)
        if update is None:
            break
        assert update.attempts == 1 and update.payload == {"n": ids.index(update.id)}
        taken.append(update.payload["n"])
        finished = update.id
    assert taken == [0, 2, 3]
    with Session(pg_engine) as session:
        rows = {row.update_key: row for row in session.exec(select(InboundUpdate))}
    assert [rows[k].handled_at is not None for k in "0123"] == [True, False, True, True]
    assert rows["0"].payload == {} and rows["1"].payload == {"n": 1} and rows["1"].attempts == 0


@on_postgres
def test_reserve_send_keeps_the_limit_in_flight_and_within_one_window(pg_engine: Engine) -> None:
    """The database function decides as the rules say: `limit` sends in flight leave no moment; an answered send
    keeps its place for one window after its answer; moments are `gap` apart."""
    def reserve() -> tuple[int | None, float, float]:
        with autocommit(pg_engine) as connection:
            return inbound_crud.reserve_send(connection, name="send", gap_s=1.0, limit=3, window_s=5.0,
                                             stale_s=60.0)

    first, second, third = reserve(), reserve(), reserve()
    assert None not in (first[0], second[0], third[0])
    assert second[1] + second[2] == pytest.approx(first[1] + first[2] + 1.0, abs=1e-6)
    assert reserve()[0] is None, "three in flight: no fourth"
    with autocommit(pg_engine) as connection:
        inbound_crud.send_done(connection, slot_ids=[first[0], second[0], third[0]],  # type: ignore[list-item]
                               done_at=[first[2], first[2], first[2]])
    slot_id, wait, now = reserve()
    assert slot_id is not None
    assert now + wait == pytest.approx(first[2] + 5.0, abs=1e-6), "the oldest answer's window must pass first"


@on_postgres
def test_an_idle_pooled_connection_that_broke_is_replaced(pg_engine: Engine, monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """No ping per checkout (a round trip per transaction), but a connection that lay idle is checked: one the
    database dropped meanwhile is replaced instead of failing the next update."""
    def backend_pid() -> int:
        with pg_engine.connect() as connection:
            return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())

    def drop_connection(pid: int) -> None:
        with db.make_engine(POSTGRES_URL).connect() as other:
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            other.commit()

    pid = backend_pid()
    drop_connection(pid)
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.0)
    assert backend_pid() != pid
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 3600.0)  # without the ping the next update would fail
    drop_connection(backend_pid())
    with pytest.raises(OperationalError):
        backend_pid()


@pytest.mark.parametrize(("reply", "messages"), [
    (Reply("Hallo"), 1),
    (Reply("Kijk", photo=Photo(1)), 1),
    (Reply("x" * 1025, photo=Photo(1)), 2),
    (Reply("", attachment=Attachment("a.csv", b"a", "text/csv")), 1),
    (Reply("De cijfers", attachment=Attachment("a.csv", b"a", "text/csv")), 2),
])
def test_telegram_counts_each_message_of_a_reply(reply: Reply, messages: int) -> None:
    """A photo with a text too long for its caption goes out as two messages, and Telegram counts both against
    its 30 a second: the shared rate must reserve two moments for it."""
    assert TelegramTransport.messages_for(reply) == messages
    assert transport_messages_for(TelegramTransport.__new__(TelegramTransport), reply) == messages
    assert transport_messages_for(object(), reply) == 1


@on_postgres
def test_recovery_wakes_only_people_whose_wake_up_was_lost(pg_engine: Engine) -> None:
    """Open updates behind a backlog have a wake-up waiting or running: waking them again each period only cost
    refused inserts. A person with open updates and no job at all lost theirs (the ingress died): woken."""
    with pg_engine.begin() as connection:
        cursor = connection.connection.cursor()
        cursor.execute(SchemaManager.get_schema())
        cursor.close()
    then = datetime.now(UTC) - timedelta(minutes=1)
    with Session(pg_engine) as session:
        for n, person in enumerate(["telegram:1", "telegram:2", "telegram:3"]):
            inbound_crud.store(session, transport="telegram", update_key=str(n), person_key=person, payload={},
                               now=then)
        session.execute(text(
            "INSERT INTO procrastinate_jobs (queue_name, task_name, lock, queueing_lock, args, status) VALUES "
            "('updates', 'handle_person', 'telegram:1', 'telegram:1', '{}', 'todo'), "
            "('updates', 'handle_person', 'telegram:2', NULL, '{}', 'doing')"))
        session.commit()
        assert inbound_crud.waiting_people(session, received_before=datetime.now(UTC)) == ["telegram:3"]
        assert inbound_crud.waiting_people(session, received_before=then) == []
