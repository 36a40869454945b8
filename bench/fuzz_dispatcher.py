"""Long fuzzing profile: random events for random users through the dispatcher.

Checks what the short hypothesis test checks (no crash, bounded replies, no
conversation pointing at a missing step), over many more events.
Usage: python bench/fuzz_dispatcher.py [--events 100000] [--users 50] [--seed 1]
Last line: {"events", "users", "seconds", "events_per_s", "errors", "max_replies"}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import string
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session, select

from bot.composition import build_app
from bot.core.events import Incoming, Kind
from bot.infra import db
from bot.infra.clock import ManualClock
from bot.infra.config import Settings
from bot.infra.models import Conversation

WORDS = ["1", "2", "3", "10", "terug", "stop", "ja", "nee", "6825", "ik heb een idee", "Klaar", "hoi", "De Nude"]
COMMANDS = ["/start", "/idee", "/menu", "/help", "/taal", "/wijk", "/stop", "/mijnideeen", "/mijngegevens",
            "/vergeetmij", "/toestemming", "/onzin", "/koppel XYZ", "/start wijk-presikhaaf"]
CHOICES = ["onboarding:language:nl", "onboarding:consent:yes", "onboarding:wijk:presikhaaf", "idea:themes:groen",
           "idea:themes:done", "idea:needs:geld", "idea:needs:done", "idea:summary:confirm", "handover:pick:done",
           "handover:share:yes", "privacy:confirm_forget:yes", "!ho:accept:1", "!idea:resume:1", "!unmute", "/idee",
           "::", "!", "/"]


def random_event(rng: random.Random, users: int) -> Incoming:
    user = f"u{rng.randrange(users)}"
    roll = rng.random()
    if roll < 0.3:
        return Incoming.from_text("console", user, rng.choice(WORDS))
    if roll < 0.45:
        return Incoming.from_text("console", user, rng.choice(COMMANDS))
    if roll < 0.7:
        return Incoming("console", user, user, Kind.CHOICE, choice=rng.choice(CHOICES))
    if roll < 0.75:
        return Incoming("console", user, user, Kind.UNSUPPORTED, media=rng.choice(["sticker", "photo", "voice"]))
    if roll < 0.8:
        return Incoming("console", user, user, Kind.PHOTO, photo="AgAD-fuzz", text=rng.choice(["", *WORDS]))
    if roll < 0.9:
        alphabet = string.printable + "\x00\x07\u200b€ë😀"
        return Incoming.from_text("console", user, "".join(rng.choice(alphabet) for _ in range(rng.randrange(80))))
    return Incoming.from_text("console", user, "x" * rng.randrange(3900, 4200))


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="a tiny size: the test suite's check that it runs")
    args = parser.parse_args()
    if args.quick:
        args.events, args.users = 300, 10
    rng = random.Random(args.seed)
    errors = 0
    max_replies = 0
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(Settings(database_url=f"sqlite:///{tmp}/fuzz.sqlite3", flood_max_messages=10**9),
                        clock=ManualClock(datetime(2026, 11, 24, 9, tzinfo=UTC)))
        db.upgrade(app.engine)
        started = time.perf_counter()
        for n in range(args.events):
            outcome = await app.dispatcher.handle(random_event(rng, args.users))
            max_replies = max(max_replies, len(outcome.replies))
            if not outcome.replies or len(outcome.replies) > 12 or any(
                    "wrong on my side" in r.text or "iets mis" in r.text for r in outcome.replies):
                errors += 1
                print("bad outcome at event", n, outcome.replies[:2])
        seconds = time.perf_counter() - started
        with Session(app.engine) as session:
            for conversation in session.exec(select(Conversation)):
                steps = app.registry.flows[conversation.flow].steps if conversation.flow else {}
                if conversation.flow is not None and conversation.step not in steps:
                    errors += 1
                    print("conversation points at a missing step:", conversation.flow, conversation.step)
        app.engine.dispose()
    print(json.dumps({"events": args.events, "users": args.users, "seconds": round(seconds, 1),
                      "events_per_s": round(args.events / seconds), "errors": errors, "max_replies": max_replies}))


if __name__ == "__main__":
    asyncio.run(main())
