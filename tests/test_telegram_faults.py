"""Telegram API errors on the reply path, injected by the fake Bot API, handled per their meaning."""

from __future__ import annotations

import asyncio

from sqlmodel import Session, select

from bot.core.delivery import DeliveryWorker
from bot.core.events import Reply
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.models import OutboxMessage, OutboxStatus, User
from bot.services.notify import notify
from tests.conftest import make_app
from tests.fake_telegram import FakeTelegram
from tests.test_telegram_e2e import USER, fake, started, step, telegram_app  # noqa: F401


async def test_server_error_then_success_still_answers(fake: FakeTelegram, sqlite_url: str, content: Content,  # noqa: F811
                                                       clock: ManualClock) -> None:
    app = telegram_app(sqlite_url, content, clock, fake)
    transport = await started(app)
    try:
        fake.fail_next("sendMessage", status=500, description="Internal Server Error")
        await step(fake, lambda: fake.user_sends_text(USER, "/start"), ["sendMessage"] * 3)
        texts = [m["text"] for m in fake.sent_to(USER)]
        assert texts == ["Hoi! Ik ben Wijkgids, je gids in de wijk.", "Welke taal wil je gebruiken?"]
    finally:
        await transport.stop()


async def test_flood_control_pauses_then_delivers(fake: FakeTelegram, sqlite_url: str, content: Content,  # noqa: F811
                                                  clock: ManualClock) -> None:
    app = telegram_app(sqlite_url, content, clock, fake)
    transport = await started(app)
    try:
        fake.fail_next("sendMessage", status=429, retry_after=1)
        await step(fake, lambda: fake.user_sends_text(USER, "/start"), ["sendMessage"] * 3)
        first_try, retry = fake.calls_of("sendMessage")[:2]
        assert retry.time - first_try.time >= 0.9, "nothing was sent during the pause"
        assert len(fake.sent_to(USER)) == 2
    finally:
        await transport.stop()


async def test_blocked_user_is_marked_unreachable(fake: FakeTelegram, sqlite_url: str, content: Content,  # noqa: F811
                                                  clock: ManualClock) -> None:
    app = telegram_app(sqlite_url, content, clock, fake)
    transport = await started(app)
    try:
        fake.user_blocks_bot(USER)
        await step(fake, lambda: fake.user_sends_text(USER, "/start"), ["sendMessage"])

        def unreachable() -> bool:
            with Session(app.engine) as session:
                return session.exec(select(User)).one().unreachable

        for _ in range(100):
            if unreachable():
                break
            await asyncio.sleep(0.02)
        assert unreachable()
        assert len(fake.calls_of("sendMessage")) == 1, "no second try at a user who blocked the bot"
    finally:
        await transport.stop()


async def test_deleted_message_cannot_be_edited_but_the_answer_comes(fake: FakeTelegram, sqlite_url: str,  # noqa: F811
                                                                     content: Content, clock: ManualClock) -> None:
    app = telegram_app(sqlite_url, content, clock, fake)
    transport = await started(app)
    try:
        await step(fake, lambda: fake.user_sends_text(USER, "/start"), ["sendMessage", "sendMessage"])
        message = fake.last_message_to(USER)
        fake.fail_next("editMessageReplyMarkup", status=400, description="Bad Request: message to edit not found")
        calls = await step(fake, lambda: fake.user_presses(USER, message["message_id"], "onboarding:language:nl"),
                           ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"])
        assert "Is dat goed?" in calls[2].params["text"]
    finally:
        await transport.stop()


async def test_timed_out_reply_is_sent_again(fake: FakeTelegram, sqlite_url: str, content: Content,  # noqa: F811
                                             clock: ManualClock) -> None:
    app = make_app(sqlite_url, content, clock, telegram_token="123:TEST", telegram_base_url=fake.base_url,
                   telegram_base_file_url=fake.base_file_url, telegram_timeout_s=0.3)
    transport = await started(app)
    try:
        # Telegram carries out the slow call after the bot gave up on it, so the user may see it twice:
        # a duplicate beats a lost answer for someone who is waiting.
        fake.fail_next("sendMessage", delay=1.0)
        fake.user_sends_text(USER, "/start")
        await fake.wait_until(lambda: len(fake.sent_to(USER)) >= 3, what="three messages to the user")
        texts = sorted(m["text"] for m in fake.sent_to(USER))
        assert texts == ["Hoi! Ik ben Wijkgids, je gids in de wijk."] * 2 + ["Welke taal wil je gebruiken?"]
        first, retry = fake.calls_of("sendMessage")[:2]
        assert retry.time - first.time < 1.0, "the bot did not wait for the slow call to come back"
    finally:
        await transport.stop()


async def test_timed_out_outbox_message_is_retried_later(fake: FakeTelegram, sqlite_url: str,  # noqa: F811
                                                         content: Content, clock: ManualClock) -> None:
    app = make_app(sqlite_url, content, clock, telegram_token="123:TEST", telegram_base_url=fake.base_url,
                   telegram_base_file_url=fake.base_file_url, telegram_timeout_s=0.3)
    transport = await started(app)
    try:
        await step(fake, lambda: fake.user_sends_text(USER, "/start"), ["sendMessage"] * 2)
        with Session(app.engine) as session:
            user = session.exec(select(User)).one()
            notify(None, session, user, lambda: Reply("Hoe gaat het met je idee?"), kind="checkin",
                   now=clock.now())
            session.commit()
        fake.fail_next("sendMessage", status=500, delay=1.0)
        worker = DeliveryWorker(app)
        await worker.drain_all()
        with Session(app.engine) as session:
            message = session.exec(select(OutboxMessage)).one()
            assert message.status == OutboxStatus.PENDING, "a timeout is not a failure"
            assert message.not_before is not None and message.not_before > clock.now()
        clock.advance(minutes=5)
        await worker.drain_all()
        with Session(app.engine) as session:
            assert session.exec(select(OutboxMessage)).one().status == OutboxStatus.SENT
        assert fake.sent_to(USER)[-1]["text"] == "Hoe gaat het met je idee?"
    finally:
        await transport.stop()
