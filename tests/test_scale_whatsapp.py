"""WhatsApp in a scaled-out bot, on PostgreSQL: the ingress's webhook stores each message in `inbound_update`
before it answers 200, a worker (the real `--role worker` runner) handles it in order per resident and answers
through the send rate all processes share. In one process here: the ingress's webhook and a worker's runner."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Sequence

from sqlalchemy import text
from sqlmodel import Session, col, select

from bot import scale
from bot.core.app import App
from bot.core.transport import StoredUpdate
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.models import InboundUpdate, WhatsAppInbox
from bot.runner import run
from bot.transports.whatsapp import WhatsAppTransport
from bot.web.server import WebServer
from tests.conftest import make_app
from tests.fake_whatsapp import FakeWhatsApp
from tests.whatsapp_support import VERIFY_TOKEN

ANNA, BOB = "31612345678", "31687654321"


def open_updates(app: App) -> int:
    with Session(app.engine) as session:
        return len(session.exec(select(InboundUpdate.id).where(col(InboundUpdate.handled_at).is_(None))).all())


def whatsapp_settings(fake: FakeWhatsApp) -> dict[str, object]:
    return {"whatsapp_phone_number_id": fake.phone_number_id, "whatsapp_access_token": fake.token,
            "whatsapp_app_secret": fake.app_secret, "whatsapp_verify_token": VERIFY_TOKEN,
            "whatsapp_graph_url": fake.base_url, "whatsapp_rate_per_s": 50.0, "poll_interval_s": 0.2,
            "worker_heartbeat_s": 1.0, "stalled_after_s": 3.0, "recover_every_s": 1.0}


async def test_webhook_stores_for_the_workers_and_a_worker_answers(postgres_url: str, content: Content,
                                                                   clock: ManualClock) -> None:
    async with FakeWhatsApp(clock=clock.now) as fake:
        ingress = make_app(postgres_url, content, clock, **whatsapp_settings(fake))
        scale.ensure_schema(ingress)
        queue = scale.Queue(ingress)
        await queue.procrastinate.open_async()
        ingress.ingress = queue
        webhook = WhatsAppTransport(ingress)
        ingress.transports["whatsapp"] = webhook
        web = WebServer(ingress, port=0)
        await web.start()
        fake.webhook_url = f"http://127.0.0.1:{web.port}{ingress.settings.whatsapp_webhook_path}"
        worker = make_app(postgres_url, content, clock, **whatsapp_settings(fake))
        stop = asyncio.Event()
        running = None
        try:
            for wa_id in (ANNA, BOB, ANNA):
                await fake.user_sends_text(wa_id, "hallo")
            with Session(ingress.engine) as session:  # answered 200 only once stored: all three are there
                stored = session.exec(select(InboundUpdate).where(InboundUpdate.transport == "whatsapp")).all()
                assert len(stored) == 3
                assert not session.exec(select(WhatsAppInbox)).all(), "not the one-process inbox"
                assert ANNA not in {row.person_key for row in stored}, "phone numbers stay out of the queue's logs"
            running = asyncio.create_task(run(worker, stop, role="worker"))
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and open_updates(ingress) > 0:
                await asyncio.sleep(0.1)
            assert open_updates(ingress) == 0, "the worker handled all three"
            assert fake.messages_to(ANNA) and fake.messages_to(BOB), "and answered both residents"
            with Session(ingress.engine) as session:
                shared = session.execute(text("SELECT count(*) FROM send_rate WHERE name = 'whatsapp'")).scalar()
            assert shared == 1, "the answers went through the send rate every process shares"
        finally:
            stop.set()
            if running is not None:
                await asyncio.wait_for(running, 30)
            await web.stop()
            await queue.procrastinate.close_async()
            ingress.engine.dispose()
            worker.engine.dispose()


class BrokenIngress:
    async def accept(self, updates: Sequence[StoredUpdate]) -> int:
        raise ConnectionError("database gone")


async def test_webhook_answers_503_when_it_cannot_store(sqlite_url: str, content: Content,
                                                        clock: ManualClock) -> None:
    """Meta delivers again what was not answered 200: a message the ingress could not store is not lost."""
    async with FakeWhatsApp(clock=clock.now) as fake:
        app = make_app(sqlite_url, content, clock, **whatsapp_settings(fake))
        app.ingress = BrokenIngress()
        app.transports["whatsapp"] = WhatsAppTransport(app)
        web = WebServer(app, port=0)
        await web.start()
        fake.webhook_url = f"http://127.0.0.1:{web.port}{app.settings.whatsapp_webhook_path}"
        try:
            status = await fake.post(fake.delivery(messages=[fake.message(ANNA, "text", {"body": "hallo"})],
                                                   contacts=[{"profile": {"name": "Anna"}, "wa_id": ANNA}]))
        finally:
            await web.stop()
            with contextlib.suppress(Exception):
                app.engine.dispose()
        assert status == 503
        with Session(app.engine) as session:
            assert not session.exec(select(WhatsAppInbox).where(col(WhatsAppInbox.wamid).is_not(None))).all()
