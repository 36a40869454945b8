"""Personal needs get warmth, not a form: loneliness, needing a hand, just having moved in.

Never saved as an idea. The answer acknowledges kindly and offers what is near: the wijk's low-threshold
places and their regular activities, the welfare contact and the connector, where to meet them in person,
and what is on this week; and, double opt-in, a neighbour who offered company or a hand (handlers/matching.py):
the neighbour hears only what kind of help, never who asks, and the two talk only after the neighbour's yes.
"""

from __future__ import annotations

from datetime import timedelta

from bot.core.app import App
from bot.core.commands import cmd
from bot.core.conversation import Context
from bot.core.events import Reply
from bot.infra.content import Contact, Wijk
from bot.infra.crud import activities as activities_crud
from bot.infra.i18n import _, current_locale, format_datetime, weekday_name
from bot.infra.models import HelpRequest
from bot.services import matching as matching_service
from bot.services.contacts import channel_lines, in_person
from bot.understanding.gifts import load_gifts
from handlers import matching
from handlers.places import place_name

WEEK = timedelta(days=7)
PLACES_SHOWN = 3
NEIGHBOUR_GIFTS = ("gezelschap", "boodschappen")
"""What a neighbour can offer for a personal need (content/gifts.yaml); the first is the default."""
PRACTICAL = "boodschappen"


def wanted_gift(app: App, text: str) -> str:
    """A practical need ("boodschappen") wins over company: "I can't walk far" is about the shopping."""
    mentioned = load_gifts(app.settings.content_dir).in_text(text)
    return PRACTICAL if PRACTICAL in mentioned else NEIGHBOUR_GIFTS[0]


def contact_block(contact: Contact) -> list[str]:
    """A contact as residents see it: who, what they do, how to reach them, where to meet them."""
    lines = [f"👤 {contact.name} ({contact.organisation_label()})", f"   {contact.description.get(current_locale())}"]
    lines += [f"   • {line}" for line in channel_lines(contact)]
    lines += [f"   🤝 {line}" for line in in_person(contact)]
    return lines


def place_lines(wijk: Wijk, limit: int = PLACES_SHOWN) -> list[str]:
    """The places to meet with a regular activity first: somewhere you can simply walk in."""
    places = sorted(wijk.places, key=lambda p: not p.regular)[:limit]
    lines = []
    for place in places:
        lines.append(f"📍 {place_name(place)} — {place.description.get(current_locale())}")
        for regular in place.regular:
            line = _("{what}: every {weekday}").format(
                what=regular.title.get(current_locale()), weekday=weekday_name(regular.weekday))
            lines.append("   • " + line + (" " + _("(example, not confirmed yet)") if regular.example else ""))
    return lines


def this_week(ctx: Context, wijk: Wijk) -> list[str]:
    upcoming = activities_crud.upcoming(ctx.session, wijk_id=wijk.id, now=ctx.now, limit=5)
    return ["🗓️ " + _("{title}, {when}").format(title=a.title, when=format_datetime(a.starts_at))
            for a in upcoming if a.starts_at <= ctx.now + WEEK]


async def answer(ctx: Context, *, newcomer: bool, text: str = "") -> None:
    """A personal need or a newcomer, typed anywhere (free text or at the idea question)."""
    wijk = ctx.wijk
    gift = wanted_gift(ctx.app, text)
    if newcomer:
        ctx.reply(_("Welcome to the neighbourhood! How nice that you are here. Let me show you around a little."))
    elif gift == PRACTICAL:
        ctx.reply(_("Good that you ask! Neighbours often like to lend a hand, and there are people nearby "
                    "who can help you find one."))
    else:
        ctx.reply(_("Thank you for telling me, that is not always easy. You don't have to sort this out alone: "
                    "there are people and places nearby where you are welcome."))
    if wijk is None:
        ctx.reply(_("Tell me your neighbourhood first ({cmd}), then I can show you places and people nearby.")
                  .format(cmd=cmd("wijk")),
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
    if ctx.has_consent() and matching_service.offering(ctx.session, wijk_id=wijk.id, categories=[gift],
                                                       exclude=ctx.user.id):
        ctx.reply(_("There are neighbours who offered \"{what}\". Shall I ask one of them? I only tell them what "
                    "kind of help it is, not who you are; they decide themselves.").format(
                        what=matching_service.labels(ctx.app, [gift])),
                  [Context.action("need", "ask", gift, label=_("Yes, ask a neighbour")),
                   Context.action("need", "no", gift, label=_("No, thanks"))])


async def need_action(ctx: Context, args: list[str]) -> None:
    """`!need:<ask|no>:<gift>`: anyone in a wijk may ask for themselves; the gift must be one of NEIGHBOUR_GIFTS."""
    if len(args) != 2 or args[1] not in NEIGHBOUR_GIFTS or ctx.wijk is None or not ctx.has_consent():
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    if args[0] != "ask":
        ctx.reply(_("Okay! The places and people above are there whenever you like."))
        return
    gift = args[1]
    found = matching_service.offering(ctx.session, wijk_id=ctx.wijk.id, categories=[gift], exclude=ctx.user.id)
    if any(matching.ask(ctx, neighbour_id, [gift], lambda request: _question(ctx.app, gift, request))
           for neighbour_id in found):
        ctx.reply(_("I asked a neighbour. As soon as they say yes, you can send each other messages through me; "
                    "your name and details stay with me until you share them yourself."))
    else:
        ctx.reply(_("The neighbours who offered this were asked recently, so I'll let them rest a little. "
                    "The people above are glad to help you in the meantime."))


def _question(app: App, gift: str, request: HelpRequest) -> Reply:
    """What the neighbour sees, in their language: the kind of help only, no name, no words of the asker."""
    what = matching_service.labels(app, [gift])
    return Reply(
        _("A neighbour in your neighbourhood would like \"{what}\" — that is what you offered. Would you like to "
          "help? Their name and yours stay with me unless you both want to share them.").format(what=what),
        (Context.action("help", "yes", request.id, label=_("Yes, I'd like to help"), family="yes"),
         Context.action("help", "no", request.id, label=_("Not this time"), family="no"),
         Context.action("help", "never", request.id, label=_("Don't ask me again"), family="never")),
    )
