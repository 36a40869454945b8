"""The one way the bot sends a message nobody just asked for: a check-in, a reminder, news from the wijk, a
relayed message, a handed-over idea, the answer of a contact person.

`notify` renders the message in the recipient's language, holds news that counts towards the daily limit
until the quiet hours are over, queues it in the outbox in the caller's transaction (so it is sent once the
caller commits, and never when the caller rolls back) and wakes the delivery worker. The daily limit itself
(one piece of news a day, the most important first) is applied by the delivery worker (bot/core/delivery.py)
when it sends, because only then is it known what else went out that day. E-mail to a contact person goes
through `notify_by_email`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlmodel import Session

from bot.core.app import App
from bot.core.delivery import attachment_row
from bot.core.events import Reply, choice_rows, right_to_left
from bot.infra.crud import checkins as checkins_crud
from bot.infra.crud import outbox as outbox_crud
from bot.infra.i18n import use_locale
from bot.infra.models import OutboxMessage, User


def notify(app: App | None, session: Session, user: User, build: Callable[[], Reply], *, kind: str,
           now: datetime, not_before: datetime | None = None, ref: str | None = None,
           about: int | None = None) -> OutboxMessage:
    """Queues `build()`, rendered in `user`'s language, for `user` (kinds: bot/infra/crud/outbox.py).

    `about` is the user whose words or data the message carries (the author of a relayed message, the initiator
    of a handed-over idea): when they erase themselves (/vergeetmij) the message is cancelled.

    Without an `app` (a script or test filling the outbox) the quiet hours are left to the delivery worker
    and nobody is woken: the worker finds the message on its next round."""
    assert user.id is not None
    with use_locale(user.locale):
        reply = right_to_left(build())
    start = not_before or now
    if app is not None and kind in outbox_crud.COUNTED:
        start = checkins_crud.after_quiet_hours(start, settings=app.settings)
    message = outbox_crud.enqueue(session, user_id=user.id, kind=kind, text=reply.text,
                                  choices=choice_rows(reply.choices), now=now, not_before=start, ref=ref,
                                  attachment=attachment_row(reply.attachment),
                                  photo_id=reply.photo.media_id if reply.photo else None, about_user_id=about)
    if app is not None:
        app.wake_delivery()
    return message


def notify_by_email(app: App, session: Session, *, address: str, subject: str, text: str, html: str, kind: str,
                    now: datetime, ref: str | None = None, about: int | None = None) -> OutboxMessage:
    """An e-mail (text and HTML, already in the contact's language) through the same outbox: retried, resumable."""
    message = outbox_crud.enqueue_email(session, address=address, subject=subject, text=text, html=html, kind=kind,
                                        now=now, ref=ref, about_user_id=about)
    app.wake_delivery()
    return message
