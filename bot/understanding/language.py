"""Which language a resident writes in: the script, special letters, then stopwords (no remote service)."""

from __future__ import annotations

import re

from bot.understanding.stemming import WORD


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "nl": _set("de het een en ik wil we wij willen je jij is er in op met voor van dat die niet maar ook "
                    "zijn hoe wat wie waar kan kunnen graag hier onze ons mijn bij naar te om zou heb hebben "
                    "nog al of dan als iets geen"),
    "en": _set("the a an and i want we to is in on with for of that this not but also our my how what "
                    "who where can could would like please here at it be have has need any do some"),
    "tr": _set("ve bir bu için ile mi da de çok istiyorum istiyoruz mahallede var ne nasıl"),
    "pl": _set("i w na z się do nie jest dla że jak co chcę chcemy przy naszym"),
}


_SCRIPT_LANGUAGES = (("uk", re.compile(r"[\u0400-\u04ff]")), ("ar", re.compile(r"[\u0600-\u06ff]")))


_LETTER_HINTS = (("tr", re.compile(r"[ğışİ]")), ("pl", re.compile(r"[ąęłńśźżć]")))


def language_of(text: str) -> str:
    """The language a resident writes in: script, special letters, then the most stopwords (nl by default)."""
    for code, pattern in _SCRIPT_LANGUAGES:
        if len(pattern.findall(text)) >= 3:
            return code
    for code, pattern in _LETTER_HINTS:
        if pattern.search(text):
            return code
    words = WORD.findall(text.casefold())
    counts = {code: sum(w in stop for w in words) for code, stop in STOPWORDS.items()}
    best = max(counts, key=lambda c: (counts[c], c == "nl"))
    return best if counts[best] else "nl"


def clear_language(text: str) -> str | None:
    """'nl' or 'en' when the text is clearly written in it (its own stopwords, hardly any of the other);
    None for mixed, short or other texts."""
    words = WORD.findall(text.casefold())
    nl = sum(w in _ONLY_NL for w in words)
    en = sum(w in _ONLY_EN for w in words)
    if en >= CLEAR_MIN and en > 2 * nl:
        return "en"
    if nl >= CLEAR_MIN and nl > 2 * en:
        return "nl"
    return None


_ONLY_NL = STOPWORDS["nl"] - STOPWORDS["en"]


_ONLY_EN = STOPWORDS["en"] - STOPWORDS["nl"]


CLEAR_MIN = 2
