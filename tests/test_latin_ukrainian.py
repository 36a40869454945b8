"""Ukrainian typed in Latin letters is recognised and spelled in Cyrillic; Polish, Dutch, English, Turkish and
Arabizi that share some of its words are not."""

from __future__ import annotations

import pytest

from bot.understanding import language_id
from bot.understanding.latin_ukrainian import looks_ukrainian, spelled_if_ukrainian, to_cyrillic


@pytest.mark.parametrize("text", ["pryvit", "dyakuju!", "ja khochu zrobyty rozmovnyj klub dlja ukraintsiv",
                                  "shcho tse oznachaje?", "my mozhemo zustrichatys u bibliotetsi"])
def test_ukrainian_in_latin_letters(text: str) -> None:
    assert looks_ukrainian(text)
    assert language_id.identify(text).language == "uk"


@pytest.mark.parametrize("text", ["tak, dobrze", "ja tez chce pomoc", "nie wiem jeszcze, moja kolezanka z pracy",
                                  "ik wil een buurtfeest", "i have an idea", "bu fikir cok guzel",
                                  "bghit n3awn f lhouma", "khoya kayn chi haja", "bloemenbuurt", "tak"])
def test_not_other_languages(text: str) -> None:
    assert not looks_ukrainian(text)
    assert spelled_if_ukrainian(text) is None


def test_one_word_shows_it_for_someone_who_writes_ukrainian() -> None:
    assert not looks_ukrainian("ne tak poky")
    assert looks_ukrainian("ne tak poky", writes_ukrainian=True)


def test_spelled_in_cyrillic() -> None:
    assert to_cyrillic("ja khochu zrobyty klub dlja ukraintsiv") == "я хочу зробити клуб для украінців"
    assert to_cyrillic("shcho tse oznachaje? 🙂") == "що це означає? 🙂"
    assert to_cyrillic("Oksana") == "Оксана"


def test_a_sentence_switches_from_polish() -> None:
    assert language_id.identify("ja khochu zrobyty klub dlja ukraintsiv", prior="pl").language == "uk"
