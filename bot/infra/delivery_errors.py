"""What sending a message can end in, for every channel (chat transports and e-mail): the outbox retries,
stops or slows down accordingly."""

from __future__ import annotations


class DeliveryError(Exception):
    """Sending failed; the outbox retries later."""


class RecipientUnreachable(DeliveryError):
    """The user blocked the bot or the chat is gone: stop sending to them."""


class RetryLater(DeliveryError):
    """The platform asked us to slow down (Telegram RetryAfter, Matrix 429)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"retry after {seconds:.1f}s")
        self.seconds = seconds
