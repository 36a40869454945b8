from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from bot.db import UTCDateTime


class OpenPrompt(SQLModel, table=True):
    """The options of a message the bot sent on its own (a contact's request, a check-in, a neighbour's
    question, an RSVP reminder): typed answers to it keep working after other messages, until one of
    its options is used or it expires."""

    __tablename__ = "open_prompt"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True,
                                          nullable=False))
    options: list[list[str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    """[data, label] or [data, label, family] rows, like Conversation.choices."""
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)
