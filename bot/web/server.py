"""uvicorn inside the bot's own event loop (started and stopped by `wijkgids run`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterator
from typing import TYPE_CHECKING

import uvicorn

from bot.web.app import create_web_app

if TYPE_CHECKING:
    from bot.core.app import App

log = logging.getLogger(__name__)


class _QuietServer(uvicorn.Server):
    """Leaves SIGINT/SIGTERM to `wijkgids run`, which stops every part in order."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class WebServer:
    def __init__(self, application: App, *, host: str | None = None, port: int | None = None) -> None:
        settings = application.settings
        config = uvicorn.Config(
            create_web_app(application),
            host=host or settings.web_listen,
            port=settings.web_port if port is None else port,
            log_config=None,
            access_log=False,
            lifespan="off",
            proxy_headers=True,
            forwarded_allow_ips=settings.web_forwarded_allow_ips,
        )
        self._server = _QuietServer(config)
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self._task = asyncio.create_task(self._server.serve(), name="web-server")
        while not self._server.started:
            if self._task.done():
                await self._task  # raises why it could not start (e.g. port in use)
                raise RuntimeError("web server stopped during start-up")
            await asyncio.sleep(0.02)
        log.info("Web pages on %s:%s", self._server.config.host, self.port)

    @property
    def port(self) -> int:
        """The bound port (useful with port 0: a free one)."""
        for server in self._server.servers:
            for sock in server.sockets:
                return int(sock.getsockname()[1])
        return self._server.config.port

    async def stop(self) -> None:
        if self._task is None:
            return
        self._server.should_exit = True
        await self._task
        self._task = None
