from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class Offer(SQLModel, table=True):
    """One gift of a neighbour: heart (cares about), head (knows), hands (can do), lend, or learn (wants to)."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True,
                                          nullable=False))
    kind: str = Field(max_length=8)
    category: str | None = Field(default=None, max_length=32, index=True)
    text: str = ""
    created_at: datetime = Field(sa_type=UTCDateTime)


class OfferProfile(SQLModel, table=True):
    __tablename__ = "offer_profile"

    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True))
    frequency: str | None = Field(default=None, max_length=12)
    last_asked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class HelpRequestStatus(StrEnum):
    ASKED = "asked"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


class HelpRequest(SQLModel, table=True):
    """Double opt-in: the bot asks a neighbour first; only a yes introduces the two (through the bot)."""

    __tablename__ = "help_request"

    id: int | None = Field(default=None, primary_key=True)
    idea_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("idea.id", ondelete="CASCADE"),
                                                               index=True, nullable=True))
    """None: a neighbour's personal need (company, a hand with shopping), not an idea."""
    initiator_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True,
                                               nullable=False))
    neighbour_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True,
                                               nullable=False))
    categories: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    share_line: str = ""
    """The line about the idea the initiator approved for neighbours; empty: themes and needs only."""
    status: str = Field(default=HelpRequestStatus.ASKED, max_length=10, index=True)
    created_at: datetime = Field(sa_type=UTCDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
