"""The application object: settings, database, content, the registry and the running transports.

It is built in one place, bot/composition.py, which hands it the registry of handlers/: the core never
imports the conversations it runs."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine

from bot.core.conversation import Registry
from bot.core.dispatcher import Dispatcher
from bot.core.transport import Ingress, Transport
from bot.infra.clock import Clock, SystemClock
from bot.infra.config import Settings
from bot.infra.content import Content


@dataclass(eq=False)
class App:
    settings: Settings
    engine: Engine
    content: Content
    registry: Registry
    clock: Clock = field(default_factory=SystemClock)
    transports: dict[str, Transport] = field(default_factory=dict)
    ingress: Ingress | None = None
    """Set in the ingress process of a scaled-out bot: transports store updates there instead of handling them."""
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

