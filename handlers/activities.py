"""Activities for residents: what is on, one tap to come, help or say "ik kan toch niet", a calendar file, and
a link to pass on. The aanjager's side is in activity_create (making one) and activity_organise (running it)."""

from __future__ import annotations

from datetime import timedelta

from bot.core.commands import cmd
from bot.core.conversation import Context, Flow
from bot.core.events import Attachment, Choice, Incoming, Kind, Reply
from bot.infra import ics
from bot.infra.crud import activities as activities_crud
from bot.infra.crud import users as users_crud
from bot.infra.i18n import _, ngettext
from bot.infra.models import Activity, ConsentPurpose, Rsvp, RsvpAnswer, User
from bot.services.activities import calendar_entry, calendar_file, describe, format_moment, photo_of, rsvp_choices
from bot.services.notify import notify
from bot.services.whats_on import regular_lines
from bot.understanding.redact import introduced_name

flow = Flow("rsvp")
DEEP_LINK_PREFIX = "act-"


def taken(ctx: Context, activity: Activity) -> int:
    return activities_crud.counts(ctx.session, activity_id=activity.id or 0)["come"]


def show(ctx: Context, activity: Activity) -> None:
    record = ctx.session.get(Rsvp, (activity.id, ctx.user.id)) if ctx.user.id is not None else None
    ctx.reply(describe(activity, now=ctx.now, taken=taken(ctx, activity)), rsvp_choices(activity, record),
              photo=photo_of(activity))


# --- residents --------------------------------------------------------------------------------
async def list_activities(ctx: Context) -> None:
    """/activiteiten"""
    assert ctx.user.wijk_id is not None
    upcoming = activities_crud.upcoming(ctx.session, wijk_id=ctx.user.wijk_id, now=ctx.now)
    subscribe = Context.action("feed", "show", label=_("📲 Subscribe in your calendar app"))
    regular = regular_lines(ctx.content.wijk(ctx.user.wijk_id))
    if not upcoming and regular:  # the places' weekly activities are on even when nothing extra is planned
        idea = _("Have an idea for an activity? Type {cmd}.").format(cmd=cmd("idee"))
        ctx.reply(_("No extra activities are planned in your neighbourhood yet, but this is on every week:") + "\n"
                  + "\n".join(regular) + "\n\n" + idea, [subscribe])
        return
    if not upcoming:
        ctx.reply(_("No activities planned in your neighbourhood yet. Have an idea for one? Type {cmd}.")
                  .format(cmd=cmd("idee")), [subscribe])
        return
    ctx.reply(_("Coming up in your neighbourhood:"))
    for activity in upcoming:
        show(ctx, activity)
    if regular:
        ctx.reply(_("And every week:") + "\n" + "\n".join(regular))
    if my_upcoming(ctx):
        ctx.reply(_("Everything you said yes to, in one calendar file:"),
                  [Context.action("mycal", label=_("📅 All my activities")), subscribe])
    else:
        ctx.reply(_("Want these in your calendar app? It keeps itself up to date."), [subscribe])


def my_upcoming(ctx: Context) -> list[tuple[Activity, Rsvp]]:
    assert ctx.user.id is not None
    return activities_crud.upcoming_for(ctx.session, user_id=ctx.user.id, now=ctx.now)


async def my_calendar(ctx: Context, _args: list[str]) -> None:
    """`!mycal`: one .ics with every upcoming activity the resident comes to or helps with (same UIDs as the
    single files, so importing it again updates them)."""
    items = [calendar_entry(activity) for activity, _record in my_upcoming(ctx)]
    if not items:
        ctx.reply(_("You haven't said yes to any upcoming activity yet. See {cmd}.").format(cmd=cmd("activiteiten")))
        return
    content = ics.calendar(items, now=ctx.now, tz=ctx.app.settings.tz, name="Wijkgids")
    ctx.reply(ngettext("Your calendar file with {n} activity.", "Your calendar file with {n} activities.",
                       len(items)).format(n=len(items)),
              attachment=Attachment("mijn-activiteiten.ics", content, "text/calendar"))


async def open_deep_link(ctx: Context) -> bool:
    """`/start act-<id>` from a forwarded message: shows that activity. False when there is no such link."""
    for arg in ctx.incoming.args:
        if arg.startswith(DEEP_LINK_PREFIX):
            activity = ctx.row(Activity, arg[len(DEEP_LINK_PREFIX):])
            if activity is None or activity.cancelled or activity.starts_at <= ctx.now:
                ctx.reply(_("This activity is no longer on the agenda."))
            else:
                show(ctx, activity)
            return True
    return False


def deep_link(ctx: Context, activity: Activity) -> str:
    username = ctx.app.settings.telegram_username if hasattr(ctx.app.settings, "telegram_username") else ""
    if username:
        return f"https://t.me/{username}?start={DEEP_LINK_PREFIX}{activity.id}"
    return f"/start {DEEP_LINK_PREFIX}{activity.id}"


def forward_text(ctx: Context, activity: Activity) -> str:
    where = f" — {activity.place}" if activity.place else ""
    return _("{title}, {when}{where}. Join too? Open {link} and tap \"I'm coming\".").format(
        title=activity.title, when=format_moment(activity.starts_at, activity.ends_at, now=ctx.now), where=where,
        link=deep_link(ctx, activity))


async def rsvp(ctx: Context, args: list[str]) -> None:
    """`!rsvp:<activity>:<come|maybe|help|not|ics|share|intro>`"""
    activity = ctx.row(Activity, args[0]) if len(args) == 2 else None
    if activity is None or activity.cancelled or activity.starts_at <= ctx.now:
        ctx.reply(_("This activity is no longer on the agenda."))
        return
    verb = args[1]
    if verb == "ics":
        ctx.reply(_("Here is the calendar file for {title}.").format(title=activity.title),
                  attachment=calendar_file(ctx, activity))
        return
    if verb == "share":
        ctx.reply(_("Forward the next message to a neighbour or a group chat:"))
        ctx.reply(forward_text(ctx, activity))
        return
    if verb not in {a.value for a in RsvpAnswer} and verb != "intro":
        ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))
        return
    if not ctx.has_consent():
        ctx.reply(_("To remember that you're coming, I need your permission to keep data. Type {cmd}.")
                  .format(cmd=cmd("toestemming")))
        return
    assert ctx.user.id is not None and activity.id is not None
    if verb == "intro":
        await introduce(ctx, activity)
        return
    before = ctx.session.get(Rsvp, (activity.id, ctx.user.id))
    if verb == RsvpAnswer.NOT and before is None:
        ctx.reply(_("Okay, no problem. Maybe another time!"))
        return
    moved = activities_crud.answer(ctx.session, activity=activity, user_id=ctx.user.id, answer=verb, now=ctx.now)
    record = ctx.session.get(Rsvp, (activity.id, ctx.user.id))
    assert record is not None
    announce_moved_up(ctx, activity, moved)
    if record.waitlisted:
        ctx.reply(_("It's full at the moment, so you're on the waiting list. As soon as a place is free, "
                    "I'll let you know."), rsvp_choices(activity, record))
        return
    reply = {
        RsvpAnswer.COME: _("Great, see you there! I'll remind you the day before."),
        RsvpAnswer.MAYBE: _("Noted as maybe. Nice if you can make it!"),
        RsvpAnswer.HELP: _("Wonderful that you want to help!"),
        RsvpAnswer.NOT: _("Thanks for letting me know. Too bad, maybe next time!"),
    }[RsvpAnswer(verb)]
    if verb == RsvpAnswer.NOT and activity.series_id is not None:
        reply += "\n" + _("For the next dates you are still on the list, as before.")
    elif verb != RsvpAnswer.NOT and activity.weekly:
        reply += "\n" + _("This counts for the next dates too, until you change it.")
    choices: list[Choice] = []
    if verb == RsvpAnswer.HELP:
        choices.append(Context.action("rsvp", activity.id, "intro", label=_("👋 Introduce me to the aanjager")))
    elif verb != RsvpAnswer.NOT and not ctx.has_consent(ConsentPurpose.NAME_VISIBLE):
        choices.append(Context.action("showname", label=_("Show my name to the aanjager")))
    if verb != RsvpAnswer.NOT:
        choices.append(Context.action("rsvp", activity.id, "ics", label=_("📅 Add to my calendar")))
        choices.append(Context.action("rsvp", activity.id, RsvpAnswer.NOT.value,
                                      label=_("🙁 I can't make it after all"), family="cant_come"))
    else:  # a change of mind stays one word away: "ik kom toch wel"
        choices.append(Context.action("rsvp", activity.id, RsvpAnswer.COME.value,
                                      label=_("✅ I can come after all"), family="come"))
    ctx.reply(reply, choices)


def announce_moved_up(ctx: Context, activity: Activity, moved: list[Rsvp]) -> None:
    for record in moved:
        user = ctx.session.get(User, record.user_id)
        if user is None:
            continue
        target = ctx.session.get(Activity, record.activity_id) or activity
        notify(ctx.app, ctx.session, user, lambda target=target: Reply(  # type: ignore[misc]
            _("Good news: a place came free for {title} ({when}). You're on the list!").format(
                title=target.title, when=format_moment(target.starts_at, target.ends_at, now=ctx.now)),
            (Context.action("rsvp", target.id, RsvpAnswer.NOT.value, label=_("🙁 I can't make it after all"),
                            family="cant_come"),)),
            now=ctx.now, kind="activity_moved_up", ref=f"activity:{target.id}")


# --- names and introductions --------------------------------------------------------------------------
async def show_name(ctx: Context, _args: list[str]) -> None:
    if not ctx.user.display_name and ctx.incoming.display_name:
        ctx.user.display_name = ctx.incoming.display_name[:128]
    if not ctx.user.display_name:
        await ctx.start("rsvp", "name")
        return
    users_crud.grant_consent(ctx.session, user=ctx.user, purpose=ConsentPurpose.NAME_VISIBLE, now=ctx.now)
    ctx.reply(_("Okay, the aanjager may see your name ({name}) for the activities you join.").format(
        name=ctx.user.display_name))


@flow.ask("name")
async def ask_name(ctx: Context) -> None:
    ctx.reply(_("Which name may the aanjager see? For example just your first name."),
              [ctx.choice("none", _("Rather not"), family="no")])


@flow.answer("name", free_text=True, slot="name")
async def got_name(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.CHOICE:
        ctx.end()
        ctx.reply(_("That's fine, your name stays with me."))
        return
    typed = " ".join(msg.text.split())
    name = introduced_name(typed) or typed  # "its Amira, thanks x": the name, not the whole message
    if msg.kind is not Kind.TEXT or not 1 <= len(name) <= 40:
        ctx.reply(_("A short name please, up to 40 characters."))
        return
    ctx.user.display_name = name
    activity_id = ctx.data.get("intro")
    ctx.end()
    users_crud.grant_consent(ctx.session, user=ctx.user, purpose=ConsentPurpose.NAME_VISIBLE, now=ctx.now)
    activity = ctx.row(Activity, str(activity_id)) if activity_id else None
    if activity is not None:
        await introduce(ctx, activity)
    else:
        ctx.reply(_("Okay, the aanjager may see your name ({name}) for the activities you join.").format(
            name=name))


async def introduce(ctx: Context, activity: Activity) -> None:
    """A helper agreed: the aanjager hears their name and can send them a message through the bot."""
    if not ctx.user.display_name and ctx.incoming.display_name:
        ctx.user.display_name = ctx.incoming.display_name[:128]
    if not ctx.user.display_name:
        await ctx.start("rsvp", "name", intro=activity.id)
        return
    record = ctx.session.get(Rsvp, (activity.id, ctx.user.id))
    aanjager = ctx.session.get(User, activity.created_by) if activity.created_by else None
    if record is None or record.answer != RsvpAnswer.HELP or aanjager is None:
        ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))
        return
    if record.introduce:
        ctx.reply(_("The aanjager already knows, thank you!"))
        return
    record.introduce = True
    users_crud.grant_consent(ctx.session, user=ctx.user, purpose=ConsentPurpose.NAME_VISIBLE, now=ctx.now)
    name = ctx.user.display_name
    notify(ctx.app, ctx.session, aanjager, about=ctx.user.id, build=lambda: Reply(
        _("{name} would like to help with {title} ({when}). Send them a message through me:").format(
            name=name, title=activity.title, when=format_moment(activity.starts_at, now=ctx.now)),
        (Context.action("act", "write", activity.id, ctx.user.id, label=_("✉️ Send a message")),)),
        now=ctx.now, kind="activity_helper")
    ctx.reply(_("I've introduced you to the aanjager. They can send you a message through me; your contact "
                "details stay with me."))


def reminder_window() -> timedelta:
    return timedelta(hours=36)
