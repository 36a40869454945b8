from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class InviteKind(StrEnum):
    CONTACT = "contact"
    """Links a contact person from content/ to the bot user who redeems it."""
    AANJAGER = "aanjager"
    """Makes the redeeming user an aanjager of the wijken in `target`."""


class InviteCode(SQLModel, table=True):
    """A one-time code handed out by an admin; single use, expires."""

    __tablename__ = "invite_code"

    code: str = Field(primary_key=True, max_length=32)
    kind: str = Field(max_length=16)
    target: str = Field(max_length=255)
    """A contact id, or comma-separated wijk ids."""
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by: int | None = None
