"""The WhatsApp transport on the official Cloud API: webhook in, neutral events to the core, replies out.

Inbound: the web app's webhook route hands each delivery to `receive`, which checks the signature, stores the
messages in the inbox table (a re-delivered message id is skipped) and records status updates, then answers 200;
the inbox worker handles stored messages in order per resident and different residents concurrently. Nothing is
lost on a crash: what was stored is handled after a restart, and the dispatcher's processed-event table keeps a
message from being answered twice. In a scaled-out bot (`--role ingress|worker`) the ingress stores each message
in `inbound_update` instead (before it answers 200) and the workers handle them in order per resident
(`handle_stored`), sending through the rate all processes share.

Outbound: direct answers go out at once (the resident just wrote, so their 24-hour window is open); one that
fails goes to the outbox, which retries it. Bot-initiated messages come from the outbox through `send_queued`:
free-form inside the window, else the template for their kind in the resident's language (counted against the
messaging tier, which is never exceeded: the message waits for a free place), else they wait for the resident's
next message. Choices become reply buttons, a list, or numbered text (whatsapp_render).

The resident's WhatsApp id is their phone number: it is never logged (log lines name the user's row id).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import update
from sqlmodel import Session, col

from bot.core.app import App
from bot.core.delivery import MAX_ATTEMPTS
from bot.core.events import Choice, Photo, Reply, choice_rows
from bot.core.transport import Deferred, DeliveryError, RecipientUnreachable, RetryLater, StoredUpdate
from bot.infra.crud import media as media_crud
from bot.infra.crud import outbox as outbox_crud
from bot.infra.crud import prompts as prompts_crud
from bot.infra.crud import whatsapp as whatsapp_crud
from bot.infra.i18n import current_locale
from bot.infra.models import OutboxMessage, OutboxStatus, User, WhatsAppInbox, WhatsAppSent
from bot.infra.photos import extension_of
from bot.services.notify import notify
from bot.services.whatsapp.templates import Template, for_kind, load_templates
from bot.services.whatsapp.window import ROLLING, is_open
from bot.transports.pacing import Pacer, SendWindow
from bot.transports.whatsapp_api import GraphClient, GraphError, NoMarketing, WindowClosed, error_for
from bot.transports.whatsapp_render import MAX_CAPTION, bodies
from bot.transports.whatsapp_webhook import (
    InboundMessage,
    StatusUpdate,
    handshake,
    parse,
    signature_valid,
    to_incoming,
)

log = logging.getLogger(__name__)

MEDIA_KEY = "whatsapp"
MEDIA_DAYS = 25
"""WhatsApp keeps uploaded media 30 days; a photo's upload is reused for 25."""
TRANSIENT = frozenset({131000, 131016, 133004})
"""Failed statuses worth sending again: WhatsApp's own trouble."""
RETRY_DELAY_S = 60.0
ANSWER_ATTEMPTS = 4
MAX_ANSWER_WAIT_S = 10.0
INBOX_BATCH = 200
RECORD_EVERY = 50
CONCURRENT_RESIDENTS = 16
PURGE_EVERY = timedelta(hours=1)


def _reply_json(reply: Reply) -> dict[str, Any]:
    return {"text": reply.text, "choices": choice_rows(reply.choices),
            "photo_id": reply.photo.media_id if reply.photo else None}


def _reply_of(data: Mapping[str, Any]) -> Reply:
    photo = Photo(int(data["photo_id"])) if data.get("photo_id") else None
    return Reply(str(data.get("text") or ""), tuple(Choice(*row) for row in data.get("choices") or []), photo=photo)


class WhatsAppTransport:
    name = "whatsapp"
    numbered_options = False
    paces_itself = True
    """Every send waits for the number's rate (80/s), direct answers and the outbox alike."""


    def __init__(self, app: App, *, http_transport: httpx.AsyncBaseTransport | None = None) -> None:
        settings = app.settings
        if not settings.has_whatsapp:
            raise ValueError("WhatsApp is not configured")
        assert settings.whatsapp_access_token is not None and settings.whatsapp_app_secret is not None
        assert settings.whatsapp_verify_token is not None and settings.whatsapp_phone_number_id is not None
        self.app = app
        self.phone_number_id = settings.whatsapp_phone_number_id
        self.client = GraphClient(base_url=settings.whatsapp_graph_url, phone_number_id=self.phone_number_id,
                                  access_token=settings.whatsapp_access_token.get_secret_value(),
                                  transport=http_transport)
        self._app_secret = settings.whatsapp_app_secret.get_secret_value()
        self._verify_token = settings.whatsapp_verify_token.get_secret_value()
        self.templates: dict[str, Template] = load_templates(settings.content_dir)
        self.limiter: Pacer = SendWindow(int(settings.whatsapp_rate_per_s))
        """This process's window; a scaled-out bot gives every process the shared one (bot.infra.send_rate)."""
        self._wakeup = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._purged_at = app.clock.now() - PURGE_EVERY
        self._sent: list[WhatsAppSent] = []

    @property
    def concurrent_sends(self) -> int:
        """How many residents the outbox may send to at once (each resident's messages stay in order): enough to
        keep 80/s over WhatsApp's round trip (~0.2 s: about 17), no more."""
        return self.limiter.in_flight_for_rate()

    # --- lifecycle -----------------------------------------------------------------------------
    async def start(self, *, receive: bool = True) -> None:
        """With the inbox worker; a worker of a scaled-out bot (`receive=False`) gets the messages the ingress
        stored through `handle_stored` and only writes down what it sent, for the statuses to come."""
        if not receive:
            self._task = asyncio.create_task(self._run_flusher(), name="whatsapp-sent")
            return
        self._task = asyncio.create_task(self._run_inbox(), name="whatsapp-inbox")
        log.info("WhatsApp transport started (webhook at %s)", self.app.settings.whatsapp_webhook_path)

    async def stop(self) -> None:
        self._stopping = True
        self._wakeup.set()
        if self._task is not None:
            await self._task
        self.flush_sent()
        await self.client.close()

    # --- the webhook ---------------------------------------------------------------------------
    def verify(self, params: Mapping[str, str]) -> str | None:
        """The challenge to echo when Meta verifies the webhook; None when the token is wrong."""
        return handshake(params, self._verify_token)

    async def receive(self, body: bytes, signature: str | None) -> int:
        """One webhook delivery: 403 when the signature is wrong (nothing is stored), else stores and answers 200
        (503 when it could not be stored: Meta delivers it again)."""
        if not signature_valid(self._app_secret, body, signature):
            log.warning("refused a WhatsApp webhook delivery with a wrong or missing signature")
            return 403
        try:
            payload = json.loads(body)
        except ValueError:
            return 400
        messages, statuses = parse(payload, phone_number_id=self.phone_number_id)
        if statuses:
            self.flush_sent()
        if self.app.ingress is not None and messages:  # scaled out: stored for the workers before the 200
            try:
                await self.app.ingress.accept([self.stored(m) for m in messages])
            except Exception:
                log.exception("could not store %d WhatsApp messages; Meta will deliver them again", len(messages))
                return 503
            messages = []
        now = self.app.clock.now()
        with Session(self.app.engine) as session:
            whatsapp_crud.store_inbound(session, messages=[
                WhatsAppInbox(wamid=m.wamid, wa_id=m.wa_id, payload=m.payload, name=m.name[:128] or None,
                              sent_at=m.sent_at, received_at=now) for m in messages])
            retried = self._statuses(session, statuses)
            session.commit()
        if messages:
            self._wakeup.set()
        if retried:
            self.app.wake_delivery()
        return 200

    def _statuses(self, session: Session, statuses: list[StatusUpdate]) -> bool:
        """Records each status; a failed message worth retrying goes (back) to the outbox. True if any did."""
        now = self.app.clock.now()
        retried = False
        for update_ in statuses:
            failed = whatsapp_crud.record_status(session, wamid=update_.wamid, status=update_.status,
                                                 error_code=update_.error_code, now=now)
            if failed is not None:
                retried |= self._retry_failed(session, failed, update_)
        return retried

    def _retry_failed(self, session: Session, sent: WhatsAppSent, status: StatusUpdate) -> bool:
        error = error_for(status.error_code, 0, status.error_title)
        log.warning("WhatsApp message to user %s failed: %s", sent.user_id, error)
        if isinstance(error, NoMarketing):
            whatsapp_crud.set_no_marketing(session, user_id=sent.user_id)
            return False
        if isinstance(error, RetryLater):
            delay = error.seconds
        elif isinstance(error, WindowClosed) or (isinstance(error, GraphError) and error.code in TRANSIENT):
            delay = RETRY_DELAY_S
        else:
            return False
        not_before = self.app.clock.now() + timedelta(seconds=delay)
        if sent.outbox_id is not None:
            result = session.execute(
                update(OutboxMessage).where(col(OutboxMessage.id) == sent.outbox_id,
                                            col(OutboxMessage.status) == OutboxStatus.SENT,
                                            col(OutboxMessage.attempts) < MAX_ATTEMPTS)
                .values(status=OutboxStatus.PENDING, not_before=not_before,
                        error=f"status failed: {status.error_code}"))
            return bool(getattr(result, "rowcount", 0))
        user = session.get(User, sent.user_id)
        if sent.reply is None or user is None:
            return False
        again = _reply_of(sent.reply)
        notify(self.app, session, user, lambda: again, kind="reply", now=self.app.clock.now(), not_before=not_before)
        sent.reply = None  # sent again once, by the outbox (which retries further)
        return True

    # --- scaled out: the ingress stores, a worker handles -------------------------------------------
    def stored(self, message: InboundMessage) -> StoredUpdate:
        """A message as the ingress stores it. The person's key is a hash of the phone number: the queue logs
        it, and phone numbers are never logged."""
        person = hashlib.sha256(message.wa_id.encode()).hexdigest()[:24]
        return StoredUpdate(self.name, message.wamid, f"{self.name}:{person}", {
            "wamid": message.wamid, "wa_id": message.wa_id, "payload": message.payload, "name": message.name,
            "sent_at": message.sent_at.isoformat() if message.sent_at is not None else None})

    async def handle_stored(self, payload: dict[str, Any]) -> None:
        """A worker handles a message the ingress stored, as the inbox worker would have."""
        sent_at = datetime.fromisoformat(payload["sent_at"]) if payload.get("sent_at") else None
        await self._handle_message(str(payload["wamid"]), str(payload["wa_id"]), payload.get("payload"),
                                   str(payload.get("name") or ""), sent_at, stored=True)
        self.flush_sent()

    async def _run_flusher(self) -> None:
        while not self._stopping:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), self.app.settings.poll_interval_s)
            self._wakeup.clear()
            try:
                self.flush_sent()
            except Exception:
                log.exception("could not write down the WhatsApp messages sent; trying again")

    # --- the inbox worker ------------------------------------------------------------------------
    async def _run_inbox(self) -> None:
        while not self._stopping:
            try:
                handled = await self.drain_inbox()
                self.flush_sent()
                self._purge()
            except Exception:
                log.exception("WhatsApp inbox round failed; retrying")
                handled = 0
            if handled == 0 and not self._stopping:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wakeup.wait(), self.app.settings.poll_interval_s)
                self._wakeup.clear()

    def _purge(self) -> None:
        now = self.app.clock.now()
        if now - self._purged_at < PURGE_EVERY:
            return
        self._purged_at = now
        with Session(self.app.engine) as session:
            whatsapp_crud.purge(session, now=now, window=ROLLING)
            session.commit()

    async def drain_inbox(self) -> int:
        """Handles the stored messages: each resident's in order, different residents at the same time."""
        with Session(self.app.engine, expire_on_commit=False) as session:
            rows = whatsapp_crud.unhandled(session, limit=INBOX_BATCH)
        if not rows:
            return 0
        per_resident: dict[str, list[WhatsAppInbox]] = defaultdict(list)
        for row in rows:
            per_resident[row.wa_id or row.wamid].append(row)
        gate = asyncio.Semaphore(CONCURRENT_RESIDENTS)

        async def handle(resident_rows: list[WhatsAppInbox]) -> None:
            async with gate:
                for row in resident_rows:
                    await self._handle(row)

        await asyncio.gather(*(handle(group) for group in per_resident.values()))
        return len(rows)

    async def _handle(self, row: WhatsAppInbox) -> None:
        await self._handle_message(row.wamid, row.wa_id, row.payload, row.name or "", row.sent_at)
        with Session(self.app.engine) as session:  # a crash before this: handled again, but never answered twice
            whatsapp_crud.mark_handled(session, wamid=row.wamid, now=self.app.clock.now())
            session.commit()

    async def _handle_message(self, wamid: str, wa_id: str | None, payload: dict[str, Any] | None, name: str,
                              sent_at: datetime | None, *, stored: bool = False) -> None:
        incoming = None
        if wa_id and payload is not None:
            incoming = to_incoming(InboundMessage(wamid, wa_id, payload, name, sent_at))
        if incoming is not None and stored:
            # stored once per message id already (inbound_update); a worker that died after the dispatcher's
            # commit but before the answer went out hands it to the next one, which must answer rather than skip
            incoming = dataclasses.replace(incoming, event_id=None)
        outcome = await self.app.dispatcher.handle(incoming) if incoming is not None else None
        now = self.app.clock.now()
        user_id = outcome.user_id if outcome is not None else None
        released = 0
        with Session(self.app.engine) as session:
            if user_id is not None and session.get(User, user_id) is None:
                user_id = None  # gone after "forget me"
            if user_id is not None:
                written = min(sent_at, now) if sent_at is not None else now
                whatsapp_crud.opened_window(session, user_id=user_id, at=written)
                released = outbox_crud.release_waiting(session, user_id=user_id, now=now)
            session.commit()
        if released:
            self.app.wake_delivery()
        if outcome is not None and incoming is not None:
            for reply in outcome.replies:
                await self._answer(user_id, incoming.chat_id, reply)

    async def _answer(self, user_id: int | None, to: str, reply: Reply) -> None:
        """A direct answer; when it cannot go now it is queued in the outbox (never dropped)."""
        try:
            ref = await self._send_waiting(to, reply, user_id=user_id)
        except RecipientUnreachable as exc:
            log.info("WhatsApp user %s cannot be reached: %s", user_id, exc)
            return
        except DeliveryError as exc:
            delay = exc.seconds if isinstance(exc, RetryLater) else 5.0
            log.warning("answer to WhatsApp user %s queued for a retry: %s", user_id, exc)
            with Session(self.app.engine) as session:
                user = session.get(User, user_id) if user_id is not None else None
                if user is not None:
                    notify(self.app, session, user, lambda: reply, kind="reply", now=self.app.clock.now(),
                           not_before=self.app.clock.now() + timedelta(seconds=delay))
                    session.commit()
            return
        if ref is not None and user_id is not None and reply.choices:
            with Session(self.app.engine) as session:  # a reply (swipe) to this message answers its options
                prompts_crud.remember_sent(session, user_id=user_id, message_ref=ref,
                                           options=choice_rows(reply.choices),
                                           first_number=reply.first_number, now=self.app.clock.now())
                session.commit()

    async def _send_waiting(self, to: str, reply: Reply, *, user_id: int | None) -> str | None:
        """Someone is waiting for this answer: a short rate-limit wait is waited out here, a few times."""
        for _attempt in range(ANSWER_ATTEMPTS - 1):
            try:
                return await self._send(to, reply, user_id=user_id, kind="reply", keep_reply=True)
            except RetryLater as exc:
                if exc.seconds > MAX_ANSWER_WAIT_S:
                    raise
                await asyncio.sleep(exc.seconds)
        return await self._send(to, reply, user_id=user_id, kind="reply", keep_reply=True)

    # --- sending ---------------------------------------------------------------------------------
    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """A free-form message (the outbox uses `send_queued`, which knows the window)."""
        return await self._send(chat_id, reply, user_id=None, kind="reply")

    async def send_queued(self, chat_id: str, reply: Reply, *, user_id: int, kind: str, outbox_id: int,
                          window_closed: bool = False) -> str | None:
        """A bot-initiated message: free-form inside the 24-hour window, else a template, else it waits."""
        now = self.app.clock.now()
        template = for_kind(self.templates, kind, photo=reply.photo is not None)
        with Session(self.app.engine) as session:
            contact = whatsapp_crud.contact(session, user_id=user_id)
            window_open = not window_closed and contact is not None and is_open(contact.last_inbound_at, now)
            no_marketing = contact is not None and contact.no_marketing
            until = None
            if not window_open and template is not None and not (template.category == "marketing" and no_marketing):
                until = whatsapp_crud.take_start(session, user_id=user_id, tier=self.app.settings.whatsapp_tier,
                                                 now=now, window=ROLLING)
                session.commit()  # counted before it is sent: a crash never sends more than the tier
        if window_open:
            try:
                return await self._send(chat_id, reply, user_id=user_id, kind=kind, outbox_id=outbox_id)
            except WindowClosed:
                log.info("WhatsApp says the window of user %s closed; sending a template", user_id)
                return await self.send_queued(chat_id, reply, user_id=user_id, kind=kind, outbox_id=outbox_id,
                                              window_closed=True)
        if template is None:
            raise Deferred(f"no template for {kind!r}: waits for the resident's next message")
        if template.category == "marketing" and no_marketing:
            raise Deferred("stopped marketing messages: waits for the resident's next message")
        if until is not None:
            raise Deferred("messaging tier reached", until=until)
        media_id = await self._media_id(reply.photo.media_id) if template.photo and reply.photo else None
        body = template.send_body(current_locale(), reply, media_id=media_id)
        return await self._post(chat_id, body, user_id=user_id, kind=kind, outbox_id=outbox_id,
                                template=template.name, category=template.category)

    async def _send(self, to: str, reply: Reply, *, user_id: int | None, kind: str, outbox_id: int | None = None,
                    keep_reply: bool = False) -> str | None:
        """The reply as WhatsApp messages (photo, file, text with choices); returns the id of the last one, which
        carries the options."""
        texts = bodies(reply)
        wamid = None
        if reply.photo is not None:
            media_id = await self._media_id(reply.photo.media_id)
            if media_id is not None:
                image: dict[str, Any] = {"id": media_id}
                if not reply.choices and reply.text and len(reply.text) <= MAX_CAPTION:
                    image["caption"], texts = reply.text, []
                wamid = await self._post(to, {"type": "image", "image": image}, user_id=user_id, kind=kind,
                                         outbox_id=outbox_id)
        if reply.attachment is not None:
            attachment = reply.attachment
            document_id = await self.client.upload(attachment.content, mime_type=attachment.mime_type,
                                                   filename=attachment.filename)
            document: dict[str, Any] = {"id": document_id, "filename": attachment.filename}
            if attachment.caption:
                document["caption"] = attachment.caption[:MAX_CAPTION]
            wamid = await self._post(to, {"type": "document", "document": document}, user_id=user_id, kind=kind,
                                     outbox_id=outbox_id)
        for number, body in enumerate(texts, start=1):
            last = number == len(texts)
            wamid = await self._post(to, body, user_id=user_id, kind=kind, outbox_id=outbox_id,
                                     reply=_reply_json(reply) if keep_reply and last else None)
        return wamid

    async def _post(self, to: str, body: dict[str, Any], *, user_id: int | None, kind: str,
                    outbox_id: int | None = None, template: str | None = None, category: str = "service",
                    reply: dict[str, Any] | None = None) -> str:
        async with self.limiter.slot():
            wamid = await self.client.send(to, body)
        if user_id is not None:
            self._sent.append(WhatsAppSent(wamid=wamid, user_id=user_id, kind=kind, outbox_id=outbox_id,
                                           template=template, category=category, reply=reply,
                                           created_at=self.app.clock.now(), updated_at=self.app.clock.now()))
            if len(self._sent) >= RECORD_EVERY:
                self.flush_sent()
        return wamid

    def flush_sent(self) -> None:
        """Writes what was sent (for the statuses that follow) in one transaction, not one per message."""
        if not self._sent:
            return
        rows, self._sent = self._sent, []
        with Session(self.app.engine) as session:
            whatsapp_crud.record_sent(session, rows=rows)
            session.commit()

    async def _media_id(self, media_id: int) -> str | None:
        """The photo's WhatsApp media id: uploaded once and reused while WhatsApp keeps it."""
        today = self.app.clock.now().date()
        with Session(self.app.engine) as session:
            media = media_crud.get(session, media_id=media_id)
            if media is None:
                return None
            stored, content, mime_type = media.refs.get(MEDIA_KEY), media.content, media.mime_type
        if stored:
            ref, _, day = stored.partition("@")
            with contextlib.suppress(ValueError):
                if (today - date.fromisoformat(day)).days < MEDIA_DAYS:
                    return ref
        if content is None:
            return None  # kept from another platform without its content: text only
        ref = await self.client.upload(content, mime_type=mime_type, filename=f"photo.{extension_of(mime_type)}")
        with Session(self.app.engine) as session:
            media_crud.remember_ref(session, media_id=media_id, key=MEDIA_KEY, ref=f"{ref}@{today.isoformat()}")
            session.commit()
        return ref

    async def fetch_photo(self, ref: str, *, max_bytes: int) -> bytes:
        """A photo a resident sent, downloaded by its media id."""
        return await self.client.download(ref, max_bytes=max_bytes)
