"""Words of a text and their stems, for matching residents' words against word lists (content/roles.yaml,
content/gifts.yaml, content/idea_words.yaml): a light stemmer for compounds and plurals, Snowball for Dutch and
English, word beginnings for the other languages."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TypeVar

import snowballstemmer

from bot.understanding.phrases import fold

WORD = re.compile(r"[^\W_]+")
T = TypeVar("T")


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


def phrase_words(phrase: str) -> tuple[str, ...]:
    """The words of a list entry of more than one word as they are compared with a text's words (`words_of`: the
    short ones left out, so "hulp van de gemeente" is found in "hulp van gemeente"); () for an entry of one word, or
    one that keeps only one word (it is never found as a phrase, as before)."""
    words = tuple(words_of(phrase))
    return words if " " in phrase.strip() and len(words) > 1 else ()


def longest_phrases(words: list[str], phrases: Iterable[tuple[tuple[str, ...], T]]
                    ) -> tuple[list[tuple[int, T]], set[int]]:
    """Where phrases of more than one word stand in a text's words (`words_of`), the longest first and none
    overlapping: (the index of its first word, what the phrase stands for), in the order typed, and the indices of
    the words they cover. A longer phrase wins over a shorter word inside it: the words of "hulp van de gemeente"
    are the municipality's help, not helping hands besides. Arabic words are also compared without their article
    or a joined "و"."""
    bare = [strip_arabic(word) for word in words]
    starts: dict[str, list[int]] = {}
    for at, word in enumerate(bare):
        starts.setdefault(word, []).append(at)
    covered: set[int] = set()
    found: list[tuple[int, T]] = []
    for phrase, value in sorted(phrases, key=lambda item: -len(item[0])):
        size = len(phrase)
        listed = [strip_arabic(word) for word in phrase]
        for start in starts.get(listed[0], ()):  # only where its first word stands
            span = range(start, start + size)
            if start + size <= len(words) and covered.isdisjoint(span) \
                    and all(bare[start + k] == listed[k] for k in range(1, size)):
                covered.update(span)
                found.append((start, value))
    return sorted(found, key=lambda item: item[0]), covered


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


@lru_cache(maxsize=65536)
def strip_arabic(word: str) -> str:
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= PREFIX_MIN:
            return word[len(prefix):]
    return word
