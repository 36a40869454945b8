"""The fake Bot API itself, exercised with real python-telegram-bot objects over HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
import time
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.error import BadRequest, Conflict, EndPointNotFound, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tests.fake_telegram import FakeTelegram

TOKEN = "123:TEST"
KEYBOARD = InlineKeyboardMarkup([[InlineKeyboardButton("✅ Ja", callback_data="yes")]])


@pytest_asyncio.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TOKEN) as server:
        yield server


def make_bot(fake: FakeTelegram) -> Bot:
    return Bot(TOKEN, base_url=fake.base_url, base_file_url=fake.base_file_url)


@pytest_asyncio.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    async with make_bot(fake) as client:
        yield client


@pytest.fixture(autouse=True)
def _timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    # RetryAfter.retry_after is an int/float with a deprecation warning unless this is set.
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.mark.asyncio
async def test_get_me(bot: Bot, fake: FakeTelegram) -> None:
    me = await bot.get_me()
    assert me.is_bot
    assert me.id == 123
    assert me.username == "wijkgids_test_bot"
    assert fake.calls_of("getMe")


@pytest.mark.asyncio
async def test_send_message_records_decoded_params(bot: Bot, fake: FakeTelegram) -> None:
    message = await bot.send_message(42, "Hallo", reply_markup=KEYBOARD)
    assert (message.message_id, message.chat.id, message.chat.type) == (1, 42, "private")
    assert message.date.year >= 2024
    assert message.from_user is not None and message.from_user.is_bot
    assert message.reply_markup == KEYBOARD

    params = fake.calls_of("sendMessage")[0].params
    assert params["chat_id"] == 42
    assert params["text"] == "Hallo"
    assert params["reply_markup"] == {"inline_keyboard": [[{"text": "✅ Ja", "callback_data": "yes"}]]}

    await bot.send_message(42, "123")  # looks like JSON, must stay a string
    assert fake.calls_of("sendMessage")[1].params["text"] == "123"
    assert [m["message_id"] for m in fake.sent_to(42)] == [1, 2]

    first = fake.sent_to(42)[0]
    assert fake.button(first, "yes")["text"] == "✅ Ja"
    assert fake.button(first, "Ja")["callback_data"] == "yes"  # unique substring of the label
    with pytest.raises(AssertionError, match="no unique button"):
        fake.button(first, "Nee")


# PTB strips "Bad Request: " and str.capitalize()s the rest of the description, so
# "BOT_COMMAND_INVALID" arrives as "Bot_command_invalid": match case-insensitively.


@pytest.mark.asyncio
async def test_message_validation(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)too long"):
        await bot.send_message(1, "x" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)Unsupported start tag"):
        await bot.send_message(1, "regel<br>regel", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
        await bot.send_message(1, "x", reply_markup=too_long)
    message = await bot.send_message(1, "<b>Vet</b> &amp; zo", parse_mode="HTML")
    assert message.text == "Vet & zo"


@pytest.mark.asyncio
async def test_updates_offset_confirms(bot: Bot, fake: FakeTelegram) -> None:
    sent = fake.user_sends_text(7, "hoi", first_name="Anna")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [sent["update_id"]]
    message = updates[0].message
    assert message is not None and message.text == "hoi" and not message.entities
    assert message.from_user is not None and message.from_user.language_code == "nl"
    assert message.chat.id == 7 and message.chat.first_name == "Anna"

    assert len(await bot.get_updates(timeout=0)) == 1  # not confirmed yet: delivered again
    assert await bot.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()
    assert await bot.get_updates(timeout=0) == ()  # confirmed updates are gone for good


@pytest.mark.asyncio
async def test_long_poll_waits_for_timeout(bot: Bot) -> None:
    start = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - start < 2.0


@pytest.mark.asyncio
async def test_long_poll_wakes_on_update(bot: Bot, fake: FakeTelegram) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await fake.wait_for_call("getUpdates")
    start = time.monotonic()
    fake.user_sends_location(7)
    updates = await poll
    assert time.monotonic() - start < 1.0
    assert updates[0].message is not None and updates[0].message.location is not None


@pytest.mark.asyncio
async def test_stop_ends_pending_poll() -> None:
    async with FakeTelegram(token=TOKEN) as server, make_bot(server) as client:
        poll = asyncio.create_task(client.get_updates(timeout=30))
        await server.wait_for_call("getUpdates")
        start = time.monotonic()
        await server.stop()
        assert await asyncio.wait_for(poll, 3) == ()
        assert time.monotonic() - start < 3.0


@pytest.mark.asyncio
async def test_edit_and_delete(bot: Bot, fake: FakeTelegram) -> None:
    message = await bot.send_message(42, "Hallo", reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_text("Hallo", chat_id=42, message_id=message.message_id, reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match=r"(?i)not modified"):
        await bot.edit_message_reply_markup(chat_id=42, message_id=message.message_id, reply_markup=KEYBOARD)

    edited = await bot.edit_message_text("Dag", chat_id=42, message_id=message.message_id)
    assert isinstance(edited, Message) and edited.text == "Dag" and edited.edit_date is not None
    assert "reply_markup" not in fake.last_message_to(42)  # an edit without markup drops the keyboard

    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("x", chat_id=42, message_id=99)
    assert await bot.delete_message(42, message.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(42, message.message_id)
    assert fake.sent_to(42) == []


@pytest.mark.asyncio
async def test_fail_next_429(bot: Bot, fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(1, "x")
    assert caught.value.retry_after == dtm.timedelta(seconds=7)
    assert fake.calls_of("sendMessage")[0].response == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 7",
        "parameters": {"retry_after": 7},
    }
    await bot.send_message(1, "x")  # count=1: only the first call fails
    assert (fake.http_429, fake.delivered) == (1, 1)


@pytest.mark.asyncio
async def test_fail_next_403_per_chat_and_blocked_user(bot: Bot, fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", status=403, chat_id=5)
    await bot.send_message(6, "ander gesprek")
    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(5, "x")
    await bot.send_message(5, "x")

    fake.user_blocks_bot(8)
    for _ in range(2):
        with pytest.raises(Forbidden):
            await bot.send_message(8, "x")


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "error", "match"),
    [(400, BadRequest, r"(?i)chat not found"), (500, NetworkError, "Internal Server Error")],
)
async def test_fail_next_other_statuses(
    bot: Bot, fake: FakeTelegram, status: int, error: type[Exception], match: str
) -> None:
    description = "Bad Request: chat not found" if status == 400 else None
    fake.fail_next("sendMessage", status=status, description=description, count=2)
    for _ in range(2):
        with pytest.raises(error, match=match):
            await bot.send_message(1, "x")
    await bot.send_message(1, "x")


@pytest.mark.asyncio
async def test_delay_times_out_but_is_delivered(bot: Bot, fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", delay=0.5)
    with pytest.raises(TimedOut):
        await bot.send_message(1, "traag", read_timeout=0.1)
    await fake.wait_until(lambda: len(fake.sent_to(1)) == 1, timeout=3, what="the late delivery")


@pytest.mark.asyncio
async def test_rate_limit_with_time_scale() -> None:
    # time_scale=2: the window is 0.5 s and retry_after is given in wall seconds (1 simulated s = 0.5 s).
    async with (
        FakeTelegram(token=TOKEN, rate_limit_per_s=3, per_chat_per_s=1, time_scale=2) as server,
        make_bot(server) as client,
    ):
        await client.send_message(1, "a")
        with pytest.raises(RetryAfter) as caught:
            await client.send_message(1, "b")
        assert caught.value.retry_after == dtm.timedelta(seconds=0.5)
        await client.send_message(2, "c")
        await client.send_message(3, "d")
        with pytest.raises(RetryAfter):
            await client.send_message(4, "e")  # 4th message in the window: over the global limit
        assert (server.delivered, server.http_429) == (3, 2)
        await asyncio.sleep(0.5)
        await client.send_message(1, "b")
        assert server.delivered == 4


@pytest.mark.asyncio
async def test_send_document_and_download(bot: Bot, fake: FakeTelegram) -> None:
    message = await bot.send_document(42, document=b"inhoud", filename="lijst.txt", caption="123")
    params = fake.calls_of("sendDocument")[0].params
    assert params["document"]["filename"] == "lijst.txt"
    assert params["document"]["content"] == b"inhoud"
    assert params["caption"] == "123" and params["chat_id"] == 42
    assert message.document is not None and message.document.file_name == "lijst.txt"

    file = await bot.get_file(message.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"inhoud"


@pytest.mark.asyncio
async def test_user_media_updates(bot: Bot, fake: FakeTelegram) -> None:
    fake.user_sends_photo(7, content=b"foto", caption="kijk")
    fake.user_sends_sticker(7)
    fake.user_sends_voice(7)
    fake.user_sends_document(7, content=b"doc", filename="a.pdf", mime_type="application/pdf")
    photo, sticker, voice, document = [u.message for u in await bot.get_updates(timeout=0)]
    assert photo is not None and photo.caption == "kijk"
    assert bytes(await (await photo.photo[-1].get_file()).download_as_bytearray()) == b"foto"
    assert sticker is not None and sticker.sticker is not None
    assert voice is not None and voice.voice is not None
    assert document is not None and document.document is not None
    assert document.document.mime_type == "application/pdf"


@pytest.mark.asyncio
async def test_command_has_bot_command_entity(bot: Bot, fake: FakeTelegram) -> None:
    update = fake.user_sends_text(7, "/start buurt")
    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    message = (await bot.get_updates(timeout=0))[0].message
    assert message is not None
    assert message.entities[0].type == MessageEntity.BOT_COMMAND
    assert message.parse_entities() == {message.entities[0]: "/start"}


@pytest.mark.asyncio
async def test_callback_query_round_trip(bot: Bot, fake: FakeTelegram) -> None:
    message = await bot.send_message(7, "Kies", reply_markup=KEYBOARD)
    fake.user_presses(7, message.message_id, "yes")
    with pytest.raises(AssertionError, match="no button"):
        fake.user_presses(7, message.message_id, "no")

    query = (await bot.get_updates(timeout=0))[0].callback_query
    assert query is not None and query.data == "yes" and query.from_user.id == 7
    assert isinstance(query.message, Message) and query.message.reply_markup == KEYBOARD

    assert await bot.answer_callback_query(query.id, text="Top")
    assert fake.calls_of("answerCallbackQuery")[0].params == {"callback_query_id": query.id, "text": "Top"}
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query.id)


@pytest.mark.asyncio
async def test_commands_webhook_and_unknown_method(bot: Bot, fake: FakeTelegram) -> None:
    assert await bot.set_my_commands([("start", "Begin")], language_code="nl")
    assert [c.command for c in await bot.get_my_commands(language_code="nl")] == ["start"]
    assert await bot.get_my_commands() == ()
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Start-Nu", "Begin")])
    assert await bot.delete_my_commands(language_code="nl")
    assert await bot.send_chat_action(7, "typing")

    assert await bot.set_webhook("https://example.invalid/hook")
    assert (await bot.get_webhook_info()).url == "https://example.invalid/hook"
    with pytest.raises(Conflict, match=r"(?i)webhook is active"):
        await bot.get_updates(timeout=0)
    assert await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == ()

    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("fooBar")
    assert fake.calls_of("fooBar")[0].response == {
        "ok": False,
        "error_code": 404,
        "description": "Not Found: method not found",
    }


@pytest.mark.asyncio
async def test_wait_for_call_reports_calls_seen(bot: Bot, fake: FakeTelegram) -> None:
    await bot.send_message(1, "iets")
    with pytest.raises(AssertionError, match=r"(?s)1 x sendPhoto.*sendMessage\(.*'iets'"):
        await fake.wait_for_call("sendPhoto", timeout=0.2)
    fake.clear_calls()
    with pytest.raises(AssertionError):
        await fake.wait_for_call("sendMessage", timeout=0.1)


@pytest.mark.asyncio
async def test_application_polling_round_trip(fake: FakeTelegram) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None
        await update.message.reply_text("Welkom", reply_markup=KEYBOARD)

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        await query.edit_message_text(f"Gekozen: {query.data}")

    app = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).base_file_url(fake.base_file_url).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))

    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=1)  # type: ignore[union-attr]
        try:
            fake.user_sends_text(7, "/start")
            await fake.wait_for_call("sendMessage")
            welcome = fake.last_message_to(7)
            assert welcome["text"] == "Welkom"

            fake.user_presses(7, welcome["message_id"], fake.button(welcome, "Ja")["callback_data"])
            await fake.wait_for_call("editMessageText")
            assert fake.calls_of("answerCallbackQuery")
            assert fake.last_message_to(7)["text"] == "Gekozen: yes"
            assert not fake.buttons(fake.last_message_to(7))

            fake.user_sends_text(7, "hallo buren")
            await fake.wait_for_call("sendMessage", count=2)
            assert fake.last_message_to(7)["text"] == "hallo buren"
        finally:
            start_stop = time.monotonic()
            await app.updater.stop()  # type: ignore[union-attr]
            await app.stop()
    assert time.monotonic() - start_stop < 3.0
    assert [m["text"] for m in fake.sent_to(7)] == ["Gekozen: yes", "hallo buren"]
