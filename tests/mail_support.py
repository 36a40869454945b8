"""A real SMTP server on 127.0.0.1 (aiosmtpd) and an app that mails contacts and serves the link pages."""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from sqlmodel import Session

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.infra.clock import ManualClock
from bot.infra.content import Channel, Content
from bot.infra.models import Handover, Idea, IdeaStatus
from bot.services import handover as handover_loop
from bot.web.server import WebServer
from tests.conftest import make_app
from tests.support import RecordingTransport
from tests.web_support import free_port

AANJAGER = "aanjager-presikhaaf"
WELZIJN = "welzijn-arnhem"
WIJKMANAGER = "wijkmanager-presikhaaf"
ADDRESSES = {AANJAGER: "aanjager@wijk.test", WELZIJN: "opbouwwerk@wijk.test", WIJKMANAGER: "wijkmanager@wijk.test"}
LINK = re.compile(r"http://127\.0\.0\.1:\d+/h/[A-Za-z0-9_\-.]+(?:\?lang=[a-z]+)?")


@dataclass
class Sink:
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        raw = envelope.content  # type: ignore[attr-defined]
        self.messages.append(email.message_from_bytes(raw, policy=email.policy.default))  # type: ignore[arg-type]
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@contextmanager
def smtp_server() -> Iterator[tuple[Sink, int]]:
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


def with_emails(content: Content, addresses: dict[str, str]) -> Content:
    """The shipped content, with real (non-example) e-mail addresses for some contacts."""
    contacts = dict(content.contacts)
    for contact_id, address in addresses.items():
        contact = contacts[contact_id]
        channels = [c for c in contact.channels if c.kind != "email"]
        contacts[contact_id] = contact.model_copy(update={
            "channels": [*channels, Channel(kind="email", value=address)], "example": False})
    return Content(content.gemeenten, content.wijken, contacts, content.role_words)


def text_part(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def html_part(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html",))
    assert part is not None
    return str(part.get_content())


def links_of(message: EmailMessage) -> dict[str, str]:
    """Button label (without its emoji) → URL, from the text part's "label: url" lines."""
    found = {}
    for line in text_part(message).splitlines():
        match = LINK.search(line)
        if match:
            label = line[: match.start()].rstrip(": ").split(" ", 1)[-1]
            found[label] = match.group(0)
    return found


def give_idea(app: App, resident_external_id: str, contact_id: str, text: str = "Een moestuin op het pleintje",
              wijk: str = "presikhaaf") -> int:
    """An idea the resident confirmed, handed over to `contact_id` the way the chat does it."""
    from sqlmodel import select

    from bot.infra.models import User

    now = app.clock.now()
    with Session(app.engine, expire_on_commit=False) as session:
        user = session.exec(select(User).where(User.external_id == resident_external_id)).one()
        idea = Idea(wijk_id=wijk, text=text, themes=["ontmoeten"], needs=["handen"], user_id=user.id,
                    status=IdeaStatus.HANDED_OVER, created_at=now, updated_at=now)
        session.add(idea)
        session.flush()
        record = handover_loop.send_request(app, session, idea, contact_id, now=now)
        assert record is not None and record.id is not None
        session.commit()
        return record.id


def handover(app: App, handover_id: int) -> Handover:
    with Session(app.engine) as session:
        record = session.get(Handover, handover_id)
        assert record is not None
        return record


@dataclass
class Loop:
    app: App
    sink: Sink
    base: str
    outbox: RecordingTransport

    async def deliver(self) -> None:
        await DeliveryWorker(self.app).drain_all()


@asynccontextmanager
async def running_loop(sqlite_url: str, content: Content, clock: ManualClock, tmp_path: Path) -> AsyncIterator[Loop]:
    """An app with SMTP (a real local server) and the web pages (the real uvicorn) configured."""
    with smtp_server() as (sink, smtp_port):
        port = free_port()
        app = make_app(sqlite_url, with_emails(content, ADDRESSES), clock, smtp_host="127.0.0.1",
                       smtp_port=smtp_port, smtp_security="none", smtp_from="wijkgids@gemeente.test",
                       web_base_url=f"http://127.0.0.1:{port}", data_dir=tmp_path, email_rate_per_s=1000)
        server = WebServer(app, host="127.0.0.1", port=port)
        await server.start()
        try:
            outbox = app.transports["console"]
            assert isinstance(outbox, RecordingTransport)
            yield Loop(app, sink, f"http://127.0.0.1:{port}", outbox)
        finally:
            await server.stop()
            app.engine.dispose()


