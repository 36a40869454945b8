"""'Zet in je agenda-app': the resident's own calendar URL and their wijk's, to subscribe to in a calendar app.

Only when the web app runs (WIJKGIDS_WEB_BASE_URL); otherwise the bot says so and gives the calendar file."""

from __future__ import annotations

from bot.core.commands import cmd
from bot.core.conversation import Context
from bot.core.events import Choice
from bot.infra.i18n import _
from bot.infra.signing_key import web_secret
from bot.services import feeds
from handlers.activities import my_calendar


def _secret(ctx: Context) -> str:
    return web_secret(ctx.app.settings)


def _urls(ctx: Context, *, renewed: bool = False) -> tuple[str, str]:
    assert ctx.user.id is not None and ctx.user.wijk_id is not None and ctx.app.settings.web_base_url
    base, secret = ctx.app.settings.web_base_url, _secret(ctx)
    own = (feeds.renew(ctx.session, user_id=ctx.user.id, now=ctx.now) if renewed
           else feeds.ensure(ctx.session, user_id=ctx.user.id, now=ctx.now))
    wijk = feeds.ensure(ctx.session, wijk_id=ctx.user.wijk_id, now=ctx.now)
    return feeds.url(base, secret, own), feeds.url(base, secret, wijk)


def _manage() -> list[Choice]:
    return [Context.action("feed", "renew", label=_("🔄 New link (the old one stops)")),
            Context.action("feed", "stop", label=_("🚫 Switch off my link"))]


async def feed_action(ctx: Context, args: list[str]) -> None:
    """`!feed:<show|renew|stop>`; always about the resident who taps, so forged data reaches no one else."""
    verb = args[0] if args else "show"
    if ctx.user.wijk_id is None:
        ctx.reply(_("Choose your neighbourhood first with {cmd}.").format(cmd=cmd("wijk")))
        return
    if not ctx.app.settings.has_web:
        ctx.reply(_("Subscribing in a calendar app is not available here yet. You can add a calendar file "
                    "instead; it does not update itself, so get a new one after changes."))
        await my_calendar(ctx, [])
        return
    if verb == "stop":
        assert ctx.user.id is not None
        feeds.revoke(ctx.session, user_id=ctx.user.id)
        ctx.reply(_("Your personal calendar link no longer works. Want a new one? Tap the button again in {cmd}.")
                  .format(cmd=cmd("activiteiten")))
        return
    own, wijk = _urls(ctx, renewed=verb == "renew")
    wijk_name = ctx.content.wijken[ctx.user.wijk_id].name if ctx.user.wijk_id in ctx.content.wijken else ""
    intro = (_("Here is your new link; the old one no longer works.") if verb == "renew"
             else _("In your calendar app, choose \"subscribe to calendar\" or \"add calendar from URL\" and "
                    "paste a link. The app then keeps itself up to date."))
    ctx.reply(intro + "\n\n" + _("Your activities (keep this link to yourself):\n{own}").format(own=own) + "\n\n"
              + _("Everything that is on in {wijk}:\n{url}").format(wijk=wijk_name, url=wijk), _manage())
