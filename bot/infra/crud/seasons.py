"""Planning and claiming the next-season question for recurring initiatives."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot.infra.config import Settings
from bot.infra.crud.checkins import after_quiet_hours, days_later
from bot.infra.db import skip_locked
from bot.infra.models.seasons import SeasonAsk, SeasonAskStatus


def plan(session: Session, *, user_id: int, idea_id: int, story_id: int | None, now: datetime,
         settings: Settings) -> SeasonAsk:
    """One question per idea: asking twice about the same initiative keeps the first."""
    existing = session.exec(select(SeasonAsk).where(SeasonAsk.idea_id == idea_id)).first()
    if existing is not None:
        return existing
    due = after_quiet_hours(days_later(now, settings.season_ask_days, tz=settings.tz), settings=settings)
    ask = SeasonAsk(user_id=user_id, idea_id=idea_id, story_id=story_id, due_at=due)
    session.add(ask)
    session.flush()
    return ask


def claim_due(session: Session, *, now: datetime, limit: int) -> list[SeasonAsk]:
    """Due questions, locked for this transaction (SKIP LOCKED: another worker takes others)."""
    query = (select(SeasonAsk).where(SeasonAsk.status == SeasonAskStatus.PLANNED, col(SeasonAsk.due_at) <= now)
             .order_by(col(SeasonAsk.due_at), col(SeasonAsk.id)).limit(limit))
    return list(session.exec(skip_locked(session, query)))
