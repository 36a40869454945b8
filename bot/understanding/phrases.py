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
from dataclasses import dataclass, field
from functools import cache, lru_cache

_APOSTROPHES = re.compile("['’‘`´ʼ]")
_NOT_WORD = re.compile(r"[^\w\s]|_")
FOLD_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ß": "ss", "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي",
                       "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": ""})
GAP = r"(?:\S+ ){0,4}"
GAP_MARK = ".."


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """The text as patterns see it: lower case, letters without accents, words separated by single spaces
    (kept for the texts seen last: one message is folded again by every check that reads it)."""
    text = unicodedata.normalize("NFD", text.casefold().translate(FOLD_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(FOLD_LETTERS)
    return " ".join(_NOT_WORD.sub(" ", _APOSTROPHES.sub("", text)).split())


@cache
def _fold_word(word: str) -> str:
    """`fold` for the words of patterns (a finite list, folded again for every pattern that shares them)."""
    return fold(word)


def _token(token: str) -> str:
    alternatives = token[1:-1].split("|") if token.startswith("(") and token.endswith(")") else [token]
    parts = []
    for alternative in alternatives:
        prefix = alternative.endswith("*")
        word = _fold_word(alternative.rstrip("*"))
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


@cache
def _expression(pattern: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """A pattern as the source of a regular expression over folded text with one space after it (see
    `Phrases.found`; every word is followed by a space, so optional words and gaps need no special joints),
    and the words its first required token can begin with: whole words, and word beginnings (``snij*``)."""
    text = pattern.strip()
    start, end = text.startswith("^"), text.endswith("$")
    tokens = _tokens(text.removeprefix("^").removesuffix("$"))
    if not tokens or GAP_MARK in (tokens[0], tokens[-1]):
        raise ValueError(f"pattern {pattern!r} is empty or starts or ends with a gap")
    body = ""
    words: tuple[str, ...] = ()
    beginnings: tuple[str, ...] = ()
    for token in tokens:
        if token == GAP_MARK:
            body += GAP
        elif token.endswith("?"):
            body += f"(?:{_token(token.removesuffix('?'))} )?"
        else:
            body += _token(token) + " "
            if not words and not beginnings:  # the first required token: every token has an alternative
                words, beginnings = _first_words(token)
    return ("^" if start else "(?:^|(?<= ))") + body + ("$" if end else ""), words, beginnings


def _first_words(token: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the first word of a text span matching this token is: one of these words, or begins with one of
    these beginnings (a one-word alternative ending in ``*``)."""
    alternatives = token[1:-1].split("|") if token.startswith("(") and token.endswith(")") else [token]
    words, beginnings = [], []
    for alternative in alternatives:
        folded = _fold_word(alternative.rstrip("*")).split(" ")
        if alternative.endswith("*") and len(folded) == 1:
            beginnings.append(folded[0])
        else:
            words.append(folded[0])
    return tuple(words), tuple(beginnings)


def check_pattern(pattern: str) -> None:
    """Raises ValueError for a malformed pattern (content validation at start-up, without compiling)."""
    _expression(pattern)


def check_patterns(labelled: Iterable[tuple[str, str]]) -> None:
    """Raises one ValueError naming every malformed pattern of (where, pattern) pairs (content validation)."""
    problems = []
    for where, pattern in labelled:
        try:
            check_pattern(str(pattern))
        except Exception as exc:  # a ValueError, or re.error from the built expression
            problems.append(f"{where}: {pattern!r}: {exc}")
    if problems:
        raise ValueError("; ".join(problems))


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """One pattern as a regular expression over folded text with one space after it (see `Phrases.found`);
    compiled once per process, and only when a text could contain it."""
    return re.compile(_expression(pattern)[0])


@dataclass(frozen=True)
class Phrases:
    """A list of patterns, each compiled the first time a text holds a word it starts with.

    There are some fifteen thousand patterns in the lexicons: compiling them all took seconds at every start,
    and searching them all took most of the time a message costs. A pattern can only match where its first
    required word stands, so only the patterns whose first word the text has are searched."""

    patterns: tuple[str, ...]
    words: dict[str, tuple[int, ...]] = field(compare=False, hash=False, repr=False, default_factory=dict)
    beginnings: dict[str, tuple[int, ...]] = field(compare=False, hash=False, repr=False, default_factory=dict)
    lengths: tuple[int, ...] = field(compare=False, hash=False, repr=False, default=())
    always: tuple[int, ...] = field(compare=False, hash=False, repr=False, default=())

    @classmethod
    def of(cls, patterns: Iterable[str]) -> Phrases:
        unique = tuple(dict.fromkeys(str(p).strip() for p in patterns if str(p).strip()))
        words: dict[str, list[int]] = {}
        beginnings: dict[str, list[int]] = {}
        always = []
        for index, pattern in enumerate(unique):
            _, first, begins = _expression(pattern)
            if not first and not begins:
                always.append(index)
            for word in first:
                words.setdefault(word, []).append(index)
            for begin in begins:
                beginnings.setdefault(begin, []).append(index)
        return cls(unique, {w: tuple(i) for w, i in words.items()}, {b: tuple(i) for b, i in beginnings.items()},
                   tuple(sorted({len(b) for b in beginnings})), tuple(always))

    def _candidates(self, padded: str) -> list[int]:
        found = set(self.always)
        for word in set(padded.split(" ")):
            found.update(self.words.get(word, ()))
            for length in self.lengths:
                if length > len(word):
                    break
                found.update(self.beginnings.get(word[:length], ()))
        return sorted(found)

    def found(self, folded: str) -> list[str]:
        """The patterns that occur in an already folded text."""
        padded = folded + " "
        return [self.patterns[i] for i in self._candidates(padded) if compile_pattern(self.patterns[i]).search(padded)]

    def spans(self, folded: str) -> list[tuple[int, int]]:
        padded = folded + " "
        return [m.span() for i in self._candidates(padded) for m in compile_pattern(self.patterns[i]).finditer(padded)]

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
