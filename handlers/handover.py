"""Warm handover of a confirmed idea, and the feedback loop around it.

The resident picks who should get the idea and agrees to share it. A contact who
uses the bot (linked) gets the summary with "ik pak het op" / "geef door" /
"vraag stellen"; an unlinked contact's channels go to the resident. The
initiator always hears what happens: accepted, passed on, or, when nobody reacts
in time, sent on to the wijk's fallback contact with an honest word about it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from bot import routing
from bot.app import App
from bot.commands import cmd
from bot.content import Contact
from bot.conversation import Context, Flow, row_id
from bot.crud import invites as invites_crud
from bot.crud import outbox as outbox_crud
from bot.events import Choice, Incoming, Kind, Reply
from bot.i18n import N_, _, ngettext, use_locale
from bot.models import ContactLink, Handover, HandoverStatus, Idea, IdeaStatus, InviteKind, RelayedMessage, User
from bot.text import shorten
from handlers import checkins, matching
from handlers.meetings import in_person

flow = Flow("handover")
MAX_SUGGESTIONS = 3
CHANNEL_LABELS = {
    "phone": N_("phone"),
    "email": N_("e-mail"),
    "website": N_("website"),
    "address": N_("address"),
    "telegram": N_("Telegram"),
    "matrix": N_("Matrix"),
    "app": N_("app"),
    "form": N_("form"),
}


def channel_lines(contact: Contact) -> list[str]:
    lines = []
    for channel in contact.channels:
        label = str(CHANNEL_LABELS.get(channel.kind, channel.kind))
        suffix = " " + _("(example, not a real address yet)") if channel.example else ""
        lines.append(f"{label}: {channel.value}{suffix}")
    return lines


def linked_user(session: Session, contact_id: str) -> User | None:
    link = session.get(ContactLink, contact_id)
    return session.get(User, link.user_id) if link is not None else None


def _contact_name(ctx_or_app: Context | App, contact_id: str) -> str:
    contact = ctx_or_app.content.contacts.get(contact_id)
    return f"{contact.name} ({contact.organisation})" if contact else contact_id


# --- choosing whom to hand the idea to -------------------------------------------------------
async def offer_contacts(ctx: Context, idea: Idea) -> None:
    suggestions = routing.route(ctx.content, wijk_id=idea.wijk_id, text=idea.text, themes=idea.themes,
                                needs=idea.needs, limit=MAX_SUGGESTIONS)
    await ctx.start("handover", "pick", idea=idea.id, options=[s.contact.id for s in suggestions], picked=[])


@flow.ask("pick")
async def ask_pick(ctx: Context, *, in_place: bool = False) -> None:
    idea = _idea(ctx)
    suggestions = {s.contact.id: s for s in routing.route(
        ctx.content, wijk_id=idea.wijk_id, text=idea.text, themes=idea.themes, needs=idea.needs,
        limit=MAX_SUGGESTIONS)}
    lines = [_("These people can help you further:")]
    choices: list[Choice] = []
    picked = list(ctx.data.get("picked", []))
    for number, contact_id in enumerate(ctx.data["options"], start=1):
        contact = ctx.content.contacts[contact_id]
        why = suggestions[contact_id].why() if contact_id in suggestions else ""
        lines.append(f"\n{number}. {contact.name} — {contact.organisation}\n   {why}")
        mark = "✅ " if contact_id in picked else ""
        choices.append(ctx.choice(contact_id, f"{mark}{contact.name}"))
    lines.append("\n" + _("Pick one or more, then choose \"Done\"."))
    choices.append(ctx.choice("done", _("Done ➡️"), family="done"))
    ctx.reply("\n".join(lines), choices, replaces_prompt=in_place)


@flow.answer("pick", multi=True)
async def got_pick(ctx: Context, msg: Incoming) -> None:
    picked = list(ctx.data.get("picked", []))
    if msg.kind is Kind.CHOICE and msg.choice in ctx.data["options"]:
        picked = [p for p in picked if p != msg.choice] if msg.choice in picked else [*picked, msg.choice]
        ctx.remember(picked=picked)
        await ask_pick(ctx, in_place=True)
    elif msg.kind is Kind.CHOICE and msg.choice == "done":
        if not picked:
            ctx.reply(_("Pick at least one person, so your idea gets going."))
            await ask_pick(ctx)
            return
        await ctx.goto("share")
    else:
        await ask_pick(ctx)


@flow.ask("share")
async def ask_share(ctx: Context) -> None:
    names = ", ".join(_contact_name(ctx, c) for c in ctx.data["picked"])
    ctx.reply(
        _("May I send the summary of your idea to {names}? They can then react through me; "
          "your own contact details stay with me.").format(names=names),
        [ctx.choice("yes", _("Yes, send it"), family="yes"),
         ctx.choice("no", _("No, give me their details"), family="no")],
    )


@flow.answer("share")
async def got_share(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.CHOICE or msg.choice not in ("yes", "no"):
        await ctx.ask_current()
        return
    idea = _idea(ctx)
    idea.status = IdeaStatus.HANDED_OVER
    idea.updated_at = ctx.now
    picked = list(ctx.data["picked"])
    ctx.end()
    for contact_id in picked:
        _hand_over(ctx, idea, ctx.content.contacts[contact_id], share=msg.choice == "yes")
    checkins.plan_for_idea(ctx, idea)
    matching.suggest(ctx, idea)
    ctx.reply(_("Feel free to check {cmd} to see how it is going. Good luck, I'm curious how it goes!")
              .format(cmd=cmd("mijnideeen")),
              [Context.command("aanbod", _("🤝 What I can offer"))])


def _hand_over(ctx: Context, idea: Idea, contact: Contact, *, share: bool, escalated_from: int | None = None) -> None:
    assert idea.id is not None
    contact_user = linked_user(ctx.session, contact.id) if share else None
    record = Handover(idea_id=idea.id, contact_id=contact.id, created_at=ctx.now, escalated_from=escalated_from)
    if contact_user is not None:
        record.contact_user_id = contact_user.id
        record.status = HandoverStatus.WAITING
        record.due_at = ctx.now + timedelta(days=ctx.app.settings.handover_reaction_days)
        ctx.session.add(record)
        ctx.session.flush()
        wijk_name = ctx.content.wijken[idea.wijk_id].name
        ctx.notify(contact_user, lambda: _request_for_contact(record, idea, wijk_name), kind="handover",
                   ref=f"handover:{record.id}")
        days = ctx.app.settings.handover_reaction_days
        ctx.reply(ngettext("I have sent your idea to {name}. You will hear from me within {days} day what happens.",
                           "I have sent your idea to {name}. You will hear from me within {days} days what happens.",
                           days).format(name=_contact_name(ctx, contact.id), days=days))
    else:
        record.status = HandoverStatus.SHARED
        ctx.session.add(record)
        lines = [_("You can reach {name} like this:").format(name=_contact_name(ctx, contact.id))]
        lines += [f"• {line}" for line in channel_lines(contact)]
        lines += [f"🤝 {line}" for line in in_person(contact)]
        lines.append(_("Tip: share the summary of your idea when you get in touch."))
        ctx.reply("\n".join(lines))


def _request_for_contact(record: Handover, idea: Idea, wijk_name: str) -> Reply:
    from handlers.ideas import summary_card

    return Reply(
        _("A resident of {wijk} has an idea and would like your help:").format(wijk=wijk_name) + "\n\n"
        + summary_card(idea),
        (
            Context.action("ho", "accept", record.id, label=_("👍 I'll pick it up"), family="yes"),
            Context.action("ho", "pass", record.id, label=_("↪️ Pass it on to…")),
            Context.action("ho", "ask", record.id, label=_("❓ Ask a question")),
        ),
    )


def _idea(ctx: Context) -> Idea:
    idea = ctx.session.get(Idea, int(ctx.data["idea"]))
    if idea is None or idea.user_id != ctx.user.id:
        raise LookupError("idea of this conversation is gone")
    return idea


# --- the contact's side ------------------------------------------------------------------------
async def contact_action(ctx: Context, args: list[str]) -> None:
    """`!ho:<accept|pass|ask>:<handover id>`: only the linked contact it was sent to may use it
    (and, for questions, the initiator answering)."""
    handover_id = row_id(args[1]) if len(args) == 2 else None
    if handover_id is None:
        ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))
        return
    verb, record = args[0], ctx.session.get(Handover, handover_id)
    initiator_id = None
    if record is not None and verb == "ask":
        asked = ctx.session.get(Idea, record.idea_id)
        initiator_id = asked.user_id if asked else None
    if record is None or ctx.user.id not in (record.contact_user_id, initiator_id):
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    if verb == "ask":
        await ctx.start("handover", "question", handover=record.id)
        return
    if record.status != HandoverStatus.WAITING:
        ctx.reply(_("This idea has already been answered. Thank you!"))
        return
    idea = ctx.session.get(Idea, record.idea_id)
    initiator = ctx.session.get(User, idea.user_id) if idea and idea.user_id else None
    if verb == "accept":
        record.status = HandoverStatus.ACCEPTED
        record.responded_at = ctx.now
        if idea is not None:
            idea.status = IdeaStatus.ACCEPTED
        ctx.reply(_("Thank you for picking this up! I have told the resident. "
                    "Use \"Ask a question\" to talk to them through me."))
        if initiator is not None and idea is not None:
            name = _contact_name(ctx, record.contact_id)
            ctx.notify(initiator, lambda: Reply(
                _("Good news! {name} is picking up your idea \"{idea}\" and will get in touch through me.")
                .format(name=name, idea=shorten(idea.text))), kind="handover_accepted")
    elif verb == "pass":
        await ctx.start("handover", "pass_to", handover=record.id)
    else:
        ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))


@flow.ask("pass_to")
async def ask_pass_to(ctx: Context) -> None:
    record = ctx.session.get(Handover, int(ctx.data["handover"]))
    idea = ctx.session.get(Idea, record.idea_id) if record else None
    if record is None or idea is None:
        ctx.end()
        return
    others = [c for c in ctx.content.contacts_for_wijk(idea.wijk_id) if c.id != record.contact_id]
    ctx.reply(
        _("To whom should I pass it on?"),
        [*(ctx.choice(c.id, f"{c.name} — {c.organisation}") for c in others),
         ctx.choice("cancel", _("Never mind"), family="cancel")],
    )


@flow.answer("pass_to")
async def got_pass_to(ctx: Context, msg: Incoming) -> None:
    record = ctx.session.get(Handover, int(ctx.data["handover"]))
    if msg.kind is not Kind.CHOICE or record is None:
        await ctx.ask_current()
        return
    ctx.end()
    if msg.choice == "cancel" or msg.choice not in ctx.content.contacts:
        ctx.reply(_("Okay, the idea stays with you."))
        return
    if record.status != HandoverStatus.WAITING or record.contact_user_id != ctx.user.id:
        ctx.reply(_("This idea has already been answered. Thank you!"))
        return
    idea = ctx.session.get(Idea, record.idea_id)
    if idea is None:
        return
    record.status = HandoverStatus.PASSED_ON
    record.responded_at = ctx.now
    target = ctx.content.contacts[msg.choice]
    ctx.reply(_("Thanks, I passed it on to {name}.").format(name=_contact_name(ctx, target.id)))
    _pass_on(ctx, idea, record, target)


def _pass_on(ctx: Context, idea: Idea, record: Handover, target: Contact) -> None:
    """Hands the idea to `target` on the resident's behalf and tells the resident what happened."""
    initiator = ctx.session.get(User, idea.user_id) if idea.user_id else None
    assert idea.id is not None
    new = Handover(idea_id=idea.id, contact_id=target.id, created_at=ctx.now, escalated_from=record.id)
    target_user = linked_user(ctx.session, target.id)
    by = _contact_name(ctx, record.contact_id)
    to = _contact_name(ctx, target.id)
    if target_user is not None:
        new.contact_user_id = target_user.id
        new.due_at = ctx.now + timedelta(days=ctx.app.settings.handover_reaction_days)
        ctx.session.add(new)
        ctx.session.flush()
        wijk_name = ctx.content.wijken[idea.wijk_id].name
        ctx.notify(target_user, lambda: _request_for_contact(new, idea, wijk_name), kind="handover",
                   ref=f"handover:{new.id}")
    else:
        new.status = HandoverStatus.SHARED
        ctx.session.add(new)
    if initiator is not None:
        def message() -> Reply:
            if target_user is not None:
                return Reply(_("{by} passed your idea \"{idea}\" on to {to}, who can help you better. "
                               "I'll let you know what they say.").format(by=by, idea=shorten(idea.text), to=to))
            lines = [_("{by} passed your idea \"{idea}\" on to {to}, who can help you better. "
                       "You can reach them like this:").format(by=by, idea=shorten(idea.text), to=to)]
            lines += [f"• {line}" for line in channel_lines(target)]
            return Reply("\n".join(lines))

        ctx.notify(initiator, message, kind="handover_passed")


# --- questions relayed through the bot -------------------------------------------------------------
@flow.ask("question")
async def ask_question(ctx: Context) -> None:
    ctx.reply(_("Type your question. I will pass it on without your contact details."))


@flow.answer("question", free_text=True)
async def got_question(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.TEXT or not msg.text.strip():
        await ctx.ask_current()
        return
    record = ctx.session.get(Handover, int(ctx.data["handover"]))
    ctx.end()
    if record is None:
        return
    idea = ctx.session.get(Idea, record.idea_id)
    is_contact = record.contact_user_id == ctx.user.id
    other_id = (idea.user_id if idea else None) if is_contact else record.contact_user_id
    if not is_contact and (idea is None or idea.user_id != ctx.user.id):
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    other = ctx.session.get(User, other_id) if other_id else None
    if other is None:
        ctx.reply(_("Sorry, I can't reach that person anymore."))
        return
    assert record.id is not None
    text = msg.text.strip()
    ctx.session.add(RelayedMessage(handover_id=record.id, from_user_id=ctx.user.id, to_user_id=other.id, text=text,
                                   created_at=ctx.now))
    sender = _contact_name(ctx, record.contact_id) if is_contact else None
    idea_text = shorten(idea.text) if idea else ""

    def relayed() -> Reply:
        head = (_("{name} asks about your idea \"{idea}\":").format(name=sender, idea=idea_text) if sender
                else _("The resident answers about the idea \"{idea}\":").format(idea=idea_text))
        return Reply(f"{head}\n\n“{text}”", (Context.action("ho", "ask", record.id, label=_("↩️ Answer")),))

    ctx.notify(other, relayed, kind="relay")
    ctx.reply(_("Sent! I'll pass on the answer."))


# --- escalation: no reaction in time ---------------------------------------------------------------
async def escalate_overdue(app: App) -> None:
    """Periodic job: waiting handovers past their due time go to the wijk's fallback contact."""
    now = app.clock.now()
    with Session(app.engine, expire_on_commit=False) as session:
        query = select(Handover).where(Handover.status == HandoverStatus.WAITING, col(Handover.due_at) <= now)
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        for record in session.exec(query.limit(100)):
            _escalate(app, session, record, now)
        session.commit()


def _escalate(app: App, session: Session, record: Handover, now: datetime) -> None:
    record.status = HandoverStatus.ESCALATED
    record.responded_at = now
    idea = session.get(Idea, record.idea_id)
    if idea is None or idea.id is None:
        return
    initiator = session.get(User, idea.user_id) if idea.user_id else None
    fallback = app.content.fallback_contact(idea.wijk_id)
    late = _contact_name(app, record.contact_id)
    if fallback.id == record.contact_id:
        # the fallback itself did not react: stay honest, keep the idea open, no loop
        if initiator is not None:
            with use_locale(initiator.locale):
                text = _("{name} has not reacted to your idea \"{idea}\" yet. I'm sorry it takes this long. "
                         "I'll keep asking; you can also contact them directly:").format(name=late,
                                                                                     idea=shorten(idea.text))
                lines = [text, *(f"• {line}" for line in channel_lines(fallback))]
            outbox_crud.enqueue(session, user=initiator, reply=Reply("\n".join(lines)), kind="escalation", now=now)
        app.wake_delivery()
        return
    fallback_user = linked_user(session, fallback.id)
    new = Handover(idea_id=idea.id, contact_id=fallback.id, created_at=now, escalated_from=record.id)
    if fallback_user is not None:
        new.contact_user_id = fallback_user.id
        new.due_at = now + timedelta(days=app.settings.handover_reaction_days)
    else:
        new.status = HandoverStatus.SHARED
    session.add(new)
    session.flush()
    if fallback_user is not None:
        with use_locale(fallback_user.locale):
            reply = _request_for_contact(new, idea, app.content.wijken[idea.wijk_id].name)
            reply = Reply(_("Another contact did not get to this idea in time. Could you help?") + "\n\n" + reply.text,
                          reply.choices)
        outbox_crud.enqueue(session, user=fallback_user, reply=reply, kind="handover", now=now,
                            ref=f"handover:{new.id}")
    if initiator is not None:
        with use_locale(initiator.locale):
            lines = [_("Honest update about your idea \"{idea}\": {late} has not reacted yet, and I don't want to "
                       "keep you waiting. I have now passed your idea to {fallback}, the connector of your "
                       "neighbourhood.").format(idea=shorten(idea.text), late=late,
                                                fallback=_contact_name(app, fallback.id))]
            if fallback_user is None:
                lines.append(_("You can reach them like this:"))
                lines += [f"• {line}" for line in channel_lines(fallback)]
        outbox_crud.enqueue(session, user=initiator, reply=Reply("\n".join(lines)), kind="escalation", now=now)
    app.wake_delivery()


# --- status for "mijn ideeën" ---------------------------------------------------------------------
STATUS_TEXT = {
    IdeaStatus.DRAFT: N_("Draft, not finished yet"),
    IdeaStatus.CONFIRMED: N_("Confirmed, not handed over yet"),
    IdeaStatus.HANDED_OVER: N_("Handed over"),
    IdeaStatus.ACCEPTED: N_("Picked up"),
    IdeaStatus.DONE: N_("Done! 🎉"),
    IdeaStatus.STOPPED: N_("Stopped"),
}
HANDOVER_TEXT = {
    HandoverStatus.WAITING: N_("{name}: waiting for a reaction"),
    HandoverStatus.ACCEPTED: N_("{name}: picked it up"),
    HandoverStatus.PASSED_ON: N_("{name}: passed it on"),
    HandoverStatus.ESCALATED: N_("{name}: no reaction in time"),
    HandoverStatus.SHARED: N_("{name}: you got their contact details"),
}


def status_line(ctx: Context, idea: Idea) -> str:
    parts = [str(STATUS_TEXT.get(IdeaStatus(idea.status), idea.status))]
    handovers = ctx.session.exec(select(Handover).where(Handover.idea_id == idea.id).order_by(col(Handover.id)))
    for record in handovers:
        template = HANDOVER_TEXT.get(HandoverStatus(record.status))
        if template is not None:
            parts.append(str(template).format(name=_contact_name(ctx, record.contact_id)))
    return " · ".join(parts)


# --- linking a contact person to their bot account --------------------------------------------------
async def link_contact(ctx: Context) -> None:
    """/koppel CODE: a contact person connects their chat to their entry in content/."""
    if not ctx.incoming.args:
        ctx.reply(_("Type {cmd} followed by the code you received, for example: {cmd} AB12CD34")
                  .format(cmd=cmd("koppel")))
        return
    assert ctx.user.id is not None
    invite = invites_crud.redeem_invite(ctx.session, code=ctx.incoming.args[0], kind=InviteKind.CONTACT,
                                        user_id=ctx.user.id, now=ctx.now)
    if invite is None or invite.target not in ctx.content.contacts:
        ctx.reply(_("That code is unknown, already used or expired. Ask the administrator for a new one."))
        return
    existing = ctx.session.get(ContactLink, invite.target)
    if existing is not None:
        existing.user_id = ctx.user.id
        existing.linked_at = ctx.now
    else:
        ctx.session.add(ContactLink(contact_id=invite.target, user_id=ctx.user.id, linked_at=ctx.now))
    ctx.reply(_("Linked! From now on, ideas for {name} reach you here.").format(
        name=_contact_name(ctx, invite.target)))
