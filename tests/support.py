"""Test helpers: a transport that records what it sends, and a driver that plays a user."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.app import App
from bot.core.events import Choice, Incoming, Kind, Reply
from bot.core.transport import RecipientUnreachable


@dataclass
class RecordingTransport:
    """Stands in for a platform: remembers every bot-initiated message per chat."""

    name: str = "console"
    numbered_options: bool = True
    sent: list[tuple[str, Reply]] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)

    async def send(self, chat_id: str, reply: Reply) -> None:
        if chat_id in self.blocked:
            raise RecipientUnreachable("blocked")
        self.sent.append((chat_id, reply))

    def to(self, chat_id: str) -> list[Reply]:
        return [reply for chat, reply in self.sent if chat == chat_id]


class Chat:
    """One user talking to the core through the dispatcher, as a transport would."""

    def __init__(self, app: App, user: str = "anna", *, transport: str = "console",
                 language_hint: str | None = None) -> None:
        self.app = app
        self.user = user
        self.transport = transport
        self.language_hint = language_hint
        self.replies: list[Reply] = []
        self.history: list[Reply] = []

    async def send(self, text: str) -> list[Reply]:
        incoming = Incoming.from_text(self.transport, self.user, text, language_hint=self.language_hint)
        return await self._handle(incoming)

    async def event(self, incoming: Incoming) -> list[Reply]:
        return await self._handle(incoming)

    async def unsupported(self, media: str) -> list[Reply]:
        return await self._handle(Incoming(self.transport, self.user, self.user, Kind.UNSUPPORTED, media=media,
                                           language_hint=self.language_hint))

    async def press(self, label: str) -> list[Reply]:
        """Presses the button whose label contains `label` (case-insensitive) in the last replies."""
        return await self.press_data(self.find(label).data)

    async def press_data(self, data: str) -> list[Reply]:
        return await self._handle(Incoming(self.transport, self.user, self.user, Kind.CHOICE, choice=data,
                                           language_hint=self.language_hint))

    def find(self, label: str, replies: list[Reply] | None = None) -> Choice:
        wanted = label.casefold()
        choices = [c for r in (replies if replies is not None else self.replies) for c in r.choices]
        for choice in choices:
            if wanted in choice.label.casefold():
                return choice
        raise AssertionError(f"no button {label!r} among {[c.label for c in choices]}; texts: {self.texts}")

    @property
    def texts(self) -> list[str]:
        return [r.text for r in self.replies]

    @property
    def text(self) -> str:
        return "\n".join(self.texts)

    @property
    def labels(self) -> list[str]:
        return [c.label for r in self.replies for c in r.choices]

    async def _handle(self, incoming: Incoming) -> list[Reply]:
        outcome = await self.app.dispatcher.handle(incoming)
        self.replies = outcome.replies
        self.history += outcome.replies
        return outcome.replies


async def onboard(app: App, user: str = "anna", *, locale: str = "nl", wijk: str = "presikhaaf",
                  consent: bool = True, transport: str = "console") -> Chat:
    chat = Chat(app, user, transport=transport)
    await chat.send("/start")
    await chat.press_data(f"onboarding:language:{locale}")
    await chat.press_data("onboarding:consent:yes" if consent else "onboarding:consent:no")
    await chat.press_data(f"onboarding:wijk:{wijk}")
    return chat
