"""Next season: the author of a recurring initiative that worked (a yearly festival, a seasonal vegetable garden)
is asked once whether they do it again, whether new initiators may still come to them for tips, and offered
help to start it again with last year's idea.

Like check-ins, the questions are rows with a due time, claimed and queued in one transaction: sent once, also
after a restart."""

from __future__ import annotations

from functools import partial

from bot.core.app import App
from bot.core.commands import cmd
from bot.core.conversation import Context, Flow
from bot.core.events import Incoming, Reply
from bot.core.text import shorten
from bot.infra.crud import checkins as checkins_crud
from bot.infra.crud import seasons as seasons_crud
from bot.infra.i18n import _
from bot.infra.models import Idea, SeasonAsk, SeasonAskStatus, Story, StoryReview, User
from bot.services.due_jobs import Due, run_due
from bot.services.notify import notify
from handlers import ideas

flow = Flow("season")
VERBS = ("yes", "no", "later")
BATCH = 200


def _question(ask: SeasonAsk, idea: Idea) -> Reply:
    return Reply(
        _("Last season you made \"{idea}\" happen. 🎉 A new season is coming: are you doing it again?").format(
            idea=shorten(idea.text)),
        (Context.action("season", "yes", ask.id, label=_("Yes, we're doing it again"), family="yes"),
         Context.action("season", "no", ask.id, label=_("Not this time"), family="no"),
         Context.action("season", "later", ask.id, label=_("⏰ Ask me later"), family="later")),
    )


def _send(due: Due, ask: SeasonAsk) -> None:
    user = due.session.get(User, ask.user_id)
    idea = due.session.get(Idea, ask.idea_id)
    if user is None or idea is None or user.unreachable:
        ask.status = SeasonAskStatus.CANCELLED
        return
    if (morning := due.held_until()) is not None:
        ask.due_at = morning
        return
    notify(due.app, due.session, user, partial(_question, ask, idea), kind="season", now=due.now,
           ref=f"season:{ask.id}")
    ask.status = SeasonAskStatus.SENT
    ask.sent_at = due.now


async def send_due(app: App) -> None:
    """Periodic job: claim due questions and queue them, in one transaction; the outbox keeps it to one bot
    message a day."""
    await run_due(app, lambda session, now: seasons_crud.claim_due(session, now=now, limit=BATCH), _send)


def _mentor_story(ctx: Context, ask: SeasonAsk) -> Story | None:
    """The shared story behind the mentor consent, unless the aanjager decided not to publish it."""
    story = ctx.session.get(Story, ask.story_id) if ask.story_id is not None else None
    if story is None or not story.shared or story.review == StoryReview.REJECTED:
        return None
    return story


async def answer(ctx: Context, args: list[str]) -> None:
    """`!season:<yes|no|later>:<id>`: only the author it was sent to may answer, once."""
    ask = ctx.row(SeasonAsk, args[1]) if len(args) == 2 else None
    if ask is None or ask.user_id != ctx.user.id or args[0] not in VERBS:
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    if ask.status != SeasonAskStatus.SENT:
        ctx.reply(_("You already answered this one, thank you!"))
        return
    verb = args[0]
    if verb == "later":
        settings = ctx.app.settings
        ask.status = SeasonAskStatus.PLANNED
        ask.sent_at = None
        ask.due_at = checkins_crud.after_quiet_hours(
            checkins_crud.days_later(ctx.now, settings.checkin_snooze_days, tz=settings.tz), settings=settings)
        ctx.reply(_("Okay, I'll ask again in a week."))
        return
    ask.status = SeasonAskStatus.ANSWERED
    ask.answer = "again" if verb == "yes" else "not"
    ask.answered_at = ctx.now
    if verb == "yes":
        ctx.reply(_("How wonderful that it's coming back! The neighbourhood will enjoy it again."))
    else:
        ctx.reply(_("That's fine. What you did last season still counts!"))
    if _mentor_story(ctx, ask) is not None:
        await ctx.start("season", "mentor", ask=ask.id)
    elif verb == "yes":
        await ctx.start("season", "restart", ask=ask.id)


def _ask_row(ctx: Context) -> SeasonAsk | None:
    ask = ctx.session.get(SeasonAsk, int(ctx.data["ask"]))
    return ask if ask is not None and ask.user_id == ctx.user.id else None


@flow.ask("mentor")
async def ask_mentor(ctx: Context) -> None:
    ask = _ask_row(ctx)
    story = _mentor_story(ctx, ask) if ask is not None else None
    if ask is None or story is None:
        ctx.end()
        return
    if story.review == StoryReview.APPROVED:
        question = _("May neighbours with a similar idea still come to you for a few tips? Each time I ask you "
                     "first, and your name stays with me.")
    else:
        question = _("Your story is still waiting for the aanjager to read it. Once it is approved, may neighbours "
                     "with a similar idea come to you for a few tips? Each time I ask you first, and your name "
                     "stays with me.")
    ctx.reply(question, [ctx.choice("yes", _("Yes, that's fine"), family="yes"),
                         ctx.choice("no", _("No, rather not"), family="no")])


@flow.answer("mentor")
async def got_mentor(ctx: Context, msg: Incoming) -> None:
    ask = _ask_row(ctx)
    story = _mentor_story(ctx, ask) if ask is not None else None
    if ask is None or story is None:
        ctx.end()
        return
    story.mentor = msg.choice == "yes"
    if story.mentor:
        ctx.reply(_("Thank you! That is how good ideas travel through the neighbourhood."))
    else:
        ctx.reply(_("Okay, I won't send anyone to you anymore. Thank you for all you shared!"))
    if ask.answer == "again":
        await ctx.goto("restart")
    else:
        ctx.end()


@flow.ask("restart")
async def ask_restart(ctx: Context) -> None:
    ctx.reply(_("Shall I help you get it started again? We begin with last season's idea, and you can change "
                "whatever you like."),
              [ctx.choice("yes", _("Yes, help me start"), family="yes"),
               ctx.choice("no", _("No thanks, we've got it"), family="no")])


@flow.answer("restart")
async def got_restart(ctx: Context, msg: Incoming) -> None:
    ask = _ask_row(ctx)
    idea = ctx.session.get(Idea, ask.idea_id) if ask is not None else None
    ctx.end()
    if msg.choice != "yes" or idea is None:
        ctx.reply(_("Good luck, and have fun! If you need help after all, type {cmd}.").format(cmd=cmd("idee")))
        return
    ctx.reply(_("Here we go: \"{idea}\"").format(idea=shorten(idea.text)))
    await ideas.start_with_text(ctx, idea.text)
