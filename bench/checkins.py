"""Check-in throughput: schedule N check-ins, make them due, measure until all are sent through a fake
transport, with 1 and 2 worker processes on PostgreSQL (when reachable) and 1 on SQLite.

Usage: python bench/checkins.py [--checkins 100000] [--skip-postgres]
Last line: a JSON list of {"checkins", "workers", "seconds", "sent", "duplicates"}.
Each worker process runs the same code as the bot: the check-in job (claims due rows with
SKIP LOCKED on PostgreSQL, queues the message) and the outbox worker (unthrottled fake transport).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, insert, text
from sqlmodel import Session, select

from bot.composition import build_app
from bot.core.delivery import DeliveryWorker
from bot.core.events import Reply
from bot.infra import db
from bot.infra.clock import ManualClock
from bot.infra.config import Settings
from bot.infra.models import CheckIn, Idea, OutboxMessage, User
from handlers import checkins

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # 11:00 in Amsterdam, outside quiet hours


class CountingTransport:
    name = "console"
    numbered_options = False  # as on Telegram, where the check-in's buttons carry their own data

    def __init__(self) -> None:
        self.sent = 0

    async def send(self, chat_id: str, reply: Reply) -> None:
        self.sent += 1


def prepare(url: str, n: int) -> None:
    engine = db.make_engine(url)
    db.upgrade(engine)
    created = NOW - timedelta(days=10)
    with Session(engine) as session:
        for start in range(0, n, 10_000):
            size = min(10_000, n - start)
            session.execute(insert(User), [
                {"transport": "console", "external_id": f"b{start + k}", "chat_id": f"b{start + k}", "locale": "nl",
                 "wijk_id": "de-nude", "role": "resident", "muted": False, "unreachable": False,
                 "consent_decided": True, "onboarded": True, "created_at": created, "last_seen_at": created}
                for k in range(size)])
        users = session.exec(select(User.id)).all()
        session.execute(insert(Idea), [{"user_id": u, "wijk_id": "de-nude", "text": "idee", "themes": [], "has": "",
                                        "knows": "", "needs": [], "status": "handed_over", "created_at": created,
                                        "updated_at": created} for u in users])
        pairs = session.exec(select(Idea.id, Idea.user_id)).all()
        session.execute(insert(CheckIn), [{"user_id": u, "idea_id": i, "due_at": NOW - timedelta(minutes=1),
                                           "status": "planned"} for i, u in pairs])
        session.commit()
    engine.dispose()


def work(url: str, result: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    app = build_app(Settings(database_url=url, send_rate_per_s=1e9, per_chat_interval_s=0),
                    clock=ManualClock(NOW))
    transport = CountingTransport()
    app.transports["console"] = transport
    worker = DeliveryWorker(app, batch_size=500, record_every=500)

    async def run() -> None:
        idle = 0
        while idle < 2:
            await checkins.send_due(app)
            idle = idle + 1 if await worker.drain_all() == 0 else 0

    asyncio.run(run())
    result.put(transport.sent)


def measure(url: str, n: int, workers: int) -> dict[str, object]:
    prepare(url, n)
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    started = time.perf_counter()
    processes = [multiprocessing.Process(target=work, args=(url, queue)) for _ in range(workers)]
    for process in processes:
        process.start()
    sent = sum(queue.get() for _ in processes)
    for process in processes:
        process.join()
    seconds = time.perf_counter() - started
    engine = db.make_engine(url)
    with Session(engine) as session:
        rows = session.exec(select(func.count()).select_from(OutboxMessage)).one()
        refs = session.exec(select(func.count(func.distinct(OutboxMessage.ref)))).one()
    engine.dispose()
    figures = {"checkins": n, "workers": workers, "seconds": round(seconds, 1), "sent": sent,
               "duplicates": (sent - refs) + (rows - refs)}
    print(f"{url.split(':')[0]}: {figures}")
    return figures


def postgres_schema() -> str | None:
    try:
        engine = create_engine(PG)
        schema = "bench_" + uuid.uuid4().hex[:8]
        with engine.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        return f"{PG}?options=-csearch_path%3D{schema}"
    except Exception as exc:
        print(f"PostgreSQL not reachable ({type(exc).__name__}); skipping the PostgreSQL runs")
        return None


def drop(url: str) -> None:
    schema = url.split("%3D")[1]
    engine = create_engine(PG)
    with engine.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkins", type=int, default=100_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--quick", action="store_true", help="a tiny size: the test suite's check that it runs")
    args = parser.parse_args()
    if args.quick:
        args.checkins = 200
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(measure(f"sqlite:///{tmp}/bench.sqlite3", args.checkins, 1))
    if not args.skip_postgres:
        for workers in (1, 2):
            url = postgres_schema()
            if url is None:
                break
            try:
                results.append(measure(url, args.checkins, workers))
            finally:
                drop(url)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
