"""A fake WhatsApp Cloud API (Graph API) on 127.0.0.1 for end-to-end tests and the broadcast benchmark.

The bot's real client (httpx) sends to it over real HTTP; it posts signed webhook deliveries to the bot's real web
app, as Meta does::

    async with FakeWhatsApp(clock=clock.now) as fake:
        fake.webhook_url = f"http://127.0.0.1:{web.port}/whatsapp/webhook"
        await fake.user_sends_text("31612345678", "hallo")
        await fake.wait_for(lambda: fake.messages_to("31612345678"))

What it models, because a bot gets it wrong otherwise: the 24-hour window (a free-form message to someone who
has not written in 24 hours fails with 131047), approved templates and their parameter rules (no new lines),
the limits of reply buttons and lists, the throughput limit per number (130429 above `rate_limit_per_s`, in any
window of one simulated second), the messaging tier (unique people sent a template outside their window per
rolling 24 hours: `over_tier` counts every one beyond it), media upload and download, the bearer token, and
webhook signatures (X-Hub-Signature-256 with the app secret). Times come from `clock` (the test's ManualClock).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import socket
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import TracebackType
from typing import Any, Self

import aiohttp
from aiohttp import web

from bot.transports.whatsapp_webhook import sign

JSON = dict[str, Any]
ROLLING = timedelta(hours=24)
VERSION = "v23.0"


class GraphFault(Exception):
    def __init__(self, code: int, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


@dataclass
class Sent:
    """One message the bot sent."""

    to: str
    body: JSON
    wamid: str
    at: datetime

    @property
    def type(self) -> str:
        return str(self.body.get("type"))

    @property
    def text(self) -> str:
        """What the resident reads: the text, the interactive body, the caption or the template's parameter."""
        kind = self.type
        if kind == "text":
            return str(self.body["text"]["body"])
        if kind == "interactive":
            return str(self.body["interactive"]["body"]["text"])
        if kind in ("image", "document"):
            return str(self.body[kind].get("caption", ""))
        if kind == "template":
            return " ".join(str(p.get("text", "")) for c in self.body["template"]["components"]
                            for p in c.get("parameters", []) if p.get("type") == "text")
        return ""

    @property
    def options(self) -> list[JSON]:
        """Buttons or list rows: dicts with id and title."""
        if self.type != "interactive":
            return []
        interactive = self.body["interactive"]
        if interactive["type"] == "button":
            return [button["reply"] for button in interactive["action"]["buttons"]]
        return [row for section in interactive["action"]["sections"] for row in section["rows"]]


@dataclass
class _Media:
    content: bytes
    mime_type: str


@dataclass
class FakeWhatsApp:
    phone_number_id: str = "1000"
    token: str = "TEST-TOKEN"
    app_secret: str = "app-secret"
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    rate_limit_per_s: float | None = None
    time_scale: float = 1.0
    """Simulated seconds per wall second, for the throughput limit only (as in FakeTelegram)."""
    tier: int | None = None
    approved: set[tuple[str, str]] | None = None
    """(template name, language) pairs Meta approved; None: every template is approved."""
    webhook_url: str = ""

    sent: list[Sent] = field(default_factory=list)
    delivered: int = 0
    throttled: int = 0
    over_tier: int = 0
    window_refusals: int = 0
    webhook_posts: int = 0
    _windows: dict[str, datetime] = field(default_factory=dict)
    _starts: dict[str, datetime] = field(default_factory=dict)
    _start_order: deque[tuple[datetime, str]] = field(default_factory=deque)
    _media: dict[str, _Media] = field(default_factory=dict)
    _window: deque[float] = field(default_factory=deque)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _runner: web.AppRunner | None = None
    _session: aiohttp.ClientSession | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event)
    port: int = 0

    # --- lifecycle -----------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{VERSION}"

    async def __aenter__(self) -> Self:
        app = web.Application(client_max_size=32 * 1024 * 1024)
        app.router.add_post(f"/{VERSION}/{{phone}}/messages", self._messages)
        app.router.add_post(f"/{VERSION}/{{phone}}/media", self._upload)
        app.router.add_get(f"/{VERSION}/{{media_id}}", self._media_info)
        app.router.add_get("/download/{media_id}", self._download)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()
        self._session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- what the bot sent ---------------------------------------------------------------------
    def messages_to(self, wa_id: str) -> list[Sent]:
        return [message for message in self.sent if message.to == wa_id]

    def texts_to(self, wa_id: str) -> list[str]:
        return [message.text for message in self.messages_to(wa_id)]

    def last_to(self, wa_id: str) -> Sent:
        messages = self.messages_to(wa_id)
        assert messages, f"nothing was sent to {wa_id}"
        return messages[-1]

    async def wait_for(self, predicate: Callable[[], object], timeout: float = 10.0, what: str = "") -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what or 'the bot'}; sent: "
                                     f"{[(m.to, m.type, m.text[:60]) for m in self.sent[-8:]]}")
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), 0.05)

    async def wait_for_count(self, wa_id: str, count: int, timeout: float = 10.0) -> list[Sent]:
        """Waits until `count` messages were sent to `wa_id` (in all) and returns them."""
        await self.wait_for(lambda: len(self.messages_to(wa_id)) >= count, timeout, f"{count} messages to {wa_id}")
        await asyncio.sleep(0.05)  # a little longer: nothing more should come
        return self.messages_to(wa_id)

    # --- the Graph API -------------------------------------------------------------------------
    def _authorised(self, request: web.Request) -> None:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            raise GraphFault(190, "Invalid OAuth access token", status=401)

    @staticmethod
    def _error(fault: GraphFault) -> web.Response:
        return web.json_response({"error": {"message": fault.message, "type": "OAuthException", "code": fault.code,
                                            "fbtrace_id": "FAKE"}}, status=fault.status)

    def _throttle(self) -> None:
        if self.rate_limit_per_s is None:
            return
        now = time.monotonic()
        window = 1.0 / self.time_scale
        while self._window and self._window[0] <= now - window:
            self._window.popleft()
        if len(self._window) >= max(1, int(self.rate_limit_per_s)):
            self.throttled += 1
            raise GraphFault(130429, "(#130429) Rate limit hit")
        self._window.append(now)

    def window_open(self, wa_id: str) -> bool:
        last = self._windows.get(wa_id)
        return last is not None and self.clock() < last + ROLLING

    async def _messages(self, request: web.Request) -> web.Response:
        try:
            self._authorised(request)
            if request.match_info["phone"] != self.phone_number_id:
                raise GraphFault(100, "Unsupported post request: unknown phone number id")
            payload = await request.json()
            to = str(payload.get("to") or "")
            if payload.get("messaging_product") != "whatsapp" or not to.isdigit():
                raise GraphFault(100, "Invalid parameter: messaging_product and to are required")
            self._check(payload)
            if payload["type"] == "template":
                self._count_start(to)
            elif not self.window_open(to):
                self.window_refusals += 1
                raise GraphFault(131047, "Re-engagement message: more than 24 hours since the customer last replied")
            self._throttle()
        except GraphFault as fault:
            return self._error(fault)
        wamid = f"wamid.FAKE{next(self._ids):08d}"
        body = {k: v for k, v in payload.items() if k not in ("messaging_product", "recipient_type", "to")}
        self.sent.append(Sent(to, body, wamid, self.clock()))
        self.delivered += 1
        self._changed.set()
        return web.json_response({"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": to}],
                                  "messages": [{"id": wamid}]})

    def _count_start(self, to: str) -> None:
        now = self.clock()
        if self.window_open(to) or (to in self._starts and self._starts[to] > now - ROLLING):
            return
        while self._start_order and self._start_order[0][0] <= now - ROLLING:
            at, number = self._start_order.popleft()
            if self._starts.get(number) == at:
                del self._starts[number]
        if self.tier is not None and len(self._starts) >= self.tier:
            self.over_tier += 1
        self._starts[to] = now
        self._start_order.append((now, to))

    def _check(self, payload: JSON) -> None:
        kind = payload.get("type")
        if kind == "text":
            body = payload["text"]["body"]
            if not body or len(body) > 4096:
                raise GraphFault(131009, "text body must be 1 to 4096 characters")
        elif kind == "interactive":
            self._check_interactive(payload["interactive"])
        elif kind in ("image", "document"):
            media = payload[kind]
            if media.get("id") not in self._media:
                raise GraphFault(131053, "Media upload error: unknown media id")
            if len(media.get("caption", "")) > 1024:
                raise GraphFault(131009, "caption too long")
        elif kind == "template":
            self._check_template(payload["template"])
        else:
            raise GraphFault(131051, f"Unsupported message type {kind!r}")

    @staticmethod
    def _check_interactive(interactive: JSON) -> None:
        body = interactive.get("body", {}).get("text", "")
        if not body or len(body) > 1024:
            raise GraphFault(131009, "interactive body must be 1 to 1024 characters")
        action = interactive["action"]
        if interactive["type"] == "button":
            buttons = action["buttons"]
            titles = [b["reply"]["title"] for b in buttons]
            if not 1 <= len(buttons) <= 3 or any(not 1 <= len(t) <= 20 for t in titles):
                raise GraphFault(131009, "reply buttons: 1 to 3, titles of at most 20 characters")
            if len({b["reply"]["id"] for b in buttons}) != len(buttons) or len(set(titles)) != len(titles):
                raise GraphFault(131009, "reply buttons need unique ids and titles")
        elif interactive["type"] == "list":
            rows = [row for section in action["sections"] for row in section["rows"]]
            if not 1 <= len(rows) <= 10 or not 1 <= len(action["button"]) <= 20:
                raise GraphFault(131009, "a list has 1 to 10 rows and a button of at most 20 characters")
            for row in rows:
                if not 1 <= len(row["title"]) <= 24 or len(row.get("description", "")) > 72 or len(row["id"]) > 200:
                    raise GraphFault(131009, "list row title at most 24, description at most 72 characters")
        else:
            raise GraphFault(131009, f"unknown interactive type {interactive['type']!r}")

    def _check_template(self, template: JSON) -> None:
        name, language = template.get("name"), template.get("language", {}).get("code")
        if self.approved is not None and (name, language) not in self.approved:
            raise GraphFault(132001, f"Template name does not exist in the translation ({name}, {language})")
        for component in template.get("components", []):
            for parameter in component.get("parameters", []):
                if parameter.get("type") == "text":
                    text = parameter["text"]
                    if not text or "\n" in text or "\t" in text or "     " in text:
                        raise GraphFault(132018, "Parameter text cannot have new lines, tabs or more than 4 spaces")
                elif parameter.get("type") == "image" and parameter["image"].get("id") not in self._media:
                    raise GraphFault(131053, "Media upload error: unknown media id")

    async def _upload(self, request: web.Request) -> web.Response:
        try:
            self._authorised(request)
        except GraphFault as fault:
            return self._error(fault)
        form = await request.post()
        upload = form.get("file")
        if form.get("messaging_product") != "whatsapp" or not isinstance(upload, web.FileField):
            return self._error(GraphFault(100, "file and messaging_product are required"))
        media_id = f"{next(self._ids) + 900_000_000}"
        self._media[media_id] = _Media(upload.file.read(), str(form.get("type") or upload.content_type))
        return web.json_response({"id": media_id})

    async def _media_info(self, request: web.Request) -> web.Response:
        try:
            self._authorised(request)
        except GraphFault as fault:
            return self._error(fault)
        media_id = request.match_info["media_id"]
        media = self._media.get(media_id)
        if media is None:
            return self._error(GraphFault(100, "Invalid media id", status=404))
        return web.json_response({"messaging_product": "whatsapp", "id": media_id, "mime_type": media.mime_type,
                                  "file_size": len(media.content),
                                  "url": f"http://127.0.0.1:{self.port}/download/{media_id}"})

    async def _download(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            return web.Response(status=401)
        media = self._media.get(request.match_info["media_id"])
        if media is None:
            return web.Response(status=404)
        return web.Response(body=media.content, content_type=media.mime_type)

    # --- residents (webhook deliveries) ----------------------------------------------------------
    def delivery(self, *, messages: list[JSON] = (), statuses: list[JSON] = (),  # type: ignore[assignment]
                 contacts: list[JSON] = ()) -> JSON:  # type: ignore[assignment]
        value: JSON = {"messaging_product": "whatsapp",
                       "metadata": {"display_phone_number": "31850000000", "phone_number_id": self.phone_number_id}}
        if messages:
            value |= {"contacts": list(contacts), "messages": list(messages)}
        if statuses:
            value["statuses"] = list(statuses)
        return {"object": "whatsapp_business_account",
                "entry": [{"id": "WABA-FAKE", "changes": [{"field": "messages", "value": value}]}]}

    async def post(self, payload: JSON | bytes, *, signature: str | None = None) -> int:
        """Posts a webhook delivery to the bot, signed with the app secret unless `signature` is given."""
        assert self._session is not None and self.webhook_url, "set fake.webhook_url to the bot's webhook"
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        headers = {"Content-Type": "application/json",
                   "X-Hub-Signature-256": signature if signature is not None else sign(self.app_secret, body)}
        async with self._session.post(self.webhook_url, data=body, headers=headers) as response:
            self.webhook_posts += 1
            return response.status

    def message(self, wa_id: str, kind: str, content: JSON, *, reply_to: str | None = None) -> JSON:
        message: JSON = {"from": wa_id, "id": f"wamid.IN{next(self._ids):08d}",
                         "timestamp": str(int(self.clock().timestamp())), "type": kind, kind: content}
        if reply_to is not None:
            message["context"] = {"from": "31850000000", "id": reply_to}
        return message

    async def user_sends(self, wa_id: str, message: JSON, *, name: str = "Anna") -> JSON:
        """Delivers one message of a resident; their window opens. Returns the message (to deliver it again)."""
        self._windows[wa_id] = self.clock()
        status = await self.post(self.delivery(messages=[message],
                                               contacts=[{"profile": {"name": name}, "wa_id": wa_id}]))
        assert status == 200, f"the webhook answered {status}"
        return message

    async def user_sends_text(self, wa_id: str, text: str, *, reply_to: str | None = None) -> JSON:
        return await self.user_sends(wa_id, self.message(wa_id, "text", {"body": text}, reply_to=reply_to))

    async def user_chooses(self, wa_id: str, label: str) -> JSON:
        """Taps the reply button or list row whose title contains `label`, in the last message with options."""
        for sent in reversed(self.messages_to(wa_id)):
            matches = [o for o in sent.options if label.casefold() in o["title"].casefold()]
            if sent.options:
                assert matches, f"no option {label!r} in {[o['title'] for o in sent.options]}"
                option = matches[0]
                kind = sent.body["interactive"]["type"]
                reply = "button_reply" if kind == "button" else "list_reply"
                content = {"type": reply, reply: {"id": option["id"], "title": option["title"]}}
                return await self.user_sends(wa_id, self.message(wa_id, "interactive", content, reply_to=sent.wamid))
        raise AssertionError(f"no message with options was sent to {wa_id}")

    async def user_sends_image(self, wa_id: str, content: bytes, *, caption: str = "",
                               mime_type: str = "image/jpeg") -> JSON:
        media_id = f"{next(self._ids) + 800_000_000}"
        self._media[media_id] = _Media(content, mime_type)
        image: JSON = {"id": media_id, "mime_type": mime_type, "sha256": "fake"}
        if caption:
            image["caption"] = caption
        return await self.user_sends(wa_id, self.message(wa_id, "image", image))

    async def status(self, wamid: str, status: str, *, code: int | None = None, title: str = "") -> int:
        to = next((m.to for m in self.sent if m.wamid == wamid), "0")
        update: JSON = {"id": wamid, "status": status, "timestamp": str(int(self.clock().timestamp())),
                        "recipient_id": to}
        if code is not None:
            update["errors"] = [{"code": code, "title": title or "failed"}]
        return await self.post(self.delivery(statuses=[update]))
