"""Phrase patterns as data: how the safety check and the dialogue acts find their phrases in typed text.

A pattern is written the way people type, in any script, and matched on whole words after `fold` (lower
case, no accents, apostrophes or punctuation; Turkish ı, Polish ł and Arabic letter variants folded, so a text
typed without diacritics matches too):

- ``wil niet meer leven``: these words in this order;
- ``snij*``: a word beginning (``snijden``, ``snijd``), for languages that inflect;
- ``(slaat|schopt) me``: one of several words;
- ``wil .. dood``: a gap of up to four words;
- ``(eigen )?``: an optional word (a group with ``?``);
- ``^ja`` / ``ok$``: at the start or the end of the message.

Compiled once per list; `Phrases.found` says which patterns matched, so every decision can be explained.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_APOSTROPHES = re.compile("['’‘`´ʼ]")
_NOT_WORD = re.compile(r"[^\w\s]|_")
FOLD_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ß": "ss", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي",
                       "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": ""})
GAP = r"(?:\S+ ){0,4}"
GAP_MARK = ".."


def fold(text: str) -> str:
    """The text as patterns see it: lower case, letters without accents, words separated by single spaces."""
    text = unicodedata.normalize("NFD", text.casefold().translate(FOLD_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(FOLD_LETTERS)
    return " ".join(_NOT_WORD.sub(" ", _APOSTROPHES.sub("", text)).split())


def _token(token: str) -> str:
    alternatives = token[1:-1].split("|") if token.startswith("(") and token.endswith(")") else [token]
    parts = []
    for alternative in alternatives:
        prefix = alternative.endswith("*")
        word = fold(alternative.rstrip("*"))
        if not word or "(" in alternative or ")" in alternative:
            raise ValueError(f"empty word or nested group in pattern token {token!r}")
        parts.append(re.escape(word).replace(r"\ ", " ") + (r"\w*" if prefix else ""))
    return "(?:" + "|".join(parts) + ")"


def _tokens(text: str) -> list[str]:
    """Words, groups ``(a b|c)`` (spaces allowed inside) and gaps ``..``."""
    tokens, depth, current = [], 0, ""
    for char in text:
        depth += (char == "(") - (char == ")")
        if char.isspace() and depth == 0:
            if current:
                tokens.append(current)
            current = ""
        else:
            current += char
    if depth != 0:
        raise ValueError(f"unbalanced brackets in pattern {text!r}")
    return [*tokens, current] if current else tokens


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """One pattern as a regular expression over folded text with one space after it (see `Phrases.found`):
    every word is followed by a space, so optional words and gaps need no special joints."""
    text = pattern.strip()
    start, end = text.startswith("^"), text.endswith("$")
    tokens = _tokens(text.removeprefix("^").removesuffix("$"))
    if not tokens or GAP_MARK in (tokens[0], tokens[-1]):
        raise ValueError(f"pattern {pattern!r} is empty or starts or ends with a gap")
    body = ""
    for token in tokens:
        if token == GAP_MARK:
            body += GAP
        elif token.endswith("?"):
            body += f"(?:{_token(token.removesuffix('?'))} )?"
        else:
            body += _token(token) + " "
    return re.compile(("^" if start else "(?:^|(?<= ))") + body + ("$" if end else ""))


@dataclass(frozen=True)
class Phrases:
    """A list of patterns, compiled."""

    patterns: tuple[str, ...]
    compiled: tuple[re.Pattern[str], ...]

    @classmethod
    def of(cls, patterns: Iterable[str]) -> Phrases:
        unique = tuple(dict.fromkeys(str(p).strip() for p in patterns if str(p).strip()))
        return cls(unique, tuple(compile_pattern(p) for p in unique))

    def found(self, folded: str) -> list[str]:
        """The patterns that occur in an already folded text."""
        padded = folded + " "
        return [p for p, rx in zip(self.patterns, self.compiled, strict=True) if rx.search(padded)]

    def spans(self, folded: str) -> list[tuple[int, int]]:
        padded = folded + " "
        return [m.span() for rx in self.compiled for m in rx.finditer(padded)]

    def __bool__(self) -> bool:
        return bool(self.patterns)


@lru_cache(maxsize=64)
def compiled(patterns: tuple[str, ...]) -> Phrases:
    """A content list of patterns, compiled once: the lists of a loaded content model are read per message."""
    return Phrases.of(patterns)


def without(folded: str, phrases: Phrases) -> str:
    """The folded text with every occurrence of these phrases taken out (hyperbole before the safety check)."""
    spans = sorted(phrases.spans(folded))
    if not spans:
        return folded
    kept, last = [], 0
    for begin, end in spans:
        if begin >= last:
            kept.append(folded[last:begin])
            last = end
        else:
            last = max(last, end)
    kept.append(folded[last:])
    return " ".join(" ".join(kept).split())
