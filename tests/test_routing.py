"""The router: accuracy on case files, explainable reasons, only contacts serving the wijk, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.infra import yamlfile
from bot.infra.config import PROJECT_ROOT
from bot.infra.content import Content
from bot.infra.i18n import use_locale
from bot.understanding.language import clear_language, language_of
from bot.understanding.report_words import looks_like_report
from bot.understanding.routing import analyse, keyword_hits, route, vocabulary

DEV_CASES = PROJECT_ROOT.parent / "shared" / "eval" / "routing-dev.yaml"
OWN_CASES = PROJECT_ROOT / "tests" / "data" / "routing-cases.yaml"
BLIND_CASES = PROJECT_ROOT / "tests" / "data" / "routing-blind.yaml"
CHAT_CASES = PROJECT_ROOT / "tests" / "data" / "routing-chat.yaml"
HOLDOUT_CASES = PROJECT_ROOT / "tests" / "data" / "routing-holdout.yaml"


def accuracy(content: Content, path: Path) -> tuple[float, float, list[str]]:
    cases = yamlfile.load(path.read_text(encoding="utf-8"))["cases"]
    top1 = top3 = 0
    misses = []
    for case in cases:
        ranked = route(content, wijk_id=case["wijk"], text=case["text"], needs=case.get("needs", []),
                       themes=case.get("themes", []))[:3]
        hits = [s.contact.role in case["expect"] and content.serves(s.contact, case["wijk"]) for s in ranked]
        top1 += hits[0]
        top3 += any(hits)
        if not hits[0]:
            misses.append(case["text"])
    return top1 / len(cases), top3 / len(cases), misses


@pytest.mark.parametrize("path", [OWN_CASES, BLIND_CASES, DEV_CASES, CHAT_CASES, HOLDOUT_CASES],
                         ids=["own", "blind", "dev", "chat", "holdout"])
def test_router_accuracy(content: Content, path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    top1, top3, misses = accuracy(content, path)
    assert top1 >= 0.9, misses
    assert top3 >= 0.98, misses


def test_only_contacts_serving_the_wijk(content: Content) -> None:
    for wijk in content.wijken:
        for suggestion in route(content, wijk_id=wijk, text="ik wil een moestuin en heb geld nodig", needs=["geld"]):
            assert content.serves(suggestion.contact, wijk)


def test_deterministic_and_explained_in_both_languages(content: Content) -> None:
    first = route(content, wijk_id="de-nude", text="Een moestuin bij de school", needs=["ruimte", "handen"])
    again = route(content, wijk_id="de-nude", text="Een moestuin bij de school", needs=["ruimte", "handen"])
    assert [s.contact.id for s in first] == [s.contact.id for s in again]
    top = route(content, wijk_id="de-nude", text="Een moestuin bij de school")[0]
    assert top.contact.role == "natuur"
    with use_locale("nl"):
        assert top.why().startswith(top.contact.description.get("nl").rstrip(". ")) and "moestuin" not in top.why()
    with use_locale("en"):
        assert top.why().startswith(top.contact.description.get("en").rstrip(". ")) and "moestuin" not in top.why()
    aanjager = next(s for s in first if s.contact.role == "aanjager")
    with use_locale("nl"):
        assert "kan helpen met: een plek, helpende handen" in aanjager.why()


@pytest.mark.parametrize(("text", "report"), [
    ("Er staat een kapotte fiets tegen het hek", True),
    ("De lantaarnpaal doet het niet", True),
    ("Er ligt zwerfvuil in de berm", True),
    ("We willen een opruimactie organiseren in het park", False),
    ("Een moestuin beginnen", False),
    ("Onafhankelijk advies over ons bewonersinitiatief", False),
])
def test_report_detection(text: str, report: bool) -> None:
    assert looks_like_report(text) is report


def test_route_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["route", "--wijk", "presikhaaf", "--text", "We want to close the street for a party",
                 "--need", "vergunning", "--json", "--locale", "en"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["role"] == "gebiedsteam"
    assert set(rows[0]) >= {"id", "role", "name", "organisation", "areas", "score", "why"}
    assert rows[0]["areas"] == ["presikhaaf"]
    assert "permits" in rows[0]["why"]
    natuur = next(r for r in rows if r["role"] == "natuur")
    assert natuur["areas"] == [], "serves every wijk"
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert main(["route", "--wijk", "nergens", "--text", "x"]) == 2


def _hits(content: Content, text: str) -> dict[str, set[str]]:
    vocab = vocabulary(content)
    return keyword_hits(vocab, analyse(vocab, text))


def test_short_stems_do_not_collide(content: Content) -> None:
    assert "park" not in {k for ks in _hits(content, "more parking for bikes please").values() for k in ks}
    older = _hits(content, "iets voor de ouderen in de flat")
    assert "ouders" not in older.get("role:aanjager", set()) and "ouderen" in older.get("role:welzijn", set())
    assert not any(k == "alle" for ks in _hits(content, "ik woon alleen").values() for k in ks)
    assert "woning" not in {k for ks in _hits(content, "ik woon hier pas").values() for k in ks}


def test_compounds_typos_and_chat_spelling(content: Content) -> None:
    vocab = vocabulary(content)
    assert {"straat", "bbq"} <= set(analyse(vocab, "een straatbbq in juni").words)
    assert "barbecue" in analyse(vocab, "een buurtbarbecue").words
    assert _hits(content, "weet niet waar ik moet begine").get("role:aanjager")
    assert "organiseren" in analyse(vocab, "iets organiseeren").words
    for text in ("buurtbarbecue", "zou leuk zijn om een keer een buurtbbq te doen",
                 "hoi ik wil iets doen voor de buurt maar weet echt niet waar ik moet begine"):
        assert route(content, wijk_id="presikhaaf", text=text)[0].contact.role == "aanjager", text
    assert route(content, wijk_id="de-nude", text="kids from the street want a talent show")[0].contact.role == \
        "aanjager"


@pytest.mark.parametrize(("text", "language", "role"), [
    ("Mahallede komşularla birlikte bir kahvaltı düzenlemek istiyorum", "tr", "aanjager"),
    ("أريد أن أساعد كبار السن الوحيدين في الحي", "ar", "welzijn"),
    ("Chcemy założyć ogród warzywny z sąsiadami", "pl", "natuur"),
    ("Хочу організувати футбол для дітей у нашому районі", "uk", "sport"),
    ("we want a street party", "en", "aanjager"),
    ("we willen een straatfeest", "nl", "aanjager"),
])
def test_other_languages_are_recognised_and_routed(content: Content, text: str, language: str, role: str) -> None:
    assert language_of(text) == language
    assert route(content, wijk_id="presikhaaf", text=text)[0].contact.role == role


def test_initiatives_that_mention_litter_are_not_reports_and_rental_gardens_go_to_the_landlord(
        content: Content) -> None:
    top = route(content, wijk_id="de-nude", text="ik wil een opruimactie in de wijk want er ligt zoveel zwerfafval")[0]
    assert top.contact.role != "melding"
    garden = route(content, wijk_id="de-nude", text="gemeenschappelijke tuin bij de huurwoningen opknappen")[0]
    assert garden.contact.role == "woningcorporatie"
    money = route(content, wijk_id="presikhaaf", text="ons buurtproject", needs=["geld"])[0]
    assert money.contact.role in ("gebiedsteam", "ondersteuning")


def test_reasons_are_sentences_in_the_users_language_and_name_the_language(content: Content) -> None:
    [top] = route(content, wijk_id="presikhaaf", text="we'd like to organise a street party", limit=1)
    assert top.contact.role == "aanjager" and "en" in top.contact.languages
    with use_locale("en"):
        assert top.why().startswith("Connects residents") and "also speaks English" in top.why()
    with use_locale("nl"):
        assert top.why().startswith("Verbindt bewoners") and "spreekt ook Engels" in top.why()
        assert "street" not in top.why() and "party" not in top.why()


def test_phrase_matches_as_a_whole(content: Content) -> None:
    vocab = vocabulary(content)
    assert "over 65" not in keyword_hits(vocab, analyse(vocab, "ze steken daar gevaarlijk over")).get("role:sport", {})
    assert "over 65" in keyword_hits(vocab, analyse(vocab, "gym voor mensen over 65")).get("role:sport", {})


def test_words_fire_in_their_own_language_only(content: Content) -> None:
    vocab = vocabulary(content)
    assert clear_language("the car has been standing here for weeks with flat tyres") == "en"
    assert clear_language("kids flat") is None
    english = keyword_hits(vocab, analyse(vocab, "the car has been standing here for weeks with flat tyres"))
    assert "flat" not in english.get("role:woningcorporatie", {})
    dutch = keyword_hits(vocab, analyse(vocab, "de lift van onze flat is kapot"))
    assert "flat" in dutch.get("role:woningcorporatie", {})


@pytest.mark.parametrize("text, report", [
    ("kan er een zebrapad komen, het is daar gevaarlijk", False),
    ("de stoeptegels liggen los, gevaarlijk voor ouderen", True),
    ("composteren met de buren, waar laten we het groenafval", False),
    ("een wespennest bij de ingang van de school", True),
    ("big hole in the road near the school", True),
    ("een stuk grond waar een plein kan komen", False),
    ("de lamp is stuk", True),
])
def test_report_detection_both_ways(text: str, report: bool) -> None:
    assert looks_like_report(text) is report
