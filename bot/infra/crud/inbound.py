"""Keyword-only queries for running as several processes: the stored chat updates and the shared send rates.

PostgreSQL only (`wijkgids run --role ingress|worker`); the embedded default (SQLite, one process) never
touches these tables."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlmodel import Session, col, select

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


def open_updates(session: Session, *, person_key: str, limit: int) -> list[InboundUpdate]:
    """The person's updates not handled yet, oldest first: the order they are handled in."""
    return list(session.exec(
        select(InboundUpdate)
        .where(InboundUpdate.person_key == person_key, col(InboundUpdate.handled_at).is_(None))
        .order_by(col(InboundUpdate.id)).limit(limit)))


def started(session: Session, *, update_id: int) -> None:
    session.execute(update(InboundUpdate).where(col(InboundUpdate.id) == update_id)
                    .values(attempts=InboundUpdate.attempts + 1))


def mark_handled(session: Session, *, update_id: int, now: datetime) -> None:
    """Handled: only the platform's id stays (for redeliveries), not what the person wrote."""
    session.execute(update(InboundUpdate).where(col(InboundUpdate.id) == update_id)
                    .values(handled_at=now, payload={}))


def waiting_people(session: Session, *, received_before: datetime, limit: int = 500) -> list[str]:
    """People with updates still open since before `received_before`: their wake-up may have been lost (the
    ingress died between storing and queueing), so the recovery queues them again."""
    return list(session.exec(
        select(InboundUpdate.person_key)
        .where(col(InboundUpdate.handled_at).is_(None), col(InboundUpdate.received_at) < received_before)
        .group_by(col(InboundUpdate.person_key)).limit(limit)))


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


def reserve_send(session: Session, *, name: str, gap_s: float, limit: int, window_s: float, stale_s: float
                 ) -> tuple[int | None, float, float]:
    """Gives a send its moment in a shared bucket, or none yet; returns (slot id or None, seconds to wait, the
    database's clock now).

    The moment is `gap_s` after the previous one (never earlier than now, nor inside a pause), and no earlier than
    the bucket's `limit` allows: the platform counts a send when it arrives, somewhere between its moment and its
    answer (`done_at`), so a new send may only start while fewer than `limit` others are in flight or were
    answered less than `window_s` before it. Then no window of the platform's, wherever it falls, holds more
    than `limit` sends, however late a process woke up or a request took. With `limit` sends in flight there is
    no moment yet (None: ask again shortly). An in-flight send older than `stale_s` (its process died) no longer
    counts. Run under the bucket row's lock: one process at a time decides."""
    next_at, paused_until, now = session.execute(text(
        "INSERT INTO send_rate AS r (name, next_at, paused_until) VALUES (:name, 0, 0) "
        "ON CONFLICT (name) DO UPDATE SET next_at = r.next_at "
        "RETURNING r.next_at, r.paused_until, extract(epoch FROM clock_timestamp())"
    ), {"name": name}).one()
    now = float(now)
    session.execute(text(
        "DELETE FROM send_slot WHERE bucket = :name "
        "AND (done_at < :now - :window OR (done_at IS NULL AND start_at < :now - :stale))"
    ), {"name": name, "now": now, "window": window_s, "stale": stale_s})
    rows = session.execute(text("SELECT done_at FROM send_slot WHERE bucket = :name"), {"name": name}).all()
    in_flight = sum(1 for (done_at,) in rows if done_at is None)
    ends = sorted((float(done_at) + window_s for (done_at,) in rows if done_at is not None), reverse=True)
    room = limit - 1 - in_flight
    """How many answered sends may still lie within one window of the new one."""
    if room < 0:
        return None, 0.0, now
    at = max(now, float(next_at), float(paused_until), ends[room] if len(ends) > room else 0.0)
    slot_id = session.execute(text(
        "INSERT INTO send_slot (bucket, start_at) VALUES (:name, :at) RETURNING id"), {"name": name, "at": at}
    ).scalar_one()
    session.execute(text("UPDATE send_rate SET next_at = :next WHERE name = :name"),
                    {"name": name, "next": at + gap_s})
    return int(slot_id), at - now, now


def send_done(session: Session, *, slot_ids: list[int], done_at: list[float]) -> None:
    """The sends' answers are back (at these moments, by the database's clock)."""
    for slot_id, at in zip(slot_ids, done_at, strict=True):
        session.execute(text("UPDATE send_slot SET done_at = :at WHERE id = :id"), {"id": slot_id, "at": at})


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
