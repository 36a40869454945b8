"""What is on in a wijk: the planned activities and the regular ones of its places (content), for /activiteiten,
"wat is er deze week te doen?" between the questions, and anything else that says what is on. One place, so no
answer says "nothing planned" while the wijk's coffee morning is on every week."""

from __future__ import annotations

from bot.infra.content import Wijk
from bot.infra.i18n import _, current_locale, weekday_name


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
