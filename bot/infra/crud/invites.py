"""One-time invite codes: created by an admin on the command line, redeemed in a chat."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlmodel import Session

from bot.infra.models.invites import InviteCode

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to type from paper


def create_invite(session: Session, *, kind: str, target: str, now: datetime, valid_for: timedelta) -> InviteCode:
    code = "".join(secrets.choice(ALPHABET) for _ in range(8))
    invite = InviteCode(code=code, kind=kind, target=target, created_at=now, expires_at=now + valid_for)
    session.add(invite)
    return invite


def redeem_invite(session: Session, *, code: str, kind: str, user_id: int, now: datetime) -> InviteCode | None:
    """Marks the code used and returns it; None when unknown, used, expired or of another kind."""
    invite = session.get(InviteCode, code.strip().upper(), with_for_update=True)
    if invite is None or invite.kind != kind or invite.used_at is not None or invite.expires_at <= now:
        return None
    invite.used_at = now
    invite.used_by = user_id
    return invite
