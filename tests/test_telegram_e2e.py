"""End to end over HTTP: the real python-telegram-bot stack against a local fake Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.core.app import App
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.transports.telegram import TelegramTransport
from tests.conftest import make_app
from tests.fake_telegram import FakeTelegram
from tests.photo_support import metadata_of, phone_photo, size_of

USER = 4242


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token="123:TEST") as server:
        yield server


def telegram_app(url: str, content: Content, clock: ManualClock, fake: FakeTelegram, **settings: object) -> App:
    return make_app(url, content, clock, telegram_token="123:TEST", telegram_base_url=fake.base_url,
                    telegram_base_file_url=fake.base_file_url, **settings)


async def started(app: App) -> TelegramTransport:
    transport = TelegramTransport(app)
    app.transports["telegram"] = transport
    await transport.start()
    return transport


def methods_since(fake: FakeTelegram, start: int) -> list[str]:
    return [call.method for call in fake.calls[start:] if call.method != "getUpdates"]


async def step(fake: FakeTelegram, action: Any, expect: list[str]) -> list[Any]:
    """Performs a user action and waits until the bot made exactly the expected calls."""
    start = len(fake.calls)
    action()

    def answered() -> bool:
        calls = [c for c in fake.calls[start:] if c.method != "getUpdates"]
        return len(calls) >= len(expect) and all(c.status is not None for c in calls)

    deadline = asyncio.get_running_loop().time() + 5
    while not answered() and asyncio.get_running_loop().time() < deadline:
        await asyncio.sleep(0.005)
    assert methods_since(fake, start) == expect
    return [c for c in fake.calls[start:] if c.method != "getUpdates"]


async def test_onboarding_over_http(fake: FakeTelegram, sqlite_url: str, content: Content,
                                    clock: ManualClock) -> None:
    app = telegram_app(sqlite_url, content, clock, fake)
    transport = await started(app)
    try:
        menus = {call.params.get("language_code"): call.params["commands"] for call in fake.calls_of("setMyCommands")}
        assert set(menus) == {"nl", "en", "tr", "ar", "pl", "uk", None}
        assert {"command": "fikir", "description": "mahalle için bir fikir paylaşın"} in menus["tr"]
        assert {"command": "language", "description": "change language"} in menus["en"]
        assert {"command": "taal", "description": "taal wijzigen"} in menus["nl"]

        calls = await step(fake, lambda: fake.user_sends_text(USER, "/start", language_code="en"),
                           ["sendMessage", "sendMessage"])
        assert calls[0].params["text"].startswith("Hello! I am Wijkgids")
        assert calls[1].params["text"] == "Which language would you like to use?"
        keyboard = calls[1].params["reply_markup"]["inline_keyboard"]
        assert [b["text"] for row in keyboard for b in row] == [
            "English", "Nederlands", "Türkçe", "العربية", "Polski", "Українська"]

        language_message = fake.last_message_to(USER)
        calls = await step(
            fake, lambda: fake.user_presses(USER, language_message["message_id"], "onboarding:language:nl"),
            ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"],
        )
        assert "Is dat goed?" in calls[2].params["text"]
        assert "reply_markup" not in fake.sent_to(USER)[1] or not fake.buttons(fake.sent_to(USER)[1])

        consent_message = fake.last_message_to(USER)
        calls = await step(
            fake, lambda: fake.user_presses(USER, consent_message["message_id"], "onboarding:consent:yes"),
            ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage", "sendMessage"],
        )
        assert calls[2].params["text"] == "Dank je wel!"
        assert "welke wijk" in calls[3].params["text"]

        calls = await step(fake, lambda: fake.user_sends_text(USER, "6826 AA"),
                           ["sendMessage", "sendMessage", "sendMessage"])
        assert calls[0].params["text"] == "Fijn, Presikhaaf dus!"
        assert calls[1].params["text"].startswith("Ik help je")
        assert calls[2].params["text"] == "Wat wil je doen?"
        menu = [b["text"] for row in calls[2].params["reply_markup"]["inline_keyboard"] for b in row]
        assert "💡 Ik heb een idee" in menu

        # a stale button on an old message: friendly answer, nothing breaks
        calls = await step(
            fake, lambda: fake.user_presses(USER, consent_message["message_id"], "onboarding:consent:yes",
                                            check=False),
            ["answerCallbackQuery", "sendMessage"],
        )
        assert "niet meer actief" in calls[1].params["text"]

        calls = await step(fake, lambda: fake.user_sends_sticker(USER), ["sendMessage"])
        assert "stickers" in calls[0].params["text"].lower()
    finally:
        await transport.stop()


async def test_restart_mid_onboarding_continues(fake: FakeTelegram, sqlite_url: str, content: Content,
                                                clock: ManualClock) -> None:
    first = telegram_app(sqlite_url, content, clock, fake)
    transport = await started(first)
    await step(fake, lambda: fake.user_sends_text(USER, "/start"), ["sendMessage", "sendMessage"])
    language_message = fake.last_message_to(USER)
    await step(fake, lambda: fake.user_presses(USER, language_message["message_id"], "onboarding:language:en"),
               ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"])
    consent_message = fake.last_message_to(USER)
    await transport.stop()
    first.engine.dispose()

    second = telegram_app(sqlite_url, content, clock, fake)
    transport = await started(second)
    try:
        calls = await step(
            fake, lambda: fake.user_presses(USER, consent_message["message_id"], "onboarding:consent:yes"),
            ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage", "sendMessage"],
        )
        assert calls[2].params["text"] == "Thank you!"
        assert calls[3].params["text"].startswith("Which neighbourhood")
    finally:
        await transport.stop()


async def test_outbox_send_maps_errors(fake: FakeTelegram, sqlite_url: str, content: Content,
                                       clock: ManualClock) -> None:
    from bot.core.events import Reply
    from bot.core.transport import RecipientUnreachable, RetryLater

    app = telegram_app(sqlite_url, content, clock, fake)
    transport = await started(app)
    try:
        fake.fail_next("sendMessage", status=403)
        with pytest.raises(RecipientUnreachable):
            await transport.send(str(USER), Reply("hallo"))
        fake.fail_next("sendMessage", status=429, retry_after=3)
        with pytest.raises(RetryLater) as caught:
            await transport.send(str(USER), Reply("hallo"))
        assert caught.value.seconds == 3
        await transport.send(str(USER), Reply("hallo"))
        assert fake.last_message_to(USER)["text"] == "hallo"
    finally:
        await transport.stop()


async def test_full_idea_flow_over_http(fake: FakeTelegram, sqlite_url: str, content: Content,
                                        clock: ManualClock) -> None:
    app = telegram_app(sqlite_url, content, clock, fake)
    transport = await started(app)

    async def press(data: str, expect: list[str]) -> list[Any]:
        message = next((m for m in reversed(fake.sent_to(USER)) if any(
            b.get("callback_data") == data for b in fake.buttons(m))), None)
        assert message is not None, f"no button {data!r}; last message: {fake.sent_to(USER)[-1]}"
        return await step(fake, lambda: fake.user_presses(USER, message["message_id"], data), expect)

    try:
        await step(fake, lambda: fake.user_sends_text(USER, "/start"), ["sendMessage", "sendMessage"])
        await press("onboarding:language:nl", ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"])
        await press("onboarding:consent:yes",
                    ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage", "sendMessage"])
        await step(fake, lambda: fake.user_sends_text(USER, "6825"), ["sendMessage"] * 3)

        calls = await press("/idee", ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"])
        assert "eigen woorden" in calls[2].params["text"]
        calls = await step(fake, lambda: fake.user_sends_text(USER, "Een buurtfeest in de zomer <b>met</b> muziek"),
                           ["sendMessage"])
        assert calls[0].params["text"].startswith("Wat een mooi idee! Hoe zie je dat voor je?"), "it waits"
        assert "parse_mode" not in calls[0].params
        calls = await step(fake, lambda: fake.user_sends_text(USER, "Ik heb een partytent"),
                           ["sendMessage", "sendMessage"])
        assert "Feest & cultuur" in calls[1].params["text"]
        await press("idea:confirm:no", ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"])
        # multi-select: the same message is edited in place, no new message
        calls = await press("idea:themes:ontmoeten", ["answerCallbackQuery", "editMessageText"])
        labels = [b["text"] for row in calls[1].params["reply_markup"]["inline_keyboard"] for b in row]
        assert {"✅ 🎉 Feest & cultuur", "✅ 🤝 Ontmoeten"} <= set(labels)
        await press("idea:themes:done", ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"])
        await press("idea:needs:vergunning", ["answerCallbackQuery", "editMessageText"])
        await press("idea:needs:done", ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"])
        await press("idea:knows:nobody",
                    ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage", "sendMessage"])
        calls = await step(fake, lambda: fake.user_sends_text(USER, "zaterdag flyers maken"),
                           ["sendMessage", "sendMessage"])
        summary = calls[1].params["text"]
        assert "Een buurtfeest in de zomer <b>met</b> muziek" in summary and "Een vergunning" in summary

        calls = await press("idea:summary:organisation",
                            ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage", "sendMessage"])
        assert "vergunning" in calls[2].params["text"] and "wie zorgt er later voor" in calls[3].params["text"]
        calls = await step(fake, lambda: fake.user_sends_text(USER, "de buren samen"), ["sendMessage"])
        suggestions = calls[0].params["text"]
        assert "Wijkmanager Presikhaaf" in suggestions, "a permit goes to the area team"
        await press("handover:pick:wijkmanager-presikhaaf", ["answerCallbackQuery", "editMessageText"])
        # the wijkmanager cannot be reached by the bot: no "may I send it?", how to reach them at once (issue 26)
        calls = await press("handover:pick:done",
                            ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage", "sendMessage"])
        assert "Zo bereik je Wijkmanager Presikhaaf" in calls[2].params["text"]
        assert "/mijnideeen" in calls[3].params["text"]

        calls = await step(fake, lambda: fake.user_sends_text(USER, "/mijnideeen"), ["sendMessage"])
        assert "Loopt" in calls[0].params["text"]
    finally:
        await transport.stop()


async def test_runner_serves_telegram_and_delivers_the_outbox(fake: FakeTelegram, sqlite_url: str,
                                                              content: Content, clock: ManualClock) -> None:
    import asyncio

    from sqlmodel import Session, select

    from bot.core.events import Reply
    from bot.infra.models import User
    from bot.runner import run
    from bot.services.notify import notify

    app = telegram_app(sqlite_url, content, clock, fake)
    del app.transports["console"]
    stop = asyncio.Event()
    runner = asyncio.create_task(run(app, stop))
    try:
        await fake.wait_for_call("setMyCommands", count=3)
        fake.user_sends_text(USER, "/start")
        await fake.wait_for_call("sendMessage", count=2)
        with Session(app.engine) as session:
            user = session.exec(select(User)).one()
            notify(None, session, user, lambda: Reply("Een bericht uit de wijk"), kind="test",
                   now=clock.now())
            session.commit()
        app.wake_delivery()
        await fake.wait_until(lambda: fake.last_message_to(USER)["text"] == "Een bericht uit de wijk",
                              what="outbox message delivered")
    finally:
        stop.set()
        await asyncio.wait_for(runner, 10)


async def test_aanjager_flow_over_http(fake: FakeTelegram, sqlite_url: str, content: Content,
                                       clock: ManualClock) -> None:
    """Create → broadcast → RSVP → reminder → cancel, with two Telegram users."""
    from datetime import timedelta

    from sqlmodel import Session

    from bot.core.delivery import DeliveryWorker
    from bot.core.scheduling import run_due_jobs
    from bot.infra.crud import invites as invites_crud
    from bot.infra.models import InviteKind

    aanjager, resident, second = 111, 222, 333
    app = telegram_app(sqlite_url, content, clock, fake, max_photo_mb=1)
    transport = await started(app)

    async def press(user: int, label: str, expect: list[str]) -> list[Any]:
        message = next((m for m in reversed(fake.sent_to(user)) for b in fake.buttons(m) if label in b["text"]), None)
        assert message is not None, f"no button {label!r}: {fake.sent_to(user)[-1]}"
        data = fake.button(message, next(b["text"] for b in fake.buttons(message) if label in b["text"]))
        return await step(fake, lambda: fake.user_presses(user, message["message_id"], data["callback_data"]), expect)

    async def onboard_user(user: int) -> None:
        await step(fake, lambda: fake.user_sends_text(user, "/start"), ["sendMessage", "sendMessage"])
        await press(user, "Nederlands", ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"])
        await press(user, "Ja", ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage", "sendMessage"])
        await step(fake, lambda: fake.user_sends_text(user, "6825"), ["sendMessage"] * 3)

    pressed = ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"]
    try:
        for user in (aanjager, resident, second):
            await onboard_user(user)
        with Session(app.engine) as session:
            code = invites_crud.create_invite(session, kind=InviteKind.AANJAGER, target="presikhaaf",
                                              now=clock.now(), valid_for=timedelta(days=1)).code
            session.commit()
        await step(fake, lambda: fake.user_sends_text(aanjager, f"/aanjager {code}"), ["sendMessage"])
        await step(fake, lambda: fake.user_sends_text(aanjager, "/nieuweactiviteit"), ["sendMessage"])
        await step(fake, lambda: fake.user_sends_text(aanjager, "Buurtbarbecue"), ["sendMessage"])
        await press(aanjager, "Geen beschrijving", pressed)
        await step(fake, lambda: fake.user_sends_text(aanjager, "za 12 dec 16:00-19:00"), ["sendMessage"])
        await press(aanjager, "Park Presikhaaf", pressed)
        await press(aanjager, "Nee", pressed)
        calls = await step(fake, lambda: fake.user_sends_text(aanjager, "1"), ["sendMessage"])
        assert "foto of flyer" in calls[0].params["text"]
        # what is not a picture, and a picture over the limit, get a friendly answer and the question again
        fake.user_sends_photo(aanjager, content=b"no picture in here")
        calls = await step(fake, lambda: None, ["getFile", "sendMessage", "sendMessage"])
        assert "kon ik niet openen" in calls[1].params["text"] and "foto of flyer" in calls[2].params["text"]
        fake.user_sends_photo(aanjager, content=b"x" * (1024 * 1024 + 1))
        calls = await step(fake, lambda: None, ["getFile", "sendMessage", "sendMessage"])
        assert "te groot voor mij (hooguit 1 MB)" in calls[1].params["text"]
        # the flyer: fetched once, kept without the place it was taken, shown by the bot's own upload
        fake.user_sends_photo(aanjager, content=phone_photo(2400, 1800))
        await step(fake, lambda: None, ["getFile", "sendMessage"])
        calls = await press(aanjager, "Eenmalig", ["answerCallbackQuery", "editMessageReplyMarkup", "sendPhoto"])
        upload = calls[2].params["photo"]
        assert isinstance(upload, dict) and "Plek voor 1 persoon" in calls[2].params["caption"]
        assert size_of(upload["content"]) == (1600, 1200) and metadata_of(upload["content"]) == {}
        file_id = calls[2].response["result"]["photo"][-1]["file_id"]
        await press(aanjager, "Publiceren", pressed)
        calls = await press(aanjager, "Omroepen", pressed)
        assert "Dit sturen naar 2 bewoners van Presikhaaf?" in calls[2].params["text"]
        calls = await press(aanjager, "Versturen", pressed)
        assert calls[2].params["text"] == "Onderweg naar 2 bewoners."

        await DeliveryWorker(app).drain_all()
        announcement = fake.last_message_to(resident)
        assert announcement["caption"].startswith("📣 Nieuws uit je wijk Presikhaaf:\n\n🗓️ Buurtbarbecue")
        assert announcement["photo"][0]["file_id"] == file_id, "uploaded once, then sent by its file_id"
        assert "16:00–19:00" in announcement["caption"]
        await press(resident, "Ik kom", pressed)
        calls = await press(second, "Ik kom", pressed)
        assert "wachtlijst" in calls[2].params["text"]
        await step(fake, lambda: fake.user_sends_text(aanjager, "/mijnactiviteiten"), ["sendPhoto"])
        assert "1 komt, 0 misschien, 0 helpen, 1 op de wachtlijst" in fake.last_message_to(aanjager)["caption"]
        await press(resident, "Ik kan toch niet", pressed)
        await DeliveryWorker(app).drain_all()
        assert "plek vrijgekomen bij Buurtbarbecue" in fake.last_message_to(second)["text"]

        clock.set(clock.now().replace(month=12, day=11, hour=10))
        await run_due_jobs(app)
        await DeliveryWorker(app).drain_all()
        assert fake.last_message_to(second)["text"].startswith("Herinnering: morgen is Buurtbarbecue.")

        await step(fake, lambda: fake.user_sends_text(aanjager, "/mijnactiviteiten"), ["sendPhoto"])
        assert "1 komt" in fake.last_message_to(aanjager)["caption"]
        await press(aanjager, "afgelasten", ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"])
        await DeliveryWorker(app).drain_all()
        cancelled = [m for m in fake.sent_to(second) if m.get("text", "").startswith("Afgelast: Buurtbarbecue")]
        assert cancelled, fake.sent_to(second)[-1]
        assert not [m for m in fake.sent_to(resident) if m.get("text", "").startswith("Afgelast")]
    finally:
        await transport.stop()


async def test_success_story_photo_over_http(fake: FakeTelegram, sqlite_url: str, content: Content,
                                             clock: ManualClock) -> None:
    """The photo a Telegram user sends with a success story: sent as a file (uncompressed, with its metadata),
    fetched once, shown to neighbours without the metadata and then by the bot's own file_id."""
    from sqlmodel import Session, select

    from bot.core.delivery import DeliveryWorker
    from bot.infra.crud import activities as activities_crud
    from bot.infra.models import User
    from tests.support import onboard
    from tests.test_checkins import deliver, hand_over

    app = telegram_app(sqlite_url, content, clock, fake)
    transport = await started(app)
    try:
        initiator = await onboard(app, str(USER), transport="telegram")
        await hand_over(initiator)
        neighbour = 4343
        await onboard(app, str(neighbour), transport="telegram")
        reviewer = 4545
        await onboard(app, str(reviewer), transport="telegram")
        with Session(app.engine) as session:
            aanjager = session.exec(select(User).where(User.external_id == str(reviewer))).one()
            activities_crud.add_aanjager(session, user=aanjager, wijk_id="presikhaaf", now=clock.now())
            session.commit()
        clock.advance(days=7)
        await deliver(app)
        checkin = fake.last_message_to(USER)
        done = next(b["callback_data"] for b in fake.buttons(checkin) if "Gelukt" in b["text"])
        await step(fake, lambda: fake.user_presses(USER, checkin["message_id"], done),
                   ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"])

        fake.user_sends_document(USER, content=phone_photo(800, 600), filename="IMG_2031.jpg", mime_type="image/jpeg",
                                 caption="Elke dinsdag koffie in de flat!")
        calls = await step(fake, lambda: None, ["getFile", "sendMessage"])
        assert "Mag ik je verhaal delen" in calls[1].params["text"]
        share = next(b["callback_data"] for b in fake.buttons(fake.last_message_to(USER)) if "Ja" in b["text"])
        calls = await step(fake, lambda: fake.user_presses(USER, fake.last_message_to(USER)["message_id"], share),
                           ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage", "sendMessage"])
        assert "vergelijkbaar idee" in calls[3].params["text"], "after a success: may new initiators ask for tips?"

        await DeliveryWorker(app).drain_all()
        request = fake.last_message_to(reviewer)
        assert "Lees je het even" in request["caption"] and "niemand op de foto staat" in request["caption"], \
            "the aanjager reviews the story and its photo first"
        [review] = [c for c in fake.calls_of("sendPhoto") if c.params["chat_id"] == reviewer]
        upload = review.params["photo"]
        assert isinstance(upload, dict) and metadata_of(upload["content"]) == {}, "no place, no owner's name"
        assert size_of(upload["content"]) == (800, 600)
        file_id = review.response["result"]["photo"][-1]["file_id"]
        publish = next(b["callback_data"] for b in fake.buttons(request) if "Publiceren" in b["text"])
        await step(fake, lambda: fake.user_presses(reviewer, request["message_id"], publish),
                   ["answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"])

        calls = await step(fake, lambda: fake.user_sends_text(neighbour, "/verhalen"), ["sendMessage", "sendPhoto"])
        assert calls[1].params["caption"] == "✨ “Elke dinsdag koffie in de flat!”"
        assert calls[1].params["photo"] == file_id, "uploaded once, then sent by the bot's own file_id"
        assert fake.last_message_to(neighbour)["photo"][0]["file_id"] == file_id
        assert len(fake.calls_of("getFile")) == 1, "fetched once"
    finally:
        await transport.stop()


async def test_webhook_mode_answers_telegram_and_refuses_forged_updates(fake: FakeTelegram, sqlite_url: str,
                                                                        content: Content, clock: ManualClock) -> None:
    import socket

    import aiohttp

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/telegram/hook"
    app = make_app(sqlite_url, content, clock, telegram_token="123:TEST", telegram_base_url=fake.base_url,
                   telegram_base_file_url=fake.base_file_url, telegram_webhook_url=url,
                   telegram_webhook_listen="127.0.0.1", telegram_webhook_port=port)
    transport = await started(app)
    try:
        [registered] = fake.calls_of("setWebhook")
        assert registered.params["url"] == url and fake.webhook_url == url
        secret = registered.params["secret_token"]
        assert len(secret) >= 32
        update = fake.user_sends_text(USER, "/start")
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guessed"}) as forged:
                assert forged.status == 403
            await asyncio.sleep(0.2)
            assert fake.calls_of("sendMessage") == [], "a forged update is not handled"
            headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
            async with http.post(url, json=update, headers=headers) as delivered:
                assert delivered.status == 200
        await fake.wait_for_call("sendMessage", 2)
        assert [m["text"] for m in fake.sent_to(USER)] == ["Hoi! Ik ben Wijkgids, je gids in de wijk.",
                                                           "Welke taal wil je gebruiken?"]
    finally:
        await transport.stop()


async def test_a_redelivered_update_is_handled_once_also_after_a_restart(
        fake: FakeTelegram, sqlite_url: str, content: Content, clock: ManualClock) -> None:
    """Telegram sends an update again (same update_id) when the bot did not confirm it before a restart: the
    second copy gets no second answer, and the memory of it is in the database, not in the process."""
    app = telegram_app(sqlite_url, content, clock, fake)
    transport = await started(app)
    try:
        update: dict[str, Any] = {}
        calls = await step(fake, lambda: update.update(fake.user_sends_text(USER, "/start", language_code="en")),
                           ["sendMessage", "sendMessage"])
        assert calls[1].params["text"] == "Which language would you like to use?"
        language = fake.last_message_to(USER)
    finally:
        await transport.stop()
        app.engine.dispose()

    restarted = telegram_app(sqlite_url, content, clock, fake)
    transport = await started(restarted)
    try:
        first = len(fake.calls)
        fake.redeliver(update)
        # the next step of onboarding, answered after the copy (one chat, in order)
        fake.user_presses(USER, language["message_id"], "onboarding:language:en")
        await fake.wait_until(lambda: any(c.method == "sendMessage" and c.status is not None
                                          and "Which language" not in c.params["text"]
                                          and "Hello! I am Wijkgids" not in c.params["text"]
                                          for c in fake.calls[first:]), what="the answer to the language")
        texts = [c.params["text"] for c in fake.calls[first:] if c.method == "sendMessage"]
        assert not any("Hello! I am Wijkgids" in t for t in texts), f"the copy was answered again: {texts}"
    finally:
        await transport.stop()
        restarted.engine.dispose()
