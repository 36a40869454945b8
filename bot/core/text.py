"""Small text helpers shared by handlers."""

from __future__ import annotations

import re

from bot.core.events import Reply
from bot.infra.i18n import _


def shorten(text: str, limit: int = 60) -> str:
    """The text, cut to `limit` characters with an ellipsis when it is longer (for buttons and mentions)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def numbered_options(reply: Reply) -> list[str]:
    """Choices as typed answers (transports without buttons): numbered, with how to answer in the user's words."""
    if not reply.choices:
        return []
    lines = [f"{number}. {choice.label}" for number, choice in enumerate(reply.choices, start=reply.first_number)]
    return [*lines, _("(Type the number or the word.)")]


def last_question(text: str) -> str | None:
    """The last sentence of a text that ends with a question mark ("…kijk wat er te doen is.\n\nWat wil je doen?"
    → "Wat wil je doen?"), or None."""
    sentences = [part.strip() for line in text.splitlines() for part in re.split(r"(?<=[.!?؟])\s+", line)]
    return next((part for part in reversed(sentences) if part.endswith(("?", "؟"))), None)
