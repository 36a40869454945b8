"""The privacy defect of neighbour matching: a neighbour asked for help reads only what the initiator saw
and approved (themes, needs, a neutral or own line), never the raw idea, and nothing identifying."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.infra.models import HelpRequest, User
from tests.support import Chat, RecordingTransport, onboard
from tests.test_ideas import tick
from tests.test_offers import offer

IDEA = ("Ik ben Fatima El Amrani van de Kerkstraat 12 (06-12345678, fatima.elamrani@gmail.com, 6825 AB 12) "
        "en ik wil een moestuin beginnen met de buren")
SECRETS = ("fatima", "amrani", "kerkstraat", "12345678", "1234 5678", "6825", "@", "gmail", "els", "vries",
           "87654321", "+31")


async def hand_over(chat: Chat, text: str, knows: str) -> None:
    await chat.send("/idee")
    await chat.send(text)
    await chat.send("sla over")
    await chat.send("nee")
    await tick(chat, "Groen", on=True)
    await tick(chat, "Ontmoeten", on=False)
    await chat.press("Klaar")
    await tick(chat, "Helpende handen", on=True)
    await chat.press("Klaar")
    await chat.send(knows)
    await chat.send("weet ik nog niet")
    await chat.press("Iets van een organisatie")
    await chat.press_data(chat.find("Sleutelfiguur").data)
    await chat.press("Klaar")  # an unlinked contact without e-mail: no "may I send it?", their details at once


async def setup(app: App) -> tuple[Chat, Chat]:
    neighbour = await onboard(app, "buurman-sam", locale="en")
    await offer(neighbour, hands="I love gardening", english=True)
    initiator = await onboard(app, "fatima-chat")
    with Session(app.engine) as session:
        user = session.exec(select(User).where(User.external_id == "fatima-chat")).one()
        user.display_name = "Fatima El Amrani"
        session.commit()
    await hand_over(initiator, IDEA, "mijn buurvrouw Els de Vries (06 87654321)")
    return neighbour, initiator


def assert_clean(texts: list[str]) -> None:
    for text in texts:
        lowered = text.lower()
        leaked = [s for s in SECRETS if s in lowered]
        assert not leaked, f"{leaked} leaked in {text!r}"


async def test_default_description_is_shown_first_and_is_all_the_neighbour_sees(
        app: App, outbox: RecordingTransport) -> None:
    _neighbour, initiator = await setup(app)
    assert "Tuinieren" in initiator.text
    await initiator.press("Ja, vraag het ze")
    preview = initiator.text
    assert "lezen alleen dit" in preview and "Een idee voor de buurt, over groen & natuur." in preview
    assert "Hulp is welkom bij: helpende handen." in preview
    assert_clean([preview])
    assert not outbox.sent, "nobody is asked before the initiator approved"
    await initiator.press("hiermee")
    assert "1 buur" in initiator.text
    await DeliveryWorker(app).drain_all()
    [question] = outbox.to("buurman-sam")
    assert "An idea for the neighbourhood, about green & nature." in question.text
    assert "Help is welcome with: helping hands." in question.text
    assert "you're good at gardening" in question.text, "asked about the gift that fits, in their language"
    assert "moestuin" not in question.text
    assert_clean([reply.text for _chat, reply in outbox.sent])


async def test_own_line_is_redacted_shown_again_and_only_then_sent(app: App, outbox: RecordingTransport) -> None:
    neighbour, initiator = await setup(app)
    await initiator.press("Ja, vraag het ze")
    await initiator.press("zelf een zin")
    await initiator.send("Moestuin achter Kerkstraat 12! Bel Fatima: +31 6 1234 5678 of 06.12.34.56.78, "
                         "mail fatima.elamrani@gmail.com, postcode 6825ab 12. Els de Vries doet ook mee.")
    assert "namen en contactgegevens weggelaten" in initiator.text
    assert "Moestuin achter" in initiator.text and "doet ook mee" in initiator.text
    assert_clean([t for t in initiator.texts if "Moestuin achter" in t])
    await initiator.press("hiermee")
    await DeliveryWorker(app).drain_all()
    to_neighbour = [r.text for r in outbox.to("buurman-sam")]
    assert len(to_neighbour) == 1 and "Moestuin achter" in to_neighbour[0]
    assert_clean(to_neighbour)
    with Session(app.engine) as session:
        request = session.exec(select(HelpRequest)).one()
        assert "Moestuin achter" in request.share_line
        assert_clean([request.share_line])
    neighbour.replies = outbox.to("buurman-sam")
    await neighbour.press("Yes, I'd like to help")
    await DeliveryWorker(app).drain_all()
    assert_clean([r.text for r in outbox.to("buurman-sam")])
    assert not any("sam" in r.text.lower() for r in outbox.to("fatima-chat"))


async def test_typed_answers_in_the_approval_step(app: App, outbox: RecordingTransport) -> None:
    _neighbour, initiator = await setup(app)
    await initiator.press("Ja, vraag het ze")
    await initiator.send("hmm")
    assert "typ zelf een zin" in initiator.text.lower()
    await initiator.send("Een moestuin voor de hele straat, bel 0612345678")
    assert "Een moestuin voor de hele straat" in initiator.text and "0612345678" not in initiator.text
    await initiator.send("ja")
    assert "1 buur" in initiator.text
    await DeliveryWorker(app).drain_all()
    assert_clean([r.text for r in outbox.to("buurman-sam")])


async def test_saying_no_asks_nobody(app: App, outbox: RecordingTransport) -> None:
    _neighbour, initiator = await setup(app)
    await initiator.press("Ja, vraag het ze")
    await initiator.press("Vraag niemand")
    await DeliveryWorker(app).drain_all()
    assert outbox.to("buurman-sam") == []
    with Session(app.engine) as session:
        assert session.exec(select(HelpRequest)).all() == []
