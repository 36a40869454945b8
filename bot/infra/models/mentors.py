from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class MentorIntroStatus(StrEnum):
    ASKED = "asked"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class MentorIntro(SQLModel, table=True):
    """A new initiator asked to talk to the author of a similar success story; nothing crosses until the author
    says yes, and then only messages relayed through the bot."""

    __tablename__ = "mentor_intro"

    id: int | None = Field(default=None, primary_key=True)
    story_id: int = Field(sa_column=Column(Integer, ForeignKey("story.id", ondelete="CASCADE"), index=True,
                                           nullable=False))
    idea_id: int = Field(sa_column=Column(Integer, ForeignKey("idea.id", ondelete="CASCADE"), nullable=False))
    initiator_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), nullable=False))
    mentor_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True,
                                            nullable=False))
    status: str = Field(default=MentorIntroStatus.ASKED, max_length=16)
    created_at: datetime = Field(sa_type=UTCDateTime)
