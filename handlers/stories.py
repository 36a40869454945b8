"""Story review: a shared success story waits for an aanjager of its wijk before it is public or broadcast.

The aanjager is told in the chat and decides there (buttons or typed words) or on the web dashboard."""

from __future__ import annotations

import re

from bot.core import permissions
from bot.core.commands import cmd
from bot.core.conversation import Context, Flow
from bot.core.events import Incoming, Kind
from bot.infra.crud import stories as stories_crud
from bot.infra.i18n import _
from bot.infra.models import Story, StoryReview
from bot.services.stories import after_decision, check_hint, photo_of

flow = Flow("storyreview")
REVIEW_PHRASES = re.compile(r"\b((verhaal|verhalen|verhaaltjes) (goedkeuren|beoordelen|bekijken|nakijken)|"
                            r"(review|approve|check) (the )?stor(y|ies))\b", re.IGNORECASE)


def wants_review(text: str) -> bool:
    return bool(REVIEW_PHRASES.search(text))


async def story_action(ctx: Context, args: list[str]) -> None:
    """`!story:<ok|no>:<story id>`: only an aanjager of the story's wijk (or an admin) may decide."""
    story = ctx.row(Story, args[1]) if len(args) == 2 and args[0] in ("ok", "no") else None
    if story is None or not permissions.may_review(ctx.session, user=ctx.user, wijk_id=story.wijk_id):
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    decide(ctx, story, approve=args[0] == "ok")


def decide(ctx: Context, story: Story, *, approve: bool) -> None:
    outcome = stories_crud.decide(story, reviewer=ctx.user, approve=approve, now=ctx.now)
    if outcome == "unchanged":
        ctx.reply(_("This story is already in {stories}.").format(stories=cmd("verhalen"))
                  if story.review == StoryReview.APPROVED else _("This story was not published, and it stays private."))
        return
    if outcome == "approved":
        ctx.reply(_("Published: the story is now in {stories}, and you can send it with {broadcast}.")
                  .format(stories=cmd("verhalen"), broadcast=cmd("omroep")))
    elif outcome == "unpublished":
        ctx.reply(_("Okay, the story is no longer public: it is out of {stories}.").format(stories=cmd("verhalen")))
    else:
        ctx.reply(_("Okay, the story stays private."))
    after_decision(ctx.app, ctx.session, story, outcome, now=ctx.now)


async def review(ctx: Context) -> None:
    """/beoordelen: the shared stories waiting in this aanjager's wijken, one by one."""
    wijken = ctx.organised_wijken()
    if not stories_crud.pending(ctx.session, wijk_ids=wijken, limit=1):
        ctx.reply(_("No stories are waiting for you. Thank you for keeping an eye on them!"))
        return
    await ctx.start("storyreview", "decide", skipped=[])


def _next(ctx: Context) -> Story | None:
    skipped = set(ctx.data.get("skipped", []))
    waiting = stories_crud.pending(ctx.session, wijk_ids=ctx.organised_wijken())
    return next((s for s in waiting if s.id not in skipped), None)


@flow.ask("decide")
async def ask_decide(ctx: Context) -> None:
    story = _next(ctx)
    if story is None:
        ctx.end()
        ctx.reply(_("That was all. Thank you for reading them!"))
        return
    ctx.remember(story=story.id)
    wijk = ctx.content.wijken.get(story.wijk_id)
    ctx.reply(
        _("A story from {wijk}:").format(wijk=wijk.name if wijk else story.wijk_id) + f"\n\n✨ “{story.text}”\n\n"
        + (check_hint(story) + " " if story.photo_id is not None else "")
        + _("May it appear in {cmd}? Type yes or no, or later.").format(cmd=cmd("verhalen")),
        [ctx.choice("ok", _("✅ Publish"), family="yes"), ctx.choice("no", _("✖️ Don't publish"), family="no"),
         ctx.choice("later", _("⏭️ Later"), family="later")],
        photo=photo_of(story),
    )


@flow.answer("decide")
async def got_decide(ctx: Context, msg: Incoming) -> None:
    """Typed answers ("ja", "nee", "later", "publiceren") arrive here as choices through the answer resolver."""
    story = ctx.row(Story, str(ctx.data.get("story", "")))
    if msg.kind is not Kind.CHOICE or msg.choice not in ("ok", "no", "later"):
        await ctx.ask_current()
        return
    if story is None or not permissions.may_review(ctx.session, user=ctx.user, wijk_id=story.wijk_id):
        ctx.end()
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    if msg.choice == "later":
        ctx.remember(skipped=[*ctx.data.get("skipped", []), story.id])
    else:
        decide(ctx, story, approve=msg.choice == "ok")
    await ctx.ask_current()
