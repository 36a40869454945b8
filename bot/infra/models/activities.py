from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class AanjagerWijk(SQLModel, table=True):
    """An aanjager (community connector) and a wijk they may organise and broadcast for."""

    __tablename__ = "aanjager_wijk"

    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True))
    wijk_id: str = Field(primary_key=True, max_length=64)
    added_at: datetime = Field(sa_type=UTCDateTime)
    digest: str = Field(default="daily", max_length=8)
    """'daily' or 'weekly': how often the aanjager's overview may come (only when something changed)."""
    digest_state: str | None = Field(default=None, max_length=64)
    """A fingerprint of what the last overview showed: no new overview when nothing changed."""


class RsvpAnswer(StrEnum):
    COME = "come"
    MAYBE = "maybe"
    HELP = "help"
    NOT = "not"
    """'Ik kan toch niet': not this time (a series keeps the earlier answer for the next dates)."""


class Activity(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    wijk_id: str = Field(max_length=64, index=True)
    created_by: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("user.id", ondelete="SET NULL")))
    title: str = Field(max_length=120)
    description: str = ""
    starts_at: datetime = Field(sa_type=UTCDateTime, index=True)
    ends_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    place: str = Field(default="", max_length=200)
    capacity: int | None = None
    """At most this many people coming; those after them are on a waiting list."""
    announced_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sequence: int = 0
    """Raised on every change, so calendars replace the old event (.ics SEQUENCE)."""
    photo_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("media.id", ondelete="SET NULL")))
    """A photo or flyer the organiser sent (bot.infra.models.media), shown with the activity on every transport."""
    help_wanted: bool = False
    cancelled: bool = False
    weekly: bool = False
    """The series goes on after this occurrence: once it has started, the next one (a week later) is made."""
    series_id: int | None = Field(default=None, index=True)
    """Id of the first occurrence of a weekly activity."""
    created_at: datetime = Field(sa_type=UTCDateTime)
    approved: bool = True
    """False while a resident's proposal waits for the wijk's aanjager; only approved ones are listed."""


class Rsvp(SQLModel, table=True):
    activity_id: int = Field(sa_column=Column(Integer, ForeignKey("activity.id", ondelete="CASCADE"),
                                              primary_key=True))
    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True))
    answer: str = Field(max_length=8)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    reminded: bool = False
    waitlisted: bool = False
    introduce: bool = False
    """A helper agreed to be introduced to the aanjager (their name and a message through the bot)."""


class Broadcast(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    wijk_id: str = Field(max_length=64, index=True)
    created_by: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("user.id", ondelete="SET NULL")))
    kind: str = Field(max_length=16)
    text: str
    recipients: int = 0
    created_at: datetime = Field(sa_type=UTCDateTime)
