"""The language identifier: clear messages get their language, shared words get "not sure", the person's
current language is kept unless a message is clearly another one, and nothing goes over the network."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from bot.infra import yamlfile
from bot.understanding import language_id
from bot.understanding.language_id import LANGUAGES, identify

DEV = yamlfile.load((Path(__file__).parent / "data" / "language-id.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("text", "language"), [
    ("merhaba, çocuklarım için okuldan sonra bir yer arıyorum", "tr"),
    ("cocuklar icin bir yer ariyorum, yardim eder misiniz", "tr"),
    ("مرحبا، أبحث عن مكان للأطفال بعد المدرسة", "ar"),
    ("bghit nl9a chi blassa l wladi mn b3d lmadrasa", "ar"),
    ("salam, wach kayn chi wa7ed y3awnni", "ar"),
    ("szukam miejsca dla dzieci po szkole", "pl"),
    ("szukam miejsca dla dzieci po szkole, dziekuje", "pl"),
    ("добрий день, шукаю місце для дітей після школи", "uk"),
    ("ik zoek een plek voor de kinderen na school", "nl"),
    ("i am looking for a place for the kids after school", "en"),
])
def test_a_clear_message_gets_its_language(text: str, language: str) -> None:
    guess = identify(text)
    assert guess.language == language, guess
    assert guess.confidence >= language_id.THRESHOLD


@pytest.mark.parametrize("text", [item["text"] for item in DEV["ambiguous"]])
def test_a_word_several_languages_share_is_not_sure(text: str) -> None:
    guess = identify(text)
    assert guess.language is None, guess
    assert guess.why.startswith("not sure")


@pytest.mark.parametrize("prior", LANGUAGES)
@pytest.mark.parametrize("text", ["ok", "hallo", "super", "👍", "salam", "10:00"])
def test_the_prior_keeps_an_ambiguous_message_in_the_current_language(text: str, prior: str) -> None:
    assert identify(text, prior=prior).language == prior


def test_one_latin_word_never_switches_but_a_clear_sentence_does() -> None:
    assert identify("goedemorgen").language == "nl"
    assert identify("goedemorgen", prior="en").language == "en"
    assert identify("dziekuje", prior="nl").language == "nl"
    switched = identify("ik wil graag meedoen met de buurtmoestuin", prior="en")
    assert switched.language == "nl"
    assert "switched from en" in switched.why
    assert identify("tesekkur ederim, cok guzel", prior="pl").language == "tr"


def test_another_script_switches_even_on_one_word() -> None:
    assert identify("привіт", prior="nl").language == "uk"
    assert identify("شكرا", prior="en").language == "ar"


def test_arabizi_keeps_arabic_and_latin_text_keeps_the_arabic_prior_unless_clearly_other() -> None:
    assert identify("wakha 3afak", prior="ar").language == "ar"
    assert identify("merci bzaf", prior="ar").language == "ar"
    assert identify("chokran bzaf", prior="nl").language == "ar"
    assert identify("i would like to join the cooking club", prior="ar").language == "en"


def test_numbers_times_and_dutch_ordinals_are_not_arabizi() -> None:
    for text in ("om 19:30 bij de 2e ingang", "see you at 7pm on the 3rd floor", "mp3 b2b covid19 4you",
                 "mail me at jan3@example.nl or https://w3.example.org/7a"):
        assert identify(text).language != "ar", text


def test_only_our_six_languages_come_out() -> None:
    for text in ("ich möchte gerne mitmachen", "je voudrais participer au jardin", "я хочу помочь соседям",
                 "quiero ayudar en el barrio"):
        guess = identify(text)
        assert guess.language in (*LANGUAGES, None), guess
        assert guess.candidate in (*LANGUAGES, None), guess


def test_not_sure_still_names_the_likeliest_candidate() -> None:
    guess = identify("nee toch")
    assert guess.language is None
    assert guess.candidate in LANGUAGES
    assert 0 < guess.confidence < language_id.THRESHOLD


def test_it_is_deterministic_and_loaded_once() -> None:
    assert language_id.model() is language_id.model()
    texts = [item["text"] for item in DEV["items"][::7]]
    assert [identify(t) for t in texts] == [identify(t) for t in texts]


def test_loading_and_identifying_never_touch_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the language identifier tried the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    language_id.model.cache_clear()
    try:
        assert identify("dzień dobry, mam pytanie").language == "pl"
    finally:
        language_id.model.cache_clear()


def test_it_learns_from_the_catalogs_it_is_given(tmp_path: Path) -> None:
    """The n-gram model is the catalogs' text: a catalog of one language's words makes that language win."""
    for code, text in {"nl": "de kinderen spelen buiten", "en": "the children play outside",
                       "tr": "çocuklar dışarıda oynuyor", "pl": "dzieci bawią się na dworze"}.items():
        folder = tmp_path / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        entry = f'msgid "{text}"\nmsgstr ""\n' if code == "en" else f'msgid "x{code}"\nmsgstr "{text}"\n'
        (folder / "wijkgids.po").write_text(entry, encoding="utf-8")
    small = language_id.Model.from_catalogs(tmp_path)
    assert max(small.posterior(["kinderen", "buiten"]).items(), key=lambda kv: kv[1])[0] == "nl"
    assert max(small.posterior(["dzieci", "dworze"]).items(), key=lambda kv: kv[1])[0] == "pl"
    assert max(small.posterior(["cocuklar", "disarida"]).items(), key=lambda kv: kv[1])[0] == "tr"


def test_a_missing_catalog_leaves_its_language_out_instead_of_failing(tmp_path: Path) -> None:
    folder = tmp_path / "nl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "wijkgids.po").write_text('msgid "x"\nmsgstr "de kinderen spelen buiten"\n', encoding="utf-8")
    only_dutch = language_id.Model.from_catalogs(tmp_path)
    assert only_dutch.languages == ("nl",)
    assert only_dutch.posterior(["dzieci"]) == {"nl": 1.0}
    assert language_id.Model.from_catalogs(tmp_path / "nowhere").posterior(["dzieci"]) == {}
