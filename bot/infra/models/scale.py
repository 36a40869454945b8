"""What running as several processes keeps in PostgreSQL: each chat update as the ingress stored it, until a
worker handled it, and the shared send rates of all processes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class InboundUpdate(SQLModel, table=True):
    """One update from a chat platform, stored by the ingress before it answers the platform (idempotent by the
    platform's id) and handled by a worker in order per person (`id` order). Handled rows are purged later."""

    __tablename__ = "inbound_update"
    __table_args__ = (
        UniqueConstraint("transport", "update_key", name="uq_inbound_update_transport_key"),
        Index("ix_inbound_update_person_open", "person_key", "handled_at", "id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    transport: str = Field(max_length=16)
    update_key: str = Field(max_length=128)
    """The platform's id of the update (Telegram's update_id): a redelivery is not stored twice."""
    person_key: str = Field(max_length=160)
    """transport:user id: one person's updates are handled one at a time, in order."""
    payload: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    received_at: datetime = Field(sa_type=UTCDateTime, index=True)
    handled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    attempts: int = 0
    """How often a worker started on it: more than one means a worker died mid-way (or the update failed)."""


class SendRate(SQLModel, table=True):
    """A send rate shared by every process: the next free moment to send (seconds since the epoch, by the
    database's clock), per bucket ("telegram", "whatsapp", "email", or one chat: "chat:telegram:42")."""

    __tablename__ = "send_rate"

    name: str = Field(primary_key=True, max_length=160)
    next_at: float = 0.0
    paused_until: float = 0.0
    """The platform said to wait (429 retry_after): nobody sends in this bucket before then."""


class SendSlot(SQLModel, table=True):
    """One send of a shared rate, from the moment it was given until its answer came back (epoch seconds, by the
    database's clock). The platform counts a send when it arrives, somewhere in between: a bucket lets a new send
    start only while fewer than its limit of sends may still fall within one window of it (bot.infra.send_rate).
    Rows older than a window are deleted as the bucket is used."""

    __tablename__ = "send_slot"

    id: int | None = Field(default=None, primary_key=True)
    bucket: str = Field(max_length=160, index=True)
    start_at: float
    """The moment given to this send: it leaves no earlier."""
    done_at: float | None = None
    """When its answer was back (an upper bound of when the platform counted it); None while in flight."""
