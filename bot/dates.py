"""Dates and times as people type them, in Dutch and English: "za 14 dec 10:00", "morgen 19:30",
"14-12 10:00", "tomorrow 7pm". Interpreted in the wijk's time zone, returned in UTC."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "mrt": 3, "maart": 3, "mar": 3,
    "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7,
    "july": 7, "aug": 8, "augustus": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10,
    "oktober": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
RELATIVE = {"vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2}
WEEKDAYS = {
    "ma": 0, "maandag": 0, "mon": 0, "monday": 0, "di": 1, "dinsdag": 1, "tue": 1, "tuesday": 1, "wo": 2,
    "woensdag": 2, "wed": 2, "wednesday": 2, "do": 3, "donderdag": 3, "thu": 3, "thursday": 3, "vr": 4,
    "vrijdag": 4, "fri": 4, "friday": 4, "za": 5, "zaterdag": 5, "sat": 5, "saturday": 5, "zo": 6, "zondag": 6,
    "sun": 6, "sunday": 6,
}
_TIME = re.compile(r"(?:om\s+|at\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|uur|u)?\s*$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2,4}))?$")
_NAMED = re.compile(r"^(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?$")


def _clock(text: str) -> tuple[time, str] | None:
    match = _TIME.search(text)
    if match is None:
        return None
    hour, minute, suffix = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if suffix == "pm" and hour < 12:
        hour += 12
    elif suffix == "am" and hour == 12:
        hour = 0
    if suffix is None and match.group(2) is None:
        return None  # a bare number is a day, not a time
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute), text[: match.start()].strip(" ,")


def _day(text: str, today: date) -> date | None:
    words = text.replace(",", " ").split()
    if words and words[0] in RELATIVE and len(words) == 1:
        return today + timedelta(days=RELATIVE[words[0]])
    weekday = None
    if words and words[0].rstrip(".") in WEEKDAYS:
        weekday = WEEKDAYS[words[0].rstrip(".")]
        words = words[1:]
    rest = " ".join(words)
    if not rest and weekday is not None:
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    day = month = year = None
    if match := _NUMERIC.match(rest):
        day, month = int(match.group(1)), int(match.group(2))
        year = int(match.group(3)) if match.group(3) else None
    elif (match := _NAMED.match(rest)) and match.group(2) in MONTHS:
        day, month = int(match.group(1)), MONTHS[match.group(2)]
        year = int(match.group(3)) if match.group(3) else None
    else:
        return None
    if year is not None and year < 100:
        year += 2000
    try:
        result = date(year or today.year, month, day)
        if year is None and result < today:
            result = date(today.year + 1, month, day)
    except ValueError:
        return None
    if weekday is not None and result.weekday() != weekday:
        return None
    return result


def parse_when(text: str, *, now: datetime, tz: tzinfo) -> datetime | None:
    """The moment meant, in UTC; None when it cannot be read."""
    cleaned = " ".join(text.casefold().split())
    clock = _clock(cleaned)
    if clock is None:
        return None
    at, day_text = clock
    day = _day(day_text, now.astimezone(tz).date())
    if day is None:
        return None
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)
