from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class Conversation(SQLModel, table=True):
    """Where a user is in a conversation: survives restarts, shared by all workers."""

    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True))
    flow: str | None = Field(default=None, max_length=64)
    step: str | None = Field(default=None, max_length=64)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    choices: list[list[str]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    """The [data, label] pairs of the last message with choices: a typed number or label maps to these."""
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ProcessedEvent(SQLModel, table=True):
    """Event ids already handled, so a replayed update is never answered twice."""

    transport: str = Field(primary_key=True, max_length=16)
    event_id: str = Field(primary_key=True, max_length=255)
    created_at: datetime = Field(sa_type=UTCDateTime, index=True)
