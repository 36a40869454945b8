"""The one loop behind every periodic job: claim the due rows, handle each in one transaction, wake the outbox.

A job is two functions: `claim(session, now)` returns the rows that are due, locked for this transaction
where the database can (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, see `bot.infra.db.skip_locked`), and
`handle(due, row)` does what the row asks, queueing messages with `bot.services.notify.notify`. Everything
one round did is committed together, so a message is queued exactly when its row is marked done, also with
several workers and after a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlmodel import Session

from bot.core.app import App
from bot.infra.crud import checkins as checkins_crud

Row = TypeVar("Row")


@dataclass(frozen=True)
class Due:
    """What a job's `handle` gets besides the row: the app, this round's session and its moment."""

    app: App
    session: Session
    now: datetime

    def held_until(self) -> datetime | None:
        """The end of the quiet hours when it is night now, else None: a row whose message asks a question
        (a check-in, a season question) is moved there instead of queued, so it is asked in the morning."""
        allowed = checkins_crud.after_quiet_hours(self.now, settings=self.app.settings)
        return allowed if allowed > self.now else None


async def run_due(app: App, claim: Callable[[Session, datetime], Iterable[Row]],
                  handle: Callable[[Due, Row], object], *, then: Callable[[Due], object] | None = None) -> int:
    """One round of a periodic job; returns how many rows it handled. `then` runs after the rows, in the same
    transaction (clean-up that belongs to the round)."""
    now = app.clock.now()
    handled = 0
    with Session(app.engine, expire_on_commit=False) as session:
        due = Due(app, session, now)
        for row in list(claim(session, now)):
            handle(due, row)
            session.flush()
            handled += 1
        if then is not None:
            then(due)
        session.commit()
    app.wake_delivery()
    return handled
