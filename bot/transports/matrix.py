"""The Matrix transport on matrix-nio, with end-to-end encryption (vodozemac, no libolm).

Why matrix-nio: it is maintained, asyncio-native like the rest of the bot, and its E2EE installs from
PyPI without native builds; mautrix-python also works but its crypto still needs libolm.

State that must survive a restart lives in `<data_dir>/matrix`: the device id and access token (a new
device on every start would make the bot deaf in encrypted rooms) and nio's crypto store with the sync
token. Event ids go into the processed-event table through the dispatcher, so a replayed sync never
handles an event twice; after a restart the bot syncs from its stored token and answers what was sent
while it was down. Events from before it joined a room (or, for rooms it was already in, from before
its very first start: `history.json`) are history and get no answer. Choices render as numbered
options; the core maps a typed number or label.
The bot's own device is cross-signed (`matrix_crosssigning`; keys in `<data_dir>/matrix/cross_signing.json`).
Trust policy for others (`apply_device_trust`): a resident with a cross-signing identity gets room keys on the
devices that identity signed only; a resident without one on every device (trust on first use).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import io
import json
import logging
import time
from collections.abc import Collection
from pathlib import Path
from typing import Any

from aiohttp import ClientError
from nio import (
    AsyncClient,
    AsyncClientConfig,
    DownloadResponse,
    InviteMemberEvent,
    KeysQueryResponse,
    LoginResponse,
    MatrixRoom,
    RoomEncryptedAudio,
    RoomEncryptedFile,
    RoomEncryptedImage,
    RoomEncryptedVideo,
    RoomMemberEvent,
    RoomMessageAudio,
    RoomMessageFile,
    RoomMessageImage,
    RoomMessageText,
    RoomMessageVideo,
    RoomSendError,
    UploadResponse,
    WhoamiResponse,
)
from nio.crypto.attachments import decrypt_attachment
from sqlmodel import Session

from bot.core.app import App
from bot.core.commands import in_form
from bot.core.events import Attachment, Incoming, Kind, Reply, choice_rows
from bot.core.text import numbered_options
from bot.core.transport import (
    DeliveryError,
    PhotoTooLarge,
    PhotoUnavailable,
    RecipientUnreachable,
    RetryLater,
)
from bot.infra.crud import media as media_crud
from bot.infra.crud import prompts as prompts_crud
from bot.infra.models import Media
from bot.infra.photos import extension_of
from bot.transports.matrix_crosssigning import CrossSigningError, apply_device_trust, ensure_identity

log = logging.getLogger(__name__)

MEDIA = {RoomMessageImage: "photo", RoomMessageAudio: "voice", RoomMessageVideo: "video", RoomMessageFile: "document",
         RoomEncryptedImage: "photo", RoomEncryptedAudio: "voice", RoomEncryptedVideo: "video",
         RoomEncryptedFile: "document"}
"""What residents may send besides text; in encrypted rooms media arrive as the RoomEncrypted* events."""


COMMAND_PREFIX = "!"
"""Element intercepts "/": commands are written "!idee" (maubot's convention), which the core accepts."""


def render_html(reply: Reply, commands: Collection[str] = ()) -> str:
    """Choices as an HTML numbered list (Element shows it as one); every piece of text escaped."""
    text = html.escape(in_form(reply.text, COMMAND_PREFIX, commands)).replace("\n", "<br>")
    items = "".join(f"<li>{html.escape(choice.label)}</li>" for choice in reply.choices)
    hint = html.escape(numbered_options(reply)[-1])
    start = f' start="{reply.first_number}"' if reply.first_number != 1 else ""
    return f"<p>{text}</p><ol{start}>{items}</ol><p><em>{hint}</em></p>"


def replied_to(event: Any) -> str | None:
    """The event id a message replies to (Element's Reply), if any."""
    relates = event.source.get("content", {}).get("m.relates_to") or {}
    target = relates.get("m.in_reply_to") if isinstance(relates, dict) else None
    event_id = target.get("event_id") if isinstance(target, dict) else None
    return event_id if isinstance(event_id, str) else None


def without_reply_fallback(body: str) -> str:
    """A reply's body without the quoted message clients put above it ("> <@bot:server> text" lines)."""
    lines = body.split("\n")
    if not lines[0].startswith("> <"):
        return body
    quoted = 0
    while quoted < len(lines) and lines[quoted].startswith(">"):
        quoted += 1
    return "\n".join(lines[quoted:]).lstrip("\n")


def photo_ref(event: Any) -> str:
    """How the bot finds an image again: its mxc URL, with the key to decrypt it in an encrypted room."""
    if isinstance(event, RoomEncryptedImage):
        return json.dumps({"url": event.url, "key": event.key.get("k", ""), "hash": event.hashes.get("sha256", ""),
                           "iv": event.iv, "size": _declared_size(event)})
    return json.dumps({"url": event.url, "size": _declared_size(event)})


def caption_of(event: Any) -> str:
    """An image's caption: Element puts it in `body` and the file's name in `filename` (MSC2530)."""
    content = event.source.get("content", {})
    body, filename = content.get("body"), content.get("filename")
    return body if isinstance(body, str) and isinstance(filename, str) and body != filename else ""


def _declared_size(event: Any) -> int | None:
    info = event.source.get("content", {}).get("info")
    size = info.get("size") if isinstance(info, dict) else None
    return size if isinstance(size, int) else None


def render(reply: Reply, commands: Collection[str] = ()) -> str:
    lines = [in_form(reply.text, COMMAND_PREFIX, commands)]
    return "\n".join([*lines, *numbered_options(reply)])


def image_content(media: Media, data: bytes) -> dict[str, Any]:
    """An m.image event's fields besides where the file is (`url`, or `file` in an encrypted room)."""
    info: dict[str, Any] = {"mimetype": media.mime_type, "size": len(data)}
    if media.width and media.height:
        info |= {"w": media.width, "h": media.height}
    return {"msgtype": "m.image", "body": f"photo.{extension_of(media.mime_type)}", "info": info}


class MatrixTransport:
    name = "matrix"
    numbered_options = True

    def __init__(self, app: App) -> None:
        settings = app.settings
        if not (settings.matrix_homeserver and settings.matrix_user_id):
            raise ValueError("no Matrix account configured")
        self.app = app
        self.store = Path(settings.data_dir) / "matrix"
        self.store.mkdir(parents=True, exist_ok=True)
        self.store.chmod(0o700)  # the device's login, its crypto store and the cross-signing keys
        self.client = AsyncClient(
            settings.matrix_homeserver, settings.matrix_user_id, store_path=str(self.store),
            config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=True, max_limit_exceeded=0,
                                     max_timeouts=3),
        )
        self._task: asyncio.Task[None] | None = None
        self._history = self.store / "history.json"
        self._since_ms = 0
        """Events older than the bot's very first start are history, in rooms it was in by then."""
        self._joined_ms: dict[str, int] = {}
        """When the bot joined each room later: older events there are history too."""
        self._identities = self.store / "identities.json"
        self._pinned: dict[str, str] = json.loads(self._identities.read_text()) if self._identities.exists() else {}
        """Residents' cross-signing master keys as first seen."""
        self._trust_checked: set[str] = set()

    # --- lifecycle -----------------------------------------------------------------------------
    async def start(self) -> None:
        await self._login()
        await self._cross_sign()
        self._load_history()
        resuming = bool(self.client.loaded_sync_token)
        if not resuming:
            # the very first start: what is already in the rooms is history, not questions
            await self.client.sync(timeout=0, full_state=True)
            self._since_ms = int(time.time() * 1000) - 2000
            self._save_history()
        self.client.add_response_callback(self._on_keys_query, KeysQueryResponse)
        self.client.add_event_callback(self._on_invite, InviteMemberEvent)
        self.client.add_event_callback(self._on_own_join, RoomMemberEvent)
        self.client.add_event_callback(self._on_message, (RoomMessageText, *MEDIA))
        if resuming:
            # from the stored sync token: what residents sent while the bot was down is answered now
            # (the processed-event table makes sure nothing is answered twice)
            await self.client.sync(timeout=0, full_state=True)
        for room_id in list(self.client.invited_rooms):
            await self.client.join(room_id)
        self._task = asyncio.create_task(self.client.sync_forever(timeout=30_000, full_state=False),
                                         name="matrix-sync")
        log.info("Matrix transport started as %s (device %s)", self.client.user_id, self.client.device_id)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):  # a cancelled sync loop may raise anything
                await self._task
        await self.client.close()

    async def _login(self) -> None:
        """Reuses the stored device; logs in once with the password or access token from the settings."""
        settings = self.app.settings
        credentials = self.store / "credentials.json"
        if credentials.exists():
            saved = json.loads(credentials.read_text())
            self.client.restore_login(saved["user_id"], saved["device_id"], saved["access_token"])
            return
        if settings.matrix_access_token is not None:
            self.client.access_token = settings.matrix_access_token.get_secret_value()
            who = await self.client.whoami()
            if not isinstance(who, WhoamiResponse) or not who.device_id:
                raise RuntimeError("the Matrix access token was not accepted")
            self.client.restore_login(who.user_id, who.device_id, self.client.access_token)
        else:
            assert settings.matrix_password is not None
            response = await self.client.login(settings.matrix_password.get_secret_value(), device_name="Wijkgids")
            if not isinstance(response, LoginResponse):
                raise RuntimeError(f"Matrix login failed: {getattr(response, 'message', response)}")
        credentials.write_text(json.dumps({"user_id": self.client.user_id, "device_id": self.client.device_id,
                                           "access_token": self.client.access_token}))
        credentials.chmod(0o600)

    async def _cross_sign(self) -> None:
        if self.client.should_upload_keys:
            await self.client.keys_upload()
        password = self.app.settings.matrix_password
        try:
            await ensure_identity(self.client, self.store / "cross_signing.json",
                                  password.get_secret_value() if password is not None else None)
        except CrossSigningError as exc:
            log.error("Matrix cross-signing is not set up: %s", exc)

    async def _on_keys_query(self, response: KeysQueryResponse) -> None:
        """Whose devices changed gets the trust rule applied again before the next message to them."""
        self._trust_checked -= set(response.changed)

    async def _update_trust(self, users: set[str]) -> None:
        """New people, and people whose devices changed, get the trust rule applied (before a message)."""
        if self.client.should_query_keys:
            await self.client.keys_query()
        todo = sorted(users - {self.client.user_id} - self._trust_checked)
        if not todo:
            return
        try:
            pinned = await apply_device_trust(self.client, todo, self._pinned)
        except (CrossSigningError, ClientError, TimeoutError) as exc:  # this message goes out on the last rule
            log.warning("could not check the residents' cross-signing: %s", exc)
            return
        self._trust_checked.update(todo)
        if pinned != self._pinned:
            self._pinned = pinned
            self._identities.write_text(json.dumps(pinned))

    def _load_history(self) -> None:
        if self._history.exists():
            saved = json.loads(self._history.read_text())
            self._since_ms, self._joined_ms = int(saved["since_ms"]), dict(saved["joined_ms"])

    def _save_history(self) -> None:
        self._history.write_text(json.dumps({"since_ms": self._since_ms, "joined_ms": self._joined_ms}))

    # --- incoming ------------------------------------------------------------------------------
    async def _on_own_join(self, room: MatrixRoom, event: RoomMemberEvent) -> None:
        if (event.state_key == self.client.user_id and event.membership == "join"
                and room.room_id not in self._joined_ms):
            self._joined_ms[room.room_id] = event.server_timestamp
            self._save_history()

    async def _on_invite(self, room: MatrixRoom, event: InviteMemberEvent) -> None:
        if event.state_key == self.client.user_id and event.membership == "invite":
            await self.client.join(room.room_id)

    async def _from_excluded_device(self, event: Any) -> bool:
        """Sent from a device the trust rule excludes (one its owner's identity did not sign)? Then the bot
        does not act on it: such a device could otherwise, say, erase the resident's data."""
        if not getattr(event, "decrypted", False) or event.verified:
            return False
        await self._update_trust({event.sender})
        if event.sender not in self._pinned:
            return False  # no cross-signing identity: trust on first use, as for sending
        device = self.client.device_store.device_from_sender_key(event.sender, event.sender_key)
        return device is None or self.client.olm is None or not self.client.olm.is_device_verified(device)

    async def _on_message(self, room: MatrixRoom, event: Any) -> None:
        history_until = self._joined_ms.get(room.room_id, self._since_ms)
        if event.sender == self.client.user_id or event.server_timestamp < history_until:
            return
        if await self._from_excluded_device(event):
            log.warning("ignored a message from %s on a device their cross-signing identity did not sign",
                        event.sender)
            return
        if isinstance(event, RoomMessageText):
            reply_to = replied_to(event)
            body = without_reply_fallback(event.body) if reply_to else event.body
            incoming = Incoming.from_text("matrix", event.sender, body, chat_id=room.room_id,
                                          event_id=event.event_id, reply_to=reply_to)
        elif isinstance(event, RoomMessageImage | RoomEncryptedImage):
            incoming = Incoming("matrix", event.sender, room.room_id, Kind.PHOTO, text=caption_of(event),
                                media="photo", photo=photo_ref(event), event_id=event.event_id)
        else:
            incoming = Incoming("matrix", event.sender, room.room_id, Kind.UNSUPPORTED,
                                media=MEDIA.get(type(event), "other"), event_id=event.event_id)
        outcome = await self.app.dispatcher.handle(incoming)
        for reply in outcome.replies:
            try:
                try:
                    sent = await self.send(room.room_id, reply)
                except RetryLater as exc:  # the homeserver's 429: wait as asked, then once more
                    await asyncio.sleep(min(exc.seconds, 30))
                    sent = await self.send(room.room_id, reply)
            except DeliveryError as exc:
                log.warning("reply in Matrix room could not be sent: %s", exc)
                continue
            if sent is not None and reply.choices and outcome.user_id is not None:
                self._remember_options(outcome.user_id, sent, reply)

    def _remember_options(self, user_id: int, event_id: str, reply: Reply) -> None:
        """A reply (Element's Reply) to this message answers its options, as numbered in it."""
        with Session(self.app.engine) as session:
            prompts_crud.remember_sent(session, user_id=user_id, message_ref=event_id,
                                       options=choice_rows(reply.choices),
                                       first_number=reply.first_number, now=self.app.clock.now())
            session.commit()

    # --- outgoing ------------------------------------------------------------------------------
    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Returns the event id of the message's text (with its options), which a reply refers to."""
        if chat_id not in self.client.rooms:
            raise RecipientUnreachable("the bot is not in that room")
        room = self.client.rooms[chat_id]
        if room.member_count <= 1:
            raise RecipientUnreachable("nobody else is in the room anymore")
        if room.encrypted:
            await self._update_trust(set(room.users))
        event_id = None
        if reply.photo is not None:
            image = await self._image_message(reply.photo.media_id, encrypt=room.encrypted)
            if image is not None:
                event_id = await self._room_send(chat_id, image)
        if reply.attachment is not None:
            event_id = await self._room_send(chat_id, await self._file_message(reply.attachment,
                                                                               encrypt=room.encrypted))
        if reply.text or reply.choices:
            content = {"msgtype": "m.text", "body": render(reply, self.app.registry.commands)}
            if reply.choices:
                content |= {"format": "org.matrix.custom.html",
                            "formatted_body": render_html(reply, self.app.registry.commands)}
            event_id = await self._room_send(chat_id, content)
        return event_id

    async def fetch_photo(self, ref: str, *, max_bytes: int) -> bytes:
        """An image a resident sent: downloaded from the homeserver and, in an encrypted room, decrypted."""
        image = json.loads(ref)
        if (image.get("size") or 0) > max_bytes:
            raise PhotoTooLarge(image["size"])
        response = await self.client.download(mxc=image["url"])
        if not isinstance(response, DownloadResponse):
            raise PhotoUnavailable(str(getattr(response, "message", response)))
        if len(response.body) > max_bytes:
            raise PhotoTooLarge(len(response.body))
        if "key" not in image:
            return bytes(response.body)
        try:
            return bytes(decrypt_attachment(response.body, image["key"], image["hash"], image["iv"]))
        except Exception as exc:  # nio raises EncryptionError, or ValueError on a malformed key
            raise PhotoUnavailable(f"could not decrypt the image: {exc}") from exc

    async def _image_message(self, media_id: int, *, encrypt: bool) -> dict[str, Any] | None:
        """The m.image event for a kept photo, uploaded once per kind of room; None when it has no content."""
        with Session(self.app.engine) as session:
            media = media_crud.get(session, media_id=media_id)
            if media is None or media.content is None:
                return None
            data = media.content
            key = "matrix-encrypted" if encrypt else "matrix"
            stored = media.refs.get(key)
            content = image_content(media, data)
        if stored is None:
            upload = await self._file_message(Attachment(str(content["body"]), data, media.mime_type),
                                              encrypt=encrypt)
            stored = json.dumps(upload["file"]) if encrypt else str(upload["url"])
            with Session(self.app.engine) as session:
                media_crud.remember_ref(session, media_id=media_id, key=key, ref=stored)
                session.commit()
        return content | ({"file": json.loads(stored)} if encrypt else {"url": stored})

    async def _file_message(self, attachment: Attachment, *, encrypt: bool) -> dict[str, Any]:
        """Uploads the file (encrypted for an encrypted room, as Element expects) and returns the m.file event."""
        response, keys = await self.client.upload(
            io.BytesIO(attachment.content), content_type=attachment.mime_type, filename=attachment.filename,
            encrypt=encrypt, filesize=len(attachment.content))
        if not isinstance(response, UploadResponse):
            if getattr(response, "status_code", None) == "M_LIMIT_EXCEEDED":
                raise RetryLater((getattr(response, "retry_after_ms", None) or 1000) / 1000)
            raise DeliveryError(f"upload failed: {getattr(response, 'message', response)}")
        content: dict[str, Any] = {
            "msgtype": "m.file", "body": attachment.filename, "filename": attachment.filename,
            "info": {"mimetype": attachment.mime_type, "size": len(attachment.content)},
        }
        if keys is not None:
            content["file"] = {**keys, "url": response.content_uri}
        else:
            content["url"] = response.content_uri
        return content

    async def _room_send(self, chat_id: str, content: dict[str, Any]) -> str:
        response = await self.client.room_send(chat_id, "m.room.message", content, ignore_unverified_devices=True)
        if isinstance(response, RoomSendError):
            if response.status_code == "M_LIMIT_EXCEEDED":
                raise RetryLater((response.retry_after_ms or 1000) / 1000)
            if response.status_code == "M_FORBIDDEN":
                raise RecipientUnreachable(response.message)
            raise DeliveryError(f"{response.status_code}: {response.message}")
        event_id: str = response.event_id
        return event_id
