"""Drains the outbox: rate-limited, resumable delivery of bot-initiated messages."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta

from sqlmodel import Session

from bot.app import App
from bot.crud import outbox as outbox_crud
from bot.events import Attachment, Choice, Reply
from bot.models import OutboxMessage, OutboxStatus, User
from bot.transports.base import DeliveryError, RecipientUnreachable, RetryLater

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def reply_of(message: OutboxMessage) -> Reply:
    attachment = None
    if message.attachment:
        attachment = Attachment(
            filename=message.attachment["filename"],
            content=message.attachment["content"].encode("utf-8"),
            mime_type=message.attachment["mime_type"],
            caption=message.attachment.get("caption", ""),
        )
    return Reply(message.text, tuple(Choice(d, label) for d, label in message.choices), attachment)


@dataclass
class RateLimiter:
    """A global pace (messages per second) plus a minimum gap per chat."""

    rate_per_s: float
    per_chat_interval_s: float
    _next_slot: float = 0.0
    _paused_until: float = 0.0
    _last_per_chat: dict[int, float] = field(default_factory=dict)

    def chat_ready_in(self, user_id: int) -> float:
        last = self._last_per_chat.get(user_id)
        return 0.0 if last is None else max(0.0, last + self.per_chat_interval_s - time.monotonic())

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    async def acquire(self, user_id: int) -> None:
        now = time.monotonic()
        start = max(now, self._next_slot, self._paused_until)
        self._next_slot = start + 1.0 / self.rate_per_s
        if start > now:
            await asyncio.sleep(start - now)
        self._last_per_chat[user_id] = time.monotonic()
        if len(self._last_per_chat) > 10_000:
            horizon = time.monotonic() - self.per_chat_interval_s
            self._last_per_chat = {k: v for k, v in self._last_per_chat.items() if v > horizon}


class DeliveryWorker:
    def __init__(self, app: App, *, batch_size: int = 50) -> None:
        self.app = app
        self.batch_size = batch_size
        self.limiter = RateLimiter(app.settings.send_rate_per_s, app.settings.per_chat_interval_s)

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
        """Claims one batch of due messages and sends it; returns how many were handled."""
        now = self.app.clock.now()
        with Session(self.app.engine, expire_on_commit=False) as session:
            outbox_crud.requeue_expired_claims(session, now=now)
            claimed = outbox_crud.claim_due(session, now=now, limit=self.batch_size)
            session.commit()
        if not claimed:
            return 0
        for message in claimed:
            await self._deliver(message)
        return len(claimed)

    async def drain_all(self) -> int:
        total = 0
        while handled := await self.drain_once():
            total += handled
        return total

    async def _deliver(self, message: OutboxMessage) -> None:
        with Session(self.app.engine, expire_on_commit=False) as session:
            user = session.get(User, message.user_id)
        if user is None or user.unreachable:
            self._finish(message, OutboxStatus.UNREACHABLE, "user gone or unreachable")
            return
        wait = self.limiter.chat_ready_in(message.user_id)
        if wait > 0:
            await asyncio.sleep(wait)
        transport = self.app.transports.get(user.transport)
        if transport is None:
            self._release(message, delay_s=30, error=f"no transport {user.transport!r} running")
            return
        await self.limiter.acquire(message.user_id)
        try:
            await transport.send(user.chat_id, reply_of(message))
        except RecipientUnreachable:
            self._finish(message, OutboxStatus.UNREACHABLE, "recipient unreachable", mark_user=True)
        except RetryLater as exc:
            self.limiter.pause(exc.seconds)
            self._release(message, delay_s=exc.seconds, error="rate limited", count_attempt=False)
        except DeliveryError as exc:
            self._retry_or_fail(message, str(exc))
        except Exception as exc:
            log.exception("sending outbox message %s failed", message.id)
            self._retry_or_fail(message, type(exc).__name__)
        else:
            self._finish(message, OutboxStatus.SENT, None)

    def _retry_or_fail(self, message: OutboxMessage, error: str) -> None:
        if message.attempts >= MAX_ATTEMPTS:
            self._finish(message, OutboxStatus.FAILED, error)
        else:
            self._release(message, delay_s=2 ** message.attempts * 5, error=error)

    def _release(self, message: OutboxMessage, *, delay_s: float, error: str, count_attempt: bool = True) -> None:
        with Session(self.app.engine) as session:
            row = session.get(OutboxMessage, message.id)
            if row is None:
                return
            row.status = OutboxStatus.PENDING
            row.not_before = self.app.clock.now() + timedelta(seconds=delay_s)
            row.error = error[:255]
            if not count_attempt:
                row.attempts = max(0, row.attempts - 1)
            session.commit()

    def _finish(
        self, message: OutboxMessage, status: OutboxStatus, error: str | None, *, mark_user: bool = False
    ) -> None:
        with Session(self.app.engine) as session:
            row = session.get(OutboxMessage, message.id)
            if row is None:
                return
            row.status = status
            row.error = error
            if status is OutboxStatus.SENT:
                row.sent_at = self.app.clock.now()
            if mark_user:
                user = session.get(User, message.user_id)
                if user is not None:
                    user.unreachable = True
            session.commit()
