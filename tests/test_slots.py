"""Slots read right (issue 26): what someone has is not a need, several people in one answer, a person without what
is said about them, a greeting that does not eat the idea after it, and counts the offer flow keeps."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.understanding import intents
from bot.understanding.idea_words import load_idea_words
from bot.understanding.people import as_yours, joining, needs_only, people_in
from handlers import offers

CONTENT = Path(__file__).resolve().parents[1] / "content"
WORDS = load_idea_words(CONTENT)


@pytest.mark.parametrize(("text", "wanted", "has"), [
    ("ik heb zaden en gereedschap", [], "zaden en gereedschap"),
    ("spullen heb ik al, alleen een ruimte en wat vrijwilligers", ["ruimte", "handen"], "spullen"),
    ("we already have tables and chairs, we just need a room", ["ruimte"], "tables and chairs"),
    ("ik heb geen ruimte", ["ruimte"], ""),
    ("we hebben een zaal nodig en geld", ["ruimte", "geld"], ""),
])
def test_what_someone_has_is_not_a_need(text: str, wanted: list[str], has: str) -> None:
    assert sorted(WORDS.wanted_in(text)) == sorted(wanted)
    assert WORDS.has_in(text) == has


def test_a_need_said_to_be_there_is_still_named_for_a_correction() -> None:
    assert WORDS.needs_in("nee, de zaal heb ik al") == ["ruimte"]


@pytest.mark.parametrize(("text", "people"), [
    ("jan de fietsenmaker, mijn buurman kees en de mensen van de kerk",
     ["jan de fietsenmaker", "mijn buurman kees", "de mensen van de kerk"]),
    ("je buurvrouw marja loopt elke avond met de hond mee", ["je buurvrouw marja"]),
    ("mijn buurvrouw Fatima, die altijd kookt", ["mijn buurvrouw Fatima"]),
    ("my neighbour joe, he fixes everything", ["my neighbour joe"]),
    ("a friend from uni and my landlady, who knows lots of people", ["a friend from uni", "my landlady"]),
    ("het lijkt me leuk als iedereen uit de straat gewoon meedoet", []),
    ("jan met de trainer", ["jan", "de trainer"]),
    ("kees speelt met een bal", ["kees speelt met een bal"]),
    ("mama ze szkoły", ["mama ze szkoły"]),
    ("sąsiadka ania i pani ze sklepu", ["sąsiadka ania", "pani ze sklepu"]),
    ("mijn buurvrouw ze kookt graag", ["mijn buurvrouw"]),
])
def test_people_in_one_answer(text: str, people: list[str]) -> None:
    assert people_in(text, WORDS) == people


def test_people_are_said_back_as_yours() -> None:
    assert as_yours("mijn buurman kees") == "je buurman kees"
    assert as_yours("my mum") == "your mum"
    assert as_yours("jan") == "jan"


@pytest.mark.parametrize(("text", "rest"), [
    ("bro ik zei kzou ff een voetbaltoernooi willen doen", "kzou ff een voetbaltoernooi willen doen"),
    ("yo, een bankje bij de vijver", "een bankje bij de vijver"),
    ("hoi", "hoi"),
    ("hoi hoe gaat het", "hoe gaat het"),
    ("een moestuin op het plein", "een moestuin op het plein"),
])
def test_a_greeting_does_not_eat_the_idea(text: str, rest: str) -> None:
    assert intents.without_opening(text, intents.load(CONTENT)) == rest


@pytest.mark.parametrize(("text", "title"), [
    ("ik zou graag een klaverjasavond willen organiseren", "een klaverjasavond organiseren"),
    ("yo kzou ff een voetbaltoernooi willen doen", "een voetbaltoernooi doen"),
    ("i'd like to start a repair cafe for students", "a repair cafe for students"),
    ("mahallede piknik yapmak isterdim", "mahallede piknik"),
    ("حابب ندير فطور مع الجيران", "فطور مع الجيران"),
    ("chciałabym piknik dla sąsiadów", "piknik dla sąsiadów"),
    ("я б хотіла кавовий ранок для мам", "кавовий ранок для мам"),
    ("een buurtbarbecue in de zomer", "een buurtbarbecue in de zomer"),
    # the wish in the middle, a softener after the lead-in (a teenager on the console)
    ("kzou wel een panna toernooi willen organiseren op het pleintje",
     "een panna toernooi organiseren op het pleintje"),
    ("ik zou echt graag een buurtfeest willen geven in juni", "een buurtfeest geven in juni"),
])
def test_a_wish_in_the_conditional_is_no_part_of_the_title(text: str, title: str) -> None:
    assert intents.idea_title(text, intents.load(CONTENT)) == title


def test_a_greeting_with_an_idea_is_an_idea() -> None:
    lexicon = intents.load(CONTENT)
    assert intents.classify("yo kzou ff een voetbaltoernooi willen doen op het veldje", lexicon).intent == intents.IDEA
    assert intents.classify("hoi!", lexicon).intent == intents.GREETING
    assert intents.classify("hoi, hoe gaat het?", lexicon).intent == intents.GREETING


def test_the_offer_flow_promises_as_many_questions_as_it_asks() -> None:
    asked = [name for name, step in offers.flow.steps.items() if step.ask is not None and name != "add"]
    assert list(offers.QUESTIONS) == asked


@pytest.mark.parametrize(("text", "only"), [
    ("geld en vrijwilligers", True), ("гроші і волонтери", True), ("een zaal, geld", True),
    ("vrijwilligers", False), ("jan en kees", False), ("vrijwilligers van de kerk", False), ("", False),
    ("Een ruimte, dat is alles", True), ("a room, thats all", True), ("bir salon, o kadar", True),
    ("فقط قاعة، هذا كل شيء", True), ("tylko sala, to wszystko", True), ("лише приміщення, це все", True),
    ("jan, dat is alles", False),
])
def test_an_answer_that_names_only_needs(text: str, only: bool) -> None:
    assert needs_only(text, WORDS) is only


@pytest.mark.parametrize(("text", "person"), [
    ("Mijn buurman de heer Jansen speelt ook", "Mijn buurman de heer Jansen"),
    ("mijn zus kookt ook mee", "mijn zus"),
    ("my neighbour tom plays too", "my neighbour tom"),
    ("komşum Ali de oynuyor", "komşum Ali"),
    ("mój sąsiad pan Jan też gra", "mój sąsiad pan Jan"),
    ("мій сусід Андрій теж грає", "мій сусід Андрій"),
    ("جاري أحمد أيضا يلعب", "جاري أحمد"),
    ("wacht, de heer Jansen van de overkant wil ook meedoen", "de heer Jansen van de overkant"),
    ("mijn buurman heeft ook een aanhanger", ""),
    ("ik speel ook", ""),
    ("mijn buurman de heer Jansen", ""),
])
def test_a_particular_person_who_does_it_as_well_joins(text: str, person: str) -> None:
    assert joining(text, WORDS) == person
