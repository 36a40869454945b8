"""Broadcast throughput against a fake Bot API that enforces Telegram's 30 messages/s (429 above it).

The real path: a broadcast queues one outbox row per subscriber, the DeliveryWorker drains it through the
Telegram transport (python-telegram-bot over HTTP). --time-scale speeds up the fake's clock and the
sender's rate by the same factor, so 10,000 messages take seconds instead of minutes.
Usage: python bench/broadcast.py [--recipients 10000] [--time-scale 2]
Last line: {"recipients", "limit_per_s", "achieved_per_s", "fraction", "http_429", "rss_growth_mb"}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert
from sqlmodel import Session, select

from bot.composition import build_app
from bot.core.delivery import DeliveryWorker
from bot.core.events import Reply
from bot.infra import db
from bot.infra.clock import ManualClock
from bot.infra.config import Settings
from bot.infra.models import User
from bot.services import broadcast as broadcasting
from bot.transports.telegram import TelegramTransport
from tests.fake_telegram import FakeTelegram

DAYTIME = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
"""10:00 in Amsterdam: outside the quiet hours, when a broadcast goes out at once (at night it waits)."""
LIMIT = 30.0
HEADROOM = 0.97
"""The sender paces just under the limit: Telegram counts in windows we cannot see."""


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--time-scale", type=float, default=2.0)
    parser.add_argument("--quick", action="store_true", help="a tiny size: the test suite's check that it runs")
    args = parser.parse_args()
    if args.quick:
        args.recipients = 40
    scale = args.time_scale
    async with FakeTelegram(token="123:BENCH", rate_limit_per_s=LIMIT, per_chat_per_s=1.0, time_scale=scale) as fake:
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(database_url=f"sqlite:///{tmp}/bench.sqlite3", telegram_token="123:BENCH",
                                telegram_base_url=fake.base_url, telegram_base_file_url=fake.base_file_url,
                                send_rate_per_s=LIMIT * scale * HEADROOM, per_chat_interval_s=1.0 / scale,
                                send_window_s=1.0 / scale)
            app = build_app(settings, clock=ManualClock(DAYTIME))
            db.upgrade(app.engine)
            now = app.clock.now()
            with Session(app.engine) as session:
                session.execute(insert(User), [
                    {"transport": "telegram", "external_id": str(1000 + n), "chat_id": str(1000 + n),
                     "locale": "nl" if n % 3 else "en", "wijk_id": "presikhaaf", "role": "resident", "muted": False,
                     "unreachable": False, "consent_decided": True, "onboarded": True, "created_at": now,
                     "last_seen_at": now} for n in range(args.recipients)])
                session.commit()
                record = broadcasting.broadcast(
                    session, wijk_id="presikhaaf", kind="announcement", text="Buurtfeest zaterdag!",
                    build=lambda: Reply("📣 Buurtfeest zaterdag! <b>Iedereen</b> welkom."), created_by=None,
                    now=now)
                session.commit()
                assert record.recipients == args.recipients
                assert len(list(session.exec(select(User.id)))) == args.recipients
            transport = TelegramTransport(app)
            app.transports["telegram"] = transport
            await transport.application.initialize()
            worker = DeliveryWorker(app, batch_size=200, record_every=50)
            before = rss_mb()
            started = time.perf_counter()
            while await worker.drain_once():
                pass
            elapsed = time.perf_counter() - started
            growth = rss_mb() - before
            await transport.application.shutdown()
            app.engine.dispose()
    if fake.delivered < args.recipients:
        raise SystemExit(f"only {fake.delivered} of {args.recipients} delivered: the figures would mean nothing")
    achieved = fake.delivered / elapsed / scale  # in simulated messages per second
    figures = {"recipients": args.recipients, "limit_per_s": LIMIT, "achieved_per_s": round(achieved, 2),
               "fraction": round(achieved / LIMIT, 3), "http_429": fake.http_429, "rss_growth_mb": round(growth, 1)}
    print(f"delivered {fake.delivered} of {args.recipients} in {elapsed:.1f}s wall ({elapsed * scale:.0f}s simulated)")
    print(json.dumps(figures))


if __name__ == "__main__":
    asyncio.run(main())
