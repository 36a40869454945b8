"""The ABCD idea conversation, handover and feedback loop, through the core."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.scheduling import run_due_jobs
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.crud import invites as invites_crud
from bot.infra.models import Handover, Idea, InviteKind, User
from tests.conftest import make_app
from tests.support import Chat, RecordingTransport, onboard


def ideas(app: App) -> list[Idea]:
    with Session(app.engine) as session:
        return list(session.exec(select(Idea)))


def handovers(app: App) -> list[Handover]:
    with Session(app.engine) as session:
        return list(session.exec(select(Handover).order_by(Handover.id)))  # type: ignore[arg-type]


async def link(app: App, chat: Chat, contact_id: str) -> None:
    with Session(app.engine) as session:
        code = invites_crud.create_invite(session, kind=InviteKind.CONTACT, target=contact_id,
                                          now=app.clock.now(), valid_for=timedelta(days=7)).code
        session.commit()
    await chat.send(f"/koppel {code}")
    assert "Gekoppeld" in chat.text or "Linked" in chat.text


async def hand_over_to_linked(app: App, resident: Chat, contact: Chat, contact_id: str,
                              text: str = "Een koffieochtend voor de buren in ons buurthuis") -> None:
    """The resident's idea goes, with consent, to a contact person who uses the bot."""
    await link(app, contact, contact_id)
    await walk_to_summary(resident, text)
    await resident.press("Iets van een organisatie")
    await resident.send("weet ik nog niet")
    await resident.press(app.content.contacts[contact_id].name)
    await resident.press("Klaar")
    await resident.press("Ja, stuur")


async def walk_to_summary(chat: Chat, text: str = "Een koffieochtend voor de buren in ons buurthuis") -> None:
    await chat.send("/idee")
    await chat.send(text)
    await chat.send("Ik kan goed bakken")
    if "Klopt dat?" in chat.text:
        await chat.send("nee")
    await tick(chat, "Ontmoeten", on=True)
    await chat.send("klaar")
    await tick(chat, "ruimte", on=True)
    await tick(chat, "handen", on=True)
    await chat.send("klaar")
    await chat.press("Nog niemand")
    await chat.send("weet ik nog niet")
    assert "Welke hulp wil je?" in chat.text


async def tick(chat: Chat, label: str, *, on: bool) -> None:
    """Sets a multi-select option to on or off, whatever the bot pre-selected."""
    if chat.find(label).label.startswith("✅") != on:
        await chat.press(label)


async def test_idea_conversation_in_dutch_reaches_summary(any_db_app: App) -> None:
    chat = await onboard(any_db_app, "anna")
    await chat.send("/idee")
    assert "eigen woorden" in chat.text
    await chat.send("Een koffieochtend voor de buren")
    assert chat.texts == ["Wat een mooi idee! Hoe zie je dat voor je? Vertel gerust wat meer: hoe ziet het eruit, "
                          "en wat heb je al of kun je zelf?"], "the warm question waits for its answer"
    assert "kan dat wel" not in chat.text.lower()
    await chat.send("In ons buurthuis, ik kan goed bakken")
    assert "Ik denk dat het gaat over: 🤝 Ontmoeten" in chat.text and "🏠 Een ruimte" in chat.text
    await chat.send("nee")
    assert "Waar gaat het vooral over?" in chat.text and "✅ 🤝 Ontmoeten" in chat.labels
    await chat.press("Ontmoeten")
    assert chat.replies[0].replaces_prompt and "🤝 Ontmoeten" in chat.labels
    await chat.press("Ontmoeten")
    await chat.send("klaar")
    assert "Wat heb je nodig om dit verder te brengen?" in chat.text
    await chat.send("klaar")
    assert "Wie ken je die mee kan doen?" in chat.text
    await chat.press("Nog niemand")
    assert "Wat is een eerste kleine stap" in chat.text
    await chat.send("weet ik nog niet")
    assert "Welke hulp wil je?" in chat.text
    assert "In ons buurthuis, ik kan goed bakken" in chat.text and "Een ruimte" in chat.text
    [idea] = ideas(any_db_app)
    assert (idea.themes, idea.needs, idea.picture, idea.knows, idea.first_step, idea.status) == (
        ["ontmoeten"], ["ruimte"], "In ons buurthuis, ik kan goed bakken", "", "", "draft")


async def test_idea_in_english(app: App) -> None:
    chat = await onboard(app, "bob", locale="en")
    await chat.send("I have an idea")
    assert "in your own words" in chat.text
    await chat.send("A street party with music for the whole street")
    assert "How do you picture it?" in chat.text
    await chat.send("skip")
    assert "I think it is about: 🎉 Parties & culture. Is that right?" in chat.text
    await chat.send("yes")
    assert "What do you need" in chat.text
    await chat.send("done")
    await chat.send("My neighbour Sam")
    assert "Take your neighbour Sam along in the conversation" in chat.text
    await chat.send("not sure")
    assert "What help would you like?" in chat.text and "My neighbour Sam" in chat.text


async def test_edit_back_and_cancel(app: App) -> None:
    chat = await onboard(app, "carla")
    await walk_to_summary(chat)
    await chat.send("aanpassen")
    await chat.press("Wie je kent")
    await chat.send("Mijn buurman Ahmed")
    assert "Welke hulp wil je?" in chat.text and "Mijn buurman Ahmed" in chat.text
    await chat.press("Aanpassen")
    await chat.send("terug")
    assert "Welke hulp wil je?" in chat.text
    await chat.send("weggooien")
    assert ideas(app) == []


async def test_back_word_during_questions(app: App) -> None:
    chat = await onboard(app, "dirk")
    await chat.send("/idee")
    await chat.send("Een moestuin op het plein")
    await chat.send("Met bakken vol kruiden")
    await chat.send("ja")
    assert "Wat heb je nodig" in chat.text
    await chat.send("klaar")
    assert "Wie ken je" in chat.text
    await chat.send("terug")
    assert "Wat heb je nodig" in chat.text
    await chat.send("terug")
    assert "Ik denk dat het gaat over: 🌳 Groen" in chat.text
    await chat.send("nee")
    assert "Waar gaat het vooral over?" in chat.text


async def test_restart_in_the_middle_and_draft_via_mijn_ideeen(sqlite_url: str, content: Content,
                                                               clock: ManualClock) -> None:
    first = make_app(sqlite_url, content, clock)
    chat = await onboard(first, "eva")
    await chat.send("/idee")
    await chat.send("Samen de speeltuin opknappen")
    first.engine.dispose()

    second = make_app(sqlite_url, content, clock)
    chat = Chat(second, "eva")
    await chat.send("Met nieuwe schommels")
    assert "Spelen & kinderen" in chat.text
    await chat.send("stop")
    assert "/mijnideeen" in chat.text
    await chat.send("/mijnideeen")
    assert "Samen de speeltuin opknappen" in chat.text and "Concept" in chat.text
    await chat.press("Verder met idee 1")
    assert "Ik denk dat het gaat over: 🛝 Spelen" in chat.text
    await chat.send("ja")
    assert "Wat heb je nodig" in chat.text


async def test_report_detour_gives_melding_channel(app: App) -> None:
    chat = await onboard(app, "fleur")
    await chat.send("/idee")
    await chat.send("Er ligt overal zwerfafval en de lantaarnpaal is kapot")
    assert "melden" in chat.text.lower()
    melding = app.content.report_channel("presikhaaf")
    assert melding is not None and melding.name in chat.text
    await chat.press("Ja, ik heb ook een idee")
    await chat.send("Een opruimdag met de buren organiseren")
    assert "Wat een mooi idee" in chat.text


async def test_handover_to_linked_contact_accept(app: App, outbox: RecordingTransport) -> None:
    resident = await onboard(app, "gijs")
    contact_chat = await onboard(app, "aanjager-presikhaaf")
    fallback = app.content.fallback_contact("presikhaaf")
    await link(app, contact_chat, fallback.id)

    await walk_to_summary(resident)
    await resident.press("Iets van een organisatie")
    await resident.send("de buren samen")
    assert fallback.name in resident.text, "the wijk's aanjager is suggested for a koffieochtend"
    await resident.press(fallback.name)
    await resident.press("Klaar")
    assert "Mag ik het zo versturen" in resident.text
    await resident.press("Ja, stuur")
    assert "Binnen 5 dagen" in resident.text

    await DeliveryWorker(app).drain_all()
    [request] = outbox.to("aanjager-presikhaaf")
    assert "koffieochtend" in request.text and "gijs" not in request.text
    assert "Zorgt er later voor: de buren samen" in request.text, "the beheer answer is in the handover summary"
    contact_chat.replies = [request]
    await contact_chat.press("help verder")
    assert "Fijn dat je verder helpt" in contact_chat.text
    await DeliveryWorker(app).drain_all()
    assert "Goed nieuws" in outbox.to("gijs")[-1].text
    assert [h.status for h in handovers(app)] == ["accepted"]

    await resident.send("/mijnideeen")
    assert "Loopt, met hulp" in resident.text and "helpt verder, sinds" in resident.text


async def test_forged_handover_button_is_refused(app: App, outbox: RecordingTransport) -> None:
    resident = await onboard(app, "hanna")
    contact_chat = await onboard(app, "contact")
    await hand_over_to_linked(app, resident, contact_chat, app.content.fallback_contact("presikhaaf").id)
    [record] = handovers(app)
    intruder = await onboard(app, "intruder")
    await intruder.press_data(f"!ho:accept:{record.id}")
    assert "niet iets wat jij kunt doen" in intruder.text
    assert handovers(app)[0].status == "waiting"


async def test_pass_on_and_question(app: App, outbox: RecordingTransport) -> None:
    resident = await onboard(app, "ivo")
    contact_chat = await onboard(app, "contact")
    fallback = app.content.fallback_contact("presikhaaf")
    await hand_over_to_linked(app, resident, contact_chat, fallback.id)
    await DeliveryWorker(app).drain_all()
    contact_chat.replies = [outbox.to("contact")[-1]]

    await contact_chat.press("Vraag stellen")
    await contact_chat.send("Welke dag past jou het best?")
    await DeliveryWorker(app).drain_all()
    question = outbox.to("ivo")[-1]
    assert "Welke dag past jou het best?" in question.text and fallback.name in question.text
    resident.replies = [question]
    await resident.press("Antwoorden")
    await resident.send("Zaterdagochtend")
    await resident.press("Ja, stuur")
    await DeliveryWorker(app).drain_all()
    assert "Zaterdagochtend" in outbox.to("contact")[-1].text

    contact_chat.replies = [outbox.to("contact")[0]]
    await contact_chat.press("Geef door")
    welzijn = next(c for c in app.content.contacts_for_wijk("presikhaaf") if c.role == "welzijn")
    await contact_chat.press(welzijn.name)
    await DeliveryWorker(app).drain_all()
    told = outbox.to("ivo")[-1].text
    assert welzijn.name in told and "doorgegeven" in told
    assert [h.status for h in handovers(app)] == ["passed_on", "shared"]


async def test_escalation_after_deadline_is_honest(app: App, outbox: RecordingTransport, clock: ManualClock) -> None:
    resident = await onboard(app, "jan")
    contact_chat = await onboard(app, "welzijnswerker")
    welzijn = next(c for c in app.content.contacts_for_wijk("presikhaaf") if c.role == "welzijn")
    await hand_over_to_linked(app, resident, contact_chat, welzijn.id,
                              "Iets doen tegen eenzaamheid bij ouderen in mijn flat")

    clock.advance(days=4, hours=23)
    await run_due_jobs(app)
    assert [h.status for h in handovers(app)] == ["waiting"]
    clock.advance(hours=2)
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()
    assert "herinnering" in outbox.to("welzijnswerker")[-1].text
    update = outbox.to("jan")[-1].text
    assert "Eerlijk" in update and welzijn.name in update and "herinnering" in update
    clock.advance(days=3, hours=1)
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()
    # nobody else can be reached in this deployment (no linked fallback, no e-mail, no admin):
    # the bot keeps asking the same person and gives the resident the way in themselves
    fallback = app.content.fallback_contact("presikhaaf")
    assert [(h.contact_id, h.status) for h in handovers(app)] == [(welzijn.id, "waiting")]
    update = outbox.to("jan")[-1].text
    assert "niemand anders" in update and welzijn.name in update and "•" in update
    assert fallback.id != welzijn.id
    before = len(outbox.to("jan"))
    clock.advance(hours=20)
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()
    assert len(outbox.to("jan")) == before, "at most one message a day about the idea"


async def test_idea_needs_consent(app: App) -> None:
    chat = await onboard(app, "kees", consent=False)
    await chat.send("/idee")
    assert "Is dat goed?" in chat.text
    await chat.press("Ja")
    assert "eigen woorden" in chat.text
    with Session(app.engine) as session:
        assert session.exec(select(User).where(User.external_id == "kees")).one().onboarded
