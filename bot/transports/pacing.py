"""A send rate that holds where the platform counts it, whatever the network's delays.

A plain rate limiter spaces the *starts* of requests; with several requests in flight, their arrival at the
platform varies by the round trip, so a burst can still exceed the platform's count for one second (WhatsApp
answers 130429). Here a request holds its place from when it starts until one window after its answer came
back: the platform received it somewhere in between, so no window it can count holds more than `capacity`.
The price is the round trip: with 0.2 s per request, 80 places give about 80 / 1.2 = 67 messages/s.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, suppress
from typing import Protocol


class Pacer(Protocol):
    """A send window: this process's (SendWindow) or one shared by every process (bot.infra.send_rate)."""

    def in_flight_for_rate(self, limit: int = 32) -> int: ...

    def slot(self) -> AbstractAsyncContextManager[None]: ...


class SendWindow:
    def __init__(self, capacity: int, window_s: float = 1.0) -> None:
        self.capacity = max(1, capacity)
        self.window_s = window_s
        self._in_flight = 0
        self._done: deque[float] = deque()
        self._changed = asyncio.Condition()
        self.round_trip_s = 0.05
        """A moving average of how long a request takes, so a sender can keep just enough of them in flight."""

    def in_flight_for_rate(self, limit: int = 32) -> int:
        """Requests to keep in flight for the full rate over the observed round trip (more would only queue)."""
        return max(1, min(limit, math.ceil(self.capacity / self.window_s * self.round_trip_s) + 1))

    def _used(self, now: float) -> int:
        while self._done and self._done[0] <= now - self.window_s:
            self._done.popleft()
        return self._in_flight + len(self._done)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._changed:
            while self._used(time.monotonic()) >= self.capacity:
                wait = self._done[0] + self.window_s - time.monotonic() if self._done else None
                with suppress(TimeoutError):
                    await asyncio.wait_for(self._changed.wait(), wait)
            self._in_flight += 1
        started = time.monotonic()
        try:
            yield
        finally:
            async with self._changed:
                self._in_flight -= 1
                finished = time.monotonic()
                self.round_trip_s += 0.1 * (finished - started - self.round_trip_s)
                self._done.append(finished)
                self._changed.notify_all()
