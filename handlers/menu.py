"""The menu, /help, and the friendly answer to text the bot does not understand."""

from __future__ import annotations

from bot.core import permissions
from bot.core.commands import cmd
from bot.core.conversation import Context
from bot.core.text import shorten
from bot.infra.crud import ideas as ideas_crud
from bot.infra.i18n import _

AANJAGER_COMMANDS = ("nieuweactiviteit", "mijnactiviteiten", "omroep")
"""Shown in /help and /menu to aanjagers only."""


async def show_menu(ctx: Context, *, intro: bool = False) -> None:
    if intro:
        ctx.reply(
            _(
                "I help you get things going in your neighbourhood: share an idea and I will find "
                "the right person to help, see what is happening, find places to meet, "
                "or tell me what you would like to offer your neighbours."
            )
        )
    choices = [ctx.command(spec.name, str(spec.menu_label)) for spec in ctx.registry.menu_commands()]
    draft = ideas_crud.latest_draft(ctx.session, user_id=ctx.user.id) if ctx.user.id is not None else None
    if draft is not None:  # last, so the menu's numbers stay the same
        ctx.reply(_("You still have an idea in progress: \"{idea}\".").format(idea=shorten(draft.text)))
        # "ja" to "you still have an idea in progress" is going on with it
        choices.append(Context.action("idea", "resume", draft.id, label=_("▶️ Continue my idea"), family="yes"))
    ctx.reply(_("What would you like to do?"), choices)
    if permissions.has_role(ctx.session, user=ctx.user, content=ctx.content, role=permissions.AANJAGER):
        ctx.reply(_("For you as an aanjager:"),
                  [ctx.command("nieuweactiviteit", _("➕ New activity")),
                   ctx.command("mijnactiviteiten", _("🗂️ My activities")),
                   ctx.command("omroep", _("📣 News to the neighbourhood"))])


async def menu(ctx: Context) -> None:
    await show_menu(ctx)


async def help_command(ctx: Context) -> None:
    lines = [_("This is what I can do:"), ""]
    lines += [f"{cmd(spec.name)} — {spec.description}" for spec in ctx.registry.visible_commands()]
    if permissions.has_role(ctx.session, user=ctx.user, content=ctx.content, role=permissions.AANJAGER):
        lines += ["", _("For you as an aanjager:")]
        lines += [f"{cmd(name)} — {ctx.registry.commands[name].description}" for name in AANJAGER_COMMANDS]
    lines += [
        "",
        _("You can also just type what you are looking for, like \"I have an idea\". "
          "Type \"back\" to go one question back, or \"stop\" to stop a conversation."),
    ]
    ctx.reply("\n".join(lines))
    await ctx.ask_current()


async def how_it_works(ctx: Context) -> None:
    """"hoe werkt dit eigenlijk?": a short answer to that question and the ways to start, not the whole menu."""
    ctx.reply(
        _("This is how it works: just type what you want, in your own words. Do you have an idea for the "
          "neighbourhood? Then I ask a few short questions and find someone in your neighbourhood who can help you "
          "further. You can also ask what is on, or tell me what you would like to offer your neighbours. "
          "Shall we start?"),
        [ctx.command("idee", _("💡 I have an idea")), ctx.command("activiteiten", _("🗓️ Activities")),
         ctx.command("aanbod", _("🤝 What I can offer")), ctx.command("menu", _("📋 Everything I can do"))])


async def not_understood(ctx: Context) -> None:
    ctx.reply(_("I'm not sure what you mean. Here is what I can help with:"))
    await show_menu(ctx)
