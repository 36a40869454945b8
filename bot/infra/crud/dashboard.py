"""One-time login links and browser sessions for the dashboard; only SHA-256 hashes are stored."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, col

from bot.infra.models import DashboardToken, DashboardTokenKind, User

LINK_VALID = timedelta(minutes=15)
SESSION_VALID = timedelta(hours=8)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _issue(session: Session, *, user: User, kind: DashboardTokenKind, now: datetime, valid: timedelta) -> str:
    assert user.id is not None
    token = secrets.token_urlsafe(32)
    session.add(DashboardToken(token_hash=_hash(token), kind=kind, user_id=user.id, created_at=now,
                               expires_at=now + valid))
    return token


def create_link(session: Session, *, user: User, now: datetime) -> str:
    session.execute(delete(DashboardToken).where(col(DashboardToken.expires_at) < now))  # tidy old ones
    return _issue(session, user=user, kind=DashboardTokenKind.LINK, now=now, valid=LINK_VALID)


def redeem_link(session: Session, *, token: str, now: datetime) -> User | None:
    """Uses the link up (one conditional UPDATE, so two clicks at once cannot both win)."""
    digest = _hash(token)
    result = session.execute(
        update(DashboardToken)
        .where(col(DashboardToken.token_hash) == digest, col(DashboardToken.kind) == DashboardTokenKind.LINK,
               col(DashboardToken.used_at).is_(None), col(DashboardToken.expires_at) > now)
        .values(used_at=now))
    if getattr(result, "rowcount", 0) != 1:
        return None
    row = session.get(DashboardToken, digest)
    return session.get(User, row.user_id) if row is not None else None


def start_session(session: Session, *, user: User, now: datetime) -> str:
    return _issue(session, user=user, kind=DashboardTokenKind.SESSION, now=now, valid=SESSION_VALID)


def session_user(session: Session, *, token: str, now: datetime) -> User | None:
    row = session.get(DashboardToken, _hash(token))
    if row is None or row.kind != DashboardTokenKind.SESSION or row.expires_at <= now:
        return None
    return session.get(User, row.user_id)


def end_session(session: Session, *, token: str) -> None:
    session.execute(delete(DashboardToken).where(col(DashboardToken.token_hash) == _hash(token),
                                                 col(DashboardToken.kind) == DashboardTokenKind.SESSION))
