"""Scale-out on PostgreSQL: one ingress and 1, 2 or 3 worker processes (the real `wijkgids run --role` runner,
tests/scale_process.py) against a fake Bot API; simulated people type /echo messages in a random interleaving.

Per worker count: updates/s from the first message typed to the last answer, the machine's load, and what
went wrong (lost, answered twice, answered out of order). Then a run with three workers in which one is killed
(SIGKILL) a third of the way, and a broadcast drained by three workers against a fake that answers 429 above 30
messages/s: delivered, 429s and the combined rate as a fraction of that limit.

CPU-bound on a small machine: the figures say how the work spreads, not what a bigger machine does.
Usage: python bench/scale_out.py [--people 1000] [--messages 10] [--workers 1,2,3] [--broadcast 600]
                                [--cluster 3] [--parts conversations,kill,broadcast] [--quick]
--quick is the test suite's smoke test (tests/test_benches.py): 10 people × 2 messages, one worker, then the
kill and the broadcast with two workers; it only shows that every part still runs, its figures mean nothing.
Last line: one JSON object (or {"skipped": reason} when PostgreSQL on 127.0.0.1:5432 is not reachable).
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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

LIMIT = 30.0
RATE = 29.0
"""The bot's shared send rate, just under the fake's limit (as the default send_rate_per_s)."""


async def conversation_run(people_count: int, per_person: int, workers: int, *, kill: bool = False) -> dict[str, Any]:
    async with running_cluster(people_count, "ingress", *(f"worker-{n}" for n in range(workers))) as run:
        fake, people = run.fake, run.people
        order = messages(people, per_person)
        started = time.perf_counter()
        third = len(order) // 3
        for person, n in order[:third] if kill else order:
            fake.user_sends_text(person, f"/echo {person} {n}")
        if kill:
            await fake.wait_until(lambda: sum(map(len, echoes(fake).values())) >= third // 2, timeout=300,
                                  what="half of the first third answered")
            run.cluster.kill("worker-0")
            for person, n in order[third:]:
                fake.user_sends_text(person, f"/echo {person} {n}")
        await wait_for_answers(fake, people, per_person, timeout=max(120.0, len(order) / 5))
        elapsed = time.perf_counter() - started
        load = os.getloadavg()[0]
    result = tally(fake, people, per_person)
    return {"workers": workers, "updates": result.expected, "updates_per_s": round(result.expected / elapsed, 1),
            "seconds": round(elapsed, 1), "load_1m": round(load, 2), "lost": result.lost,
            "duplicated": result.duplicated, "out_of_order": result.out_of_order}


async def broadcast_run(recipients: int, workers: int) -> dict[str, Any]:
    async with running_cluster(recipients, *(f"worker-{n}" for n in range(workers)), rate=RATE,
                               rate_limit_per_s=LIMIT) as run:
        queue_broadcast(run.url)
        await wait_for_outbox(run.url, timeout=recipients / RATE * 3 + 60)
    fake = run.fake
    sent = sorted(c.time for c in fake.calls_of("sendMessage") if c.status == 200)
    delivered = len({c.params["chat_id"] for c in fake.calls_of("sendMessage") if c.status == 200})
    span = sent[-1] - sent[0] if len(sent) > 1 else float("nan")
    achieved = (len(sent) - 1) / span if len(sent) > 1 else 0.0
    busiest = max((bisect.bisect_left(sent, t + 1.0) - n for n, t in enumerate(sent)), default=0)
    return {"workers": workers, "recipients": recipients, "delivered": delivered, "sends": len(sent),
            "http_429": fake.http_429, "limit_per_s": LIMIT, "achieved_per_s": round(achieved, 2),
            "rate_fraction": round(achieved / LIMIT, 3), "most_in_one_second": busiest,
            "load_1m": round(os.getloadavg()[0], 2)}


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=10)
    parser.add_argument("--workers", default="1,2,3")
    parser.add_argument("--broadcast", type=int, default=600)
    parser.add_argument("--cluster", type=int, default=3, help="workers in the kill run and the broadcast")
    parser.add_argument("--parts", default="conversations,kill,broadcast",
                        help="which runs: conversations (per worker count), kill, broadcast")
    parser.add_argument("--quick", action="store_true", help="a tiny size: the test suite's check that it runs")
    args = parser.parse_args()
    if args.quick:  # every process started costs ~2 s of CPU: as few as still run every part
        args.people, args.messages, args.workers, args.broadcast, args.cluster = 10, 2, "1", 10, 2
    reason = postgres_reason()
    if reason is not None:
        print(json.dumps({"skipped": reason}))
        return
    parts = set(args.parts.split(","))
    figures: dict[str, Any] = {"people": args.people, "messages_each": args.messages, "cpus": os.cpu_count()}
    if "conversations" in parts:
        runs = []
        for workers in (int(w) for w in args.workers.split(",")):
            runs.append(await conversation_run(args.people, args.messages, workers))
            print(json.dumps(runs[-1]), flush=True)
        figures |= {
            "updates_per_s": {str(r["workers"]): r["updates_per_s"] for r in runs},
            "load_1m": {str(r["workers"]): r["load_1m"] for r in runs},
            "lost": sum(r["lost"] for r in runs), "duplicated": sum(r["duplicated"] for r in runs),
            "out_of_order": sum(r["out_of_order"] for r in runs)}
    if "kill" in parts:
        killed = await conversation_run(args.people, args.messages, args.cluster, kill=True)
        print(json.dumps({"kill": killed}), flush=True)
        figures["kill_run"] = {k: killed[k] for k in ("workers", "lost", "duplicated", "out_of_order",
                                                       "updates_per_s", "load_1m")}
    if "broadcast" in parts:
        broadcast = await broadcast_run(args.broadcast, args.cluster)
        print(json.dumps({"broadcast": broadcast}), flush=True)
        figures["broadcast"] = {k: broadcast[k] for k in ("workers", "recipients", "delivered", "http_429",
                                                           "rate_fraction", "most_in_one_second", "load_1m")}
    print(json.dumps(figures))


if __name__ == "__main__":
    asyncio.run(main())
