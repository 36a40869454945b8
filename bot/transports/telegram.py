"""The Telegram transport on python-telegram-bot: updates in, neutral events to the core, replies out.

Texts are sent without parse_mode, so nothing a user typed can break formatting.
Conversation state is not kept by PTB (no ConversationHandler): the core keeps it
in the database. Updates of one chat are handled in order, different chats
concurrently.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
import secrets
from collections import defaultdict
from collections.abc import Awaitable, Iterator
from dataclasses import replace
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlmodel import Session
from telegram import (
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    Update,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application, ApplicationBuilder, BaseUpdateProcessor, ContextTypes, TypeHandler

from bot.core.app import App
from bot.core.commands import command_name
from bot.core.events import Incoming, Kind, Reply
from bot.core.transport import (
    DeliveryError,
    PhotoTooLarge,
    PhotoUnavailable,
    RecipientUnreachable,
    RetryLater,
    StoredUpdate,
)
from bot.infra.crud import media as media_crud
from bot.infra.crud import users as users_crud
from bot.infra.i18n import LOCALES, use_locale
from bot.infra.photos import extension_of

log = logging.getLogger(__name__)
os.environ.setdefault("PTB_TIMEDELTA", "1")  # RetryAfter.retry_after as a timedelta, without deprecation noise

PHOTO_CAPTION_LIMIT = 1024
MEDIA_ATTRIBUTES = (
    "sticker", "photo", "voice", "audio", "video", "video_note", "animation",
    "location", "venue", "document", "contact", "poll", "dice",
)
SHORT_LABEL = 18
REPLY_ATTEMPTS = 3
MAX_REPLY_WAIT_S = 30.0


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class PerChatOrder(BaseUpdateProcessor):
    """Different chats concurrently, one chat strictly in order."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = update.effective_chat if isinstance(update, Update) else None
        if chat is None:
            await coroutine
            return
        lock = self._locks[chat.id]
        async with lock:
            await coroutine
        if not lock.locked() and len(self._locks) > 10_000:
            self._locks.pop(chat.id, None)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.choices:
        return None
    buttons = [InlineKeyboardButton(c.label, callback_data=c.data) for c in reply.choices]
    rows: list[list[InlineKeyboardButton]] = []
    for button in buttons:
        if rows and len(rows[-1]) == 1 and len(rows[-1][0].text) <= SHORT_LABEL and len(button.text) <= SHORT_LABEL:
            rows[-1].append(button)
        else:
            rows.append([button])
    return InlineKeyboardMarkup(rows)


def to_incoming(update: Update) -> Incoming | None:
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None or user.is_bot or chat.type != "private":
        return None
    common: dict[str, Any] = {
        "language_hint": user.language_code,
        "display_name": user.first_name or "",
        # Telegram sends an update again when the bot did not confirm it (a restart before the next poll, a
        # webhook answer that came too late); the dispatcher handles each update_id once, in the same
        # transaction as its effects (bot.infra.crud.users.mark_event_processed)
        "event_id": str(update.update_id),
    }
    if update.callback_query is not None:
        return Incoming("telegram", str(user.id), str(chat.id), Kind.CHOICE,
                        choice=update.callback_query.data or "", **common)
    message = update.message
    if message is None:
        return None
    if message.text is not None:
        return Incoming.from_text("telegram", str(user.id), message.text, chat_id=str(chat.id), **common)
    if message.photo:
        return Incoming("telegram", str(user.id), str(chat.id), Kind.PHOTO, text=message.caption or "",
                        media="photo", photo=message.photo[-1].file_id, **common)
    document = message.document
    if document is not None and (document.mime_type or "").startswith("image/"):  # a photo sent "as a file"
        return Incoming("telegram", str(user.id), str(chat.id), Kind.PHOTO, text=message.caption or "",
                        media="photo", photo=document.file_id, **common)
    media = next((name for name in MEDIA_ATTRIBUTES if getattr(message, name, None)), "other")
    return Incoming("telegram", str(user.id), str(chat.id), Kind.UNSUPPORTED, media=media, **common)


class TelegramTransport:
    name = "telegram"
    numbered_options = False

    def __init__(self, app: App, *, concurrent_updates: int = 16) -> None:
        settings = app.settings
        if settings.telegram_token is None:
            raise ValueError("no Telegram token configured")
        self.app = app
        self.application: Application[Any, Any, Any, Any, Any, Any] = (
            ApplicationBuilder()
            .token(settings.telegram_token.get_secret_value())
            .base_url(settings.telegram_base_url)
            .base_file_url(settings.telegram_base_file_url)
            .connect_timeout(settings.telegram_timeout_s)
            .read_timeout(settings.telegram_timeout_s)
            .write_timeout(settings.telegram_timeout_s)
            .concurrent_updates(PerChatOrder(concurrent_updates))
            .build()
        )
        self.application.add_handler(TypeHandler(Update, self._on_update))
        self.application.add_error_handler(self._on_error)
        self._poller: asyncio.Task[None] | None = None
        self._webhook_server: Any = None
        self.reply_pacer: Any = None
        """A scaled-out worker's direct replies take their moment from the send rate all processes share (an
        object with `sending(key)`, bot.infra.send_rate); None: sent at once, as in one process."""
        self._webhook_task: asyncio.Task[None] | None = None

    @property
    def bot(self) -> Any:
        return self.application.bot

    # --- lifecycle ------------------------------------------------------------------
    async def start(self, *, receive: bool = True) -> None:
        """Receives updates (polling or webhook) and sends; a worker of a scaled-out bot only sends
        (`receive=False`): it gets the updates the ingress stored through `handle_stored`."""
        await self.application.initialize()
        if not receive:
            return
        await self.set_commands()
        if self.app.ingress is not None and self.app.settings.telegram_webhook_url:
            await self._start_ingress_webhook()
            log.info("Telegram ingress started (webhook, updates stored for the workers before the 200)")
            return
        if self.app.ingress is not None:
            self._poller = asyncio.create_task(self._poll_into_ingress(), name="telegram-ingress")
            log.info("Telegram ingress started (long polling, updates stored for the workers)")
            return
        await self.application.start()
        settings = self.app.settings
        updater = self.application.updater
        assert updater is not None
        if settings.telegram_webhook_url:
            secret = settings.telegram_webhook_secret
            await updater.start_webhook(
                listen=settings.telegram_webhook_listen,
                port=settings.telegram_webhook_port,
                url_path=urlsplit(settings.telegram_webhook_url).path.strip("/"),
                webhook_url=settings.telegram_webhook_url,
                secret_token=secret.get_secret_value() if secret else secrets.token_urlsafe(32),
                allowed_updates=["message", "callback_query"],
            )
        else:
            await updater.start_polling(allowed_updates=["message", "callback_query"], timeout=10)
        log.info("Telegram transport started")

    async def stop(self) -> None:
        if self._webhook_server is not None:
            self._webhook_server.should_exit = True
            if self._webhook_task is not None:
                await self._webhook_task
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
        updater = self.application.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()

    async def set_commands(self) -> None:
        """The command menu in each language, and the default language for everyone else."""
        specs = self.app.registry.visible_commands()
        for code in (*LOCALES, None):
            with use_locale(code or self.app.settings.default_locale):
                commands = [BotCommand(command_name(spec.name, code), str(spec.description)) for spec in specs]
            await self.bot.set_my_commands(commands, language_code=code)

    # --- incoming ---------------------------------------------------------------------
    async def _poll_into_ingress(self) -> None:
        """The ingress's long polling: each batch is stored (and queued) before the next getUpdates confirms it
        to Telegram, so an ingress killed at any moment loses nothing (Telegram delivers it again; stored twice
        is stored once). PTB's own updater confirms a batch before its handlers ran."""
        assert self.app.ingress is not None
        offset: int | None = None
        while True:
            try:
                updates = await self.bot.get_updates(offset=offset, timeout=10,
                                                     allowed_updates=["message", "callback_query"])
            except RetryAfter as exc:
                await asyncio.sleep(_seconds(exc.retry_after))
                continue
            except TelegramError as exc:
                log.warning("getUpdates failed (%s); trying again", type(exc).__name__)
                await asyncio.sleep(1.0)
                continue
            except Exception:
                log.exception("getUpdates failed; trying again")
                await asyncio.sleep(1.0)
                continue
            if not updates:
                continue
            stored = [self.stored(update) for update in updates]
            while True:
                try:
                    await self.app.ingress.accept([s for s in stored if s is not None])
                    break
                except Exception:
                    log.exception("could not store %d updates; trying again", len(updates))
                    await asyncio.sleep(1.0)
            offset = updates[-1].update_id + 1

    async def _start_ingress_webhook(self) -> None:
        """The ingress's webhook: each update is stored (and queued) before Telegram gets its 200, so an ingress
        killed at any moment loses nothing (Telegram delivers what was not answered 200 again). PTB's own
        webhook answers 200 first and handles the update afterwards."""
        import uvicorn
        from starlette.applications import Starlette
        from starlette.requests import Request
        from starlette.responses import PlainTextResponse, Response
        from starlette.routing import Route

        settings = self.app.settings
        assert self.app.ingress is not None and settings.telegram_webhook_url
        ingress = self.app.ingress
        secret = (settings.telegram_webhook_secret.get_secret_value() if settings.telegram_webhook_secret
                  else secrets.token_urlsafe(32))

        async def receive(request: Request) -> Response:
            given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
            if not hmac.compare_digest(given.encode(), secret.encode()):
                return PlainTextResponse("forbidden", status_code=403)
            try:
                update = Update.de_json(await request.json(), self.bot)
            except ValueError:
                return PlainTextResponse("bad request", status_code=400)
            stored = self.stored(update) if update is not None else None
            if stored is not None:
                try:
                    await ingress.accept([stored])
                except Exception:
                    log.exception("could not store update %s; Telegram will deliver it again", stored.update_key)
                    return PlainTextResponse("not stored", status_code=500)
            return PlainTextResponse("ok")

        path = "/" + urlsplit(settings.telegram_webhook_url).path.strip("/")
        config = uvicorn.Config(Starlette(routes=[Route(path, receive, methods=["POST"])]),
                                host=settings.telegram_webhook_listen, port=settings.telegram_webhook_port,
                                log_config=None, access_log=False, lifespan="off")
        class Server(uvicorn.Server):
            @contextlib.contextmanager
            def capture_signals(self) -> Iterator[None]:  # the runner handles the signals
                yield

        server = Server(config)
        self._webhook_server = server
        self._webhook_task = asyncio.create_task(server.serve(), name="telegram-webhook")
        while not server.started:
            if self._webhook_task.done():
                await self._webhook_task
                raise RuntimeError("the Telegram webhook stopped during start-up")
            await asyncio.sleep(0.02)
        await self.bot.set_webhook(settings.telegram_webhook_url, secret_token=secret,
                                   allowed_updates=["message", "callback_query"])

    def stored(self, update: Update) -> StoredUpdate | None:
        """An update as the ingress stores it, or None when the bot ignores it (groups, bots, edits)."""
        if to_incoming(update) is None or update.effective_user is None:
            return None
        return StoredUpdate(self.name, str(update.update_id), f"{self.name}:{update.effective_user.id}",
                            update.to_dict())

    async def handle_stored(self, payload: dict[str, Any]) -> None:
        """A worker handles an update the ingress stored, as if it had just arrived."""
        update = Update.de_json(payload, self.bot)
        if update is not None:
            await self._process(update, stored=True)

    async def _on_update(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not isinstance(update, Update):
            return
        if self.app.ingress is not None:  # a webhook delivery in the ingress: stored for the workers
            stored = self.stored(update)
            if stored is not None:
                await self.app.ingress.accept([stored])
            return
        await self._process(update)

    async def _process(self, update: Update, *, stored: bool = False) -> None:
        incoming = to_incoming(update)
        if incoming is None:
            return
        if stored:
            # stored once per update_id already (inbound_update); a worker that died after the dispatcher's
            # commit but before the answer went out hands the update to the next one, which must answer it
            # again rather than skip it: at most the one update in flight is handled twice, none goes unanswered
            incoming = replace(incoming, event_id=None)
        query = update.callback_query
        if query is not None:
            try:
                await query.answer()
            except TelegramError as exc:  # e.g. "query is too old" after a restart: the press still counts
                log.info("could not answer callback query: %s", exc)
        outcome = await self.app.dispatcher.handle(incoming)
        replies = list(outcome.replies)
        pressed = query.message if query is not None and isinstance(query.message, Message) else None
        if pressed is not None:
            replies = await self._settle_pressed_message(pressed, replies)
        for reply in replies:
            try:
                await self._send_with_retries(incoming.chat_id, reply)
            except Forbidden:
                await self._mark_unreachable(incoming.user_id)
                return
            except TelegramError as exc:
                log.warning("reply to chat could not be sent: %s", type(exc).__name__)

    async def _send_with_retries(self, chat_id: str, reply: Reply) -> None:
        """Replies to a user who is waiting: wait out flood control, retry network trouble a few times.

        A timed-out request may have arrived after all, so a retry can duplicate a reply; for a person
        waiting for an answer that beats losing it.
        """
        for attempt in range(REPLY_ATTEMPTS):
            try:
                await self._paced_reply(chat_id, reply)
                return
            except RetryAfter as exc:
                await asyncio.sleep(min(_seconds(exc.retry_after), MAX_REPLY_WAIT_S))
            except (TimedOut, NetworkError) as exc:
                if isinstance(exc, BadRequest | Forbidden) or attempt == REPLY_ATTEMPTS - 1:
                    raise
                await asyncio.sleep(0.5 * (attempt + 1))
        await self._paced_reply(chat_id, reply)

    async def _paced_reply(self, chat_id: str, reply: Reply) -> None:
        if self.reply_pacer is None:
            await self._send_reply(chat_id, reply)
            return
        async with self.reply_pacer.sending(0, self.messages_for(reply)):
            await self._send_reply(chat_id, reply)

    async def _mark_unreachable(self, user_id: str) -> None:
        with Session(self.app.engine) as session:
            user = users_crud.get_user(session, transport=self.name, external_id=user_id)
            if user is not None:
                user.unreachable = True
                session.commit()

    async def _settle_pressed_message(self, pressed: Message, replies: list[Reply]) -> list[Reply]:
        """Edits the message whose button was pressed: updated in place (multi-select) or keyboard removed."""
        in_place = next((r for r in replies if r.replaces_prompt), None)
        try:
            if in_place is not None:
                await pressed.edit_text(in_place.text, reply_markup=keyboard(in_place))
                return [r for r in replies if r is not in_place]
            if pressed.reply_markup is not None:
                await pressed.edit_reply_markup(reply_markup=None)
        except BadRequest as exc:
            # a double tap already settled it, or the user deleted the message: send instead
            log.debug("could not edit pressed message: %s", exc.message)
        return replies

    async def fetch_photo(self, ref: str, *, max_bytes: int) -> bytes:
        """A photo a user sent, downloaded through the Bot API (getFile)."""
        try:
            file = await self.bot.get_file(ref)
            if file.file_size is not None and file.file_size > max_bytes:
                raise PhotoTooLarge(file.file_size)
            content = bytes(await file.download_as_bytearray())
        except BadRequest as exc:
            if "too big" in exc.message.lower():  # the Bot API serves files up to 20 MB
                raise PhotoTooLarge(max_bytes + 1) from exc
            raise PhotoUnavailable(exc.message) from exc
        except TelegramError as exc:
            raise PhotoUnavailable(type(exc).__name__) from exc
        if len(content) > max_bytes:
            raise PhotoTooLarge(len(content))
        return content

    async def _send_photo(self, chat_id: str, reply: Reply, *, with_text: bool) -> bool:
        """Sends the reply's photo (uploaded once, then by its file_id); False when there is none to show."""
        assert reply.photo is not None
        with Session(self.app.engine) as session:
            media = media_crud.get(session, media_id=reply.photo.media_id)
            if media is None:
                return False
            ref, content, extension = media.refs.get(self.name), media.content, extension_of(media.mime_type)
        upload = InputFile(content, filename=f"photo.{extension}") if content is not None else None
        if ref is None and upload is None:
            return False  # kept from another platform without its content: text only
        extra: dict[str, Any] = ({"caption": reply.text, "reply_markup": keyboard(reply)} if with_text else {})
        try:
            message = await self.bot.send_photo(chat_id=int(chat_id), photo=ref or upload, **extra)
        except BadRequest:
            if ref is None or upload is None:
                raise
            ref = None  # the stored file_id no longer works: upload again
            message = await self.bot.send_photo(chat_id=int(chat_id), photo=upload, **extra)
        if ref is None and message.photo:
            with Session(self.app.engine) as session:
                media_crud.remember_ref(session, media_id=reply.photo.media_id, key=self.name,
                                        ref=message.photo[-1].file_id)
                session.commit()
        return True

    @staticmethod
    def messages_for(reply: Reply) -> int:
        """The messages `_send_reply` sends at most for this reply (Telegram counts each against its rate): the
        photo with the text as its caption, or the photo and then the text when it is too long for a caption; a
        file and then its text."""
        if reply.photo is not None and reply.attachment is None and len(reply.text) <= PHOTO_CAPTION_LIMIT:
            return 1
        files = (reply.photo is not None) + (reply.attachment is not None)
        return files + (1 if reply.text or not files else 0)

    async def _send_reply(self, chat_id: str, reply: Reply) -> None:
        if reply.photo is not None:
            caption_fits = len(reply.text) <= PHOTO_CAPTION_LIMIT
            if await self._send_photo(chat_id, reply, with_text=caption_fits) and caption_fits:
                return
        if reply.attachment is not None:
            await self.bot.send_document(
                chat_id=int(chat_id),
                document=InputFile(reply.attachment.content, filename=reply.attachment.filename),
                caption=reply.attachment.caption or None,
            )
            if not reply.text:
                return
        await self.bot.send_message(chat_id=int(chat_id), text=reply.text, reply_markup=keyboard(reply))

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("error while handling a Telegram update", exc_info=context.error)

    # --- outgoing (outbox) --------------------------------------------------------------
    async def send(self, chat_id: str, reply: Reply) -> None:
        try:
            await self._send_reply(chat_id, reply)
        except Forbidden as exc:
            raise RecipientUnreachable(exc.message) from exc
        except RetryAfter as exc:
            raise RetryLater(_seconds(exc.retry_after)) from exc
        except BadRequest as exc:
            if "chat not found" in exc.message.lower():
                raise RecipientUnreachable(exc.message) from exc
            raise DeliveryError(exc.message) from exc
        except TelegramError as exc:
            raise DeliveryError(type(exc).__name__) from exc
