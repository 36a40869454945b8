from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class SeasonAskStatus(StrEnum):
    PLANNED = "planned"
    SENT = "sent"
    ANSWERED = "answered"
    CANCELLED = "cancelled"


class SeasonAsk(SQLModel, table=True):
    """A recurring initiative that worked (a yearly festival, a seasonal garden): next season its author is asked
    once whether they do it again, whether new initiators may still come to them, and offered a fresh start."""

    __tablename__ = "season_ask"
    __table_args__ = (Index("ix_season_ask_due", "status", "due_at"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True,
                                          nullable=False))
    idea_id: int = Field(sa_column=Column(Integer, ForeignKey("idea.id", ondelete="CASCADE"), index=True,
                                          nullable=False))
    story_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("story.id", ondelete="SET NULL")))
    due_at: datetime = Field(sa_type=UTCDateTime)
    status: str = Field(default=SeasonAskStatus.PLANNED, max_length=16)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    answer: str | None = Field(default=None, max_length=16)
    """again (doing it again this season) or not."""
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
