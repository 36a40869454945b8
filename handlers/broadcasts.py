"""Aanjagers tell the neighbourhood: an announcement, an activity or a success story, to every subscriber
of their own wijk, each in their own language, through the rate-limited, resumable outbox."""

from __future__ import annotations

from datetime import datetime

from bot.core import permissions
from bot.core.conversation import Context, Flow
from bot.core.events import Incoming, Kind, Photo, Reply
from bot.core.text import shorten
from bot.infra.crud import activities as activities_crud
from bot.infra.crud import checkins as checkins_crud
from bot.infra.crud import media as media_crud
from bot.infra.i18n import _, format_datetime, format_number, ngettext
from bot.infra.models import Activity, Story, StoryReview
from bot.services.activities import describe, photo_of, rsvp_choices
from bot.services.broadcast import broadcast, matrix_pace
from bot.services.whatsapp import forecast as reach

flow = Flow("broadcast")
MAX_TEXT = 1000


async def start(ctx: Context) -> None:
    """/omroep"""
    wijken = ctx.organised_wijken()
    if len(wijken) == 1:
        await ctx.start("broadcast", "text", wijk=wijken[0])
    else:
        await ctx.start("broadcast", "wijk")


@flow.ask("wijk")
async def ask_wijk(ctx: Context) -> None:
    ctx.reply(_("To which neighbourhood?"),
              [*(ctx.choice(w, ctx.content.wijken[w].name) for w in ctx.organised_wijken()
                 if w in ctx.content.wijken),
               ctx.choice("all", _("All my neighbourhoods"), family="all_wijken")])


@flow.answer("wijk")
async def got_wijk(ctx: Context, msg: Incoming) -> None:
    mine = [w for w in ctx.organised_wijken() if w in ctx.content.wijken]
    if msg.kind is Kind.CHOICE and msg.choice == "all" and mine:  # "allebei": one message, each in their wijk
        ctx.remember(wijk=mine[0], wijken=mine)
        await ctx.goto("text")
        return
    if msg.kind is not Kind.CHOICE or msg.choice not in mine:
        await ctx.ask_current()
        return
    ctx.remember(wijk=msg.choice, wijken=[msg.choice])
    await ctx.goto("text")


def _targets(ctx: Context) -> list[str]:
    return [str(w) for w in ctx.data.get("wijken") or [ctx.data["wijk"]]]


@flow.ask("text")
async def ask_text(ctx: Context) -> None:
    stories = checkins_crud.shared_stories(ctx.session, wijk_id=str(ctx.data["wijk"]), limit=3)
    ctx.reply(_("What would you like to tell the neighbourhood? Type your message."),
              [ctx.choice(f"story-{s.id}", "✨ " + shorten(s.text, 40)) for s in stories])


@flow.answer("text", free_text=True, slot="text", relay=True)
async def got_text(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.CHOICE and msg.choice.startswith("story-"):
        story = ctx.row(Story, msg.choice.removeprefix("story-"))
        if story is None or story.review != StoryReview.APPROVED or story.wijk_id != ctx.data["wijk"]:
            await ctx.ask_current()
            return
        ctx.remember(text=story.text, kind="story", photo_id=story.photo_id,
                     author=story.user_id)
    else:
        text = msg.text.strip()
        if not text or len(text) > MAX_TEXT:
            ctx.reply(_("Please keep it between 1 and {n} characters.").format(n=format_number(MAX_TEXT)))
            return
        ctx.remember(text=text, kind="announcement")
    await ctx.goto("confirm")



def nobody_yet(wijk: str) -> str:
    return _("Nobody in {wijk} gets news from me yet, so there is no one to send it to. As soon as residents of "
             "{wijk} start using Wijkgids, they can hear it from you.").format(wijk=wijk)


def _message(kind: str, wijk_name: str, text: str, photo: Photo | None = None) -> Reply:
    head = (_("✨ A beautiful story from {wijk}:") if kind == "story"
            else _("📣 News from your neighbourhood {wijk}:")).format(wijk=wijk_name)
    return Reply(f"{head}\n\n{text}", photo=photo)


def _photo(ctx: Context) -> Photo | None:
    photo_id = media_crud.existing(ctx.session, ctx.data.get("photo_id"))
    return Photo(photo_id) if photo_id is not None else None


@flow.ask("confirm")
async def ask_confirm(ctx: Context) -> None:
    wijk = ctx.content.wijken[str(ctx.data["wijk"])]
    targets = [ctx.content.wijken[w] for w in _targets(ctx) if w in ctx.content.wijken]
    recipients = [u for target in targets
                  for u in activities_crud.subscribers(ctx.session, wijk_id=target.id, exclude=ctx.user.id)
                  if u.id != ctx.data.get("author")]
    count = len(recipients)
    names = _and_list([target.name for target in targets])
    if not count:  # "send this to 0 residents?" helps nobody
        ctx.end()
        ctx.reply(nobody_yet(names))
        return
    preview = _message(str(ctx.data["kind"]), wijk.name, str(ctx.data["text"])).text
    platform = reach.preview(ctx.session, settings=ctx.app.settings, users=recipients, kind="broadcast",
                             now=ctx.now, photo=_photo(ctx) is not None)  # WhatsApp: templates, tier, cost
    platform = "\n\n".join(line for line in (platform, matrix_pace(ctx.app.settings, recipients)) if line)
    ctx.reply(_("Preview:") + "\n\n" + preview + "\n\n" + (platform + "\n\n" if platform else "")
              + ngettext("Send this to {n} resident of {wijk}?", "Send this to {n} residents of {wijk}?",
                         count).format(n=format_number(count), wijk=names),
              [ctx.choice("send", _("📣 Send"), family="yes"),
               ctx.choice("cancel", _("✖️ Don't send"), family="no")], photo=_photo(ctx))


@flow.answer("confirm", corrects=("text",))
async def got_confirm(ctx: Context, msg: Incoming) -> None:
    targets = _targets(ctx)
    if not all(w in ctx.organised_wijken() for w in targets):
        ctx.end()
        ctx.reply(permissions.refusal(permissions.AANJAGER))
        return
    if msg.kind is not Kind.CHOICE:
        await ctx.ask_current()
        return
    kind, text, photo, author = str(ctx.data["kind"]), str(ctx.data["text"]), _photo(ctx), ctx.data.get("author")
    ctx.end()
    if msg.choice != "send":
        ctx.reply(_("Okay, nothing was sent."))
        return
    send_at = checkins_crud.after_quiet_hours(ctx.now, settings=ctx.app.settings)  # no news buzzing at night
    recipients = 0
    for wijk_id in targets:
        name = ctx.content.wijken[wijk_id].name
        record = broadcast(ctx.session, app=ctx.app, wijk_id=wijk_id, kind=kind, text=text,
                                           build=lambda name=name: _message(kind, name, text, photo),  # type: ignore[misc]
                                           created_by=ctx.user.id, now=ctx.now, not_before=send_at, skip=author)
        recipients += record.recipients
    _confirm_sent(ctx, recipients, send_at)


def _and_list(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return _("{first} and {last}").format(first=", ".join(items[:-1]), last=items[-1])


def _confirm_sent(ctx: Context, recipients: int, send_at: datetime) -> None:
    if send_at > ctx.now:
        ctx.reply(ngettext("It goes to {n} resident at {time}, after the quiet hours.",
                           "It goes to {n} residents at {time}, after the quiet hours.", recipients).format(
            n=format_number(recipients), time=format_datetime(send_at, now=ctx.now)))
    else:
        ctx.reply(ngettext("On its way to {n} resident.", "On its way to {n} residents.",
                           recipients).format(n=format_number(recipients)))


def announce_activity(ctx: Context, activity: Activity) -> None:

    name = ctx.content.wijken[activity.wijk_id].name

    def build() -> Reply:
        return Reply(_("📣 News from your neighbourhood {wijk}:").format(wijk=name) + "\n\n"
                     + describe(activity, now=ctx.now), tuple(rsvp_choices(activity)), photo=photo_of(activity))

    send_at = checkins_crud.after_quiet_hours(ctx.now, settings=ctx.app.settings)  # no news buzzing at night
    record = broadcast(ctx.session, app=ctx.app, wijk_id=activity.wijk_id, kind="activity", text=activity.title,
                                       build=build, created_by=ctx.user.id, now=ctx.now, not_before=send_at)
    _confirm_sent(ctx, record.recipients, send_at)
