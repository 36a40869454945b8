"""Before a resident's message goes to another resident: "they will read this", then yes, change or no.

Started by bot.services.relay.relay_to with the text as it would cross (redacted); only a yes sends it."""

from __future__ import annotations

from bot.core.approval import approved, ask_to_send
from bot.core.conversation import Context, Flow
from bot.core.events import Incoming, Kind
from bot.infra.i18n import _
from bot.services.relay import outgoing, send_relay

flow = Flow("relay")


@flow.ask("check")
async def ask_check(ctx: Context) -> None:
    ask_to_send(ctx, str(ctx.data["text"]))


@flow.answer("check")
async def got_check(ctx: Context, msg: Incoming) -> None:
    if not await approved(ctx, msg, edit_step="edit"):
        return
    data = dict(ctx.data)
    ctx.end()
    send_relay(ctx, other_id=int(data["other"]), text=str(data["text"]), heading=str(data["heading"]),
               answer=tuple(data["answer"]), kind=str(data["kind"]))


@flow.ask("edit")
async def ask_edit(ctx: Context) -> None:
    ctx.reply(_("Type your message as you want them to read it."))


@flow.answer("edit", free_text=True, relay=True)
async def got_edit(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.TEXT and msg.text.strip():
        ctx.remember(text=outgoing(ctx, msg.text))
    await ctx.goto("check")
