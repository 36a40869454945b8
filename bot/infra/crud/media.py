"""Photos users sent (bot.infra.models.media): kept once, shown by every transport."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlmodel import Session, col, select

from bot.infra.models import Activity, Media, OutboxMessage, Story
from bot.infra.photos import PhotoFile

UNUSED_AFTER = timedelta(days=14)
"""A photo nobody's activity, story or message uses is deleted after this (a draft given up); a draft that
comes back later checks with `existing` whether its photo is still there."""


def keep(session: Session, *, user_id: int | None, photo: PhotoFile, now: datetime) -> Media:
    """Keeps a prepared photo. The platform's reference to the original is not kept: the original may carry the
    metadata that was stripped; each transport uploads the prepared photo once and remembers its own handle."""
    media = Media(user_id=user_id, mime_type=photo.mime_type, content=photo.content, width=photo.width,
                  height=photo.height, refs={}, created_at=now)
    session.add(media)
    session.flush()
    return media


def keep_reference(session: Session, *, user_id: int | None, transport: str, ref: str, now: datetime) -> Media:
    """A photo whose content could not be fetched: only `transport` can show it again."""
    media = Media(user_id=user_id, refs={transport: ref}, created_at=now)
    session.add(media)
    session.flush()
    return media


def get(session: Session, *, media_id: int) -> Media | None:
    return session.get(Media, media_id)


def existing(session: Session, media_id: object) -> int | None:
    """`media_id` (from a draft's data) if that photo is still kept, else None."""
    try:
        number = int(str(media_id))
    except ValueError:
        return None
    return number if session.get(Media, number) is not None else None


def remember_ref(session: Session, *, media_id: int, key: str, ref: str) -> None:
    """A transport's handle on an upload of the photo, so the next message reuses it."""
    media = session.get(Media, media_id)
    if media is not None:
        media.refs = {**media.refs, key: ref}


def delete_unused(session: Session, *, now: datetime) -> int:
    """Deletes photos that were sent but never became part of an activity, story or message."""
    used = or_(
        col(Media.id).in_(select(Activity.photo_id).where(col(Activity.photo_id).is_not(None))),
        col(Media.id).in_(select(Story.photo_id).where(col(Story.photo_id).is_not(None))),
        col(Media.id).in_(select(OutboxMessage.photo_id).where(col(OutboxMessage.photo_id).is_not(None))),
    )
    result = session.execute(delete(Media).where(col(Media.created_at) < now - UNUSED_AFTER, ~used))
    return int(getattr(result, "rowcount", 0) or 0)
