"""What every transport provides to the core."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from bot.core.events import Reply
from bot.infra.delivery_errors import Deferred as Deferred
from bot.infra.delivery_errors import DeliveryError as DeliveryError
from bot.infra.delivery_errors import RecipientUnreachable as RecipientUnreachable
from bot.infra.delivery_errors import RetryLater as RetryLater


class Transport(Protocol):
    name: str
    numbered_options: bool
    """Choices show as numbered options that the user answers by typing (console, Matrix), not buttons."""

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Delivers a message; raises a DeliveryError subclass on failure. Returns the platform's id of the
        message when a user can reply to it (Matrix: the event id), so a reply answers its options."""
        ...


@runtime_checkable
class QueuedSender(Protocol):
    """A transport with its own rules for bot-initiated messages (WhatsApp: the 24-hour window, templates and
    messaging tiers). The outbox hands it the message's kind; it may raise Deferred."""

    async def send_queued(self, chat_id: str, reply: Reply, *, user_id: int, kind: str, outbox_id: int) -> str | None:
        ...


@runtime_checkable
class CountsMessages(Protocol):
    """A transport that may send one reply as more than one message (Telegram: a photo, then the text that does
    not fit its caption): the send rate counts each message the platform counts."""

    def messages_for(self, reply: Reply) -> int:
        """How many messages (API calls the platform counts against its rate) sending `reply` takes at most."""
        ...


def messages_for(transport: object, reply: Reply) -> int:
    return max(1, transport.messages_for(reply)) if isinstance(transport, CountsMessages) else 1


@runtime_checkable
class WebhookReceiver(Protocol):
    """A transport whose platform posts to the bot's web app (WhatsApp): the web route hands it each request."""

    def verify(self, params: dict[str, str]) -> str | None:
        """The challenge to echo for the platform's verify handshake; None when the token is wrong."""
        ...

    async def receive(self, body: bytes, signature: str | None) -> int:
        """Checks and stores one delivery; returns the HTTP status to answer (403 when it is forged)."""
        ...


@runtime_checkable
class StoredUpdates(Protocol):
    """A transport whose updates can be stored by one process (the ingress) and handled by another (a worker):
    the worker hands it back the stored payload, and it does what it would have done on receipt."""

    async def handle_stored(self, payload: dict[str, Any]) -> None:
        ...


@dataclass(frozen=True)
class StoredUpdate:
    transport: str
    update_key: str
    """The platform's id of the update: a redelivery is stored once."""
    person_key: str
    """Whose update it is: one person's updates are handled one at a time, in the order they came."""
    payload: dict[str, Any]


class Ingress(Protocol):
    """Where a transport hands its updates when the bot runs as several processes (`--role ingress`): stored in
    PostgreSQL and queued for the workers before the platform hears they arrived."""

    async def accept(self, updates: Sequence[StoredUpdate]) -> int:
        """Stores the updates (skipping those stored before) and queues their people; returns how many were new."""
        ...


class PhotoUnavailable(Exception):
    """The photo could not be fetched from the platform (gone, or a network fault)."""


class PhotoTooLarge(PhotoUnavailable):
    def __init__(self, size: int) -> None:
        super().__init__(f"photo of {size} bytes")
        self.size = size


@runtime_checkable
class PhotoSource(Protocol):
    """A transport whose users can send photos: it fetches the original for the bot to keep."""

    async def fetch_photo(self, ref: str, *, max_bytes: int) -> bytes:
        """The photo's bytes; PhotoTooLarge above `max_bytes`, PhotoUnavailable when it cannot be had."""
        ...
