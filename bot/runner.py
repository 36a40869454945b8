"""`wijkgids run`: every configured transport plus the background workers, in one asyncio loop.

`--role all` (the default) is one process doing everything, on SQLite or PostgreSQL. On PostgreSQL the bot can
also run as one `--role ingress` and any number of `--role worker` processes (bot/scale.py)."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import os
import signal
import socket
from typing import TYPE_CHECKING

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.scheduling import start_scheduler

if TYPE_CHECKING:
    from bot.transports.pacing import Pacer

log = logging.getLogger(__name__)

WORKERS_SEND = frozenset({"telegram", "whatsapp"})
"""In a scaled-out bot the workers send these platforms' outbox; the ingress sends the rest (Matrix: one device)."""


async def run(app: App, stop: asyncio.Event | None = None, *, role: str = "all") -> None:
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    if role == "all":
        await _run_all(app, stop)
    elif role in ("ingress", "worker"):
        await _run_scaled(app, stop, role)
    else:
        raise ValueError(f"unknown role {role!r}")


async def _run_all(app: App, stop: asyncio.Event) -> None:
    started: list[object] = []
    if app.settings.has_telegram:
        from bot.transports.telegram import TelegramTransport

        telegram = TelegramTransport(app)
        app.transports["telegram"] = telegram
        await telegram.start()
        started.append(telegram)
    await _start_whole_transports(app, started)

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


async def _start_whole_transports(app: App, started: list[object], *, whatsapp_pacer: Pacer | None = None) -> None:
    """Matrix (one device, one sync loop) and WhatsApp (its webhook inbox) as they run in one process, plus the
    web app; in a scaled-out bot these stay in the ingress."""
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
        if whatsapp_pacer is not None:
            whatsapp.limiter = whatsapp_pacer
        app.transports["whatsapp"] = whatsapp
        await whatsapp.start()
        started.append(whatsapp)

    if app.settings.has_web or app.settings.has_whatsapp:  # the WhatsApp webhook is one of the web app's routes
        from bot.web.server import WebServer

        web = WebServer(app)
        await web.start()
        started.append(web)


async def _run_scaled(app: App, stop: asyncio.Event, role: str) -> None:
    """The ingress receives (Telegram and WhatsApp: stores every update for the workers before the platform hears
    it arrived; Matrix: handled here as in one process, and its outbox sent from here); a worker handles stored
    updates, runs the periodic jobs (each period once across workers) and sends the outbox for Telegram and
    WhatsApp; one send rate per platform for all processes."""
    from bot import scale
    from bot.infra.send_rate import SharedRateLimiter

    scale.ensure_schema(app)
    queue = scale.Queue(app)
    settings = app.settings
    started: list[object] = []
    tasks: list[asyncio.Task[None]] = []
    health = None
    await queue.procrastinate.open_async()
    try:
        if role == "ingress":
            app.ingress = queue
        if settings.has_telegram:
            from bot.transports.telegram import TelegramTransport

            telegram = TelegramTransport(app)
            app.transports["telegram"] = telegram
            await telegram.start(receive=role == "ingress")
            if role == "worker":  # its answers count towards the bot's 30/s too (no per-chat wait for an answer)
                telegram.reply_pacer = SharedRateLimiter(app.engine, "send", settings.send_rate_per_s,
                                                         limit=settings.send_limit, window_s=settings.send_window_s)
            started.append(telegram)
        whatsapp_pacer = SharedRateLimiter(app.engine, "whatsapp", settings.whatsapp_rate_per_s,
                                           limit=int(settings.whatsapp_rate_per_s)) if settings.has_whatsapp else None
        if role == "ingress":
            await _start_whole_transports(app, started, whatsapp_pacer=whatsapp_pacer)
        elif whatsapp_pacer is not None:
            from bot.transports.whatsapp import WhatsAppTransport

            whatsapp = WhatsAppTransport(app)
            whatsapp.limiter = whatsapp_pacer
            app.transports["whatsapp"] = whatsapp
            await whatsapp.start(receive=False)
            started.append(whatsapp)
        sending = {name for name in app.transports if (name in WORKERS_SEND) == (role == "worker")}
        if sending or role == "worker":
            limiter = SharedRateLimiter(app.engine, "send", settings.send_rate_per_s, settings.per_chat_interval_s,
                                        limit=settings.send_limit, window_s=settings.send_window_s)
            mail = SharedRateLimiter(app.engine, "email", settings.email_rate_per_s)
            delivery = DeliveryWorker(app, limiter=limiter, mail_limiter=mail, transports=sending)
            tasks.append(asyncio.create_task(delivery.run(stop), name="outbox-delivery"))
        if role == "worker":
            name = f"{socket.gethostname()}-{os.getpid()}"
            tasks.append(asyncio.create_task(queue.run_worker(name), name="queue-worker"))
        if settings.health_port is not None:
            health = scale.HealthServer(app, role, settings.health_port, settings.health_listen)
            await health.start()
            log.info("health of this %s on http://%s:%d/health", role, settings.health_listen, health.port)
        log.info("Wijkgids %s running with %s", role, ", ".join(app.transports) or "no transports")
        await stop.wait()
    finally:
        app.wake_delivery()
        for task in reversed(tasks):
            if task.get_name() == "queue-worker":
                task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if health is not None:
            await health.stop()
        for transport in reversed(started):
            await transport.stop()  # type: ignore[attr-defined]
        await queue.procrastinate.close_async()
