"""Dates and times as people type them, in Dutch and English: "za 14 dec 10:00", "morgen om half 8",
"volgende week dinsdag om 8 uur 's avonds", "19u30", "10:00-12:00", "next Saturday 10am".

Our own rules read the Dutch clock forms and relative weeks that dateparser gets wrong or misses
(see docs: "19u30" became 07:00, "zaterdag 10 uur" a past date); dateparser reads the day part when our
rules don't. A date typed without a year that has passed this year is NOT moved to next year: the result
says so (`passed`), and the caller asks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from rapidfuzz import fuzz, process

MONTHS = {
    "jan": 1, "januari": 1, "january": 1, "feb": 2, "februari": 2, "february": 2, "mrt": 3, "maart": 3, "mar": 3,
    "march": 3, "apr": 4, "april": 4, "mei": 5, "may": 5, "jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7,
    "july": 7, "aug": 8, "augustus": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "okt": 10, "oct": 10,
    "oktober": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
RELATIVE = {"vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2}
WEEKDAYS = {
    "ma": 0, "maandag": 0, "mon": 0, "monday": 0, "di": 1, "dinsdag": 1, "tue": 1, "tues": 1, "tuesday": 1,
    "wo": 2, "woensdag": 2, "wed": 2, "wednesday": 2, "do": 3, "donderdag": 3, "thu": 3, "thurs": 3,
    "thursday": 3, "vr": 4, "vrijdag": 4, "fri": 4, "friday": 4, "za": 5, "zaterdag": 5, "sat": 5, "saturday": 5,
    "zo": 6, "zondag": 6, "sun": 6, "sunday": 6, "din": 1, "woe": 2, "don": 3, "vrij": 4, "zat": 5,
}
NEXT_WEEK = ("volgende week", "next week", "komende week")
VAGUE = ("ergens", "ooit", "binnenkort", "sometime", "some time", "someday", "soon", "een keer", "keertje",
         "week", "weken", "weekend", "maand", "month", "weeks", "lente", "voorjaar", "zomer", "herfst", "najaar",
         "winter", "spring", "summer", "autumn", "fall", "vakantie", "holiday", "holidays", "kerst", "christmas",
         "pasen", "easter", "begin", "eind", "einde", "end", "early", "late", "midden", "mid")
"""Words of a period, not a day ("ergens volgende week", "sometime in spring"): the date question asks which day."""
NEXT = ("volgende", "aanstaande", "komende", "next", "this", "deze", "a.s.", "a.s", "as",
        "elke", "iedere", "every", "each")  # "elke dinsdag 19:30": the first one; once or weekly is asked after
EVENING = ("'s avonds", "s avonds", "savonds", "’s avonds", "'s middags", "s middags", "’s middags",
           "in the evening", "in the afternoon", "avond", "evening", "middag", "afternoon", "tonight")
MORNING = ("'s ochtends", "s ochtends", "'s morgens", "s morgens", "’s ochtends", "’s morgens",
           "in the morning", "ochtend", "morning")

_HM = r"(\d{1,2})(?:[:.u](\d{2}))"
_RANGE = re.compile(_HM + r"\s*(?:-|–|tot|to|until|till)\s*" + _HM + r"?(?:\s*(?:uur|u)\b)?")
_RANGE_LOOSE = re.compile(r"(\d{1,2})(?:[:.u](\d{2}))?\s*(?:-|–|tot|to|until|till)\s*(\d{1,2})(?:[:.u](\d{2}))?"
                          r"\s*(?:uur|u\b)")
_RANGE_AMPM = re.compile(r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*(?:-|–|to|until|till)\s*"
                         r"(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b")
_HALF = re.compile(r"\bhalf\s+(\d{1,2})\b")
_QUARTER = re.compile(r"\bkwart\s+(over|voor)\s+(\d{1,2})\b")
_CLOCK = re.compile(r"(?<![\d-])(\d{1,2})(?:[:.](\d{2})(?:\s*(am|pm)\b|\s*(?:uur|u|h)\b)?|u(\d{2})?\b"
                    r"|\s*(uur|am|pm|h)\b)")
_NUMERIC = re.compile(r"^(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2,4}))?$")
_NAMED = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|e)?\s+([a-z]+)\.?(?:\s+(\d{4}))?$")
_NAMED_EN = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")


class _Rejected(Exception):
    """Our rules read the date and it does not exist (31-02) or the weekday does not match it."""


@dataclass(frozen=True)
class When:
    starts_at: datetime
    """In UTC."""
    ends_at: datetime | None = None
    passed: bool = False
    """No year was typed and that date has passed this year: ask whether next year is meant."""

    def next_year(self, tz: tzinfo) -> When:
        def shift(moment: datetime | None) -> datetime | None:
            if moment is None:
                return None
            local = moment.astimezone(tz)
            try:
                moved = local.replace(year=local.year + 1, tzinfo=None)
            except ValueError:  # 29 February
                moved = local.replace(year=local.year + 1, day=28, tzinfo=None)
            return moved.replace(tzinfo=tz).astimezone(UTC)

        starts = shift(self.starts_at)
        assert starts is not None
        return When(starts, shift(self.ends_at))


def _spoken_hour(hour: int, evening: bool, morning: bool) -> int:
    """'8 uur 's avonds' is 20:00; a spoken 1..6 without 'ochtends' is the afternoon (nobody meets at 3 at night)."""
    if evening and hour < 12:
        return hour + 12
    if not morning and 1 <= hour <= 6:
        return hour + 12
    return hour


def _clock(text: str) -> tuple[time, time | None, str] | None:
    """The time (and end time) in the text, and the text without them."""
    evening = any(word in text for word in EVENING)
    morning = any(word in text for word in MORNING)
    rest = text
    for word in EVENING + MORNING:
        rest = re.sub(r"(?<![a-z])" + re.escape(word) + r"(?![a-z])", " ", rest)
    # a bare number after "om"/"at" is an hour ("zaterdag om 10"), and so are both ends of "van 2 tot 4"
    def hours(match: re.Match[str]) -> str:
        first = _spoken_hour(int(match[1]), evening, morning)
        second = _spoken_hour(int(match[3]), evening or first >= 12, morning)
        return f" {first}:{match[2] or '00'}-{second}:{match[4] or '00'} "

    rest = re.sub(r"\b(?:van|from|tussen|between)\s+(\d{1,2})(?:[:.](\d{2}))?\s*(?:tot|to|until|till|-|en|and)\s*"
                  r"(\d{1,2})(?:[:.](\d{2}))?\b(?!\s*(?:uur|am|pm))", hours, rest)
    rest = re.sub(r"\b(?:om|at|rond|around)\s+(\d{1,2})\b(?![:.u]\d|\s*(?:uur|am|pm|h)\b)", r" \1 uur", rest)
    rest = re.sub(r"\b(om|at|van|from|vanaf|op|on)\b", " ", rest)
    end: time | None = None
    if match := _RANGE_AMPM.search(rest):  # "7pm-9pm", "7-9pm", "10:30am to 12pm"
        second = match.group(6)
        first = match.group(3) or second

        def twelve(hour: int, suffix: str) -> int:
            return hour % 12 + (12 if suffix == "pm" else 0)

        h1, h2 = twelve(int(match.group(1)), first), twelve(int(match.group(4)), second)
        m1, m2 = int(match.group(2) or 0), int(match.group(5) or 0)
        if not (int(match.group(1)) <= 12 and int(match.group(4)) <= 12 and m1 < 60 and m2 < 60):
            return None
        return time(h1, m1), time(h2, m2), (rest[: match.start()] + " " + rest[match.end():]).strip(" ,")
    if match := (_RANGE.search(rest) or _RANGE_LOOSE.search(rest)):
        h1, m1, h2, m2 = (int(g) if g else 0 for g in match.groups())
        if evening and h1 < 12 and h2 < 12:
            h1, h2 = h1 + 12, h2 + 12
        if not (0 <= h1 <= 23 and 0 <= h2 <= 24 and m1 < 60 and m2 < 60):
            return None
        end = time(h2 % 24, m2)
        return time(h1, m1), end, (rest[: match.start()] + " " + rest[match.end():]).strip(" ,")
    if match := _QUARTER.search(rest):
        hour = _spoken_hour(int(match.group(2)), evening, morning)
        minute = 15 if match.group(1) == "over" else 45
        if match.group(1) == "voor":
            hour -= 1
        found = (hour % 24, minute)
    elif match := _HALF.search(rest):
        found = (_spoken_hour(int(match.group(1)), evening, morning) - 1, 30)
    elif match := _CLOCK.search(rest):
        hour = int(match.group(1))
        minute = int(match.group(2) or match.group(4) or 0)
        suffix = match.group(3) or match.group(5)
        if suffix in ("am", "pm") and not 1 <= hour <= 12:
            return None
        if suffix == "pm" or (evening and hour < 12):
            hour = hour + 12 if hour < 12 else hour
        elif suffix == "am" and hour == 12:
            hour = 0
        elif suffix in ("uur", "h") or (match.group(2) is None and match.group(4) is None):
            hour = _spoken_hour(hour, evening, morning)
        found = (hour, minute)
    else:
        return None
    hour, minute = found
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        return None
    return time(hour, minute), end, (rest[: match.start()] + " " + rest[match.end():]).strip(" ,")


def _weekday(word: str) -> int | None:
    return WEEKDAYS.get(word.rstrip(".,"))


def _own_day(text: str, today: date) -> tuple[date, bool] | None:
    """(day, passed) by our own rules, or None when they don't know."""
    words = text.replace(",", " ").split()
    if not words:
        return None
    if len(words) == 1 and words[0] in RELATIVE:
        return today + timedelta(days=RELATIVE[words[0]]), False
    joined = " ".join(words)
    for phrase in NEXT_WEEK:
        if phrase in joined:
            parts = joined.replace(phrase, " ").split()
            days = [d for d in (_weekday(w) for w in parts) if d is not None]
            if len(days) == 1 and len(parts) == 1:
                monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
                return monday + timedelta(days=days[0]), False
            return None
    if words[0] in NEXT and len(words) == 2 and _weekday(words[1]) is not None:
        words = words[1:]
    elif len(words) == 2 and words[1] in NEXT and _weekday(words[0]) is not None:  # "zaterdag aanstaande"
        words = words[:1]
    weekday = _weekday(words[0])
    if weekday is not None:
        words = words[1:]
    rest = " ".join(words)
    if not rest and weekday is not None:
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7), False
    year: int | None = None
    if match := _NUMERIC.match(rest):
        day, month = int(match.group(1)), int(match.group(2))
        year = int(match.group(3)) if match.group(3) else None
    elif (match := _NAMED.match(rest)) and match.group(2) in MONTHS:
        day, month = int(match.group(1)), MONTHS[match.group(2)]
        year = int(match.group(3)) if match.group(3) else None
    elif (match := _NAMED_EN.match(rest)) and match.group(1) in MONTHS:
        day, month = int(match.group(2)), MONTHS[match.group(1)]
        year = int(match.group(3)) if match.group(3) else None
    else:
        return None
    if year is not None and year < 100:
        year += 2000
    try:
        result = date(year or today.year, month, day)
    except ValueError:
        raise _Rejected from None
    if weekday is not None and result.weekday() != weekday:
        if year is None:  # "za 12 dec" in a year where 12 Dec is a Saturday next year
            try:
                following = date(today.year + 1, month, day)
            except ValueError:
                raise _Rejected from None
            if following.weekday() == weekday and result < today:
                return following, False
        raise _Rejected
    return result, year is None and result < today


def _library_day(text: str, now_local: datetime) -> date | None:
    import dateparser  # type: ignore[import-untyped]

    parsed = dateparser.parse(text, languages=["nl", "en"], settings={
        "PREFER_DATES_FROM": "future", "RELATIVE_BASE": now_local.replace(tzinfo=None),
        "REQUIRE_PARTS": ["day"], "PREFER_DAY_OF_MONTH": "first"})
    return parsed.date() if parsed is not None else None


_DAY_WORDS = sorted({*RELATIVE, *WEEKDAYS}, key=len, reverse=True)
_PART_OF_DAY = {"ochtend": "'s ochtends", "morgen": "'s ochtends", "middag": "'s middags", "avond": "'s avonds"}
_COMPOUND = re.compile(r"\b(" + "|".join(w for w in _DAY_WORDS if len(w) >= 5)
                       + r"|van)(ochtend|morgen|middag|avond)\b")
_VOCABULARY = frozenset({*MONTHS, *RELATIVE, *WEEKDAYS, *NEXT, "week", "weken", "weeks", "uur", "avond", "avonds",
                         "ochtend", "ochtends", "middag", "middags", "morgens", "evening", "morning", "afternoon",
                         "tonight", "vanavond", "vanmiddag", "vanochtend", "half", "kwart", "over", "voor", "from",
                         "until", "van", "vanaf", "tot"})
TYPO_MIN_LENGTH = 5
TYPO_SCORE = 80.0


def _corrected(text: str) -> str:
    """Small typos in the words of a date ("zaterdg", "volgnde week"), and days in one word with their part of the
    day ("morgenavond", "zaterdagochtend", "vanavond")."""
    words = []
    for word in text.split():
        if len(word) >= TYPO_MIN_LENGTH and word.isalpha() and word not in _VOCABULARY \
                and not _COMPOUND.fullmatch(word):
            best = process.extractOne(word, _VOCABULARY, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
            if best is not None:
                word = best[0]
        words.append(word)
    text = " ".join(words)
    return _COMPOUND.sub(lambda m: ("vandaag" if m[1] == "van" else m[1]) + " " + _PART_OF_DAY[m[2]], text)


_CORRECTION = re.compile(r"^(?:(?:nee|no|nope|sorry|oeps|oops|toch|ik bedoel|bedoel|i mean|i meant|liever)\b"
                         r"[\s,.!:]*)+")
"""A correction before the date: "nee, ik bedoel 1 december", "no, I mean 1 Dec"."""


def parse(text: str, *, now: datetime, tz: tzinfo) -> When | None:
    """The moment meant (and its end when a range like 10:00-12:00 was typed), or None when unreadable."""
    cleaned = _corrected(_CORRECTION.sub("", " ".join(text.casefold().replace("’", "'").split())))
    clock = _clock(cleaned)
    if clock is None:
        return None
    at, until, day_text = clock
    day_text = " ".join(day_text.split())
    now_local = now.astimezone(tz)
    try:
        own = _own_day(day_text, now_local.date())
    except _Rejected:
        return None
    if own is None:
        library = _library_day(day_text, now_local) if day_text else None
        if library is None:
            return None
        own = (library, False)
    day, passed = own
    starts = datetime.combine(day, at, tzinfo=tz)
    ends = None
    if until is not None:
        ends = datetime.combine(day, until, tzinfo=tz)
        if ends <= starts:
            ends += timedelta(days=1)
    return When(starts.astimezone(UTC), ends.astimezone(UTC) if ends else None, passed)


def parse_day(text: str, *, now: datetime, tz: tzinfo) -> date | None:
    """Only a day, by our own rules ("zaterdag", "volgende week vrijdag", "12 dec", "morgen"), when no time was
    typed: the caller then asks the time. None for a time, a day that has passed, or anything else."""
    cleaned = _corrected(_CORRECTION.sub("", " ".join(text.casefold().replace("’", "'").split())))
    if not cleaned or _clock(cleaned) is not None:
        return None
    for word in EVENING + MORNING:  # "dinsdagavond": the day; the time comes next
        cleaned = re.sub(r"(?<![a-z])" + re.escape(word) + r"(?![a-z])", " ", cleaned)
    cleaned = " ".join(re.sub(r"\b(op|on)\b", " ", cleaned).split())
    today = now.astimezone(tz).date()
    try:
        own = _own_day(cleaned, today)
    except _Rejected:
        return None
    if own is None or own[1] or own[0] < today:
        return None
    return own[0]


def vague(text: str) -> bool:
    """A time that names a period but no day or clock ("ergens volgende week", "sometime in spring", "in de
    zomervakantie"); the caller asks which day."""
    cleaned = " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
    if _clock(cleaned) is not None or any(ch.isdigit() for ch in cleaned):
        return False
    padded = f" {cleaned} "
    return any(f" {word} " in padded or (len(word) >= 5 and f" {word}" in padded) for word in VAGUE)


def could_be_evening(text: str) -> bool:
    """A spoken hour people use for the morning and the evening alike ("half 8", "8 uur", "om 7", "at 8"), typed
    without saying which: the caller asks rather than guessing the morning."""
    cleaned = _corrected(" ".join(text.casefold().replace("’", "'").split()))
    if any(word in cleaned for word in EVENING + MORNING) or re.search(r"\d[:.u]\d|\d\s*[ap]\.?m\b", cleaned):
        return False
    clock = _clock(cleaned)
    return clock is not None and clock[1] is None and 7 <= clock[0].hour <= 8


def parse_clock(text: str) -> tuple[time, time | None] | None:
    """Only a time (or a range), as typed after picking a day: "19u30", "half 8", "10:00-12:00"."""
    clock = _clock(" ".join(text.casefold().replace("’", "'").split()))
    if clock is None or clock[2].strip():
        return None
    return clock[0], clock[1]


def at_day(day: date, clock: tuple[time, time | None], *, tz: tzinfo) -> When:
    starts = datetime.combine(day, clock[0], tzinfo=tz)
    ends = datetime.combine(day, clock[1], tzinfo=tz) if clock[1] is not None else None
    if ends is not None and ends <= starts:
        ends += timedelta(days=1)
    return When(starts.astimezone(UTC), ends.astimezone(UTC) if ends else None)


def parse_when(text: str, *, now: datetime, tz: tzinfo) -> datetime | None:
    """The start in UTC; None when it cannot be read."""
    when = parse(text, now=now, tz=tz)
    return when.starts_at if when is not None else None
