"""Periodic work for activities: reminders the day before, the next dates of a weekly series (answers carried
over and announced), and the aanjager's overview, only when something changed, daily or weekly."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from functools import partial

from sqlmodel import Session

from bot.core.app import App
from bot.core.conversation import Context
from bot.core.events import Reply
from bot.core.permissions import is_admin
from bot.infra.crud import activities as activities_crud
from bot.infra.crud import checkins as checkins_crud
from bot.infra.i18n import _, ngettext
from bot.infra.models import AanjagerWijk, Activity, Rsvp, RsvpAnswer, User
from bot.services.activities import counts_line, describe, format_moment, rsvp_choices
from bot.services.due_jobs import Due, run_due
from bot.services.notify import notify

DIGEST_HOUR = 18
AHEAD = timedelta(days=6)
"""The next date of a series is on the agenda (and announced) once the current one is this close."""


def _reminder(activity: Activity, record: Rsvp, now: datetime) -> Reply:
    return Reply(_("Reminder: tomorrow is {title}.").format(title=activity.title) + "\n\n"
                 + describe(activity, now=now),
                 tuple(rsvp_choices(activity, record)))


# --- reminders -----------------------------------------------------------------------------------------
def _remind(due: Due, row: tuple[Rsvp, Activity]) -> None:
    record, activity = row
    tz = due.app.settings.tz
    if activity.starts_at.astimezone(tz).date() - due.now.astimezone(tz).date() != timedelta(days=1):
        return
    user = due.session.get(User, record.user_id)
    record.reminded = True
    if user is None or user.unreachable:
        return
    notify(due.app, due.session, user, partial(_reminder, activity, record, due.now), kind="reminder", now=due.now,
           ref=f"reminder:{activity.id}")


async def send_reminders(app: App) -> None:
    """The day before, a reminder to those who come or help (once; the outbox keeps quiet hours and the daily
    limit, where a reminder goes first)."""
    await run_due(app, lambda session, now: activities_crud.to_remind(session, now=now, within=timedelta(hours=36)),
                  _remind)


# --- weekly series --------------------------------------------------------------------------------------
def continue_series(app: App, session: Session, activity: Activity, *, now: datetime) -> Activity:
    """Puts the next date of a series on the agenda (a week later, same local time, DST-safe), with the answers
    carried over ('not this time' falls back to the answer before), and tells those people."""
    tz = app.settings.tz
    starts_at = checkins_crud.days_later(activity.starts_at, 7, tz=tz)
    while starts_at <= now:  # the bot was down for weeks: no dates in the past
        starts_at = checkins_crud.days_later(starts_at, 7, tz=tz)
    shift = starts_at - activity.starts_at
    series_id = activity.series_id or activity.id
    following = Activity(wijk_id=activity.wijk_id, created_by=activity.created_by, title=activity.title,
                         description=activity.description, starts_at=starts_at,
                         ends_at=activity.ends_at + shift if activity.ends_at else None, place=activity.place,
                         help_wanted=activity.help_wanted, weekly=True, series_id=series_id,
                         capacity=activity.capacity, photo_id=activity.photo_id, created_at=now)
    session.add(following)
    activity.weekly = False
    session.flush()
    assert series_id is not None
    for record in sorted(activities_crud.rsvps(session, activity_id=activity.id or 0), key=lambda r: r.updated_at):
        answer = record.answer if record.answer != RsvpAnswer.NOT else activities_crud.carried_answer(
            session, series_id=series_id, user_id=record.user_id, before=activity.starts_at)
        if answer is None:
            continue
        activities_crud.answer(session, activity=following, user_id=record.user_id, answer=answer, now=now)
        user = session.get(User, record.user_id)
        if user is None or user.unreachable or answer == RsvpAnswer.MAYBE:
            continue
        carried = session.get(Rsvp, (following.id, record.user_id))
        notify(app, session, user, partial(_on_again, following, carried, now), kind="activity_next", now=now,
               ref=f"activity:{following.id}")
    return following


def _on_again(following: Activity, carried: Rsvp | None, now: datetime) -> Reply:
    return Reply(_("{title} is on again {when}. You're on the list, as before.").format(
        title=following.title, when=format_moment(following.starts_at, following.ends_at, now=now)),
        tuple(rsvp_choices(following, carried)))


async def continue_weekly(app: App) -> None:
    """Once a date of a weekly series is less than AHEAD away (or cancelled), the next date is made."""
    await run_due(app, lambda session, now: activities_crud.started_weekly(session, now=now + AHEAD),
                  lambda due, activity: continue_series(due.app, due.session, activity, now=due.now))


# --- the aanjager's overview ------------------------------------------------------------------------------
async def send_digests(app: App) -> None:
    """Around 18:00: each aanjager gets one short overview per wijk (daily, or on Mondays when they chose
    weekly), only when something changed since the last one."""
    local = app.clock.now().astimezone(app.settings.tz)
    if local.hour != DIGEST_HOUR:
        return
    several: set[int] = set()
    """Aanjagers of more than one wijk: each overview says which wijk it is about."""

    def claim(session: Session, _now: datetime) -> list[AanjagerWijk]:
        roles = activities_crud.aanjager_roles(session)
        several.update(r.user_id for r in roles if sum(o.user_id == r.user_id for o in roles) > 1)
        return roles

    await run_due(app, claim, partial(_send_digest, several=several))


def _send_digest(due: Due, role: AanjagerWijk, *, several: set[int]) -> None:
    app, session, now = due.app, due.session, due.now
    local = now.astimezone(app.settings.tz)
    weekly = role.digest == "weekly"
    if weekly and local.weekday() != 0:
        return
    user = session.get(User, role.user_id)
    if user is None or user.unreachable:
        return
    upcoming = activities_crud.upcoming(session, wijk_id=role.wijk_id, now=now)
    counts = {a.id: activities_crud.counts(session, activity_id=a.id or 0) for a in upcoming}
    notes = checkins_crud.stopped_notes(session, wijk_id=role.wijk_id, since=now - timedelta(days=7 if weekly else 1))
    state = hashlib.sha256(repr((sorted((k or 0, sorted(v.items())) for k, v in counts.items()),
                                 notes)).encode()).hexdigest()[:64]
    if state == role.digest_state or (not upcoming and not notes):
        return
    role.digest_state = state

    def overview() -> Reply:
        if role.user_id in several:  # one overview per wijk: say which
            wijk = app.content.wijken[role.wijk_id].name if role.wijk_id in app.content.wijken else role.wijk_id
            lines = [(_("Your weekly overview for {wijk}:") if weekly
                      else _("Your overview for today for {wijk}:")).format(wijk=wijk)]
        else:
            lines = [_("Your weekly overview:") if weekly else _("Your overview for today:")]
        for activity in upcoming:
            lines.append("• " + f"{activity.title} ({format_moment(activity.starts_at, now=now)}): "
                         + counts_line(counts[activity.id], exact=is_admin(user)))
        if notes:
            lines.append("")
            lines.append(ngettext("A neighbour whose initiative stopped said this would have helped:",
                                  "Neighbours whose initiative stopped said this would have helped:", len(notes)))
            lines += [f"– “{note}”" for note in notes]
        other = "daily" if weekly else "weekly"
        return Reply("\n".join(lines), (Context.action(
            "digest", other, label=_("Once a week is enough") if other == "weekly" else _("Every day, please"),
            family=other),))

    notify(app, session, user, overview, kind="digest", now=now,
           ref=f"digest:{role.user_id}:{role.wijk_id}:{local.date().isoformat()}")
