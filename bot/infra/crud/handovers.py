"""Handovers of ideas to contact persons: what waits, what is overdue, who had an idea."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from bot.infra.db import skip_locked
from bot.infra.models import Handover, HandoverStatus, User, UserRole

OPEN = (HandoverStatus.WAITING, HandoverStatus.ESCALATED)
"""A contact may still say "ik help verder" (late is fine)."""


def overdue(session: Session, *, now: datetime, limit: int = 100) -> list[Handover]:
    """Waiting handovers past their due time, locked for this transaction."""
    query = select(Handover).where(Handover.status == HandoverStatus.WAITING, col(Handover.due_at) <= now)
    return list(session.exec(skip_locked(session, query.limit(limit))))


def of_idea(session: Session, *, idea_id: int) -> list[Handover]:
    """Every handover of an idea, oldest first."""
    return list(session.exec(select(Handover).where(Handover.idea_id == idea_id).order_by(col(Handover.id))))


def contacts_tried(session: Session, *, idea_id: int) -> set[str]:
    return set(session.exec(select(Handover.contact_id).where(Handover.idea_id == idea_id)))


def still_waiting_elsewhere(session: Session, *, record: Handover) -> bool:
    """Another handover of the same idea that is waiting or accepted."""
    return session.exec(select(Handover.id).where(
        Handover.idea_id == record.idea_id, col(Handover.id) != record.id,
        col(Handover.status).in_([HandoverStatus.WAITING, HandoverStatus.ACCEPTED]))).first() is not None


def waiting_for(session: Session, *, user_id: int) -> list[Handover]:
    """What waits for a linked contact: open and accepted handovers, oldest first."""
    return list(session.exec(select(Handover).where(
        Handover.contact_user_id == user_id,
        col(Handover.status).in_([*OPEN, HandoverStatus.ACCEPTED])).order_by(col(Handover.created_at))).all())


def admins(session: Session) -> list[User]:
    return list(session.exec(select(User).where(User.role == UserRole.ADMIN).order_by(col(User.id))).all())
