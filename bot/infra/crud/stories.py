"""Story review: who may approve a shared story, and what waits for them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from bot.infra.models import AanjagerWijk, Broadcast, Idea, Story, StoryReview, User, UserRole


def submit(story: Story) -> None:
    """The author agreed to share: the story now waits for an aanjager of its wijk."""
    story.shared = True
    story.review = StoryReview.PENDING


def reviewers(session: Session, *, wijk_id: str) -> list[User]:
    """Who is told that a story waits: the aanjagers of the wijk (the admins when it has none)."""
    aanjagers = list(session.exec(select(User).join(AanjagerWijk, col(AanjagerWijk.user_id) == col(User.id))
                                  .where(AanjagerWijk.wijk_id == wijk_id, col(User.unreachable).is_(False))
                                  .order_by(col(User.id))))
    if aanjagers:
        return aanjagers
    return list(session.exec(select(User).where(User.role == UserRole.ADMIN, col(User.unreachable).is_(False))
                             .order_by(col(User.id))))


def pending(session: Session, *, wijk_ids: Sequence[str], limit: int = 50) -> list[Story]:
    return list(session.exec(select(Story).where(Story.review == StoryReview.PENDING,
                                                 col(Story.wijk_id).in_(list(wijk_ids)))
                             .order_by(col(Story.created_at), col(Story.id)).limit(limit)))


def decide(story: Story, *, reviewer: User, approve: bool, now: datetime) -> str:
    """Records a decision and says what it did: "approved" or "rejected" (it was pending), "unpublished" (it
    was public and is taken back: a later "no" always counts, so nothing stays public that a reviewer wants
    out), or "unchanged" (it already was what was asked, or it was rejected and someone asks to publish it:
    a "no" is not overruled)."""
    if story.review == StoryReview.PENDING:
        story.review = StoryReview.APPROVED if approve else StoryReview.REJECTED
        outcome = "approved" if approve else "rejected"
    elif story.review == StoryReview.APPROVED and not approve:
        story.review = StoryReview.REJECTED
        outcome = "unpublished"
    else:
        return "unchanged"
    story.reviewed_by = reviewer.id
    story.reviewed_at = now
    return outcome


def mentor_stories(session: Session, *, exclude_user: int | None) -> list[tuple[Story, Idea]]:
    """Public stories (shared and approved) whose author may be asked for tips, with the idea behind each."""
    return [(story, idea) for story, idea in session.exec(
        select(Story, Idea).join(Idea, col(Idea.id) == col(Story.idea_id))
        .where(col(Story.shared).is_(True), col(Story.mentor).is_(True), col(Story.review) == StoryReview.APPROVED,
               col(Story.user_id) != exclude_user))]


def broadcast_refs(session: Session, *, story: Story) -> list[str]:
    """The outbox refs of the broadcasts that carried this story to its wijk."""
    ids = session.exec(select(Broadcast.id).where(Broadcast.wijk_id == story.wijk_id, Broadcast.kind == "story",
                                                  Broadcast.text == story.text))
    return [f"broadcast:{i}" for i in ids]
