"""One process of a scaled-out bot, for the scale-out test and bench: the real runner (`wijkgids run --role`)
with the real registry plus a hidden /echo command whose replies tell which message they answer.

Usage: python -m tests.scale_process ROLE DB_URL BOT_API_BASE_URL [SEND_RATE_PER_S]
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import time

from bot.composition import build_app
from bot.core.conversation import Context
from bot.infra.config import Settings
from bot.runner import run


async def echo(ctx: Context) -> None:
    ctx.reply("echo " + " ".join(ctx.incoming.args))


async def main(role: str, url: str, base_url: str, rate: float) -> None:
    logging.basicConfig(level=getattr(logging, os.environ.get("SCALE_LOG", "WARNING")),
                        format=f"{role} %(process)d %(name)s %(levelname)s %(message)s")
    settings = Settings(database_url=url, telegram_token="123:TEST", telegram_base_url=base_url,  # type: ignore[arg-type]
                        send_rate_per_s=rate, send_limit=max(30, int(rate)), per_chat_interval_s=0,
                        flood_max_messages=10_000,
                        quiet_hours_start=0, quiet_hours_end=0, poll_interval_s=0.2,
                        worker_heartbeat_s=1.0, stalled_after_s=8.0, recover_every_s=1.0,  # 3 s: a busy machine
                        # (load 15 on 2 cores) held a live worker's heartbeat that long and its jobs were recovered
                        worker_concurrency=8)
    app = build_app(settings)
    app.registry.command("echo", echo, hidden=True)
    await run(app, role=role)


if __name__ == "__main__":
    arguments = (sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]) if len(sys.argv) > 4 else 29.0)
    profile_to = os.environ.get("SCALE_PROFILE")
    if profile_to and arguments[0] == "worker":  # bench/scale_out.py --profile DIR: where a worker's time goes
        import cProfile

        with cProfile.Profile(time.process_time) as profiler:  # CPU time: the machine is shared
            asyncio.run(main(*arguments))
        profiler.dump_stats(os.path.join(profile_to, f"worker-{os.getpid()}.prof"))
    else:
        asyncio.run(main(*arguments))
