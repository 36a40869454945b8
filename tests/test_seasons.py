"""Recurring initiatives (#14.6): after "it worked", a festival that comes back is asked about once next season;
mentor consent is renewed or withdrawn, and the author can start it again from last season's idea."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.events import Reply
from bot.core.scheduling import run_due_jobs
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.models import Idea, SeasonAsk, Story, User
from bot.services.notify import notify
from tests.conftest import make_app
from tests.support import Chat, RecordingTransport, onboard
from tests.test_activities import make_aanjager

WORDS = {
    "nl": {"idea": "ieder voorjaar een straatfeest in de Bloemenstraat", "steps": (
        "sla over", "ja", "klaar", "niemand", "zaterdag de buren vragen", "zelf", "nu niet", "sla over"),
        "done": "Gelukt", "story": "Dertig buren aten samen aan lange tafels op straat.", "yes": "ja", "no": "nee",
        "recurs": "Komt dit terug", "planned": "Volgend seizoen vraag ik", "season": "doe je het weer",
        "again": "Ja, we doen het weer", "pending": "Je verhaal wacht nog", "approved": "nog bij je terecht",
        "withdrawn": "ik stuur niemand meer", "restart": "weer op te starten", "go": "Daar gaan we",
        "later": "later", "snoozed": "over een week", "once": "al beantwoord", "forged": "niet iets wat jij",
        "one_off": "Nee, het was eenmalig", "reviewed_first": "leest het eerst"},
    "en": {"idea": "a street party in our street every spring", "steps": (
        "skip", "yes", "done", "nobody", "saturday ask the neighbours", "myself", "not now", "skip"),
        "done": "It worked", "story": "Thirty neighbours ate together at long tables in the street.", "yes": "yes",
        "no": "no", "recurs": "comes back", "planned": "Next season I'll ask", "season": "are you doing it again",
        "again": "Yes, we're doing it again", "pending": "still waiting for the aanjager",
        "approved": "still come to you", "withdrawn": "won't send anyone to you", "restart": "started again",
        "go": "Here we go", "later": "later", "snoozed": "in a week", "once": "already answered",
        "forged": "not something you can do", "one_off": "No, it was a one-off", "reviewed_first": "reads it first"},
}


def asks(app: App) -> list[SeasonAsk]:
    with Session(app.engine) as session:
        return list(session.exec(select(SeasonAsk)))


async def deliver(app: App) -> None:
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()


async def it_worked(app: App, clock: ManualClock, outbox: RecordingTransport, chat: Chat, words: dict) -> None:
    """An idea of the resident's own, the first-step check-in a week later, answered 'it worked' with a story."""
    await chat.send("/idee")
    await chat.send(words["idea"])
    for answer in words["steps"]:
        await chat.send(answer)
    clock.advance(days=7)
    await deliver(app)
    chat.replies = [outbox.to(chat.user)[-1]]
    await chat.press(words["done"])
    await chat.send(words["story"])


def season_questions(outbox: RecordingTransport, user: str, words: dict) -> list[Reply]:
    return [r for r in outbox.to(user) if words["season"] in r.text]


@pytest.mark.parametrize("locale", ["nl", "en"])
async def test_recurring_initiative_asked_once_next_season_by_button(
        sqlite_url: str, content: Content, app: App, clock: ManualClock, outbox: RecordingTransport,
        locale: str) -> None:
    words = WORDS[locale]
    reviewer = await make_aanjager(app, "aanjager", wijk="presikhaaf")
    anna = await onboard(app, "anna", locale=locale)
    await it_worked(app, clock, outbox, anna, words)
    assert words["reviewed_first"] in anna.text
    await anna.send(words["yes"])
    await anna.send(words["yes"])
    assert words["recurs"] in anna.text
    await anna.press(words["yes"].capitalize())
    assert words["planned"] in anna.text
    [ask] = asks(app)
    assert ask.status == "planned" and ask.story_id is not None
    local_due = ask.due_at.astimezone(app.settings.tz)
    assert timedelta(days=334) < ask.due_at - clock.now() < timedelta(days=336)
    assert app.settings.quiet_hours_end <= local_due.hour < app.settings.quiet_hours_start

    await DeliveryWorker(app).drain_all()
    await reviewer.press_data(next(c.data for c in outbox.to("aanjager")[-1].choices if c.data.startswith("!story:ok")))

    clock.advance(days=330)
    await deliver(app)
    assert season_questions(outbox, "anna", words) == []

    # a restart: a new process on the same database still knows what is due, and sends it once
    restarted = make_app(sqlite_url, content, clock)
    restarted_outbox = restarted.transports["console"]
    assert isinstance(restarted_outbox, RecordingTransport)
    clock.advance(days=6)
    await deliver(restarted)
    await deliver(restarted)
    clock.advance(days=1)
    await deliver(restarted)
    [question] = season_questions(restarted_outbox, "anna", words)
    assert words["idea"][:20] in question.text
    assert asks(restarted)[0].status == "sent"

    intruder = await onboard(restarted, "intruder", locale=locale)
    intruder.replies = [question]
    await intruder.press(words["again"])
    assert words["forged"] in intruder.text
    assert asks(restarted)[0].status == "sent"

    anna = Chat(restarted, "anna")
    anna.replies = [question]
    await anna.press(words["again"])
    assert words["approved"] in anna.text and words["pending"] not in anna.text
    await anna.send(words["yes"])
    assert words["restart"] in anna.text
    await anna.send(words["yes"])
    assert words["go"] in anna.text
    with Session(restarted.engine) as session:
        story = session.exec(select(Story)).one()
        assert story.mentor
        ideas = session.exec(select(Idea).order_by(Idea.id)).all()  # type: ignore[arg-type]
        assert len(ideas) == 2 and ideas[1].text == ideas[0].text
    [ask] = asks(restarted)
    assert ask.status == "answered" and ask.answer == "again"

    anna.replies = [question]
    await anna.press(words["again"])
    assert words["once"] in anna.text
    clock.advance(days=400)
    await deliver(restarted)
    assert len(season_questions(restarted_outbox, "anna", words)) == 1
    restarted.engine.dispose()


@pytest.mark.parametrize("locale", ["nl", "en"])
async def test_typed_later_then_no_withdraws_mentor_consent(app: App, clock: ManualClock,
                                                            outbox: RecordingTransport, locale: str) -> None:
    words = WORDS[locale]
    anna = await onboard(app, "anna", locale=locale)
    await it_worked(app, clock, outbox, anna, words)
    await anna.send(words["yes"])
    await anna.send(words["yes"])
    await anna.send(words["yes"])
    clock.advance(days=app.settings.season_ask_days + 1)
    await deliver(app)
    assert len(season_questions(outbox, "anna", words)) == 1
    await anna.send(words["later"])
    assert words["snoozed"] in anna.text
    clock.advance(days=3)
    await deliver(app)
    assert len(season_questions(outbox, "anna", words)) == 1
    clock.advance(days=5)
    await deliver(app)
    assert len(season_questions(outbox, "anna", words)) == 2
    await anna.send(words["no"])
    assert words["pending"] in anna.text
    await anna.send(words["no"])
    assert words["withdrawn"] in anna.text and words["restart"] not in anna.text
    with Session(app.engine) as session:
        assert not session.exec(select(Story)).one().mentor
    [ask] = asks(app)
    assert ask.answer == "not"


@pytest.mark.parametrize("locale", ["nl", "en"])
async def test_one_off_initiative_is_not_asked_again(app: App, clock: ManualClock, outbox: RecordingTransport,
                                                     locale: str) -> None:
    words = WORDS[locale]
    anna = await onboard(app, "anna", locale=locale)
    await it_worked(app, clock, outbox, anna, words)
    await anna.send(words["no"])
    assert words["recurs"] in anna.text
    await anna.send(words["no"])
    assert asks(app) == []
    clock.advance(days=400)
    await deliver(app)
    assert season_questions(outbox, "anna", words) == []


async def test_season_question_waits_when_the_resident_already_had_bot_news_that_day(
        app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    words = WORDS["nl"]
    anna = await onboard(app, "anna")
    await it_worked(app, clock, outbox, anna, words)
    await anna.send("nee")
    await anna.send("ja")
    [ask] = asks(app)
    clock.advance(seconds=(ask.due_at - clock.now()).total_seconds() + 60)
    with Session(app.engine) as session:
        user = session.exec(select(User).where(User.external_id == "anna")).one()
        notify(None, session, user, lambda: Reply("Nieuws uit de wijk"), kind="broadcast", now=clock.now())
        session.commit()
    await deliver(app)
    assert "Nieuws uit de wijk" in outbox.to("anna")[-1].text
    assert season_questions(outbox, "anna", words) == []
    clock.advance(hours=1)
    await deliver(app)
    assert season_questions(outbox, "anna", words) == []
    clock.advance(days=1)
    await deliver(app)
    await deliver(app)
    assert len(season_questions(outbox, "anna", words)) == 1
    assert asks(app)[0].status == "sent"
