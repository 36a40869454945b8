"""Neighbour matching: scored by how well gifts fit the idea, best first, asked about the gift that fits,
head and learn gifts included, explanations in the recipient's language naming only what matched."""

from __future__ import annotations

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.infra.config import PROJECT_ROOT
from bot.services.matching import GiftOffer, rank
from bot.understanding.gifts import load_gifts
from tests.support import RecordingTransport, onboard
from tests.test_matching_privacy import hand_over

GIFTS = load_gifts(PROJECT_ROOT / "content")


def test_best_fit_first_and_generic_hands_alone_is_not_enough() -> None:
    offers = {
        1: [GiftOffer("hands", "computers")],
        2: [GiftOffer("hands", "tuinieren")],
        3: [GiftOffer("head", None, "Ik weet veel van moestuinen en planten"), GiftOffer("hands", "tuinieren")],
        4: [GiftOffer("heart", "groen")],
        5: [GiftOffer("learn", None, "ik wil graag leren tuinieren")],
    }
    ranked = rank(GIFTS, text="Een moestuin beginnen bij de school", needs=["handen"], offers=offers)
    assert [m.neighbour_id for m in ranked] == [3, 2, 5], ranked
    assert ranked[0].gift.kind in ("head", "hands") and ranked[0].categories == ("tuinieren",)
    assert 1 not in [m.neighbour_id for m in ranked], "'handen' alone does not make computers fit a moestuin"


def test_advice_and_knowledge_in_own_words_take_part() -> None:
    offers = {7: [GiftOffer("head", None, "I know a lot about subsidies and writing funding plans")],
              8: [GiftOffer("hands", "koken")]}
    ranked = rank(GIFTS, text="We want to write a funding plan for our playground", needs=["advies"], offers=offers)
    assert [m.neighbour_id for m in ranked] == [7]


def test_lend_gifts_meet_a_need_for_things() -> None:
    offers = {1: [GiftOffer("lend", "ladder")], 2: [GiftOffer("hands", "muziek")]}
    ranked = rank(GIFTS, text="De gevel van het buurthuis verven", needs=["spullen"], offers=offers)
    assert [m.neighbour_id for m in ranked] == [1]


async def test_each_neighbour_is_asked_about_the_gift_that_fits_in_their_language(
        app: App, outbox: RecordingTransport) -> None:
    computers = await onboard(app, "computerbuur")
    await computers.send("/aanbod")
    await computers.press("Overslaan")
    await computers.press("Overslaan")
    await computers.press("Computers")
    await computers.press("Klaar")
    await computers.press("Overslaan")
    await computers.press("Overslaan")
    await computers.press("Af en toe")
    await computers.press("Ja, je mag")
    gardener = await onboard(app, "tuinbuur", locale="en")
    await gardener.send("/aanbod")
    await gardener.press("Skip")
    await gardener.send("I know a lot about vegetable gardens")
    await gardener.press("Cooking")
    await gardener.press("Music")
    await gardener.press("Done")
    await gardener.press("Skip")
    await gardener.press("Skip")
    await gardener.press("Now and then")
    await gardener.press("Yes, you may")
    initiator = await onboard(app, "init")
    await hand_over(initiator, "Een moestuin beginnen bij de school", "nog niemand")
    await initiator.press("Ja, vraag het ze")
    await initiator.press("hiermee")
    assert "1 buur" in initiator.text
    await DeliveryWorker(app).drain_all()
    assert outbox.to("computerbuur") == [], "a moestuin does not need computers"
    [question] = outbox.to("tuinbuur")
    assert "you know about this: “I know a lot about vegetable gardens”" in question.text
    assert "Cooking" not in question.text and "Music" not in question.text and "cooking" not in question.text
    assert "Een idee" not in question.text and "Hulp is welkom" not in question.text, "in the neighbour's language"
