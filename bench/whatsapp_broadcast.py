"""WhatsApp broadcast throughput against a fake Cloud API that enforces 80 messages/s per number and a tier.

The real path: a broadcast queues one outbox row per WhatsApp subscriber; the DeliveryWorker drains it through
the WhatsApp transport (httpx over HTTP to tests/fake_whatsapp.py), which sends templates (nobody has written in
the last 24 hours), counting each conversation against the tier before it goes. --time-scale speeds up the fake's
clock and the sender's rate by the same factor.
Usage: python bench/whatsapp_broadcast.py [--recipients 10000] [--tier 10000] [--time-scale 1] [--quick]
Last line: {"recipients", "tier", "limit_per_s", "achieved_per_s", "fraction", "errors_130429", "lost",
"over_tier", "rss_growth_mb"}.
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

from sqlalchemy import func, insert
from sqlmodel import Session, select

from bot.composition import build_app
from bot.core.delivery import DeliveryWorker
from bot.core.events import Reply
from bot.infra import db
from bot.infra.clock import ManualClock
from bot.infra.config import Settings
from bot.infra.models import OutboxMessage, OutboxStatus, User
from bot.services import broadcast as broadcasting
from bot.transports.pacing import SendWindow
from bot.transports.whatsapp import WhatsAppTransport
from tests.fake_whatsapp import FakeWhatsApp

DAYTIME = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
"""10:00 in Amsterdam: outside the quiet hours, when a broadcast goes out at once."""
LIMIT = 80.0
HEADROOM = 0.99
"""The sender paces just under the limit (79 in any second: the limiter counts a sliding window, as the fake does)."""


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--tier", type=int, default=10_000)
    parser.add_argument("--time-scale", type=float, default=1.0)
    parser.add_argument("--quick", action="store_true", help="200 recipients on a 250 tier, for the test suite")
    args = parser.parse_args()
    if args.quick:
        args.recipients, args.tier = 200, 250
    scale = args.time_scale
    clock = ManualClock(DAYTIME)
    async with FakeWhatsApp(clock=clock.now, rate_limit_per_s=LIMIT, time_scale=scale, tier=args.tier) as fake:
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(database_url=f"sqlite:///{tmp}/bench.sqlite3", data_dir=Path(tmp),
                                whatsapp_phone_number_id=fake.phone_number_id, whatsapp_access_token=fake.token,
                                whatsapp_app_secret=fake.app_secret, whatsapp_verify_token="bench",
                                whatsapp_graph_url=fake.base_url, whatsapp_tier=args.tier)  # type: ignore[arg-type]
            app = build_app(settings, clock=clock)
            db.upgrade(app.engine)
            now = clock.now()
            with Session(app.engine) as session:
                session.execute(insert(User), [
                    {"transport": "whatsapp", "external_id": str(31_600_000_000 + n),
                     "chat_id": str(31_600_000_000 + n), "locale": "nl" if n % 3 else "en", "wijk_id": "presikhaaf",
                     "role": "resident", "muted": False, "unreachable": False, "consent_decided": True,
                     "onboarded": True, "created_at": now, "last_seen_at": now} for n in range(args.recipients)])
                session.commit()
                record = broadcasting.broadcast(
                    session, wijk_id="presikhaaf", kind="announcement", text="Buurtfeest zaterdag!",
                    build=lambda: Reply("📣 Buurtfeest zaterdag vanaf 14 uur op het plein, iedereen welkom!"),
                    created_by=None, now=now)
                session.commit()
                assert record.recipients == args.recipients
            transport = WhatsAppTransport(app)
            transport.limiter = SendWindow(int(LIMIT * HEADROOM), window_s=1.0 / scale)
            app.transports["whatsapp"] = transport
            worker = DeliveryWorker(app, batch_size=200, record_every=50)
            before = rss_mb()
            started = time.perf_counter()
            for _round in range(30):  # a 130429 puts a message back a second or so (on the bench's manual clock)
                while await worker.drain_once():
                    pass
                if fake.throttled == 0:
                    break
                clock.advance(seconds=2)
            transport.flush_sent()
            elapsed = time.perf_counter() - started
            growth = rss_mb() - before
            with Session(app.engine) as session:
                left = session.exec(select(func.count()).select_from(OutboxMessage).where(
                    OutboxMessage.status != OutboxStatus.SENT)).one()
            await transport.client.close()
            app.engine.dispose()
    reached = len({message.to for message in fake.sent})
    achieved = fake.delivered / elapsed / scale
    figures = {"recipients": args.recipients, "tier": args.tier, "limit_per_s": LIMIT,
               "achieved_per_s": round(achieved, 2), "fraction": round(achieved / LIMIT, 3),
               "errors_130429": fake.throttled, "lost": args.recipients - reached - int(left),
               "waiting_for_tier": int(left),
               "over_tier": fake.over_tier, "rss_growth_mb": round(growth, 1)}
    print(f"delivered {fake.delivered} of {args.recipients} in {elapsed:.1f}s wall ({elapsed * scale:.0f}s "
          f"simulated); {left} wait for the tier")
    print(json.dumps(figures))


if __name__ == "__main__":
    asyncio.run(main())
