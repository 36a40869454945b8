"""Which modules add pages to the web app. Add a feature with one line here.

Each module has `routes(app: bot.core.app.App) -> list[starlette.routing.BaseRoute]`.
"""

from __future__ import annotations

FEATURES: tuple[str, ...] = (
    "bot.web.health",
    "bot.web.dashboard",
    "bot.web.handover",
    "bot.web.feeds",
    "bot.web.whatsapp",
)
