from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


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


class SentOptions(SQLModel, table=True):
    """The options of one message the bot sent, by the platform's id of that message: a reply to it (Matrix:
    Element's Reply) answers these options, numbered as shown there, also after other messages."""

    __tablename__ = "sent_options"
    __table_args__ = (UniqueConstraint("user_id", "message_ref"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True,
                                          nullable=False))
    message_ref: str = Field(max_length=255)
    options: list[list[str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    """[data, label] or [data, label, family] rows, like Conversation.choices."""
    first_number: int = 1
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime, index=True)
