"""Activities as residents and aanjagers see them, shared by the conversations (handlers/activities.py,
activity_create.py, activity_organise.py, broadcasts.py), the periodic jobs (activity_jobs.py) and the calendar
feeds on the web: how an activity is described, its answer buttons, its calendar entry, and telling those who
answered that it changed."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.conversation import Context
from bot.core.events import Attachment, Choice, Photo, Reply
from bot.infra import ics
from bot.infra.crud import activities as activities_crud
from bot.infra.crud import checkins as checkins_crud
from bot.infra.crud import figures
from bot.infra.i18n import N_, _, format_date, format_datetime, format_time, ngettext, to_local
from bot.infra.models import Activity, Rsvp, RsvpAnswer, User
from bot.services.notify import notify

FAMILIES = {RsvpAnswer.COME: "come", RsvpAnswer.MAYBE: "maybe", RsvpAnswer.HELP: "help_out",
            RsvpAnswer.NOT: "cant_come"}
"""The answer families whose typed words pick each answer ("jaa ik kom", "i can't make it")."""


ANSWERS = {
    RsvpAnswer.COME: N_("✅ I'm coming"),
    RsvpAnswer.MAYBE: N_("🤔 Maybe"),
    RsvpAnswer.HELP: N_("🙌 I'll help"),
}


AHEAD = 3
"""How many next dates of a series are shown."""


def format_moment(starts_at: datetime, ends_at: datetime | None = None, *, now: datetime | None = None) -> str:
    text = format_datetime(starts_at, now=now)
    if ends_at is not None:
        text += "–" + format_time(ends_at)
    return text


def rsvp_choices(activity: Activity, record: Rsvp | None = None) -> list[Choice]:
    choices = [Context.action("rsvp", activity.id, answer.value, label=("☑️ " if record is not None and record.answer
                                                                         == answer.value else "") + str(label),
                              family=FAMILIES.get(answer))
               for answer, label in ANSWERS.items()]
    if record is not None and record.answer != RsvpAnswer.NOT:
        choices.append(Context.action("rsvp", activity.id, RsvpAnswer.NOT.value,
                                      label=_("🙁 I can't make it after all"), family="cant_come"))
    choices.append(Context.action("rsvp", activity.id, "ics", label=_("📅 Add to my calendar")))
    choices.append(Context.action("rsvp", activity.id, "share", label=_("📨 Pass it on")))
    return choices


def photo_of(activity: Activity) -> Photo | None:
    return Photo(activity.photo_id) if activity.photo_id is not None else None


def next_dates(activity: Activity, *, tz: object) -> list[datetime]:
    assert isinstance(tz, ZoneInfo)
    return [checkins_crud.days_later(activity.starts_at, 7 * n, tz=tz) for n in range(1, AHEAD + 1)]


def describe(activity: Activity, *, now: datetime | None = None, taken: int | None = None) -> str:
    lines = [f"🗓️ {activity.title}", format_moment(activity.starts_at, activity.ends_at, now=now)]
    if activity.weekly:
        tz = to_local(activity.starts_at).tzinfo
        lines.append("🔁 " + _("Every {weekday}").format(weekday=format_date(activity.starts_at, "EEEE")))
        lines.append(_("Next dates: {dates}").format(
            dates=", ".join(format_date(d, "d MMM") for d in next_dates(activity, tz=tz))))
    if activity.place:
        lines.append(f"📍 {activity.place}")
    if activity.description:
        lines.append(activity.description)
    if activity.capacity is not None:
        if taken is not None and taken >= activity.capacity:
            lines.append(_("Full: you can join the waiting list."))
        else:
            lines.append(ngettext("Room for {n} person.", "Room for {n} people.",
                                  activity.capacity).format(n=activity.capacity))
    if activity.help_wanted:
        lines.append(_("Helpers are welcome!"))
    return "\n".join(lines)


def calendar_file(ctx: Context, activity: Activity) -> Attachment:
    return Attachment(f"activiteit-{activity.id}.ics", calendar_item(ctx, activity), "text/calendar")


def calendar_entry(activity: Activity) -> ics.Item:
    in_series = activity.series_id is not None and activity.series_id != activity.id
    return ics.Item(uid=f"activity-{activity.series_id or activity.id}@wijkgids", title=activity.title,
                    description=activity.description, place=activity.place, starts_at=activity.starts_at,
                    ends_at=activity.ends_at, sequence=activity.sequence, weekly=activity.weekly and not in_series,
                    cancelled=activity.cancelled, recurrence_of=activity.starts_at if in_series else None)


def calendar_item(ctx: Context, activity: Activity) -> bytes:
    return ics.calendar([calendar_entry(activity)], now=ctx.now, tz=ctx.app.settings.tz)


def field_label(field: str) -> str:
    return {
        "title": _("title"), "description": _("description"), "starts_at": _("date and time"),
        "ends_at": _("end time"), "place": _("place"), "capacity": _("number of places"), "photo_id": _("photo"),
        "weekly": _("repeating"), "help_wanted": _("helpers"),
    }.get(field, "")


def organiser_choices(activity: Activity) -> list[Choice]:
    choices = [Context.action("act", "announce", activity.id, label=_("📣 Announce it to the neighbourhood"),
                              family="announce"),
               Context.action("act", "who", activity.id, label=_("👥 Who is coming"), family="who_comes"),
               Context.action("act", "msg", activity.id, label=_("✉️ Message those coming"), family="message_comers"),
               Context.action("act", "share", activity.id, label=_("📨 Text to forward")),
               Context.action("act", "edit", activity.id, label=_("✏️ Change something"), family="change"),
               Context.action("act", "cancel", activity.id, label=_("✖️ Cancel the activity"), family="call_off")]
    if activity.weekly:
        choices.append(Context.action("act", "stop", activity.id, label=_("⏹️ Stop repeating"), family="stop_repeating"))
    return choices


def counts_line(counts: dict[str, int], *, exact: bool) -> str:
    """The answers to an activity. `exact` for the organiser's own list of who comes (capacity, waiting list,
    names shared with consent: no statistic) and for admins; otherwise, as in the aanjager's overview that comes
    every evening, each count through `figures.over_time` (steps of 5: never a group of 1-4, also not by
    comparing two overviews). A masked count takes the plural form of 5 ("< 5 osób", as "fewer than 5")."""
    shown = {key: figures.over_time(n, admin=exact) for key, n in counts.items()}
    form = {key: value if isinstance(value, int) else figures.SMALL for key, value in shown.items()}
    parts = [ngettext("{n} coming", "{n} coming", form["come"]).format(n=shown["come"]),
             ngettext("{n} maybe", "{n} maybe", form["maybe"]).format(n=shown["maybe"]),
             ngettext("{n} helping", "{n} helping", form["help"]).format(n=shown["help"])]
    if counts["waiting"]:
        parts.append(ngettext("{n} on the waiting list", "{n} on the waiting list",
                              form["waiting"]).format(n=shown["waiting"]))
    if counts["not"]:
        parts.append(ngettext("{n} can't make it after all", "{n} can't make it after all",
                              form["not"]).format(n=shown["not"]))
    return ", ".join(parts)


def tell_responders(ctx: Context, activity: Activity, *, changed: list[str] | None) -> int:
    """Everyone who answered hears about a change (what changed) or a cancellation, in their own language, with a
    calendar file that replaces the old event. Counted as urgent: they wait out the quiet hours only."""
    told = 0
    attachment = calendar_file(ctx, activity)
    for record in activities_crud.rsvps(ctx.session, activity_id=activity.id or 0):
        user = ctx.session.get(User, record.user_id)
        if user is None or record.answer == RsvpAnswer.NOT:
            continue
        if changed is not None:
            record.reminded = False
            notify(ctx.app, ctx.session, user, lambda: Reply(
                _("Changed: {title} ({what}).").format(
                    title=activity.title, what=", ".join(filter(None, (field_label(f) for f in changed))))
                + "\n\n" + describe(activity, now=ctx.now), attachment=attachment),
                kind="activity_changed", now=ctx.now, ref=f"activity:{activity.id}")
        else:
            notify(ctx.app, ctx.session, user, lambda: Reply(
                _("Cancelled: {title} on {when} will not take place. Sorry!").format(
                    title=activity.title, when=format_moment(activity.starts_at, now=ctx.now)), attachment=attachment),
                kind="activity_cancelled", now=ctx.now, ref=f"activity:{activity.id}")
        told += 1
    return told


def told_text(told: int) -> str:
    if not told:
        return _("Nobody had responded yet, so nobody needed to hear about it.")
    return ngettext("I told the {n} person who responded.", "I told the {n} people who responded.",
                    told).format(n=told)
