"""The Telegram ingress with a webhook: each update is stored for the workers before Telegram gets its 200, a
forged one (wrong secret token) is refused, and one that could not be stored is answered 500 so that Telegram
delivers it again. Telegram's side is played by posting to the webhook as Telegram does."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager

import httpx
from sqlmodel import Session, select

from bot import scale
from bot.core.app import App
from bot.core.transport import StoredUpdate
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.models import InboundUpdate
from bot.transports.telegram import TelegramTransport
from tests.conftest import make_app
from tests.fake_telegram import FakeTelegram
from tests.scale_harness import free_port

SECRET = "s3cret-token"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_app(url: str, content: Content, clock: ManualClock, fake: FakeTelegram) -> tuple[App, str]:
    port = free_port()
    hook = f"http://127.0.0.1:{port}/telegram/hook"
    app = make_app(url, content, clock, telegram_token=fake.token, telegram_base_url=fake.base_url,
                   telegram_webhook_url=hook, telegram_webhook_port=port, telegram_webhook_secret=SECRET)
    return app, hook


def stored_updates(app: App) -> list[InboundUpdate]:
    with Session(app.engine) as session:
        return list(session.exec(select(InboundUpdate)).all())


async def test_each_update_is_stored_before_the_200(postgres_url: str, content: Content, clock: ManualClock) -> None:
    async with FakeTelegram(token="123:TEST") as fake:
        app, hook = webhook_app(postgres_url, content, clock, fake)
        scale.ensure_schema(app)
        queue = scale.Queue(app)
        await queue.procrastinate.open_async()
        app.ingress = queue
        telegram = TelegramTransport(app)
        app.transports["telegram"] = telegram
        await telegram.start()
        try:
            assert fake.webhook_url == hook, "the webhook was set with Telegram"
            async with httpx.AsyncClient() as client:
                forged = await client.post(hook, json=fake.user_sends_text(42, "hallo"), headers={HEADER: "guess"})
                assert forged.status_code == 403
                assert stored_updates(app) == []
                updates = [fake.user_sends_text(42, f"bericht {n}") for n in range(3)]
                for n, update in enumerate(updates):
                    answer = await client.post(hook, json=update, headers={HEADER: SECRET})
                    assert answer.status_code == 200
                    assert len(stored_updates(app)) == n + 1, "stored before Telegram heard it arrived"
                again = await client.post(hook, json=updates[0], headers={HEADER: SECRET})  # a redelivery
                assert again.status_code == 200
                assert len(stored_updates(app)) == 3
        finally:
            await telegram.stop()
            await queue.procrastinate.close_async()
            app.engine.dispose()
        assert [row.person_key for row in stored_updates(app)] == ["telegram:42"] * 3


class BrokenIngress:
    async def accept(self, updates: Sequence[StoredUpdate]) -> int:
        raise ConnectionError("database gone")


async def test_an_update_that_cannot_be_stored_is_not_answered_200(sqlite_url: str, content: Content,
                                                                    clock: ManualClock) -> None:
    async with FakeTelegram(token="123:TEST") as fake:
        app, hook = webhook_app(sqlite_url, content, clock, fake)
        app.ingress = BrokenIngress()
        telegram = TelegramTransport(app)
        app.transports["telegram"] = telegram
        await telegram.start()
        try:
            async with httpx.AsyncClient() as client:
                answer = await client.post(hook, json=fake.user_sends_text(42, "hallo"), headers={HEADER: SECRET})
        finally:
            await telegram.stop()
            app.engine.dispose()
    assert answer.status_code == 500, "Telegram delivers again what was not answered 200"


class RecordingPacer:
    def __init__(self) -> None:
        self.sends = 0

    @asynccontextmanager
    async def sending(self, key: int, messages: int = 1) -> AsyncIterator[None]:
        self.sends += messages
        yield


async def test_a_workers_direct_answers_take_the_shared_rate(sqlite_url: str, content: Content,
                                                             clock: ManualClock) -> None:
    """A worker answers the updates the ingress stored; those answers count towards the bot's 30/s as much as a
    broadcast does, so they take their moment from the shared rate too."""
    async with FakeTelegram(token="123:TEST") as fake:
        app = make_app(sqlite_url, content, clock, telegram_token=fake.token, telegram_base_url=fake.base_url)
        telegram = TelegramTransport(app)
        app.transports["telegram"] = telegram
        await telegram.start(receive=False)
        pacer = RecordingPacer()
        telegram.reply_pacer = pacer
        try:
            await telegram.handle_stored(fake.user_sends_text(42, "hallo"))
        finally:
            await telegram.stop()
            app.engine.dispose()
        answers = [c for c in fake.calls_of("sendMessage") if c.status == 200]
    assert answers
    assert pacer.sends == len(answers)
