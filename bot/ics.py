"""A calendar file (.ics, RFC 5545) for one activity; times in UTC so every calendar shows them right."""

from __future__ import annotations

from datetime import datetime, timedelta


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def event(*, uid: str, title: str, description: str, place: str, starts_at: datetime, now: datetime,
          duration: timedelta = timedelta(hours=2)) -> bytes:
    lines = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Wijkgids//NL", "CALSCALE:GREGORIAN", "BEGIN:VEVENT",
        f"UID:{uid}", f"DTSTAMP:{_utc(now)}", f"DTSTART:{_utc(starts_at)}", f"DTEND:{_utc(starts_at + duration)}",
        f"SUMMARY:{_escape(title)}", f"DESCRIPTION:{_escape(description)}", f"LOCATION:{_escape(place)}",
        "END:VEVENT", "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
