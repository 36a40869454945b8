"""Asking for a language in words (bot/understanding/language_requests.py): only whole requests, never an idea
about a language."""

from __future__ import annotations

import pytest

from bot.understanding.language_requests import request_in, requested_language


@pytest.mark.parametrize(("text", "code"), [
    ("english please", "en"), ("English", "en"), ("in het Engels aub", "en"), ("engels graag", "en"),
    ("Sorry, I don't speak Dutch", "en"), ("can we do this in english please?", "en"), ("do you speak english", "en"),
    ("ik spreek geen Nederlands", "en"), ("kan het in het Nederlands?", "nl"), ("do you speak dutch?", "nl"),
    ("spreek je Nederlands", "nl"), ("Nederlands graag!", "nl"), ("sorry i cant read english", "nl"),
    ("türkçe lütfen", "tr"), ("turkce lutfen", "tr"), ("Türkçe konuşabilir miyiz?", "tr"), ("in het Turks", "tr"),
    ("Hollandaca bilmiyorum", "tr"), ("بالعربية من فضلك", "ar"), ("بالعربية", "ar"), ("ما كنعرفش الهولندية", "ar"),
    ("bl3arbia 3afak", "ar"), ("arabic please", "ar"), ("po polsku proszę", "pl"), ("po polsku prosze", "pl"),
    ("czy możemy rozmawiać po polsku?", "pl"), ("nie mówię po niderlandzku", "pl"), ("Kan het in het Pools?", "pl"),
    ("українською будь ласка", "uk"), ("Можна українською?", "uk"), ("я не розмовляю нідерландською", "uk"),
    ("po ukraińsku", "uk"), ("hollandaca lütfen", "nl"), ("po angielsku", "en"),
])
def test_requests_for_a_language(text: str, code: str) -> None:
    assert requested_language(text) == code


@pytest.mark.parametrize("text", [
    "lessons in English for newcomers", "a club for english speakers", "Engelse les voor ouderen in het buurthuis",
    "ik wil nederlandse les geven", "taalcafe", "ja", "my neighbour speaks english", "",
    "türkçe kurs açmak istiyorum", "lekcje polskiego dla dzieci", "уроки української для дітей", "دروس العربية للأطفال",
])
def test_what_is_no_request_for_a_language(text: str) -> None:
    assert requested_language(text) is None


@pytest.mark.parametrize(("text", "code"), [
    ("ik nederlands weinig. english little ok", "en"),
    ("my dutch is bad, english better", "en"),
    ("english not so good, nederlands liever", "nl"),
    ("english or dutch", None),
    ("ik spreek nederlands en engels", None),
])
def test_at_the_language_question_the_language_known_better_is_picked(text: str, code: str | None) -> None:
    found = request_in(text, preferring=True)
    assert (found[0] if found else None) == code
    assert request_in(text) is None or code is None  # elsewhere such a text is no request
