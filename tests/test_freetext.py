"""Typed text outside a question, and at the idea question, in Dutch and English, the way phones type."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.infra.clock import ManualClock
from bot.infra.models import Activity, Idea
from tests.support import RecordingTransport, onboard
from tests.test_ideas import walk_to_summary
from tests.test_offers import offer


def ideas(app: App) -> list[Idea]:
    with Session(app.engine) as session:
        return list(session.exec(select(Idea)))


async def test_loneliness_gets_warmth_places_and_people_not_an_idea_nl(app: App) -> None:
    chat = await onboard(app, "truus", wijk="bloemenbuurt")
    await chat.send("ik voel me erg alleen sinds mijn man overleden is")
    text = chat.text
    assert "mooi idee" not in text.casefold()
    assert "Fijn dat je het me vertelt" in text
    assert "Buurthuis De Stek" in text and "Koffieochtend" in text
    assert "Malkander" in text, "the welfare contact of the wijk"
    assert "ook gewoon ontmoeten" in text and "(voorbeeld, nog niet bevestigd)" in text
    assert ideas(app) == []


async def test_loneliness_in_english(app: App) -> None:
    chat = await onboard(app, "tom", locale="en", wijk="de-nude")
    await chat.send("i feel so lonely since my wife died")
    assert "Thank you for telling me" in chat.text
    assert "Solidez" in chat.text or "Thuis Wageningen" in chat.text
    assert "lovely idea" not in chat.text
    assert ideas(app) == []


async def test_personal_need_at_the_idea_question_is_not_praised(app: App) -> None:
    chat = await onboard(app, "els")
    await chat.send("/idee")
    await chat.send("ik voel me erg alleen")
    assert "mooi idee" not in chat.text.casefold()
    assert "Fijn dat je het me vertelt" in chat.text
    assert ideas(app) == []
    await chat.send("hoi")
    assert "Hoi, leuk dat je er bent" in chat.text, "the idea conversation ended"


async def test_newcomer_gets_a_welcome_with_places_connector_and_this_week_nl(app: App) -> None:
    chat = await onboard(app, "noor", wijk="de-nude")
    await chat.send("ik ben net verhuisd en ken niemand")
    text = chat.text
    assert "Welkom in de wijk" in text
    assert "Verbinder Nuderijk" in text and "buurtinloop" in text
    assert "Ontmoetingsplek De Nude" in text
    assert ideas(app) == []


async def test_newcomer_in_english(app: App) -> None:
    chat = await onboard(app, "sam", locale="en", wijk="presikhaaf")
    await chat.send("just moved here, dont know anyone")
    assert "Welcome to the neighbourhood" in chat.text
    assert "Sleutelfiguur Presikhaaf" in chat.text
    assert any("Places to meet" in label for label in chat.labels)


async def test_free_text_idea_starts_the_idea_with_that_text_nl(app: App) -> None:
    chat = await onboard(app, "piet")
    await chat.send("ik wil met de kinderen uit de straat zwerfafval prikken")
    assert "mooi idee" in chat.text.casefold()
    assert "Vertel me in je eigen woorden" not in chat.text, "the idea is not asked again"
    [idea] = ideas(app)
    assert idea.text == "met de kinderen uit de straat zwerfafval prikken"  # without "ik wil": the idea itself


async def test_free_text_idea_in_english(app: App) -> None:
    chat = await onboard(app, "kim", locale="en")
    await chat.send("i want to organise a graffiti workshop for the youth club")
    assert "lovely idea" in chat.text
    assert [i.text for i in ideas(app)] == ["a graffiti workshop for the youth club"]


async def test_free_text_report_gets_the_report_channel_nl(app: App) -> None:
    chat = await onboard(app, "joop")
    await chat.send("de lantaarnpaal bij nr 12 doet het niet")
    report = app.content.report_channel("presikhaaf")
    assert report is not None
    assert report.name in chat.text and "melden" in chat.text
    assert ideas(app) == []


async def test_free_text_report_in_english(app: App) -> None:
    chat = await onboard(app, "ann", locale="en")
    await chat.send("the streetlight on my street is broken")
    assert "report it" in chat.text
    assert ideas(app) == []


async def test_greeting_and_thanks_get_a_short_answer_with_what_the_bot_does(app: App) -> None:
    chat = await onboard(app, "mo")
    await chat.send("hoi")
    assert "Hoi, leuk dat je er bent" in chat.text and "idee" in chat.text
    assert ideas(app) == []
    await chat.send("bedankt!")
    assert "Graag gedaan" in chat.text
    en = await onboard(app, "jo", locale="en")
    await en.send("hello")
    assert "nice to hear from you" in en.text
    await en.send("thanks")
    assert "You're welcome" in en.text


async def test_geen_idee_is_help_not_an_idea(app: App) -> None:
    chat = await onboard(app, "bep")
    await chat.send("geen idee wat ik hier moet doen")
    assert "mooi idee" not in chat.text.casefold()
    assert "Zo werkt het" in chat.text and "Zullen we beginnen" in chat.text
    assert ideas(app) == []
    en = await onboard(app, "al", locale="en")
    await en.send("no idea what to do here")
    assert "This is how it works" in en.text


async def test_idea_question_hoi_geen_idee_and_one_word(app: App) -> None:
    chat = await onboard(app, "ria")
    await chat.send("/idee")
    await chat.send("hoi")
    assert "een idee mag heel klein beginnen" in chat.text
    await chat.send("geen idee")
    assert "een idee mag heel klein beginnen" in chat.text
    await chat.send("moestuin")
    assert "Kun je er iets meer over vertellen" in chat.text
    await chat.send("een moestuin met de buren op het verwaarloosde veldje")
    assert "mooi idee" in chat.text.casefold()
    assert [i.text for i in ideas(app)] == ["een moestuin met de buren op het verwaarloosde veldje"]


async def test_initiative_about_danger_at_the_idea_question_stays_an_idea_en(app: App) -> None:
    chat = await onboard(app, "lee", locale="en")
    await chat.send("/idea")
    await chat.send("a play street because the traffic here is dangerous")
    assert "lovely idea" in chat.text and "report it" not in chat.text


async def test_places_and_activities_typed(app: App) -> None:
    chat = await onboard(app, "ed")
    await chat.send("waar kan ik mensen ontmoeten")
    assert "Plekken om elkaar te ontmoeten" in chat.text
    assert "Winkelcentrum Presikhaaf" in chat.text
    assert "(voorbeeld, nog niet bevestigd)" in chat.text, "invented times are shown as examples"
    assert "Je kunt Sleutelfiguur Presikhaaf ook gewoon ontmoeten: donderdagmiddag bij de buurtinloop" in chat.text
    await chat.send("wat is er te doen deze week")
    assert "activiteiten" in chat.text.casefold()


async def test_a_neighbour_who_offered_company_is_asked_double_opt_in(app: App, outbox: RecordingTransport) -> None:
    neighbour = await onboard(app, "buurvrouw-ans", locale="en")
    await offer(neighbour, hands="a chat or a walk", english=True)
    resident = await onboard(app, "weduwe-riet")
    await resident.send("ik voel me erg alleen sinds mijn man overleden is")
    assert "Een praatje of een wandeling" in resident.text and "buurvrouw-ans" not in resident.text
    await resident.press("Ja, vraag het een buur")
    assert "Ik heb het een buur gevraagd" in resident.text
    await DeliveryWorker(app).drain_all()
    [question] = outbox.to("buurvrouw-ans")
    assert "A chat or a walk" in question.text
    assert not any(word in question.text.lower() for word in ("riet", "weduwe", "overleden", "alleen", "man"))
    neighbour.replies = [question]
    await neighbour.press("Yes, I'd like to help")
    await DeliveryWorker(app).drain_all()
    assert "Goed nieuws" in outbox.to("weduwe-riet")[-1].text
    assert "ans" not in outbox.to("weduwe-riet")[-1].text.lower()


async def test_shopping_need_in_english_and_forged_need_buttons(app: App, outbox: RecordingTransport) -> None:
    neighbour = await onboard(app, "buurman-kees")
    await offer(neighbour, hands="boodschappen doen")
    resident = await onboard(app, "mr-jones", locale="en")
    await resident.send("can someone help me with my groceries, i cant walk far")
    assert "Good that you ask" in resident.text and "Shopping for a neighbour" in resident.text
    await resident.press_data("!need:ask:ladder")
    assert "not something you can do" in resident.text
    await resident.press_data("!need:ask:boodschappen")
    assert "I asked a neighbour" in resident.text
    await DeliveryWorker(app).drain_all()
    assert "Boodschappen voor een buur" in outbox.to("buurman-kees")[-1].text


async def test_newcomer_hears_what_is_on_this_week_only(app: App, clock: ManualClock) -> None:
    now = clock.now()
    with Session(app.engine) as session:
        session.add(Activity(wijk_id="de-nude", title="Lichtjesfeest", starts_at=now + timedelta(days=3),
                             created_at=now))
        session.add(Activity(wijk_id="de-nude", title="Zomerfestival", starts_at=now + timedelta(days=20),
                             created_at=now))
        session.commit()
    chat = await onboard(app, "nieuw", locale="en", wijk="de-nude")
    await chat.send("we just moved here")
    assert "On this week:" in chat.text and "Lichtjesfeest" in chat.text
    assert "Zomerfestival" not in chat.text


async def test_the_contact_details_after_a_handover_offer_a_face(app: App) -> None:
    chat = await onboard(app, "vera")
    await walk_to_summary(chat)
    await chat.press("Iets van een organisatie")
    await chat.send("weet ik nog niet")
    await chat.press_data(chat.find("Sleutelfiguur").data)
    await chat.press("Klaar")  # an unlinked contact without e-mail: no "may I send it?", their details at once
    assert "Je kunt Sleutelfiguur Presikhaaf ook gewoon ontmoeten: donderdagmiddag bij de buurtinloop" in chat.text
