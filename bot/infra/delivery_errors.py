"""What sending a message can end in, for every channel (chat transports and e-mail): the outbox retries,
stops or slows down accordingly."""

from __future__ import annotations

from datetime import datetime


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
