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
            said = [*regular.title.root.values(), *(name for names in regular.also_called.values() for name in names)]
            names = {plain(name) for name in said if len(plain(name)) >= 5}
            if any(fuzz.partial_ratio(name, typed) >= NAME_MATCH for name in names if len(typed) >= len(name) - 1):
                found.append((place, regular))
    return found[0] if len(found) == 1 else None


def walk_in_text(place: Place, regular: RegularActivity) -> str:
    """The true answer to "I'll come to the coffee morning": it is a walk-in, on this day and time, at this place."""
    hours = regular.start + (f"–{regular.end}" if regular.end else "")
    said = _("Nice! No need to sign up for the {what}: just walk in. It is every {weekday}, {hours}, at {place}.")
    text = said.format(
        what=regular.title.get(current_locale()), weekday=weekday_name(regular.weekday), hours=hours, place=place.name)
    if regular.example or place.example:
        text += " " + _("(example, not confirmed yet)")
    return text
