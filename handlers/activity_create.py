"""An aanjager creates or changes an activity: the wijk (when they have several), what, when (and until when),
where, helpers, how many people, a photo or flyer, once or weekly; a preview shows it as residents will."""

from __future__ import annotations

import difflib
from datetime import UTC, date, datetime, timedelta, tzinfo

from bot.core import permissions
from bot.core.commands import cmd
from bot.core.conversation import Context, Flow
from bot.core.events import PHOTO_TRANSPORTS, Choice, Incoming, Kind
from bot.infra.crud import media as media_crud
from bot.infra.i18n import _, format_date, format_time
from bot.infra.models import Activity
from bot.services.activities import describe, format_moment, organiser_choices, photo_of, tell_responders, told_text
from bot.understanding import answers, dialogue_acts
from bot.understanding.corrections import new_value
from bot.understanding.dates import WEEKDAYS, at_day, could_be_evening, parse, parse_clock, parse_day, vague
from bot.understanding.phrases import Phrases
from handlers.places import place_name

flow = Flow("activity")
MAX_TITLE = 120
MAX_CAPACITY = 10_000
NO_DESCRIPTION_WORDS = frozenset({"geen", "nee", "geen beschrijving", "-", "no", "none", "no description"})
FIELD_FAMILIES = {"title": "field_title", "when": "field_when", "place": "field_place",
                  "description": "field_description", "capacity": "field_capacity", "repeat": "field_repeat"}
"""The steps an aanjager can go back to from the preview, and the family of words that names each."""
FIELDS = ("title", "description", "starts_at", "ends_at", "place", "help_wanted", "weekly", "capacity",
          "photo_id")


def said_yes(msg: Incoming) -> bool:
    """Typed "ja", "yes", "klopt" … arrive as the yes button (the resolver knows the answer families)."""
    return msg.kind is Kind.CHOICE and msg.choice == "yes"


def _next(ctx: Context, step: str) -> str:
    return "preview" if ctx.data.get("editing") else step


async def new_activity(ctx: Context) -> None:
    """/nieuweactiviteit"""
    wijken = ctx.organised_wijken()
    if len(wijken) == 1:
        await ctx.start("activity", "title", wijk=wijken[0])
    else:
        await ctx.start("activity", "wijk")


async def edit(ctx: Context, activity: Activity) -> None:
    await ctx.start("activity", "edit", wijk=activity.wijk_id, existing=activity.id, title=activity.title,
                    description=activity.description, starts_at=activity.starts_at.isoformat(),
                    ends_at=activity.ends_at.isoformat() if activity.ends_at else None, place=activity.place,
                    help_wanted=activity.help_wanted, weekly=activity.weekly, capacity=activity.capacity,
                    photo_id=activity.photo_id, editing=True)


def _check_role(ctx: Context) -> bool:
    if str(ctx.data.get("wijk")) not in ctx.organised_wijken():
        ctx.end()
        ctx.reply(permissions.refusal(permissions.AANJAGER))
        return False
    return True


@flow.ask("wijk")
async def ask_wijk(ctx: Context) -> None:
    ctx.reply(_("For which neighbourhood is the activity?"),
              [ctx.choice(w, ctx.content.wijken[w].name) for w in ctx.organised_wijken() if w in ctx.content.wijken])


@flow.answer("wijk")
async def got_wijk(ctx: Context, msg: Incoming) -> None:
    wijken = [w for w in ctx.organised_wijken() if w in ctx.content.wijken]
    chosen: str | None = None
    if msg.kind is Kind.CHOICE:
        chosen = msg.choice
    else:  # typed, perhaps with a typo: "presikhaf", "de nude"
        names = {ctx.content.wijken[w].name.casefold(): w for w in wijken} | {w: w for w in wijken}
        close = difflib.get_close_matches(msg.text.strip().casefold(), list(names), n=1, cutoff=0.75)
        chosen = names[close[0]] if close else None
    if chosen not in wijken:
        ctx.reply(_("Pick one of your neighbourhoods, please."))
        await ctx.ask_current()
        return
    ctx.remember(wijk=chosen)
    await ctx.goto("title")


@flow.ask("title")
async def ask_title(ctx: Context) -> None:
    ctx.reply(_("What is the activity called? For example: Koffieochtend in de Stek."))


@flow.answer("title", free_text=True, slot="title")
async def got_title(ctx: Context, msg: Incoming) -> None:
    if not _check_role(ctx):
        return
    title = msg.text.strip()
    if msg.kind is not Kind.TEXT or not 3 <= len(title) <= MAX_TITLE:
        ctx.reply(_("A short title please, between 3 and {n} characters.").format(n=MAX_TITLE))
        return
    ctx.remember(title=title)
    await ctx.goto(_next(ctx, "description"))


# --- corrections typed at a later question ("verander de titel naar ...", "oh the date should be saturday") ------
def _slot_words(ctx: Context, slot: str) -> Phrases:
    return dialogue_acts.load_lexicon(ctx.app.settings.content_dir).slots[slot]


@flow.correct("title")
async def correct_title(ctx: Context, text: str) -> str | None:
    title = new_value(text, _slot_words(ctx, "title"))
    if title is None or not 3 <= len(title) <= MAX_TITLE or "title" not in ctx.data:
        return None
    ctx.remember(title=title)
    return _("Changed: the title is now {title}.").format(title=title)


@flow.correct("when")
async def correct_when(ctx: Context, text: str) -> str | None:
    """"Oh the date should be saturday": a new day keeps the time given; a new day and time replace both."""
    if not ctx.data.get("starts_at"):
        return None
    tz = ctx.app.settings.tz
    typed = new_value(text, _slot_words(ctx, "when")) or dialogue_acts.correction_detail(
        text, dialogue_acts.load_lexicon(ctx.app.settings.content_dir)) or text
    when = parse(typed, now=ctx.now, tz=tz)
    if when is None and (day := parse_day(typed, now=ctx.now, tz=tz)) is not None:
        starts = datetime.fromisoformat(str(ctx.data["starts_at"])).astimezone(tz)
        if not any(ch.isdigit() for ch in typed) and any(w in WEEKDAYS for w in typed.casefold().split()):
            shift = (day.weekday() - starts.weekday()) % 7  # "saturday" after "fri 11 dec": the 12th, not this week
            day = starts.date() + timedelta(days=shift - 7 if shift > 3 else shift)
        ends = datetime.fromisoformat(str(ctx.data["ends_at"])).astimezone(tz) if ctx.data.get("ends_at") else None
        moved = datetime.combine(day, starts.time(), tzinfo=tz)
        ctx.remember(starts_at=moved.astimezone(UTC).isoformat(),
                     ends_at=(moved + (ends - starts)).astimezone(UTC).isoformat() if ends else None)
        return _("Changed: it is now on {when}.").format(when=format_moment(moved.astimezone(UTC)))
    if when is None or when.passed or when.starts_at <= ctx.now:
        return None
    ctx.remember(starts_at=when.starts_at.isoformat(), ends_at=when.ends_at.isoformat() if when.ends_at else None)
    return _("Changed: it is now on {when}.").format(when=format_moment(when.starts_at))


@flow.ask("description")
async def ask_description(ctx: Context) -> None:
    ctx.reply(_("Describe it in a few sentences: what will happen, for whom?"),
              [ctx.choice("none", _("No description"), family="skip")])


@flow.answer("description", free_text=True, slot="description")
async def got_description(ctx: Context, msg: Incoming) -> None:
    text = msg.text.strip()
    ctx.remember(description="" if msg.kind is Kind.CHOICE or text.casefold() in NO_DESCRIPTION_WORDS else text)
    await ctx.goto(_next(ctx, "when"))


def _day_choices(ctx: Context) -> list[Choice]:
    today = ctx.now.astimezone(ctx.app.settings.tz).date()
    days = [today + timedelta(days=n) for n in range(1, 8)]
    return [ctx.choice(day.strftime("%d-%m-%Y"), format_date(day, "EEE d MMM")) for day in days]


@flow.ask("when")
async def ask_when(ctx: Context) -> None:
    ctx.reply(_("When is it? Pick a day, or type it, for example \"za 12 dec 10:00\", \"morgen om half 8\" or "
                "\"volgende week dinsdag 19:30-21:00\"."), _day_choices(ctx))


def _known_day(ctx: Context) -> date | None:
    """The day a typed time belongs to: the day just picked, or, when changing the time, the day it was on."""
    if ctx.data.get("day"):
        return datetime.strptime(str(ctx.data["day"]), "%d-%m-%Y").date()
    if ctx.data.get("editing") and ctx.data.get("starts_at"):
        return datetime.fromisoformat(str(ctx.data["starts_at"])).astimezone(ctx.app.settings.tz).date()
    return None


@flow.answer("when", free_text=True, slot="when")
async def got_when(ctx: Context, msg: Incoming) -> None:
    tz = ctx.app.settings.tz
    typed_clock = str(ctx.data.get("clock") or "")
    if msg.kind is Kind.CHOICE and not typed_clock:
        ctx.remember(day=msg.choice)
        ctx.reply(_("What time? For example 19:30, \"half 8\" or 10:00-12:00."))
        return
    when = None
    spoken = typed_clock if msg.kind is Kind.CHOICE else msg.text  # where the time was typed
    if msg.kind is Kind.CHOICE:  # the time came first ("19u30"), now the day
        clock = parse_clock(typed_clock)
        if clock is not None:
            when = at_day(datetime.strptime(msg.choice, "%d-%m-%Y").date(), clock, tz=tz)
    elif msg.kind is Kind.TEXT:
        clock = parse_clock(msg.text)
        day = _known_day(ctx)
        if clock is not None and day is not None:
            when = at_day(day, clock, tz=tz)
        elif clock is not None:  # only a time: ask the day, and keep the time
            ctx.remember(clock=" ".join(msg.text.split()))
            ctx.reply(_("On which day? Pick one, or type it, for example \"zaterdag\" or \"12 dec\"."),
                      _day_choices(ctx))
            return
        else:
            when = parse(msg.text, now=ctx.now, tz=tz)
            if when is None and typed_clock:  # "zaterdag", after "19u30"
                when = parse(f"{msg.text} {typed_clock}", now=ctx.now, tz=tz)
                spoken = typed_clock
            elif when is None and (day := parse_day(msg.text, now=ctx.now, tz=tz)) is not None:
                ctx.remember(day=day.strftime("%d-%m-%Y"))  # only the day ("zaterdag"): ask the time
                ctx.reply(_("What time? For example 19:30, \"half 8\" or 10:00-12:00."))
                return
    ctx.forget("day")
    ctx.forget("clock")
    if when is None and msg.kind is Kind.TEXT and vague(msg.text):  # "ergens volgende week": which day?
        ctx.reply(_("Which day exactly? Choose one below, or type a date and time, for example \"tue 1 dec 19:30\"."),
                  _day_choices(ctx))
        return
    if when is None:
        ctx.reply(_("I can't read that date, or the weekday doesn't match. Try \"za 12 dec 10:00\", "
                    "\"morgen om half 8\" or \"volgende week dinsdag 19:30-21:00\"."))
        await ctx.ask_current()
        return
    if when.passed:
        when = when.next_year(tz)
        ctx.remember(starts_at=when.starts_at.isoformat(),
                     ends_at=when.ends_at.isoformat() if when.ends_at else None)
        await ctx.goto("next_year")
        return
    if when.starts_at <= ctx.now and not could_be_evening(spoken):
        ctx.reply(_("That moment has already passed. When will it be?"))
        await ctx.ask_current()
        return
    ctx.remember(starts_at=when.starts_at.isoformat(), ends_at=when.ends_at.isoformat() if when.ends_at else None)
    await ctx.goto("ampm" if could_be_evening(spoken) else _next(ctx, "place"))


def _evening(moment: datetime, tz: tzinfo) -> datetime:
    local = moment.astimezone(tz)
    return datetime.combine(local.date(), local.time().replace(hour=local.hour + 12), tzinfo=tz).astimezone(UTC)


@flow.ask("ampm")
async def ask_ampm(ctx: Context) -> None:
    morning = datetime.fromisoformat(str(ctx.data["starts_at"]))
    ctx.reply(_("Do you mean in the morning or in the evening?"),
              [ctx.choice("morning", _("{time} in the morning").format(time=format_time(morning)), family="morning"),
               ctx.choice("evening", _("{time} in the evening").format(
                   time=format_time(_evening(morning, ctx.app.settings.tz))), family="evening")])


async def answer_ampm(ctx: Context, msg: Incoming, *, then: str) -> None:
    """The answer to "morning or evening?" (here and in a resident's proposal): the evening moves 12 hours on."""
    if msg.kind is not Kind.CHOICE or msg.choice not in ("morning", "evening"):
        await ctx.ask_current()
        return
    if msg.choice == "evening":
        tz = ctx.app.settings.tz
        ctx.remember(starts_at=_evening(datetime.fromisoformat(str(ctx.data["starts_at"])), tz).isoformat())
    if datetime.fromisoformat(str(ctx.data["starts_at"])) <= ctx.now:
        ctx.reply(_("That moment has already passed. When will it be?"))
        await ctx.goto("when")
        return
    await ctx.goto(then)


@flow.answer("ampm")
async def got_ampm(ctx: Context, msg: Incoming) -> None:
    await answer_ampm(ctx, msg, then=_next(ctx, "place"))


@flow.ask("next_year")
async def ask_next_year(ctx: Context) -> None:
    moment = datetime.fromisoformat(str(ctx.data["starts_at"]))
    ctx.reply(_("That date has already passed this year. Do you mean {when}?").format(
        when=format_moment(moment, now=ctx.now)),
        [ctx.choice("yes", _("Yes, next year"), family="yes"), ctx.choice("no", _("No, another date"), family="no")])


@flow.answer("next_year", free_text=lambda text: any(ch.isdigit() for ch in text))
async def got_next_year(ctx: Context, msg: Incoming) -> None:
    if said_yes(msg):
        await ctx.goto(_next(ctx, "place"))
        return
    ctx.forget("starts_at")
    ctx.forget("ends_at")
    if msg.kind is Kind.TEXT:  # "nee, 1 december 17:00": the right date straight away, as an answer to "when"
        ctx.rewind_to("when")
        await got_when(ctx, msg)
        return
    await ctx.goto("when")


@flow.ask("place")
async def ask_place(ctx: Context) -> None:
    wijk = ctx.content.wijken[str(ctx.data["wijk"])]
    ctx.reply(_("Where? Pick a place in {wijk} or type an address.").format(wijk=wijk.name),
              [ctx.choice(place.id, place_name(place)) for place in wijk.places])


@flow.answer("place", free_text=True, slot="place")
async def got_place(ctx: Context, msg: Incoming) -> None:
    wijk = ctx.content.wijken[str(ctx.data["wijk"])]
    if msg.kind is Kind.CHOICE:
        place = next((p.name for p in wijk.places if p.id == msg.choice), None)
        if place is None:
            await ctx.ask_current()
            return
    else:  # "wijkcentrum", "het park": a place of the wijk by a word of its name, else an address
        typed = msg.text.strip()
        words = {w for w in typed.casefold().split() if len(w) >= 4}
        known = [p.name for p in wijk.places if words & set(p.name.casefold().replace("(", " ").split())]
        place = known[0] if len(known) == 1 else typed[:200]
    ctx.remember(place=place)
    await ctx.goto(_next(ctx, "help"))


@flow.ask("help")
async def ask_help(ctx: Context) -> None:
    ctx.reply(_("Are you looking for helpers?"), [ctx.choice("yes", _("Yes, helpers welcome"), family="yes"),
                                                  ctx.choice("no", _("No"), family="no")])


@flow.answer("help", slot="help")
async def got_help(ctx: Context, msg: Incoming) -> None:
    ctx.remember(help_wanted=said_yes(msg))
    await ctx.goto(_next(ctx, "capacity"))


@flow.ask("capacity")
async def ask_capacity(ctx: Context) -> None:
    # no button: a typed number would be read as picking an option
    ctx.reply(_("How many people can join at most? Type a number, or \"none\" when there is no maximum. When it's "
                "full, others go on a waiting list."))


@flow.answer("capacity", free_text=True, slot="capacity")
async def got_capacity(ctx: Context, msg: Incoming) -> None:
    count = answers.count_of(msg.text)
    if msg.kind is Kind.CHOICE or answers.family_of(msg.text, "unlimited"):
        ctx.remember(capacity=None)
    elif count is not None and 0 < count <= MAX_CAPACITY:
        ctx.remember(capacity=count)
    else:
        ctx.reply(_("Type a number, like 12, or \"none\"."))
        return
    await ctx.goto(_next(ctx, "photo" if ctx.user.transport in PHOTO_TRANSPORTS else "repeat"))


@flow.ask("photo")
async def ask_photo(ctx: Context) -> None:
    ctx.reply(_("Do you have a photo or flyer for it? Send it here."),
              [ctx.choice("none", _("No photo"), family="nothing")])


@flow.answer("photo", photos=True)
async def got_photo(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.PHOTO and msg.photo_id is not None:
        ctx.remember(photo_id=msg.photo_id)
    elif msg.kind is Kind.CHOICE:
        ctx.remember(photo_id=None)
    else:
        ctx.reply(_("Send a photo, or choose \"No photo\"."))
        return
    await ctx.goto(_next(ctx, "repeat"))


@flow.ask("repeat")
async def ask_repeat(ctx: Context) -> None:
    ctx.reply(_("Is it once, or every week (like a weekly koffieochtend)?"),
              [ctx.choice("once", _("Just once"), family="once"),
               ctx.choice("weekly", _("🔁 Every week"), family="weekly")])


@flow.answer("repeat", slot="repeat")
async def got_repeat(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.CHOICE or msg.choice not in ("once", "weekly"):
        await ctx.ask_current()
        return
    ctx.remember(weekly=msg.choice == "weekly")
    await ctx.goto("preview")


def _draft(ctx: Context) -> Activity:
    data = ctx.data
    capacity = data.get("capacity")
    return Activity(wijk_id=str(data["wijk"]), created_by=ctx.user.id, title=str(data["title"]),
                    description=str(data.get("description", "")),
                    starts_at=datetime.fromisoformat(str(data["starts_at"])),
                    ends_at=datetime.fromisoformat(str(data["ends_at"])) if data.get("ends_at") else None,
                    place=str(data.get("place", "")), help_wanted=bool(data.get("help_wanted")),
                    weekly=bool(data.get("weekly")), capacity=int(capacity) if capacity else None,
                    photo_id=media_crud.existing(ctx.session, data.get("photo_id")), created_at=ctx.now)


@flow.ask("preview")
async def ask_preview(ctx: Context) -> None:
    ctx.forget("editing")
    draft = _draft(ctx)
    wijk = ctx.content.wijken[draft.wijk_id].name
    ctx.reply(_("This is how residents of {wijk} will see it:").format(wijk=wijk) + "\n\n"
              + describe(draft, now=ctx.now),
              [ctx.choice("confirm", _("✅ Publish") if not ctx.data.get("existing") else _("✅ Save the change"),
                          family="yes"),
               ctx.choice("edit", _("✏️ Change something"), family="change"),
               ctx.choice("cancel", _("🗑️ Throw away") if not ctx.data.get("existing")
                          else _("↩️ Keep it as it was"))],
              photo=photo_of(draft))


def _field_named(text: str) -> str | None:
    """The step of the part of the activity a typed text names ("toch andere tijd", "change the place")."""
    return next((step for step, family in FIELD_FAMILIES.items() if answers.family_of(text, family)), None)


@flow.answer("preview", free_text=lambda text: _field_named(text) is not None,
             corrects=("title", "description", "when", "place", "help", "capacity", "repeat"))
async def got_preview(ctx: Context, msg: Incoming) -> None:

    if not _check_role(ctx):
        return
    field = _field_named(msg.text) if msg.kind is Kind.TEXT else None
    if field is not None:  # straight to what they want to change, skipping "what would you like to change?"
        ctx.remember(editing=True)
        await ctx.goto(field)
        return
    choice = msg.choice if msg.kind is Kind.CHOICE else ""
    if choice == "edit":
        ctx.remember(editing=True)
        await ctx.goto("edit")
        return
    existing = ctx.session.get(Activity, int(ctx.data["existing"])) if ctx.data.get("existing") else None
    if choice == "cancel":
        ctx.end()
        if existing is not None and not existing.cancelled:
            ctx.reply(_("Okay, nothing changed: {title} stays on the agenda as it was.").format(title=existing.title))
        else:
            ctx.reply(_("Okay, nothing was published."))
        return
    if choice != "confirm":
        await ctx.ask_current()
        return
    draft = _draft(ctx)
    if existing is not None:
        changes = [f for f in FIELDS if getattr(existing, f) != getattr(draft, f)]
        for field in changes:
            setattr(existing, field, getattr(draft, field))
        if existing.weekly and existing.series_id is None:
            existing.series_id = existing.id
        ctx.end()
        if not changes:
            ctx.reply(_("Nothing changed."))
            return
        existing.sequence += 1
        told = tell_responders(ctx, existing, changed=changes)
        ctx.reply(_("Changed.") + " " + told_text(told))
        return
    activity = draft
    ctx.session.add(activity)
    ctx.session.flush()
    if activity.weekly:
        activity.series_id = activity.id
    ctx.end()
    ctx.reply(_("Published! Residents see it under {cmd}.").format(cmd=cmd("activiteiten")),
              organiser_choices(activity))


@flow.ask("edit")
async def ask_edit(ctx: Context) -> None:
    ctx.reply(_("What would you like to change?"),
              [ctx.choice("title", _("Title"), family="field_title"),
               ctx.choice("when", _("Date and time"), family="field_when"),
               ctx.choice("place", _("Place"), family="field_place"),
               ctx.choice("description", _("Description"), family="field_description"),
               ctx.choice("capacity", _("Maximum number of people"), family="field_capacity"),
               *([ctx.choice("photo", _("Photo or flyer"))] if ctx.user.transport in PHOTO_TRANSPORTS else []),
               ctx.choice("repeat", _("Once or weekly"), family="field_repeat")])


@flow.answer("edit")
async def got_edit(ctx: Context, msg: Incoming) -> None:
    steps = ("title", "when", "place", "description", "capacity", "photo", "repeat")
    if msg.kind is Kind.CHOICE and msg.choice in steps:
        await ctx.goto(msg.choice)
    else:
        await ctx.goto("preview")
