"""A neutral `Reply` as WhatsApp Cloud API message bodies: reply buttons, a list, or numbered text.

WhatsApp's limits: at most 3 reply buttons with titles of at most 20 characters; a list of at most 10 rows with
titles of at most 24 and descriptions of at most 72 characters, opened by a button of at most 20; an interactive
body of at most 1,024 and a text of at most 4,096 characters. Choices that do not fit become numbered text, which
residents answer by typing, as on Matrix (the core resolves typed numbers and words).
"""

from __future__ import annotations

from typing import Any

from bot.core.events import Choice, Reply
from bot.core.text import numbered_options, shorten
from bot.infra.i18n import _

MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_ROWS = 10
MAX_ROW_TITLE = 24
MAX_ROW_DESCRIPTION = 72
MAX_LIST_BUTTON = 20
MAX_INTERACTIVE_BODY = 1024
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_ID = 256

Body = dict[str, Any]


def _fits_buttons(choices: tuple[Choice, ...]) -> bool:
    return len(choices) <= MAX_BUTTONS and all(len(c.label) <= MAX_BUTTON_TITLE for c in choices)


def _fits_list(choices: tuple[Choice, ...]) -> bool:
    return len(choices) <= MAX_ROWS and all(len(c.label) <= MAX_ROW_TITLE + MAX_ROW_DESCRIPTION for c in choices)


def _row(choice: Choice) -> dict[str, str]:
    if len(choice.label) <= MAX_ROW_TITLE:
        return {"id": choice.data, "title": choice.label}
    # the title shows the start, the description the whole label (when it fits) so nothing is lost
    return {"id": choice.data, "title": shorten(choice.label, MAX_ROW_TITLE),
            "description": shorten(choice.label, MAX_ROW_DESCRIPTION)}


def text_chunks(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Text cut at paragraph or line ends into pieces WhatsApp accepts."""
    chunks: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = max(rest.rfind("\n\n", 0, limit), rest.rfind("\n", 0, limit), rest.rfind(" ", 0, limit))
        cut = cut if cut > limit // 2 else limit
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return [*chunks, rest] if rest or not chunks else chunks


def numbered_text(reply: Reply) -> str:
    return "\n".join([reply.text, *numbered_options(reply)]) if reply.choices else reply.text


def bodies(reply: Reply) -> list[Body]:
    """The message bodies (without `to`, `messaging_product` and media) for the reply's text and choices."""
    choices = reply.choices
    if not choices:
        return [{"type": "text", "text": {"body": chunk, "preview_url": False}} for chunk in text_chunks(reply.text)
                if chunk]
    if not (_fits_buttons(choices) or _fits_list(choices)) or any(len(c.data) > MAX_ID for c in choices):
        return [{"type": "text", "text": {"body": chunk, "preview_url": False}}
                for chunk in text_chunks(numbered_text(reply)) if chunk]
    lead: list[Body] = []
    body = reply.text
    if len(body) > MAX_INTERACTIVE_BODY or not body.strip():
        lead = [{"type": "text", "text": {"body": chunk, "preview_url": False}}
                for chunk in text_chunks(body) if chunk.strip()]
        body = _("Choose one:")
    if _fits_buttons(choices):
        action: dict[str, Any] = {"buttons": [{"type": "reply", "reply": {"id": c.data, "title": c.label}}
                                              for c in choices]}
        interactive: dict[str, Any] = {"type": "button", "body": {"text": body}, "action": action}
    else:
        interactive = {"type": "list", "body": {"text": body},
                       "action": {"button": shorten(_("Choose"), MAX_LIST_BUTTON),
                                  "sections": [{"rows": [_row(c) for c in choices]}]}}
    return [*lead, {"type": "interactive", "interactive": interactive}]
