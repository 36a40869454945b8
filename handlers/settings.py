"""Personal settings: stop and resume news from the neighbourhood."""

from __future__ import annotations

from bot.core.conversation import Context
from bot.infra.i18n import _


async def mute(ctx: Context) -> None:
    """/stop: no more broadcasts or reminders until the user comes back."""
    ctx.user.muted = True
    ctx.reply(
        _("Okay, I won't send you news from the neighbourhood anymore. "
          "You can still talk to me whenever you like."),
        [ctx.action("unmute", label=_("Turn news back on"))],
    )


async def unmute(ctx: Context, _args: list[str]) -> None:
    ctx.user.muted = False
    ctx.reply(_("News from your neighbourhood is on again."))
