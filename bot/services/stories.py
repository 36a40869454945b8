"""Story review outside the conversation: a shared story waits for the aanjagers of its wijk (they are told), and
after a decision, in the chat or on the web dashboard, the author hears it."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from bot.core.app import App
from bot.core.commands import cmd
from bot.core.conversation import Context
from bot.core.events import Photo, Reply
from bot.infra.crud import outbox as outbox_crud
from bot.infra.crud import stories as stories_crud
from bot.infra.i18n import _
from bot.infra.models import Story, StoryReview, User
from bot.services.notify import notify


def submit(ctx: Context, story: Story) -> None:
    """Called when the author agrees to share: the story waits, and the wijk's aanjagers hear of it."""
    stories_crud.submit(story)
    ctx.session.flush()
    for reviewer in stories_crud.reviewers(ctx.session, wijk_id=story.wijk_id):
        if reviewer.id != story.user_id:
            notify(ctx.app, ctx.session, reviewer, lambda: _review_request(ctx, story),
                   now=ctx.now, kind="story-review", ref=f"story:{story.id}", about=story.user_id)


def photo_of(story: Story) -> Photo | None:
    return Photo(story.photo_id) if story.photo_id is not None else None


def check_hint(story: Story) -> str:
    if story.photo_id is not None:
        return _("Check that the story names nobody, and the photo shows nobody, who did not agree.")
    return _("Check that it names nobody who did not agree.")


def _review_request(ctx: Context, story: Story) -> Reply:
    wijk = ctx.content.wijken.get(story.wijk_id)
    return Reply(
        _("A resident of {wijk} shared a success story. Will you read it before it appears in {cmd}?")
        .format(wijk=wijk.name if wijk else story.wijk_id, cmd=cmd("verhalen")) + " " + check_hint(story)
        + f"\n\n✨ “{story.text}”\n\n"
        + _("Choose below, or type {cmd} later.").format(cmd=cmd("beoordelen")),
        (Context.action("story", "ok", story.id, label=_("✅ Publish"), family="yes"),
         Context.action("story", "no", story.id, label=_("✖️ Don't publish"), family="no")),
        photo=photo_of(story),
    )


def after_decision(app: App, session: Session, story: Story, outcome: str, *, now: datetime) -> None:
    """After a review decision that changed something (chat or web): a story taken back is also taken out of
    the broadcasts that have not gone out yet, and the author hears what was decided."""
    if outcome == "unchanged":
        return
    if outcome == "unpublished":
        outbox_crud.cancel_queued(session, refs=stories_crud.broadcast_refs(session, story=story))
    tell_author(app, session, story, now=now)


def tell_author(app: App, session: Session, story: Story, *, now: datetime) -> None:
    """After a decision (in the chat or on the web): the author hears it, in her own language."""
    author = session.get(User, story.user_id)
    if author is None or author.unreachable:
        return
    notify(app, session, author, lambda: Reply(
        _("Good news: your story is now in {cmd}, for the whole neighbourhood to enjoy.").format(cmd=cmd("verhalen"))
        if story.review == StoryReview.APPROVED
        else _("Your story will not be shared in the neighbourhood this time. Thank you for telling it, it matters!")),
        kind="story-review", now=now, ref=f"story:{story.id}")
