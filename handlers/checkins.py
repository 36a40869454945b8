"""Asking back ("een lange adem"): how is your idea going? Celebrate, help further, or let go kindly.

Check-ins are rows with a due time; the periodic job claims due rows and queues
the message in the same transaction, so each is sent exactly once, also with
several workers on PostgreSQL and after a restart.
"""

from __future__ import annotations

from functools import partial

from sqlmodel import Session

from bot.core.app import App
from bot.core.commands import cmd
from bot.core.conversation import Context, Flow
from bot.core.events import PHOTO_TRANSPORTS, Incoming, Kind, Reply
from bot.core.text import shorten
from bot.infra.crud import checkins as checkins_crud
from bot.infra.crud import media as media_crud
from bot.infra.crud import users as users_crud
from bot.infra.i18n import _
from bot.infra.models import CheckIn, CheckInStatus, ConsentPurpose, Idea, IdeaStatus, Story, User
from bot.services import stories as story_review
from bot.services.due_jobs import Due, run_due
from bot.services.followup import plan_season
from bot.services.notify import notify

flow = Flow("checkin")
VERBS = ("good", "help", "done", "stopped", "later", "never")
FAMILY = {"good": "going_well", "help": "need_help", "done": "succeeded", "stopped": "stopped", "later": "later",
          "never": "never"}
"""What residents type for each answer (bot/understanding/answer_words.py): "gaat prima", "loop vast",
"it went great"."""
BATCH = 200


def _question(checkin: CheckIn, idea: Idea, *, first_step: bool) -> Reply:
    label = {
        "good": _("👍 Going well"), "help": _("🆘 I need help"), "done": _("🎉 It worked!"),
        "stopped": _("⏹️ Stopped"), "later": _("⏰ Ask me later"), "never": _("🔕 Don't ask again"),
    }
    if first_step:
        question = _("How did your first step go: \"{step}\"? (for your idea \"{idea}\")").format(
            step=shorten(idea.first_step), idea=shorten(idea.text))
    else:
        question = _("How is it going with your idea \"{idea}\"?").format(idea=shorten(idea.text))
    return Reply(
        question,
        tuple(Context.action("ci", verb, checkin.id, label=label[verb], family=FAMILY[verb]) for verb in VERBS),
    )


def _asks_first_step(session: Session, checkin: CheckIn, idea: Idea) -> bool:
    """The idea's earliest check-in asks about the first small step by name."""
    return bool(idea.first_step) and checkin.id == checkins_crud.first_id(session, idea_id=idea.id or 0)


def _send(due: Due, checkin: CheckIn) -> None:
    user = due.session.get(User, checkin.user_id)
    idea = due.session.get(Idea, checkin.idea_id)
    if user is None or idea is None or user.unreachable:
        checkin.status = CheckInStatus.CANCELLED
        return
    if (morning := due.held_until()) is not None:
        checkin.due_at = morning
        return
    first_step = _asks_first_step(due.session, checkin, idea)
    notify(due.app, due.session, user, partial(_question, checkin, idea, first_step=first_step), kind="checkin",
           now=due.now, ref=f"checkin:{checkin.id}")
    checkin.status = CheckInStatus.SENT
    checkin.sent_at = due.now


async def send_due(app: App) -> None:
    """Periodic job: claim due check-ins and queue their message, in one transaction."""
    await run_due(app, lambda session, now: checkins_crud.claim_due(session, now=now, limit=BATCH), _send)


async def answer(ctx: Context, args: list[str]) -> None:
    """`!ci:<verb>:<check-in id>`: only the initiator it was sent to may answer."""
    checkin = ctx.row(CheckIn, args[1]) if len(args) == 2 else None
    if checkin is None or checkin.user_id != ctx.user.id or args[0] not in VERBS:
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    idea = ctx.session.get(Idea, checkin.idea_id)
    if idea is None:
        ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))
        return
    if checkin.answer is not None:
        ctx.reply(_("You already answered this one, thank you!"))
        return
    verb = args[0]
    checkin.answer = verb
    checkin.answered_at = ctx.now
    checkin.status = CheckInStatus.ANSWERED
    assert idea.id is not None
    if verb == "good" and _asks_first_step(ctx.session, checkin, idea):
        ctx.reply(_("🎉 Your first step is taken: \"{step}\". That is how every beautiful thing in a "
                    "neighbourhood starts! I'll ask again in a while.").format(step=shorten(idea.first_step)))
    elif verb == "good":
        ctx.reply(_("Great to hear! Keep it up. I'll ask again in a while."))
    elif verb == "help":
        ctx.reply(_("Thanks for telling me. Let's look at what you need now, then I'll find someone new to help."))
        await ctx.start("idea", "needs", idea=idea.id, editing=True)
    elif verb == "done":
        idea.status = IdeaStatus.DONE
        checkins_crud.cancel_remaining(ctx.session, idea_id=idea.id)
        await ctx.start("checkin", "story", idea=idea.id)
    elif verb == "stopped":
        idea.status = IdeaStatus.STOPPED
        checkins_crud.cancel_remaining(ctx.session, idea_id=idea.id)
        await ctx.start("checkin", "why_stopped", checkin=checkin.id)
    elif verb == "later":
        settings = ctx.app.settings
        checkin.answer = None
        checkin.answered_at = None
        checkin.status = CheckInStatus.PLANNED
        checkin.sent_at = None
        checkin.due_at = checkins_crud.after_quiet_hours(
            checkins_crud.days_later(ctx.now, settings.checkin_snooze_days, tz=settings.tz), settings=settings)
        ctx.reply(_("Okay, I'll ask again in a week."))
    else:
        checkins_crud.cancel_remaining(ctx.session, idea_id=idea.id)
        ctx.reply(_("Okay, I won't ask about this idea anymore. You can always find it under {cmd}.")
                  .format(cmd=cmd("mijnideeen")))


# --- it worked: a success story -------------------------------------------------------------
@flow.ask("story")
async def ask_story(ctx: Context) -> None:
    ctx.reply(
        _("🎉 Congratulations, that is wonderful! Small successes count too. Would you tell it in a few sentences? "
          "What happened, who joined in, what did it bring?"),
        [ctx.choice("skip", _("Rather not"), family="skip")],
    )


@flow.answer("story", photos=True, free_text=True)
async def got_story(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.CHOICE:
        ctx.reply(_("That's fine. Enjoy what you achieved!"))
        await ctx.goto("recurs")
        return
    if msg.kind is Kind.PHOTO:
        ctx.remember(photo_id=msg.photo_id)
    text = msg.text.strip()
    if len(text) < 3:
        if msg.kind is Kind.PHOTO:
            ctx.reply(_("What a nice photo! Would you tell in a few sentences what happened?"))
        else:
            ctx.reply(_("Tell me a little more about it, a few words are enough."))
        return
    assert ctx.user.id is not None and ctx.user.wijk_id is not None
    photo = media_crud.existing(ctx.session, ctx.data.get("photo_id"))
    story = Story(user_id=ctx.user.id, idea_id=int(ctx.data["idea"]), wijk_id=ctx.user.wijk_id, text=text,
                  photo_id=photo, created_at=ctx.now)
    ctx.session.add(story)
    ctx.session.flush()
    ctx.remember(story=story.id)
    await ctx.goto("photo" if photo is None and ctx.user.transport in PHOTO_TRANSPORTS else "share")


@flow.ask("photo")
async def ask_photo(ctx: Context) -> None:
    ctx.reply(_("Do you have a photo of it? Send it here, it makes the story come alive."),
              [ctx.choice("none", _("No photo"), family="nothing")])


@flow.answer("photo", photos=True)
async def got_photo(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.PHOTO:
        story = ctx.session.get(Story, int(ctx.data["story"]))
        if story is not None:
            story.photo_id = msg.photo_id
    elif msg.kind is not Kind.CHOICE:
        ctx.reply(_("Send a photo, or choose “No photo”."))
        await ctx.ask_current()
        return
    await ctx.goto("share")


@flow.ask("share")
async def ask_share(ctx: Context) -> None:
    ctx.reply(
        _("Thank you! May I share your story with the neighbourhood? Without your name. The aanjager of your "
          "neighbourhood reads it first; only after that can it appear and inspire others."),
        [ctx.choice("yes", _("Yes, share it"), family="yes"), ctx.choice("no", _("No, keep it private"), family="no")],
    )


@flow.answer("share")
async def got_share(ctx: Context, msg: Incoming) -> None:
    share = msg.choice if msg.kind is Kind.CHOICE else None
    if share not in ("yes", "no"):
        await ctx.ask_current()
        return
    story = ctx.session.get(Story, int(ctx.data["story"]))
    if story is None:
        ctx.end()
        return
    if msg.choice == "yes":
        users_crud.grant_consent(ctx.session, user=ctx.user, purpose=ConsentPurpose.SHARE_STORY, now=ctx.now)
        story_review.submit(ctx, story)
        ctx.reply(_("Thank you! The aanjager of your neighbourhood reads it first; then it appears under {cmd}, "
                    "the beautiful stories from the neighbourhood.").format(cmd=cmd("verhalen")))
        await ctx.goto("mentor")
    else:
        ctx.reply(_("Okay, your story stays private. Thank you for telling me!"))
        await ctx.goto("recurs")


@flow.ask("mentor")
async def ask_mentor(ctx: Context) -> None:
    ctx.reply(_("One more thing: once the aanjager has approved your story, it can inspire neighbours with a similar "
                "idea, also in other neighbourhoods. May I then send them to you for a few tips? Each time I ask you "
                "first, and your name stays with me."),
              [ctx.choice("yes", _("Yes, that's fine"), family="yes"),
               ctx.choice("no", _("No, rather not"), family="no")])


@flow.answer("mentor")
async def got_mentor(ctx: Context, msg: Incoming) -> None:
    story = ctx.session.get(Story, int(ctx.data["story"]))
    if story is not None and msg.choice == "yes":
        story.mentor = True
        ctx.reply(_("Wonderful, thank you! That is how good ideas travel through the neighbourhood."))
    else:
        ctx.reply(_("That's fine. Enjoy what you achieved!"))
    await ctx.goto("recurs")


@flow.ask("recurs")
async def ask_recurs(ctx: Context) -> None:
    ctx.reply(_("Is this something that comes back, like every year or every season?"),
              [ctx.choice("yes", _("Yes, it comes back"), family="yes"),
               ctx.choice("no", _("No, it was a one-off"), family="no")])


@flow.answer("recurs")
async def got_recurs(ctx: Context, msg: Incoming) -> None:
    idea, story = int(ctx.data["idea"]), ctx.data.get("story")
    ctx.end()
    if msg.choice != "yes":
        ctx.reply(_("Okay! If you get a new idea, I'm here: type {cmd}.").format(cmd=cmd("idee")))
        return
    plan_season(ctx, idea_id=idea, story_id=int(story) if story else None)
    ctx.reply(_("Lovely! Next season I'll ask you whether you're doing it again, and I can help you get it "
                "started."))


# --- it stopped ---------------------------------------------------------------------------------
@flow.ask("why_stopped")
async def ask_why_stopped(ctx: Context) -> None:
    ctx.reply(
        _("Thank you for all the energy you put into it. That counts too. If you like: what would have helped?"),
        [ctx.choice("skip", _("Skip"), family="skip")],
    )


@flow.answer("why_stopped", free_text=True)
async def got_why_stopped(ctx: Context, msg: Incoming) -> None:
    checkin = ctx.session.get(CheckIn, int(ctx.data["checkin"]))
    ctx.end()
    if msg.kind is Kind.TEXT and checkin is not None and msg.text.strip():
        checkin.note = msg.text.strip()
    ctx.reply(_("Thank you. If you get a new idea, I'm here: type {cmd}.").format(cmd=cmd("idee")))


async def stories(ctx: Context) -> None:
    """/verhalen: beautiful stories from the neighbourhood (shared with consent, without names)."""
    assert ctx.user.wijk_id is not None
    shared = checkins_crud.shared_stories(ctx.session, wijk_id=ctx.user.wijk_id)
    if not shared:
        ctx.reply(_("No stories shared in your neighbourhood yet. Will yours be the first? Type {cmd}.")
                  .format(cmd=cmd("idee")))
        return
    # where the app shows photos, a story with a photo comes as a photo message of its own
    photos = {story.id: photo for story in shared
              if (photo := story_review.photo_of(story)) is not None and ctx.user.transport in PHOTO_TRANSPORTS}
    lines = [_("Beautiful stories from the neighbourhood:")]
    lines += [f"\n✨ “{story.text}”" for story in shared if story.id not in photos]
    ctx.reply("\n".join(lines))
    for story in shared:
        if story.id in photos:
            ctx.reply(f"✨ “{story.text}”", photo=photos[story.id])
