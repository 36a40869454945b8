"""Photos users sent, kept so that every transport can show them again."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, Integer, LargeBinary
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class Media(SQLModel, table=True):
    """A photo or flyer (an activity's, a story's), re-encoded without metadata (bot/infra/photos.py).

    `content` is None when the photo could not be fetched from the platform it came from (or was stored
    before photos were kept): then only that platform can show it again, through its reference in `refs`."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(default=None, sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"),
                                                               index=True, nullable=True))
    """Who sent it: "forget me" deletes it with everything else of theirs."""
    mime_type: str = Field(default="image/jpeg", max_length=32)
    content: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    width: int | None = None
    height: int | None = None
    refs: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    """Each platform's own handle on the photo, so it is uploaded there once: {"telegram": file_id,
    "matrix": mxc URL, "matrix-encrypted": the encrypted upload's JSON (url, key, iv, hashes)}."""
    created_at: datetime = Field(sa_type=UTCDateTime)
