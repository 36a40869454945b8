"""Signed, expiring links for contact persons who work from e-mail (no login).

A token names one handover and one action; it is signed with the web secret and carries its
creation time, so it expires after `link_days`. Whether it was already used follows from the
handover's state, not from the token.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer


class LinkAction(StrEnum):
    ACCEPT = "accept"
    PASS = "pass"  # noqa: S105 (not a password)
    ASK = "ask"
    DECLINE = "decline"
    TALK = "talk"
    """The conversation with the resident after "ik help verder"."""


class LinkExpired(Exception):
    pass


class LinkInvalid(Exception):
    pass


@dataclass(frozen=True)
class Link:
    handover_id: int
    action: LinkAction


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="wijkgids-handover-link")


def make_token(secret: str, handover_id: int, action: LinkAction) -> str:
    return _serializer(secret).dumps([handover_id, action.value])


def url(base_url: str, secret: str, handover_id: int, action: LinkAction, *, lang: str | None = None) -> str:
    """The page opens in `lang` (the contact's language) unless the visitor picks another."""
    query = f"?lang={lang}" if lang else ""
    return f"{base_url.rstrip('/')}/h/{make_token(secret, handover_id, action)}{query}"


def read_token(secret: str, token: str, *, max_age_s: int) -> Link:
    try:
        payload = _serializer(secret).loads(token, max_age=max_age_s)
    except SignatureExpired as exc:
        raise LinkExpired from exc
    except BadSignature as exc:
        raise LinkInvalid from exc
    try:
        handover_id, action = payload
        return Link(int(handover_id), LinkAction(action))
    except (TypeError, ValueError) as exc:
        raise LinkInvalid from exc
