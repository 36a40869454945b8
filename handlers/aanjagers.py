"""Becoming an aanjager with a one-time code from the municipality's administrator."""

from __future__ import annotations

from bot.core.commands import cmd
from bot.core.conversation import Context
from bot.infra.crud import activities as activities_crud
from bot.infra.crud import invites as invites_crud
from bot.infra.i18n import _
from bot.infra.models import InviteKind


async def redeem(ctx: Context) -> None:
    """/aanjager CODE"""
    if not ctx.incoming.args:
        ctx.reply(_("Type {cmd} followed by the code you received, for example: {cmd} AB12CD34")
                  .format(cmd=cmd("aanjager")))
        return
    assert ctx.user.id is not None
    invite = invites_crud.redeem_invite(ctx.session, code=ctx.incoming.args[0], kind=InviteKind.AANJAGER,
                                        user_id=ctx.user.id, now=ctx.now)
    if invite is None:
        ctx.reply(_("That code is unknown, already used or expired. Ask the administrator for a new one."))
        return
    wijken = [w for w in invite.target.split(",") if w in ctx.content.wijken]
    for wijk_id in wijken:
        activities_crud.add_aanjager(ctx.session, user=ctx.user, wijk_id=wijk_id, now=ctx.now)
    ctx.reply(welcome(", ".join(ctx.content.wijken[w].name for w in wijken)))


def welcome(wijken: str) -> str:
    return _("Welcome, aanjager of {wijken}! With {new_activity} you create an activity, with {broadcast} you "
             "send news to the neighbourhood. {help} shows everything for aanjagers.").format(
        wijken=wijken, new_activity=cmd("nieuweactiviteit"), broadcast=cmd("omroep"), help=cmd("help"))

