"""A message from one resident to another who both agreed to talk (a helper and an initiator, a mentor and
a new initiator), passed on by the bot without names, with a button to answer.

What crosses is what the writer approved: `relay_to` shows them exactly the text the other will read (contact
details taken out by redact, cut to MAX_RELAYED) and waits for a yes (handlers/relay.py); `send_relay` then
queues that same text."""

from __future__ import annotations

from bot.core.conversation import Context
from bot.core.events import Reply
from bot.infra.i18n import N_, _
from bot.infra.models import User
from bot.services.notify import notify
from bot.understanding.redact import known_names, redact

MAX_RELAYED = 2000
HEADINGS = {
    "mentor_tips": N_("Tips from the neighbour who did it:"),
    "mentor_question": N_("Message from the neighbour with the new idea:"),
    "helper": N_("Message from the neighbour who wants to help:"),
    "initiator": N_("Message from the neighbour with the idea:"),
}
"""What the recipient reads above a relayed message, by who wrote it (a key: it waits in the conversation)."""


def outgoing(ctx: Context, text: str) -> str:
    """The text as the other will read it: without the writer's contact details or name."""
    return redact(text.strip()[:MAX_RELAYED], names=known_names(ctx.user.display_name))


async def relay_to(ctx: Context, *, other_id: int, text: str, heading: str, answer: tuple[object, ...],
                   kind: str) -> None:
    """Asks the writer to approve ``text`` as the other will read it, under ``heading`` (a key of HEADINGS,
    rendered in the recipient's language); ``answer`` is the action and arguments of their answer button."""
    await ctx.start("relay", "check", other=other_id, text=outgoing(ctx, text), heading=heading,
                    answer=list(answer), kind=kind)


def send_relay(ctx: Context, *, other_id: int, text: str, heading: str, answer: tuple[object, ...],
               kind: str) -> None:
    """Queues the approved ``text`` for the other person, as it was shown to the writer."""
    other = ctx.session.get(User, other_id)
    if other is None:
        ctx.reply(_("Sorry, I can't reach that person anymore."))
        return
    name, *args = answer

    def relayed() -> Reply:
        return Reply(f"{HEADINGS[heading]}\n\n“{text}”", (Context.action(str(name), *args, label=_("↩️ Answer")),))

    notify(ctx.app, ctx.session, other, relayed, now=ctx.now, kind=kind, about=ctx.user.id)
    ctx.reply(_("Sent! I'll pass on the answer."))
