"""Per-request locale: ?lang=, then the `lang` cookie, then Accept-Language, then the default."""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from bot.infra import i18n

LANG_COOKIE = "lang"


def _from_accept_language(header: str) -> str | None:
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        pieces = part.strip().split(";")
        quality = 1.0
        for param in pieces[1:]:
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        weighted.append((-quality, position, pieces[0].strip()))
    for negative_quality, _, code in sorted(weighted):
        locale = i18n.normalize_locale(code)
        if locale and negative_quality < 0:
            return locale
    return None


def locale_for(query_lang: str | None, cookie_lang: str | None, accept_language: str | None) -> str:
    return (
        i18n.normalize_locale(query_lang)
        or i18n.normalize_locale(cookie_lang)
        or (_from_accept_language(accept_language) if accept_language else None)
        or i18n.DEFAULT_LOCALE
    )


class LocaleMiddleware:
    """Pure ASGI (no extra task), so the ContextVar is visible to the endpoint and its templates."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.requests import Request

        request = Request(scope)
        locale = locale_for(
            request.query_params.get("lang"),
            request.cookies.get(LANG_COOKIE),
            request.headers.get("accept-language"),
        )
        scope.setdefault("state", {})["locale"] = locale
        with i18n.use_locale(locale):
            await self.app(scope, receive, send)
