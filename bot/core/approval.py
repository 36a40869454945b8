"""The one way a resident approves a text before it crosses to another person: the exact words, then
yes / change / don't send (issue 24: nothing personal crosses unless the person saw and approved that text)."""

from __future__ import annotations

from bot.core.conversation import Context
from bot.core.events import Incoming, Kind
from bot.infra.i18n import _


def ask_to_send(ctx: Context, text: str) -> None:
    ctx.reply(_("They will read this:") + f"\n\n“{text}”\n\n" + _("Shall I send it like this?"),
              [ctx.choice("yes", _("Yes, send it"), family="yes"),
               ctx.choice("change", _("✏️ Change the text"), family="change"),
               ctx.choice("no", _("🚫 Don't send"), family="no")])


async def approved(ctx: Context, msg: Incoming, *, edit_step: str) -> bool:
    """True on yes; on change, no or anything else the conversation is taken care of here."""
    choice = msg.choice if msg.kind is Kind.CHOICE else None
    if choice == "change":
        await ctx.goto(edit_step)
    elif choice == "no":
        ctx.end()
        ctx.reply(_("Okay, I won't send anything."))
    elif choice != "yes":
        await ctx.ask_current()
    return choice == "yes"
