"""The people in an answer to "who do you know?": several people in one answer, and a person's name or role
without what is said about them ("jan de fietsenmaker, mijn buurman kees en de mensen van de kerk" is three
people; "je buurvrouw marja loopt elke avond met de hond mee" is one, "je buurvrouw marja").

The words that name a relation (buurman, friend …) are content: `people` in content/idea_words.yaml.
"""

from __future__ import annotations

import re

from bot.understanding.idea_words import IdeaWords

LIST = re.compile(r"\s*[,;/&+\n]\s*(?:(?:en|and|plus)\s+)?|\s+(?:en|and|plus)\s+|(?<=[.!?])\s+", re.IGNORECASE)
"""Where one person ends and the next begins (a sentence's end too: "joost. oh and my landlady")."""
DESCRIPTION = re.compile(r"\s*[:(]|\s+-\s+(?!\S+(?:\s+\S+)?\s*$)"
                         r"|(?:^|\s+)(?:die|dat|wie|waar|hij|zij|ze|who|that|which|whose|he|she|they)\b",
                         re.IGNORECASE)
"""Where a person ends and what is said about them begins: 'mijn buurvrouw Fatima die …'."""
SHORT = 5
"""A part of at most this many words is a name or a role ("de mensen van de kerk"); a longer one is a sentence."""
FUNCTION_WORDS = frozenset((
    "de", "het", "een", "van", "in", "op", "bij", "uit", "met", "voor", "aan", "naar", "om", "te", "is", "was",
    "loopt", "kan", "wil", "doet", "heeft", "gaat", "komt", "al", "ook",  # not "zijn": "zijn vader"
    "the", "a", "an", "of", "on", "at", "from", "with", "for", "to", "are", "can", "will", "does", "has", "goes",
    "comes", "also",
))
YOURS = {"mijn": "je", "m'n": "je", "mn": "je", "my": "your"}
OPENING = re.compile(r"^(?:(?:like|as) i said|zoals (?:ik )?(?:zei|gezegd)|(?:oh|o|ah|and|en|also|ook|plus|well|nou|"
                     r"lol|haha|btw|trouwens)\b)[\s,.!]*", re.IGNORECASE)
"""Words a part may open with that are no person: "like i said, my friends", "oh and my landlady"."""


def people_in(text: str, words: IdeaWords) -> list[str]:
    """The people named in a text, as typed (without what is said about them)."""
    found: list[str] = []
    for part in LIST.split(text.strip()):
        while (opening := OPENING.match(part)) is not None and opening.end():
            part = part[opening.end():]
        person = DESCRIPTION.split(part, maxsplit=1)[0].strip(" .!?\"'")
        tokens = person.split()
        if not tokens or tokens[0].casefold() in FUNCTION_WORDS - {"de", "het", "een", "the", "a", "an"}:
            continue
        if len([t for t in tokens if t.strip("-")]) > SHORT:
            person = _relation(tokens, words)
        if person and person.casefold() not in (f.casefold() for f in found):
            found.append(person)
    return found


def _relation(tokens: list[str], words: IdeaWords) -> str:
    """In a longer sentence only the person: a relation word and the name right after it ("buurvrouw marja")."""
    relations = {w.casefold() for w in words.people}
    for i, token in enumerate(tokens):
        if token.casefold().strip(",.") in relations:
            end = i + 1
            if end < len(tokens) and tokens[end].casefold() not in FUNCTION_WORDS:
                end += 1
            return " ".join(tokens[:end])
    return ""


def as_yours(person: str) -> str:
    """'mijn buurman Henk' → 'je buurman Henk': the resident's words, said back to them."""
    first, _sep, rest = person.partition(" ")
    yours = YOURS.get(first.casefold())
    return f"{yours} {rest}" if yours and rest else person


def swapped(known: str, correction: str, words: IdeaWords) -> str | None:
    """The answer to "who do you know?" after a correction of one person in it ("wait, not his dad, his mum",
    "niet zijn vader maar zijn moeder", "de trainer van dylan in plaats van de trainer van de club"): the person
    named as wrong is replaced, as typed, by the one named instead. None when the text is no such swap, or the
    person named as wrong is not in the answer."""
    for pattern in words.swaps:
        match = re.search(pattern, correction.strip(), re.IGNORECASE)
        if match is None:
            continue
        old, new = match.group("old").strip(" .!?,"), match.group("new").strip(" .!?,")
        if not old or not new:
            continue
        at = known.casefold().find(old.casefold())
        if at < 0:
            return None
        return known[:at] + new + known[at + len(old):]
    return None
