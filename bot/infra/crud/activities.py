"""Roles per wijk, activities, RSVPs and broadcasts."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from bot.infra.db import skip_locked
from bot.infra.models import AanjagerWijk, Activity, Rsvp, RsvpAnswer, User


def aanjager_wijken(session: Session, *, user: User) -> list[str]:
    return list(session.exec(select(AanjagerWijk.wijk_id).where(AanjagerWijk.user_id == user.id)))


def is_aanjager(session: Session, *, user: User, wijk_id: str) -> bool:
    """An AanjagerWijk row (who may do what: bot/core/permissions.py)."""
    return session.get(AanjagerWijk, (user.id, wijk_id)) is not None


def add_aanjager(session: Session, *, user: User, wijk_id: str, now: datetime) -> None:
    if session.get(AanjagerWijk, (user.id, wijk_id)) is None:
        assert user.id is not None
        session.add(AanjagerWijk(user_id=user.id, wijk_id=wijk_id, added_at=now))


def remove_aanjager(session: Session, *, user: User, wijk_id: str | None = None) -> int:
    query = delete(AanjagerWijk).where(col(AanjagerWijk.user_id) == user.id)
    if wijk_id is not None:
        query = query.where(col(AanjagerWijk.wijk_id) == wijk_id)
    return int(session.execute(query).rowcount or 0)  # type: ignore[attr-defined]


def started_weekly(session: Session, *, now: datetime, limit: int = 500) -> list[Activity]:
    """Weekly activities whose current occurrence has started (cancelled or not): each needs its next one.
    Rows are locked on PostgreSQL, so two bot processes never both continue a series."""
    query = (select(Activity).where(col(Activity.weekly).is_(True), col(Activity.starts_at) <= now)
             .order_by(col(Activity.id)).limit(limit))
    return list(session.exec(skip_locked(session, query)))


def to_remind(session: Session, *, now: datetime, within: timedelta, limit: int = 500) -> list[tuple[Rsvp, Activity]]:
    """Answers of people who come or help to activities starting within `within`, not reminded yet (locked)."""
    query = (select(Rsvp, Activity).join(Activity, col(Activity.id) == col(Rsvp.activity_id))
             .where(col(Rsvp.reminded).is_(False), col(Rsvp.answer).in_(GOING), col(Rsvp.waitlisted).is_(False),
                    col(Activity.cancelled).is_(False), col(Activity.starts_at) > now,
                    col(Activity.starts_at) <= now + within))
    return [(rsvp, activity) for rsvp, activity in session.exec(skip_locked(session, query, of=Rsvp).limit(limit))]


def upcoming_for(session: Session, *, user_id: int, now: datetime) -> list[tuple[Activity, Rsvp]]:
    """Upcoming activities someone comes to or helps with, soonest first."""
    return [(activity, rsvp) for activity, rsvp in session.exec(
        select(Activity, Rsvp).join(Rsvp, col(Rsvp.activity_id) == col(Activity.id))
        .where(Rsvp.user_id == user_id, col(Rsvp.answer).in_(GOING), col(Activity.starts_at) > now)
        .order_by(col(Activity.starts_at)))]


def aanjagers_of(session: Session, *, wijk_id: str) -> list[User]:
    """The aanjagers of a wijk."""
    return list(session.exec(select(User).join(AanjagerWijk, col(AanjagerWijk.user_id) == col(User.id))
                             .where(AanjagerWijk.wijk_id == wijk_id)))


def aanjager_roles(session: Session, *, user_id: int | None = None) -> list[AanjagerWijk]:
    """Every (aanjager, wijk) pair, or those of one user."""
    query = select(AanjagerWijk)
    if user_id is not None:
        query = query.where(AanjagerWijk.user_id == user_id)
    return list(session.exec(query))


def series_head(session: Session, *, activity: Activity) -> Activity:
    """The occurrence that carries a weekly series on (the latest one), or the activity itself."""
    if activity.series_id is None:
        return activity
    head = session.exec(select(Activity).where(Activity.series_id == activity.series_id,
                                               col(Activity.weekly).is_(True))).first()
    return head or activity


def upcoming(session: Session, *, wijk_id: str, now: datetime, limit: int = 10) -> list[Activity]:
    return list(session.exec(
        select(Activity).where(Activity.wijk_id == wijk_id, col(Activity.starts_at) > now,
                               col(Activity.cancelled).is_(False), col(Activity.approved).is_(True))
        .order_by(col(Activity.starts_at)).limit(limit)))


def rsvps(session: Session, *, activity_id: int) -> list[Rsvp]:
    return list(session.exec(select(Rsvp).where(Rsvp.activity_id == activity_id)))


def subscribers(session: Session, *, wijk_id: str, exclude: int | None = None) -> list[User]:
    """Who hears news from the wijk: onboarded, not muted, reachable."""
    query = select(User).where(User.wijk_id == wijk_id, col(User.onboarded).is_(True), col(User.muted).is_(False),
                               col(User.unreachable).is_(False))
    if exclude is not None:
        query = query.where(col(User.id) != exclude)
    return list(session.exec(query.order_by(col(User.id))))


GOING = (RsvpAnswer.COME, RsvpAnswer.HELP)


def counts(session: Session, *, activity_id: int) -> dict[str, int]:
    """How many answered what; 'waiting' are those on the waiting list (not among 'come')."""
    result = {answer.value: 0 for answer in RsvpAnswer} | {"waiting": 0}
    for record in rsvps(session, activity_id=activity_id):
        result["waiting" if record.waitlisted else record.answer] += 1
    return result


def going(session: Session, *, activity_id: int) -> list[Rsvp]:
    """Those coming or helping (not on the waiting list)."""
    return [r for r in rsvps(session, activity_id=activity_id) if r.answer in GOING and not r.waitlisted]


def later_in_series(session: Session, *, activity: Activity) -> list[Activity]:
    if activity.series_id is None:
        return []
    return list(session.exec(select(Activity).where(
        Activity.series_id == activity.series_id, col(Activity.starts_at) > activity.starts_at,
        col(Activity.cancelled).is_(False)).order_by(col(Activity.starts_at))))


def _place_in_line(session: Session, activity: Activity, record: Rsvp) -> None:
    """Capacity: a new 'come' beyond it goes on the waiting list."""
    record.waitlisted = False
    if activity.capacity is None or record.answer != RsvpAnswer.COME:
        return
    taken = sum(1 for r in rsvps(session, activity_id=activity.id or 0)
                if r.answer == RsvpAnswer.COME and not r.waitlisted and r.user_id != record.user_id)
    record.waitlisted = taken >= activity.capacity


def move_up(session: Session, *, activity: Activity) -> list[Rsvp]:
    """Those on the waiting list who now have a place (first come, first served)."""
    if activity.capacity is None:
        return []
    records = rsvps(session, activity_id=activity.id or 0)
    free = activity.capacity - sum(1 for r in records if r.answer == RsvpAnswer.COME and not r.waitlisted)
    moved = []
    for record in sorted((r for r in records if r.waitlisted), key=lambda r: r.updated_at):
        if free <= 0:
            break
        record.waitlisted = False
        free -= 1
        moved.append(record)
    return moved


def _set(session: Session, activity: Activity, user_id: int, answer: str, now: datetime) -> list[Rsvp]:
    record = session.get(Rsvp, (activity.id, user_id))
    if record is None:
        record = Rsvp(activity_id=activity.id or 0, user_id=user_id, answer=answer, updated_at=now)
        session.add(record)
    elif record.answer != answer:
        record.answer = answer
        record.updated_at = now
        record.reminded = False
    _place_in_line(session, activity, record)
    session.flush()
    return move_up(session, activity=activity)


def answer(session: Session, *, activity: Activity, user_id: int, answer: str, now: datetime) -> list[Rsvp]:
    """Records an answer, also for the later dates of a series (until changed; 'not' is for this date only).
    Returns who moved up from a waiting list because of it."""
    moved = _set(session, activity, user_id, answer, now)
    if answer != RsvpAnswer.NOT:
        for later in later_in_series(session, activity=activity):
            other = session.get(Rsvp, (later.id, user_id))
            if other is None or other.answer != RsvpAnswer.NOT:
                moved += _set(session, later, user_id, answer, now)
    return moved


def carried_answer(session: Session, *, series_id: int, user_id: int, before: datetime) -> str | None:
    """The latest answer other than 'not this time' a resident gave for a date of the series."""
    row = session.exec(select(Rsvp.answer).join(Activity, col(Activity.id) == col(Rsvp.activity_id)).where(
        Activity.series_id == series_id, Rsvp.user_id == user_id, col(Activity.starts_at) < before,
        col(Rsvp.answer) != RsvpAnswer.NOT).order_by(col(Activity.starts_at).desc())).first()
    return row
