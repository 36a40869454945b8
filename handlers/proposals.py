"""Residents on the agenda: a resident proposes an activity; the wijk's aanjager approves it with one tap,
or trusts the resident so their next activities go live at once. It then shows in /activiteiten like any
other, with the resident as organiser (their name stays with the bot)."""

from __future__ import annotations

from datetime import datetime

from bot.core import permissions
from bot.core.commands import cmd
from bot.core.conversation import Context, Flow
from bot.core.events import Incoming, Kind, Reply
from bot.core.text import shorten
from bot.infra.crud import activities as activities_crud
from bot.infra.i18n import _
from bot.infra.models import Activity, TrustedOrganiser, User
from bot.services.activities import describe
from bot.services.notify import notify
from bot.understanding.dates import could_be_evening, parse, parse_day
from handlers import activity_create

flow = Flow("proposal")
MAX_TITLE = 120


async def start(ctx: Context) -> None:
    """/voorstel: propose an activity for the neighbourhood agenda."""
    await ctx.start("proposal", "title", wijk=ctx.user.wijk_id)


@flow.ask("title")
async def ask_title(ctx: Context) -> None:
    ctx.reply(_("Lovely that you want to organise something! What are you going to do? A short title, "
                "for example \"Filling the planters together\"."))


@flow.answer("title", free_text=True, slot="title")
async def got_title(ctx: Context, msg: Incoming) -> None:
    title = msg.text.strip() if msg.kind is Kind.TEXT else ""
    if len(title) < 3:
        ctx.reply(_("Tell me a little more about it, a few words are enough."))
        return
    title, day_text = _title_and_day(ctx, title)
    ctx.remember(title=title[:MAX_TITLE])
    when = parse(day_text, now=ctx.now, tz=ctx.app.settings.tz) if day_text else None
    ambiguous = when is not None and could_be_evening(day_text)  # "zaterdag half 8": ask, don't guess 07:30
    if when is not None and (when.starts_at > ctx.now or ambiguous):
        ctx.remember(starts_at=when.starts_at.isoformat(), ends_at=when.ends_at.isoformat() if when.ends_at else None)
        await ctx.goto("ampm" if ambiguous else "place")  # "Buurtbarbecue zaterdag 12 dec 17:00": read, not asked
        return
    if day_text:
        ctx.remember(day_text=day_text)  # "street party on saturday": only the time is asked
    await ctx.goto("when")


TITLE_JOINS = frozenset({"op", "om", "on", "at", "-", "–", ",", "van", "vanaf", "from", "this", "deze", "next",
                         "volgende", "komende", "aanstaande"})
"""Words between a title and its date ("Straatfeest op zaterdag"), left off the title. Only those before the day."""


def _title_and_day(ctx: Context, typed: str) -> tuple[str, str]:
    """A title typed with its date ("Buurtbarbecue zaterdag 12 dec 17:00", "street party on saturday"): the title
    without it, and the date as typed (a day and time, or a day only); ("", "") stays out when there is none."""
    words = typed.split()
    tz = ctx.app.settings.tz
    for start in range(1, len(words)):
        tail = " ".join(words[start:])
        when = parse(tail, now=ctx.now, tz=tz)
        if (when is not None and not when.passed) or parse_day(tail, now=ctx.now, tz=tz) is not None:
            head = words[:start]
            while head and head[-1].casefold().strip(",") in TITLE_JOINS:
                head = head[:-1]
            title = " ".join(head).strip(" ,-–")
            day = words[start:]
            while len(day) > 1 and day[0].casefold().strip(",") in TITLE_JOINS:  # "on saturday": "saturday"
                day = day[1:]
            return (title, " ".join(day)) if len(title) >= 3 else (typed, "")
    return typed, ""


@flow.ask("when")
async def ask_when(ctx: Context) -> None:
    if ctx.data.get("day_text"):
        ctx.reply(_("What time does it start on {day}? For example 10:00 or 19:30-21:00.").format(
            day=ctx.data["day_text"]))
        return
    ctx.reply(_("When is it? For example \"za 12 dec 10:00\" or \"morgen 19:30\"."))


@flow.answer("when", free_text=True, slot="when")
async def got_when(ctx: Context, msg: Incoming) -> None:
    when = parse(msg.text, now=ctx.now, tz=ctx.app.settings.tz) if msg.kind is Kind.TEXT else None
    if when is None and msg.kind is Kind.TEXT and ctx.data.get("day_text"):  # the time, for the day in the title
        when = parse(f"{ctx.data['day_text']} {msg.text}", now=ctx.now, tz=ctx.app.settings.tz)
    ambiguous = when is not None and could_be_evening(msg.text)  # "zaterdag half 8": ask, don't guess 07:30
    if when is None or (when.starts_at <= ctx.now and not ambiguous):
        ctx.reply(_("I can't read that date, or it has passed. Try \"za 12 dec 10:00\" or \"morgen 19:30\"."))
        return
    ctx.remember(starts_at=when.starts_at.isoformat(), ends_at=when.ends_at.isoformat() if when.ends_at else None)
    await ctx.goto("ampm" if ambiguous else "place")


flow.ask("ampm")(activity_create.ask_ampm)


@flow.answer("ampm")
async def got_ampm(ctx: Context, msg: Incoming) -> None:
    await activity_create.answer_ampm(ctx, msg, then="place")


@flow.ask("place")
async def ask_place(ctx: Context) -> None:
    ctx.reply(_("Where? Type a place or an address."))


@flow.answer("place", free_text=True, slot="place")
async def got_place(ctx: Context, msg: Incoming) -> None:
    place = msg.text.strip()[:200] if msg.kind is Kind.TEXT else ""
    if not place:
        await ctx.ask_current()
        return
    wijk_id = str(ctx.data["wijk"])
    activity = Activity(wijk_id=wijk_id, created_by=ctx.user.id, title=str(ctx.data["title"]),
                        starts_at=datetime.fromisoformat(str(ctx.data["starts_at"])), place=place,
                        ends_at=datetime.fromisoformat(str(ctx.data["ends_at"])) if ctx.data.get("ends_at") else None,
                        help_wanted=True, created_at=ctx.now)
    trusted = ctx.session.get(TrustedOrganiser, (ctx.user.id, wijk_id)) is not None
    activity.approved = trusted
    ctx.session.add(activity)
    ctx.session.flush()
    ctx.end()
    if trusted:
        ctx.reply(_("It is on the agenda! Neighbours see it under {cmd}, with you as organiser.")
                  .format(cmd=cmd("activiteiten")))
        return
    aanjagers = _aanjagers(ctx, wijk_id)
    for aanjager in aanjagers:
        notify(ctx.app, ctx.session, aanjager, lambda: _approval_request(activity),
               now=ctx.now, kind="proposal", ref=f"proposal:{activity.id}", about=ctx.user.id)
    if aanjagers:
        ctx.reply(_("Thank you! The aanjager of your neighbourhood puts it on the agenda with one tap; "
                    "I'll let you know."))
    else:
        ctx.reply(_("Thank you! There is no aanjager in the bot for your neighbourhood yet, so your activity "
                    "waits. I'll let you know as soon as it is on the agenda."))


def _aanjagers(ctx: Context, wijk_id: str) -> list[User]:
    users = activities_crud.aanjagers_of(ctx.session, wijk_id=wijk_id)
    return [u for u in users if u.id != ctx.user.id and not u.unreachable]


def _approval_request(activity: Activity) -> Reply:
    return Reply(
        _("A resident proposes an activity for the agenda. They organise it themselves:") + "\n\n"
        + describe(activity),
        (Context.action("prop", "ok", activity.id, label=_("✅ Put it on the agenda"), family="yes"),
         Context.action("prop", "trust", activity.id, label=_("🤝 Yes, and trust this resident from now on")),
         Context.action("prop", "no", activity.id, label=_("💬 Not like this"), family="no")),
    )


async def proposal_action(ctx: Context, args: list[str]) -> None:
    """`!prop:<ok|trust|no>:<activity>`: only an aanjager of the activity's wijk."""
    activity = ctx.row(Activity, args[1]) if len(args) == 2 else None
    if activity is None or args[0] not in ("ok", "trust", "no") or not permissions.may_organise(
            ctx.session, user=ctx.user, wijk_id=activity.wijk_id):
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    if activity.approved or activity.cancelled:
        ctx.reply(_("This proposal has already been answered. Thank you!"))
        return
    organiser = ctx.session.get(User, activity.created_by) if activity.created_by else None
    title = shorten(activity.title)
    if args[0] == "no":
        activity.cancelled = True
        ctx.reply(_("Okay, it stays off the agenda. Perhaps get in touch with the resident to think along."))
        if organiser is not None:
            notify(ctx.app, ctx.session, organiser, lambda: Reply(
                _("The aanjager did not put \"{title}\" on the agenda this time. You can still organise it "
                  "yourself; the aanjager is happy to think along about what would work.").format(title=title)),
                now=ctx.now, kind="proposal_declined")
        return
    activity.approved = True
    if (args[0] == "trust" and organiser is not None and organiser.id is not None
            and ctx.session.get(TrustedOrganiser, (organiser.id, activity.wijk_id)) is None):
        ctx.session.add(TrustedOrganiser(user_id=organiser.id, wijk_id=activity.wijk_id, trusted_by=ctx.user.id,
                                             trusted_at=ctx.now))
    ctx.reply(_("It is on the agenda. Thank you!"))
    if organiser is not None:
        notify(ctx.app, ctx.session, organiser, lambda: Reply(
            _("\"{title}\" is on the agenda! Neighbours see it under {cmd}, with you as organiser.")
            .format(title=title, cmd=cmd("activiteiten"))), now=ctx.now, kind="proposal_approved")
