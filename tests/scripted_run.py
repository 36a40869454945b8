"""A scripted conversation fed to the core, for the kill-and-restart test.

Usage: python -m tests.scripted_run DB_URL SCRIPT PROGRESS [DELAY_S]
Each line of SCRIPT is `user<TAB>text`. Every line carries an event id, so a line
that was handled but not yet marked in PROGRESS (a kill in between) is ignored
when it is fed again: the feed is at-least-once, the handling exactly once.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from bot.composition import build_app
from bot.core.events import Incoming
from bot.infra import db
from bot.infra.config import Settings


async def main(url: str, script: Path, progress: Path, delay_s: float) -> None:
    app = build_app(Settings(database_url=url, flood_max_messages=100_000))
    db.upgrade(app.engine)
    done = int(progress.read_text() or 0) if progress.exists() else 0
    lines = script.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines[done:], start=done):
        user, text = line.split("\t", 1)
        await app.dispatcher.handle(Incoming.from_text("console", user, text, event_id=f"line-{number}"))
        await asyncio.sleep(delay_s)  # a wide gap between handling and acknowledging, where kills hurt most
        temporary = progress.with_suffix(".tmp")
        temporary.write_text(str(number + 1))
        os.replace(temporary, progress)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), float(sys.argv[4]) if len(sys.argv) > 4 else 0))
