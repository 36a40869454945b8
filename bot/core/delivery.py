"""Drains the outbox: rate-limited, resumable delivery of bot-initiated messages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import traceback
from collections import defaultdict, deque
from collections.abc import AsyncIterator, Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from datetime import time as clock_time
from typing import Protocol

from sqlalchemy import update
from sqlmodel import Session, col, select

from bot.core.app import App
from bot.core.events import Attachment, Choice, Photo, Reply
from bot.core.transport import (
    Deferred,
    DeliveryError,
    QueuedSender,
    RecipientUnreachable,
    RetryLater,
    messages_for,
)
from bot.infra.crud import checkins as checkins_crud
from bot.infra.crud import outbox as outbox_crud
from bot.infra.crud import prompts as prompts_crud
from bot.infra.i18n import use_locale
from bot.infra.models import Conversation, OutboxChannel, OutboxMessage, OutboxStatus, User

log = logging.getLogger(__name__)

MAX_ATTEMPTS = outbox_crud.MAX_ATTEMPTS
Outcome = Callable[[Session, OutboxMessage], None]
"""How to record what happened to one message, applied in the batch's closing transaction."""


def attachment_row(attachment: Attachment | None) -> dict[str, str] | None:
    """An attachment as the outbox keeps it (text files only: a calendar entry, an export)."""
    if attachment is None:
        return None
    return {"filename": attachment.filename, "content": attachment.content.decode("utf-8"),
            "mime_type": attachment.mime_type, "caption": attachment.caption}


def log_failure(message: OutboxMessage, exc: BaseException) -> None:
    """What went wrong, and where, without the message's text, address or the exception's own words (which may
    quote them): the kind of error and the line that raised it."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
    log.warning("outbox message %s (%s, %s, try %s) failed: %s at %s", message.id, message.kind, message.channel,
                message.attempts, type(exc).__name__, where)


def reply_of(message: OutboxMessage) -> Reply:
    attachment = None
    if message.attachment:
        attachment = Attachment(
            filename=message.attachment["filename"],
            content=message.attachment["content"].encode("utf-8"),
            mime_type=message.attachment["mime_type"],
            caption=message.attachment.get("caption", ""),
        )
    photo = Photo(message.photo_id) if message.photo_id else None
    return Reply(message.text, tuple(Choice(*row) for row in message.choices), attachment, photo=photo)


class Limiter(Protocol):
    """A send rate: in this process (RateLimiter), or shared by every process (bot.infra.send_rate)."""

    def chat_ready_in(self, user_id: int) -> float: ...

    def pause(self, seconds: float) -> None: ...

    async def acquire(self, user_id: int) -> None: ...

    def sending(self, user_id: int, messages: int = 1) -> contextlib.AbstractAsyncContextManager[None]:
        """Around one send of `messages` messages (API calls the platform counts: a photo and its long text are
        two): a moment for each first; a shared limiter also learns when the answer was back."""
        ...


@dataclass
class RateLimiter:
    """At most `rate_per_s` sends in any window of `window_s` (a sliding window, as Telegram counts), plus a
    minimum gap per chat. A sender that fell behind may catch up within the window, never beyond it."""

    rate_per_s: float
    per_chat_interval_s: float
    window_s: float = 1.0
    _sent: deque[float] = field(default_factory=deque)
    _paused_until: float = 0.0
    _last_per_chat: dict[int, float] = field(default_factory=dict)

    @property
    def capacity(self) -> int:
        return max(1, int(self.rate_per_s * self.window_s))

    def chat_ready_in(self, user_id: int) -> float:
        last = self._last_per_chat.get(user_id)
        return 0.0 if last is None else max(0.0, last + self.per_chat_interval_s - time.monotonic())

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    @contextlib.asynccontextmanager
    async def sending(self, user_id: int, messages: int = 1) -> AsyncIterator[None]:
        for _ in range(messages):
            await self.acquire(user_id)
        yield

    async def acquire(self, user_id: int) -> None:
        while True:
            now = time.monotonic()
            while self._sent and self._sent[0] <= now - self.window_s:
                self._sent.popleft()
            wait = self._paused_until - now
            if len(self._sent) >= self.capacity:
                wait = max(wait, self._sent[0] + self.window_s - now)
            if wait <= 0:
                break
            await asyncio.sleep(wait)
        self._sent.append(time.monotonic())
        self._last_per_chat[user_id] = time.monotonic()
        if len(self._last_per_chat) > 10_000:
            horizon = time.monotonic() - self.per_chat_interval_s
            self._last_per_chat = {k: v for k, v in self._last_per_chat.items() if v > horizon}


def _counted(message: OutboxMessage) -> bool:
    """Bot-initiated news in a resident's chat (not e-mail to a contact person)."""
    return (message.kind in outbox_crud.COUNTED and message.user_id is not None
            and message.channel == OutboxChannel.CHAT)


class DeliveryWorker:
    def __init__(self, app: App, *, batch_size: int = 50, record_every: int = 5, concurrent_sends: int = 32,
                 limiter: Limiter | None = None, mail_limiter: Limiter | None = None,
                 transports: Collection[str] | None = None) -> None:
        self.app = app
        self.transports = transports
        """Only messages for people on these transports (and e-mail): a worker process that cannot send on a
        platform (Matrix, whose one device lives in the ingress) leaves those messages to the process that can."""
        self.concurrent_sends = concurrent_sends
        """At most this many sends in flight for a transport that asks for more than one (its `concurrent_sends`):
        a platform's round trip (WhatsApp's ~0.1–0.3 s) would otherwise cap a broadcast far below its rate."""
        self.batch_size = batch_size
        self.record_every = record_every
        self.limiter: Limiter = limiter or RateLimiter(app.settings.send_rate_per_s, app.settings.per_chat_interval_s,
                                                       app.settings.send_window_s)
        self.mail_limiter: Limiter = mail_limiter or RateLimiter(app.settings.email_rate_per_s, 0.0)

    async def run(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                sent = await self.drain_once()
            except Exception:
                log.exception("outbox delivery round failed; retrying")
                sent = 0
            if sent == 0:
                await self.app.wait_for_delivery_work(self.app.settings.poll_interval_s)

    async def drain_once(self) -> int:
        """Claims one batch of due messages, sends it, and records the results in one transaction."""
        now = self.app.clock.now()
        with Session(self.app.engine, expire_on_commit=False) as session:
            outbox_crud.requeue_expired_claims(session, now=now)
            claimed = outbox_crud.claim_due(session, now=now, limit=self.batch_size, transports=self.transports)
            session.commit()
            users = {u.id: u for u in session.exec(select(User).where(
                col(User.id).in_({m.user_id for m in claimed})))} if claimed else {}
        if not claimed:
            return 0
        pending: list[tuple[OutboxMessage, Outcome]] = []
        claimed, deferred = self._daily_rule(claimed, now=now)
        pending.extend(deferred)
        lanes: dict[int | None, list[OutboxMessage]] = defaultdict(list)
        width = 1
        for message in claimed:
            user = users.get(message.user_id)
            transport = self.app.transports.get(user.transport) if user is not None else None
            if getattr(transport, "concurrent_sends", 1) > 1 and message.channel == OutboxChannel.CHAT:
                lanes[message.user_id].append(message)  # each recipient in order, recipients side by side
                width = max(width, int(getattr(transport, "concurrent_sends", 1)))
            else:
                lanes[None].append(message)
        sequential = lanes.pop(None, [])

        async def deliver(messages: list[OutboxMessage]) -> None:
            for message in messages:
                try:
                    outcome = await self._deliver(message, users.get(message.user_id))
                except Exception as exc:  # one message that cannot be built or sent never stops the others
                    log_failure(message, exc)
                    outcome = self._retry_or_fail(message, type(exc).__name__)
                pending.append((message, outcome))
                if len(pending) >= self.record_every:
                    self._record(pending)
                    pending.clear()

        await deliver(sequential)
        if lanes:
            gate = asyncio.Semaphore(min(width, self.concurrent_sends))

            async def lane(messages: list[OutboxMessage]) -> None:
                async with gate:
                    await deliver(messages)

            await asyncio.gather(*(lane(messages) for messages in lanes.values()))
        self._record(pending)
        return len(claimed)

    def _daily_rule(self, claimed: list[OutboxMessage], *, now: datetime
                    ) -> tuple[list[OutboxMessage], list[tuple[OutboxMessage, Outcome]]]:
        """Counted kinds wait out the quiet hours; a resident gets at most one of them a day (by sending
        time), the most important first; the rest waits until the next morning."""
        settings = self.app.settings
        counted = [m for m in claimed if _counted(m)]
        if not counted:
            return claimed, []
        deferred: list[tuple[OutboxMessage, Outcome]] = []
        allowed = checkins_crud.after_quiet_hours(now, settings=settings)
        if allowed > now:
            deferred = [(m, self._defer(allowed)) for m in counted]
            return [m for m in claimed if not _counted(m)], deferred
        local = now.astimezone(settings.tz)
        midnight = datetime.combine(local.date(), clock_time(0), tzinfo=settings.tz)
        tomorrow = datetime.combine(local.date() + timedelta(days=1), clock_time(settings.quiet_hours_end),
                                    tzinfo=settings.tz).astimezone(now.tzinfo)
        with Session(self.app.engine) as session:
            done = outbox_crud.sent_today(session, user_ids=sorted({m.user_id for m in counted if m.user_id}),
                                          since=midnight)
        order = sorted(counted, key=lambda m: (m.kind not in outbox_crud.URGENT,
                                               outbox_crud.DAILY_PRIORITY.get(m.kind, -1), m.id or 0))
        chosen: set[int] = set()
        for message in order:
            assert message.user_id is not None
            if message.kind not in outbox_crud.URGENT and message.user_id in done:
                deferred.append((message, self._defer(tomorrow)))
            else:
                done.add(message.user_id)
                chosen.add(id(message))
        return [m for m in claimed if not _counted(m) or id(m) in chosen], deferred

    def _defer(self, until: datetime) -> Outcome:
        def record(session: Session, message: OutboxMessage) -> None:
            session.execute(update(OutboxMessage).where(col(OutboxMessage.id) == message.id).values(
                status=OutboxStatus.PENDING, not_before=until, attempts=max(0, message.attempts - 1)))

        return record

    def _record(self, results: list[tuple[OutboxMessage, Outcome]]) -> None:
        """Small groups: a crash can repeat at most the sends not yet recorded (at-least-once)."""
        if not results:
            return
        with Session(self.app.engine) as session:
            for message, result in results:
                result(session, message)
            session.commit()

    async def drain_all(self) -> int:
        """Every due message, round after round (the console after each line, tests); a round that fails as a
        whole (the database went away) is logged and left for the next call, never raised to the caller."""
        total = 0
        while True:
            try:
                handled = await self.drain_once()
            except Exception as exc:
                log.error("outbox delivery round failed: %s", type(exc).__name__)
                return total
            if not handled:
                return total
            total += handled

    async def _deliver(self, message: OutboxMessage, user: User | None) -> Outcome:
        if message.channel == OutboxChannel.EMAIL:
            return await self._deliver_email(message)
        if user is None or user.id is None or user.unreachable:
            return self._finish(OutboxStatus.UNREACHABLE, "user gone or unreachable")
        transport = self.app.transports.get(user.transport)
        if transport is None:
            return self._release(delay_s=30, error=f"no transport {user.transport!r} running")
        reply = reply_of(message)
        pace: contextlib.AbstractAsyncContextManager[None] = contextlib.nullcontext()
        if not getattr(transport, "paces_itself", False):
            wait = self.limiter.chat_ready_in(user.id)
            if wait > 0:
                await asyncio.sleep(wait)
            pace = self.limiter.sending(user.id, messages_for(transport, reply))
        try:
            async with pace:
                with use_locale(user.locale):  # the transport's own words (the hint under numbered options)
                    if isinstance(transport, QueuedSender):  # its own rules for bot-initiated messages (WhatsApp)
                        assert message.id is not None
                        message_ref = await transport.send_queued(user.chat_id, reply,
                                                                  user_id=user.id, kind=message.kind,
                                                                  outbox_id=message.id)
                    else:
                        message_ref = await transport.send(user.chat_id, reply)
        except RecipientUnreachable:
            return self._finish(OutboxStatus.UNREACHABLE, "recipient unreachable", mark_user=True)
        except Deferred as exc:
            if exc.until is None:
                return self._wait_for_user(str(exc))
            return self._release(delay_s=(exc.until - self.app.clock.now()).total_seconds(), error=str(exc),
                                 count_attempt=False)
        except RetryLater as exc:
            if not exc.chat_only:
                self.limiter.pause(exc.seconds)
            return self._release(delay_s=exc.seconds, error="rate limited", count_attempt=False)
        except DeliveryError as exc:
            return self._retry_or_fail(message, str(exc))
        except Exception as exc:
            log_failure(message, exc)
            return self._retry_or_fail(message, type(exc).__name__)
        return self._finish(OutboxStatus.SENT, None, remember_choices=transport.numbered_options,
                            message_ref=message_ref)

    async def _deliver_email(self, message: OutboxMessage) -> Outcome:
        from bot.infra import mail

        if not self.app.settings.smtp_host or not message.address:
            return self._release(delay_s=300, error="no SMTP server configured")
        try:
            async with self.mail_limiter.sending(0):
                await mail.send(self.app.settings, message)
        except RecipientUnreachable:
            return self._finish(OutboxStatus.UNREACHABLE, "address refused")
        except DeliveryError as exc:
            return self._retry_or_fail(message, str(exc))
        except Exception as exc:  # cannot be built as an e-mail (a header with a line break), or a bug
            log_failure(message, exc)
            return self._retry_or_fail(message, type(exc).__name__)
        return self._finish(OutboxStatus.SENT, None)

    def _retry_or_fail(self, message: OutboxMessage, error: str) -> Outcome:
        """Tried again with backoff (10 s, 20 s, 40 s, …); after MAX_ATTEMPTS parked as failed with the reason,
        for an admin (`wijkgids outbox failed`, the dashboard's outbox page)."""
        if message.attempts >= MAX_ATTEMPTS:
            log.warning("outbox message %s (%s) parked as failed after %s tries: %s", message.id, message.kind,
                        message.attempts, error[:80])
            return self._finish(OutboxStatus.FAILED, error[:255])
        return self._release(delay_s=2 ** message.attempts * 5, error=error)

    def _wait_for_user(self, error: str) -> Outcome:
        """Sent when the recipient next writes (outbox_crud.release_waiting), not before."""
        def record(session: Session, message: OutboxMessage) -> None:
            session.execute(update(OutboxMessage).where(col(OutboxMessage.id) == message.id).values(
                status=OutboxStatus.WAITING, error=error[:255], attempts=max(0, message.attempts - 1)))

        return record

    def _release(self, *, delay_s: float, error: str, count_attempt: bool = True) -> Outcome:
        not_before = self.app.clock.now() + timedelta(seconds=delay_s)

        def record(session: Session, message: OutboxMessage) -> None:
            values: dict[str, object] = {"status": OutboxStatus.PENDING, "not_before": not_before,
                                         "error": error[:255]}
            if not count_attempt:
                values["attempts"] = max(0, message.attempts - 1)
            session.execute(update(OutboxMessage).where(col(OutboxMessage.id) == message.id).values(**values))

        return record

    def _finish(self, status: OutboxStatus, error: str | None, *, mark_user: bool = False,
                remember_choices: bool = False, message_ref: str | None = None) -> Outcome:
        sent_at = self.app.clock.now() if status is OutboxStatus.SENT else None

        def record(session: Session, message: OutboxMessage) -> None:
            session.execute(update(OutboxMessage).where(col(OutboxMessage.id) == message.id)
                            .values(status=status, error=error, sent_at=sent_at))
            if sent_at is not None and message.choices and message.user_id is not None:  # e-mail rows have no user
                prompts_crud.remember(session, user_id=message.user_id, options=message.choices, now=sent_at)
                if message_ref is not None:  # a reply to this message answers its options
                    prompts_crud.remember_sent(session, user_id=message.user_id, message_ref=message_ref,
                                               options=message.choices, now=sent_at)
            if remember_choices and message.choices:
                # the options the user saw last: a typed "1" now answers this message (a check-in, an RSVP)
                session.execute(update(Conversation).where(col(Conversation.user_id) == message.user_id)
                                .values(choices=message.choices))
            if mark_user:
                session.execute(update(User).where(col(User.id) == message.user_id).values(unreachable=True))

        return record
