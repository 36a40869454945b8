"""Words of a text and their stems, for matching residents' words against word lists (content/roles.yaml,
content/gifts.yaml, content/idea_words.yaml): a light stemmer for compounds and plurals, Snowball for Dutch and
English, word beginnings for the other languages."""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

from bot.understanding.phrases import fold

WORD = re.compile(r"[^\W_]+")


SUFFIXES = ("tjes", "heden", "ingen", "tje", "jes", "ing", "je", "en", "es", "s", "e", "er")


COMPOUND_MIN = 5
"""A keyword stem this long also matches inside a compound word ('voetbal' in 'voetbaltraining')."""


STEMMED = ("nl", "en")
"""Word lists in these languages are stemmed; the others (tr, ar, pl, uk) match as word beginnings."""


PREFIX_MIN = 3


ARABIC_PREFIXES = ("وال", "بال", "فال", "لل", "ال", "و", "ب", "ل")


STEMMERS = {"nl": snowballstemmer.stemmer("dutch"), "en": snowballstemmer.stemmer("english")}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light Dutch/English stemmer: 'moestuinen' → 'moestuin', 'speeltuintje' → 'speeltuin'."""
    for suffix in SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=65536)
def snowball(word: str, language: str) -> str:
    return str(STEMMERS[language].stemWord(word))


def words_of(text: str) -> list[str]:
    return [w for w in WORD.findall(text.casefold()) if len(w) > 2]


def stems(text: str) -> set[str]:
    return {stem(w) for w in words_of(text)}


def mentions(key_stem: str, words: set[str], raw: list[str]) -> bool:
    if key_stem in words:
        return True
    return len(key_stem) >= COMPOUND_MIN and any(
        w != key_stem and (w.startswith(key_stem) or w.endswith(key_stem)) for w in raw)


def base(word: str, language: str) -> str:
    """A word of a tr, ar, pl or uk text as its word beginnings are compared: folded (no accents, Turkish ı and
    Polish ł as i and l, Arabic letter variants as one, so "cop" finds "çöp"), Arabic without its article."""
    word = fold(word)
    return strip_arabic(word) if language == "ar" else word


def strip_arabic(word: str) -> str:
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= PREFIX_MIN:
            return word[len(prefix):]
    return word
