"""Asking for a language in words (bot/understanding/language_requests.py): only whole requests, never an idea
about a language."""

from __future__ import annotations

import pytest

from bot.understanding.language_requests import requested_language


@pytest.mark.parametrize(("text", "code"), [
    ("english please", "en"), ("English", "en"), ("in het Engels aub", "en"), ("engels graag", "en"),
    ("Sorry, I don't speak Dutch", "en"), ("can we do this in english please?", "en"), ("do you speak english", "en"),
    ("ik spreek geen Nederlands", "en"), ("kan het in het Nederlands?", "nl"), ("do you speak dutch?", "nl"),
    ("spreek je Nederlands", "nl"), ("Nederlands graag!", "nl"), ("sorry i cant read english", "nl"),
])
def test_requests_for_a_language(text: str, code: str) -> None:
    assert requested_language(text) == code


@pytest.mark.parametrize("text", [
    "lessons in English for newcomers", "a club for english speakers", "Engelse les voor ouderen in het buurthuis",
    "ik wil nederlandse les geven", "taalcafe", "ja", "my neighbour speaks english", "",
])
def test_what_is_no_request_for_a_language(text: str) -> None:
    assert requested_language(text) is None
