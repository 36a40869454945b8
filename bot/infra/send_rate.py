"""One send rate for every process (PostgreSQL): each worker's outbox takes its moment to send from a shared
bucket (`send_rate`, `send_slot`), so N workers together stay within the platform's limit, not N times it.

Two rules, both by the database's clock and decided under the bucket row's lock:

- **spacing**: moments are `1 / rate` apart (a cell-rate schedule without burst), so sends flow evenly;
- **the platform's window**: the platform counts a send when it *arrives*, which is somewhere between its
  moment and its answer. A send that left late (a busy process woke up late) or took long on the way may arrive
  right next to the following ones, so spacing alone cannot promise "at most `limit` in any second". Each send
  therefore stays on the books from its moment until its answer is back, plus one window: a new send may only
  start while fewer than `limit` sends are on the books. Then no window the platform draws, wherever it falls,
  holds more than `limit` sends (Telegram: 30 per second per bot, 1 per second per chat; its 429 names the
  overshoot). The price is the round trip: at most `limit / (window + round trip)` per second.

A platform's 429 pauses the bucket for everyone. Per chat, a bucket of its own (limit 1) keeps Telegram's one
message a second per chat."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, AbstractContextManager, asynccontextmanager
from dataclasses import dataclass

from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from bot.infra.crud import inbound as inbound_crud

STALE_S = 60.0
"""A send still in flight after this long belongs to a process that died (requests time out well before)."""
FULL_RETRY_S = 0.01
"""With `limit` sends in flight there is no moment yet: ask again this much later."""


@dataclass
class _Slot:
    slot_id: int
    db_now: float
    """The database's clock when the moment was given (no earlier than `asked`)."""
    asked: float
    """This process's monotonic clock just before it asked."""


class SharedRateLimiter:
    """The in-process `bot.core.delivery.RateLimiter`'s methods with the state in PostgreSQL, for every process
    of a scaled-out bot. `limit` sends per `window_s` is the platform's limit (default: `rate_per_s` per second);
    `rate_per_s` spaces the moments (at or a little under the limit)."""

    def __init__(self, engine: Engine, bucket: str, rate_per_s: float, per_chat_interval_s: float = 0.0, *,
                 limit: int | None = None, window_s: float = 1.0, stale_s: float = STALE_S) -> None:
        if rate_per_s <= 0:
            raise ValueError("rate_per_s must be positive")
        self.engine = engine
        self.bucket = bucket
        self.gap_s = 1.0 / rate_per_s
        self.limit = max(1, int(limit if limit is not None else rate_per_s * window_s))
        self.window_s = window_s
        self.per_chat_interval_s = per_chat_interval_s
        self.stale_s = stale_s
        self.reserved = 0
        self.full = 0
        """Times a send found `limit` sends in flight and had to ask again."""
        self.round_trip_s = 0.05
        """A moving average of a send's round trip, as `bot.transports.pacing.SendWindow` keeps it."""

    def chat_ready_in(self, user_id: int) -> float:
        return 0.0  # the chat's own bucket is reserved in sending()

    def pause(self, seconds: float) -> None:
        with Session(self.engine) as session:
            inbound_crud.pause_bucket(session, name=self.bucket, seconds=seconds)
            session.commit()

    async def acquire(self, user_id: int) -> None:
        """Waits for a moment without reporting when the send's answer came: it counts as in flight until
        `stale_s` has passed. Use `sending()`, which reports it."""
        async with self.sending(user_id):
            pass

    @asynccontextmanager
    async def sending(self, user_id: int, messages: int = 1) -> AsyncIterator[None]:
        """Around one send of `messages` messages (a photo and the text that does not fit its caption are two,
        and the platform counts both): waits for the chat's moment and one of the bucket's for each message, and
        on the way out records when the answer was back."""
        slots: list[_Slot] = []
        try:
            if self.per_chat_interval_s > 0:
                slots.append(await self._wait(f"chat:{self.bucket}:{user_id}", self.per_chat_interval_s, 1,
                                              self.per_chat_interval_s))
            for _ in range(messages):
                slots.append(await self._wait(self.bucket, self.gap_s, self.limit, self.window_s))
            self.reserved += messages
            leaving = time.monotonic()
            yield
            self.round_trip_s += 0.1 * (time.monotonic() - leaving - self.round_trip_s)
        finally:
            if slots:
                back = time.monotonic()
                # by the database's clock, at least as late as now: the database read its clock after `asked`
                done = [slot.db_now + (back - slot.asked) for slot in slots]
                with self._autocommit() as connection:
                    inbound_crud.send_done(connection, slot_ids=[slot.slot_id for slot in slots], done_at=done)

    def slot(self) -> AbstractAsyncContextManager[None]:
        """`bot.transports.pacing.Pacer`: a transport that paces its own sends (WhatsApp) shares this bucket."""
        return self.sending(0)

    def in_flight_for_rate(self, limit: int = 32) -> int:
        """Sends one process keeps in flight to reach the rate over the observed round trip."""
        return max(1, min(limit, math.ceil(self.limit / self.window_s * self.round_trip_s) + 1))

    async def _wait(self, name: str, gap_s: float, limit: int, window_s: float) -> _Slot:
        while True:
            asked = time.monotonic()
            with self._autocommit() as connection:
                slot_id, wait, db_now = inbound_crud.reserve_send(connection, name=name, gap_s=gap_s, limit=limit,
                                                                  window_s=window_s, stale_s=self.stale_s)
            if slot_id is not None:
                if wait > 0:
                    await asyncio.sleep(wait)
                return _Slot(slot_id, db_now, asked)
            self.full += 1
            await asyncio.sleep(FULL_RETRY_S)

    def _autocommit(self) -> AbstractContextManager[Connection]:
        """A pooled connection whose statements each commit on their own: one round trip each."""
        return self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")

    def purge_idle(self) -> int:
        with Session(self.engine) as session:
            purged = inbound_crud.purge_idle_buckets(session, prefix=f"chat:{self.bucket}:", idle_s=3600)
            session.commit()
        return purged
