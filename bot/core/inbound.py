"""A worker's side of running as several processes: one person's stored updates, handled in order.

The ingress stores each update (`inbound_update`, bot.infra.crud.inbound) and queues a wake-up for its person;
the queue runs one wake-up per person at a time (a lock per person), so here the person's open updates are
handled oldest first, each marked handled right after. A worker that dies mid-way leaves the update open: the
next wake-up handles it again (at most the one update in flight is handled twice, nothing is lost).
"""

from __future__ import annotations

import logging

from bot.core.app import App
from bot.core.transport import StoredUpdates
from bot.infra.crud import inbound as inbound_crud

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
"""An update that failed this often is given up (logged), so one broken update cannot block a person for good."""


class UpdateFailed(Exception):
    """An update failed and will be tried again (the queue retries the person's wake-up)."""


async def handle_person(app: App, person_key: str) -> int:
    """Handles the person's open updates in order; returns how many were handled.

    One round trip between two updates (bot.infra.crud.inbound.take_next): the one just handled is marked
    handled and the next one started, each committed before the update is handled."""
    handled = 0
    finished: int | None = None
    while True:
        with app.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            update = inbound_crud.take_next(connection, person_key=person_key, finished=finished,
                                            now=app.clock.now())
        finished = None
        if update is None:
            return handled
        assert update.id is not None
        transport = app.transports.get(update.transport)
        if not isinstance(transport, StoredUpdates):
            log.error("no %s transport in this worker: update %s left open", update.transport, update.id)
            raise UpdateFailed(f"no transport {update.transport!r}")
        try:
            await transport.handle_stored(update.payload)
        except Exception as exc:
            if update.attempts < MAX_ATTEMPTS:  # this start counted already
                log.warning("update %s failed (%s); it will be tried again", update.id, type(exc).__name__)
                raise UpdateFailed(type(exc).__name__) from exc
            log.exception("update %s failed %d times; given up", update.id, MAX_ATTEMPTS)
        finished = update.id
        handled += 1
