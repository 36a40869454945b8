"""Running as several processes on PostgreSQL: one ingress, N workers (`wijkgids run --role ingress|worker`).

The queue is procrastinate (PostgreSQL only, psycopg 3, LISTEN/NOTIFY wake-ups):

- the **ingress** stores each update in `inbound_update` (idempotent by the platform's id) and defers a
  wake-up `handle_person(person_key)` with `lock=person_key`: procrastinate runs the jobs of one lock one at a
  time, so one person's updates never run side by side; `bot.core.inbound.handle_person` handles that person's
  open updates in the order they were stored (ordered per person, any person on any worker). A waiting
  wake-up carries `queueing_lock=person_key`, so a person who types ten messages queues one wake-up, not ten;
- **recovery** (a periodic task, run once per period across all workers): jobs of a worker whose heartbeat
  stopped (killed, a machine gone) are finished and their people woken again; people with updates open for
  longer than `stalled_after_s` are woken again (an ingress that died between storing and queueing);
- **periodic jobs** of the registry become procrastinate periodic tasks: each period is deferred once, whatever
  the number of workers (and the jobs still claim their rows with SKIP LOCKED);
- **the send rate** is shared through PostgreSQL (`bot.infra.send_rate`).

The embedded default (`--role all`, SQLite or PostgreSQL) uses none of this.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import time
import weakref
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from datetime import timedelta
from typing import Any

import procrastinate
import psycopg_pool
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.schema import SchemaManager
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from bot.core import inbound
from bot.core.app import App
from bot.core.transport import StoredUpdate
from bot.infra import db
from bot.infra.crud import inbound as inbound_crud

log = logging.getLogger(__name__)

UPDATES_QUEUE = "updates"
PERIODIC_QUEUE = "periodic"
SCHEMA_LOCK = 29_029
"""PostgreSQL advisory lock id: one process at a time installs the queue's schema."""
ROLES = ("all", "ingress", "worker")


def conninfo(url: str) -> str:
    """The libpq address of the SQLAlchemy database URL (psycopg takes the same options, e.g. a search_path)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def cron_for(every_s: float) -> str:
    """A procrastinate cron line (six fields: seconds last) that fires about every `every_s` seconds."""
    seconds = max(1, round(every_s))
    if seconds < 60:  # croniter's sixth field is the second ("*/5 * * * * *" would be every 5 minutes)
        return f"* * * * * */{seconds}"
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        return f"*/{minutes} * * * *"
    hours = max(1, round(minutes / 60))
    return f"0 */{hours} * * *" if hours < 24 else "0 3 * * *"


def ensure_schema(app: App) -> None:
    """Installs procrastinate's tables and functions once (the version pinned in the lock), under a lock so
    processes starting together do not race."""
    if not db.is_postgres(app.engine):
        raise SystemExit("--role ingress and --role worker need PostgreSQL (WIJKGIDS_DATABASE_URL=postgresql://...)")
    with app.engine.begin() as connection:
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
        if connection.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is None:
            cursor = connection.connection.cursor()  # no parameters: the schema's own % signs stay as they are
            cursor.execute(SchemaManager.get_schema())
            cursor.close()
            log.info("installed the queue's schema (procrastinate %s)", procrastinate.__version__)


_returned_at: weakref.WeakKeyDictionary[Any, float] = weakref.WeakKeyDictionary()


async def _note_return(connection: Any) -> None:
    _returned_at[connection] = time.monotonic()


async def _check_when_idle(connection: Any) -> None:
    """The queue's connections are checked (one round trip) only when they lay idle, as the engine's
    (bot.infra.db.PING_AFTER_IDLE_S): procrastinate's default checks on every use, two round trips per job."""
    if time.monotonic() - _returned_at.get(connection, 0.0) >= db.PING_AFTER_IDLE_S:
        await psycopg_pool.AsyncConnectionPool.check_connection(connection)


def queue_pool(**kwargs: Any) -> psycopg_pool.AsyncConnectionPool:
    """procrastinate's connection pool with the idle-only check (a broken idle connection is still replaced)."""
    kwargs.update(check=_check_when_idle, reset=_note_return, configure=_note_return)
    return psycopg_pool.AsyncConnectionPool(**kwargs)


class Queue:
    """The procrastinate app of one process, with the bot's tasks registered on it."""

    def __init__(self, app: App) -> None:
        self.app = app
        settings = app.settings
        self.stalled_after_s = settings.stalled_after_s
        self.procrastinate = procrastinate.App(
            connector=procrastinate.PsycopgConnector(conninfo=conninfo(settings.effective_database_url),
                                                     min_size=1, max_size=settings.worker_concurrency + 4,
                                                     pool_factory=queue_pool),
        )
        self._handle = self.procrastinate.task(name="handle_person", queue=UPDATES_QUEUE)(self._handle_person)
        recover = self.procrastinate.task(name="recover", queue=PERIODIC_QUEUE)(self._recover)
        self.procrastinate.periodic(cron=cron_for(settings.recover_every_s))(recover)
        for job in app.registry.periodic:
            task = self.procrastinate.task(name=f"periodic:{job.name}", queue=PERIODIC_QUEUE)(
                self._periodic(job.func))
            self.procrastinate.periodic(cron=cron_for(job.every_s))(task)

    # --- the ingress ---------------------------------------------------------------------
    async def accept(self, updates: Sequence[StoredUpdate]) -> int:
        """Stores the updates in one transaction, then wakes their people (in the order they came)."""
        if not updates:
            return 0
        now = self.app.clock.now()
        woken: list[str] = []
        with Session(self.app.engine) as session:
            for update in updates:
                if inbound_crud.store(session, transport=update.transport, update_key=update.update_key,
                                      person_key=update.person_key, payload=update.payload, now=now) is not None \
                        and update.person_key not in woken:
                    woken.append(update.person_key)
            session.commit()
        for person_key in woken:
            await self.wake(person_key)
        return len(woken)

    async def wake(self, person_key: str) -> None:
        """Queues a wake-up for the person; one already waiting will see the new update too."""
        with contextlib.suppress(AlreadyEnqueued):
            await self._handle.configure(lock=person_key, queueing_lock=person_key).defer_async(
                person_key=person_key)

    # --- the tasks -----------------------------------------------------------------------
    async def _handle_person(self, person_key: str) -> None:
        await inbound.handle_person(self.app, person_key)

    async def _recover(self, timestamp: int) -> None:
        manager = self.procrastinate.job_manager
        for job in await manager.get_stalled_jobs(seconds_since_heartbeat=self.stalled_after_s):
            assert job.id is not None
            log.warning("job %s (%s) of a stopped worker: finished, its person woken again", job.id, job.task_name)
            with contextlib.suppress(Exception):  # another worker's recovery got there first
                await manager.finish_job_by_id_async(job.id, procrastinate.jobs.Status.FAILED, delete_job=True)
            if job.task_name == "handle_person":
                await self.wake(str(job.task_kwargs["person_key"]))
        now = self.app.clock.now()
        with Session(self.app.engine) as session:
            waiting = inbound_crud.waiting_people(session, received_before=now - timedelta(
                seconds=self.stalled_after_s))
            inbound_crud.purge_handled(session, now=now)
            session.commit()
        for person_key in waiting:
            await self.wake(person_key)

    def _periodic(self, func: Callable[[App], Awaitable[None]]
                  ) -> Callable[[int], Coroutine[Any, Any, None]]:
        async def run(timestamp: int) -> None:
            await func(self.app)

        run.__name__ = getattr(func, "__name__", "periodic")
        return run

    # --- running -------------------------------------------------------------------------
    async def run_worker(self, name: str) -> None:
        settings = self.app.settings
        await self.procrastinate.run_worker_async(
            queues=[UPDATES_QUEUE, PERIODIC_QUEUE], name=name, concurrency=settings.worker_concurrency,
            wait=True, install_signal_handlers=False, listen_notify=True, delete_jobs="successful",
            fetch_job_polling_interval=5.0, update_heartbeat_interval=settings.worker_heartbeat_s,
            stalled_worker_timeout=self.stalled_after_s,
        )


class HealthServer:
    """GET /health for one process of a scaled-out bot (WIJKGIDS_HEALTH_PORT): 200 with its role, the database
    and the open updates as JSON, 503 when the database does not answer."""

    def __init__(self, app: App, role: str, port: int, listen: str = "127.0.0.1") -> None:
        self.app = app
        self.role = role
        self.port = port
        self.listen = listen
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, self.listen, self.port, family=socket.AF_INET)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def report(self) -> tuple[int, dict[str, Any]]:
        body: dict[str, Any] = {"role": self.role, "pid": os.getpid(), "transports": sorted(self.app.transports)}
        try:
            with Session(self.app.engine) as session:
                body["updates"] = inbound_crud.counts(session)
            body["database"] = "ok"
        except Exception as exc:
            body["database"] = type(exc).__name__
            return 503, body
        return 200, body

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await asyncio.wait_for(reader.readline(), 5)
            while (await asyncio.wait_for(reader.readline(), 5)).strip():
                pass
            parts = request.decode("latin-1").split()
            if len(parts) >= 2 and parts[0] in ("GET", "HEAD") and parts[1].split("?")[0] == "/health":
                status, body = await asyncio.to_thread(self.report)
            else:
                status, body = 404, {"error": "not found"}
            payload = json.dumps(body).encode()
            reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}[status]
            writer.write(f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
                         f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n".encode() + payload)
            await writer.drain()
        except (TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()
