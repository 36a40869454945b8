from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, ForeignKey, Integer, UniqueConstraint
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class UserRole(StrEnum):
    RESIDENT = "resident"
    ADMIN = "admin"


class ConsentPurpose(StrEnum):
    STORE = "store"
    """Keeping the data needed to help: wijk, ideas, check-ins."""
    ASK_FOR_HELP = "ask_for_help"
    SHARE_STORY = "share_story"
    NAME_VISIBLE = "name_visible"


class UserBase(SQLModel):
    transport: str = Field(max_length=16)
    external_id: str = Field(max_length=255)
    chat_id: str = Field(max_length=255)
    locale: str | None = Field(default=None, max_length=8)
    wijk_id: str | None = Field(default=None, max_length=64)
    display_name: str | None = Field(default=None, max_length=128)
    role: str = Field(default=UserRole.RESIDENT, max_length=16)
    muted: bool = False
    unreachable: bool = False


class User(UserBase, table=True):
    __table_args__ = (UniqueConstraint("transport", "external_id", name="uq_user_transport_external"),)

    id: int | None = Field(default=None, primary_key=True)
    consent_decided: bool = False
    onboarded: bool = False
    retention_notice_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When we told an inactive user their data will be erased."""
    created_at: datetime = Field(sa_type=UTCDateTime)
    last_seen_at: datetime = Field(sa_type=UTCDateTime)


class Consent(SQLModel, table=True):
    """One row per purpose a user agreed to; withdrawing deletes the row."""

    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True))
    purpose: str = Field(primary_key=True, max_length=32)
    granted_at: datetime = Field(sa_type=UTCDateTime)
