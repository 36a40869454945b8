"""Transport-neutral events: what a user sent, and what the bot answers.

Transports turn raw platform updates into `Incoming` and render `Reply`
(choices become buttons on Telegram and numbered options elsewhere).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from bot.infra.i18n import RTL, current_locale, isolate


class Kind(StrEnum):
    TEXT = "text"
    COMMAND = "command"
    CHOICE = "choice"
    PHOTO = "photo"
    """A photo, with its caption as ``text``; only steps that ask for one take it (else: unsupported)."""
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True, slots=True)
class Incoming:
    transport: str
    user_id: str
    chat_id: str
    kind: Kind
    text: str = ""
    command: str = ""
    args: tuple[str, ...] = ()
    choice: str = ""
    media: str = ""
    photo: str = ""
    """The platform's own reference to a photo the user sent (Telegram: file_id; Matrix: the event's url, or
    its encrypted file as JSON). The transport fetches it (`PhotoSource`)."""
    photo_id: int | None = None
    """The photo as kept (bot.infra.models.media), set by the dispatcher before a step that takes photos runs."""
    language_hint: str | None = None
    display_name: str = ""
    event_id: str | None = None
    reply_to: str | None = None
    """The platform's id of the bot message this one replies to (Matrix: m.in_reply_to); a typed answer then
    means that message's options. Telegram could fill it from reply_to_message."""
    typed: str = ""
    """The text as the resident typed it when ``text`` is a respelling to read it by (Ukrainian in Latin letters,
    read in Cyrillic); empty otherwise. What is stored and said back is the typed form (`Context.as_typed`)."""

    @classmethod
    def from_text(
        cls,
        transport: str,
        user_id: str,
        text: str,
        *,
        chat_id: str | None = None,
        language_hint: str | None = None,
        display_name: str = "",
        event_id: str | None = None,
        reply_to: str | None = None,
    ) -> Incoming:
        """Builds a command event for '/cmd args' and '!cmd args' (Matrix), otherwise a text event."""
        chat = chat_id if chat_id is not None else user_id
        stripped = text.strip()
        command, args, kind = "", tuple[str, ...](), Kind.TEXT
        if len(stripped) > 1 and ((stripped[0] == "/" and not stripped[1].isspace())
                                  or (stripped[0] == "!" and stripped[1].isalpha())):
            head, *rest = stripped.split()
            command, args, kind = head[1:].split("@", 1)[0].lower(), tuple(rest), Kind.COMMAND
        return cls(transport, user_id, chat, kind, text=text, command=command, args=args,
                   language_hint=language_hint, display_name=display_name, event_id=event_id,
                   reply_to=reply_to)


@dataclass(frozen=True, slots=True)
class Choice:
    data: str
    label: str
    family: str | None = None
    """An answer family from bot/understanding/answer_words.py ("yes", "no", "done", ...): its typed words pick
    this choice."""


def choice_rows(choices: Iterable[Choice]) -> list[list[str]]:
    """Choices as stored (outbox, open prompts, sent options): ``[data, label]`` or ``[data, label, family]`` rows."""
    return [[c.data, c.label, c.family] if c.family else [c.data, c.label] for c in choices]


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content: bytes
    mime_type: str
    caption: str = ""


PHOTO_TRANSPORTS = frozenset({"telegram", "matrix"})
"""Transports whose users can send a photo; the bot asks for one there (a flyer, a story's picture)."""


@dataclass(frozen=True, slots=True)
class Photo:
    """A kept photo (bot.infra.models.media) shown with a message; every transport that shows images shows it."""

    media_id: int


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    choices: tuple[Choice, ...] = ()
    attachment: Attachment | None = None
    replaces_prompt: bool = False
    """Update the message whose button was pressed instead of sending a new one (multi-select)."""
    photo: Photo | None = None
    first_number: int = 1
    """The number of the first option: options run on across the messages of one answer (1–3, 4–6)."""


@dataclass(slots=True)
class Outcome:
    """What the dispatcher produced for one incoming event."""

    replies: list[Reply] = field(default_factory=list)
    chat_id: str = ""
    answered_choice: str | None = None
    user_id: int | None = None
    """The user's row: a transport records the messages it sent with options under it (answers by reply)."""


def right_to_left(reply: Reply) -> Reply:
    """In a right-to-left language (Arabic), names, numbers, commands and links in the text and the option labels
    between Unicode isolates, so they keep their own direction (`bot.infra.i18n.isolate`); otherwise unchanged."""
    if current_locale() not in RTL:
        return reply
    return replace(reply, text=isolate(reply.text),
                   choices=tuple(replace(c, label=isolate(c.label)) for c in reply.choices))
