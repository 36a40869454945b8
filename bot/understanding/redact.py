"""The one place that strips personal details from text that crosses to another person before consent.

Second line of defence: neighbours normally see only a description the initiator approved, but
whatever text does cross (that line, a handover or relay quote) goes through `redact()` first. It
removes phone numbers (06, +31, 0031, landlines, any spacing), e-mail addresses, postcodes with or
without a house number, street names with a house number, and names the bot knows or the text
introduces ("ik ben Fatima", "my name is ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MASK = "[…]"
_PHONE_CANDIDATE = re.compile(r"(?<![\w])(?:\+|00)?\(?\d[\d\s().\-/]{6,}\d\)?(?![\w])")
_EMAIL = re.compile(
    r"[\w.+\-]+\s*(?:@|\(at\)|\[at\]|\s+at\s+)\s*[\w\-]+(?:\s*(?:\.|\(dot\)|\[dot\]|\s+dot\s+)\s*[\w\-]+)+",
    re.IGNORECASE)
_HOUSE_NUMBER = r"\d{1,5}(?:\s?[a-zA-Z](?![a-zA-Z]))?(?:\s?[-/]\s?\d{1,4}[a-zA-Z]?)?"
_NOT_POSTCODE_LETTERS = r"(?!(?:en|of|in|op|om|te|ik|je|we|ze|an|at|to|or|is|on|as|by|tm|nr|km)\b)"
_POSTCODE = re.compile(
    r"\b[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2}|\s" + _NOT_POSTCODE_LETTERS + r"[a-z]{2}(?=[\s,]+\d))(?![a-zA-Z])"
    r"(?:[\s,]*(?:nr\.?\s*)?" + _HOUSE_NUMBER + r")?")
_STREET_SUFFIXES = (
    "straat", "laan", "weg", "plein", "singel", "hof", "kade", "gracht", "dreef", "pad", "steeg", "dijk", "erf",
    "plantsoen", "ring", "baan", "markt", "park", "hout", "veld", "wal", "burcht", "stede", "gaarde", "dam",
    "street", "road", "lane", "avenue", "square", "str")
_STREET = re.compile(
    r"\b(?:(?-i:[A-Z])[\w'\-]*\s+){0,3}[\w'\-]*(?:" + "|".join(_STREET_SUFFIXES) + r")\.?\s+(?:nr\.?\s*|nummer\s+)?"
    + _HOUSE_NUMBER + r"\b", re.IGNORECASE)
_HOUSE_ONLY = re.compile(r"\b(?:huisnummer|nummer|nr\.?|house number|number)\s*" + _HOUSE_NUMBER + r"\b",
                         re.IGNORECASE)
_INTRODUCED = re.compile(
    r"\b(?:ik\s+heet|mijn\s+naam\s+is|my\s+name\s+is|i\s+am\s+called|groetjes|groeten|greetings|regards|"
    r"met\s+vriendelijke\s+groet|cheers|naam:|name:)\s*,?\s+([^\W\d_][\w'\-]*(?:\s+[A-Z][\w'\-]*){0,2})",
    re.IGNORECASE)
_INTRODUCED_CAPITAL = re.compile(
    r"\b(?:[Ii]k\s+ben|[Hh]ier\s+is|I\s+am|I'm|[Tt]his\s+is|[Ww]ij\s+zijn|[Ww]e\s+are)\s+"
    r"([A-Z][\w'\-]+(?:\s+(?:van\s+der|van\s+de|van|de|der|den|el|al)?\s*[A-Z][\w'\-]+){0,2})")
_MIN_DIGITS_PHONE = 9


def _phones(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        digits = sum(ch.isdigit() for ch in match.group(0))
        return MASK if digits >= _MIN_DIGITS_PHONE else match.group(0)
    return _PHONE_CANDIDATE.sub(repl, text)


def _names(text: str, names: Iterable[str]) -> str:
    parts = {p for name in names for p in re.split(r"[\s,.;:/()\-]+", name or "") if len(p) >= 3 and p.isalpha()}
    for part in sorted(parts, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", MASK, text, flags=re.IGNORECASE)
    return text


def redact(text: str, *, names: Iterable[str] = ()) -> str:
    """`text` without contact details and without the given (and introduced) names."""
    text = _EMAIL.sub(MASK, text)
    text = _STREET.sub(MASK, text)
    text = _POSTCODE.sub(MASK, text)
    text = _phones(text)
    text = _HOUSE_ONLY.sub(MASK, text)
    text = _INTRODUCED.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + MASK, text)
    text = _INTRODUCED_CAPITAL.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)] + MASK, text)
    text = _names(text, names)
    return re.sub(r"(?:\[…\][\s,]*){2,}", MASK + " ", text).strip()


def known_names(*display_names: str | None, free_text: str = "") -> list[str]:
    """Names the bot knows: display names whole, and the capitalised words of a free answer such as
    'who do you know' ('mijn buurvrouw Els' gives 'Els')."""
    found = [n for n in display_names if n]
    found += [w for w in re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z\u00e0-\u00ff'\-]{2,}", free_text)]
    return found
