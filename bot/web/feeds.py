"""GET /agenda/<token>.ics: a calendar app's subscription (no login; the secret URL is the key).

A wijk's feed: its approved activities still to come, and those cancelled lately as STATUS:CANCELLED (titles,
places and times only; never who comes). A resident's feed: the activities they answered "ik kom", "misschien"
or "ik help mee" to; one they cancelled themselves, or that was called off, stays a while as CANCELLED, so the
calendar app takes it out."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlmodel import Session, col, or_, select
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.infra import ics
from bot.infra.i18n import _
from bot.infra.models import Activity, CalendarFeed, Rsvp, RsvpAnswer
from bot.services import feeds
from bot.services.activities import calendar_entry
from bot.web.app import bot_app, secret_of

if TYPE_CHECKING:
    from bot.core.app import App

RECENT = timedelta(days=14)
"""How long a cancellation stays in a feed, so calendar apps that refresh rarely still see it."""
FEED_ANSWERS = (RsvpAnswer.COME, RsvpAnswer.MAYBE, RsvpAnswer.HELP)


def wijk_items(session: Session, *, wijk_id: str, now: datetime) -> list[ics.Item]:
    rows = session.exec(select(Activity).where(
        Activity.wijk_id == wijk_id, col(Activity.approved).is_(True), col(Activity.starts_at) > now - RECENT,
        or_(col(Activity.cancelled).is_(True), col(Activity.starts_at) > now)).order_by(col(Activity.starts_at)))
    return [calendar_entry(activity) for activity in rows]


def personal_items(session: Session, *, user_id: int, now: datetime) -> list[ics.Item]:
    rows = session.exec(select(Activity, Rsvp).join(Rsvp, col(Rsvp.activity_id) == col(Activity.id)).where(
        Rsvp.user_id == user_id, col(Activity.approved).is_(True), col(Activity.starts_at) > now - RECENT)
        .order_by(col(Activity.starts_at))).all()
    items = []
    for activity, record in rows:
        gone = activity.cancelled or record.answer not in FEED_ANSWERS
        if not gone and activity.starts_at <= now:
            continue
        entry = calendar_entry(activity)
        if gone and not entry.cancelled:
            entry = replace(entry, cancelled=True, sequence=entry.sequence + 1)
        items.append(entry)
    return items


def _calendar(application: App, session: Session, feed: CalendarFeed) -> bytes:
    now = application.clock.now()
    tz = application.settings.tz
    if feed.user_id is not None:
        return ics.calendar(personal_items(session, user_id=feed.user_id, now=now), now=now, tz=tz,
                            name="Wijkgids")
    assert feed.wijk_id is not None
    wijk = application.content.wijken.get(feed.wijk_id)
    return ics.calendar(wijk_items(session, wijk_id=feed.wijk_id, now=now), now=now, tz=tz,
                        name=f"Wijkgids {wijk.name if wijk else feed.wijk_id}")


async def feed(request: Request) -> Response:
    application = bot_app(request)
    with Session(application.engine) as session:
        found = feeds.open_feed(session, secret_of(request), request.path_params["token"])
        if found is None:
            return PlainTextResponse(_("This calendar link does not work (any more)."), status_code=404)
        body = _calendar(application, session, found)
    return Response(body, media_type="text/calendar; charset=utf-8", headers={
        "Cache-Control": "private, max-age=900", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
        "Content-Disposition": 'inline; filename="wijkgids.ics"'})


def routes(application: App) -> list[BaseRoute]:
    return [Route(feeds.PATH + "/{token}.ics", feed, name="calendar_feed")]
