from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class CheckInStatus(StrEnum):
    PLANNED = "planned"
    SENT = "sent"
    ANSWERED = "answered"
    CANCELLED = "cancelled"


class CheckIn(SQLModel, table=True):
    """One planned 'how is it going?' for an idea; sent once, by whichever worker claims it."""

    __tablename__ = "checkin"
    __table_args__ = (Index("ix_checkin_due", "status", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True,
                                          nullable=False))
    idea_id: int = Field(sa_column=Column(Integer, ForeignKey("idea.id", ondelete="CASCADE"), index=True,
                                          nullable=False))
    due_at: datetime = Field(sa_type=UTCDateTime)
    status: str = Field(default=CheckInStatus.PLANNED, max_length=16)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    answer: str | None = Field(default=None, max_length=16)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    note: str | None = None
    """What would have helped, when an initiative stopped."""


class StoryReview(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Story(SQLModel, table=True):
    """A success story; shared with the wijk only with the initiator's consent."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True,
                                          nullable=False))
    idea_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("idea.id", ondelete="SET NULL")))
    wijk_id: str = Field(max_length=64, index=True)
    text: str
    photo_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("media.id", ondelete="SET NULL")))
    """A photo with the story (bot.infra.models.media)."""
    shared: bool = False
    review: str | None = Field(default=None, max_length=16, index=True)
    """A shared story waits (pending) for an aanjager of its wijk; only an approved one is public."""
    reviewed_by: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("user.id", ondelete="SET NULL")))
    reviewed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    mentor: bool = False
    """The author agreed that new initiators with a similar idea may be sent to them for tips."""
    created_at: datetime = Field(sa_type=UTCDateTime)
