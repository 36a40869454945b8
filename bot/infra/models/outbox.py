from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNREACHABLE = "unreachable"
    WAITING = "waiting"
    """Waits for the recipient's next message (WhatsApp outside the 24-hour window, without a template)."""


class OutboxChannel(StrEnum):
    CHAT = "chat"
    """To `user_id` on their chat transport."""
    EMAIL = "email"
    """To `address` (a contact person without a chat), with `subject` and an `html` part."""


class OutboxMessage(SQLModel, table=True):
    """A message the bot sends on its own, rendered in the recipient's language when queued."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "not_before"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"),
                                                               index=True, nullable=True))
    """The recipient; None for an e-mail to a contact person who does not use the bot."""
    about_user_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True, nullable=True))
    """Whose words or data the message carries to someone else (a handed-over idea, a relayed message, a story
    for review): erasing that person (/vergeetmij) cancels it, sent or not."""
    channel: str = Field(default=OutboxChannel.CHAT, max_length=8)
    address: str | None = Field(default=None, max_length=255)
    subject: str | None = Field(default=None, max_length=255)
    html: str | None = None
    kind: str = Field(max_length=32)
    text: str
    choices: list[list[str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    ref: str | None = Field(default=None, max_length=64, index=True)
    """What the message is about (e.g. 'broadcast:12'), for counts and resumption."""
    status: str = Field(default=OutboxStatus.PENDING, max_length=16)
    not_before: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempts: int = 0
    error: str | None = Field(default=None, max_length=255)
    attachment: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    photo_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("media.id", ondelete="SET NULL")))
    """A photo shown with the message (an activity's flyer, a story's picture)."""
