"""GET /health: the process answers and the database is reachable (for the proxy and monitoring)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.web.app import bot_app, render

if TYPE_CHECKING:
    from bot.core.app import App


async def health(request: Request) -> Response:
    application = bot_app(request)
    try:
        with application.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        database_ok = True
    except Exception:
        database_ok = False
    return render(
        request,
        "health.html",
        status_code=200 if database_ok else 503,
        database_ok=database_ok,
        transports=sorted(application.transports),
    )


def routes(application: App) -> list[BaseRoute]:
    return [Route("/health", health, name="health")]
