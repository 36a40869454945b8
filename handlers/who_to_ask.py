"""'Bij wie kan ik terecht voor …?', 'who do I ask about …?': the person in the resident's wijk for it, found
the way ideas are routed (bot/understanding/routing.py); when nobody fits, the wijk's connector, who knows everyone."""

from __future__ import annotations

from bot.core.commands import cmd
from bot.core.conversation import Context
from bot.infra.i18n import _
from bot.understanding import routing
from handlers.personal import contact_block


async def answer(ctx: Context, text: str) -> None:
    wijk = ctx.wijk
    if wijk is None:
        await ctx.run_command("onbekend")
        return
    best = next(iter(routing.route(ctx.content, wijk_id=wijk.id, text=text, limit=1)), None)
    if best is not None and best.score > 0:
        ctx.reply("\n".join([_("This person can help you with that:"), *contact_block(best.contact)]))
    else:
        connector = ctx.content.fallback_contact(wijk.id)
        ctx.reply("\n".join([_("I don't know exactly who that is, but the connector knows the neighbourhood and its "
                               "people and can point you the right way:"), *contact_block(connector)]))
    ctx.reply(_("Is there an idea behind your question, something you'd like to get going? Tell me with {cmd}.")
              .format(cmd=cmd("idee")), [Context.command("idee", _("💡 I have an idea"))])
