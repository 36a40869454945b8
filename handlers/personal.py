"""Personal needs get warmth, not a form: loneliness, needing a hand, just having moved in.

Never saved as an idea. The answer acknowledges kindly and offers what is near: the wijk's low-threshold
places and their regular activities, the welfare contact and the connector, where to meet them in person,
and what is on this week.
"""

from __future__ import annotations

from datetime import timedelta

from bot.content import Wijk
from bot.conversation import Context
from bot.crud import activities as activities_crud
from bot.i18n import _, current_locale, format_datetime, weekday_name
from handlers.meetings import contact_block

WEEK = timedelta(days=7)
PLACES_SHOWN = 3


def place_lines(wijk: Wijk, limit: int = PLACES_SHOWN) -> list[str]:
    """The places to meet with a regular activity first: somewhere you can simply walk in."""
    places = sorted(wijk.places, key=lambda p: not p.regular)[:limit]
    lines = []
    for place in places:
        lines.append(f"📍 {place.name} — {place.description.get(current_locale())}")
        for regular in place.regular:
            line = _("{what}: every {weekday}").format(
                what=regular.title.get(current_locale()), weekday=weekday_name(regular.weekday))
            lines.append("   • " + line + (" " + _("(example, not confirmed yet)") if regular.example else ""))
    return lines


def this_week(ctx: Context, wijk: Wijk) -> list[str]:
    upcoming = activities_crud.upcoming(ctx.session, wijk_id=wijk.id, now=ctx.now, limit=5)
    return ["🗓️ " + _("{title}, {when}").format(title=a.title, when=format_datetime(a.starts_at))
            for a in upcoming if a.starts_at <= ctx.now + WEEK]


async def answer(ctx: Context, *, newcomer: bool) -> None:
    """A personal need or a newcomer, typed anywhere (free text or at the idea question)."""
    wijk = ctx.wijk
    if newcomer:
        ctx.reply(_("Welcome to the neighbourhood! How nice that you are here. Let me show you around a little."))
    else:
        ctx.reply(_("Thank you for telling me, that is not always easy. You don't have to sort this out alone: "
                    "there are people and places nearby where you are welcome."))
    if wijk is None:
        ctx.reply(_("Tell me your neighbourhood first (/neighbourhood), then I can show you places and people nearby."),
                  [Context.command("wijk", _("🏘️ My neighbourhood"))])
        return
    lines: list[str] = []
    if newcomer:
        lines.append(wijk.description.get(current_locale()))
    if places := place_lines(wijk):
        lines += ["", _("Places where you can simply walk in:"), *places]
    roles = ("aanjager", "welzijn") if newcomer else ("welzijn", "aanjager")
    people = [c for role in roles for c in ctx.content.contacts_with_role(wijk.id, role)[:1]]
    if people:
        lines += ["", _("People who know the neighbourhood and are glad to meet you:")]
        for contact in people:
            lines += contact_block(contact)
    if week := this_week(ctx, wijk):
        lines += ["", _("On this week:"), *week]
    ctx.reply("\n".join(lines).strip(), [
        Context.command("plekken", _("📍 Places to meet")),
        Context.command("activiteiten", _("🗓️ Activities")),
    ])
