"""Calendar files (.ics, RFC 5545) in the wijk's time zone (with its VTIMEZONE), so a weekly activity keeps its
local time across daylight saving changes.

One UID per activity (per series for a weekly one) and a SEQUENCE raised on every change: importing a newer
file replaces the event instead of adding a second one; a cancellation is the same event with
STATUS:CANCELLED (for one date of a series: that date's RECURRENCE-ID). A series has a bounded rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

DEFAULT_DURATION = timedelta(hours=2)
SERIES_WEEKS = 12
"""A weekly series is written as at most this many dates ahead; a newer file carries it on."""


@dataclass(frozen=True)
class Item:
    uid: str
    title: str
    description: str
    place: str
    starts_at: datetime
    ends_at: datetime | None = None
    sequence: int = 0
    weekly: bool = False
    cancelled: bool = False
    recurrence_of: datetime | None = None
    """For one date of a series: its original start (RECURRENCE-ID)."""


def _event(item: Item, *, now: datetime, tz: ZoneInfo) -> Event:
    local_start = item.starts_at.astimezone(tz)
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", now)
    event.add("sequence", item.sequence)
    event.add("dtstart", local_start)
    event.add("dtend", item.ends_at.astimezone(tz) if item.ends_at else local_start + DEFAULT_DURATION)
    event.add("summary", item.title)
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if item.description:
        event.add("description", item.description)
    if item.place:
        event.add("location", item.place)
    if item.recurrence_of is not None:
        event.add("recurrence-id", item.recurrence_of.astimezone(tz))
    elif item.weekly:
        event.add("rrule", {"freq": "weekly", "count": SERIES_WEEKS})
    return event


def calendar(items: list[Item], *, now: datetime, tz: ZoneInfo, name: str | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//Wijkgids//NL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", name)
    for item in items:
        cal.add_component(_event(item, now=now, tz=tz))
    cal.add_missing_timezones()
    content: bytes = cal.to_ical()
    return content


def event(*, uid: str, title: str, description: str, place: str, starts_at: datetime, now: datetime, tz: ZoneInfo,
          weekly: bool = False, ends_at: datetime | None = None, sequence: int = 0, cancelled: bool = False,
          recurrence_of: datetime | None = None) -> bytes:
    return calendar([Item(uid, title, description, place, starts_at, ends_at, sequence, weekly, cancelled,
                          recurrence_of)], now=now, tz=tz)
