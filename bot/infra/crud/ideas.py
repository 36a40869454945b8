"""Queries about ideas that more than one handler needs."""

from __future__ import annotations

from sqlmodel import Session, col, select

from bot.infra.models import Idea, IdeaStatus


def latest_draft(session: Session, *, user_id: int) -> Idea | None:
    """The idea the resident was last working on and saved for later (one with its text written)."""
    return session.exec(
        select(Idea)
        .where(Idea.user_id == user_id, Idea.status == IdeaStatus.DRAFT, col(Idea.text) != "")
        .order_by(col(Idea.updated_at).desc())
    ).first()


def of_user(session: Session, *, user_id: int) -> list[Idea]:
    """Someone's ideas (not the thrown-away ones), newest first."""
    return list(session.exec(select(Idea).where(Idea.user_id == user_id, col(Idea.status) != IdeaStatus.CANCELLED)
                             .order_by(col(Idea.created_at).desc())))
