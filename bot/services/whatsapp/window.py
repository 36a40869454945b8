"""The 24-hour customer-service window: free-form messages only within 24 hours of the resident's last message."""

from __future__ import annotations

from datetime import datetime, timedelta

ROLLING = timedelta(hours=24)
MARGIN = timedelta(minutes=5)
"""A message must reach WhatsApp inside the window: one queued in its last minutes goes as a template."""


def is_open(last_inbound_at: datetime | None, now: datetime) -> bool:
    return last_inbound_at is not None and now < last_inbound_at + ROLLING - MARGIN


def closes_at(last_inbound_at: datetime | None) -> datetime | None:
    return None if last_inbound_at is None else last_inbound_at + ROLLING - MARGIN
