"""What the WhatsApp transport keeps: each resident's 24-hour window, the conversations the bot started (the
messaging tier), the inbox of webhook messages not yet handled, and the status of what it sent."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class WhatsAppContact(SQLModel, table=True):
    """A WhatsApp resident's window: free-form messages only within 24 hours of `last_inbound_at`."""

    __tablename__ = "whatsapp_contact"

    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True))
    last_inbound_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    started_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When the bot last started a conversation with them (a template outside the window): they count towards
    the messaging tier once per rolling 24 hours."""
    no_marketing: bool = False
    """They stopped marketing messages (error 131050): news templates are not sent to them."""


class WhatsAppStart(SQLModel, table=True):
    """One business-initiated conversation, without who it was with: the tier counts these per rolling 24 hours,
    and a resident who is forgotten still counted."""

    __tablename__ = "whatsapp_start"

    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = Field(sa_type=UTCDateTime, index=True)


class WhatsAppInbox(SQLModel, table=True):
    """A message from the webhook, stored before we answer 200 so nothing is lost; handled in order per sender.
    Once handled, only the id stays (WhatsApp re-delivers for days: the same id is never handled twice)."""

    __tablename__ = "whatsapp_inbox"

    wamid: str = Field(primary_key=True, max_length=128)
    wa_id: str | None = Field(default=None, max_length=128, index=True)
    """The sender's phone number: erased as soon as the message is handled."""
    payload: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    name: str | None = Field(default=None, max_length=128)
    received_at: datetime = Field(sa_type=UTCDateTime, index=True)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    handled_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)


class WhatsAppSent(SQLModel, table=True):
    """A message the bot sent, by WhatsApp's message id: its status from the webhook (sent, delivered, read,
    failed) and what to send again when a failure is worth retrying."""

    __tablename__ = "whatsapp_sent"

    wamid: str = Field(primary_key=True, max_length=128)
    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True,
                                          nullable=False))
    outbox_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("outbox.id", ondelete="SET NULL"),
                                                                 nullable=True))
    kind: str = Field(max_length=32)
    template: str | None = Field(default=None, max_length=64)
    category: str = Field(default="service", max_length=16)
    reply: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    """A direct answer's text and options (an outbox message keeps its own), to send again after a failure."""
    status: str = Field(default="accepted", max_length=16)
    error_code: int | None = None
    retries: int = 0
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
