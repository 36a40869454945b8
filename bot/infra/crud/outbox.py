"""Queueing and claiming messages the bot sends on its own."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, or_, update
from sqlmodel import Session, col, select

from bot.infra.db import skip_locked
from bot.infra.models import OutboxChannel, OutboxMessage, OutboxStatus, User


def enqueue(
    session: Session,
    *,
    user_id: int,
    kind: str,
    text: str,
    choices: list[list[str]],
    now: datetime,
    not_before: datetime | None = None,
    ref: str | None = None,
    attachment: dict[str, str] | None = None,
    photo_id: int | None = None,
    about_user_id: int | None = None,
) -> OutboxMessage:
    """A chat message as stored; bot.services.notify renders and queues every one (the only caller)."""
    message = OutboxMessage(
        user_id=user_id,
        kind=kind,
        text=text,
        choices=choices,
        ref=ref,
        not_before=not_before or now,
        created_at=now,
        attachment=attachment,
        photo_id=photo_id,
        about_user_id=about_user_id,
    )
    session.add(message)
    return message


def enqueue_email(
    session: Session, *, address: str, subject: str, text: str, html: str, kind: str, now: datetime,
    ref: str | None = None, about_user_id: int | None = None,
) -> OutboxMessage:
    """An e-mail (text and HTML part) to a contact person, delivered like chat messages: retried, resumable."""
    message = OutboxMessage(
        channel=OutboxChannel.EMAIL, address=address, subject=subject, text=text, html=html, kind=kind, ref=ref,
        not_before=now, created_at=now, about_user_id=about_user_id,
    )
    session.add(message)
    return message


CLAIM_LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5
"""Tries of one message before it is parked as failed (status FAILED, with the reason) for an admin to look at:
`wijkgids outbox failed` / `wijkgids outbox retry ID`, and the outbox page of the dashboard."""

DAILY_PRIORITY = {
    "reminder": 0, "escalation": 1, "checkin": 2, "help_request": 3, "broadcast": 4, "activity_next": 5,
    "season": 6,
}
"""Bot-initiated news to a resident: at most one of these a day, counted by when it was SENT; when several
wait for one person, the lowest number goes first (a reminder for tomorrow wins over a check-in; news that an
idea is stuck wins over asking how it is going)."""
URGENT = frozenset({"activity_changed", "activity_cancelled", "activity_message", "activity_moved_up"})
"""Notices about an activity someone said yes to (or a place that came free): they don't wait for tomorrow, but
they do wait out the quiet hours and they count as that day's message."""
COUNTED = frozenset(DAILY_PRIORITY) | URGENT


def sent_today(session: Session, *, user_ids: Sequence[int], since: datetime) -> set[int]:
    """Who already got a counted message since `since` (local midnight)."""
    if not user_ids:
        return set()
    rows = session.execute(select(col(OutboxMessage.user_id)).where(
        col(OutboxMessage.user_id).in_(user_ids), col(OutboxMessage.kind).in_(COUNTED),
        col(OutboxMessage.status) == OutboxStatus.SENT, col(OutboxMessage.sent_at) >= since)).scalars()
    return {user_id for user_id in rows if user_id is not None}


def claim_due(
    session: Session, *, now: datetime, limit: int, exclude_users: Sequence[int] = (),
    transports: Collection[str] | None = None,
) -> list[OutboxMessage]:
    """Marks up to `limit` due messages as SENDING and returns them.

    On PostgreSQL the rows are locked with SKIP LOCKED, so several workers never
    claim the same message; SQLite runs one worker. A claim is a lease: a row
    still SENDING after CLAIM_LEASE belonged to a worker that died.
    """
    query = (
        select(OutboxMessage)
        .where(OutboxMessage.status == OutboxStatus.PENDING, col(OutboxMessage.not_before) <= now)
        .order_by(col(OutboxMessage.not_before), col(OutboxMessage.id))
        .limit(limit)
    )
    if exclude_users:
        query = query.where(col(OutboxMessage.user_id).not_in(exclude_users))
    if transports is not None:  # only what this process can send (and e-mail, which has no user)
        query = query.where(or_(col(OutboxMessage.user_id).is_(None), col(OutboxMessage.user_id).in_(
            select(User.id).where(col(User.transport).in_(sorted(transports))))))
    rows = list(session.exec(skip_locked(session, query)))
    for row in rows:
        row.status = OutboxStatus.SENDING
        row.not_before = now + CLAIM_LEASE
        row.attempts += 1
    return rows


def requeue_expired_claims(session: Session, *, now: datetime) -> int:
    """Claims whose lease ran out go back to PENDING: their worker crashed mid-send (at-least-once). A message
    whose worker died on it MAX_ATTEMPTS times is parked as failed: it may be what stops the process."""
    expired = (col(OutboxMessage.status) == OutboxStatus.SENDING, col(OutboxMessage.not_before) <= now)
    session.execute(
        update(OutboxMessage)
        .where(*expired, col(OutboxMessage.attempts) >= MAX_ATTEMPTS)
        .values(status=OutboxStatus.FAILED, error="the sender stopped while sending it, every try")
    )
    result = session.execute(update(OutboxMessage).where(*expired).values(status=OutboxStatus.PENDING))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def failed(session: Session, *, limit: int = 200) -> list[OutboxMessage]:
    """Messages parked after MAX_ATTEMPTS tries, oldest first."""
    query = (select(OutboxMessage).where(col(OutboxMessage.status) == OutboxStatus.FAILED)
             .order_by(col(OutboxMessage.id)).limit(limit))
    return list(session.exec(query))


def retry(session: Session, *, message_id: int, now: datetime) -> bool:
    """A failed message goes out again on the next round, with a fresh count of tries."""
    result = session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == message_id, col(OutboxMessage.status) == OutboxStatus.FAILED)
        .values(status=OutboxStatus.PENDING, not_before=now, attempts=0, error=None)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def release_waiting(session: Session, *, user_id: int, now: datetime) -> int:
    """The recipient wrote: messages that waited for that go out now."""
    result = session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.user_id) == user_id, col(OutboxMessage.status) == OutboxStatus.WAITING)
        .values(status=OutboxStatus.PENDING, not_before=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def cancel_queued(session: Session, *, refs: Sequence[str]) -> int:
    """Deletes the messages with these refs that have not gone out yet (pending or waiting); the number."""
    if not refs:
        return 0
    result = session.execute(delete(OutboxMessage).where(
        col(OutboxMessage.ref).in_(list(refs)),
        col(OutboxMessage.status).in_([OutboxStatus.PENDING, OutboxStatus.WAITING])))
    return int(getattr(result, "rowcount", 0) or 0)
