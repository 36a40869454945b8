"""News to everyone in a wijk who hears news: one outbox message per resident, each in that resident's language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from babel.dates import format_timedelta
from sqlmodel import Session

from bot.core.app import App
from bot.core.events import Reply
from bot.infra.config import Settings
from bot.infra.crud import activities as activities_crud
from bot.infra.i18n import current_locale, format_number, ngettext
from bot.infra.models import Broadcast, User
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


def matrix_pace(settings: Settings, users: Sequence[User]) -> str:
    """For the preview: how long the Matrix residents among `users` take to reach at the homeserver's rate
    (Synapse lets a user send 0.2 messages a second unless its admin lifts that); empty when it is quick."""
    count = sum(1 for user in users if user.transport == "matrix")
    if not count or settings.matrix_rate_per_s <= 0:
        return ""
    duration = timedelta(seconds=count / settings.matrix_rate_per_s)
    if duration < timedelta(minutes=1):
        return ""
    return ngettext("On Matrix the server lets me send only a few messages a minute, so reaching {n} resident there "
                    "takes about {duration}.",
                    "On Matrix the server lets me send only a few messages a minute, so reaching {n} residents there "
                    "takes about {duration}.", count).format(
        n=format_number(count), duration=format_timedelta(duration, threshold=1.5, locale=current_locale()))
