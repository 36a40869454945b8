from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class CalendarFeed(SQLModel, table=True):
    """A subscribable calendar: a resident's own (user_id) or a wijk's (wijk_id).

    The URL's token is derived from the web secret and `generation`; nothing secret is stored here. Renewing raises
    the generation (the old URL stops working), revoking sets `active` to False."""

    __tablename__ = "calendar_feed"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, sa_column=Column(
        Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True, unique=True, nullable=True))
    wijk_id: str | None = Field(default=None, max_length=64, index=True, unique=True)
    generation: int = 1
    active: bool = True
    created_at: datetime = Field(sa_type=UTCDateTime)
