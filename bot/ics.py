"""A calendar file (.ics, RFC 5545) for one activity, in the wijk's time zone (with its VTIMEZONE), so a
weekly activity keeps its local time across daylight saving changes."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event


def event(*, uid: str, title: str, description: str, place: str, starts_at: datetime, now: datetime, tz: ZoneInfo,
          weekly: bool = False, duration: timedelta = timedelta(hours=2)) -> bytes:
    local_start = starts_at.astimezone(tz)
    item = Event()
    item.add("uid", uid)
    item.add("dtstamp", now)
    item.add("dtstart", local_start)
    item.add("dtend", local_start + duration)
    item.add("summary", title)
    if description:
        item.add("description", description)
    if place:
        item.add("location", place)
    if weekly:
        item.add("rrule", {"freq": "weekly"})
    calendar = Calendar()
    calendar.add("prodid", "-//Wijkgids//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add_component(item)
    calendar.add_missing_timezones()
    content: bytes = calendar.to_ical()
    return content
