"""Open prompts: options of bot-initiated messages that stay answerable (see bot.infra.models.prompts)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from bot.infra.models.prompts import OpenPrompt, SentOptions

OPEN_FOR = timedelta(days=14)
MAX_OPEN = 10
"""Per user; the oldest go first. Enough for a week of requests, few enough to stay unambiguous."""
MAX_SENT = 50
"""Sent messages with options kept per user for answers by reply; the oldest go first."""


def remember(session: Session, *, user_id: int, options: list[list[str]], now: datetime) -> None:
    """Keeps the button options (``!action`` data) of a message the bot sent on its own."""
    rows = [row for row in options if row and str(row[0]).startswith("!")]
    if not rows:
        return
    session.add(OpenPrompt(user_id=user_id, options=rows, created_at=now, expires_at=now + OPEN_FOR))
    session.flush()
    stale = [p.id for p in open_prompts(session, user_id=user_id, now=now)[MAX_OPEN:]]
    if stale:
        session.execute(delete(OpenPrompt).where(col(OpenPrompt.id).in_(stale)))


def open_prompts(session: Session, *, user_id: int, now: datetime) -> list[OpenPrompt]:
    """Newest first; expired ones are dropped on the way."""
    session.execute(delete(OpenPrompt).where(col(OpenPrompt.user_id) == user_id, col(OpenPrompt.expires_at) <= now))
    return list(session.exec(select(OpenPrompt).where(OpenPrompt.user_id == user_id)
                             .order_by(col(OpenPrompt.created_at).desc(), col(OpenPrompt.id).desc())))


def answered(session: Session, *, user_id: int, data: str, now: datetime) -> None:
    """One of a prompt's options was used: the prompt is closed."""
    done = [p.id for p in open_prompts(session, user_id=user_id, now=now)
            if any(row[0] == data for row in p.options)]
    if done:
        session.execute(delete(OpenPrompt).where(col(OpenPrompt.id).in_(done)))


def remember_sent(session: Session, *, user_id: int, message_ref: str, options: list[list[str]],
                  first_number: int = 1, now: datetime) -> None:
    """Keeps the options of a message the bot sent, under the platform's id of that message."""
    if not options:
        return
    session.execute(delete(SentOptions).where(col(SentOptions.user_id) == user_id,
                                              col(SentOptions.expires_at) <= now))
    session.execute(delete(SentOptions).where(col(SentOptions.user_id) == user_id,
                                              col(SentOptions.message_ref) == message_ref))
    session.add(SentOptions(user_id=user_id, message_ref=message_ref, options=options, first_number=first_number,
                            created_at=now, expires_at=now + OPEN_FOR))
    session.flush()
    stale = session.exec(select(SentOptions.id).where(SentOptions.user_id == user_id)
                         .order_by(col(SentOptions.created_at).desc(), col(SentOptions.id).desc())
                         .offset(MAX_SENT)).all()
    if stale:
        session.execute(delete(SentOptions).where(col(SentOptions.id).in_(stale)))


def sent_options(session: Session, *, user_id: int, message_ref: str, now: datetime) -> SentOptions | None:
    """The options of the user's message with this id, unless it had none or they expired."""
    return session.exec(select(SentOptions).where(SentOptions.user_id == user_id,
                                                  SentOptions.message_ref == message_ref,
                                                  col(SentOptions.expires_at) > now)).first()
