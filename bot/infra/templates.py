"""The Jinja2 templates of the web pages and of the e-mails to contact persons (bot/web/templates), with gettext."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from bot.infra import i18n

TEMPLATES = Path(__file__).resolve().parents[1] / "web" / "templates"


@cache
def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=False)  # type: ignore[attr-defined]
    env.globals["direction"] = i18n.direction  # dir="rtl" for Arabic pages and e-mails
    return env
