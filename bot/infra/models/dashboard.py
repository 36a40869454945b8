from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class DashboardTokenKind(StrEnum):
    LINK = "link"
    """The one-time login link from /dashboard (15 minutes, single use)."""
    SESSION = "session"
    """The browser session it opens (a cookie); logout deletes it."""


class DashboardToken(SQLModel, table=True):
    """Only the SHA-256 of a token is stored, so a copy of the database opens no dashboard."""

    __tablename__ = "dashboard_token"

    token_hash: str = Field(primary_key=True, max_length=64)
    kind: str = Field(max_length=8)
    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True,
                                          nullable=False))
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
