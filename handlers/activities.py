"""Activities: an aanjager creates one (what, when, where), residents answer with one tap, reminders the day
before, and everyone who answered hears when it is cancelled."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, select

from bot import ics
from bot.app import App
from bot.commands import cmd
from bot.conversation import Context, Flow
from bot.crud import activities as activities_crud
from bot.crud import checkins as checkins_crud
from bot.crud import outbox as outbox_crud
from bot.dates import parse_when
from bot.events import Attachment, Choice, Incoming, Kind, Reply
from bot.i18n import N_, _, format_date, format_datetime, ngettext, use_locale
from bot.models import Activity, ConsentPurpose, Rsvp, RsvpAnswer, User
from handlers import aanjagers

flow = Flow("activity")
ANSWERS = {
    RsvpAnswer.COME: N_("✅ I'm coming"),
    RsvpAnswer.MAYBE: N_("🤔 Maybe"),
    RsvpAnswer.HELP: N_("🙌 I'll help"),
}
MAX_TITLE = 120


def rsvp_choices(activity: Activity) -> list[Choice]:
    choices = [Context.action("rsvp", activity.id, answer.value, label=str(label)) for answer, label in ANSWERS.items()]
    choices.append(Context.action("rsvp", activity.id, "ics", label=_("📅 Add to my calendar")))
    return choices


def describe(activity: Activity) -> str:
    lines = [f"🗓️ {activity.title}", format_datetime(activity.starts_at)]
    if activity.weekly:
        lines.append("🔁 " + _("Every {weekday}").format(weekday=format_date(activity.starts_at, "EEEE")))
    if activity.place:
        lines.append(f"📍 {activity.place}")
    if activity.description:
        lines.append(activity.description)
    if activity.help_wanted:
        lines.append(_("Helpers are welcome!"))
    return "\n".join(lines)


# --- residents --------------------------------------------------------------------------------
async def list_activities(ctx: Context) -> None:
    """/activiteiten"""
    assert ctx.user.wijk_id is not None
    upcoming = activities_crud.upcoming(ctx.session, wijk_id=ctx.user.wijk_id, now=ctx.now)
    if not upcoming:
        ctx.reply(_("No activities planned in your neighbourhood yet. Have an idea for one? Type {cmd}.")
                  .format(cmd=cmd("idee")))
        return
    ctx.reply(_("Coming up in your neighbourhood:"))
    for activity in upcoming:
        ctx.reply(describe(activity), rsvp_choices(activity))


async def rsvp(ctx: Context, args: list[str]) -> None:
    """`!rsvp:<activity>:<come|maybe|help|ics>`"""
    activity = ctx.row(Activity, args[0]) if len(args) == 2 else None
    if activity is None or activity.cancelled or activity.starts_at <= ctx.now:
        ctx.reply(_("This activity is no longer on the agenda."))
        return
    if args[1] == "ics":
        content = ics.event(uid=f"activity-{activity.id}@wijkgids", title=activity.title,
                            description=activity.description, place=activity.place, starts_at=activity.starts_at,
                            now=ctx.now, tz=ctx.app.settings.tz, weekly=activity.weekly)
        ctx.reply(_("Here is the calendar file for {title}.").format(title=activity.title),
                  attachment=Attachment(f"activiteit-{activity.id}.ics", content, "text/calendar"))
        return
    if args[1] not in {a.value for a in RsvpAnswer}:
        ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))
        return
    if not ctx.has_consent():
        ctx.reply(_("To remember that you're coming, I need your permission to keep data. Type {cmd}.")
                  .format(cmd=cmd("toestemming")))
        return
    assert ctx.user.id is not None and activity.id is not None
    record = ctx.session.get(Rsvp, (activity.id, ctx.user.id))
    if record is None:
        ctx.session.add(Rsvp(activity_id=activity.id, user_id=ctx.user.id, answer=args[1], updated_at=ctx.now))
    else:
        record.answer = args[1]
        record.updated_at = ctx.now
    reply = {
        RsvpAnswer.COME: _("Great, see you there! I'll remind you the day before."),
        RsvpAnswer.MAYBE: _("Noted as maybe. Nice if you can make it!"),
        RsvpAnswer.HELP: _("Wonderful that you want to help! I'll let the aanjager know."),
    }[RsvpAnswer(args[1])]
    choices: list[Choice] = []
    if not ctx.has_consent(ConsentPurpose.NAME_VISIBLE):
        choices = [Context.action("showname", label=_("Show my name to the aanjager"))]
    ctx.reply(reply, choices)


async def show_name(ctx: Context, _args: list[str]) -> None:
    from bot.crud import users as users_crud

    users_crud.grant_consent(ctx.session, user=ctx.user, purpose=ConsentPurpose.NAME_VISIBLE, now=ctx.now)
    if not ctx.user.display_name and ctx.incoming.display_name:
        ctx.user.display_name = ctx.incoming.display_name[:128]
    ctx.reply(_("Okay, the aanjager may see your name for the activities you join."))


# --- aanjagers: create ----------------------------------------------------------------------------
async def new_activity(ctx: Context) -> None:
    """/nieuweactiviteit"""
    wijken = aanjagers.wijken_of(ctx)
    if not wijken:
        aanjagers.refuse(ctx)
        return
    await ctx.start("activity", "title", wijk=wijken[0] if ctx.user.wijk_id not in wijken else ctx.user.wijk_id)


def _check_role(ctx: Context) -> bool:
    if str(ctx.data.get("wijk")) not in aanjagers.wijken_of(ctx):
        ctx.end()
        aanjagers.refuse(ctx)
        return False
    return True


@flow.ask("title")
async def ask_title(ctx: Context) -> None:
    ctx.reply(_("What is the activity called? For example: Koffieochtend in de Stek."))


@flow.answer("title", free_text=True)
async def got_title(ctx: Context, msg: Incoming) -> None:
    if not _check_role(ctx):
        return
    title = msg.text.strip()
    if msg.kind is not Kind.TEXT or not 3 <= len(title) <= MAX_TITLE:
        ctx.reply(_("A short title please, between 3 and {n} characters.").format(n=MAX_TITLE))
        return
    ctx.remember(title=title)
    await ctx.goto("preview" if ctx.data.get("editing") else "description")


@flow.ask("description")
async def ask_description(ctx: Context) -> None:
    ctx.reply(_("Describe it in a few sentences: what will happen, for whom?"),
              [ctx.choice("none", _("No description"), family="skip")])


@flow.answer("description", free_text=True)
async def got_description(ctx: Context, msg: Incoming) -> None:
    ctx.remember(description="" if msg.kind is Kind.CHOICE else msg.text.strip())
    await ctx.goto("preview" if ctx.data.get("editing") else "when")


@flow.ask("when")
async def ask_when(ctx: Context) -> None:
    today = ctx.now.astimezone(ctx.app.settings.tz).date()
    days = [today + timedelta(days=n) for n in range(1, 8)]
    ctx.reply(_("When is it? Pick a day, or type it, for example \"za 12 dec 10:00\", \"morgen 19:30\" or "
                "\"14-12 10:00\"."),
              [ctx.choice(day.strftime("%d-%m-%Y"), format_date(day, "EEE d MMM")) for day in days])


@flow.answer("when", free_text=True)
async def got_when(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.CHOICE:
        ctx.remember(day=msg.choice)
        ctx.reply(_("What time? For example 19:30."))
        return
    text = f"{ctx.data['day']} {msg.text}" if ctx.data.get("day") and ":" in msg.text and len(msg.text) <= 5 \
        else msg.text
    moment = parse_when(text, now=ctx.now, tz=ctx.app.settings.tz) if msg.kind is Kind.TEXT else None
    if moment is None:
        ctx.reply(_("I can't read that date, or the weekday doesn't match. Try \"za 12 dec 10:00\" or "
                    "\"morgen 19:30\"."))
        ctx.forget("day")
        await ctx.ask_current()
        return
    if moment <= ctx.now:
        ctx.reply(_("That moment has already passed. When will it be?"))
        ctx.forget("day")
        await ctx.ask_current()
        return
    ctx.remember(starts_at=moment.isoformat())
    ctx.forget("day")
    await ctx.goto("preview" if ctx.data.get("editing") else "place")


@flow.ask("place")
async def ask_place(ctx: Context) -> None:
    wijk = ctx.content.wijken[str(ctx.data["wijk"])]
    ctx.reply(_("Where? Pick a place or type an address."),
              [ctx.choice(place.id, place.name) for place in wijk.places])


@flow.answer("place", free_text=True)
async def got_place(ctx: Context, msg: Incoming) -> None:
    wijk = ctx.content.wijken[str(ctx.data["wijk"])]
    if msg.kind is Kind.CHOICE:
        place = next((p.name for p in wijk.places if p.id == msg.choice), None)
        if place is None:
            await ctx.ask_current()
            return
    else:
        place = msg.text.strip()[:200]
    ctx.remember(place=place)
    await ctx.goto("preview" if ctx.data.get("editing") else "help")


@flow.ask("help")
async def ask_help(ctx: Context) -> None:
    ctx.reply(_("Are you looking for helpers?"), [ctx.choice("yes", _("Yes, helpers welcome"), family="yes"),
                                                  ctx.choice("no", _("No"), family="no")])


@flow.answer("help")
async def got_help(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.CHOICE:
        await ctx.ask_current()
        return
    ctx.remember(help_wanted=msg.choice == "yes")
    await ctx.goto("repeat")


@flow.ask("repeat")
async def ask_repeat(ctx: Context) -> None:
    ctx.reply(_("Is it once, or every week (like a weekly koffieochtend)?"),
              [ctx.choice("once", _("Just once")), ctx.choice("weekly", _("🔁 Every week"))])


@flow.answer("repeat")
async def got_repeat(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.CHOICE or msg.choice not in ("once", "weekly"):
        await ctx.ask_current()
        return
    ctx.remember(weekly=msg.choice == "weekly")
    await ctx.goto("preview")


def _draft(ctx: Context) -> Activity:
    from datetime import datetime

    return Activity(wijk_id=str(ctx.data["wijk"]), created_by=ctx.user.id, title=str(ctx.data["title"]),
                    description=str(ctx.data.get("description", "")),
                    starts_at=datetime.fromisoformat(str(ctx.data["starts_at"])), place=str(ctx.data.get("place", "")),
                    help_wanted=bool(ctx.data.get("help_wanted")), weekly=bool(ctx.data.get("weekly")),
                    created_at=ctx.now)


@flow.ask("preview")
async def ask_preview(ctx: Context) -> None:
    ctx.forget("editing")
    ctx.reply(_("This is how residents will see it:") + "\n\n" + describe(_draft(ctx)),
              [ctx.choice("confirm", _("✅ Publish"), family="yes"), ctx.choice("edit", _("✏️ Change something")),
               ctx.choice("cancel", _("🗑️ Throw away"))])


@flow.answer("preview")
async def got_preview(ctx: Context, msg: Incoming) -> None:
    if not _check_role(ctx):
        return
    if msg.kind is not Kind.CHOICE:
        await ctx.ask_current()
        return
    if msg.choice == "edit":
        ctx.remember(editing=True)
        await ctx.goto("edit")
        return
    if msg.choice == "cancel":
        ctx.end()
        ctx.reply(_("Okay, nothing was published."))
        return
    if msg.choice != "confirm":
        await ctx.ask_current()
        return
    draft = _draft(ctx)
    existing = ctx.session.get(Activity, int(ctx.data["existing"])) if ctx.data.get("existing") else None
    if existing is not None:
        for field in ("title", "description", "starts_at", "place", "help_wanted", "weekly"):
            setattr(existing, field, getattr(draft, field))
        if existing.weekly and existing.series_id is None:
            existing.series_id = existing.id
        ctx.end()
        _tell_responders(ctx, existing, changed=True)
        ctx.reply(_("Changed. Everyone who responded has been told."))
        return
    activity = draft
    ctx.session.add(activity)
    ctx.session.flush()
    if activity.weekly:
        activity.series_id = activity.id
    ctx.end()
    ctx.reply(_("Published! Residents see it under {cmd}.").format(cmd=cmd("activiteiten")),
              [Context.action("act", "broadcast", activity.id, label=_("📣 Announce it to the neighbourhood")),
               Context.action("act", "cancel", activity.id, label=_("✖️ Cancel the activity"))])


@flow.ask("edit")
async def ask_edit(ctx: Context) -> None:
    ctx.reply(_("What would you like to change?"),
              [ctx.choice("title", _("Title")), ctx.choice("when", _("Date and time")),
               ctx.choice("place", _("Place")), ctx.choice("description", _("Description")),
               ctx.choice("repeat", _("Once or weekly"))])


@flow.answer("edit")
async def got_edit(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.CHOICE and msg.choice in ("title", "when", "place", "description", "repeat"):
        await ctx.goto(msg.choice)
    else:
        await ctx.goto("preview")


# --- aanjagers: broadcast, cancel, counts --------------------------------------------------------
async def activity_action(ctx: Context, args: list[str]) -> None:
    """`!act:<broadcast|cancel|edit|stop|count>:<id>`: only an aanjager of the activity's wijk."""
    activity = ctx.row(Activity, args[1]) if len(args) == 2 else None
    if activity is None or activity.wijk_id not in aanjagers.wijken_of(ctx):
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    if args[0] == "stop":  # also right after cancelling this time
        activity = activities_crud.series_head(ctx.session, activity=activity)
        activity.weekly = False
        ctx.reply(_("{title} no longer repeats after {when}.").format(title=activity.title,
                                                                     when=format_datetime(activity.starts_at)))
        return
    if activity.cancelled:
        ctx.reply(_("This activity is no longer on the agenda."))
        return
    if args[0] == "broadcast":
        from handlers.broadcasts import announce_activity

        announce_activity(ctx, activity)
    elif args[0] == "cancel":
        activity.cancelled = True
        told = _tell_responders(ctx, activity, changed=False)
        ctx.reply(ngettext("The activity is cancelled; I told the {n} person who responded.",
                           "The activity is cancelled; I told the {n} people who responded.", told).format(n=told))
        if activity.weekly:
            ctx.reply(_("Only this time: a week later it is on again. To end the series, stop repeating it."),
                      [Context.action("act", "stop", activity.id, label=_("⏹️ Stop repeating"))])
    elif args[0] == "edit":
        await ctx.start("activity", "edit", wijk=activity.wijk_id, existing=activity.id, title=activity.title,
                        description=activity.description, starts_at=activity.starts_at.isoformat(),
                        place=activity.place, help_wanted=activity.help_wanted, weekly=activity.weekly,
                        editing=True)
    elif args[0] == "count":
        ctx.reply(counts_text(ctx, activity))


def _tell_responders(ctx: Context, activity: Activity, *, changed: bool) -> int:
    """Everyone who answered hears about a change or a cancellation, in their own language."""
    told = 0
    for record in activities_crud.rsvps(ctx.session, activity_id=activity.id or 0):
        user = ctx.session.get(User, record.user_id)
        if user is None:
            continue
        if changed:
            record.reminded = False
            ctx.notify(user, lambda: Reply(_("Changed: {title}").format(title=activity.title) + "\n\n"
                                           + describe(activity)), kind="activity_changed")
        else:
            ctx.notify(user, lambda: Reply(_("Cancelled: {title} on {when} will not take place. Sorry!").format(
                title=activity.title, when=format_datetime(activity.starts_at))), kind="activity_cancelled")
        told += 1
    return told


def counts_text(ctx: Context, activity: Activity) -> str:
    from bot.crud import users as users_crud

    records = activities_crud.rsvps(ctx.session, activity_id=activity.id or 0)
    lines = [_("{title}: {come} coming, {maybe} maybe, {help} helping.").format(
        title=activity.title, come=sum(r.answer == RsvpAnswer.COME for r in records),
        maybe=sum(r.answer == RsvpAnswer.MAYBE for r in records),
        help=sum(r.answer == RsvpAnswer.HELP for r in records))]
    names = []
    for record in records:
        user = ctx.session.get(User, record.user_id)
        if user is not None and user.display_name and users_crud.has_consent(
                ctx.session, user=user, purpose=ConsentPurpose.NAME_VISIBLE):
            names.append(user.display_name)
    if names:
        lines.append(_("Names (shared with consent): {names}").format(names=", ".join(sorted(names))))
    return "\n".join(lines)


async def my_activities(ctx: Context) -> None:
    """/mijnactiviteiten: the aanjager's upcoming activities with counts."""
    wijken = aanjagers.wijken_of(ctx)
    if not wijken:
        aanjagers.refuse(ctx)
        return
    found = False
    for wijk_id in wijken:
        for activity in activities_crud.upcoming(ctx.session, wijk_id=wijk_id, now=ctx.now):
            found = True
            actions = [Context.action("act", "broadcast", activity.id, label=_("📣 Announce it to the neighbourhood")),
                       Context.action("act", "edit", activity.id, label=_("✏️ Change something")),
                       Context.action("act", "cancel", activity.id, label=_("✖️ Cancel the activity"))]
            if activity.weekly:
                actions.append(Context.action("act", "stop", activity.id, label=_("⏹️ Stop repeating")))
            ctx.reply(describe(activity) + "\n\n" + counts_text(ctx, activity), actions)
    if not found:
        ctx.reply(_("No upcoming activities. Create one with {cmd}.").format(cmd=cmd("nieuweactiviteit")))


# --- the aanjager's daily digest -------------------------------------------------------------------
DIGEST_HOUR = 18


async def send_digests(app: App) -> None:
    """Periodic job: around 18:00, each aanjager gets one short overview of the responses (once a day)."""
    from bot.models import AanjagerWijk, OutboxMessage

    settings = app.settings
    now = app.clock.now()
    local = now.astimezone(settings.tz)
    if local.hour != DIGEST_HOUR:
        return
    with Session(app.engine, expire_on_commit=False) as session:
        for role in session.exec(select(AanjagerWijk)).all():
            ref = f"digest:{role.user_id}:{role.wijk_id}:{local.date().isoformat()}"
            if session.exec(select(OutboxMessage.id).where(OutboxMessage.ref == ref)).first() is not None:
                continue
            user = session.get(User, role.user_id)
            upcoming = activities_crud.upcoming(session, wijk_id=role.wijk_id, now=now)
            if user is None or user.unreachable or not upcoming:
                continue
            with use_locale(user.locale):
                lines = [_("Your overview for today:")]
                for activity in upcoming:
                    records = activities_crud.rsvps(session, activity_id=activity.id or 0)
                    lines.append("• " + _("{title} ({when}): {come} coming, {maybe} maybe, {help} helping.").format(
                        title=activity.title, when=format_datetime(activity.starts_at),
                        come=sum(r.answer == RsvpAnswer.COME for r in records),
                        maybe=sum(r.answer == RsvpAnswer.MAYBE for r in records),
                        help=sum(r.answer == RsvpAnswer.HELP for r in records)))
                reply = Reply("\n".join(lines))
            outbox_crud.enqueue(session, user=user, reply=reply, kind="digest", now=now, ref=ref)
        session.commit()
    app.wake_delivery()


# --- reminders ---------------------------------------------------------------------------------------
async def send_reminders(app: App) -> None:
    """Periodic job: the day before, a reminder to those who come or help (outside quiet hours, once)."""
    settings = app.settings
    now = app.clock.now()
    if checkins_crud.in_quiet_hours(now, tz=settings.tz, start=settings.quiet_hours_start,
                                    end=settings.quiet_hours_end):
        return
    with Session(app.engine, expire_on_commit=False) as session:
        query = (select(Rsvp, Activity).join(Activity, col(Activity.id) == col(Rsvp.activity_id))
                 .where(col(Rsvp.reminded).is_(False), col(Rsvp.answer).in_([RsvpAnswer.COME, RsvpAnswer.HELP]),
                        col(Activity.cancelled).is_(False), col(Activity.starts_at) > now,
                        col(Activity.starts_at) <= now + timedelta(hours=36)))
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True, of=Rsvp)
        for record, activity in session.exec(query.limit(500)).all():
            local_start = activity.starts_at.astimezone(settings.tz).date()
            if local_start - now.astimezone(settings.tz).date() != timedelta(days=1):
                continue
            user = session.get(User, record.user_id)
            record.reminded = True
            if user is None or user.unreachable:
                continue
            with use_locale(user.locale):
                reply = Reply(_("Reminder: tomorrow is {title}.").format(title=activity.title) + "\n\n"
                              + describe(activity))
            outbox_crud.enqueue(session, user=user, reply=reply, kind="reminder", now=now,
                                ref=f"reminder:{activity.id}")
        session.commit()
    app.wake_delivery()


# --- weekly activities -------------------------------------------------------------------------------
async def continue_weekly(app: App) -> None:
    """Periodic job: once an occurrence of a weekly activity has started, the next one is put on the agenda,
    a week later at the same local time (also across a DST change); it carries the latest details."""
    settings = app.settings
    now = app.clock.now()
    with Session(app.engine, expire_on_commit=False) as session:
        for activity in activities_crud.started_weekly(session, now=now):
            starts_at = checkins_crud.days_later(activity.starts_at, 7, tz=settings.tz)
            while starts_at <= now:  # the bot was down for weeks: no occurrences in the past
                starts_at = checkins_crud.days_later(starts_at, 7, tz=settings.tz)
            session.add(Activity(wijk_id=activity.wijk_id, created_by=activity.created_by, title=activity.title,
                                 description=activity.description, starts_at=starts_at, place=activity.place,
                                 help_wanted=activity.help_wanted, weekly=True,
                                 series_id=activity.series_id or activity.id, created_at=now))
            activity.weekly = False
        session.commit()
