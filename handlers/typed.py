"""Typed answers in the idea conversation and its handover, until every step goes through the one answer
resolver: a tapped option, or the same answer typed in words (nl and en, small typos allowed)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from difflib import get_close_matches

from bot.events import Incoming, Kind

YES = frozenset({"ja", "jawel", "jazeker", "klopt", "dat klopt", "ja klopt", "ok", "oke", "oké", "okay", "prima",
                 "goed", "zeker", "graag", "ja graag", "ja hoor", "jep", "jup", "doe maar", "yes", "yep", "yeah",
                 "sure", "right", "correct", "please", "yes please", "👍"})
NO = frozenset({"nee", "neen", "nope", "no", "niet", "klopt niet", "not really", "nee hoor", "no thanks"})
DONE = frozenset({"klaar", "verder", "dat was het", "done", "next", "ready", "finished"})
SKIP = frozenset({"weet ik niet", "weet ik nog niet", "geen idee", "nog niet", "sla over", "overslaan", "gewoon verder",
                  "skip", "don't know", "dont know", "not sure", "not yet", "not now", "nu niet", "later", "just go on",
                  "-"})


def plain(msg: Incoming) -> str:
    return msg.text.strip().casefold().replace("’", "'").strip("!.?, ") if msg.kind is Kind.TEXT else ""


def said(msg: Incoming, choice: str, words: Iterable[str]) -> bool:
    """The option `choice` was tapped, or one of `words` was typed."""
    return msg.choice == choice if msg.kind is Kind.CHOICE else plain(msg) in frozenset(words)


def keyword_choice(msg: Incoming, table: Mapping[str, Iterable[str]]) -> str | None:
    """The one key whose keywords occur in the typed text (a close typo of a long word counts); None if
    none or several do."""
    if msg.kind is Kind.CHOICE:
        return msg.choice
    text = plain(msg)
    spaced, typed = f" {text} ", text.split()
    found = []
    for key, words in table.items():
        words = list(words)
        if any(f" {w}" in spaced for w in words) or any(
                len(t) >= 5 and get_close_matches(t, [w for w in words if len(w) >= 5], n=1, cutoff=0.8)
                for t in typed):
            found.append(key)
    return found[0] if len(found) == 1 else None
