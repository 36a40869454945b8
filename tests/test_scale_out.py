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

from tests.scale_harness import (
    echoes,
    messages,
    postgres_reason,
    queue_broadcast,
    running_cluster,
    tally,
    wait_for_answers,
    wait_for_outbox,
)

SKIP = postgres_reason()
pytestmark = [pytest.mark.postgres, pytest.mark.slow,
              pytest.mark.skipif(SKIP is not None, reason=SKIP or "")]
MANY_PEOPLE = int(os.environ.get("WIJKGIDS_SCALE_TEST_PEOPLE", "200"))
"""The issue asks for 1,000 × 10; the suite's time allows about this many on a 2-core machine (the bench,
bench/scale_out.py, runs 1,000 × 10). WIJKGIDS_SCALE_TEST_PEOPLE=1000 runs the full size."""
MANY_MESSAGES = 10
PEOPLE = 60
PER_PERSON = 6
CONCURRENCY = 8
"""Updates one worker has in flight at most (tests/scale_process.py): the most a kill can have half done."""


async def test_many_people_in_random_order_each_answered_once_in_order() -> None:
    async with running_cluster(MANY_PEOPLE, "ingress", "worker-0", "worker-1", "worker-2") as run:
        for person, n in messages(run.people, MANY_MESSAGES):
            run.fake.user_sends_text(person, f"/echo {person} {n}")
        await wait_for_answers(run.fake, run.people, MANY_MESSAGES, timeout=1500)  # a slow machine is no loss
    result = tally(run.fake, run.people, MANY_MESSAGES)
    assert result.expected == MANY_PEOPLE * MANY_MESSAGES
    assert result.lost == 0, result
    assert result.out_of_order == 0, result
    assert result.duplicated == 0, result


async def test_kill_a_worker_nothing_lost_order_kept() -> None:
    async with running_cluster(PEOPLE, "ingress", "worker-0", "worker-1", "worker-2") as run:
        fake = run.fake
        order = messages(run.people, PER_PERSON)
        for number, (person, n) in enumerate(order):
            fake.user_sends_text(person, f"/echo {person} {n}")
            if number == len(order) // 3:
                await fake.wait_until(lambda: sum(map(len, echoes(fake).values())) >= 20, timeout=180,
                                      what="the first answers")
                run.cluster.kill("worker-0")
            if number % 20 == 0:
                await asyncio.sleep(0.05)
        await wait_for_answers(fake, run.people, PER_PERSON, timeout=240)
    result = tally(fake, run.people, PER_PERSON)
    assert result.lost == 0, result
    assert result.out_of_order == 0, result
    assert result.duplicated <= CONCURRENCY, f"more answered twice than the killed worker had in flight: {result}"


async def test_kill_the_ingress_nothing_lost() -> None:
    """The ingress stores each batch before the next getUpdates confirms it: a new ingress gets the rest."""
    async with running_cluster(20, "ingress", "worker-0") as run:
        fake = run.fake
        order = messages(run.people, 4)
        for person, n in order[:40]:
            fake.user_sends_text(person, f"/echo {person} {n}")
        await fake.wait_until(lambda: sum(map(len, echoes(fake).values())) >= 10, timeout=180,
                              what="the first answers")
        run.cluster.kill("ingress")
        for person, n in order[40:]:
            fake.user_sends_text(person, f"/echo {person} {n}")
        await run.cluster.start("ingress-2")
        await wait_for_answers(fake, run.people, 4, timeout=180)
    result = tally(fake, run.people, 4)
    assert result.lost == 0, result
    assert result.out_of_order == 0, result
    assert result.duplicated == 0, result


async def test_broadcast_from_three_workers_keeps_one_rate() -> None:
    """Three workers drain one broadcast with a photo and a text too long for its caption: two messages each
    (sendPhoto, then sendMessage), and Telegram counts both. The fake Bot API answers 429 above 30 messages/s:
    none come."""
    long_text = "Buurtfeest! " + "Iedereen is welkom op het plein. " * 40
    async with running_cluster(100, "worker-0", "worker-1", "worker-2", rate=29.0, rate_limit_per_s=30) as run:
        queue_broadcast(run.url, long_text, photo=True)
        await wait_for_outbox(run.url, timeout=240)
    photos = [c for c in run.fake.calls_of("sendPhoto") if c.status == 200]
    texts = [c for c in run.fake.calls_of("sendMessage") if c.status == 200]
    assert len({c.params["chat_id"] for c in photos}) == 100
    assert len({c.params["chat_id"] for c in texts}) == 100
    assert run.fake.http_429 == 0
