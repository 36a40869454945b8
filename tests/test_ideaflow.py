"""The idea conversation as residents type it (#12.4, #14): a warm question that waits, themes from the
words, the known person reflected, a first step, the kind of help, the wijk's frame, do-it-yourself."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.scheduling import run_due_jobs
from bot.infra.clock import ManualClock
from bot.infra.models import CheckIn, Handover, HelpRequest, Idea, MentorIntro
from tests.support import Chat, RecordingTransport, onboard
from tests.test_activities import make_aanjager
from tests.test_ideas import link
from tests.test_offers import offer

WORDS = {
    "nl": {"language": "Nederlands", "consent": "Ja, dat is goed", "idea": "ik heb een idee",
           "text": "moestuinbakken op het pleintje in onze straat",
           "picture": "vier bakken met groente, de kinderen planten mee. ik heb zelf al zaadjes",
           "knows": "mijn buurvrouw Fatima", "reflect": "Neem je buurvrouw Fatima mee in het gesprek",
           "step": "zaterdag met Fatima de plek bekijken", "connector": "meedenken met de verbinder",
           "themes": "Ik denk dat het gaat over: 🌳 Groen & natuur", "sent": "Ik heb je idee naar Sleutelfiguur",
           "yes": "ja", "summary_knows": "Samen met: mijn buurvrouw Fatima"},
    "en": {"language": "English", "consent": "Yes, that's fine", "idea": "i have an idea",
           "text": "planters on the little square in our street",
           "picture": "four planters with vegetables, the kids plant too. i already have seeds",
           "knows": "my neighbour Fatima", "reflect": "Take your neighbour Fatima along in the conversation",
           "step": "saturday look at the spot with Fatima", "connector": "think it through with the conector",
           "themes": "I think it is about: 🌳 Green & nature", "sent": "I have sent your idea to",
           "yes": "yes", "summary_knows": "Together with: my neighbour Fatima"},
}


def rows(app: App, model: type) -> list:
    with Session(app.engine) as session:
        return list(session.exec(select(model)))


@pytest.mark.parametrize("locale", ["nl", "en"])
async def test_from_start_to_handover_in_twelve_typed_messages(app: App, outbox: RecordingTransport,
                                                               locale: str) -> None:
    words = WORDS[locale]
    aanjager = await onboard(app, "aanjager-presikhaaf")
    await link(app, aanjager, app.content.fallback_contact("presikhaaf").id)
    chat = Chat(app, "resident")
    typed = 0

    async def say(text: str) -> None:
        nonlocal typed
        typed += 1
        await chat.send(text)

    await say("/start")
    await say(words["language"])
    await say(words["consent"])
    await say("presikhaaf")
    await say(words["idea"])
    await say(words["text"])
    assert len(chat.replies) == 1 and not any(o.isdigit() for o in chat.labels), "the warm question waits"
    await say(words["picture"])
    assert words["themes"] in chat.text
    await say(words["yes"])
    if locale == "en":  # "planters" names no need, so what is needed is asked ("moestuinbakken" are things)
        await say("done")
    await say(words["knows"])
    assert words["reflect"] in chat.text
    await say(words["step"])
    assert words["summary_knows"] in chat.text and words["step"] in chat.text
    await say(words["connector"])
    await say(words["yes"])
    assert words["sent"] in chat.text
    assert typed <= (12 if locale == "nl" else 13)  # in English one more: what is needed is asked (see above)
    [handover] = rows(app, Handover)
    assert handover.contact_id == app.content.fallback_contact("presikhaaf").id
    await DeliveryWorker(app).drain_all()
    [request] = outbox.to("aanjager-presikhaaf")
    assert "Fatima" in request.text, "the person the resident knows is named in the handover summary"
    assert words["step"] in request.text


async def test_nobody_yet_names_the_connector_and_fitting_neighbours(app: App) -> None:
    neighbour = await onboard(app, "tuinier")
    await offer(neighbour, hands="tuinieren")
    chat = await onboard(app, "nina")
    await chat.send("/idee")
    await chat.send("een moestuin voor de buurt")
    await chat.send("met tuinieren op zaterdag")
    await chat.send("ja")
    await chat.send("klaar")
    await chat.send("nog niemand")
    connector = app.content.fallback_contact("presikhaaf")
    assert connector.name in chat.text and "1 buur biedt iets aan" in chat.text


async def test_organisation_path_tells_the_frame_then_asks_beheer(app: App, outbox: RecordingTransport) -> None:
    chat = await onboard(app, "olaf", wijk="de-nude")
    await chat.send("/idee")
    await chat.send("een buurtfeest in onze straat, daar is geld en een vergunning voor nodig")
    await chat.send("gewoon verder")
    assert "💶 Geld" in chat.text and "📄 Een vergunning" in chat.text
    await chat.send("ja")
    await chat.send("nog niemand")
    await chat.send("weet ik nog niet")
    await chat.send("iets van een organisatie")
    frame_text, question = chat.texts
    assert "Wijkendeal Nuderijk" in frame_text and "Leefbaarheidsalliantie" in frame_text
    assert "vergunning" in frame_text and "(voorbeeld, nog niet nagekeken)" in frame_text
    assert "wie zorgt er later voor" in question
    await chat.send("de buren samen, met de woningstichting")
    assert "Deze mensen kunnen je verder helpen" in chat.text
    await chat.send("klaar")
    assert "Kies minstens" not in chat.text and "gaat verder zonder contactpersoon" in chat.text
    [idea] = rows(app, Idea)
    assert (idea.help_kind, idea.beheer, idea.status) == ("organisation", "de buren samen, met de woningstichting",
                                                          "confirmed")
    assert rows(app, CheckIn), "the idea goes on, and the bot will ask how it is going"


async def test_organisation_path_in_english(app: App) -> None:
    chat = await onboard(app, "olivia", locale="en", wijk="presikhaaf")
    await chat.send("/idea")
    await chat.send("a street party, we need money for it")
    await chat.send("skip")
    await chat.send("yes")
    await chat.send("nobody yet")
    await chat.send("not sure")
    await chat.send("something from an organisation")
    assert "Team Leefomgeving" in chat.text and "who will look after it later" in chat.text
    await chat.send("the neighbours together")
    await chat.send("/mijnideeen")
    assert "Going" in chat.text


@pytest.mark.parametrize("locale", ["nl", "en"])
async def test_do_it_yourself_call_reaches_a_matching_neighbour(app: App, outbox: RecordingTransport,
                                                                locale: str) -> None:
    english = locale == "en"
    neighbour = await onboard(app, "tuinier", locale=locale)
    await offer(neighbour, hands="gardening" if english else "tuinieren", english=english)
    chat = await onboard(app, "maker", locale=locale)
    await chat.send("/idea" if english else "/idee")
    await chat.send("planters on our square" if english else "moestuinbakken op ons plein")
    await chat.send("skip" if english else "sla over")
    await chat.send("yes" if english else "ja")
    if english:  # "planters" names no need: what is needed is asked ("moestuinbakken" are things)
        await chat.send("done")
    await chat.send("nobody" if english else "niemand")
    await chat.send("not yet" if english else "nog niet")
    await chat.send("I'll start myself" if english else "ik ga zelf aan de slag")
    assert ("you are the maker" if english else "jij bent de maker") in chat.text
    call = ("Who joins in? Saturday we fill the planters; needed: hands and a wheelbarrow" if english
            else "Wie doet mee? Zaterdag moestuinbakken vullen; nodig: handen en een kruiwagen")
    await chat.send(call)
    ask = chat.find("Yes, ask them" if english else "Ja, vraag het ze")
    await chat.send("skip" if english else "overslaan")
    assert ("Good luck" if english else "Veel succes") in chat.text
    await chat.press_data(ask.data)
    assert ("the neighbours will only read this" if english else "de buren lezen alleen dit") in chat.text
    assert call in chat.text, "the call the resident wrote is what neighbours will read"
    await chat.send("yes" if english else "ja")
    assert rows(app, Handover) == [], "no professional is involved on the do-it-yourself path"
    await DeliveryWorker(app).drain_all()
    question = outbox.to("tuinier")[-1]
    assert "maker" not in question.text
    assert call[:20] in question.text, "the resident's own call reaches the neighbour"
    neighbour.replies = [question]
    await neighbour.press("Yes, I'd like to help" if english else "Ja, ik help graag")
    [request] = rows(app, HelpRequest)
    assert request.status == "accepted"


@pytest.mark.parametrize("locale", ["nl", "en"])
async def test_first_step_is_asked_back_and_celebrated(app: App, clock: ManualClock, outbox: RecordingTransport,
                                                       locale: str) -> None:
    english = locale == "en"
    chat = await onboard(app, "stepper", locale=locale)
    await chat.send("/idee")
    await chat.send("a coffee morning for neighbours" if english else "een koffieochtend voor de buren")
    await chat.send("skip" if english else "sla over")
    await chat.send("yes" if english else "ja")
    await chat.send("done" if english else "klaar")
    await chat.send("nobody" if english else "niemand")
    step = "saturday, flyers in the letterboxes" if english else "zaterdag flyers in de bus doen"
    await chat.send(step)
    await chat.send("myself" if english else "zelf")
    await chat.send("not now" if english else "nu niet")
    await chat.send("when we had the street party" if english else "toen we het straatfeest hadden")
    clock.advance(days=7)
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()
    checkin = outbox.to("stepper")[-1]
    assert step in checkin.text and ("How did your first step go" if english else "Hoe ging je eerste stap") \
        in checkin.text
    chat.replies = [checkin]
    await chat.press("Going well" if english else "Loopt goed")
    assert ("Your first step is taken" if english else "Je eerste stap is gezet") in chat.text
    [idea] = rows(app, Idea)
    assert idea.appreciation and idea.first_step == step


@pytest.mark.parametrize("locale", ["nl", "en"])
async def test_resident_proposes_an_activity_the_aanjager_approves_and_trusts(
        app: App, outbox: RecordingTransport, locale: str) -> None:
    english = locale == "en"
    aanjager = await make_aanjager(app, "aanjager")
    resident = await onboard(app, "organiser", locale=locale)
    neighbour = await onboard(app, "neighbour", locale=locale)
    await resident.send("/propose" if english else "/voorstel")
    await resident.send("Filling the planters together" if english else "Samen moestuinbakken vullen")
    await resident.send("za 12 dec 10:00")
    await resident.send("the little square" if english else "het pleintje")
    assert ("with one tap" if english else "met één tik") in resident.text
    await neighbour.send("/activities" if english else "/activiteiten")
    assert "planters" not in neighbour.text and "moestuinbakken" not in neighbour.text, "not before approval"

    await DeliveryWorker(app).drain_all()
    request = outbox.to("aanjager")[-1]
    assert "organiser" not in request.text, "the resident's name stays with the bot"
    neighbour.replies = [request]
    await neighbour.press_data(neighbour.find("agenda").data)
    assert ("not something you can do" if english else "niet iets wat jij kunt doen") in neighbour.text
    aanjager.replies = [request]
    await aanjager.press("vertrouw")
    await DeliveryWorker(app).drain_all()
    assert ("with you as organiser" if english else "met jou als organisator") in outbox.to("organiser")[-1].text
    await neighbour.send("/activities" if english else "/activiteiten")
    assert ("planters" if english else "moestuinbakken") in neighbour.text

    await resident.send("/propose" if english else "/voorstel")
    await resident.send("Second round" if english else "Tweede ronde")
    await resident.send("za 19 dec 10:00")
    await resident.send("the little square" if english else "het pleintje")
    assert ("It is on the agenda" if english else "Het staat op de agenda") in resident.text
    await neighbour.send("/activities" if english else "/activiteiten")
    assert ("Second round" if english else "Tweede ronde") in neighbour.text


MENTOR_WORDS = {
    "nl": {"story": "We hebben met tien buren moestuinbakken gevuld en er groeien nu tomaten",
           "idea": "moestuinbakken bij onze flat", "offer": "In De Nude deden buren iets vergelijkbaars",
           "yes": "ja", "skip": "sla over",
           "tip": "Begin klein, met twee bakken", "done": "Gelukt", "share_yes": "ja", "accept": "Ja, graag",
           "answer": "Antwoorden", "tips_head": "Tips van de buur die het deed"},
    "en": {"story": "Ten neighbours filled planters with us and now tomatoes grow",
           "idea": "planters near our block of flats", "offer": "In De Nude, neighbours did something like this",
           "yes": "yes", "skip": "skip", "tip": "Start small, with two planters", "done": "It worked",
           "share_yes": "yes", "accept": "Yes, happy to", "answer": "Answer",
           "tips_head": "Tips from the neighbour who did it"},
}


@pytest.mark.parametrize("locale", ["nl", "en"])
async def test_mentor_introduction_with_consent_on_both_sides(app: App, clock: ManualClock,
                                                              outbox: RecordingTransport, locale: str) -> None:
    words = MENTOR_WORDS[locale]
    reviewer = await make_aanjager(app, "aanjager-nude", wijk="de-nude")
    author = await onboard(app, "maaike", locale=locale, wijk="de-nude")
    await author.send("/idee")
    await author.send(words["idea"].replace("flat", "straat").replace("flats", "street"))
    for answer in (words["skip"], words["yes"], *(["done"] if locale == "en" else []),
                   "nobody" if locale == "en" else "niemand", words["skip"]):
        await author.send(answer)
    await author.send("myself" if locale == "en" else "zelf")
    await author.send(words["skip"])
    await author.send(words["skip"])
    clock.advance(days=7)
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()
    author.replies = [outbox.to("maaike")[-1]]
    await author.press(words["done"])
    await author.send(words["story"])
    await author.send(words["share_yes"])
    assert ("similar idea" if locale == "en" else "vergelijkbaar idee") in author.text
    await author.send(words["yes"])
    await DeliveryWorker(app).drain_all()
    review = outbox.to("aanjager-nude")[-1]
    await reviewer.press_data(next(c.data for c in review.choices if c.data.startswith("!story:ok")))

    newcomer = await onboard(app, "nils", locale=locale, wijk="presikhaaf")
    await newcomer.send("/idee")
    await newcomer.send(words["idea"])
    for answer in (words["skip"], words["yes"], *(["done"] if locale == "en" else []),
                   "nobody" if locale == "en" else "niemand", words["skip"]):
        await newcomer.send(answer)
    assert words["offer"] in newcomer.text and words["story"][:40] in newcomer.text
    await newcomer.send(words["yes"])
    assert ("What help would you like?" if locale == "en" else "Welke hulp wil je?") in newcomer.text
    await DeliveryWorker(app).drain_all()
    request = outbox.to("maaike")[-1]
    assert "nils" not in request.text and "Presikhaaf" in request.text

    intruder = await onboard(app, "intruder")
    intruder.replies = [request]
    await intruder.press(words["accept"])
    assert "niet iets wat jij kunt doen" in intruder.text
    [intro] = rows(app, MentorIntro)
    assert intro.status == "asked"

    author.replies = [request]
    await author.press(words["accept"])
    await author.send(words["tip"])
    await author.send(words["yes"])  # "they will read this": yes
    await DeliveryWorker(app).drain_all()
    tip = outbox.to("nils")[-1]
    assert words["tips_head"] in tip.text and words["tip"] in tip.text and "maaike" not in tip.text
    newcomer.replies = [tip]
    await newcomer.press(words["answer"])
    await newcomer.send("Thanks!" if locale == "en" else "Dank je!")
    await newcomer.send(words["yes"])
    await DeliveryWorker(app).drain_all()
    assert ("Thanks!" if locale == "en" else "Dank je!") in outbox.to("maaike")[-1].text


async def test_no_mentor_offer_without_the_authors_consent(app: App, clock: ManualClock,
                                                           outbox: RecordingTransport) -> None:
    author = await onboard(app, "maaike", wijk="de-nude")
    await author.send("/idee")
    await author.send("moestuinbakken in onze straat")
    for answer in ("sla over", "ja", "niemand", "sla over", "zelf", "sla over", "sla over"):
        await author.send(answer)
    clock.advance(days=7)
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()
    author.replies = [outbox.to("maaike")[-1]]
    await author.press("Gelukt")
    await author.send("We hebben met tien buren moestuinbakken gevuld")
    await author.send("ja")
    await author.send("nee")
    newcomer = await onboard(app, "nils")
    await newcomer.send("/idee")
    await newcomer.send("moestuinbakken bij onze flat")
    for answer in ("sla over", "ja", "niemand", "sla over"):
        await newcomer.send(answer)
    assert "Welke hulp wil je?" in newcomer.text and "De Nude" not in newcomer.text


async def test_typed_theme_and_need_words_when_nothing_was_guessed(app: App) -> None:
    chat = await onboard(app, "ruth")
    await chat.send("/idee")
    await chat.send("een vogelhuisje bij de vijver")
    await chat.send("gewoon verder")
    assert "Waar gaat het vooral over?" in chat.text
    await chat.send("klaar")
    assert "Kies minstens één thema" in chat.text
    await chat.send("groen")
    assert "✅ 🌳 Groen & natuur" in chat.labels
    await chat.send("klaar")
    assert "Wat heb je nodig" in chat.text
    await chat.send("geld en een vergunning")
    assert {"✅ 💶 Geld", "✅ 📄 Een vergunning"} <= set(chat.labels)
    await chat.send("klaar")
    await chat.send("terug")
    assert "Wat heb je nodig" in chat.text
    await chat.send("klaar")
    assert "Wie ken je" in chat.text
    await chat.send("weet ik niet")
    assert "Dan zoeken we samen mensen" in chat.text
    [idea] = rows(app, Idea)
    assert (idea.themes, idea.needs, idea.knows) == (["groen"], ["geld", "vergunning"], "")
