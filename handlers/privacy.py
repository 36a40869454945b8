"""Your data: see it (/mijngegevens), choose what it may be used for (/toestemming), erase it (/vergeetmij),
and the retention job that removes data of people who stopped using the bot."""

from __future__ import annotations

from bot.core.commands import cmd
from bot.core.conversation import Context, Flow
from bot.core.events import Attachment, Incoming, Kind
from bot.infra.crud import users as users_crud
from bot.infra.i18n import N_, _
from bot.infra.models import ConsentPurpose
from bot.services import privacy

flow = Flow("privacy")

TABLE_NAMES = {
    "consent": N_("consents"),
    "conversation": N_("where we are in a conversation"),
    "outbox": N_("messages I sent you"),
    "idea": N_("ideas"),
    "handover": N_("handovers of ideas"),
    "relayedmessage": N_("messages passed on through me"),
    "contactlink": N_("link to a contact person"),
}
PURPOSES = {
    ConsentPurpose.STORE: N_("keep your data so I can help you (ideas, activities)"),
    ConsentPurpose.ASK_FOR_HELP: N_("ask you when a neighbour's idea needs what you offer"),
    ConsentPurpose.SHARE_STORY: N_("share your success story with the neighbourhood"),
    ConsentPurpose.NAME_VISIBLE: N_("show your name to the aanjager of activities you join"),
}


async def my_data(ctx: Context) -> None:
    """/mijngegevens: a readable summary plus everything as a JSON file."""
    data = privacy.export(ctx.session, user=ctx.user)
    lines = [_("This is what I keep about you:"), ""]
    lines.append(_("Language: {locale} · Neighbourhood: {wijk}").format(
        locale=ctx.user.locale or "—", wijk=ctx.wijk.name if ctx.wijk else "—"))
    granted = [str(PURPOSES[ConsentPurpose(c.purpose)]) for c in users_crud.consents(ctx.session, user=ctx.user)
               if c.purpose in PURPOSES]
    lines.append(_("You agreed to: {purposes}").format(purposes="; ".join(granted) or _("nothing")))
    for table, rows in data.items():
        if table != "user" and rows:
            lines.append(f"• {TABLE_NAMES.get(table, table)}: {len(rows)}")
    lines += ["", _("The attached file has all of it. {cmd} erases everything.").format(cmd=cmd("vergeetmij"))]
    export = Attachment("mijngegevens.json", privacy.export_json(ctx.session, user=ctx.user), "application/json")
    ctx.reply("\n".join(lines), attachment=export)


async def forget_me(ctx: Context) -> None:
    await ctx.start("privacy", "confirm_forget")


@flow.ask("confirm_forget")
async def ask_forget(ctx: Context) -> None:
    ctx.reply(
        _("Do you want me to erase everything I know about you? Your ideas, offers, replies to activities and "
          "planned check-ins will be gone. Ideas a contact person already helps further with stay, without your name. "
          "This cannot be undone."),
        [ctx.choice("yes", _("Yes, erase everything"), family="yes"), ctx.choice("no", _("No, keep it"), family="no")],
    )


@flow.answer("confirm_forget")
async def got_forget(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.CHOICE or msg.choice not in ("yes", "no"):
        await ctx.ask_current()
        return
    if msg.choice == "no":
        ctx.end()
        ctx.reply(_("Okay, nothing has changed."))
        return
    privacy.forget(ctx.session, user=ctx.user)
    ctx.detach_user()
    ctx.reply(_("Done: I have erased everything about you. Take care! If you ever want to come back, type {cmd}.")
              .format(cmd=cmd("start")))


async def on_cancel(ctx: Context) -> None:
    """"Nee wacht, toch maar niet" at the erase question: nothing was erased, and the resident hears so (a switch
    at the consents question took effect when it was chosen)."""
    erasing = ctx.conversation.step == "confirm_forget"
    ctx.end()
    ctx.reply(_("Okay, nothing has changed.") if erasing else _("Saved."))


flow.on_cancel = on_cancel


async def consent_settings(ctx: Context) -> None:
    await ctx.start("privacy", "consents")


@flow.ask("consents")
async def ask_consents(ctx: Context, *, in_place: bool = False) -> None:
    granted = {c.purpose for c in users_crud.consents(ctx.session, user=ctx.user)}
    lines = [_("What I may use your data for. Choose one to switch it on or off:")]
    choices = [ctx.choice(p.value, ("✅ " if p in granted else "⬜ ") + str(label)) for p, label in PURPOSES.items()]
    choices.append(ctx.choice("done", _("Done ➡️"), family="done"))
    ctx.reply("\n".join(lines), choices, replaces_prompt=in_place)


@flow.answer("consents", multi=True)
async def got_consent(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.CHOICE and msg.choice == "done":
        ctx.end()
        ctx.reply(_("Saved."))
        return
    if msg.kind is not Kind.CHOICE or msg.choice not in {p.value for p in PURPOSES}:
        await ask_consents(ctx)
        return
    purpose = ConsentPurpose(msg.choice)
    if users_crud.has_consent(ctx.session, user=ctx.user, purpose=purpose):
        users_crud.withdraw_consent(ctx.session, user=ctx.user, purpose=purpose)
        if purpose is ConsentPurpose.STORE:
            ctx.reply(_("Understood. I'll stop keeping new data. To also erase what I have, type {cmd}.")
                      .format(cmd=cmd("vergeetmij")))
    else:
        users_crud.grant_consent(ctx.session, user=ctx.user, purpose=purpose, now=ctx.now)
    ctx.user.consent_decided = True
    await ask_consents(ctx, in_place=True)


