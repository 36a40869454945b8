"""Planning and claiming check-ins: due times in UTC, computed on the wall clock of the wijk."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from bot.infra.config import Settings
from bot.infra.db import skip_locked
from bot.infra.models.checkins import CheckIn, CheckInStatus, Story, StoryReview
from bot.infra.models.ideas import Idea


def in_quiet_hours(moment: datetime, *, tz: ZoneInfo, start: int, end: int) -> bool:
    hour = moment.astimezone(tz).hour
    return hour >= start or hour < end if start > end else start <= hour < end


def next_allowed(moment: datetime, *, tz: ZoneInfo, start: int, end: int) -> datetime:
    """The moment itself, or the end of the quiet hours it falls in (local time, DST-safe)."""
    if not in_quiet_hours(moment, tz=tz, start=start, end=end):
        return moment
    local = moment.astimezone(tz)
    day = local.date() if local.hour < end else local.date() + timedelta(days=1)
    return datetime.combine(day, time(end), tzinfo=tz).astimezone(moment.tzinfo)


def after_quiet_hours(moment: datetime, *, settings: Settings) -> datetime:
    """`next_allowed` with the configured time zone and quiet hours."""
    return next_allowed(moment, tz=settings.tz, start=settings.quiet_hours_start, end=settings.quiet_hours_end)


def days_later(moment: datetime, days: int, *, tz: ZoneInfo) -> datetime:
    """The same local clock time `days` later: a DST change does not shift it by an hour."""
    local = moment.astimezone(tz)
    return datetime.combine(local.date() + timedelta(days=days), local.timetz().replace(tzinfo=None),
                            tzinfo=tz).astimezone(moment.tzinfo)


def plan(session: Session, *, user_id: int, idea_id: int, now: datetime, days: Sequence[int], tz: ZoneInfo,
         quiet: tuple[int, int]) -> list[CheckIn]:
    existing = session.exec(select(CheckIn).where(CheckIn.idea_id == idea_id,
                                                  CheckIn.status == CheckInStatus.PLANNED)).first()
    if existing is not None:
        return []
    planned = []
    for offset in days:
        due = next_allowed(days_later(now, offset, tz=tz), tz=tz, start=quiet[0], end=quiet[1])
        checkin = CheckIn(user_id=user_id, idea_id=idea_id, due_at=due)
        session.add(checkin)
        planned.append(checkin)
    return planned


def claim_due(session: Session, *, now: datetime, limit: int) -> list[CheckIn]:
    """Due check-ins, locked for this transaction (SKIP LOCKED: another worker takes others)."""
    query = (select(CheckIn).where(CheckIn.status == CheckInStatus.PLANNED, col(CheckIn.due_at) <= now)
             .order_by(col(CheckIn.due_at), col(CheckIn.id)).limit(limit))
    return list(session.exec(skip_locked(session, query)))


def first_id(session: Session, *, idea_id: int) -> int | None:
    """The id of an idea's earliest check-in."""
    return session.exec(select(func.min(CheckIn.id)).where(CheckIn.idea_id == idea_id)).one()


def cancel_remaining(session: Session, *, idea_id: int) -> None:
    session.execute(update(CheckIn).where(col(CheckIn.idea_id) == idea_id, col(CheckIn.status) == CheckInStatus.PLANNED)
                    .values(status=CheckInStatus.CANCELLED))


def stopped_notes(session: Session, *, wijk_id: str, since: datetime) -> list[str]:
    """What residents said would have helped when their initiative stopped (no names)."""
    return list(session.exec(select(CheckIn.note).join(Idea, col(Idea.id) == col(CheckIn.idea_id)).where(
        Idea.wijk_id == wijk_id, col(CheckIn.note).is_not(None), col(CheckIn.answered_at) >= since)
        .order_by(col(CheckIn.answered_at))))  # type: ignore[arg-type]


def shared_stories(session: Session, *, wijk_id: str, limit: int = 10) -> list[Story]:
    return list(session.exec(select(Story).where(Story.wijk_id == wijk_id, col(Story.shared).is_(True),
                                                       Story.review == StoryReview.APPROVED)
                             .order_by(col(Story.created_at).desc()).limit(limit)))
