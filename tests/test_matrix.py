"""The Matrix transport against a real Synapse on 127.0.0.1, in an end-to-end encrypted DM."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import logging
import secrets
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from nio import (
    AsyncClient,
    AsyncClientConfig,
    DownloadResponse,
    MatrixRoom,
    RoomEncryptedFile,
    RoomEncryptedImage,
    RoomMessageImage,
    RoomMessageText,
    RoomSendResponse,
    UploadResponse,
)
from nio.crypto.attachments import decrypt_attachment
from sqlmodel import Session, select
from vodozemac import Ed25519PublicKey, Ed25519Signature

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.events import Attachment, Reply
from bot.core.scheduling import run_due_jobs
from bot.infra import ics
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.crud import activities as activities_crud
from bot.infra.models import CheckIn, Idea, IdeaStatus, Media, SentOptions, User
from bot.services.notify import notify
from bot.transports.matrix import MatrixTransport, caption_of
from bot.transports.matrix_crosssigning import ensure_identity
from tests.conftest import make_app
from tests.photo_support import metadata_of, phone_photo, size_of
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


def signed_by(obj: dict[str, Any], user_id: str, key: str) -> bool:
    """Checked here independently of the bot's code: ed25519 over canonical JSON without signatures/unsigned."""
    signature = obj.get("signatures", {}).get(user_id, {}).get(f"ed25519:{key}")
    if signature is None:
        return False
    canonical = json.dumps({k: v for k, v in obj.items() if k not in ("signatures", "unsigned")},
                           ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()
    try:
        Ed25519PublicKey.from_base64(key).verify_signature(canonical, Ed25519Signature.from_base64(signature))
    except ValueError:  # vodozemac's exceptions are ValueErrors
        return False
    return True


def cross_signed(query: dict[str, Any], user_id: str, device_id: str) -> bool:
    """Device signed by the self-signing key, which is signed by the master key (all unpadded base64)."""
    master = query.get("master_keys", {}).get(user_id)
    ssk = query.get("self_signing_keys", {}).get(user_id)
    device = query.get("device_keys", {}).get(user_id, {}).get(device_id)
    if not (master and ssk and device):
        return False
    (master_key,), (ssk_key,) = master["keys"].values(), ssk["keys"].values()
    assert "=" not in master_key + ssk_key, "unpadded base64"
    assert set(master["keys"]) == {f"ed25519:{master_key}"} and ssk["usage"] == ["self_signing"]
    return signed_by(ssk, user_id, master_key) and signed_by(device, user_id, ssk_key)


async def query_keys(client: AsyncClient, user_id: str) -> dict[str, Any]:
    response = await client.send("POST", "/_matrix/client/v3/keys/query",
                                 json.dumps({"device_keys": {user_id: []}}),
                                 headers={"Authorization": f"Bearer {client.access_token}"})
    assert response.status == 200
    answer: dict[str, Any] = await response.json()
    return answer


class Resident:
    """A person in Element with "exclude insecure devices" on: an encrypting nio client that cross-signs its own
    device, shares room keys only with the bot's devices that the bot's identity signed, and ignores messages
    from devices that are not cross-signed."""

    def __init__(self, synapse: Synapse, user_id: str, password: str, store: Path, bot_id: str) -> None:
        store.mkdir(parents=True, exist_ok=True)
        self.store = store
        self.client = AsyncClient(synapse.url, user_id, store_path=str(store),
                                  config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False))
        self.password = password
        self.bot_id = bot_id
        self.inbox: asyncio.Queue[str] = asyncio.Queue()
        self.files: asyncio.Queue[RoomEncryptedFile] = asyncio.Queue()
        self.images: asyncio.Queue[RoomEncryptedImage | RoomMessageImage] = asyncio.Queue()
        self.refused: list[str] = []
        self.html: list[str] = []
        self.sent: dict[str, str] = {}
        """The bot's messages: body → event id (what Element's Reply refers to)."""
        self.room_id = ""
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        await self.client.login(self.password)
        await self.client.keys_upload()
        await ensure_identity(self.client, self.store / "cross_signing.json", self.password)
        await self.client.sync(timeout=0, full_state=True)
        self.client.add_event_callback(self._on_message, RoomMessageText)
        self.client.add_event_callback(self._on_file, RoomEncryptedFile)
        self.client.add_event_callback(self._on_image, (RoomEncryptedImage, RoomMessageImage))
        self._task = asyncio.create_task(self.client.sync_forever(timeout=500))

    async def trust_bot(self) -> None:
        """Exclude insecure devices: only cross-signed devices (the bot's and her own other ones) get room keys."""
        if self.client.should_query_keys:
            await self.client.keys_query()
        olm = self.client.olm
        assert olm is not None
        users = (self.bot_id, self.client.user_id)
        if all(olm.is_device_verified(d) or olm.is_device_blacklisted(d)
               for u in users for d in self.client.device_store.active_user_devices(u)):
            return  # nothing new to decide
        for user_id in users:
            query = await query_keys(self.client, user_id)
            for device in self.client.device_store.active_user_devices(user_id):
                if cross_signed(query, user_id, device.id):
                    self.client.verify_device(device)
                else:
                    self.client.blacklist_device(device)

    def _accept(self, event: Any) -> bool:
        if event.sender != self.bot_id:
            return False
        if event.decrypted and not event.verified:  # from a device that is not cross-signed by its owner
            self.refused.append(getattr(event, "body", ""))
            return False
        return True

    async def _on_message(self, room: MatrixRoom, event: RoomMessageText) -> None:
        if self._accept(event):
            if event.formatted_body:
                self.html.append(event.formatted_body)
            self.sent[event.body] = event.event_id
            await self.inbox.put(event.body)

    async def _on_file(self, room: MatrixRoom, event: RoomEncryptedFile) -> None:
        if self._accept(event):
            await self.files.put(event)

    async def _on_image(self, room: MatrixRoom, event: RoomEncryptedImage | RoomMessageImage) -> None:
        if self._accept(event):
            await self.images.put(event)

    async def receive_image(self, timeout: float = 20) -> tuple[dict[str, Any], bytes]:
        """The next image the bot sent: its event content and the picture, downloaded (and decrypted)."""
        event = await asyncio.wait_for(self.images.get(), timeout)
        response = await self.client.download(event.url)
        assert isinstance(response, DownloadResponse), response
        if isinstance(event, RoomEncryptedImage):
            return event.source["content"], decrypt_attachment(response.body, event.key["k"], event.hashes["sha256"],
                                                               event.iv)
        return event.source["content"], response.body

    async def send_image(self, content: bytes, *, filename: str = "IMG_2031.jpg", caption: str = "") -> None:
        """A photo as Element sends it: uploaded (encrypted in an encrypted room), then an m.image event (with a
        caption: the caption as body and the name as filename)."""
        await self.trust_bot()
        encrypted = self.client.rooms[self.room_id].encrypted
        upload, keys = await self.client.upload(io.BytesIO(content), content_type="image/jpeg", filename=filename,
                                                encrypt=encrypted, filesize=len(content))
        assert isinstance(upload, UploadResponse), upload
        event: dict[str, Any] = {"msgtype": "m.image", "body": caption or filename, "filename": filename,
                                 "info": {"mimetype": "image/jpeg", "size": len(content)}}
        event |= {"file": {**keys, "url": upload.content_uri}} if keys else {"url": upload.content_uri}
        await self.client.room_send(self.room_id, "m.room.message", event)

    async def receive_file(self, timeout: float = 20) -> tuple[str, bytes]:
        """The next file the bot sent: its name and its content, downloaded and decrypted as Element would."""
        event = await asyncio.wait_for(self.files.get(), timeout)
        response = await self.client.download(event.url)
        assert isinstance(response, DownloadResponse), response
        return event.body, decrypt_attachment(response.body, event.key["k"], event.hashes["sha256"], event.iv)

    async def open_dm(self, *, encrypted: bool = True) -> None:
        response = await self.client.room_create(is_direct=True, invite=[self.bot_id],
                                                 initial_state=[ENCRYPTION] if encrypted else [])
        self.room_id = response.room_id
        for _ in range(200):
            room = self.client.rooms.get(self.room_id)
            if room is not None and self.bot_id in room.users:
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the bot did not join the DM")

    async def say(self, text: str, *, reply_to: str | None = None) -> None:
        """Sends `text`; with `reply_to` (a body the bot sent) as Element's Reply, quoted fallback and all."""
        await self.trust_bot()
        content: dict[str, Any] = {"msgtype": "m.text", "body": text}
        if reply_to is not None:
            quoted = "\n".join("> " + line for line in f"<{self.bot_id}> {reply_to}".splitlines())
            content = {"msgtype": "m.text", "body": f"{quoted}\n\n{text}",
                       "m.relates_to": {"m.in_reply_to": {"event_id": self.sent[reply_to]}}}
        # not ignore_unverified_devices: nio refuses to send while any device is neither verified nor blacklisted
        await self.client.room_send(self.room_id, "m.room.message", content)

    async def expect(self, fragment: str, timeout: float = 60) -> str:
        """The bot's messages until one contains `fragment`; returns it."""
        seen: list[str] = []
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError(f"no message with {fragment!r}; got {seen}, refused {self.refused}")
            try:
                body = await asyncio.wait_for(self.inbox.get(), remaining)
            except TimeoutError:
                raise AssertionError(f"no message with {fragment!r} within {timeout} s; got {seen}, "
                                     f"refused {self.refused}") from None
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
                                                       content: Content, clock: ManualClock,
                                                       caplog: pytest.LogCaptureFixture) -> None:
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
        await anna.say("start")  # Element intercepts "/start": plain words and "!start" work
        question = await anna.expect("Welke taal")
        assert "1. Nederlands\n2. English" in question
        assert "<ol><li>Nederlands</li><li>English</li>" in anna.html[-1]
        assert anna.html[-1].endswith("<li>Українська</li></ol><p><em>(Typ het nummer of het woord.)</em></p>")
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
        wijk_question = await anna.expect("welke wijk")
        assert "Presikhaaf (Arnhem)" in wijk_question
        await anna.say("6825")
        await anna.expect("Wat wil je doen?")
        for text, expected in (("!idee", "eigen woorden"), ("Een koffieochtend in onze flat", "Hoe zie je dat"),
                               ("gewoon verder", "Klopt dat?"), ("ja", "Wat heb je nodig"), ("klaar", "Wie ken je"),
                               ("niemand", "eerste kleine stap"), ("weet ik nog niet", "Welke hulp wil je?")):
            await anna.say(text)
            body = await anna.expect(expected)
        await asyncio.sleep(1)
        assert anna.inbox.empty(), "no event was answered twice"

        # Anna logs in on a second device that she does not cross-sign: the bot shares no room keys with it
        other = AsyncClient(synapse.url, resident_id, store_path=str(tmp_path / "anna2"),
                            config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False))
        (tmp_path / "anna2").mkdir()
        await other.login("anna-password")
        await other.keys_upload()
        await other.close()
        for _ in range(200):
            if other.device_id in transport.client.device_store[resident_id]:
                break
            await asyncio.sleep(0.05)
        await anna.say("terug")
        body = await anna.expect("eerste kleine stap")
        await anna.say("weet ik nog niet")
        body = await anna.expect("Welke hulp wil je?")
        devices = transport.client.device_store[resident_id]
        assert transport.client.olm is not None
        assert transport.client.olm.is_device_verified(devices[anna.client.device_id])
        assert transport.client.olm.is_device_blacklisted(devices[other.device_id])

        # and it does not act on what that device sends (it could otherwise, say, erase Anna's data)
        caplog.set_level(logging.WARNING, logger="bot.transports.matrix")
        intruder = AsyncClient(synapse.url, resident_id, store_path=str(tmp_path / "anna2"),
                               config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=False))
        intruder.restore_login(resident_id, other.device_id, other.access_token)
        await intruder.sync(timeout=0, full_state=True)
        await intruder.keys_query()
        sent = await intruder.room_send(anna.room_id, "m.room.message", {"msgtype": "m.text", "body": "/vergeetmij"},
                                        ignore_unverified_devices=True)
        await intruder.close()
        assert isinstance(sent, RoomSendResponse), sent
        for _ in range(100):
            if any("did not sign" in r.getMessage() for r in caplog.records):
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError("the bot never saw the message of the unsigned device")
        await asyncio.sleep(0.5)
        assert anna.inbox.empty()

        # the handover, then the real check-in job a week later, answered in the DM
        for option, expected in (("Iets van een organisatie", "Sleutelfiguur"), ("Sleutelfiguur", "Klaar"),
                                 ("Klaar", "!mijnideeen")):
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
        await anna.say("idee")
        await anna.expect("eigen woorden")
        await anna.say("een straatfeest voor de hele straat in juni")
        await anna.expect("Hoe zie je dat voor je")
        await anna.say("stop")
        assert "!mijnideeen" in await anna.expect("concept")

        # an aanjager (here on the console) broadcasts to the wijk: it reaches the Matrix resident (the next
        # day: the check-in was today's one bot-initiated message)
        clock.advance(days=1)
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
            notify(None, session, user, lambda: Reply("Hier is het agendabestand.",
                                                      attachment=Attachment("koffie.ics", calendar, "text/calendar")),
                   kind="test", now=clock.now())
            session.commit()
        await DeliveryWorker(app).drain_all()
        assert await anna.receive_file() == ("koffie.ics", calendar), "an encrypted file Element can open"
        assert await anna.expect("agendabestand") == "Hier is het agendabestand."
    finally:
        await anna.stop()
        await transport.stop()


async def test_a_reply_answers_the_message_replied_to(synapse: Synapse, tmp_path: Path, sqlite_url: str,
                                                      content: Content, clock: ManualClock) -> None:
    """Two check-ins with the same options arrive a day apart; Anna answers the first with Element's Reply."""
    suffix = secrets.token_hex(3)
    bot_id = synapse.register(f"wijkgids{suffix}", "bot-password")
    resident_id = synapse.register(f"anna{suffix}", "anna-password")
    transport = await start_bot(synapse, bot_id, sqlite_url, tmp_path / "botdata", content, clock)
    app = transport.app
    anna = Resident(synapse, resident_id, "anna-password", tmp_path / "anna", bot_id)
    await anna.start()
    try:
        await anna.open_dm()
        await anna.say("start")
        language = await anna.expect("Welke taal")
        for text, expected in (("nederlands", "Is dat goed?"), ("ja", "welke wijk"), ("6825", "Wat wil je doen?")):
            await anna.say(text)
            await anna.expect(expected)
        with Session(app.engine) as session:
            user = session.exec(select(User).where(User.external_id == resident_id)).one()
            assert user.id is not None
            for text in ("Een koffieochtend in onze flat", "Een spelletjesmiddag in het buurthuis"):
                idea = Idea(user_id=user.id, wijk_id="presikhaaf", text=text, status=IdeaStatus.HANDED_OVER,
                            created_at=clock.now(), updated_at=clock.now())
                session.add(idea)
                session.flush()
                assert idea.id is not None
                session.add(CheckIn(user_id=user.id, idea_id=idea.id, due_at=clock.now()))
            recorded = session.exec(select(SentOptions).where(
                SentOptions.message_ref == anna.sent[language])).one()
            assert recorded.options[0][1] == "Nederlands", "the bot's own replies are kept by event id too"
            session.commit()
        for _ in range(2):  # one bot-initiated message a day
            await run_due_jobs(app)
            await DeliveryWorker(app).drain_all()
            clock.advance(days=1)
        first = await anna.expect("koffieochtend")
        second = await anna.expect("spelletjesmiddag")
        assert "Hoe gaat het met je idee" in first and "Hoe gaat het met je idee" in second

        await anna.say("loopt goed", reply_to=first)
        await anna.expect("Fijn")
        with Session(app.engine) as session:
            answers = {session.get(Idea, c.idea_id).text: c.answer  # type: ignore[union-attr]
                       for c in session.exec(select(CheckIn))}
        assert answers == {"Een koffieochtend in onze flat": "good", "Een spelletjesmiddag in het buurthuis": None}
    finally:
        await anna.stop()
        await transport.stop()


async def start_bot(synapse: Synapse, bot_id: str, url: str, data_dir: Path, content: Content,
                    clock: ManualClock) -> MatrixTransport:
    app = matrix_app(synapse, bot_id, url, data_dir, content, clock)
    transport = MatrixTransport(app)
    app.transports["matrix"] = transport
    await transport.start()
    return transport


async def test_bot_cross_signs_itself_keeps_its_identity_and_never_replaces_one(
        synapse: Synapse, tmp_path: Path, sqlite_url: str, content: Content, clock: ManualClock,
        caplog: pytest.LogCaptureFixture) -> None:
    suffix = secrets.token_hex(3)
    bot_id = synapse.register(f"wijkgids{suffix}", "bot-password")
    observer_id = synapse.register(f"observer{suffix}", "observer-password")
    observer = AsyncClient(synapse.url, observer_id)
    await observer.login("observer-password")
    data_dir = tmp_path / "botdata"
    key_file = data_dir / "matrix" / "cross_signing.json"
    try:
        transport = await start_bot(synapse, bot_id, sqlite_url, data_dir, content, clock)
        first_device = transport.client.device_id
        await transport.stop()
        query = await query_keys(observer, bot_id)
        assert cross_signed(query, bot_id, first_device), query
        master = query["master_keys"][bot_id]["keys"]
        assert query["user_signing_keys"] == {}, "others never see the user-signing key"
        assert key_file.stat().st_mode & 0o777 == 0o600 and key_file.parent.stat().st_mode & 0o777 == 0o700
        assert set(json.loads(key_file.read_text())) == {"user_id", "master", "self_signing", "user_signing"}

        # a restart keeps device and identity
        transport = await start_bot(synapse, bot_id, sqlite_url, data_dir, content, clock)
        assert transport.client.device_id == first_device
        await transport.stop()
        query = await query_keys(observer, bot_id)
        assert query["master_keys"][bot_id]["keys"] == master and cross_signed(query, bot_id, first_device)

        # a new device (the stored login is gone) is signed by the same identity
        (data_dir / "matrix" / "credentials.json").unlink()
        transport = await start_bot(synapse, bot_id, sqlite_url, data_dir, content, clock)
        second_device = transport.client.device_id
        await transport.stop()
        assert second_device != first_device
        query = await query_keys(observer, bot_id)
        assert query["master_keys"][bot_id]["keys"] == master and cross_signed(query, bot_id, second_device)

        # a bot without the private keys (a data dir that was not backed up) never replaces the identity
        caplog.set_level(logging.ERROR)
        transport = await start_bot(synapse, bot_id, sqlite_url, tmp_path / "fresh", content, clock)
        third_device = transport.client.device_id
        await transport.stop()
        query = await query_keys(observer, bot_id)
        assert query["master_keys"][bot_id]["keys"] == master
        assert not cross_signed(query, bot_id, third_device)
        assert not (tmp_path / "fresh" / "matrix" / "cross_signing.json").exists()
        assert any("already has a cross-signing identity" in r.getMessage() and "backup" in r.getMessage()
                   for r in caplog.records)
        assert base64.b64decode(json.loads(key_file.read_text())["master"] + "==")
    finally:
        await observer.close()


async def onboard_on_matrix(resident: Resident, *, encrypted: bool = True) -> None:
    await resident.open_dm(encrypted=encrypted)
    await resident.say("start")
    await resident.expect("Welke taal")
    for text, expected in (("nederlands", "Is dat goed?"), ("ja", "welke wijk"), ("6825", "Wat wil je doen?")):
        await resident.say(text)
        await resident.expect(expected)


async def test_a_flyer_sent_in_element_reaches_residents_in_encrypted_and_plain_rooms(
        synapse: Synapse, tmp_path: Path, sqlite_url: str, content: Content, clock: ManualClock) -> None:
    """An aanjager sends a flyer from Element in an encrypted room: the bot decrypts it, keeps it without its
    metadata, shows it in the preview (encrypted) and with the announcement, in a plain room too."""
    suffix = secrets.token_hex(3)
    bot_id = synapse.register(f"wijkgids{suffix}", "bot-password")
    anna_id = synapse.register(f"anna{suffix}", "anna-password")
    bert_id = synapse.register(f"bert{suffix}", "bert-password")
    transport = await start_bot(synapse, bot_id, sqlite_url, tmp_path / "botdata", content, clock)
    app = transport.app
    anna = Resident(synapse, anna_id, "anna-password", tmp_path / "anna", bot_id)
    bert = Resident(synapse, bert_id, "bert-password", tmp_path / "bert", bot_id)
    await anna.start()
    await bert.start()
    try:
        await onboard_on_matrix(anna)
        await onboard_on_matrix(bert, encrypted=False)
        with Session(app.engine) as session:
            user = session.exec(select(User).where(User.external_id == anna_id)).one()
            activities_crud.add_aanjager(session, user=user, wijk_id="presikhaaf", now=clock.now())
            session.commit()
        await anna.send_image(phone_photo(64, 48))  # where no photo is asked for: a friendly answer, nothing kept
        await anna.expect("Foto's kan ik niet lezen")
        for text, expected in (("!nieuweactiviteit", "Hoe heet"), ("Buurtbarbecue", "beschrijving"),
                               ("geen beschrijving", "Wanneer"), ("za 12 dec 16:00-19:00", "Waar"),
                               ("park presikhaaf", "helpers"), ("nee", "Hoeveel"), ("20", "foto of flyer")):
            await anna.say(text)
            await anna.expect(expected)
        await anna.send_image(b"not a photo")
        await anna.expect("kon ik niet openen")
        await anna.send_image(phone_photo(2400, 1800))
        await anna.expect("elke week")
        await anna.say("eenmalig")
        preview, shown = await anna.receive_image()
        assert "file" in preview and "url" not in preview, "encrypted in an encrypted room"
        assert (preview["info"]["w"], preview["info"]["h"], preview["info"]["mimetype"]) == (1600, 1200, "image/jpeg")
        assert size_of(shown) == (1600, 1200) and metadata_of(shown) == {}, "no place, no owner's name"
        await anna.expect("Zo zien bewoners")
        for text, expected in (("publiceren", "Gepubliceerd"), ("omroepen", "Dit sturen naar 1 bewoner"),
                               ("versturen", "Onderweg naar 1 bewoner")):
            await anna.say(text)
            await anna.expect(expected)
        await DeliveryWorker(app).drain_all()
        announcement, seen = await bert.receive_image()
        assert "url" in announcement and "file" not in announcement, "a plain room gets a plain upload"
        assert seen == shown
        assert "Buurtbarbecue" in await bert.expect("Nieuws uit je wijk")
        with Session(app.engine) as session:
            [media] = session.exec(select(Media)).all()
            assert media.content == shown and set(media.refs) == {"matrix", "matrix-encrypted"}
    finally:
        await anna.stop()
        await bert.stop()
        await transport.stop()


def test_an_image_caption_is_its_text() -> None:
    """Element sends a caption as the image's body with the file name apart (MSC2530); without one, body is the name."""
    def image(content: dict[str, Any]) -> RoomMessageImage:
        event = RoomMessageImage.from_dict({"type": "m.room.message", "event_id": "$1", "sender": "@anna:x",
                                            "origin_server_ts": 1, "content": {"msgtype": "m.image",
                                                                               "url": "mxc://x/y", **content}})
        assert isinstance(event, RoomMessageImage)
        return event

    assert caption_of(image({"body": "Onze geveltuin!", "filename": "IMG_1.jpg"})) == "Onze geveltuin!"
    assert caption_of(image({"body": "IMG_1.jpg", "filename": "IMG_1.jpg"})) == ""
    assert caption_of(image({"body": "IMG_1.jpg"})) == ""
