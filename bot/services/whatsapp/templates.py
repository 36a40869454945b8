"""WhatsApp message templates (content/whatsapp_templates.yaml): which template carries which kind of
bot-initiated message, its text in the resident's language, the body of a send, and the definition Meta's API
takes for approval (printed by `wijkgids whatsapp templates`)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from bot.core.commands import cmd
from bot.core.events import Reply
from bot.core.text import shorten
from bot.infra import yamlfile
from bot.infra.i18n import LOCALES, gettext, use_locale

FILENAME = "whatsapp_templates.yaml"
CATEGORIES = ("utility", "marketing")
NAME = re.compile(r"^[a-z0-9_]{1,512}$")
MAX_BODY = 1024
PARAMETER = "{{1}}"
META_LANGUAGE = {"nl": "nl", "en": "en", "tr": "tr", "ar": "ar", "pl": "pl", "uk": "uk"}
"""Our locale → Meta's language code of the template."""


class TemplateError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Template:
    name: str
    category: str
    kinds: frozenset[str]
    body: str
    """English msgid with {message} (and optionally {stop})."""
    example: str
    photo: bool = False

    def text(self, locale: str, message: str = PARAMETER) -> str:
        """The body in `locale`, with `message` in its place (Meta's {{1}} by default)."""
        with use_locale(locale):
            return gettext(self.body).format(message=message, stop=cmd("stop"))

    def room(self, locale: str) -> int:
        """How long the parameter may be in `locale` (the whole body is at most 1,024 characters)."""
        return MAX_BODY - (len(self.text(locale)) - len(PARAMETER))

    def send_body(self, locale: str, reply: Reply, *, media_id: str | None = None) -> dict[str, Any]:
        """The `template` message for the Cloud API: the reply's text (and options) as the one parameter."""
        components: list[dict[str, Any]] = []
        if self.photo and media_id is not None:
            components.append({"type": "header", "parameters": [{"type": "image", "image": {"id": media_id}}]})
        with use_locale(locale):
            parameter = template_text(reply, self.room(locale))
        components.append({"type": "body", "parameters": [{"type": "text", "text": parameter}]})
        return {"type": "template", "template": {"name": self.name, "language": {"code": META_LANGUAGE[locale]},
                                                 "components": components}}

    def definition(self, locale: str) -> dict[str, Any]:
        """What to POST to /{whatsapp-business-account-id}/message_templates for approval in `locale`."""
        with use_locale(locale):
            example = gettext(self.example)
        components: list[dict[str, Any]] = []
        if self.photo:
            components.append({"type": "HEADER", "format": "IMAGE",
                               "example": {"header_handle": ["<handle of an example image, from the upload API>"]}})
        components.append({"type": "BODY", "text": self.text(locale), "example": {"body_text": [[example]]}})
        return {"name": self.name, "language": META_LANGUAGE[locale], "category": self.category.upper(),
                "parameter_format": "POSITIONAL", "components": components}


def flattened(text: str) -> str:
    """Text as a template parameter: WhatsApp refuses new lines, tabs and runs of more than four spaces there."""
    parts = [" ".join(line.split()) for line in text.splitlines()]
    return " · ".join(part for part in parts if part)


def template_text(reply: Reply, limit: int) -> str:
    """A reply as one template parameter: its text and its options, numbered, on one line, at most `limit` long."""
    options = " ".join(f"{number}. {choice.label}" for number, choice in
                       enumerate(reply.choices, start=reply.first_number))
    if options:
        text = shorten(flattened(reply.text), max(1, limit - len(options) - 3))
        return f"{text} · {options}"[:limit]
    return shorten(flattened(reply.text), limit)


def _template(name: str, raw: object) -> Template:
    if not NAME.match(name):
        raise TemplateError(f"{name}: a name has only lower case letters, digits and _")
    if not isinstance(raw, dict):
        raise TemplateError(f"{name}: expected a mapping")
    category, kinds, body, example = raw.get("category"), raw.get("kinds"), raw.get("body"), raw.get("example")
    if category not in CATEGORIES:
        raise TemplateError(f"{name}: category must be one of {', '.join(CATEGORIES)}")
    if not isinstance(kinds, list) or not kinds or not all(isinstance(k, str) for k in kinds):
        raise TemplateError(f"{name}: kinds must be a list of outbox kinds")
    if not isinstance(body, str) or body.count("{message}") != 1:
        raise TemplateError(f"{name}: the body needs {{message}} exactly once")
    if body.strip().startswith("{message}") or body.strip().endswith("{message}"):
        raise TemplateError(f"{name}: the body may not start or end with {{message}}")
    if not isinstance(example, str) or not example.strip():
        raise TemplateError(f"{name}: an example message is needed for Meta's review")
    try:
        body.format(message="", stop="")
    except (KeyError, IndexError, ValueError) as exc:
        raise TemplateError(f"{name}: unknown placeholder in the body ({exc})") from None
    return Template(name, str(category), frozenset(kinds), body, example, bool(raw.get("photo", False)))


def load_templates(content_dir: Path) -> dict[str, Template]:
    path = content_dir / FILENAME
    if not path.exists():
        return {}
    data = yamlfile.load(path.read_text(encoding="utf-8")) or {}
    raw = data.get("templates") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        raise TemplateError(f"{path}: expected a 'templates' mapping")
    templates = {str(name): _template(str(name), value) for name, value in raw.items()}
    for kind in {k for t in templates.values() for k in t.kinds}:
        for photo in (False, True):
            if len([t for t in templates.values() if kind in t.kinds and t.photo == photo]) > 1:
                raise TemplateError(f"{path}: more than one template for kind {kind!r}")
    return templates


def for_kind(templates: Mapping[str, Template], kind: str, *, photo: bool = False) -> Template | None:
    """The template for this kind of message: with a photo header when the message has a photo and one exists."""
    matching = [t for t in templates.values() if kind in t.kinds]
    return next((t for t in matching if t.photo == photo), None) or next((t for t in matching if not t.photo), None)


def definitions(templates: Mapping[str, Template], locales: tuple[str, ...] = LOCALES) -> list[dict[str, Any]]:
    return [t.definition(locale) for t in templates.values() for locale in locales if locale in META_LANGUAGE]


def extract_babel(fileobj: IO[bytes], keywords: object, comment_tags: object, options: object
                  ) -> Iterator[tuple[int, str, str, list[str]]]:
    """A Babel extractor (babel.cfg): the bodies and examples, so they are translated like every other text."""
    data = yamlfile.load(fileobj.read().decode("utf-8")) or {}
    for name, raw in (data.get("templates") or {}).items():
        for field in ("body", "example"):
            if isinstance(raw, dict) and isinstance(raw.get(field), str):
                yield 1, "_", raw[field], [f"WhatsApp template {name} ({field}); keep {{message}} and {{stop}}"]
