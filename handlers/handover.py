"""Warm handover of a confirmed idea, and the feedback loop around it.

The resident picks who should get the idea and agrees to share it. A contact who
uses the bot (linked) gets the summary with "ik help verder" / "geef door" /
"vraag stellen" / "past niet bij mij"; a contact with an e-mail address gets the
same as links (bot/services/handover.py, bot/web/handover.py); otherwise the
contact's channels go to the resident. The initiator always hears what happens.
"""

from __future__ import annotations

from bot.core.approval import approved, ask_to_send
from bot.core.commands import cmd
from bot.core.conversation import Context, Flow, row_id
from bot.core.events import Choice, Incoming, Kind, Reply
from bot.core.text import shorten
from bot.infra import links
from bot.infra.content import Contact
from bot.infra.crud import handovers as handovers_crud
from bot.infra.crud import invites as invites_crud
from bot.infra.i18n import N_, _, format_date, ngettext
from bot.infra.models import ContactLink, Handover, HandoverStatus, Idea, IdeaStatus, InviteKind
from bot.services import handover as loop
from bot.services.contacts import channel_lines, in_person
from bot.services.followup import plan_checkins
from bot.services.ideas import proposed_words
from bot.understanding import routing
from bot.understanding.idea_words import load_idea_words
from bot.understanding.redact import known_names, redact
from handlers import matching

flow = Flow("handover")
MAX_SUGGESTIONS = 3
MAX_SHARED = 1500
"""The longest text a resident can write for contacts to read instead of the proposal."""


linked_user = loop.linked_user


def _contact_name(ctx: Context, contact_id: str) -> str:
    return loop.contact_name(ctx.app, contact_id)


# --- choosing whom to hand the idea to -------------------------------------------------------
async def offer_contacts(ctx: Context, idea: Idea) -> None:
    """The best contacts for the idea; after "I need help" at a check-in, people it did not go to before."""
    ranked = routing.route(ctx.content, wijk_id=idea.wijk_id, text=ctx.readable(idea.text), themes=idea.themes,
                           needs=idea.needs)
    earlier = handovers_crud.contacts_tried(ctx.session, idea_id=idea.id or 0)
    suggestions = ([s for s in ranked if s.contact.id not in earlier] or ranked)[:MAX_SUGGESTIONS]
    await ctx.start("handover", "pick", idea=idea.id, options=[s.contact.id for s in suggestions], picked=[])


async def offer_connector(ctx: Context, idea: Idea) -> None:
    """The resident wants to think it through with the wijk's connector: only the consent to share is asked."""
    connector = ctx.content.fallback_contact(idea.wijk_id).id
    await ctx.start("handover", "share", idea=idea.id, options=[connector], picked=[connector])


@flow.ask("pick")
async def ask_pick(ctx: Context, *, in_place: bool = False) -> None:
    idea = _idea(ctx)
    suggestions = {s.contact.id: s for s in routing.route(
        ctx.content, wijk_id=idea.wijk_id, text=ctx.readable(idea.text), themes=idea.themes, needs=idea.needs)}
    lines = [_("These people can help you further:")]
    choices: list[Choice] = []
    picked = list(ctx.data.get("picked", []))
    for number, contact_id in enumerate(ctx.data["options"], start=1):
        contact = ctx.content.contacts[contact_id]
        why = suggestions[contact_id].why() if contact_id in suggestions else ""
        lines.append(f"\n{number}. {contact.name} — {contact.organisation_label()}\n   {why}")
        mark = "✅ " if contact_id in picked else ""
        choices.append(ctx.choice(contact_id, f"{mark}{contact.name}"))
    lines.append("\n" + _("Pick one or more, then choose \"Done\". Nobody is fine too: the idea stays yours and "
                         "goes on."))
    choices.append(ctx.choice("done", _("Done ➡️"), family="done"))
    ctx.reply("\n".join(lines), choices, replaces_prompt=in_place)


@flow.answer("pick", multi=True, slot="pick")
async def got_pick(ctx: Context, msg: Incoming) -> None:
    picked = list(ctx.data.get("picked", []))
    if msg.kind is Kind.CHOICE and msg.choice in ctx.data["options"]:
        picked = [p for p in picked if p != msg.choice] if msg.choice in picked else [*picked, msg.choice]
        ctx.remember(picked=picked)
        await ask_pick(ctx, in_place=True)
    elif msg.kind is Kind.CHOICE and msg.choice == "done":
        if not picked:
            idea = _idea(ctx)
            ctx.end()
            plan_checkins(ctx, idea)
            ctx.reply(_("Fine, your idea goes on without a contact person. You can still ask someone later via "
                        "{cmd}.").format(cmd=cmd("mijnideeen")))
            return
        await ctx.goto("share")
    else:
        ctx.reply(_("Pick a name from the list, or say \"done\"."))
        await ask_pick(ctx)


@flow.ask("share")
async def ask_share(ctx: Context) -> None:
    """"This is what they will read": exactly the card that goes, with a yes, a change and a no."""
    if not any(loop.reachable(ctx.app, ctx.session, c) for c in ctx.data["picked"]):
        await _share(ctx, share=False)  # never ask permission for what the bot cannot do: how to reach them instead
        return
    idea = _idea(ctx)
    if "words" not in ctx.data:
        ctx.remember(words=proposed_words(idea, names=known_names(ctx.user.display_name)))
    names = ", ".join(_contact_name(ctx, c) for c in ctx.data["picked"])
    ctx.reply(
        _("This is what {names} will read:").format(names=names) + "\n\n"
        + loop.card_of(idea, words=ctx.data["words"]) + "\n\n"
        + _("May I send it like this? They can react through me; your own contact details stay with me."),
        [ctx.choice("yes", _("Yes, send it"), family="yes"),
         ctx.choice("change", _("✏️ Change the text"), family="change"),
         ctx.choice("no", _("No, give me their details"), family="no")],
    )


@flow.answer("share")
async def got_share(ctx: Context, msg: Incoming) -> None:
    share = msg.choice if msg.kind is Kind.CHOICE else None
    if share == "change":
        await ctx.goto("share_text")
        return
    if share not in ("yes", "no"):
        await ctx.ask_current()
        return
    await _share(ctx, share=share == "yes")


@flow.unmatched("share")
async def share_unmatched(ctx: Context, msg: Incoming) -> None:
    """"ik bel liever met de wijkcoach zelf": nothing is sent (no consent assumed), the contact's details instead."""
    if load_idea_words(ctx.app.settings.content_dir).contacts_themselves(msg.text):
        ctx.reply(_("Fine, then you get in touch yourself. I won't send anything."))
        await _share(ctx, share=False)
        return
    ctx.not_understood()


async def _share(ctx: Context, *, share: bool) -> None:
    idea = _idea(ctx)
    if share and "words" in ctx.data:
        idea.shared_text = str(ctx.data["words"])  # kept: every channel sends these words, never recomputed
    idea.status = IdeaStatus.HANDED_OVER
    idea.updated_at = ctx.now
    picked = list(ctx.data["picked"])
    ctx.end()
    for contact_id in picked:
        _hand_over(ctx, idea, ctx.content.contacts[contact_id], share=share)
    plan_checkins(ctx, idea)
    matching.suggest(ctx, idea)
    ctx.reply(_("Feel free to check {cmd} to see how it is going. Good luck, I'm curious how it goes!")
              .format(cmd=cmd("mijnideeen")),
              [Context.command("aanbod", _("🤝 What I can offer"))])


@flow.ask("share_text")
async def ask_share_text(ctx: Context) -> None:
    ctx.reply(_("Type the text as you want them to read it; the themes and needs stay as they are. Your contact "
                "details are left out: they can react through me."))


@flow.answer("share_text", free_text=True, relay=True)
async def got_share_text(ctx: Context, msg: Incoming) -> None:
    if msg.kind is not Kind.TEXT or not msg.text.strip():
        await ctx.goto("share")
        return
    ctx.remember(words=redact(msg.text.strip()[:MAX_SHARED], names=known_names(ctx.user.display_name)))
    await ctx.goto("share")


def _hand_over(ctx: Context, idea: Idea, contact: Contact, *, share: bool) -> None:
    assert idea.id is not None
    record = loop.send_request(ctx.app, ctx.session, idea, contact.id, now=ctx.now) if share else None
    if record is not None:
        days = ctx.app.settings.handover_reaction_days
        ctx.reply(ngettext("I have sent your idea to {name}. You will hear from me within {days} day what happens.",
                           "I have sent your idea to {name}. You will hear from me within {days} days what happens.",
                           days).format(name=_contact_name(ctx, contact.id), days=days))
        return
    ctx.session.add(Handover(idea_id=idea.id, contact_id=contact.id, created_at=ctx.now,
                             status=HandoverStatus.SHARED))
    lines = []
    if share:
        lines.append(_("I can't pass your idea on to {name} myself yet, so the next step is yours.").format(
            name=_contact_name(ctx, contact.id)))
    lines.append(_("You can reach {name} like this:").format(name=_contact_name(ctx, contact.id)))
    lines += [f"• {line}" for line in channel_lines(contact)]
    lines += [f"🤝 {line}" for line in in_person(contact)]
    lines.append(_("Tip: share the summary of your idea when you get in touch."))
    ctx.reply("\n".join(lines))


def _idea(ctx: Context) -> Idea:
    idea = ctx.session.get(Idea, int(ctx.data["idea"]))
    if idea is None or idea.user_id != ctx.user.id:
        raise LookupError("idea of this conversation is gone")
    return idea


# --- the contact's side ------------------------------------------------------------------------
CONTACT_VERBS = ("accept", "pass", "decline")
EITHER_SIDE_VERBS = ("ask", "close", "share")


async def contact_action(ctx: Context, args: list[str]) -> None:
    """`!ho:<verb>:<handover id>`: accept/pass/decline only by the linked contact it was sent to;
    ask/close/share by that contact or the initiator (button data can be forged)."""
    handover_id = row_id(args[1]) if len(args) == 2 else None
    verb = args[0] if args else ""
    if handover_id is None or verb not in (*CONTACT_VERBS, *EITHER_SIDE_VERBS):
        ctx.reply(_("That choice is no longer active. Type {cmd} to see what I can do.").format(cmd=cmd("menu")))
        return
    record = ctx.session.get(Handover, handover_id)
    idea = ctx.session.get(Idea, record.idea_id) if record else None
    is_contact = record is not None and record.contact_user_id == ctx.user.id
    is_initiator = idea is not None and idea.user_id == ctx.user.id and verb in EITHER_SIDE_VERBS
    if record is None or not (is_contact or is_initiator):
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    if verb == "ask":
        if record.closed_at is not None:
            ctx.reply(_("This conversation was closed. Thank you!"))
            return
        await ctx.start("handover", "question", handover=record.id)
    elif verb == "close":
        if loop.close(ctx.app, ctx.session, record, by_contact=is_contact, now=ctx.now) is loop.Result.DONE:
            ctx.reply(_("The conversation is closed. Thank you!"))
        else:
            ctx.reply(_("This conversation was closed. Thank you!"))
    elif verb == "share":
        if is_contact:
            done = loop.share_details(ctx.app, ctx.session, record, by_contact=True, now=ctx.now)
            ctx.reply(_("Done: your details have been shared with the resident.") if done else
                      _("Noted. I'll share your details once the resident agrees too."))
        else:
            await ctx.start("handover", "details", handover=record.id)
    elif verb == "accept":
        result = loop.accept(ctx.app, ctx.session, record, now=ctx.now)
        if result is loop.Result.DONE:
            ctx.reply(_("Thank you for helping further! I have told the resident. You can write to each other "
                        "through me."), loop.conversation_buttons(record))
        else:
            ctx.reply(_("You already said you help further with this idea. Thank you!"))
    elif record.status not in loop.OPEN:
        ctx.reply(_("This idea has already been answered. Thank you!"))
    elif verb == "pass":
        await ctx.start("handover", "pass_to", handover=record.id)
    else:
        loop.decline(ctx.app, ctx.session, record, now=ctx.now)
        ctx.reply(_("Thanks for letting me know. I'll look for someone else and tell the resident."))


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
        [*(ctx.choice(c.id, f"{c.name} — {c.organisation_label()}") for c in others),
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
    if record.contact_user_id != ctx.user.id:
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    target = ctx.content.contacts[msg.choice]
    if loop.pass_on(ctx.app, ctx.session, record, target, now=ctx.now) is loop.Result.DONE:
        ctx.reply(_("Thanks, I passed it on to {name}.").format(name=_contact_name(ctx, target.id)))
    else:
        ctx.reply(_("This idea has already been answered. Thank you!"))


# --- the conversation, relayed through the bot ---------------------------------------------------
@flow.ask("question")
async def ask_question(ctx: Context) -> None:
    ctx.reply(_("Type your message. I will pass it on without your contact details."))


@flow.answer("question", free_text=True, relay=True)
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
    if not is_contact and (idea is None or idea.user_id != ctx.user.id):
        ctx.reply(_("Sorry, that is not something you can do."))
        return
    if not is_contact:  # the resident first sees exactly what the contact will read
        text = loop.crossing_text(ctx.session, record, msg.text.strip()[:MAX_SHARED])
        await ctx.start("handover", "question_check", handover=record.id, message=text)
        return
    _send_question(ctx, record, msg.text.strip(), is_contact=True)


def _send_question(ctx: Context, record: Handover, text: str, *, is_contact: bool) -> None:
    if loop.relay(ctx.app, ctx.session, record, from_contact=is_contact, text=text, now=ctx.now,
                  from_user_id=ctx.user.id):
        ctx.reply(_("Sent! I'll pass on the answer."))
    else:
        ctx.reply(_("Sorry, I can't reach that person anymore."))


@flow.ask("question_check")
async def ask_question_check(ctx: Context) -> None:
    ask_to_send(ctx, str(ctx.data["message"]))


@flow.answer("question_check")
async def got_question_check(ctx: Context, msg: Incoming) -> None:
    if not await approved(ctx, msg, edit_step="question"):
        return
    record = ctx.session.get(Handover, int(ctx.data["handover"]))
    idea = ctx.session.get(Idea, record.idea_id) if record else None
    text = str(ctx.data["message"])
    ctx.end()
    if record is None or idea is None or idea.user_id != ctx.user.id:
        ctx.reply(_("Sorry, I can't reach that person anymore."))
        return
    _send_question(ctx, record, text, is_contact=False)


@flow.ask("details")
async def ask_details(ctx: Context) -> None:
    ctx.reply(_("How may they reach you? Type a phone number or e-mail address. I only pass it on when they "
                "agree to share their details too."), [ctx.choice("cancel", _("Never mind"), family="cancel")])


@flow.answer("details", free_text=True, slot="details")
async def got_details(ctx: Context, msg: Incoming) -> None:
    record = ctx.session.get(Handover, int(ctx.data["handover"]))
    idea = ctx.session.get(Idea, record.idea_id) if record else None
    if msg.kind is Kind.CHOICE or record is None or idea is None or idea.user_id != ctx.user.id:
        ctx.end()
        ctx.reply(_("Okay, your details stay with me."))
        return
    if msg.kind is not Kind.TEXT or len(msg.text.strip()) < 5:
        await ctx.ask_current()
        return
    ctx.end()
    if loop.share_details(ctx.app, ctx.session, record, by_contact=False, now=ctx.now, details=msg.text):
        ctx.reply(_("Done: you both agreed, so you now have each other's details."))
        return
    name = _contact_name(ctx, record.contact_id)
    ctx.reply(_("Noted. I'll pass your details on once {name} agrees to share theirs too.").format(name=name))
    loop.notify_contact(
        ctx.app, ctx.session, record,
        lambda: Reply(_("The resident would like to exchange contact details with you. Choose \"Share contact "
                        "details\" if you agree."), loop.conversation_buttons(record)),
        lambda: loop.Mail(_("The resident would like to exchange contact details"), [
            _("The resident would like to exchange contact details with you. Open the conversation to "
              "agree.")], "", (links.LinkAction.TALK,)),
        kind="relay", now=ctx.now)


# --- what waits for a linked contact ----------------------------------------------------------------
async def waiting(ctx: Context) -> None:
    """/wacht (/waiting): ideas that wait for this contact, and open conversations."""
    assert ctx.user.id is not None
    records = handovers_crud.waiting_for(ctx.session, user_id=ctx.user.id)
    if not records:
        ctx.reply(_("Nothing is waiting for you right now. Thank you!"))
        return
    ctx.reply(ngettext("{n} idea is waiting for you:", "{n} ideas are waiting for you:", len(records))
              .format(n=len(records)))
    for record in records:
        idea = ctx.session.get(Idea, record.idea_id)
        if idea is None:
            continue
        since = format_date(record.created_at, "d MMMM")
        buttons: tuple[Choice, ...] = ()
        if record.status == HandoverStatus.ACCEPTED:
            text = _("You help further with \"{idea}\" (since {date}).").format(idea=shorten(idea.text), date=since)
            if record.closed_at is None:
                buttons = loop.conversation_buttons(record)
        else:
            text = _("\"{idea}\" waits for your reaction (since {date}).").format(idea=shorten(idea.text),
                                                                                   date=since)
            buttons = tuple(Context.action("ho", action.value, record.id, label=str(loop.LINK_LABELS[action]),
                                           family=loop.ACTION_FAMILIES[action])
                            for action in (links.LinkAction.ACCEPT, links.LinkAction.PASS, links.LinkAction.ASK,
                                           links.LinkAction.DECLINE))
        ctx.reply(text, buttons)


# --- status for "mijn ideeën" ---------------------------------------------------------------------
STATUS_TEXT = {
    IdeaStatus.DRAFT: N_("Draft, not finished yet"),
    IdeaStatus.CONFIRMED: N_("Going"),
    IdeaStatus.HANDED_OVER: N_("Going"),
    IdeaStatus.ACCEPTED: N_("Going, with help"),
    IdeaStatus.DONE: N_("It worked! 🎉"),
    IdeaStatus.STOPPED: N_("Stopped"),
}
HANDOVER_TEXT = {
    HandoverStatus.WAITING: N_("{name}: waiting for a reaction"),
    HandoverStatus.ACCEPTED: N_("{name}: helps further"),
    HandoverStatus.PASSED_ON: N_("{name}: passed it on"),
    HandoverStatus.ESCALATED: N_("{name}: no reaction in time"),
    HandoverStatus.SHARED: N_("{name}: you got their contact details"),
    HandoverStatus.DECLINED: N_("{name}: does not fit their work"),
}


def status_line(ctx: Context, idea: Idea) -> str:
    parts = [str(STATUS_TEXT.get(IdeaStatus(idea.status), idea.status))]
    handovers = handovers_crud.of_idea(ctx.session, idea_id=idea.id or 0)
    for record in handovers:
        template = HANDOVER_TEXT.get(HandoverStatus(record.status))
        if template is not None:
            parts.append(str(template).format(name=_contact_name(ctx, record.contact_id)))
    holder = loop.holder_line(ctx.app, ctx.session, idea)
    if holder:
        parts.append(holder)
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
