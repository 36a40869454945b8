"""Abuse and faults: flooding, a database that drops, random input from random users."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from bot.core.app import App
from bot.core.dispatcher import FloodGate
from bot.core.events import Incoming, Kind
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.crud import users as users_crud
from bot.infra.models import Conversation
from tests.conftest import make_app
from tests.support import Chat, onboard


@pytest.fixture
def flood_app(sqlite_url: str, content: Content, clock: ManualClock) -> Iterator[App]:
    application = make_app(sqlite_url, content, clock, flood_max_messages=3, flood_window_s=0.3)
    yield application
    application.engine.dispose()


async def test_flooding_user_is_slowed_with_one_notice_others_unaffected(flood_app: App) -> None:
    flooder = await onboard(flood_app, "flooder", transport="telegram")
    others = [await onboard(flood_app, f"buur{n}", transport="telegram") for n in range(3)]
    flood_app.dispatcher.flood = FloodGate(3, 0.3)  # forget the quick onboarding clicks
    finished: list[str] = []
    latencies: list[float] = []

    async def flood() -> None:
        for n in range(12):
            await flooder.send(f"bericht {n}")
            if "snel" in flooder.text:
                finished.append("notice")
        finished.append("flooder")

    async def neighbour(chat: Chat) -> None:
        for _ in range(2):
            started = time.perf_counter()
            await chat.send("/menu")
            latencies.append(time.perf_counter() - started)
            assert "Wat wil je doen?" in chat.text
            await asyncio.sleep(0.01)
        finished.append(chat.user)

    await asyncio.gather(flood(), *(neighbour(c) for c in others))
    assert finished.count("notice") == 1
    assert finished.index("flooder") == len(finished) - 1, f"neighbours waited for the flooder: {finished}"
    assert sum(1 for r in flooder.history if "weet niet zeker" in r.text) == 12, "no message was dropped"
    print(f"neighbour latency median {statistics.median(latencies) * 1000:.1f} ms during the flood")


async def test_database_drop_mid_update_is_retried(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    chat = await onboard(app, "anna")
    real = users_crud.get_or_create_user
    failures = iter([True])

    def flaky(*args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if next(failures, False):
            raise OperationalError("SELECT", {}, Exception("server closed the connection unexpectedly"))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(users_crud, "get_or_create_user", flaky)
    await chat.send("/idee")
    assert "eigen woorden" in chat.text


TEXTS = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x1F), max_size=20),
    st.sampled_from(["1", "2", "3", "10", "terug", "stop", "ja", "nee", "6825", "ik heb een idee", "Klaar"]),
    st.builds(lambda n: "x" * n, st.integers(3990, 4100)),
)
COMMANDS = st.sampled_from(["/start", "/idee", "/menu", "/help", "/taal", "/wijk", "/stop", "/mijnideeen",
                            "/mijngegevens", "/vergeetmij", "/toestemming", "/onzin", "/koppel XYZ", "/start wijk-x"])
CHOICES = st.one_of(
    st.sampled_from(["onboarding:language:nl", "onboarding:consent:yes", "onboarding:wijk:presikhaaf",
                     "idea:themes:groen", "idea:themes:done", "idea:needs:geld", "idea:summary:confirm",
                     "handover:pick:done", "!ho:accept:1", "!ho:ask:999", "!idea:resume:1", "!unmute", "/idee",
                     "!ho:accept:x", "idea:text:__back__", "::", "!", "/"]),
    st.text(max_size=64),
)
EVENTS = st.tuples(
    st.sampled_from(["u1", "u2", "u3"]),
    st.one_of(
        TEXTS.map(lambda t: ("text", t)),
        COMMANDS.map(lambda t: ("text", t)),
        CHOICES.map(lambda c: ("choice", c)),
        st.sampled_from(["sticker", "photo", "voice", "location", "weird"]).map(lambda m: ("media", m)),
        TEXTS.map(lambda caption: ("photo", caption)),
    ),
)


@pytest.fixture
def fuzz_app(sqlite_url: str, content: Content, clock: ManualClock) -> Iterator[App]:
    application = make_app(sqlite_url, content, clock, flood_max_messages=100_000)
    yield application
    application.engine.dispose()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(EVENTS, min_size=5, max_size=40))
def test_random_events_never_break_the_bot(fuzz_app: App, events: list[tuple[str, tuple[str, str]]]) -> None:
    async def play() -> None:
        for user, (kind, value) in events:
            if kind == "text":
                incoming = Incoming.from_text("console", user, value)
            elif kind == "choice":
                incoming = Incoming("console", user, user, Kind.CHOICE, choice=value)
            elif kind == "photo":
                incoming = Incoming("console", user, user, Kind.PHOTO, photo="AgAD-fuzz", text=value)
            else:
                incoming = Incoming("console", user, user, Kind.UNSUPPORTED, media=value)
            outcome = await fuzz_app.dispatcher.handle(incoming)
            assert 1 <= len(outcome.replies) <= 12, (incoming, outcome.replies)
            assert all("wrong on my side" not in r.text and "iets mis" not in r.text for r in outcome.replies), \
                incoming
        with Session(fuzz_app.engine) as session:
            for conversation in session.exec(select(Conversation)):
                if conversation.flow is not None:
                    flow = fuzz_app.registry.flows[conversation.flow]
                    assert conversation.step in flow.steps

    asyncio.run(play())


@pytest.mark.parametrize("ident", ["²", "٣", "99999999999999999999", "-1", "0", "1e3", ""])
async def test_forged_ids_in_every_action_get_a_polite_answer(any_db_app: App, ident: str) -> None:
    """Every button action receives ids it cannot use (non-ASCII digits, too large for the database)."""
    chat = await onboard(any_db_app, "mallory")
    for name in sorted(any_db_app.registry.actions):
        for data in (f"!{name}:{ident}", f"!{name}:x:{ident}", f"!{name}:{ident}:come", f"!{name}:cancel:{ident}"):
            replies = await chat.press_data(data)
            assert replies, data
            assert all("iets mis" not in r.text for r in replies), (data, [r.text for r in replies])
    await chat.press_data("broadcast:text:story-²")
    await chat.send("/menu")
    assert "Wat wil je doen?" in chat.text, "the conversation goes on"


async def test_digits_that_are_not_ascii_are_text_not_option_numbers(app: App) -> None:
    chat = Chat(app, "nora")
    await chat.send("/start")
    for typed in ("²", "٣", "１"):
        await chat.send(typed)
        assert "begreep ik niet" in chat.text and "iets mis" not in chat.text, typed
        assert chat.labels == ["Nederlands", "English", "Türkçe", "العربية", "Polski", "Українська"], typed
