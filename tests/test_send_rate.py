"""The shared send rate on PostgreSQL (bot.infra.send_rate), without processes: several limiters, as several
workers would hold them, send through the fake Bot API's own flood control (tests/fake_telegram.py: at most 30
arrivals in any sliding second, 1 per chat). Sends leave late or take long on the way, as on a busy machine;
the platform counts them when they arrive, so the limiter must keep the limit whatever the jitter."""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest
from sqlalchemy.engine import Engine

from bot.infra import db
from bot.infra.send_rate import SharedRateLimiter
from tests.fake_telegram import ApiError, FakeTelegram
from tests.scale_harness import fresh_schema, postgres_reason

SKIP = postgres_reason()
pytestmark = [pytest.mark.postgres, pytest.mark.skipif(SKIP is not None, reason=SKIP or "")]


async def send_all(limiters: list[SharedRateLimiter], fake: FakeTelegram, chats: list[int],
                   delay_of: dict[int, float]) -> tuple[int, list[float]]:
    """Each limiter sends its share of `chats` one after another (as a worker's outbox does); the n-th send to
    get its moment (counted across limiters) arrives `delay_of[n]` seconds late. Returns (429s, arrivals)."""
    counter = itertools.count()
    rejected = 0
    arrivals: list[float] = []

    async def worker(limiter: SharedRateLimiter, mine: list[int]) -> None:
        nonlocal rejected
        for chat in mine:
            async with limiter.sending(chat):
                await asyncio.sleep(delay_of.get(next(counter), 0.0))  # on its way: the process or the network
                try:
                    fake._enforce_rate(chat)  # the Bot API counts it now
                    arrivals.append(time.monotonic())
                except ApiError:
                    rejected += 1
                await asyncio.sleep(0.002)  # the answer on its way back

    shares = [chats[n::len(limiters)] for n in range(len(limiters))]
    await asyncio.gather(*(worker(limiter, share) for limiter, share in zip(limiters, shares, strict=True)))
    return rejected, arrivals


def limiters(engine: Engine, count: int, *, rate: float, per_chat_s: float = 0.0) -> list[SharedRateLimiter]:
    return [SharedRateLimiter(engine, "send", rate, per_chat_s, limit=30) for _ in range(count)]


async def test_three_workers_never_exceed_the_limit_when_sends_arrive_late() -> None:
    """Moments 1/29 s apart alone let 31 sends arrive within one second when the first of them was 80 ms on its
    way and the 31st was quick (a broadcast from three workers got a 429 this way)."""
    with fresh_schema() as url:
        engine = db.make_engine(url)
        fake = FakeTelegram(rate_limit_per_s=30)
        delays = {n: 0.08 for n in range(0, 100, 31)}
        rejected, arrivals = await send_all(limiters(engine, 3, rate=29), fake, list(range(1, 101)), delays)
        engine.dispose()
    assert rejected == 0
    assert len(arrivals) == 100
    rate = (len(arrivals) - 1) / (arrivals[-1] - arrivals[0])
    assert rate > 20, rate  # still about the rate asked for: the limit is kept by waiting, not by stalling


async def test_one_chat_gets_one_message_a_second_when_the_first_is_slow() -> None:
    with fresh_schema() as url:
        engine = db.make_engine(url)
        fake = FakeTelegram(per_chat_per_s=1)
        rejected, arrivals = await send_all(limiters(engine, 2, rate=29, per_chat_s=1.0), fake, [7, 7, 7],
                                            {0: 0.15})
        engine.dispose()
    assert rejected == 0
    assert len(arrivals) == 3


async def test_a_send_in_flight_of_a_dead_process_stops_counting() -> None:
    """A worker killed mid-send never reports its answer: after `stale_s` its send no longer holds a place."""
    with fresh_schema() as url:
        engine = db.make_engine(url)
        dead = SharedRateLimiter(engine, "send", 100, limit=1, stale_s=0.3)
        alive = SharedRateLimiter(engine, "send", 100, limit=1, stale_s=0.3)
        await dead._wait("send", dead.gap_s, 1, 1.0)  # its moment, then the process is gone
        started = time.monotonic()
        async with alive.sending(1):
            waited = time.monotonic() - started
        engine.dispose()
    assert 0.25 < waited < 5, waited
