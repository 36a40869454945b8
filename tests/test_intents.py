"""The free-text classifier on the labelled set (tests/data/intents.yaml) and on the cases the issues name."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.infra import yamlfile
from bot.understanding.intents import announces_only, classify, intent_of, load

ROWS = yamlfile.load((Path(__file__).parent / "data" / "intents.yaml").read_text(encoding="utf-8"))["texts"]


def test_the_set_is_big_enough_and_mostly_ideas_about_problems() -> None:
    assert len(ROWS) >= 80
    ideas = [r for r in ROWS if r["intent"] == "idea"]
    assert len(ideas) * 2 >= len(ROWS)
    assert {"personal", "newcomer", "report", "help", "greeting", "thanks", "places", "activities", "offer"} <= {
        r["intent"] for r in ROWS}


def test_no_idea_on_the_set_is_taken_for_a_report() -> None:
    wrong = [r["text"] for r in ROWS if r["intent"] == "idea" and intent_of(r["text"]) == "report"]
    assert wrong == []


def test_reports_are_recognised() -> None:
    reports = [r["text"] for r in ROWS if r["intent"] == "report"]
    found = [t for t in reports if intent_of(t) == "report"]
    assert len(found) >= 0.95 * len(reports), set(reports) - set(found)


@pytest.mark.parametrize(("text", "intent"), [
    ("hoi", "greeting"),
    ("Hoi!", "greeting"),
    ("geen idee wat ik hier moet doen", "help"),
    ("geen idee", "help"),
    ("ik voel me erg alleen sinds mijn man overleden is", "personal"),
    ("ik voel me allen", "personal"),
    ("wie kan boodschappen voor me doen?", "personal"),
    ("ik ben net verhuisd en ken niemand", "newcomer"),
    ("ik ben nieuw in de wijk", "newcomer"),
    ("just moved here", "newcomer"),
    ("ik wil een buurtfeest organiseren in onze straat", "idea"),
    ("ik heb een ideetje", "idea"),
    ("ik wil met de kinderen zwerfafval prikken", "idea"),
    ("de lantaarnpaal doet het niet", "report"),
    ("ik wil melden dat er met de kinderen iets gevaarlijks is: de schommel is kapot", "report"),
    ("ik wil graag meedoen", "offer"),
    ("thanks!", "thanks"),
    # misunderstood on the console, typed as on a phone
    ("helo", "greeting"),
    ("i feel lonley", "personal"),
    ("ik voel me zo allen de laatste tijd", "personal"),
    ("the bench in the park is brokn", "report"),
    ("where can i meet ppl", "places"),
    ("is er een spreekuur in de wijk", "places"),
    ("wie wil er met me wandelen", "personal"),
    ("im looking for someone to have coffee with", "personal"),
    ("ik zoek iemand om koffie mee te drinken", "personal"),
])
def test_cases_from_the_issues(text: str, intent: str) -> None:
    assert intent_of(text) == intent, classify(text).explain()


def test_a_result_says_why() -> None:
    result = classify("we willen met de kinderen zwerfafval prikken")
    assert result.intent == "idea"
    assert "zwerfafval" in result.reasons["report"]
    assert any("met de kinderen" in why for why in result.reasons["idea"])
    assert "idea" in result.explain()


def test_every_intent_has_words_or_phrases() -> None:
    for intent in load().intents:
        assert intent.strong or intent.phrases or intent.words, intent.name


@pytest.mark.parametrize(("text", "bare"), [
    ("ik heb een ideetje", True), ("Hoi! ik heb een idee voor de buurt", True), ("i have an idea", True),
    ("ik heb een idee: een buurtbbq", False), ("ik wil een buurtfeest organiseren", False),
])
def test_an_idea_announced_without_saying_what(text: str, bare: bool) -> None:
    assert announces_only(text) is bare
