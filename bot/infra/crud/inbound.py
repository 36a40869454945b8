"""Keyword-only queries for running as several processes: the stored chat updates and the shared send rates.

PostgreSQL only (`wijkgids run --role ingress|worker`); the embedded default (SQLite, one process) never
touches these tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Integer, bindparam, delete, func, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import Connection
from sqlmodel import Session, col, select

from bot.infra.db import UTCDateTime
from bot.infra.models import InboundUpdate

KEEP_HANDLED = timedelta(days=2)
"""Handled updates keep their platform id this long (without their content), so a redelivery is recognised."""


def store(session: Session, *, transport: str, update_key: str, person_key: str, payload: dict[str, Any],
          now: datetime) -> int | None:
    """Stores one update; returns its id, or None when the platform delivered it before (idempotent)."""
    result = session.execute(
        pg_insert(InboundUpdate)
        .values(transport=transport, update_key=update_key, person_key=person_key, payload=payload,
                received_at=now, attempts=0)
        .on_conflict_do_nothing(constraint="uq_inbound_update_transport_key")
        .returning(col(InboundUpdate.id))
    )
    row = result.first()
    return None if row is None else int(row[0])


_TAKE_NEXT = text("""
WITH finished AS (
    UPDATE inbound_update SET handled_at = :now, payload = '{}' WHERE id = :finished RETURNING id
), next_one AS (
    SELECT id FROM inbound_update
    WHERE person_key = :person_key AND handled_at IS NULL AND id IS DISTINCT FROM :finished
    ORDER BY id LIMIT 1
)
UPDATE inbound_update AS u SET attempts = u.attempts + 1 FROM next_one WHERE u.id = next_one.id
RETURNING u.id, u.transport, u.update_key, u.person_key, u.payload, u.received_at, u.attempts
""").bindparams(bindparam("now", type_=UTCDateTime()), bindparam("finished", type_=Integer()))


def take_next(connection: Connection, *, person_key: str, finished: int | None, now: datetime
              ) -> InboundUpdate | None:
    """One round trip between two updates of a person: marks `finished` handled (only the platform's id stays,
    for redeliveries, not what the person wrote), then starts the person's oldest open update (its `attempts`
    count this start, so an update that kills its worker every time is given up) and returns it, or None.

    One statement on an autocommit connection: each of these commits on its own, before the update is handled."""
    row = connection.execute(_TAKE_NEXT, {"person_key": person_key, "finished": finished, "now": now}).first()
    if row is None:
        return None
    return InboundUpdate(id=row.id, transport=row.transport, update_key=row.update_key, person_key=row.person_key,
                         payload=row.payload, received_at=row.received_at.replace(tzinfo=UTC), attempts=row.attempts)


def waiting_people(session: Session, *, received_before: datetime, limit: int = 500) -> list[str]:
    """People with updates still open since before `received_before` and no wake-up queued or running (the queue's
    table, procrastinate_jobs: `queueing_lock` while it waits, `lock` while it runs, both the person's key): their
    wake-up was lost (the ingress died between storing and queueing), so the recovery queues them again. People
    who merely wait their turn behind a backlog are left alone (waking them again every period cost a refused
    queue insert per person per period)."""
    return list(session.execute(text(
        "SELECT u.person_key FROM inbound_update AS u "
        "WHERE u.handled_at IS NULL AND u.received_at < :before "
        "AND NOT EXISTS (SELECT 1 FROM procrastinate_jobs AS j WHERE j.queueing_lock = u.person_key "
        "                AND j.status = 'todo') "
        "AND NOT EXISTS (SELECT 1 FROM procrastinate_jobs AS j WHERE j.lock = u.person_key AND j.status = 'doing') "
        "GROUP BY u.person_key LIMIT :limit"
    ).bindparams(bindparam("before", type_=UTCDateTime())), {"before": received_before, "limit": limit}).scalars())


def purge_handled(session: Session, *, now: datetime) -> int:
    result = session.execute(delete(InboundUpdate).where(col(InboundUpdate.handled_at) < now - KEEP_HANDLED))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def counts(session: Session) -> dict[str, int]:
    """Open and handled updates (for /health and the bench)."""
    open_count, handled = session.execute(select(
        func.count().filter(col(InboundUpdate.handled_at).is_(None)),
        func.count().filter(col(InboundUpdate.handled_at).is_not(None)),
    ).select_from(InboundUpdate)).one()
    return {"open": int(open_count), "handled": int(handled)}


def reserve_send(connection: Connection, *, name: str, gap_s: float, limit: int, window_s: float, stale_s: float
                 ) -> tuple[int | None, float, float]:
    """Gives a send its moment in a shared bucket, or none yet; returns (slot id or None, seconds to wait, the
    database's clock now).

    The moment is `gap_s` after the previous one (never earlier than now, nor inside a pause), and no earlier than
    the bucket's `limit` allows: the platform counts a send when it arrives, somewhere between its moment and its
    answer (`done_at`), so a new send may only start while fewer than `limit` others are in flight or were
    answered less than `window_s` before it. Then no window of the platform's, wherever it falls, holds more
    than `limit` sends, however late a process woke up or a request took. With `limit` sends in flight there is
    no moment yet (None: ask again shortly). An in-flight send older than `stale_s` (its process died) no longer
    counts.

    One round trip: the database function `wijkgids_reserve_send` (migration 0028) decides under the bucket row's
    lock, one process at a time, and commits (call it on an autocommit connection)."""
    slot_id, wait, now = connection.execute(text(
        "SELECT slot_id, wait_s, db_now FROM wijkgids_reserve_send(:name, :gap, :limit, :window, :stale)"
    ), {"name": name, "gap": gap_s, "limit": limit, "window": window_s, "stale": stale_s}).one()
    return (None if slot_id is None else int(slot_id)), float(wait), float(now)


def send_done(connection: Connection, *, slot_ids: list[int], done_at: list[float]) -> None:
    """The sends' answers are back (at these moments, by the database's clock): one statement."""
    connection.execute(text(
        "UPDATE send_slot AS s SET done_at = d.at FROM unnest(CAST(:ids AS integer[]), CAST(:ats AS float8[])) "
        "AS d(id, at) WHERE s.id = d.id"), {"ids": slot_ids, "ats": done_at})


def pause_bucket(session: Session, *, name: str, seconds: float) -> None:
    """The platform asked to wait: nobody reserves a moment in this bucket before the pause ends."""
    session.execute(text(
        "INSERT INTO send_rate AS r (name, next_at, paused_until) "
        "VALUES (:name, 0, extract(epoch FROM clock_timestamp()) + :seconds) "
        "ON CONFLICT (name) DO UPDATE SET paused_until = "
        "  GREATEST(r.paused_until, extract(epoch FROM clock_timestamp()) + :seconds)"
    ), {"name": name, "seconds": seconds})


def purge_idle_buckets(session: Session, *, prefix: str, idle_s: float) -> int:
    """Per-chat buckets nobody used for a while (a chat's spacing only matters for seconds)."""
    result = session.execute(text(
        "DELETE FROM send_rate WHERE name LIKE :prefix AND next_at < extract(epoch FROM clock_timestamp()) - :idle"
    ), {"prefix": prefix + "%", "idle": idle_s})
    session.execute(text(
        "DELETE FROM send_slot WHERE bucket LIKE :prefix AND start_at < extract(epoch FROM clock_timestamp()) - :idle"
    ), {"prefix": prefix + "%", "idle": idle_s})
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
