"""Keyword-only queries for the WhatsApp transport: inbox, windows, the tier's count, sent messages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, func, text, update
from sqlmodel import Session, col, select

from bot.infra.models import User, WhatsAppContact, WhatsAppInbox, WhatsAppSent, WhatsAppStart

KEEP_IDS = timedelta(days=14)
"""How long handled message ids are kept to recognise a re-delivery (WhatsApp retries for up to 7 days)."""
TIER_LOCK = 27_027
"""PostgreSQL advisory lock id: one process at a time decides whether a conversation may be started."""


def store_inbound(session: Session, *, messages: Sequence[WhatsAppInbox]) -> int:
    """Stores new messages (a re-delivered id is skipped); returns how many were new. Messages of one delivery
    keep their order (`received_at` a microsecond apart)."""
    ids = [m.wamid for m in messages]
    known = set(session.exec(select(WhatsAppInbox.wamid).where(col(WhatsAppInbox.wamid).in_(ids)))) if ids else set()
    added = 0
    for offset, message in enumerate(messages):
        if message.wamid in known:
            continue
        known.add(message.wamid)
        message.received_at += timedelta(microseconds=offset)
        session.add(message)
        added += 1
    return added


def unhandled(session: Session, *, limit: int) -> list[WhatsAppInbox]:
    """The oldest messages not handled yet, in the order they arrived."""
    return list(session.exec(select(WhatsAppInbox).where(col(WhatsAppInbox.handled_at).is_(None))
                             .order_by(col(WhatsAppInbox.received_at), col(WhatsAppInbox.wamid)).limit(limit)))


def mark_handled(session: Session, *, wamid: str, now: datetime) -> None:
    """Only the id stays (to skip re-deliveries): the phone number and the message itself go."""
    session.execute(update(WhatsAppInbox).where(col(WhatsAppInbox.wamid) == wamid)
                    .values(handled_at=now, wa_id=None, payload=None, name=None))


def contact(session: Session, *, user_id: int) -> WhatsAppContact | None:
    return session.get(WhatsAppContact, user_id)


def contacts(session: Session, *, user_ids: Sequence[int]) -> dict[int, WhatsAppContact]:
    if not user_ids:
        return {}
    rows = session.exec(select(WhatsAppContact).where(col(WhatsAppContact.user_id).in_(user_ids)))
    return {row.user_id: row for row in rows}


def _contact(session: Session, user_id: int) -> WhatsAppContact:
    row = session.get(WhatsAppContact, user_id)
    if row is None:
        row = WhatsAppContact(user_id=user_id)
        session.add(row)
    return row


def opened_window(session: Session, *, user_id: int, at: datetime) -> None:
    """The resident wrote at `at`: their window runs 24 hours from then."""
    row = _contact(session, user_id)
    if row.last_inbound_at is None or row.last_inbound_at < at:
        row.last_inbound_at = at


def set_no_marketing(session: Session, *, user_id: int) -> None:
    _contact(session, user_id).no_marketing = True


def starts_since(session: Session, *, since: datetime) -> int:
    """Conversations started after `since`. Starts are added in time order (one process at a time decides, see
    take_start) and only the oldest are ever deleted, so their ids in the window run without gaps: two index
    look-ups instead of counting up to 100,000 rows before every template."""
    first = session.exec(select(WhatsAppStart.id).where(col(WhatsAppStart.started_at) > since)
                         .order_by(col(WhatsAppStart.started_at), col(WhatsAppStart.id)).limit(1)).first()
    if first is None:
        return 0
    last = session.exec(select(func.max(WhatsAppStart.id))).one()
    return int(last or first) - first + 1


def take_start(session: Session, *, user_id: int, tier: int, now: datetime, window: timedelta) -> datetime | None:
    """Counts a business-initiated conversation with this resident against the tier (unique people per rolling
    `window`, 24 hours); None when it may go now, else the moment a place frees up. Someone already started within
    the window does not count again. The caller commits before sending: a crash never sends more than was counted."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": TIER_LOCK})
    row = _contact(session, user_id)
    since = now - window
    if row.started_at is not None and row.started_at > since:
        return None
    if tier > 0 and starts_since(session, since=since) >= tier:
        oldest = session.exec(select(func.min(WhatsAppStart.started_at))
                              .where(col(WhatsAppStart.started_at) > since)).one()
        return (oldest or now) + window
    row.started_at = now
    session.add(WhatsAppStart(started_at=now))
    return None


def record_sent(session: Session, *, rows: Sequence[WhatsAppSent]) -> None:
    """What was sent, for its statuses; rows of residents forgotten meanwhile are left out."""
    present = set(session.exec(select(User.id).where(col(User.id).in_({r.user_id for r in rows}))))
    session.add_all([row for row in rows if row.user_id in present])


STATUS_ORDER = {"accepted": 0, "sent": 1, "delivered": 2, "read": 3, "failed": 4}
"""Statuses may arrive out of order; a later one never goes back to an earlier one (failed is final)."""


def record_status(session: Session, *, wamid: str, status: str, error_code: int | None, now: datetime
                  ) -> WhatsAppSent | None:
    """Records a status from the webhook; returns the row when it just failed (to decide on a retry)."""
    row = session.get(WhatsAppSent, wamid)
    if row is None or status not in STATUS_ORDER:
        return None
    if STATUS_ORDER[status] <= STATUS_ORDER.get(row.status, 0):
        return None
    row.status, row.error_code, row.updated_at = status, error_code, now
    return row if status == "failed" else None


def purge(session: Session, *, now: datetime, window: timedelta) -> None:
    """Old handled ids and tier entries older than the rolling window go."""
    session.execute(delete(WhatsAppInbox).where(col(WhatsAppInbox.handled_at) < now - KEEP_IDS))
    session.execute(delete(WhatsAppStart).where(col(WhatsAppStart.started_at) <= now - window))
