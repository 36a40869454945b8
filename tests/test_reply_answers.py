"""Answers by reply: a typed reply to one of the bot's messages (Element's Reply on Matrix) means that
message's options, also when newer messages with other options came after it."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from sqlmodel import Session, col, select

from bot.core.app import App
from bot.core.events import Incoming, Reply
from bot.infra.clock import ManualClock
from bot.infra.crud import prompts as prompts_crud
from bot.infra.models import CheckIn, Idea, SentOptions, User
from bot.transports.matrix import replied_to, without_reply_fallback
from bot.understanding.answers import Option, resolve
from tests.support import Chat, RecordingTransport, onboard
from tests.test_checkins import deliver, hand_over


@dataclass
class RefTransport(RecordingTransport):
    """A platform whose messages have ids that a reply can refer to, as Matrix's event ids."""

    refs: list[str] = field(default_factory=list)

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        await super().send(chat_id, reply)
        self.refs.append(f"$event{len(self.sent)}")
        return self.refs[-1]


@pytest.fixture
def sent(app: App) -> RefTransport:
    transport = RefTransport()
    app.transports["console"] = transport
    return transport


async def reply(chat: Chat, text: str, to: str) -> list[Reply]:
    return await chat.event(Incoming.from_text(chat.transport, chat.user, text, reply_to=to))


async def two_checkins(app: App, clock: ManualClock, sent: RefTransport) -> tuple[Chat, list[CheckIn], list[str]]:
    """Anna handed over two ideas; a week later their check-ins arrive a day apart (one message a day)."""
    chat = await onboard(app, "anna")
    await hand_over(chat, "Een koffieochtend voor de buren in ons buurthuis")
    await hand_over(chat, "Een spelletjesmiddag voor de buren in ons buurthuis")
    clock.advance(days=7)
    await deliver(app)
    clock.advance(days=1)
    await deliver(app)
    refs = [ref for ref, (_, r) in zip(sent.refs, sent.sent, strict=True) if "Hoe gaat het met je idee" in r.text]
    assert len(refs) == 2
    with Session(app.engine) as session:
        checkins = list(session.exec(select(CheckIn).where(CheckIn.sent_at != None)  # noqa: E711
                                     .order_by(col(CheckIn.sent_at))))
        ideas = [session.get(Idea, c.idea_id) for c in checkins]
    assert "koffieochtend" in (ideas[0].text if ideas[0] else "") and len(checkins) == 2
    return chat, checkins, refs


def answers_of(app: App) -> list[str | None]:
    with Session(app.engine) as session:
        return [c.answer for c in session.exec(select(CheckIn).where(CheckIn.sent_at != None)  # noqa: E711
                                              .order_by(col(CheckIn.sent_at)))]


async def test_a_word_replied_to_the_older_checkin_answers_that_checkin(app: App, clock: ManualClock,
                                                                        sent: RefTransport) -> None:
    chat, _, refs = await two_checkins(app, clock, sent)
    await reply(chat, "loopt goed", to=refs[0])
    assert "Fijn" in chat.text
    assert answers_of(app) == ["good", None], "the first check-in, not the one shown last"
    await chat.send("loopt goed")
    assert answers_of(app) == ["good", "good"], "without a reply: the newest message"


async def test_a_number_replied_means_that_messages_option(app: App, clock: ManualClock, sent: RefTransport) -> None:
    chat, _, refs = await two_checkins(app, clock, sent)
    await reply(chat, "6", to=refs[1])
    assert answers_of(app) == [None, "never"]
    await reply(chat, "1", to=refs[0])
    assert answers_of(app) == ["good", "never"]


async def test_a_reply_to_an_older_message_beats_the_question_of_the_moment(app: App, clock: ManualClock,
                                                                            sent: RefTransport) -> None:
    chat, _, refs = await two_checkins(app, clock, sent)
    await chat.send("/idee")
    await chat.send("Samen de speeltuin opknappen met de kinderen uit de straat")
    question = chat.text
    await reply(chat, "1", to=refs[0])
    assert answers_of(app) == ["good", None]
    await chat.send("Ik kan goed timmeren")
    assert chat.text != question, "the idea conversation goes on where it was"


async def test_unknown_or_unnamed_replies_fall_back_to_the_usual_answer(app: App, clock: ManualClock,
                                                                        sent: RefTransport) -> None:
    chat, _, refs = await two_checkins(app, clock, sent)
    await reply(chat, "loopt goed", to="$not-a-message-of-the-bot")
    assert answers_of(app) == [None, "good"], "an unknown message: the options shown last"
    await reply(chat, "1", to=refs[0])
    assert answers_of(app) == ["good", "good"]
    with Session(app.engine) as session:
        user = session.exec(select(User).where(User.external_id == "anna")).one()
        assert user.id is not None
        prompts_crud.remember_sent(session, user_id=user.id, message_ref="$menu", now=clock.now(),
                                   options=[["/idee", "💡 Ik heb een idee"], ["/help", "❓ Help"]])
        session.commit()
    await reply(chat, "ik heb een ideetje", to="$menu")
    assert "eigen woorden" in chat.text
    await chat.send("stop")
    await reply(chat, "hoi", to="$menu")
    assert "eigen woorden" not in chat.text, "a text naming none of its options is read as usual"


async def test_sent_options_expire_and_stay_bounded(app: App, clock: ManualClock) -> None:
    chat = await onboard(app, "anna")
    with Session(app.engine) as session:
        user = session.exec(select(User).where(User.external_id == chat.user)).one()
        assert user.id is not None
        for n in range(prompts_crud.MAX_SENT + 5):
            prompts_crud.remember_sent(session, user_id=user.id, message_ref=f"$m{n}", options=[["/help", "Help"]],
                                       now=clock.now())
        session.commit()
        refs = [s.message_ref for s in session.exec(select(SentOptions))]
        assert len(refs) == prompts_crud.MAX_SENT and "$m0" not in refs and "$m54" in refs
        assert prompts_crud.sent_options(session, user_id=user.id, message_ref="$m54", now=clock.now())
        clock.advance(days=15)
        assert prompts_crud.sent_options(session, user_id=user.id, message_ref="$m54", now=clock.now()) is None


def test_numbers_run_on_from_the_first_number_shown() -> None:
    options = [Option("a", "Koffie"), Option("b", "Thee"), Option("c", "Water")]
    assert resolve("5", options, first_number=4).picks == ("b",)
    assert resolve("1", options, first_number=4).picks == ()
    assert resolve("4, 6", options, multi=True, first_number=4).picks == ("a", "c")
    assert resolve("thee", options, first_number=4).picks == ("b",)


def test_element_reply_fallback_is_stripped() -> None:
    body = "> <@wijkgids:example.org> Hoe gaat het met je idee?\n> 1. 👍 Loopt goed\n\nloopt goed"
    assert without_reply_fallback(body) == "loopt goed"
    assert without_reply_fallback("> dit citeer ik zelf\nja") == "> dit citeer ik zelf\nja"
    assert without_reply_fallback("ja") == "ja"

    reply = SimpleNamespace(source={"content": {"body": body, "m.relates_to": {"m.in_reply_to": {"event_id": "$abc"}}}})
    plain = SimpleNamespace(source={"content": {"body": "ja"}})
    assert replied_to(reply) == "$abc" and replied_to(plain) is None
