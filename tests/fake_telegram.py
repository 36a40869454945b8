"""A small fake Telegram Bot API server for end-to-end tests.

Real python-telegram-bot talks to it over real HTTP on 127.0.0.1::

    async with FakeTelegram(token="123:TEST") as fake:
        app = (
            ApplicationBuilder().token(fake.token)
            .base_url(fake.base_url).base_file_url(fake.base_file_url).build()
        )
        ...
        fake.user_sends_text(42, "/start")
        await fake.wait_for_call("sendMessage")
        assert "Welkom" in fake.last_message_to(42)["text"]

What it models (and why): the parts of Telegram's behaviour that bots get wrong in practice —
long polling with ``offset``/``timeout`` (a fake that answers at once makes PTB busy-loop),
"message is not modified" on identical edits, an edit without ``reply_markup`` removing the
inline keyboard, the 4096-character and 64-byte ``callback_data`` limits, HTML that Telegram
refuses (``<br>``, unclosed tags), flood control (429 + ``retry_after``), blocked users (403)
and slow answers (client time-outs after which the message was delivered anyway).

Everything runs on the event loop of the test; nothing here is thread-safe.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import inspect
import json
import math
import re
import socket
import time
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from types import TracebackType
from typing import Any, Self

from aiohttp import web

JSON = dict[str, Any]
MethodHandler = Callable[[JSON], Any]
"""Takes the decoded parameters, returns the ``result`` (or an awaitable of it), raises ApiError."""

# Parameters that are strings in the Bot API even when they look like JSON ("123", "true").
# PTB sends str values unencoded and everything else JSON-encoded, so these must stay raw.
STRING_PARAMS = frozenset(
    {
        "text", "caption", "parse_mode", "callback_query_id", "inline_message_id", "file_id",
        "url", "secret_token", "description", "short_description", "name", "title", "query",
        "language_code", "action", "emoji", "phone_number", "business_connection_id",
        "message_effect_id", "ip_address", "address",
    }
)  # fmt: skip
# Update types Telegram leaves out unless they are asked for explicitly.
OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
HTML_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
     "tg-emoji", "code", "pre", "blockquote"}
)  # fmt: skip
COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)


class ApiError(Exception):
    """An error answer of the Bot API; raise it from a method handler."""

    def __init__(self, status: int, description: str, *, retry_after: float | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass
class Call:
    """One request the bot made. ``status``/``response`` are None until it has been answered."""

    method: str
    params: JSON
    time: float
    status: int | None = None
    response: JSON | None = None


@dataclass
class _Fault:
    method: str
    status: int | None
    description: str | None
    retry_after: float
    delay: float
    remaining: int
    chat_id: int | None


class _Signal:
    """Wakes every current waiter; an Event that is replaced on each notify.

    A waiter checks its condition and then calls ``wait`` without awaiting in between, so it
    cannot miss a notify (single event loop).
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._event.wait(), max(timeout, 0.0))


class _TelegramHtml(HTMLParser):
    """Checks text the way Telegram's parse_mode=HTML does (roughly) and collects the plain text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open_tags: list[str] = []
        self.error: str | None = None

    def _fail(self, message: str) -> None:
        self.error = self.error or message

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in HTML_TAGS:
            self.open_tags.append(tag)
        else:
            self._fail(f'Unsupported start tag "{tag}"')

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._fail(f'Unsupported start tag "{tag}"')

    def handle_endtag(self, tag: str) -> None:
        if self.open_tags and self.open_tags[-1] == tag:
            self.open_tags.pop()
        else:
            self._fail(f'Unexpected end tag "{tag}"')

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _utf16_len(text: str) -> int:
    """Telegram measures lengths and entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _short(value: Any, limit: int = 160) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class FakeTelegram:
    """Fake Bot API server; use as ``async with FakeTelegram() as fake``.

    Flood control (off unless a limit is given): ``rate_limit_per_s`` and ``per_chat_per_s`` are
    the number of successful ``sendMessage``, ``sendPhoto`` and ``sendDocument`` calls (each one a message in the
    chat, as Telegram counts them) allowed in any sliding window of one
    *simulated* second, overall and per chat (rounded down, at least 1). Going over answers
    429 "Too Many Requests: retry after N" with ``parameters.retry_after``; rejected calls do not
    count towards the window.

    ``time_scale`` makes simulated time run faster than the wall clock, for flood control only:
    one simulated second lasts ``1 / time_scale`` wall seconds. So with ``time_scale=10`` and
    ``rate_limit_per_s=30`` the window is 0.1 s and at most 30 messages go through per 0.1 s
    (300 per wall second), and ``retry_after`` — a whole number of simulated seconds, at least 1,
    as Telegram sends it — is divided by 10 (e.g. 0.1). A client that sleeps ``retry_after`` wall
    seconds therefore waits exactly long enough. With ``time_scale != 1`` ``retry_after`` may be a
    float; PTB accepts that (``RetryAfter`` stores a timedelta). getUpdates timeouts, injected
    faults and message dates are not scaled.

    Counters: ``http_429`` counts every 429 answer (flood control and injected faults alike),
    ``delivered`` every successful sendMessage.
    """

    def __init__(
        self,
        token: str = "123:TEST",
        *,
        bot_username: str = "wijkgids_test_bot",
        bot_first_name: str = "Wijkgids",
        rate_limit_per_s: float | None = None,
        per_chat_per_s: float | None = None,
        time_scale: float = 1.0,
    ) -> None:
        if time_scale <= 0:
            raise ValueError("time_scale must be positive")
        self.token = token
        self.bot_user: JSON = {
            "id": int(token.split(":", 1)[0]),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.rate_limit_per_s = rate_limit_per_s
        self.per_chat_per_s = per_chat_per_s
        self.time_scale = time_scale

        self.calls: list[Call] = []
        self.http_429 = 0
        self.delivered = 0
        self.blocked_users: set[int] = set()
        self.webhook_url = ""
        self.allowed_updates: list[str] | None = None
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.menu_buttons: dict[int | None, JSON] = {}

        self._methods: dict[str, MethodHandler] = {}
        for name, handler in self._builtin_methods().items():
            self.register(name, handler)
        self._faults: list[_Fault] = []
        self._updates: list[JSON] = []
        self._last_update_id = 100_000
        self._poll_generation = 0
        self._messages: dict[tuple[int, int], JSON] = {}
        self._sources: dict[tuple[int, int], tuple[str, str | None]] = {}
        self._last_message_id: dict[int, int] = defaultdict(int)
        self._bot_sent: dict[int, list[int]] = defaultdict(list)
        self._users: dict[int, JSON] = {}
        self._open_callbacks: set[str] = set()
        self._callback_counter = 0
        self._files: dict[str, tuple[bytes, str | None, str | None]] = {}
        self._global_window: deque[float] = deque()
        self._chat_windows: dict[int, deque[float]] = defaultdict(deque)

        self._call_signal = _Signal()
        self._update_signal = _Signal()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ------------------------------------------------------------------ lifecycle

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url``; PTB appends the token."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        # shutdown_timeout: pending long polls are woken on stop, so a short grace period is enough.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        """Wake pending getUpdates (they answer []) and injected delays, then shut down."""
        self._closing.set()
        self._update_signal.notify()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    def register(self, method: str, handler: MethodHandler) -> None:
        """Add or replace a Bot API method (names are case-insensitive, as in Telegram)."""
        self._methods[method.lower()] = handler

    # ------------------------------------------------------------------ recorded calls

    def calls_of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]

    def clear_calls(self) -> None:
        self.calls.clear()

    async def wait_until(self, predicate: Callable[[], bool], timeout: float = 5.0, *, what: str = "") -> None:
        """Wait until ``predicate()`` holds; it is re-checked whenever a call arrives or is answered."""
        deadline = time.monotonic() + timeout
        while not predicate():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(
                    f"timed out after {timeout} s waiting for {what or 'condition'}; {self.describe_calls()}"
                )
            await self._call_signal.wait(remaining)

    async def wait_for_call(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until at least ``count`` calls of ``method`` arrived since the last clear_calls()."""
        await self.wait_until(lambda: len(self.calls_of(method)) >= count, timeout, what=f"{count} x {method}")
        return self.calls_of(method)

    def describe_calls(self) -> str:
        polls = len(self.calls_of("getUpdates"))
        lines = [
            f"  {call.method}({_short(call.params)}) -> {call.status}"
            for call in self.calls
            if call.method != "getUpdates"
        ]
        return f"calls seen: {len(self.calls)} ({polls} getUpdates)" + "".join(f"\n{line}" for line in lines)

    # ------------------------------------------------------------------ chat state

    def sent_to(self, chat_id: int) -> list[JSON]:
        """Copies of the messages the bot sent to a chat, oldest first, as they are now
        (edits applied, deleted ones left out)."""
        return [
            copy.deepcopy(self._messages[(chat_id, message_id)])
            for message_id in self._bot_sent[chat_id]
            if (chat_id, message_id) in self._messages
        ]

    def last_message_to(self, chat_id: int) -> JSON:
        messages = self.sent_to(chat_id)
        if not messages:
            raise AssertionError(f"the bot sent no (undeleted) message to chat {chat_id}")
        return messages[-1]

    @staticmethod
    def buttons(message: Mapping[str, Any]) -> list[JSON]:
        markup = message.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]

    def button(self, message: Mapping[str, Any], label_or_data: str) -> JSON:
        """The inline button whose text or callback_data equals ``label_or_data``; failing that,
        the only button whose text contains it (labels often carry emoji)."""
        buttons = self.buttons(message)
        for button in buttons:
            if label_or_data in (button.get("text"), button.get("callback_data")):
                return button
        partial = [button for button in buttons if label_or_data in button.get("text", "")]
        if len(partial) == 1:
            return partial[0]
        raise AssertionError(
            f"no unique button {label_or_data!r} in message {message.get('message_id')}; "
            f"buttons: {[(b.get('text'), b.get('callback_data')) for b in buttons]}"
        )

    def user_blocks_bot(self, user_id: int) -> None:
        """From now on every send to this chat answers 403 "Forbidden: bot was blocked by the user"."""
        self.blocked_users.add(user_id)

    # ------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        method: str,
        *,
        status: int | None = None,
        retry_after: float = 1,
        description: str | None = None,
        delay: float = 0.0,
        count: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` (to ``chat_id`` only, if given) fail.

        ``status`` defaults to 429 — unless only ``delay`` is given: then the call is answered
        normally after ``delay`` seconds, which lets a client time out on a request that
        Telegram nevertheless carries out (aiohttp keeps handling after the client hangs up).
        With both, the error comes after the delay. Default descriptions are Telegram's
        (403 = "Forbidden: bot was blocked by the user").
        """
        if status is None and not delay:
            status = 429
        self._faults.append(_Fault(method, status, description, retry_after, delay, count, chat_id))

    def _take_fault(self, method: str, params: JSON) -> _Fault | None:
        for fault in self._faults:
            if fault.method == method and (fault.chat_id is None or self._chat_of(params) == fault.chat_id):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    @staticmethod
    def _fault_error(fault: _Fault) -> ApiError:
        assert fault.status is not None
        if fault.status == 429:
            description = fault.description or f"Too Many Requests: retry after {fault.retry_after}"
            return ApiError(429, description, retry_after=fault.retry_after)
        default = DEFAULT_DESCRIPTIONS.get(fault.status, f"Error {fault.status}")
        return ApiError(fault.status, fault.description or default)

    def _enforce_rate(self, chat_id: int) -> None:
        now = time.monotonic()
        window = 1.0 / self.time_scale
        windows = [(self.rate_limit_per_s, self._global_window), (self.per_chat_per_s, self._chat_windows[chat_id])]
        waits = []
        for limit, stamps in windows:
            if limit is None:
                continue
            while stamps and stamps[0] <= now - window:
                stamps.popleft()
            if len(stamps) >= max(1, int(limit)):
                waits.append(stamps[0] + window - now)
        if waits:
            simulated = max(1, math.ceil(max(waits) * self.time_scale))
            retry_after: float = simulated / self.time_scale
            if retry_after == int(retry_after):
                retry_after = int(retry_after)
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)
        for limit, stamps in windows:
            if limit is not None:
                stamps.append(now)

    # ------------------------------------------------------------------ simulated user side

    def user_sends(self, user_id: int, fields: JSON, *, first_name: str = "Test", language_code: str = "nl") -> JSON:
        """Queue a private message update with arbitrary message fields (text, contact, …)."""
        sender = self._user(user_id, first_name, language_code)
        message = self._new_message(user_id, sender, fields)
        return self._push_update("message", copy.deepcopy(message))

    def user_sends_text(self, user_id: int, text: str, *, first_name: str = "Test", language_code: str = "nl") -> JSON:
        fields: JSON = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            fields["entities"] = [{"type": "bot_command", "offset": 0, "length": _utf16_len(command)}]
        return self.user_sends(user_id, fields, first_name=first_name, language_code=language_code)

    def user_presses(
        self,
        user_id: int,
        message_id: int,
        data: str,
        *,
        first_name: str = "Test",
        language_code: str = "nl",
        check: bool = True,
    ) -> JSON:
        """Queue a callback_query for a button on message ``message_id`` in the user's chat.

        With ``check`` (default) the message must exist and carry a button with this
        callback_data — a real client cannot press anything else.
        """
        message = self._messages.get((user_id, message_id))
        if check:
            if message is None:
                raise AssertionError(f"no message {message_id} in chat {user_id}")
            datas = [button.get("callback_data") for button in self.buttons(message)]
            if data not in datas:
                raise AssertionError(f"message {message_id} has no button with callback_data {data!r}: {datas}")
        if message is None:
            message = {"message_id": message_id, "date": int(time.time()), "chat": self._chat(user_id)}
        self._callback_counter += 1
        query_id = f"cbq-{self._callback_counter}"
        self._open_callbacks.add(query_id)
        query = {
            "id": query_id,
            "from": self._user(user_id, first_name, language_code),
            "message": copy.deepcopy(message),
            "chat_instance": f"ci-{user_id}",
            "data": data,
        }
        return self._push_update("callback_query", query)

    def user_sends_sticker(self, user_id: int, *, emoji: str = "👍", **user: str) -> JSON:
        sticker = self._register_file(b"RIFF-fake-webp", "sticker.webp", "image/webp")
        sticker |= {"type": "regular", "width": 512, "height": 512, "is_animated": False,
                    "is_video": False, "emoji": emoji}  # fmt: skip
        return self.user_sends(user_id, {"sticker": sticker}, **user)

    def user_sends_photo(
        self, user_id: int, *, content: bytes = b"\x89PNG fake", caption: str | None = None, **user: str
    ) -> JSON:
        photo = self._register_file(content, None, None) | {"width": 800, "height": 600}
        fields: JSON = {"photo": [photo]}
        if caption is not None:
            fields["caption"] = caption
        return self.user_sends(user_id, fields, **user)

    def user_sends_voice(self, user_id: int, *, content: bytes = b"OggS fake", duration: int = 3, **user: str) -> JSON:
        voice = self._register_file(content, None, "audio/ogg") | {"duration": duration}
        return self.user_sends(user_id, {"voice": voice}, **user)

    def user_sends_location(
        self, user_id: int, latitude: float = 52.3702, longitude: float = 4.8952, **user: str
    ) -> JSON:
        return self.user_sends(user_id, {"location": {"latitude": latitude, "longitude": longitude}}, **user)

    def user_sends_document(
        self,
        user_id: int,
        *,
        content: bytes = b"hallo",
        filename: str = "test.txt",
        mime_type: str = "text/plain",
        caption: str | None = None,
        **user: str,
    ) -> JSON:
        fields: JSON = {"document": self._register_file(content, filename, mime_type)}
        if caption is not None:
            fields["caption"] = caption
        return self.user_sends(user_id, fields, **user)

    def redeliver(self, update: JSON) -> JSON:
        """Queue an update again with the same update_id, as Telegram does when the bot did not confirm it
        (it restarted before its next poll, or its webhook answered too late)."""
        again = copy.deepcopy(update)
        self._updates.append(again)
        self._update_signal.notify()
        return again

    # ------------------------------------------------------------------ internals

    def _push_update(self, kind: str, payload: JSON) -> JSON:
        self._last_update_id += 1
        update = {"update_id": self._last_update_id, kind: payload}
        self._updates.append(update)
        self._update_signal.notify()
        return update

    def _user(self, user_id: int, first_name: str = "Test", language_code: str = "nl") -> JSON:
        user = {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": language_code}
        self._users[user_id] = user
        return user

    def _chat(self, chat_id: int) -> JSON:
        if chat_id < 0:
            return {"id": chat_id, "type": "supergroup" if chat_id < -(10**12) else "group", "title": "Test group"}
        first_name = self._users.get(chat_id, {}).get("first_name", "Test")
        return {"id": chat_id, "type": "private", "first_name": first_name}

    def _new_message(self, chat_id: int, sender: JSON, fields: JSON) -> JSON:
        self._last_message_id[chat_id] += 1
        message_id = self._last_message_id[chat_id]
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat(chat_id),
            "from": sender,
            **fields,
        }
        self._messages[(chat_id, message_id)] = message
        if sender is self.bot_user:
            self._bot_sent[chat_id].append(message_id)
        return message

    def _register_file(self, content: bytes, filename: str | None, mime_type: str | None) -> JSON:
        file_id = f"F{len(self._files) + 1:06d}x"
        self._files[file_id] = (content, filename, mime_type)
        info: JSON = {"file_id": file_id, "file_unique_id": f"U{file_id}", "file_size": len(content)}
        if filename is not None:
            info["file_name"] = filename
        if mime_type is not None:
            info["mime_type"] = mime_type
        return info

    @staticmethod
    def _chat_of(params: JSON) -> int | None:
        value = params.get("chat_id")
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lstrip("-").isdigit():
            return int(value)
        return None

    def _target_chat(self, params: JSON) -> int:
        """The chat a sending method addresses; 400 for usernames/garbage, 403 when blocked."""
        chat_id = self._chat_of(params)
        if chat_id is None:
            raise ApiError(400, "Bad Request: chat not found")
        if chat_id in self.blocked_users:
            raise ApiError(403, DEFAULT_DESCRIPTIONS[403])
        return chat_id

    def _message_key(self, params: JSON, verb: str) -> tuple[int, int]:
        chat_id = self._chat_of(params)
        message_id = params.get("message_id")
        key = (chat_id, message_id)
        if chat_id is None or not isinstance(message_id, int) or key not in self._messages:
            raise ApiError(400, f"Bad Request: message to {verb} not found")
        return chat_id, message_id

    @staticmethod
    def _render(raw: Any, parse_mode: Any) -> str:
        """Plain text as Telegram stores it; validates HTML like Telegram does."""
        text = "" if raw is None else str(raw)
        if not (isinstance(parse_mode, str) and parse_mode.upper() == "HTML"):
            return text
        parser = _TelegramHtml()
        parser.feed(text)
        parser.close()
        if parser.error is None and parser.open_tags:
            parser.error = f'Can\'t find end tag corresponding to start tag "{parser.open_tags[-1]}"'
        if parser.error:
            raise ApiError(400, f"Bad Request: can't parse entities: {parser.error}")
        return "".join(parser.parts)

    def _message_text(self, params: JSON) -> str:
        text = self._render(params.get("text"), params.get("parse_mode"))
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if _utf16_len(text) > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return text

    @staticmethod
    def _inline_markup(markup: Any) -> JSON | None:
        """The markup a Message carries: only inline keyboards are echoed back by Telegram."""
        if not isinstance(markup, dict) or "inline_keyboard" not in markup:
            return None
        for row in markup["inline_keyboard"]:
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(str(data).encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
        return markup

    @staticmethod
    def _source(params: JSON) -> tuple[str, str | None]:
        parse_mode = params.get("parse_mode")
        return str(params.get("text", "")), parse_mode if isinstance(parse_mode, str) else None

    # ------------------------------------------------------------------ HTTP

    async def _parse_params(self, request: web.Request) -> JSON:
        def decode(key: str, value: str) -> Any:
            if key in STRING_PARAMS:
                return value
            try:
                return json.loads(value)
            except ValueError:
                return value

        params: JSON = {key: decode(key, value) for key, value in request.query.items()}
        if request.content_type == "application/json":
            body = await request.json() if request.can_read_body else {}
            if isinstance(body, dict):
                params.update(body)
        elif request.can_read_body:
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    params[key] = {
                        "filename": value.filename,
                        "content": value.file.read(),
                        "content_type": value.content_type,
                    }
                else:
                    params[key] = decode(key, value if isinstance(value, str) else bytes(value).decode())
        return params

    async def _handle_api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(ApiError(401, "Unauthorized").body(), status=401)
        call = Call(request.match_info["method"], await self._parse_params(request), time.monotonic())
        self.calls.append(call)
        self._call_signal.notify()
        try:
            body: JSON = {"ok": True, "result": await self._dispatch(call.method, call.params)}
            status = 200
        except ApiError as error:
            body, status = error.body(), error.status
        if status == 429:
            self.http_429 += 1
        call.status, call.response = status, body
        self._call_signal.notify()
        return web.json_response(body, status=status)

    async def _dispatch(self, method: str, params: JSON) -> Any:
        fault = self._take_fault(method, params)
        if fault is not None:
            if fault.delay:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), fault.delay)
                if self._closing.is_set():
                    raise ApiError(502, DEFAULT_DESCRIPTIONS[502])
            if fault.status is not None:
                raise self._fault_error(fault)
        handler = self._methods.get(method.lower())
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        result = handler(params)
        if inspect.isawaitable(result):
            result = await result
        return result

    async def _handle_file(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if request.match_info["token"] != self.token or file_id not in self._files:
            return web.Response(status=404, text="Not Found")
        content, _, mime_type = self._files[file_id]
        return web.Response(body=content, content_type=mime_type or "application/octet-stream")

    # ------------------------------------------------------------------ Bot API methods

    def _builtin_methods(self) -> dict[str, MethodHandler]:
        def true(params: JSON) -> bool:
            return True

        return {
            "getMe": lambda params: dict(self.bot_user),
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": lambda params: self.commands.get(self._commands_key(params), []),
            "deleteMyCommands": self._delete_my_commands,
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": lambda params: self.menu_buttons.get(self._chat_of(params), {"type": "commands"}),
            "sendDocument": lambda params: self._send_file(params, "document"),
            "sendPhoto": lambda params: self._send_file(params, "photo"),
            "sendChatAction": self._send_chat_action,
            "getFile": self._get_file,
            "close": true,
            "logOut": true,
        }  # fmt: skip

    async def _get_updates(self, params: JSON) -> list[JSON]:
        """Long poll: confirm (drop) updates below ``offset``, then wait up to ``timeout`` seconds.

        A newer getUpdates ends an older pending one with 409, like Telegram does when two
        bot instances poll; stop() ends pending polls with [] so shutdown is quick.
        """
        if self.webhook_url:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")  # fmt: skip
        if "allowed_updates" in params:
            self.allowed_updates = list(params["allowed_updates"] or []) or None
        self._poll_generation += 1
        generation = self._poll_generation
        self._update_signal.notify()  # ends older polls
        offset = int(params.get("offset") or 0)
        if offset < 0:
            del self._updates[: max(0, len(self._updates) + offset)]
        elif offset:
            self._updates = [update for update in self._updates if update["update_id"] >= offset]
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + float(params.get("timeout") or 0)
        while True:
            wanted = [update for update in self._updates if self._update_allowed(update)][:limit]
            remaining = deadline - time.monotonic()
            if wanted or remaining <= 0 or self._closing.is_set():
                return copy.deepcopy(wanted)
            await self._update_signal.wait(remaining)
            if generation != self._poll_generation:
                raise ApiError(409, DEFAULT_DESCRIPTIONS[409])

    def _update_allowed(self, update: JSON) -> bool:
        kind = next(key for key in update if key != "update_id")
        if self.allowed_updates is None:
            return kind not in OPT_IN_UPDATES
        return kind in self.allowed_updates

    def _set_webhook(self, params: JSON) -> bool:
        self.webhook_url = str(params.get("url") or "")
        if "allowed_updates" in params:
            self.allowed_updates = list(params["allowed_updates"] or []) or None
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _delete_webhook(self, params: JSON) -> bool:
        self.webhook_url = ""
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: JSON) -> JSON:
        info: JSON = {"url": self.webhook_url, "has_custom_certificate": False,
                      "pending_update_count": len(self._updates)}  # fmt: skip
        if self.allowed_updates is not None:
            info["allowed_updates"] = self.allowed_updates
        return info

    def _send_message(self, params: JSON) -> JSON:
        chat_id = self._target_chat(params)
        fields: JSON = {"text": self._message_text(params)}
        markup = self._inline_markup(params.get("reply_markup"))
        if markup is not None:
            fields["reply_markup"] = markup
        self._enforce_rate(chat_id)
        message = self._new_message(chat_id, self.bot_user, fields)
        self._sources[(chat_id, message["message_id"])] = self._source(params)
        self.delivered += 1
        return copy.deepcopy(message)

    def _editable(self, params: JSON) -> tuple[tuple[int, int], JSON]:
        key = self._message_key(params, "edit")
        message = self._messages[key]
        if message["from"].get("id") != self.bot_user["id"]:
            raise ApiError(400, "Bad Request: message can't be edited")
        return key, message

    @staticmethod
    def _apply_edit(message: JSON, markup: JSON | None) -> JSON:
        # Telegram removes the inline keyboard when an edit does not repeat it.
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return copy.deepcopy(message)

    def _edit_message_text(self, params: JSON) -> JSON:
        key, message = self._editable(params)
        if "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        text = self._message_text(params)
        markup = self._inline_markup(params.get("reply_markup"))
        if self._sources.get(key) == self._source(params) and markup == message.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        message["text"] = text
        self._sources[key] = self._source(params)
        return self._apply_edit(message, markup)

    def _edit_message_reply_markup(self, params: JSON) -> JSON:
        _, message = self._editable(params)
        markup = self._inline_markup(params.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise ApiError(400, NOT_MODIFIED)
        return self._apply_edit(message, markup)

    def _delete_message(self, params: JSON) -> bool:
        key = self._message_key(params, "delete")
        del self._messages[key]
        return True

    def _answer_callback_query(self, params: JSON) -> bool:
        query_id = params.get("callback_query_id")
        if query_id not in self._open_callbacks:
            raise ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
        self._open_callbacks.discard(query_id)
        return True

    @staticmethod
    def _commands_key(params: JSON) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _set_my_commands(self, params: JSON) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: commands must be an array")
        for command in commands:
            if not COMMAND_RE.match(str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[self._commands_key(params)] = commands
        return True

    def _delete_my_commands(self, params: JSON) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True

    def _send_chat_action(self, params: JSON) -> bool:
        self._target_chat(params)
        return True

    def _set_chat_menu_button(self, params: JSON) -> bool:
        self.menu_buttons[self._chat_of(params)] = params.get("menu_button") or {"type": "default"}
        return True

    def _send_file(self, params: JSON, kind: str) -> JSON:
        chat_id = self._target_chat(params)
        upload = params.get(kind)
        if isinstance(upload, dict) and isinstance(upload.get("content"), bytes):
            info = self._register_file(upload["content"], upload.get("filename"), upload.get("content_type"))
        elif isinstance(upload, str) and upload:
            info = {"file_id": upload, "file_unique_id": f"U{upload[:20]}"}
        else:
            raise ApiError(400, f"Bad Request: there is no {kind} in the request")
        fields: JSON = {kind: [info | {"width": 800, "height": 600}] if kind == "photo" else info}
        self._enforce_rate(chat_id)  # a photo or a file is a message too
        if params.get("caption"):
            fields["caption"] = self._render(params["caption"], params.get("parse_mode"))
        markup = self._inline_markup(params.get("reply_markup"))
        if markup is not None:
            fields["reply_markup"] = markup
        return copy.deepcopy(self._new_message(chat_id, self.bot_user, fields))

    def _get_file(self, params: JSON) -> JSON:
        file_id = str(params.get("file_id"))
        if file_id not in self._files:
            raise ApiError(400, "Bad Request: invalid file_id")
        content, _, _ = self._files[file_id]
        return {"file_id": file_id, "file_unique_id": f"U{file_id}", "file_size": len(content),
                "file_path": f"files/{file_id}"}  # fmt: skip
