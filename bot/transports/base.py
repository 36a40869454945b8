"""What every transport provides to the core."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, runtime_checkable

from bot.events import Reply


class DeliveryError(Exception):
    """Sending failed; the outbox retries later."""


class RecipientUnreachable(DeliveryError):
    """The user blocked the bot or the chat is gone: stop sending to them."""


class RetryLater(DeliveryError):
    """The platform asked us to slow down (Telegram RetryAfter, Matrix 429)."""

    def __init__(self, seconds: float, *, chat_only: bool = False) -> None:
        super().__init__(f"retry after {seconds:.1f}s")
        self.seconds = seconds
        self.chat_only = chat_only
        """Only this recipient must wait (WhatsApp's pair rate); other messages go on."""


class Deferred(DeliveryError):
    """Not sent now, by the platform's rules: wait until `until`, or (None) until the recipient's next message."""

    def __init__(self, reason: str, *, until: datetime | None = None) -> None:
        super().__init__(reason)
        self.until = until


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
