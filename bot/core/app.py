"""The application object: settings, database, content, handlers and transports wired together."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from bot.core.conversation import Registry
from bot.core.dispatcher import Dispatcher
from bot.core.transport import Transport
from bot.infra import i18n
from bot.infra.clock import Clock, SystemClock
from bot.infra.config import Settings
from bot.infra.content import Content, load_content
from bot.infra.db import make_engine
from bot.understanding.gifts import load_gifts


@dataclass(eq=False)
class App:
    settings: Settings
    engine: Engine
    content: Content
    registry: Registry
    clock: Clock = field(default_factory=SystemClock)
    transports: dict[str, Transport] = field(default_factory=dict)
    dispatcher: Dispatcher = field(init=False)
    _delivery_wakeup: asyncio.Event = field(default_factory=asyncio.Event, init=False)

    def __post_init__(self) -> None:
        self.dispatcher = Dispatcher(self)

    def wake_delivery(self) -> None:
        self._delivery_wakeup.set()

    async def wait_for_delivery_work(self, seconds: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._delivery_wakeup.wait(), seconds)
        self._delivery_wakeup.clear()


def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    engine: Engine | None = None,
    content: Content | None = None,
) -> App:
    """Loads content (failing loudly on errors) and registers every handler."""
    from handlers import build_registry

    i18n.configure(
        locales_dir=settings.locales_dir, default_locale=settings.default_locale, timezone=settings.timezone
    )
    load_gifts(settings.content_dir)  # validated at start-up like the rest of content/
    return App(
        settings=settings,
        engine=engine or make_engine(settings.effective_database_url),
        content=content or load_content(settings.content_dir),
        registry=build_registry(),
        clock=clock or SystemClock(),
    )
