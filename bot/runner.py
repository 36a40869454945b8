"""`wijkgids run`: every configured transport plus the background workers, in one asyncio loop."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import signal

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.scheduling import start_scheduler

log = logging.getLogger(__name__)


async def run(app: App, stop: asyncio.Event | None = None) -> None:
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)

    started: list[object] = []
    if app.settings.has_telegram:
        from bot.transports.telegram import TelegramTransport

        telegram = TelegramTransport(app)
        app.transports["telegram"] = telegram
        await telegram.start()
        started.append(telegram)
    if app.settings.has_matrix:
        try:
            matrix_module = importlib.import_module("bot.transports.matrix")
        except ImportError:
            log.error("Matrix is configured, but this version has no Matrix transport yet; skipping it")
        else:
            matrix = matrix_module.MatrixTransport(app)
            app.transports["matrix"] = matrix
            await matrix.start()
            started.append(matrix)

    if app.settings.has_whatsapp:
        from bot.transports.whatsapp import WhatsAppTransport

        whatsapp = WhatsAppTransport(app)
        app.transports["whatsapp"] = whatsapp
        await whatsapp.start()
        started.append(whatsapp)

    if app.settings.has_web or app.settings.has_whatsapp:  # the WhatsApp webhook is one of the web app's routes
        from bot.web.server import WebServer

        web = WebServer(app)
        await web.start()
        started.append(web)

    scheduler = start_scheduler(app)
    delivery = asyncio.create_task(DeliveryWorker(app).run(stop), name="outbox-delivery")
    log.info("Wijkgids running with %s", ", ".join(app.transports) or "no transports")
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)
        app.wake_delivery()
        await delivery
        for transport in reversed(started):
            await transport.stop()  # type: ignore[attr-defined]
