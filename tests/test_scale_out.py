"""Several real processes on PostgreSQL: one ingress and three workers handle MANY_PEOPLE people × 10 messages
typed in a random interleaving: every message answered once, each person's answers in the order they wrote. Then
60 people × 6 messages while a worker is killed (SIGKILL) half way: nothing lost, order kept, and only what the
killed worker had in flight can be answered twice; and the ingress killed: nothing lost.

Skipped with the reason when PostgreSQL on 127.0.0.1:5432 is not reachable. Speed is measured in
bench/scale_out.py, not here."""

from __future__ import annotations

import asyncio
import os

import pytest

from tests.fake_telegram import FakeTelegram
from tests.scale_harness import (
    UNLIMITED,
    Cluster,
    add_people,
    echoes,
    fresh_schema,
    messages,
    postgres_reason,
    queue_broadcast,
    tally,
    wait_for_answers,
    wait_for_outbox,
)

SKIP = postgres_reason()
pytestmark = [pytest.mark.postgres, pytest.mark.slow,
              pytest.mark.skipif(SKIP is not None, reason=SKIP or "")]
MANY_PEOPLE = int(os.environ.get("WIJKGIDS_SCALE_TEST_PEOPLE", "300"))
"""The issue asks for 1,000 × 10; the suite's time allows about this many on a 2-core machine (the bench,
bench/scale_out.py, runs 1,000 × 10). WIJKGIDS_SCALE_TEST_PEOPLE=1000 runs the full size."""
MANY_MESSAGES = 10
PEOPLE = 60
PER_PERSON = 6
CONCURRENCY = 8
"""Updates one worker has in flight at most (tests/scale_process.py): the most a kill can have half done."""


async def test_many_people_in_random_order_each_answered_once_in_order() -> None:
    with fresh_schema() as url:
        people = add_people(url, MANY_PEOPLE)
        async with FakeTelegram(token="123:TEST") as fake:
            cluster = Cluster(url, fake, rate=UNLIMITED)
            try:
                await cluster.up("ingress", "worker-0", "worker-1", "worker-2")
                for person, n in messages(people, MANY_MESSAGES):
                    fake.user_sends_text(person, f"/echo {person} {n}")
                await wait_for_answers(fake, people, MANY_MESSAGES, timeout=1500)  # a slow machine is no loss
            finally:
                await cluster.stop()
            result = tally(fake, people, MANY_MESSAGES)
    assert result.expected == MANY_PEOPLE * MANY_MESSAGES
    assert result.lost == 0, result
    assert result.out_of_order == 0, result
    assert result.duplicated == 0, result


async def test_kill_a_worker_nothing_lost_order_kept() -> None:
    with fresh_schema() as url:
        people = add_people(url, PEOPLE)
        async with FakeTelegram(token="123:TEST") as fake:
            cluster = Cluster(url, fake, rate=UNLIMITED)
            try:
                await cluster.up("ingress", "worker-0", "worker-1", "worker-2")
                order = messages(people, PER_PERSON)
                for number, (person, n) in enumerate(order):
                    fake.user_sends_text(person, f"/echo {person} {n}")
                    if number == len(order) // 3:
                        await fake.wait_until(lambda: sum(map(len, echoes(fake).values())) >= 20, timeout=180,
                                              what="the first answers")
                        cluster.kill("worker-0")
                    if number % 20 == 0:
                        await asyncio.sleep(0.05)
                await wait_for_answers(fake, people, PER_PERSON, timeout=240)
            finally:
                await cluster.stop()
            result = tally(fake, people, PER_PERSON)
    assert result.lost == 0, result
    assert result.out_of_order == 0, result
    assert result.duplicated <= CONCURRENCY, f"more answered twice than the killed worker had in flight: {result}"


async def test_kill_the_ingress_nothing_lost() -> None:
    """The ingress stores each batch before the next getUpdates confirms it: a new ingress gets the rest."""
    with fresh_schema() as url:
        people = add_people(url, 20)
        async with FakeTelegram(token="123:TEST") as fake:
            cluster = Cluster(url, fake, rate=UNLIMITED)
            try:
                await cluster.up("ingress", "worker-0")
                order = messages(people, 4)
                for person, n in order[:40]:
                    fake.user_sends_text(person, f"/echo {person} {n}")
                await fake.wait_until(lambda: sum(map(len, echoes(fake).values())) >= 10, timeout=180,
                                      what="the first answers")
                cluster.kill("ingress")
                for person, n in order[40:]:
                    fake.user_sends_text(person, f"/echo {person} {n}")
                await cluster.start("ingress-2")
                await wait_for_answers(fake, people, 4, timeout=180)
            finally:
                await cluster.stop()
            result = tally(fake, people, 4)
    assert result.lost == 0, result
    assert result.out_of_order == 0, result
    assert result.duplicated == 0, result


async def test_broadcast_from_three_workers_keeps_one_rate() -> None:
    """Three workers drain one broadcast with a photo and a text too long for its caption: two messages each
    (sendPhoto, then sendMessage), and Telegram counts both. The fake Bot API answers 429 above 30 messages/s:
    none come."""
    long_text = "Buurtfeest! " + "Iedereen is welkom op het plein. " * 40
    with fresh_schema() as url:
        add_people(url, 100)
        queue_broadcast(url, long_text, photo=True)
        async with FakeTelegram(token="123:TEST", rate_limit_per_s=30) as fake:
            cluster = Cluster(url, fake, rate=29.0)
            try:
                await cluster.up("worker-0", "worker-1", "worker-2")
                await wait_for_outbox(url, timeout=240)
            finally:
                await cluster.stop()
            photos = [c for c in fake.calls_of("sendPhoto") if c.status == 200]
            texts = [c for c in fake.calls_of("sendMessage") if c.status == 200]
    assert len({c.params["chat_id"] for c in photos}) == 100
    assert len({c.params["chat_id"] for c in texts}) == 100
    assert fake.http_429 == 0
