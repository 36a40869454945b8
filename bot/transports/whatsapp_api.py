"""A small client for the WhatsApp Cloud API (Meta's Graph API) on httpx: send a message, upload a photo,
download what a resident sent. Errors become the transport errors the outbox understands.

Why not pywa (see the README): we need five calls; pywa fixes the Graph host inside its client (tests would have
to rewrite requests underneath it), keeps its duplicate check in process memory, logs request bodies with the
recipient's phone number at debug level, and would be ~28,000 lines of dependency for them. httpx already comes
with python-telegram-bot.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx

from bot.core.transport import DeliveryError, PhotoTooLarge, PhotoUnavailable, RecipientUnreachable, RetryLater

log = logging.getLogger(__name__)

THROUGHPUT = 130429
"""Too many messages per second from our number."""
PAIR_RATE = 131056
"""Too many messages to the same person in a short time (about one per 6 seconds)."""
MARKETING_LIMIT = 131049
"""Meta holds back marketing messages to someone who got many lately; try again a day later."""
OUTSIDE_WINDOW = frozenset({131047, 470})
"""More than 24 hours since the person's last message: only a template may be sent."""
STOPPED_MARKETING = 131050
"""The person stopped marketing messages from us."""
UNREACHABLE = frozenset({131021, 131030, 131045})
"""Sending to ourselves, a number not allowed for a test app, a number that cannot be reached."""
PAIR_WAIT_S = 6.0
MARKETING_WAIT_S = 24 * 3600.0


class WindowClosed(DeliveryError):
    """The 24-hour window was closed after all (clocks differ): plan the message again (template or wait)."""


class NoMarketing(RecipientUnreachable):
    """The person opted out of marketing messages; other messages still reach them."""


@dataclass
class GraphError(DeliveryError):
    code: int | None
    status: int
    title: str

    def __str__(self) -> str:
        return f"Graph API error {self.code} (HTTP {self.status}): {self.title}"


def error_for(code: int | None, status: int, title: str) -> DeliveryError:
    """The transport error for a Graph API error code (also for failed statuses that arrive on the webhook)."""
    if code == THROUGHPUT or (code is None and status == 429):
        return RetryLater(1.0)
    if code == PAIR_RATE:
        return RetryLater(PAIR_WAIT_S, chat_only=True)
    if code == MARKETING_LIMIT:
        return RetryLater(MARKETING_WAIT_S, chat_only=True)
    if code in OUTSIDE_WINDOW:
        return WindowClosed(f"outside the 24-hour window ({code})")
    if code == STOPPED_MARKETING:
        return NoMarketing("stopped marketing messages")
    if code in UNREACHABLE:
        return RecipientUnreachable(f"cannot be reached ({code})")
    return GraphError(code, status, title)


class GraphClient:
    """The Cloud API for one business phone number. The access token goes in a header, never in a log line."""

    def __init__(self, *, base_url: str, phone_number_id: str, access_token: str, timeout_s: float = 15.0,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.phone_number_id = phone_number_id
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/") + "/", headers={"Authorization": f"Bearer {access_token}"},
            timeout=timeout_s, transport=transport,
            limits=httpx.Limits(max_connections=64, max_keepalive_connections=64))

    async def close(self) -> None:
        await self._client.aclose()

    async def _call(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = await self._client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise DeliveryError(f"network: {type(exc).__name__}") from exc
        try:
            data = response.json()
        except ValueError:
            data = {}
        if response.status_code >= 400 or not isinstance(data, dict):
            found = data.get("error") if isinstance(data, dict) else None
            error: dict[str, Any] = found if isinstance(found, dict) else {}
            code = error.get("code")
            raise error_for(code if isinstance(code, int) else None, response.status_code,
                            str(error.get("message") or response.reason_phrase)[:200])
        return data

    async def send(self, to: str, body: dict[str, Any]) -> str:
        """Sends one message body (text, interactive, image, document or template); returns its wamid."""
        data = await self._call("POST", f"{self.phone_number_id}/messages",
                                json={"messaging_product": "whatsapp", "recipient_type": "individual", "to": to,
                                      **body})
        messages = data.get("messages")
        if not isinstance(messages, list) or not messages or not isinstance(messages[0], dict):
            raise DeliveryError("no message id in the answer")
        return str(messages[0].get("id"))

    async def upload(self, content: bytes, *, mime_type: str, filename: str) -> str:
        """Uploads media for sending (kept by WhatsApp for 30 days); returns its media id."""
        data = await self._call("POST", f"{self.phone_number_id}/media",
                                data={"messaging_product": "whatsapp", "type": mime_type},
                                files={"file": (filename, content, mime_type)})
        return str(data["id"])

    async def download(self, media_id: str, *, max_bytes: int) -> bytes:
        """A photo a resident sent: its URL from the media id, then the bytes (both with our token)."""
        try:
            info = await self._call("GET", media_id)
        except DeliveryError as exc:
            raise PhotoUnavailable(str(exc)) from exc
        size = info.get("file_size")
        if isinstance(size, int) and size > max_bytes:
            raise PhotoTooLarge(size)
        url = info.get("url")
        if not isinstance(url, str):
            raise PhotoUnavailable("no media URL")
        try:
            async with self._client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise PhotoUnavailable(f"HTTP {response.status_code}")
                content = b""
                async for chunk in response.aiter_bytes():
                    content += chunk
                    if len(content) > max_bytes:
                        raise PhotoTooLarge(len(content))
        except httpx.HTTPError as exc:
            raise PhotoUnavailable(type(exc).__name__) from exc
        return content
