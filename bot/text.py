"""Small text helpers shared by handlers."""

from __future__ import annotations


def shorten(text: str, limit: int = 60) -> str:
    """The text, cut to `limit` characters with an ellipsis when it is longer (for buttons and mentions)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
