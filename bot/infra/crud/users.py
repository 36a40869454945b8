"""Keyword-only queries for users, consent and conversation state."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from bot.infra.db import skip_locked
from bot.infra.models import Consent, ConsentPurpose, ContactLink, Conversation, ProcessedEvent, User


def get_user(session: Session, *, transport: str, external_id: str) -> User | None:
    return session.exec(
        select(User).where(User.transport == transport, User.external_id == external_id)
    ).first()


_USER_WITH_CONVERSATION = (
    select(User, Conversation)
    .outerjoin(Conversation, Conversation.user_id == User.id)  # type: ignore[arg-type]
    .where(User.transport == bindparam("transport"), User.external_id == bindparam("external_id"))
)
"""Built once: this runs for every incoming message."""

LAST_SEEN_RESOLUTION = timedelta(hours=1)
"""last_seen_at serves retention (months): writing it on every message would cost an UPDATE each time."""


def get_or_create_user(
    session: Session, *, transport: str, external_id: str, chat_id: str, now: datetime
) -> tuple[User, Conversation]:
    """The user and their conversation state, in one query; both are created for a new user."""
    row = session.exec(_USER_WITH_CONVERSATION, params={"transport": transport, "external_id": external_id}).first()
    if row is not None:
        user, conversation = row
        if now - user.last_seen_at >= LAST_SEEN_RESOLUTION:
            user.last_seen_at = now
            user.retention_notice_at = None
        if user.chat_id != chat_id:
            user.chat_id = chat_id
    else:
        user, conversation = User(transport=transport, external_id=external_id, chat_id=chat_id, created_at=now,
                                  last_seen_at=now), None
        session.add(user)
        session.flush()
    if conversation is None:
        assert user.id is not None
        conversation = Conversation(user_id=user.id, updated_at=now)
        session.add(conversation)
    return user, conversation


def has_consent(session: Session, *, user: User, purpose: ConsentPurpose) -> bool:
    return session.get(Consent, (user.id, purpose)) is not None


def grant_consent(session: Session, *, user: User, purpose: ConsentPurpose, now: datetime) -> None:
    """Records consent once (the first grant's time counts): one INSERT .. ON CONFLICT DO NOTHING."""
    assert user.id is not None
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert(Consent).values(user_id=user.id, purpose=purpose, granted_at=now)
                    .on_conflict_do_nothing())


def withdraw_consent(session: Session, *, user: User, purpose: ConsentPurpose) -> None:
    session.execute(delete(Consent).where(Consent.user_id == user.id, Consent.purpose == purpose))  # type: ignore[arg-type]


def consents(session: Session, *, user: User) -> list[Consent]:
    return list(session.exec(select(Consent).where(Consent.user_id == user.id)))


EVENTS_KEPT = timedelta(days=14)
"""How long a handled event id is remembered: WhatsApp re-delivers for up to 7 days, Telegram for a day (and
after a week without updates it may start its update ids anywhere, so old ids must not stay forever)."""
_PRUNE_EVERY = 1000
_recorded = 0


def mark_event_processed(session: Session, *, transport: str, event_id: str, now: datetime) -> bool:
    """Records an event id; False when it was handled before (a replay). Every thousandth call also forgets
    the ids older than EVENTS_KEPT."""
    global _recorded
    if session.get(ProcessedEvent, (transport, event_id)) is not None:
        return False
    session.add(ProcessedEvent(transport=transport, event_id=event_id, created_at=now))
    _recorded += 1
    if _recorded % _PRUNE_EVERY == 0:
        forget_old_events(session, before=now - EVENTS_KEPT)
    return True


def forget_old_events(session: Session, *, before: datetime) -> int:
    result = session.execute(delete(ProcessedEvent).where(col(ProcessedEvent.created_at) < before))
    return int(getattr(result, "rowcount", 0) or 0)


def users_in_wijk(session: Session, *, wijk_id: str) -> list[User]:
    return list(session.exec(select(User).where(User.wijk_id == wijk_id)))


def inactive(session: Session, *, since: datetime, noticed: bool, noticed_before: datetime | None = None,
             limit: int = 500) -> list[User]:
    """People not seen since `since`: those not warned yet, or (`noticed`) those warned before `noticed_before`."""
    query = select(User).where(col(User.last_seen_at) < since)
    if not noticed:
        query = query.where(col(User.retention_notice_at).is_(None))
    else:
        assert noticed_before is not None
        query = query.where(col(User.retention_notice_at) < noticed_before)
    return list(session.exec(skip_locked(session, query.limit(limit))))


def linked_contacts(session: Session, *, user: User) -> list[str]:
    """The content/ contact entries this user is linked to (a contact person's chat account)."""
    return list(session.exec(select(ContactLink.contact_id).where(ContactLink.user_id == user.id)))
