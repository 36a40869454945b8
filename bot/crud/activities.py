"""Roles per wijk, activities, RSVPs and broadcasts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from bot.crud import outbox as outbox_crud
from bot.events import Reply
from bot.i18n import use_locale
from bot.models import AanjagerWijk, Activity, Broadcast, Rsvp, User, UserRole


def aanjager_wijken(session: Session, *, user: User) -> list[str]:
    return list(session.exec(select(AanjagerWijk.wijk_id).where(AanjagerWijk.user_id == user.id)))


def is_aanjager(session: Session, *, user: User, wijk_id: str) -> bool:
    if user.role == UserRole.ADMIN:
        return True
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
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
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


def broadcast(session: Session, *, wijk_id: str, kind: str, text: str, build: Callable[[], Reply],
              created_by: int | None, now: datetime, not_before: datetime | None = None,
              skip: int | None = None) -> Broadcast:
    """One outbox row per subscriber, each rendered in that subscriber's language (resumable, sent once),
    sent from `not_before` on (after the quiet hours); `skip`: a story's author, who knows her own story."""
    record = Broadcast(wijk_id=wijk_id, created_by=created_by, kind=kind, text=text, created_at=now)
    session.add(record)
    session.flush()
    recipients = [user for user in subscribers(session, wijk_id=wijk_id, exclude=created_by) if user.id != skip]
    for user in recipients:
        with use_locale(user.locale):
            reply = build()
        outbox_crud.enqueue(session, user=user, reply=reply, kind="broadcast", now=now, not_before=not_before,
                            ref=f"broadcast:{record.id}")
    record.recipients = len(recipients)
    return record
