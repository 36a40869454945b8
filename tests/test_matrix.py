"""The Matrix transport against a real Synapse on 127.0.0.1, in an end-to-end encrypted DM."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from nio import AsyncClient, AsyncClientConfig, DownloadResponse, MatrixRoom, RoomEncryptedFile, RoomMessageText
from nio.crypto.attachments import decrypt_attachment
from sqlmodel import Session, select

from bot import ics
from bot.app import App
from bot.clock import ManualClock
from bot.content import Content
from bot.crud import outbox as outbox_crud
from bot.delivery import DeliveryWorker
from bot.events import Attachment, Reply
from bot.models import User
from bot.scheduling import run_due_jobs
from bot.transports.matrix import MatrixTransport
from tests.conftest import make_app
from tests.synapse_server import Synapse, SynapseUnavailable, running_synapse
from tests.test_activities import make_aanjager

pytestmark = pytest.mark.matrix
ENCRYPTION = {"type": "m.room.encryption", "state_key": "", "content": {"algorithm": "m.megolm.v1.aes-sha2"}}


@pytest.fixture(scope="session")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synapse]:
    try:
        with running_synapse(tmp_path_factory.mktemp("synapse")) as server:
            yield server
    except SynapseUnavailable as exc:
        pytest.skip(f"no Matrix homeserver for these tests: {exc}")


class Resident:
    """A person in Element: an encrypting nio client that DMs the bot and reads its (decrypted) replies."""

    def __init__(self, synapse: Synapse, user_id: str, password: str, store: Path, bot_id: str) -> None:
        store.mkdir(parents=True, exist_ok=True)
        self.client = AsyncClient(synapse.url, user_id, store_path=str(store),
                                  config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False))
        self.password = password
        self.bot_id = bot_id
        self.inbox: asyncio.Queue[str] = asyncio.Queue()
        self.files: asyncio.Queue[RoomEncryptedFile] = asyncio.Queue()
        self.room_id = ""
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.client.login(self.password)
        await self.client.sync(timeout=0, full_state=True)
        self.client.add_event_callback(self._on_message, RoomMessageText)
        self.client.add_event_callback(self._on_file, RoomEncryptedFile)
        self._task = asyncio.create_task(self.client.sync_forever(timeout=500))

    async def _on_message(self, room: MatrixRoom, event: RoomMessageText) -> None:
        if event.sender == self.bot_id:
            await self.inbox.put(event.body)

    async def _on_file(self, room: MatrixRoom, event: RoomEncryptedFile) -> None:
        if event.sender == self.bot_id:
            await self.files.put(event)

    async def receive_file(self, timeout: float = 20) -> tuple[str, bytes]:
        """The next file the bot sent: its name and its content, downloaded and decrypted as Element would."""
        event = await asyncio.wait_for(self.files.get(), timeout)
        response = await self.client.download(event.url)
        assert isinstance(response, DownloadResponse), response
        return event.body, decrypt_attachment(response.body, event.key["k"], event.hashes["sha256"], event.iv)

    async def open_dm(self) -> None:
        response = await self.client.room_create(is_direct=True, invite=[self.bot_id], initial_state=[ENCRYPTION])
        self.room_id = response.room_id
        for _ in range(200):
            room = self.client.rooms.get(self.room_id)
            if room is not None and self.bot_id in room.users:
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the bot did not join the DM")

    async def say(self, text: str) -> None:
        if self.client.should_query_keys:
            await self.client.keys_query()
        await self.client.room_send(self.room_id, "m.room.message", {"msgtype": "m.text", "body": text},
                                    ignore_unverified_devices=True)

    async def expect(self, fragment: str, timeout: float = 20) -> str:
        """The bot's messages until one contains `fragment`; returns it."""
        seen: list[str] = []
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(f"no message with {fragment!r}; got {seen}")
            try:
                body = await asyncio.wait_for(self.inbox.get(), remaining)
            except TimeoutError:
                raise AssertionError(f"no message with {fragment!r} within {timeout} s; got {seen}") from None
            seen.append(body)
            if fragment in body:
                return body

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
        await self.client.close()


def number_of(fragment: str, body: str) -> str:
    """The number of the numbered option containing `fragment`, as a resident would type it."""
    for line in body.splitlines():
        number, dot, label = line.partition(". ")
        if dot and number.isdigit() and fragment in label:
            return number
    raise AssertionError(f"no option {fragment!r} in {body!r}")


def matrix_app(synapse: Synapse, bot_id: str, url: str, data_dir: Path, content: Content,
               clock: ManualClock) -> App:
    return make_app(url, content, clock, matrix_homeserver=synapse.url, matrix_user_id=bot_id,
                    matrix_password="bot-password", data_dir=data_dir)


async def test_encrypted_onboarding_restart_and_outbox(synapse: Synapse, tmp_path: Path, sqlite_url: str,
                                                       content: Content, clock: ManualClock) -> None:
    suffix = secrets.token_hex(3)
    bot_id = synapse.register(f"wijkgids{suffix}", "bot-password")
    resident_id = synapse.register(f"anna{suffix}", "anna-password")
    app = matrix_app(synapse, bot_id, sqlite_url, tmp_path / "botdata", content, clock)
    transport = MatrixTransport(app)
    app.transports["matrix"] = transport
    await transport.start()
    anna = Resident(synapse, resident_id, "anna-password", tmp_path / "anna", bot_id)
    await anna.start()
    try:
        await anna.open_dm()
        await anna.say("/start")
        question = await anna.expect("Welke taal")
        assert "1. Nederlands\n2. English" in question
        await anna.say("1")
        assert "Is dat goed?" in await anna.expect("Is dat goed?")

        # the bot goes down mid-conversation; Anna answers while it is down; it comes back with the same
        # database, device and crypto store, and answers what she sent in the meantime
        await transport.stop()
        await anna.say("1")
        await asyncio.sleep(0.5)
        app = matrix_app(synapse, bot_id, sqlite_url, tmp_path / "botdata", content, clock)
        transport = MatrixTransport(app)
        app.transports["matrix"] = transport
        await transport.start()
        assert "Dank je wel!" in await anna.expect("Dank je wel!")
        wijk_question = await anna.expect("Welke wijk")
        assert "Presikhaaf (Arnhem)" in wijk_question
        await anna.say("6825")
        await anna.expect("Wat wil je doen?")
        for text, expected in (("/idee", "eigen woorden"), ("Een koffieochtend in onze flat", "Waar gaat het"),
                               ("1", "✅ 🤝 Ontmoeten"), ("10", "Wat heb je al"), ("nog niets", "Wie ken je"),
                               ("niemand", "Wat heb je nodig"), ("8", "Klopt dit?")):
            await anna.say(text)
            body = await anna.expect(expected)
        await asyncio.sleep(1)
        assert anna.inbox.empty(), "no event was answered twice"

        # the handover, then the real check-in job a week later, answered in the DM
        for option, expected in (("Ja, zoek iemand", "Sleutelfiguur"), ("Sleutelfiguur", "Klaar"),
                                 ("Klaar", "Mag ik de samenvatting"), ("Nee, geef mij", "/mijnideeen")):
            await anna.say(number_of(option, body))
            body = await anna.expect(expected)
        with Session(app.engine) as session:
            user = session.exec(select(User).where(User.external_id == resident_id)).one()
            assert (user.transport, user.wijk_id, user.chat_id) == ("matrix", "presikhaaf", anna.room_id)
        clock.advance(days=7)
        await run_due_jobs(app)
        await DeliveryWorker(app).drain_all()
        checkin = await anna.expect("Hoe gaat het met je idee")
        await anna.say(number_of("Loopt goed", checkin))
        await anna.expect("Fijn")

        # an aanjager (here on the console) broadcasts to the wijk: it reaches the Matrix resident
        aanjager = await make_aanjager(app, "aanjager")
        await aanjager.send("/omroep")
        await aanjager.send("Zaterdag plantjesruil op het plein!")
        await aanjager.press("Versturen")
        await DeliveryWorker(app).drain_all()
        news = await anna.expect("plantjesruil")
        assert news == "📣 Nieuws uit je wijk Presikhaaf:\n\nZaterdag plantjesruil op het plein!"

        calendar = ics.event(uid="activity-1@wijkgids", title="Koffieochtend", description="", place="De Stek",
                             starts_at=clock.now() + timedelta(days=3), now=clock.now(), tz=app.settings.tz)
        with Session(app.engine) as session:
            user = session.exec(select(User).where(User.external_id == resident_id)).one()
            outbox_crud.enqueue(session, user=user, now=clock.now(), kind="test",
                                reply=Reply("Hier is het agendabestand.",
                                            attachment=Attachment("koffie.ics", calendar, "text/calendar")))
            session.commit()
        await DeliveryWorker(app).drain_all()
        assert await anna.receive_file() == ("koffie.ics", calendar), "an encrypted file Element can open"
        assert await anna.expect("agendabestand") == "Hier is het agendabestand."
    finally:
        await anna.stop()
        await transport.stop()
