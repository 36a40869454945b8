"""The composition root: the one place where the conversations (handlers/) meet the engine (bot/core).

The CLI, the tests and the benchmarks build the application here; nothing below this module imports
`handlers`, so the layers stay a one-way street (docs/architecture.md).
"""

from __future__ import annotations

from sqlalchemy.engine import Engine

from bot.core.app import App
from bot.infra import i18n
from bot.infra.clock import Clock, SystemClock
from bot.infra.config import Settings
from bot.infra.content import Content, load_content
from bot.infra.db import make_engine
from bot.infra.helplines import load_helplines
from bot.services.topics import load_topic_words
from bot.understanding.corrections import load_correction_words
from bot.understanding.dialogue_acts import load_lexicon
from bot.understanding.gifts import load_gifts
from bot.understanding.redact import use_content
from handlers import build_registry


def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    engine: Engine | None = None,
    content: Content | None = None,
) -> App:
    """Loads content (failing loudly on errors) and registers every handler."""
    i18n.configure(
        locales_dir=settings.locales_dir, default_locale=settings.default_locale, timezone=settings.timezone
    )
    load_gifts(settings.content_dir)  # validated at start-up like the rest of content/
    load_lexicon(settings.content_dir)  # the dialogue acts and the safety signals (content/safety/signals.yaml)
    load_helplines(settings.content_dir)  # where to get help now (content/safety/helplines.yaml)
    use_content(settings.content_dir)  # the word lists of the redaction (content/redaction.yaml)
    load_topic_words(settings.content_dir)  # the words of the questions between the questions (topic_words.yaml)
    load_correction_words(settings.content_dir)  # what rules a value out in a correction (correction_words.yaml)
    return App(
        settings=settings,
        engine=engine or make_engine(settings.effective_database_url),
        content=content or load_content(settings.content_dir),
        registry=build_registry(),
        clock=clock or SystemClock(),
    )
