"""What is on in a wijk: the planned activities and the regular ones of its places (content), for /activiteiten,
"wat is er deze week te doen?" between the questions, and anything else that says what is on. One place, so no
answer says "nothing planned" while the wijk's coffee morning is on every week."""

from __future__ import annotations

from rapidfuzz import fuzz

from bot.infra.content import Place, RegularActivity, Wijk
from bot.infra.i18n import _, current_locale, weekday_name
from bot.understanding.answers import plain

NAME_MATCH = 88
"""How close (rapidfuzz partial ratio, 0-100) typed words must be to a regular activity's name: "buurtinlop" is
the "Buurtinloop", "tuinieren" alone is not "Samen tuinieren"."""
DISTINCT_WORD = 4
"""The shortest word of an activity's names that may say which one is meant on its own ("kawa", "coffee")."""


def place_name(name: str, example: bool) -> str:
    return name + (" " + _("(example, not confirmed yet)") if example else "")


def regular_lines(wijk: Wijk) -> list[str]:
    """The regular activities of a wijk's places (content): what is on every week, in the current language."""
    lines = []
    for place in wijk.places:
        for regular in place.regular:
            hours = regular.start + (f"–{regular.end}" if regular.end else "")
            line = _("{what}: every {weekday}, {hours}, {place}").format(
                what=regular.title.get(current_locale()), weekday=weekday_name(regular.weekday), hours=hours,
                place=place.name)
            lines.append("• " + line + (" " + _("(example, not confirmed yet)") if regular.example or place.example
                                        else ""))
    return lines


def regular_named(wijk: Wijk, text: str) -> tuple[Place, RegularActivity] | None:
    """The one regular activity of the wijk's places that a text names, in any of its languages ("ik kom naar de
    koffieochtend", "i'll come to the coffee morning"); None when it names none or several."""
    typed = plain(text)
    found = []
    for place in wijk.places:
        for regular in place.regular:
            names = {plain(name) for name in _names(regular) if len(plain(name)) >= 5}
            if any(fuzz.partial_ratio(name, typed) >= NAME_MATCH for name in names if len(typed) >= len(name) - 1):
                found.append((place, regular))
    return found[0] if len(found) == 1 else None


def _names(regular: RegularActivity) -> list[str]:
    return [*regular.title.root.values(), *(name for names in regular.also_called.values() for name in names)]


def regular_meant(wijk: Wijk, text: str) -> tuple[Place, RegularActivity] | None:
    """The one regular activity a question about an activity means: named (`regular_named`), or by a word of its
    names that no other activity of the wijk has ("the coffee one, can i bring my mum?", "a ta z kawą?")."""
    named = regular_named(wijk, text)
    if named is not None:
        return named
    typed = [w for w in plain(text).split() if len(w) >= DISTINCT_WORD]
    regulars, owned = _own_words(wijk)
    meant = {number for word, number in owned if any(fuzz.ratio(word, t) >= NAME_MATCH for t in typed)}
    return regulars[meant.pop()] if len(meant) == 1 else None


CACHED_WIJKEN = 256
"""At most this many wijken are remembered by `_own_words` (once more, the table starts again)."""
_OWN_WORDS: dict[int, tuple[Wijk, list[tuple[Place, RegularActivity]], list[tuple[str, int]]]] = {}
"""Per wijk (content does not change once loaded), its regular activities and the words of their names that only
one of them has, with its number: built once, not for every question."""


def _own_words(wijk: Wijk) -> tuple[list[tuple[Place, RegularActivity]], list[tuple[str, int]]]:
    cached = _OWN_WORDS.get(id(wijk))
    if cached is not None and cached[0] is wijk:
        return cached[1], cached[2]
    owners: dict[str, set[int]] = {}
    regulars = [(place, regular) for place in wijk.places for regular in place.regular]
    for number, (_place, regular) in enumerate(regulars):
        for name in _names(regular):
            for word in plain(name).split():
                if len(word) >= DISTINCT_WORD:
                    owners.setdefault(word, set()).add(number)
    owned = [(word, next(iter(numbers))) for word, numbers in owners.items() if len(numbers) == 1]
    if len(_OWN_WORDS) >= CACHED_WIJKEN:  # content loaded again and again (tests): no growing without end
        _OWN_WORDS.clear()
    _OWN_WORDS[id(wijk)] = (wijk, regulars, owned)
    return regulars, owned


def walk_in_text(place: Place, regular: RegularActivity) -> str:
    """The true answer to "I'll come to the coffee morning": it is a walk-in, on this day and time, at this place."""
    hours = regular.start + (f"–{regular.end}" if regular.end else "")
    said = _("Nice! No need to sign up for the {what}: just walk in. It is every {weekday}, {hours}, at {place}.")
    text = said.format(
        what=regular.title.get(current_locale()), weekday=weekday_name(regular.weekday), hours=hours, place=place.name)
    if regular.example or place.example:
        text += " " + _("(example, not confirmed yet)")
    return text
