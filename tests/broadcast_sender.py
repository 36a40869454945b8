"""The outbox sender as its own process, for the kill-mid-broadcast test.

Usage: python -m tests.broadcast_sender DB_URL BOT_API_BASE_URL
Drains the outbox through the Telegram transport until nothing is left, then exits.
"""

from __future__ import annotations

import asyncio
import sys

from bot.composition import build_app
from bot.core.delivery import DeliveryWorker
from bot.infra.config import Settings
from bot.transports.telegram import TelegramTransport


async def main(url: str, base_url: str) -> None:
    settings = Settings(database_url=url, telegram_token="123:TEST", telegram_base_url=base_url,
                        send_rate_per_s=200, per_chat_interval_s=0,
                        quiet_hours_start=0, quiet_hours_end=0)  # real clock: the test may run at night
    app = build_app(settings)
    transport = TelegramTransport(app)
    app.transports["telegram"] = transport
    await transport.application.initialize()
    worker = DeliveryWorker(app)
    while await worker.drain_once():
        pass
    await transport.application.shutdown()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2]))
