"""A person of the wijk: "kan ik met een echt mens praten?", and the offer in a safety reply.

Who is there (the wijk's connector and welfare contact) and how to reach them; a contact who uses the chat can be
asked to get in touch, with only the words the resident saw and approved: how they may be reached, which they type
themselves. Nothing else about the resident goes to the contact.
"""

from __future__ import annotations

from bot.core.commands import cmd
from bot.core.conversation import Context, Flow
from bot.core.events import Incoming, Kind, Reply
from bot.infra.content import Contact
from bot.infra.i18n import _
from bot.services.notify import notify
from handlers.handover import linked_user
from handlers.personal import contact_block

flow = Flow("handoff")
MAX_REACH = 200
"""Characters of the line that says how the contact may reach the resident."""


def people(ctx: Context) -> list[Contact]:
    """The wijk's connector and welfare contact, the people a resident can simply talk to."""
    wijk = ctx.user.wijk_id
    if wijk is None:
        return []
    found = [*ctx.content.contacts_with_role(wijk, "welzijn")[:1], ctx.content.fallback_contact(wijk)]
    return list({c.id: c for c in found}.values())


async def offer(ctx: Context) -> None:
    """A resident asks for a person: who is there and how to reach them."""
    found = people(ctx)
    if not found:
        ctx.reply(_("Of course. Tell me your neighbourhood first ({cmd}), then I can tell you who is there for you.")
                  .format(cmd=cmd("wijk")))
        return
    lines = [_("Of course, real people are there for you. You can reach them directly:")]
    for contact in found:
        lines += ["", *contact_block(contact)]
    asks = [Context.action("handoff", c.id, "ask", label=_("💬 Ask {name} to contact me").format(name=c.name))
            for c in found if linked_user(ctx.session, c.id) is not None]
    ctx.reply("\n".join(lines), asks)


async def contact_action(ctx: Context, args: list[str]) -> None:
    """`!handoff:<contact>`: how to reach this person of your wijk; `!handoff:<contact>:ask`: ask them to get in
    touch (only for a contact of your own wijk)."""
    contact = ctx.content.contacts.get(args[0]) if args else None
    if contact is None or contact not in people(ctx):
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    reachable = linked_user(ctx.session, contact.id) is not None
    if args[1:] == ["ask"] and reachable:
        conversation = ctx.conversation
        paused = {"flow": conversation.flow, "step": conversation.step, "data": dict(conversation.data)} \
            if conversation.flow is not None else None
        await ctx.start("handoff", "reach", contact=contact.id)
        if paused is not None:  # afterwards, back to the question this interrupted
            ctx.interrupted_by(paused)
        return
    ctx.reply("\n".join([_("This is how you reach {name}:").format(name=contact.name), *contact_block(contact)]),
              [Context.action("handoff", contact.id, "ask", label=_("💬 Ask {name} to contact me").format(
                  name=contact.name))] if reachable else [])


@flow.ask("reach")
async def ask_reach(ctx: Context) -> None:
    ctx.reply(_("How may {name} reach you? Type a phone number or e-mail address, or a time that suits you. "
                "I only pass on what you type here.").format(name=_name(ctx)),
              [ctx.choice("cancel", _("Never mind"), family="cancel")])


@flow.answer("reach", free_text=True, slot="reach")
async def got_reach(ctx: Context, msg: Incoming) -> None:
    if msg.kind is Kind.CHOICE:
        ctx.end()
        ctx.reply(_("Okay, I won't send anything."))
        return
    ctx.remember(reach=msg.text.strip()[:MAX_REACH])
    await ctx.goto("confirm")


def _message(wijk: str, reach: str) -> str:
    return _("A resident of {wijk} would like to talk to you and asks you to get in touch: {reach}").format(
        wijk=wijk, reach=reach)


def _parts(ctx: Context) -> tuple[str, str]:
    return (ctx.wijk.name if ctx.wijk else ""), str(ctx.data.get("reach", ""))


@flow.ask("confirm")
async def ask_confirm(ctx: Context) -> None:
    ctx.reply(_("I will send {name} exactly this, nothing more:").format(name=_name(ctx)) + "\n\n"
              + _message(*_parts(ctx)),
              [ctx.choice("yes", _("Yes, send it"), family="yes"), ctx.choice("no", _("No, don't send"), family="no"),
               ctx.back_choice(_("⬅️ Back"))])


@flow.answer("confirm", corrects=("reach",))
async def got_confirm(ctx: Context, msg: Incoming) -> None:
    contact = ctx.content.contacts.get(str(ctx.data.get("contact")))
    recipient = linked_user(ctx.session, contact.id) if contact else None
    send = msg.kind is Kind.CHOICE and msg.choice == "yes"
    wijk, reach = _parts(ctx)
    ctx.end()
    if not send or contact is None or recipient is None:
        ctx.reply(_("Okay, I won't send anything."))
        return
    notify(ctx.app, ctx.session, recipient, lambda: Reply(_message(wijk, reach)), kind="handoff", now=ctx.now,
           about=ctx.user.id)
    ctx.reply(_("Sent. {name} will get in touch with you.").format(name=contact.name))


def _name(ctx: Context) -> str:
    contact = ctx.content.contacts.get(str(ctx.data.get("contact")))
    return contact.name if contact else ""
