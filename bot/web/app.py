"""The Starlette app: templates with gettext, static files, per-request locale, feature routes."""

from __future__ import annotations

import importlib
import secrets
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

from bot.infra import i18n
from bot.infra.config import Settings
from bot.web import csrf
from bot.web.features import FEATURES
from bot.web.locale import LANG_COOKIE, LocaleMiddleware

if TYPE_CHECKING:
    from bot.core.app import App

HERE = Path(__file__).resolve().parent
COOKIE_MAX_AGE = 365 * 24 * 3600


@cache
def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=False)  # type: ignore[attr-defined]
    return env


def web_secret(settings: Settings) -> str:
    """The key that signs links and forms: WIJKGIDS_WEB_SECRET, else one kept in the data directory,
    so links in e-mails stay valid across restarts."""
    if settings.web_secret is not None and settings.web_secret.get_secret_value():
        return settings.web_secret.get_secret_value()
    path = settings.data_dir / "web_secret"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    path.write_text(value, encoding="utf-8")
    path.chmod(0o600)
    return value


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
    web.state.bot = application
    web.state.secret = web_secret(application.settings)
    return web
