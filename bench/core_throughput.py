"""Core throughput: N synthetic users through onboarding via the dispatcher (no network),
next to a bare python-telegram-bot echo handler fed through Application.process_update.

Last line: {"updates_per_s", "p50_ms", "p99_ms", "ptb_echo_updates_per_s", "ratio"}.
Usage: python bench/core_throughput.py [--users 300] [--db URL]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Update
from telegram.ext import ApplicationBuilder, MessageHandler, filters
from telegram.request import BaseRequest, RequestData

from bot.composition import build_app
from bot.core.events import Incoming, Kind
from bot.infra import db
from bot.infra.clock import ManualClock
from bot.infra.config import Settings

ONBOARDING = [
    ("text", "/start"),
    ("choice", "onboarding:language:nl"),
    ("choice", "onboarding:consent:yes"),
    ("text", "6825 AB"),
    ("text", "/menu"),
    ("text", "/help"),
]


async def core_run(url: str, users: int) -> tuple[float, list[float]]:
    app = build_app(Settings(database_url=url), clock=ManualClock(datetime(2026, 11, 24, 9, tzinfo=UTC)))
    db.upgrade(app.engine)
    latencies: list[float] = []
    started = time.perf_counter()
    for step_kind, value in ONBOARDING:
        for n in range(users):
            user = f"u{n}"
            if step_kind == "text":
                incoming = Incoming.from_text("console", user, value)
            else:
                incoming = Incoming("console", user, user, Kind.CHOICE, choice=value)
            t0 = time.perf_counter()
            outcome = await app.dispatcher.handle(incoming)
            latencies.append(time.perf_counter() - t0)
            assert outcome.replies, (step_kind, value)
    elapsed = time.perf_counter() - started
    app.engine.dispose()
    return elapsed, latencies


class StubRequest(BaseRequest):
    """Answers every Bot API call in memory, so only PTB's own processing is measured."""

    def __init__(self) -> None:
        self._message_id = 0

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         read_timeout: Any = None, write_timeout: Any = None, connect_timeout: Any = None,
                         pool_timeout: Any = None) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        if endpoint == "getMe":
            result: Any = {"id": 1, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}
        else:
            self._message_id += 1
            params = request_data.parameters if request_data else {}
            result = {"message_id": self._message_id, "date": int(time.time()),
                      "chat": {"id": params.get("chat_id", 1), "type": "private"}, "text": params.get("text", "")}
        return 200, json.dumps({"ok": True, "result": result}).encode()


async def ptb_echo_run(updates: int) -> float:
    application = ApplicationBuilder().token("1:BENCH").request(StubRequest()).build()

    async def echo(update: Update, _context: Any) -> None:
        assert update.message is not None
        await update.message.reply_text(update.message.text or "")

    application.add_handler(MessageHandler(filters.TEXT, echo))
    async with application:
        payloads = [
            {"update_id": i, "message": {"message_id": i, "date": int(time.time()),
                                         "chat": {"id": 1000 + i % 300, "type": "private"},
                                         "from": {"id": 1000 + i % 300, "is_bot": False, "first_name": "U"},
                                         "text": f"hallo {i}"}}
            for i in range(updates)
        ]
        started = time.perf_counter()
        for payload in payloads:  # parsing is part of handling an update, as in the core's transports
            await application.process_update(Update.de_json(payload, application.bot))
        return time.perf_counter() - started


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--db", default="")
    parser.add_argument("--quick", action="store_true", help="a tiny size: the test suite's check that it runs")
    args = parser.parse_args()
    if args.quick:
        args.users = 5
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{tmp}/bench.sqlite3"
        elapsed, latencies = await core_run(url, args.users)
    updates = len(latencies)
    ptb_elapsed = await ptb_echo_run(updates)
    ordered = sorted(latencies)
    figures = {
        "updates_per_s": round(updates / elapsed, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 3),
        "p99_ms": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 3),
        "ptb_echo_updates_per_s": round(updates / ptb_elapsed, 1),
    }
    figures["ratio"] = round(figures["updates_per_s"] / figures["ptb_echo_updates_per_s"], 3)
    print(f"core: {updates} updates from {args.users} users in {elapsed:.2f}s; PTB echo: {ptb_elapsed:.2f}s")
    print(json.dumps(figures))


if __name__ == "__main__":
    asyncio.run(main())
