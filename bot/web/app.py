"""The Starlette app: templates with gettext, static files, per-request locale, feature routes."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from bot.infra import i18n
from bot.infra.signing_key import web_secret
from bot.infra.templates import templates
from bot.web import csrf
from bot.web.features import FEATURES
from bot.web.locale import LANG_COOKIE, LocaleMiddleware
from bot.web.security import SecurityHeadersMiddleware

if TYPE_CHECKING:
    from bot.core.app import App

HERE = Path(__file__).resolve().parent
COOKIE_MAX_AGE = 365 * 24 * 3600


def bot_app(request: Request) -> App:
    application: App = request.app.state.bot
    return application


def secret_of(request: Request) -> str:
    return str(request.app.state.secret)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page in the request's locale; sets the language and CSRF cookies when needed."""
    locale = i18n.current_locale()
    body = templates().get_template(template).render(
        request=request,
        locale=locale,
        languages=i18n.LANGUAGE_NAMES,
        csrf_field=csrf.CSRF_FIELD,
        csrf_token=csrf.token(request, secret_of(request)),
        **context,
    )
    response = HTMLResponse(body, status_code=status_code)
    secure = request.url.scheme == "https"
    if request.query_params.get("lang") and i18n.normalize_locale(request.query_params["lang"]):
        response.set_cookie(LANG_COOKIE, locale, max_age=COOKIE_MAX_AGE, samesite="lax", secure=secure)
    new_cookie = getattr(request.state, "new_csrf_cookie", None)
    if new_cookie:
        response.set_cookie(csrf.CSRF_COOKIE, new_cookie, httponly=True, samesite="strict", secure=secure)
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def feature_routes(application: App, modules: tuple[str, ...] = FEATURES) -> list[BaseRoute]:
    routes: list[BaseRoute] = []
    for name in modules:
        routes.extend(importlib.import_module(name).routes(application))
    return routes


def create_web_app(application: App, *, extra_routes: list[BaseRoute] | None = None) -> Starlette:
    routes: list[BaseRoute] = [
        *feature_routes(application),
        *(extra_routes or []),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]
    web = Starlette(routes=routes)
    web.add_middleware(LocaleMiddleware)
    web.add_middleware(SecurityHeadersMiddleware, base_url=application.settings.web_base_url)
    web.state.bot = application
    web.state.secret = web_secret(application.settings)
    return web
