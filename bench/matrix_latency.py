"""Reply latency of the bot on a local Synapse, next to a bare matrix-nio echo bot in the same run.

Both in end-to-end encrypted DMs with the same resident, whose client only shares keys with cross-signed
devices (both bots cross-sign themselves). The bot answers !menu (database,
dispatcher, i18n, rendering); the echo bot sends the text straight back.
Usage: python bench/matrix_latency.py [--rounds 60] [--quick]
The expectations follow behaviour, not wording: onboarding answers whatever is asked until the
database says the resident is onboarded, and a round trip ends at the menu's question as the catalog
renders it.
Last line: {"bot_p50_ms", "bot_p95_ms", "echo_p50_ms", "echo_p95_ms", "ratio"} (ratio of medians).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nio import AsyncClient, AsyncClientConfig, MatrixRoom, RoomMessageText
from sqlmodel import Session, select

from bot.composition import build_app
from bot.core.app import App
from bot.infra import db
from bot.infra.clock import ManualClock
from bot.infra.config import Settings
from bot.infra.i18n import _, use_locale
from bot.infra.models import User
from bot.transports.matrix import MatrixTransport
from bot.transports.matrix_crosssigning import ensure_identity
from tests.synapse_server import running_synapse
from tests.test_matrix import Resident


async def echo_bot(url: str, user_id: str, store: Path) -> tuple[AsyncClient, asyncio.Task[None]]:
    store.mkdir(parents=True, exist_ok=True)
    client = AsyncClient(url, user_id, store_path=str(store), config=AsyncClientConfig(encryption_enabled=True))
    await client.login("echo-password")
    await client.keys_upload()
    await ensure_identity(client, store / "cross_signing.json", "echo-password")  # as the bot: cross-signed
    await client.sync(timeout=0, full_state=True)

    async def on_invite(room: MatrixRoom, event: object) -> None:
        await client.join(room.room_id)

    async def on_message(room: MatrixRoom, event: RoomMessageText) -> None:
        if event.sender != client.user_id:
            if client.should_query_keys:
                await client.keys_query()
            await client.room_send(room.room_id, "m.room.message", {"msgtype": "m.text", "body": event.body},
                                   ignore_unverified_devices=True)

    from nio import InviteMemberEvent

    client.add_event_callback(on_invite, InviteMemberEvent)  # type: ignore[arg-type]
    client.add_event_callback(on_message, RoomMessageText)  # type: ignore[arg-type]
    return client, asyncio.create_task(client.sync_forever(timeout=30_000))


async def onboard(app: App, resident: Resident, answers: tuple[str, ...]) -> None:
    """Types the answers one by one, each after the bot's reply to the one before (`--quick` in the test suite
    notices when onboarding changes, instead of rotting)."""
    for answer in answers:
        await resident.say(answer)
        await asyncio.wait_for(resident.inbox.get(), 30)
        while True:  # the rest of this reply (a question may come in more than one message)
            try:
                await asyncio.wait_for(resident.inbox.get(), 0.5)
            except TimeoutError:
                break
    with Session(app.engine) as session:
        user = session.exec(select(User).where(User.external_id == resident.client.user_id)).one_or_none()
    if user is None or not user.onboarded:
        raise SystemExit(f"onboarding did not finish after typing {answers}: the bench needs updating")


async def measure(resident: Resident, text: str, expect: str, rounds: int) -> list[float]:
    latencies = []
    for _round in range(rounds):
        started = time.perf_counter()
        await resident.say(text)
        await resident.expect(expect, timeout=30)
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--quick", action="store_true", help="3 rounds: the test suite's check that it runs")
    args = parser.parse_args()
    if args.quick:
        args.rounds = 3
    with tempfile.TemporaryDirectory() as tmp_name, running_synapse(Path(tmp_name)) as synapse:
        tmp = Path(tmp_name)
        bot_id = synapse.register("wijkgids", "bot-password")
        echo_id = synapse.register("echo", "echo-password")
        anna_id = synapse.register("anna", "anna-password")
        settings = Settings(database_url=f"sqlite:///{tmp}/bot.sqlite3", data_dir=tmp / "bot",
                            matrix_homeserver=synapse.url, matrix_user_id=bot_id, matrix_password="bot-password",
                            flood_max_messages=100_000)
        app = build_app(settings, clock=ManualClock(datetime(2026, 11, 24, 9, tzinfo=UTC)))
        db.upgrade(app.engine)
        transport = MatrixTransport(app)
        app.transports["matrix"] = transport
        await transport.start()
        echo, echo_task = await echo_bot(synapse.url, echo_id, tmp / "echo")

        to_bot = Resident(synapse, anna_id, "anna-password", tmp / "anna-bot", bot_id)
        await to_bot.start()
        await to_bot.open_dm()
        await onboard(app, to_bot, ("start", "nederlands", "ja", "6825"))
        to_echo = Resident(synapse, anna_id, "anna-password", tmp / "anna-echo", echo_id)
        # Anna's second device, signed with her own identity
        shutil.copy(tmp / "anna-bot" / "cross_signing.json", tmp / "anna-echo" / "cross_signing.json")
        await to_echo.start()
        await to_echo.open_dm()

        with use_locale("nl"):
            menu_question = _("What would you like to do?")
        bot = await measure(to_bot, "!menu", menu_question, args.rounds)
        plain = await measure(to_echo, "hallo", "hallo", args.rounds)
        for client in (to_bot, to_echo):
            await client.stop()
        echo_task.cancel()
        await echo.close()
        await transport.stop()
    figures = {"bot_p50_ms": round(statistics.median(bot), 1), "bot_p95_ms": round(p95(bot), 1),
               "echo_p50_ms": round(statistics.median(plain), 1), "echo_p95_ms": round(p95(plain), 1)}
    figures["ratio"] = round(figures["bot_p50_ms"] / figures["echo_p50_ms"], 2)
    print(f"{args.rounds} round trips each over encrypted DMs")
    print(json.dumps(figures))


if __name__ == "__main__":
    asyncio.run(main())
