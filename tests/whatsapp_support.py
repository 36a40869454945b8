"""Starting the bot with its WhatsApp transport and web app against the fake Graph API, and playing a resident."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlmodel import Session, col, select

from bot.core.app import App
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.models import WhatsAppInbox
from bot.transports.whatsapp import WhatsAppTransport
from bot.web.server import WebServer
from tests.conftest import make_app
from tests.fake_whatsapp import FakeWhatsApp, Sent

VERIFY_TOKEN = "verify-me"


@dataclass
class Running:
    app: App
    fake: FakeWhatsApp
    transport: WhatsAppTransport
    web: WebServer

    def unhandled(self) -> int:
        with Session(self.app.engine) as session:
            return len(session.exec(select(WhatsAppInbox.wamid).where(col(WhatsAppInbox.handled_at).is_(None))).all())

    async def settle(self, timeout: float = 15.0) -> None:
        """Waits until every stored message is handled and the bot stopped sending for a moment."""
        deadline = time.monotonic() + timeout
        seen, quiet_since = -1, time.monotonic()
        while time.monotonic() < deadline:
            count = len(self.fake.sent)
            if count != seen:
                seen, quiet_since = count, time.monotonic()
            elif self.unhandled() == 0 and time.monotonic() - quiet_since > 0.15:
                return
            await asyncio.sleep(0.02)
        raise AssertionError(f"the bot did not settle: {self.unhandled()} messages unhandled")

    async def says(self, wa_id: str, text: str, *, reply_to: str | None = None) -> list[Sent]:
        """The resident types `text`; returns what the bot answered."""
        before = len(self.fake.messages_to(wa_id))
        await self.fake.user_sends_text(wa_id, text, reply_to=reply_to)
        await self.settle()
        return self.fake.messages_to(wa_id)[before:]

    async def chooses(self, wa_id: str, label: str) -> list[Sent]:
        before = len(self.fake.messages_to(wa_id))
        await self.fake.user_chooses(wa_id, label)
        await self.settle()
        return self.fake.messages_to(wa_id)[before:]


def text_of(messages: list[Sent]) -> str:
    return "\n".join([m.text for m in messages] + [o["title"] for m in messages for o in m.options])


@asynccontextmanager
async def running(url: str, content: Content, clock: ManualClock, **settings: object) -> AsyncIterator[Running]:
    async with FakeWhatsApp(clock=clock.now, tier=settings.pop("fake_tier", None),  # type: ignore[arg-type]
                            rate_limit_per_s=settings.pop("fake_rate", None)) as fake:  # type: ignore[arg-type]
        app = make_app(url, content, clock, whatsapp_phone_number_id=fake.phone_number_id,
                       whatsapp_access_token=fake.token, whatsapp_app_secret=fake.app_secret,
                       whatsapp_verify_token=VERIFY_TOKEN, whatsapp_graph_url=fake.base_url,
                       **{"whatsapp_rate_per_s": 1000.0, **settings})
        transport = WhatsAppTransport(app)
        app.transports["whatsapp"] = transport
        await transport.start()
        web = WebServer(app, port=0)
        await web.start()
        fake.webhook_url = f"http://127.0.0.1:{web.port}{app.settings.whatsapp_webhook_path}"
        try:
            yield Running(app, fake, transport, web)
        finally:
            await web.stop()
            await transport.stop()
            app.engine.dispose()
