"""News to everyone in a wijk who hears news: one outbox message per resident, each in that resident's language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from bot.core.app import App
from bot.core.events import Reply
from bot.infra.crud import activities as activities_crud
from bot.infra.models import Broadcast
from bot.services.notify import notify


def broadcast(session: Session, *, wijk_id: str, kind: str, text: str, build: Callable[[], Reply],
              created_by: int | None, now: datetime, not_before: datetime | None = None,
              skip: int | None = None, app: App | None = None) -> Broadcast:
    """One outbox row per subscriber (resumable, sent once), sent from `not_before` on (after the quiet hours);
    `skip`: a story's author, who knows her own story (and whose words it carries: erasing her cancels what has
    not gone out; otherwise they are the words of `created_by`)."""
    record = Broadcast(wijk_id=wijk_id, created_by=created_by, kind=kind, text=text, created_at=now)
    session.add(record)
    session.flush()
    recipients = [user for user in activities_crud.subscribers(session, wijk_id=wijk_id, exclude=created_by)
                  if user.id != skip]
    for user in recipients:
        notify(app, session, user, build, kind="broadcast", now=now, not_before=not_before,
               ref=f"broadcast:{record.id}", about=skip if skip is not None else created_by)
    record.recipients = len(recipients)
    return record
