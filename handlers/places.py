"""Places to meet (bumping spaces) in your wijk, their regular activities and what is coming up there."""

from __future__ import annotations

from bot.core.conversation import Context
from bot.infra.content import Place
from bot.infra.crud import activities as activities_crud
from bot.infra.i18n import _, current_locale, format_datetime, weekday_name
from bot.services.contacts import in_person


def place_name(place: Place) -> str:
    """The place's name as residents see it: a placeholder place says so, in their language."""
    return place.name + (" " + _("(example, not confirmed yet)") if place.example else "")


async def places(ctx: Context) -> None:
    """/plekken"""
    wijk = ctx.wijk
    assert wijk is not None
    upcoming = activities_crud.upcoming(ctx.session, wijk_id=wijk.id, now=ctx.now, limit=20)
    lines = [_("Places to meet in {wijk}:").format(wijk=wijk.name)]
    for place in wijk.places:
        lines.append(f"\n📍 {place_name(place)}" + (f" — {place.address}" if place.address else ""))
        lines.append(f"   {place.description.get(current_locale())}")
        for regular in place.regular:
            hours = regular.start + (f"–{regular.end}" if regular.end else "")
            line = _("{what}: every {weekday}, {hours}").format(
                what=regular.title.get(current_locale()), weekday=weekday_name(regular.weekday), hours=hours)
            lines.append("   • " + line + (" " + _("(example, not confirmed yet)") if regular.example else ""))
        for activity in [a for a in upcoming if a.place == place.name][:3]:
            lines.append("   🗓️ " + _("{title}, {when}").format(title=activity.title,
                                                                when=format_datetime(activity.starts_at)))
    meetings = [line for role in ("aanjager", "welzijn") for contact in ctx.content.contacts_with_role(wijk.id, role)
                for line in in_person(contact)]
    if meetings:
        lines += ["", _("Rather meet someone in person?"), *[f"🤝 {line}" for line in meetings]]
    ctx.reply("\n".join(lines), [Context.command("activiteiten", _("🗓️ All activities"))])
