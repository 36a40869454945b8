"""One send rate for every process (PostgreSQL): the outbox of each worker reserves its moment to send in a
shared bucket (`send_rate`), so N workers together stay at the platform's limit, not N times it.

The bucket spaces sends `1 / rate` seconds apart by the database's clock (a cell-rate schedule without burst):
in any one second at most `rate` sends start, whichever process sends them. A platform's 429 pauses the
bucket for everyone. Per chat, a bucket of its own keeps Telegram's one message a second per chat."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.infra.crud import inbound as inbound_crud

LATE_RETRIES = 5
"""After this many late wake-ups in a row the send goes anyway (a machine this busy has other problems)."""


class SharedRateLimiter:
    """The same methods as the in-process `bot.core.delivery.RateLimiter`, with its state in PostgreSQL."""

    def __init__(self, engine: Engine, bucket: str, rate_per_s: float, per_chat_interval_s: float = 0.0) -> None:
        if rate_per_s <= 0:
            raise ValueError("rate_per_s must be positive")
        self.engine = engine
        self.bucket = bucket
        self.gap_s = 1.0 / rate_per_s
        self.per_chat_interval_s = per_chat_interval_s
        self.reserved = 0
        self.late = 0
        """Moments given up because this process woke up too late for them."""

    def chat_ready_in(self, user_id: int) -> float:
        return 0.0  # the chat's own bucket is reserved in acquire()

    def pause(self, seconds: float) -> None:
        with Session(self.engine) as session:
            inbound_crud.pause_bucket(session, name=self.bucket, seconds=seconds)
            session.commit()

    async def acquire(self, user_id: int) -> None:
        if self.per_chat_interval_s > 0:
            await self._wait(f"chat:{self.bucket}:{user_id}", self.per_chat_interval_s)
        await self._wait(self.bucket, self.gap_s)
        self.reserved += 1

    async def _wait(self, name: str, gap_s: float) -> None:
        """Until this process's reserved moment. One that wakes up late (a busy machine) takes a new moment
        instead of sending late: late sends would bunch with the next ones, and the platform counts bunches."""
        for _attempt in range(LATE_RETRIES):
            with Session(self.engine) as session:
                wait = inbound_crud.reserve_slot(session, name=name, gap_s=gap_s)
                session.commit()
            due = time.monotonic() + wait
            if wait > 0:
                await asyncio.sleep(wait)
            if time.monotonic() - due <= gap_s / 2:
                return
            self.late += 1

    def purge_idle(self) -> int:
        with Session(self.engine) as session:
            purged = inbound_crud.purge_idle_buckets(session, prefix=f"chat:{self.bucket}:", idle_s=3600)
            session.commit()
        return purged
