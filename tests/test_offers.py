"""Asset inventory (/aanbod) and needs↔offers matching with double opt-in; nothing personal crosses
without consent (every message to each party is checked)."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.scheduling import run_due_jobs
from bot.infra.clock import ManualClock
from bot.infra.config import PROJECT_ROOT
from bot.infra.models import Consent, HelpRequest, Offer
from bot.understanding.gifts import load_gifts
from tests.support import Chat, RecordingTransport, onboard
from tests.test_activities import make_aanjager
from tests.test_ideas import tick


def offers(app: App) -> list[tuple[str, str | None, str]]:
    with Session(app.engine) as session:
        return sorted((o.kind, o.category, o.text) for o in session.exec(select(Offer)))


async def offer(chat: Chat, *, hands: str, english: bool = False) -> None:
    done, yes = ("Done", "Yes, you may") if english else ("Klaar", "Ja, je mag")
    await chat.send("/aanbod")
    await chat.press("Skip" if english else "Overslaan")
    await chat.press("Skip" if english else "Overslaan")
    await chat.send(hands)
    await chat.press(done)
    await chat.press("Skip" if english else "Overslaan")
    await chat.press("Skip" if english else "Overslaan")
    await chat.press("Now and then" if english else "Af en toe")
    await chat.press(yes)


async def idea_handed_over(chat: Chat, text: str, needs: list[str]) -> None:
    await chat.send("/idee")
    await chat.send(text)
    await chat.send("gewoon verder")
    if "Klopt dat?" in chat.text:
        await chat.send("nee")
    await tick(chat, "Ontmoeten", on=True)
    await chat.send("klaar")
    for need in needs:
        await tick(chat, need, on=True)
    await chat.send("klaar")
    await chat.press("Nog niemand")
    await chat.send("weet ik nog niet")
    await chat.press("Iets van een organisatie")
    if "wie zorgt er later voor" in chat.text:
        await chat.send("weet ik nog niet")
    await chat.press_data(chat.find("Sleutelfiguur").data)
    await chat.press("Klaar")  # an unlinked contact without e-mail: no "may I send it?", their details at once


async def ask_neighbours(chat: Chat) -> None:
    """'Yes, ask them', then approve the description the neighbours will see."""
    await chat.press("Ja, vraag het ze")
    assert "lezen alleen dit" in chat.text
    await chat.press("hiermee")


async def test_inventory_in_dutch(app: App) -> None:
    chat = await onboard(app, "anna")
    await chat.send("/aanbod")
    assert "Iedere buur heeft iets te geven" in chat.text
    await chat.press("Kinderen")
    assert "✅ Kinderen" in chat.labels
    await chat.press("Groen")
    await chat.press("Klaar")
    await chat.send("Ik weet veel van fietsen repareren")
    await chat.press("Bakken")
    await chat.send("ik kan ook goed koken")
    assert "Genoteerd" in chat.text
    await chat.press("Klaar")
    await chat.press("Ladder")
    await chat.press("Klaar")
    await chat.send("Nederlands leren")
    await chat.press("Af en toe")
    await chat.press("Ja, je mag")
    assert "Dit bied je aan" in chat.text and "Bakken" in chat.text and "Koken" in chat.text
    assert offers(app) == sorted([
        ("heart", "kinderen", ""), ("heart", "groen", ""), ("head", None, "Ik weet veel van fietsen repareren"),
        ("hands", "bakken", ""), ("hands", "koken", ""), ("lend", "ladder", ""), ("learn", None, "Nederlands leren")])
    with Session(app.engine) as session:
        assert [c.purpose for c in session.exec(select(Consent))] == ["store", "ask_for_help"]


async def test_inventory_in_english_all_skipped(app: App) -> None:
    chat = await onboard(app, "bob", locale="en")
    await chat.send("/aanbod")
    for _ in range(5):
        await chat.press("Skip")
    await chat.press("Once")
    await chat.press("No, rather not")
    assert "(nothing yet)" in chat.text
    assert offers(app) == []


async def test_see_change_and_delete_offers(app: App) -> None:
    chat = await onboard(app, "carla")
    await offer(chat, hands="bakken en koken")
    await chat.send("/mijnaanbod")
    assert "1. Koken" in chat.text or "1. Bakken" in chat.text
    await chat.press("Verwijder 1")
    assert len(offers(app)) == 1
    await offer(chat, hands="muziek")
    assert [category for _kind, category, _text in offers(app)] == ["muziek"], "starting again replaces"
    await chat.send("/mijnaanbod")
    await chat.press("Alles verwijderen")
    assert offers(app) == []


def test_matching_vocabulary_crosses_languages() -> None:
    gifts = load_gifts(PROJECT_ROOT / "content")
    assert gifts.in_text("I love baking") == ["bakken"]
    assert gifts.in_text("Taarten bakken voor de buurt") == ["bakken"]
    assert "ladder" in gifts.for_needs(["spullen"]) and "koken" not in gifts.for_needs(["spullen"])


async def test_double_opt_in_yes_and_nothing_personal_crosses(app: App, outbox: RecordingTransport) -> None:
    neighbour = await onboard(app, "buurman-sam", locale="en")
    await offer(neighbour, hands="I love baking", english=True)
    initiator = await onboard(app, "initiatiefneemster-fatima")
    await idea_handed_over(initiator, "Taarten bakken voor de eenzame ouderen in de flat", ["Helpende handen"])
    assert "Bakken" in initiator.text and "buurman-sam" not in initiator.text
    await ask_neighbours(initiator)
    assert "1 buur" in initiator.text
    await DeliveryWorker(app).drain_all()
    [question] = outbox.to("buurman-sam")
    assert "Taarten bakken" not in question.text, "the raw idea text never crosses"
    assert "you're good at baking" in question.text and "Help is welcome with: helping hands" in question.text
    neighbour.replies = [question]
    await neighbour.press("Yes, I'd like to help")
    await DeliveryWorker(app).drain_all()
    assert "Goed nieuws" in outbox.to("initiatiefneemster-fatima")[-1].text
    assert "Baking" not in outbox.to("initiatiefneemster-fatima")[-1].text, "labels in the reader's language"
    initiator.replies = [outbox.to("initiatiefneemster-fatima")[-1]]
    await initiator.press("Stuur een bericht")
    await initiator.send("Heel fijn! Zaterdag om 14:00 bij mij in de keuken?")
    assert "Dit gaan ze lezen" in initiator.text and not outbox.to("buurman-sam")[1:], "nothing goes before a yes"
    await initiator.press("Ja, stuur")
    await DeliveryWorker(app).drain_all()
    assert "Zaterdag om 14:00" in outbox.to("buurman-sam")[-1].text
    to_neighbour = [r.text.lower() for r in outbox.to("buurman-sam")]
    to_initiator = [r.text.lower() for r in outbox.to("initiatiefneemster-fatima")]
    assert len(to_neighbour) == 2 and len(to_initiator) == 1
    assert not any("fatima" in text or "initiatiefneemster" in text for text in to_neighbour)
    assert not any("sam" in text for text in to_initiator)


async def test_decline_and_no_answer_are_told_honestly(app: App, clock: ManualClock,
                                                       outbox: RecordingTransport) -> None:
    first = await onboard(app, "buur1")
    await offer(first, hands="ik heb een ladder en gereedschap")
    initiator = await onboard(app, "init")
    await idea_handed_over(initiator, "De gevel van het buurthuis verven", ["Spullen"])
    await ask_neighbours(initiator)
    await DeliveryWorker(app).drain_all()
    first.replies = [outbox.to("buur1")[-1]]
    await first.press("Deze keer niet")
    await DeliveryWorker(app).drain_all()
    assert "kan nu niet helpen" in outbox.to("init")[-1].text

    second = await onboard(app, "buur2")
    await offer(second, hands="ik heb een aanhanger")
    await idea_handed_over(initiator, "Grofvuil ophalen met een aanhanger", ["Spullen"])
    await ask_neighbours(initiator)
    clock.advance(days=5)
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()
    assert "niet gereageerd" in outbox.to("init")[-1].text
    with Session(app.engine) as session:
        assert {r.status for r in session.exec(select(HelpRequest))} >= {"declined", "expired"}


async def test_a_neighbour_is_asked_at_most_once_a_week_and_can_stop_it(app: App, clock: ManualClock,
                                                                         outbox: RecordingTransport) -> None:
    neighbour = await onboard(app, "buur")
    await offer(neighbour, hands="koken")
    one, two = await onboard(app, "een"), await onboard(app, "twee")
    await idea_handed_over(one, "Samen koken voor de buurt", ["Helpende handen"])
    await ask_neighbours(one)
    await idea_handed_over(two, "Een kookcursus voor kinderen", ["Helpende handen"])
    await ask_neighbours(two)
    assert "kortgeleden al gevraagd" in two.text
    await DeliveryWorker(app).drain_all()
    assert len(outbox.to("buur")) == 1
    neighbour.replies = [outbox.to("buur")[-1]]
    await neighbour.press("niet meer")
    with Session(app.engine) as session:
        assert "ask_for_help" not in {c.purpose for c in session.exec(select(Consent))}
    clock.advance(days=8)
    three = await onboard(app, "drie")
    await idea_handed_over(three, "Koken met statushouders", ["Helpende handen"])
    assert "Goed om te weten" not in three.text, "a neighbour who said 'don't ask again' is not offered"


async def test_forged_help_buttons_are_refused(app: App, outbox: RecordingTransport) -> None:
    neighbour = await onboard(app, "buur")
    await offer(neighbour, hands="bakken")
    initiator = await onboard(app, "init")
    await idea_handed_over(initiator, "Bakken voor het buurtfeest", ["Helpende handen"])
    await ask_neighbours(initiator)
    with Session(app.engine) as session:
        request_id = session.exec(select(HelpRequest)).one().id
    intruder = await onboard(app, "indringer")
    for data in (f"!help:yes:{request_id}", f"!help:msg:{request_id}", "!match:ask:1", "!offer:del:1"):
        await intruder.press_data(data)
        assert "niet iets wat jij kunt doen" in intruder.text or "niet meer actief" in intruder.text
    await initiator.press_data(f"!help:yes:{request_id}")
    assert "niet iets wat jij kunt doen" in initiator.text, "only the neighbour can say yes"


async def test_gift_counts_for_aanjagers_without_names(app: App) -> None:
    for name in ("a", "b"):
        await offer(await onboard(app, name), hands="koken")
    aanjager = await make_aanjager(app, "aanjager")
    await aanjager.send("/gaven")
    assert "Koken: 2" in aanjager.text and "a" not in aanjager.text.split(":")[-1]
    resident = await onboard(app, "c")
    await resident.send("/gaven")
    assert "voor de aanjagers" in resident.text


def test_gifts_file_is_validated(tmp_path: Path) -> None:
    import shutil

    import pytest

    from bot.infra.content import ContentError

    target = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", target)
    (target / "gifts.yaml").write_text("categories:\n  - {id: x, kind: feet, label: {nl: X, en: X}, words: [], "
                                       "needs: []}\n", encoding="utf-8")
    load_gifts.cache_clear()
    with pytest.raises(ContentError, match=r"gifts\.yaml"):
        load_gifts(target)
    load_gifts.cache_clear()


async def test_skip_after_ticking_keeps_what_was_ticked(app: App) -> None:
    chat = await onboard(app, "dirk")
    await chat.send("/aanbod")
    await chat.press("Kinderen")
    await chat.press("Overslaan")
    assert "bewaard wat je hebt aangevinkt" in chat.text
    await chat.press("Overslaan")
    await chat.press("Overslaan")
    await chat.press("Overslaan")
    await chat.press("Overslaan")
    await chat.press("Af en toe")
    await chat.press("Ja, je mag")
    assert [category for _kind, category, _text in offers(app)] == ["kinderen"]


async def test_one_offer_added_or_removed_without_starting_again(app: App) -> None:
    chat = await onboard(app, "els", locale="en")
    await offer(chat, hands="I love baking", english=True)
    await chat.send("/myoffers")
    await chat.press("Add something")
    await chat.send("i lend my ladder")
    assert "Ladder" in chat.text and "Baking" in chat.text
    assert sorted(category for _kind, category, _text in offers(app)) == ["bakken", "ladder"]
    await chat.press("Remove 1")
    assert [category for _kind, category, _text in offers(app)] == ["ladder"]
