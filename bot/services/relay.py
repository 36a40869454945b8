"""A message from one resident to another who both agreed to talk (a helper and an initiator, a mentor and
a new initiator), passed on by the bot without names, with a button to answer."""

from __future__ import annotations

from collections.abc import Callable

from bot.core.conversation import Context
from bot.core.events import Reply
from bot.infra.i18n import _
from bot.infra.models import User
from bot.services.notify import notify

MAX_RELAYED = 2000


def relay_to(ctx: Context, *, other_id: int, text: str, heading: Callable[[], str], answer: tuple[object, ...],
             kind: str) -> None:
    """Queues ``text`` for the other person under ``heading`` (rendered in their language); ``answer`` is the
    action and arguments of their answer button."""
    other = ctx.session.get(User, other_id)
    if other is None:
        ctx.reply(_("Sorry, I can't reach that person anymore."))
        return
    quoted = text.strip()[:MAX_RELAYED]
    name, *args = answer

    def relayed() -> Reply:
        return Reply(f"{heading()}\n\n“{quoted}”", (Context.action(str(name), *args, label=_("↩️ Answer")),))

    notify(ctx.app, ctx.session, other, relayed, now=ctx.now, kind=kind, about=ctx.user.id)
    ctx.reply(_("Sent! I'll pass on the answer."))
