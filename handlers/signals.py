"""/signalen: what residents ask for, per month (a chart and a CSV); /dashboard: a one-time link to the web pages."""

from __future__ import annotations

from bot.core import permissions
from bot.core.conversation import Context
from bot.core.events import Attachment
from bot.infra.crud import dashboard as dashboard_crud
from bot.infra.crud import figures
from bot.infra.i18n import _
from bot.services import reports


async def signals(ctx: Context) -> None:
    """/signalen for aanjagers (their wijken) and admins."""
    wijken = ctx.organised_wijken()
    admin = permissions.is_admin(ctx.user)
    data = figures.signals(ctx.session, wijk_ids=wijken, now=ctx.now, tz=ctx.app.settings.tz)
    names = ", ".join(ctx.content.wijken[w].name for w in wijken)
    chart = reports.signals_chart(data, wijken, admin=admin, title=names)
    table = reports.signals_table(data, ctx.content, admin=admin)
    ctx.reply(_("What residents of {wijken} asked for in the last 12 months: themes and needs of their ideas, "
                "counted per person. Fewer than 5 people show as \"< 5\".").format(wijken=names) + " "
              + _("This month is still being counted: its figures go in steps of 5 (\"≥ 5\", 10, ...) "
                  "until it is over."))
    ctx.reply(_("Themes and needs per month"), attachment=Attachment("signalen.png", chart, "image/png"))
    ctx.reply(_("The same figures as a table, for Excel:"),
              attachment=Attachment("signalen.csv", reports.csv_bytes(table), "text/csv"))


async def dashboard(ctx: Context) -> None:
    """/dashboard for aanjagers, admins and linked contacts: a login link, valid 15 minutes, once."""
    base = ctx.app.settings.web_base_url
    if not base:
        ctx.reply(_("The web pages are not switched on yet. Ask the administrator."))
        return
    token = dashboard_crud.create_link(ctx.session, user=ctx.user, now=ctx.now)
    ctx.reply(_("Your personal link to the dashboard. It works once, for 15 minutes; don't pass it on:")
              + f"\n{base.rstrip('/')}/dashboard/login?token={token}")
