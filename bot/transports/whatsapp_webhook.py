"""What the WhatsApp Cloud API posts to our webhook: its signature, the verify handshake, and the messages and
status updates inside, turned into neutral events (`bot.core.events.Incoming`).

Pure functions, no I/O: the web route verifies and stores, the transport's inbox worker converts and handles.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.core.events import Incoming, Kind

SIGNATURE_HEADER = "X-Hub-Signature-256"

UNSUPPORTED_TYPES = {
    "sticker": "sticker", "video": "video", "location": "location", "contacts": "contact", "document": "document",
    "audio": "audio", "voice": "voice",
}
"""WhatsApp message types the bot cannot read, and the name the dispatcher gives them in its kind answer."""
IGNORED_TYPES = frozenset({"reaction", "system", "request_welcome", "ephemeral", "revoked", "errors"})
"""No answer: a 👍 on a bot message, a changed number, a deleted message. Answering those would nag."""


def signature_valid(app_secret: str, body: bytes, header: str | None) -> bool:
    """`X-Hub-Signature-256` is "sha256=" + HMAC-SHA256 of the raw body with the app secret."""
    if not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


def sign(app_secret: str, body: bytes) -> str:
    """The header value Meta would send (used by the fake Graph API in tests)."""
    return "sha256=" + hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def handshake(params: Mapping[str, str], verify_token: str) -> str | None:
    """The challenge to echo when Meta verifies the webhook (`hub.mode=subscribe` with our verify token)."""
    if params.get("hub.mode") != "subscribe":
        return None
    if not hmac.compare_digest(params.get("hub.verify_token", "").encode(), verify_token.encode()):
        return None
    return params.get("hub.challenge")


@dataclass(frozen=True, slots=True)
class InboundMessage:
    """One message a resident sent, as stored in the inbox until it is handled."""

    wamid: str
    wa_id: str
    """The sender's WhatsApp id, which is their phone number: personal data, never logged."""
    payload: dict[str, Any]
    name: str = ""
    sent_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class StatusUpdate:
    wamid: str
    status: str
    """sent | delivered | read | failed"""
    error_code: int | None = None
    error_title: str = ""


def _timestamp(value: object) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(str(value)), tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def parse(payload: object, *, phone_number_id: str) -> tuple[list[InboundMessage], list[StatusUpdate]]:
    """Messages and status updates meant for our number; anything malformed or for another number is skipped."""
    messages: list[InboundMessage] = []
    statuses: list[StatusUpdate] = []
    if not isinstance(payload, dict) or payload.get("object") != "whatsapp_business_account":
        return messages, statuses
    for entry in _dicts(payload.get("entry")):
        for change in _dicts(entry.get("changes")):
            value = change.get("value")
            if change.get("field") != "messages" or not isinstance(value, dict):
                continue
            metadata = _dict(value.get("metadata"))
            if str(metadata.get("phone_number_id", "")) != phone_number_id:
                continue
            names = {str(c.get("wa_id")): str((c.get("profile") or {}).get("name") or "")
                     for c in _dicts(value.get("contacts"))}
            for message in _dicts(value.get("messages")):
                wamid = message.get("id")
                sender = message.get("from") or message.get("from_user_id")  # a business-scoped id for usernames
                if not isinstance(wamid, str) or not isinstance(sender, str) or not wamid or not sender:
                    continue
                messages.append(InboundMessage(wamid, sender, message, names.get(sender, ""),
                                               _timestamp(message.get("timestamp"))))
            for status in _dicts(value.get("statuses")):
                wamid, state = status.get("id"), status.get("status")
                if not isinstance(wamid, str) or not isinstance(state, str):
                    continue
                error = next(iter(_dicts(status.get("errors"))), {})
                code = error.get("code")
                statuses.append(StatusUpdate(wamid, state, code if isinstance(code, int) else None,
                                             str(error.get("title") or "")[:200]))
    return messages, statuses


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: object) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def to_incoming(message: InboundMessage) -> Incoming | None:
    """The neutral event for a stored message; None for what gets no answer (reactions, system notices)."""
    raw = message.payload
    kind = str(raw.get("type") or "unsupported")
    context = _dict(raw.get("context"))
    common: dict[str, Any] = {"display_name": message.name, "event_id": message.wamid,
                              "reply_to": context.get("id") if isinstance(context.get("id"), str) else None}
    wa_id = message.wa_id
    if kind in IGNORED_TYPES:
        return None
    if kind == "text":
        body = str((raw.get("text") or {}).get("body") or "")
        return Incoming.from_text("whatsapp", wa_id, body, chat_id=wa_id, **common)
    if kind == "interactive":
        interactive = raw.get("interactive") or {}
        picked = interactive.get("button_reply") or interactive.get("list_reply") or {}
        if isinstance(picked, dict) and isinstance(picked.get("id"), str):
            return Incoming("whatsapp", wa_id, wa_id, Kind.CHOICE, choice=picked["id"],
                            text=str(picked.get("title") or ""), **common)
        return Incoming("whatsapp", wa_id, wa_id, Kind.UNSUPPORTED, media="other", **common)
    if kind == "button":  # a quick-reply button of a template: its text is what the resident means
        button = raw.get("button") or {}
        return Incoming.from_text("whatsapp", wa_id, str(button.get("text") or button.get("payload") or ""),
                                  chat_id=wa_id, **common)
    if kind == "image" or (kind == "document" and str((raw.get("document") or {}).get("mime_type", ""))
                           .startswith("image/")):
        media = raw.get(kind) or {}
        return Incoming("whatsapp", wa_id, wa_id, Kind.PHOTO, text=str(media.get("caption") or ""), media="photo",
                        photo=str(media.get("id") or ""), **common)
    if kind == "audio" and (raw.get("audio") or {}).get("voice"):
        kind = "voice"
    return Incoming("whatsapp", wa_id, wa_id, Kind.UNSUPPORTED, media=UNSUPPORTED_TYPES.get(kind, "other"), **common)
