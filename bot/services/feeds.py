"""Secret URLs for subscribable calendars: one per resident (their answers) and one per wijk (what is on).

The token is an itsdangerous signature (web secret) over the feed's id and generation, so the bot can show the
same URL again whenever the resident asks, while the database holds nothing that opens a feed (only the
generation). Renewing raises the generation and revoking switches the feed off: old URLs stop working at once.
A wijk's URL names no person, so all residents of the wijk share it."""

from __future__ import annotations

from datetime import datetime

from itsdangerous import BadSignature, URLSafeSerializer
from sqlmodel import Session, select

from bot.infra.models import CalendarFeed

PATH = "/agenda"


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="wijkgids-calendar-feed")


def _feed(session: Session, *, user_id: int | None = None, wijk_id: str | None = None) -> CalendarFeed | None:
    where = CalendarFeed.user_id == user_id if user_id is not None else CalendarFeed.wijk_id == wijk_id
    return session.exec(select(CalendarFeed).where(where)).first()


def ensure(session: Session, *, now: datetime, user_id: int | None = None, wijk_id: str | None = None) -> CalendarFeed:
    """The resident's or wijk's feed, made (or switched on again after a revoke) when needed."""
    feed = _feed(session, user_id=user_id, wijk_id=wijk_id)
    if feed is None:
        feed = CalendarFeed(user_id=user_id, wijk_id=wijk_id, created_at=now)
        session.add(feed)
        session.flush()
    elif not feed.active:
        feed.active = True
        feed.generation += 1
    return feed


def renew(session: Session, *, user_id: int, now: datetime) -> CalendarFeed:
    feed = ensure(session, user_id=user_id, now=now)
    feed.generation += 1
    return feed


def revoke(session: Session, *, user_id: int) -> bool:
    feed = _feed(session, user_id=user_id)
    if feed is None or not feed.active:
        return False
    feed.active = False
    return True


def token(secret: str, feed: CalendarFeed) -> str:
    return _serializer(secret).dumps([feed.id, feed.generation])


def url(base_url: str, secret: str, feed: CalendarFeed) -> str:
    return f"{base_url.rstrip('/')}{PATH}/{token(secret, feed)}.ics"


def open_feed(session: Session, secret: str, value: str) -> CalendarFeed | None:
    """The feed a token opens; None when it is forged, renewed or revoked."""
    try:
        payload = _serializer(secret).loads(value)
    except BadSignature:
        return None
    if not (isinstance(payload, list) and len(payload) == 2 and all(isinstance(p, int) for p in payload)):
        return None
    feed = session.get(CalendarFeed, payload[0])
    if feed is None or not feed.active or feed.generation != payload[1]:
        return None
    return feed
