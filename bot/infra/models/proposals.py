from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class TrustedOrganiser(SQLModel, table=True):
    """A resident whose proposed activities go live at once in this wijk: the aanjager trusts them."""

    __tablename__ = "trusted_organiser"

    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), primary_key=True))
    wijk_id: str = Field(primary_key=True, max_length=64)
    trusted_by: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("user.id", ondelete="SET NULL")))
    trusted_at: datetime = Field(sa_type=UTCDateTime)
