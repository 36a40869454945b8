"""Conversation scripts: typed conversations in tests/scripts/*.yaml, played through the dispatcher.

The format is described in docs/architecture.md ("Conversation scripts"). A script is a list of
steps; each step types a message (``say``), moves the clock (``advance``) or lets the bot send what
it sends on its own (``deliver``), and checks the replies that step produced (``expect``/``reject``/
``options``), case-insensitively, in the texts and option labels together.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.events import Reply
from bot.core.scheduling import run_due_jobs
from bot.infra.clock import ManualClock
from bot.infra.crud import invites as invites_crud
from bot.infra.models import InviteKind
from tests.support import Chat, RecordingTransport, onboard

SCRIPTS_DIR = Path(__file__).parent / "scripts"
STEP_KEYS = frozenset({"say", "as", "advance", "deliver", "expect", "reject", "options", "no_options"})


@dataclass(frozen=True)
class Replayed:
    """What a typed message meant: the options it picked, else the text as typed."""

    text: str
    picks: tuple[str, ...] = ()


@dataclass
class Script:
    name: str
    path: Path
    users: dict[str, dict[str, Any]]
    steps: list[dict[str, Any]]
    language: str | None = None
    speaker: str = field(init=False)

    def __post_init__(self) -> None:
        self.speaker = next(iter(self.users))


class _Loader(yaml.SafeLoader):
    """YAML without its 1.1 booleans: a resident typing yes, no, on or off types words."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path: Path) -> Script:
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    users = raw.get("users") or {"anna": {}}
    for index, step in enumerate(raw["steps"]):
        unknown = set(step) - STEP_KEYS
        if unknown:
            raise ValueError(f"{path.name} step {index + 1}: unknown keys {sorted(unknown)}")
    return Script(raw.get("name", path.stem), path, users, raw["steps"], raw.get("language"))


def all_scripts() -> list[Path]:
    return sorted(SCRIPTS_DIR.glob("*.yaml"))


async def _setup_user(app: App, name: str, spec: dict[str, Any], language: str | None) -> Chat:
    locale = spec.get("locale", language or "nl")
    transport = spec.get("transport", "console")
    app.transports.setdefault(transport, RecordingTransport(transport, numbered_options=transport != "telegram"))
    if not spec.get("onboarded", bool(spec.get("contact") or spec.get("aanjager"))):
        return Chat(app, name, language_hint=locale, transport=transport)
    chat = await onboard(app, name, locale=locale, wijk=spec.get("wijk", "presikhaaf"),
                         consent=spec.get("consent", True), transport=transport)
    chat.language_hint = locale
    aanjager = spec.get("aanjager") or []
    invites = [(InviteKind.CONTACT, spec.get("contact")),
               *((InviteKind.AANJAGER, w) for w in ([aanjager] if isinstance(aanjager, str) else aanjager))]
    for kind, target in invites:
        if not target:
            continue
        if kind is InviteKind.CONTACT and target == "fallback":
            target = app.content.fallback_contact(spec.get("wijk", "presikhaaf")).id
        with Session(app.engine) as session:
            code = invites_crud.create_invite(session, kind=kind, target=target, now=app.clock.now(),
                                              valid_for=timedelta(days=7)).code
            session.commit()
        await chat.send(f"/{'koppel' if kind is InviteKind.CONTACT else 'aanjager'} {code}")
    return chat


def _seen(replies: list[Reply]) -> str:
    """What the replies show, as checked: without the invisible isolates around names in Arabic text."""
    shown = "\n".join([r.text for r in replies] + [c.label for r in replies for c in r.choices])
    return shown.replace("\u2068", "").replace("\u2069", "").casefold()


async def play(app: App, clock: ManualClock, script: Script, *, language: str | None = None,
               replay: list[Replayed] | None = None) -> None:
    """Plays a script and checks it; with ``replay`` (for another language), each ``say`` is replaced
    by what it meant the first time (the picked option data, or the text) and nothing is checked."""
    chats = {}
    for name, spec in script.users.items():
        chats[name] = await _setup_user(app, name, {**spec, "locale": language} if language else spec,
                                        language or script.language)
    for index, step in enumerate(script.steps, start=1):
        chat = chats[step.get("as", script.speaker)]
        where = f"{script.path.name} step {index} ({step.get('say', step.get('advance', 'deliver'))!r})"
        if "say" in step and replay is not None:
            meant = replay.pop(0)
            replies = []
            for data in meant.picks:
                replies = await chat.press_data(data)
            if not meant.picks:
                replies = await chat.send(meant.text)
            continue
        if "say" in step:
            replies = await chat.send(str(step["say"]))
        else:
            transport = app.transports[chat.transport]
            assert isinstance(transport, RecordingTransport)
            before = len(transport.sent)
            if "advance" in step:
                clock.advance(**{unit: float(amount) for unit, amount in step["advance"].items()})
            await run_due_jobs(app)
            await DeliveryWorker(app).drain_all()
            replies = [reply for chat_id, reply in transport.sent[before:] if chat_id == chat.user]
            if replies:
                chat.replies = replies
            if replay is not None:
                continue
        seen = _seen(replies)
        if os.environ.get("WIJKGIDS_SCRIPT_TRACE"):  # see what each step got while writing a script
            print(f"--- {where}\n{seen}")
        for wanted in _list(step.get("expect")):
            assert wanted.casefold() in seen, f"{where}: expected {wanted!r} in:\n{seen}"
        for unwanted in _list(step.get("reject")):
            assert unwanted.casefold() not in seen, f"{where}: did not expect {unwanted!r} in:\n{seen}"
        labels = [c.label.casefold() for r in replies for c in r.choices]
        for option in _list(step.get("options")):
            assert any(option.casefold() in label for label in labels), f"{where}: no option {option!r} in {labels}"
        if step.get("no_options"):
            assert not labels, f"{where}: expected no options, got {labels}"


def _list(value: object) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]
