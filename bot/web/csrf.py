"""CSRF protection for forms: a random cookie plus a hidden field that is that cookie, signed.

A cross-site form can neither read the cookie nor sign a value, so its POST is refused.
"""

from __future__ import annotations

import secrets

from itsdangerous import BadSignature, URLSafeSerializer
from starlette.requests import Request

CSRF_COOKIE = "csrf"
CSRF_FIELD = "csrf_token"


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="wijkgids-csrf")


def cookie_value(request: Request) -> str:
    """The browser's CSRF cookie, or a new one (`render` then sets it on the response)."""
    existing = request.cookies.get(CSRF_COOKIE)
    if existing:
        return existing
    state = request.state
    if not getattr(state, "new_csrf_cookie", None):
        state.new_csrf_cookie = secrets.token_urlsafe(24)
    return str(state.new_csrf_cookie)


def token(request: Request, secret: str) -> str:
    return _serializer(secret).dumps(cookie_value(request))


def valid(request: Request, secret: str, submitted: object) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE)
    if not cookie or not isinstance(submitted, str):
        return False
    try:
        value = _serializer(secret).loads(submitted)
    except BadSignature:
        return False
    return isinstance(value, str) and secrets.compare_digest(value, cookie)
