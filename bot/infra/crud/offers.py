"""Gifts neighbours offer and the requests for help that ask them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlmodel import Session, col, select

from bot.infra.db import skip_locked
from bot.infra.models import Consent, ConsentPurpose, HelpRequest, HelpRequestStatus, Offer, OfferProfile, User


def askable_gifts(session: Session, *, wijk_id: str, exclude: int | None,
                  categories: Sequence[str] | None = None) -> list[tuple[int, str, str | None, str | None]]:
    """(user id, kind, category, own words) of every gift offered in a wijk by a reachable neighbour who agreed
    to be asked for help (not `exclude`); with `categories`, only gifts of those categories."""
    query = (select(Offer.user_id, Offer.kind, Offer.category, Offer.text)
             .join(User, col(User.id) == col(Offer.user_id))
             .join(Consent, col(Consent.user_id) == col(Offer.user_id))
             .where(User.wijk_id == wijk_id, col(User.id) != exclude, col(User.unreachable).is_(False),
                    Consent.purpose == ConsentPurpose.ASK_FOR_HELP))
    if categories is not None:
        query = query.where(col(Offer.category).in_(list(categories)))
    return [(user_id, kind, category, text) for user_id, kind, category, text in session.exec(query)]


def unanswered_requests(session: Session, *, asked_before: datetime, limit: int = 200) -> list[HelpRequest]:
    """Requests for help still unanswered that were sent before `asked_before` (locked for this transaction)."""
    query = select(HelpRequest).where(HelpRequest.status == HelpRequestStatus.ASKED,
                                      col(HelpRequest.created_at) < asked_before).limit(limit)
    return list(session.exec(skip_locked(session, query)))


def request_for(session: Session, *, idea_id: int, neighbour_id: int) -> HelpRequest | None:
    return session.exec(select(HelpRequest).where(HelpRequest.idea_id == idea_id,
                                                  HelpRequest.neighbour_id == neighbour_id)).first()


def gift_counts(session: Session, *, wijk_id: str) -> list[tuple[str, int]]:
    """(category, number of neighbours) of the gifts offered in a wijk."""
    rows = set(session.exec(select(Offer.category, Offer.user_id).join(User, col(User.id) == col(Offer.user_id))
                            .where(User.wijk_id == wijk_id, col(Offer.category).is_not(None))))
    counts: dict[str, int] = {}
    for category, _user in rows:
        if category is not None:
            counts[category] = counts.get(category, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])


def profile(session: Session, *, user_id: int) -> OfferProfile | None:
    return session.get(OfferProfile, user_id)


def of_user(session: Session, *, user_id: int) -> list[Offer]:
    """What someone offers, in the order they said it."""
    return list(session.exec(select(Offer).where(Offer.user_id == user_id).order_by(col(Offer.id))))


def delete_all(session: Session, *, user_id: int) -> None:
    session.execute(delete(Offer).where(col(Offer.user_id) == user_id))
