"""An aanjager runs an activity: announce it (preview, count, once), change or cancel it (those who answered hear
what changed, with a new calendar file), see who comes, message only those coming or helping, answer a helper."""

from __future__ import annotations

from bot.core import permissions
from bot.core.commands import cmd
from bot.core.conversation import Context, Flow
from bot.core.events import Incoming, Kind, Reply
from bot.core.text import shorten
from bot.infra.crud import activities as activities_crud
from bot.infra.crud import users as users_crud
from bot.infra.i18n import _, ngettext
from bot.infra.models import Activity, ConsentPurpose, Rsvp, RsvpAnswer, User
from bot.services.activities import (
    counts_line,
    describe,
    format_moment,
    organiser_choices,
    photo_of,
    tell_responders,
    told_text,
)
from bot.services.activity_jobs import continue_series
from bot.services.notify import notify
from handlers.activities import forward_text
from handlers.activity_create import edit
from handlers.broadcasts import announce_activity, nobody_yet

flow = Flow("organise")
MAX_MESSAGE = 1000


def counts_text(ctx: Context, activity: Activity, *, names: bool = False) -> str:
    counts = activities_crud.counts(ctx.session, activity_id=activity.id or 0)
    # the organiser's own list of who comes (capacity, waiting list, names with consent): exact, asked for once;
    # the overview that comes every evening is not (bot/services/activity_jobs.py)
    lines = [f"{activity.title}: {counts_line(counts, exact=True)}."]
    if names:
        shown, hidden = [], 0
        for record in activities_crud.going(ctx.session, activity_id=activity.id or 0):
            user = ctx.session.get(User, record.user_id)
            if user is not None and user.display_name and users_crud.has_consent(
                    ctx.session, user=user, purpose=ConsentPurpose.NAME_VISIBLE):
                role = " (" + _("helping") + ")" if record.answer == RsvpAnswer.HELP else ""
                shown.append(user.display_name + role)
            else:
                hidden += 1
        if shown:
            lines.append(_("Names (shared with consent): {names}").format(names=", ".join(sorted(shown))))
        if hidden:
            lines.append(ngettext("and {n} neighbour who keeps their name to themselves",
                                  "and {n} neighbours who keep their name to themselves", hidden).format(n=hidden))
    return "\n".join(lines)


async def activity_action(ctx: Context, args: list[str]) -> None:
    """`!act:<verb>:<id>[:<user>]`: only an aanjager of the activity's wijk."""
    activity = ctx.row(Activity, args[1]) if len(args) in (2, 3) else None
    if activity is None or activity.wijk_id not in ctx.organised_wijken():
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    verb = args[0]
    if verb == "stop":  # also right after cancelling this time
        head = activities_crud.series_head(ctx.session, activity=activity)
        head.weekly = False
        ctx.reply(_("{title} no longer repeats after {when}.").format(
            title=head.title, when=format_moment(head.starts_at, now=ctx.now)))
        return
    if activity.cancelled:
        ctx.reply(_("This activity is no longer on the agenda."))
        return
    if verb == "announce":
        preview_announcement(ctx, activity)
    elif verb == "announce_go":

        if activity.announced_at is not None:
            ctx.reply(_("This activity was already announced ({when}); I won't send it twice.").format(
                when=format_moment(activity.announced_at, now=ctx.now)))
            return
        activity.announced_at = ctx.now
        announce_activity(ctx, activity)
    elif verb == "cancel":
        await cancel(ctx, activity)
    elif verb == "edit":

        await edit(ctx, activity)
    elif verb in ("count", "who"):
        ctx.reply(counts_text(ctx, activity, names=True))
    elif verb == "msg":
        await ctx.start("organise", "message", activity=activity.id)
    elif verb == "share":
        ctx.reply(_("Forward the next message to neighbours or a group chat:"))
        ctx.reply(forward_text(ctx, activity))
    elif verb == "write" and len(args) == 3:
        record = ctx.session.get(Rsvp, (activity.id, int(args[2]) if args[2].isdigit() else 0))
        if record is None or not record.introduce:
            ctx.reply(_("Sorry, that is not something you can do."))
            return
        await ctx.start("organise", "write", activity=activity.id, helper=record.user_id)
    else:
        ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))


def preview_announcement(ctx: Context, activity: Activity) -> None:
    count = len(activities_crud.subscribers(ctx.session, wijk_id=activity.wijk_id, exclude=ctx.user.id))
    wijk = ctx.content.wijken[activity.wijk_id].name
    if activity.announced_at is not None:
        ctx.reply(_("This activity was already announced ({when}); I won't send it twice.").format(
            when=format_moment(activity.announced_at, now=ctx.now)))
        return
    if not count:

        ctx.reply(nobody_yet(wijk))
        return
    ctx.reply(_("Preview:") + "\n\n" + _("📣 News from your neighbourhood {wijk}:").format(wijk=wijk) + "\n\n"
              + describe(activity, now=ctx.now) + "\n\n"
              + ngettext("Send this to {n} resident of {wijk}?", "Send this to {n} residents of {wijk}?",
                         count).format(n=count, wijk=wijk),
              [Context.action("act", "announce_go", activity.id, label=_("📣 Send")),
               Context.command("mijnactiviteiten", _("✖️ Don't send"))])


async def cancel(ctx: Context, activity: Activity) -> None:

    activity.cancelled = True
    activity.sequence += 1
    told = tell_responders(ctx, activity, changed=None)
    ctx.reply(_("The activity is cancelled.") + " " + told_text(told))
    if activity.weekly:
        following = continue_series(ctx.app, ctx.session, activity, now=ctx.now)
        ctx.reply(_("Only this time: it is on again {when}. To end the series, stop repeating it.").format(
            when=format_moment(following.starts_at, now=ctx.now)),
            [Context.action("act", "stop", following.id, label=_("⏹️ Stop repeating"), family="stop_repeating")])


async def my_activities(ctx: Context) -> None:
    """/mijnactiviteiten: the aanjager's upcoming activities with counts."""
    wijken = ctx.organised_wijken()
    found = False
    for wijk_id in wijken:
        for activity in activities_crud.upcoming(ctx.session, wijk_id=wijk_id, now=ctx.now):
            found = True
            head = f"🏘️ {ctx.content.wijken[wijk_id].name}\n" if len(wijken) > 1 and wijk_id in ctx.content.wijken \
                else ""
            ctx.reply(head + describe(activity, now=ctx.now) + "\n\n" + counts_text(ctx, activity),
                      organiser_choices(activity), photo=photo_of(activity))
    if not found:
        ctx.reply(_("No upcoming activities. Create one with {cmd}.").format(cmd=cmd("nieuweactiviteit")))


def _activity(ctx: Context) -> Activity | None:
    activity = ctx.row(Activity, str(ctx.data.get("activity")))
    if activity is None or activity.wijk_id not in ctx.organised_wijken():
        ctx.end()
        ctx.reply(_("Sorry, that is not something you can do."))
        return None
    return activity


@flow.ask("message")
async def ask_message(ctx: Context) -> None:
    ctx.reply(_("What would you like to tell those who are coming or helping? For example: \"We're inside "
                "because of the rain.\""), [ctx.choice("cancel", _("✖️ Don't send"), family="cancel")])


@flow.answer("message", free_text=True, slot="message", relay=True)
async def got_message(ctx: Context, msg: Incoming) -> None:
    activity = _activity(ctx)
    if activity is None:
        return
    if msg.kind is Kind.CHOICE:
        ctx.end()
        ctx.reply(_("Okay, nothing was sent."))
        return
    text = msg.text.strip()
    if msg.kind is not Kind.TEXT or not 2 <= len(text) <= MAX_MESSAGE:
        ctx.reply(_("Please keep it between 2 and {n} characters.").format(n=MAX_MESSAGE))
        return
    ctx.remember(text=text)
    await ctx.goto("message_confirm")


@flow.ask("message_confirm")
async def ask_message_confirm(ctx: Context) -> None:
    activity = _activity(ctx)
    if activity is None:
        return
    count = len(activities_crud.going(ctx.session, activity_id=activity.id or 0))
    ctx.reply(_("Preview:") + "\n\n" + _message(activity, str(ctx.data["text"])).text + "\n\n"
              + ngettext("Send this to the {n} person coming or helping?",
                         "Send this to the {n} people coming or helping?", count).format(n=count),
              [ctx.choice("send", _("📣 Send"), family="yes"), ctx.choice("cancel", _("✖️ Don't send"), family="no")])


def _message(activity: Activity, text: str) -> Reply:
    return Reply(_("Message about {title}:").format(title=activity.title) + "\n\n" + text)


@flow.answer("message_confirm", corrects=("message",))
async def got_message_confirm(ctx: Context, msg: Incoming) -> None:
    activity = _activity(ctx)
    if activity is None:
        return
    text = str(ctx.data["text"])
    ctx.end()
    if not (msg.kind is Kind.CHOICE and msg.choice == "send"):
        ctx.reply(_("Okay, nothing was sent."))
        return
    sent = 0
    for record in activities_crud.going(ctx.session, activity_id=activity.id or 0):
        user = ctx.session.get(User, record.user_id)
        if user is not None and user.id != ctx.user.id:
            notify(ctx.app, ctx.session, user, lambda: _message(activity, text),
                   now=ctx.now, kind="activity_message", ref=f"activity:{activity.id}", about=ctx.user.id)
            sent += 1
    ctx.reply(ngettext("On its way to {n} person.", "On its way to {n} people.", sent).format(n=sent))


@flow.ask("write")
async def ask_write(ctx: Context) -> None:
    ctx.reply(_("Type your message for the helper; I'll pass it on."),
              [ctx.choice("cancel", _("✖️ Don't send"), family="cancel")])


@flow.answer("write", free_text=True, relay=True)
async def got_write(ctx: Context, msg: Incoming) -> None:
    activity = _activity(ctx)
    if activity is None:
        return
    helper = ctx.session.get(User, int(ctx.data["helper"]))
    record = ctx.session.get(Rsvp, (activity.id, int(ctx.data["helper"])))
    if msg.kind is Kind.CHOICE or helper is None or record is None or not record.introduce:
        ctx.end()
        ctx.reply(_("Okay, nothing was sent."))
        return
    text = msg.text.strip()[:MAX_MESSAGE]
    ctx.end()
    name = ctx.user.display_name or _("the aanjager")
    notify(ctx.app, ctx.session, helper, lambda: Reply(_("A message from {name}, the aanjager of {title}:").format(
        name=name, title=activity.title) + "\n\n" + shorten(text, MAX_MESSAGE)), now=ctx.now, kind="relay",
        about=ctx.user.id)
    ctx.reply(_("Sent!"))


async def digest_setting(ctx: Context, args: list[str]) -> None:
    """`!digest:<daily|weekly>`: how often the aanjager's overview comes (always only when something changed)."""
    if len(args) != 1 or args[0] not in ("daily", "weekly"):
        ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))
        return
    roles = activities_crud.aanjager_roles(ctx.session, user_id=ctx.user.id)
    if not roles:
        ctx.reply(permissions.refusal(permissions.AANJAGER))
        return
    for role in roles:
        role.digest = args[0]
    ctx.reply(_("Okay, from now on you get the overview once a week, on Monday, when something changed.")
              if args[0] == "weekly" else
              _("Okay, from now on you get the overview every day at 18:00, when something changed."))
