"""APScheduler drives the timing of due work; the work itself is rows in the database.

Each feature registers a periodic job (`Registry.periodic`) that claims its due
rows; no job state lives in the scheduler, so a restart or a second worker
loses and doubles nothing.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.core.app import App

log = logging.getLogger(__name__)


def start_scheduler(app: App) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    for job in app.registry.periodic:
        scheduler.add_job(
            job.func, "interval", seconds=job.every_s, args=[app], id=job.name,
            max_instances=1, coalesce=True, misfire_grace_time=None,
        )
    scheduler.start()
    return scheduler


async def run_due_jobs(app: App) -> None:
    """Runs every periodic job once, in order; tests and the console use this to advance time."""
    for job in app.registry.periodic:
        await job.func(app)
