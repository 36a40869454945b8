"""Story review: a shared story waits for an aanjager of its wijk; the author never gets her own story."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.infra.clock import ManualClock
from bot.infra.models import Story
from tests.support import Chat, RecordingTransport, onboard
from tests.test_activities import make_aanjager
from tests.test_checkins import first_checkin


async def share_story(app: App, clock: ManualClock, outbox: RecordingTransport, name: str,
                      text: str = "Met Piet en Klaas hebben we de speeltuin opgeknapt.") -> Chat:
    chat = await first_checkin(app, clock, outbox, name)
    await chat.press("Gelukt")
    await chat.send(text)
    await chat.press("Ja, deel het")
    await DeliveryWorker(app).drain_all()
    return chat


def review(app: App) -> str | None:
    with Session(app.engine) as session:
        return session.exec(select(Story)).one().review


async def test_a_shared_story_waits_until_the_aanjager_approves(app: App, clock: ManualClock,
                                                               outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aanjager")
    other_wijk = await make_aanjager(app, "elders", wijk="de-nude")
    await share_story(app, clock, outbox, "fleur")
    neighbour = await onboard(app, "gijs")
    await neighbour.send("/verhalen")
    assert "speeltuin" not in neighbour.text, "not public before the review"
    assert not [r for r in outbox.to("elders") if "speeltuin" in r.text], "only the aanjagers of that wijk hear"
    [request] = [r for r in outbox.to("aanjager") if "speeltuin" in r.text]
    assert "Lees je het even" in request.text

    # button data can be forged: an aanjager of another wijk and a resident are refused
    data = next(c.data for c in request.choices if "Publiceren" in c.label)
    await other_wijk.press_data(data)
    assert "niet iets wat jij kunt doen" in other_wijk.text
    await neighbour.press_data(data)
    assert "niet iets wat jij kunt doen" in neighbour.text
    assert review(app) == "pending"

    aanjager.replies = [request]
    await aanjager.press("✅ Publiceren")
    assert review(app) == "approved"
    await DeliveryWorker(app).drain_all()
    assert "staat nu in /verhalen" in outbox.to("fleur")[-1].text
    await neighbour.send("/verhalen")
    assert "speeltuin" in neighbour.text
    await aanjager.press_data(data)
    assert "staat al in /verhalen" in aanjager.text and review(app) == "approved"
    # changing one's mind: "no" after "yes" takes the story back out, and says so
    await aanjager.press_data(data.replace(":ok:", ":no:"))
    assert "niet meer openbaar" in aanjager.text and review(app) == "rejected"
    await neighbour.send("/verhalen")
    assert "speeltuin" not in neighbour.text
    await aanjager.press_data(data)
    assert "niet gepubliceerd" in aanjager.text and review(app) == "rejected", "a no is not overruled"


async def test_typed_review_and_rejection(app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aanjager")
    await share_story(app, clock, outbox, "fleur")
    await aanjager.send("verhalen beoordelen")
    assert "speeltuin" in aanjager.text and "Typ ja of nee" in aanjager.text
    await aanjager.send("misschien")
    assert "begreep ik niet" in aanjager.text and review(app) == "pending"
    await aanjager.send("nee hoor")
    assert "blijft privé" in aanjager.text and "Dat was alles" in aanjager.text
    assert review(app) == "rejected"
    await DeliveryWorker(app).drain_all()
    assert "niet gedeeld" in outbox.to("fleur")[-1].text
    neighbour = await onboard(app, "gijs")
    await neighbour.send("/verhalen")
    assert "speeltuin" not in neighbour.text
    await aanjager.send("/beoordelen")
    assert "Er wachten geen verhalen" in aanjager.text


async def test_english_aanjager_types_approve(app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aanjager")
    await aanjager.send("/taal")
    await aanjager.press("English")
    await share_story(app, clock, outbox, "fleur")
    await aanjager.send("/review")
    await aanjager.send("later")
    assert "That was all" in aanjager.text and review(app) == "pending"
    await aanjager.send("/review")
    await aanjager.send("publish")
    assert "Published" in aanjager.text and review(app) == "approved"


async def test_resident_cannot_review(app: App) -> None:
    resident = await onboard(app, "gijs")
    await resident.send("/beoordelen")
    assert "aanjagers" in resident.text


async def test_the_author_is_not_sent_her_own_story(app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aanjager")
    await share_story(app, clock, outbox, "fleur")
    neighbour = await onboard(app, "gijs")
    await aanjager.send("/beoordelen")
    await aanjager.send("ja")
    await aanjager.send("/omroep")
    assert "Met Piet en Klaas" in " ".join(aanjager.labels)
    await aanjager.press("Met Piet en Klaas")
    await aanjager.press("Versturen")
    await DeliveryWorker(app).drain_all()
    assert any("speeltuin" in r.text for r in outbox.to(neighbour.user))
    assert not [r for r in outbox.to("fleur") if "Een mooi verhaal uit" in r.text]


async def test_typed_answer_to_the_review_request(app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aanjager")
    await share_story(app, clock, outbox, "fleur")
    await aanjager.send("publiceren")
    assert "Geplaatst" in aanjager.text and review(app) == "approved"


async def test_a_story_taken_back_is_not_broadcast_afterwards(app: App, clock: ManualClock,
                                                              outbox: RecordingTransport) -> None:
    """Approve, broadcast it with /omroep, then "no": what has not gone out yet is not sent."""
    aanjager = await make_aanjager(app, "aanjager")
    await share_story(app, clock, outbox, "fleur")
    neighbour = await onboard(app, "gijs")
    [request] = [r for r in outbox.to("aanjager") if "speeltuin" in r.text]
    data = next(c.data for c in request.choices if "Publiceren" in c.label)
    await aanjager.press_data(data)
    assert review(app) == "approved"
    await aanjager.send("/omroep")
    await aanjager.press("Piet en Klaas")
    await aanjager.press("Versturen")
    assert "Onderweg naar" in aanjager.text or "Gepland" in aanjager.text or "verstuur" in aanjager.text.lower()
    await aanjager.press_data(data.replace(":ok:", ":no:"))
    assert "niet meer openbaar" in aanjager.text and review(app) == "rejected"
    clock.advance(hours=24)
    await DeliveryWorker(app).drain_all()
    assert not [r for r in outbox.to("gijs") if "speeltuin" in r.text], "the taken-back story still went out"
    await neighbour.send("/verhalen")
    assert "speeltuin" not in neighbour.text
