"""The loop around a handover, the same for chat contacts and e-mail contacts (web links).

Sending the request, "ik help verder", passing on, "past niet bij mij", the conversation after
acceptance, and the escalation chain (reminder → the wijk's fallback → the area team → an admin).
Used by the chat actions in handlers/handover.py and by the pages in bot/web/handover.py; every
function works on a Session and queues its messages in the outbox, so the caller commits once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlmodel import Session

from bot.core.app import App
from bot.core.conversation import Context
from bot.core.events import Choice, Reply
from bot.core.text import shorten
from bot.infra import links
from bot.infra.content import Contact
from bot.infra.crud import handovers as handovers_crud
from bot.infra.i18n import DEFAULT_LOCALE, LOCALES, N_, _, format_date, use_locale
from bot.infra.models import ContactLink, Handover, HandoverStatus, Idea, IdeaStatus, RelayedMessage, User
from bot.infra.signing_key import web_secret
from bot.infra.templates import templates
from bot.services.contacts import channel_lines
from bot.services.due_jobs import run_due
from bot.services.ideas import NEEDS, THEMES, proposed_words
from bot.services.notify import notify, notify_by_email
from bot.understanding.redact import known_names, redact

ADMIN_CONTACT = "admin"
"""contact_id of a handover to an admin: the last step of the escalation chain."""
OPEN = handovers_crud.OPEN

ACTION_FAMILIES = {
    links.LinkAction.ACCEPT: "take_on", links.LinkAction.PASS: "pass_on", links.LinkAction.ASK: "question",
    links.LinkAction.DECLINE: "decline",
}
"""What a contact person types for each answer (bot/understanding/answer_words.py): "ja ik pak het op",
"niet voor mij"."""
LINK_LABELS = {
    links.LinkAction.ACCEPT: N_("🤝 I'll help further"),
    links.LinkAction.PASS: N_("↪️ Pass it on to…"),
    links.LinkAction.ASK: N_("❓ Ask a question"),
    links.LinkAction.DECLINE: N_("🙅 Not for me"),
    links.LinkAction.TALK: N_("✉️ Write to the resident"),
}


# --- who and how ---------------------------------------------------------------------------------
def contact_name(app: App, contact_id: str) -> str:
    if contact_id == ADMIN_CONTACT:
        return _("the Wijkgids team")
    contact = app.content.contacts.get(contact_id)
    return f"{contact.name} ({contact.organisation_label()})" if contact else contact_id


def contact_locale(contact: Contact | None) -> str:
    for code in contact.languages if contact else ():
        if code in LOCALES:
            return code
    return DEFAULT_LOCALE


def email_address(app: App, contact: Contact) -> str | None:
    """A real address to mail, when e-mail is set up; example placeholders are never mailed."""
    if not app.settings.has_email or contact.example:
        return None
    for channel in contact.channels:
        if channel.kind == "email" and not channel.example and "@" in channel.value:
            return channel.value.strip()
    return None


def linked_user(session: Session, contact_id: str) -> User | None:
    link = session.get(ContactLink, contact_id)
    return session.get(User, link.user_id) if link is not None else None


def contact_user(session: Session, record: Handover) -> User | None:
    return session.get(User, record.contact_user_id) if record.contact_user_id else None


def initiator_of(session: Session, idea: Idea | None) -> User | None:
    return session.get(User, idea.user_id) if idea is not None and idea.user_id else None


def initiator_id(session: Session, record: Handover) -> int | None:
    """Whose idea a handover is about: every message to its contact carries their words (erasure cancels it)."""
    idea = session.get(Idea, record.idea_id)
    return idea.user_id if idea is not None else None


def link_url(app: App, record: Handover, action: links.LinkAction, *, lang: str | None = None) -> str:
    assert record.id is not None and app.settings.web_base_url
    return links.url(app.settings.web_base_url, web_secret(app.settings), record.id, action, lang=lang)


# --- what a contact reads ------------------------------------------------------------------------------
def shared_words(idea: Idea) -> str:
    """The resident's words a contact may read: what they approved, else (an idea handed over before approval
    existed) the redacted proposal."""
    return idea.shared_text or proposed_words(idea)


def card_of(idea: Idea, *, words: str | None = None) -> str:
    """The one summary card of an idea for contacts, in chat, e-mail, the link page and the dashboard: the
    structured answers (themes, needs) plus the approved words; the resident saw exactly this before it went
    (`words`: the text the resident is about to approve, for that preview)."""
    themes = ", ".join(str(THEMES[t]) for t in idea.themes if t in THEMES) or "—"
    needs = ", ".join(str(NEEDS[n]) for n in idea.needs if n in NEEDS) or _("not sure yet")
    return "\n".join([_("💡 The idea: {text}").format(text=shared_words(idea) if words is None else words),
                      _("Themes: {themes}").format(themes=themes), _("Needs: {needs}").format(needs=needs)])


def title_for_contact(idea: Idea) -> str:
    """The idea named in a message to a contact: the start of the approved words, on one line."""
    return shorten(" ".join(shared_words(idea).split()))


# --- sending -----------------------------------------------------------------------------------------
@dataclass
class Mail:
    subject: str
    paragraphs: list[str]
    card: str = ""
    actions: tuple[links.LinkAction, ...] = ()


def mail_contact(app: App, session: Session, record: Handover, build: Callable[[], Mail], *, kind: str,
                 now: datetime) -> bool:
    """An e-mail with text and HTML parts to the contact of an e-mail handover, via the outbox."""
    contact = app.content.contacts.get(record.contact_id)
    address = email_address(app, contact) if contact else None
    if contact is None or address is None:
        return False
    with use_locale(contact_locale(contact)):
        mail = build()
        buttons = [(str(LINK_LABELS[a]), link_url(app, record, a, lang=contact_locale(contact)))
                   for a in mail.actions]
        footer = _("These links are personal and work for {days} days, without logging in. "
                   "Sent by Wijkgids on behalf of a resident.").format(days=app.settings.link_days)
        greeting = _("Hello {name},").format(name=contact.name)
        html = templates().get_template("email/message.html").render(
            greeting=greeting, paragraphs=mail.paragraphs, card=mail.card, buttons=buttons, footer=footer,
            subject=mail.subject, locale=contact_locale(contact))
        text = "\n\n".join([greeting, *mail.paragraphs, *([mail.card] if mail.card else []),
                            "\n".join(f"{label}: {url}" for label, url in buttons), footer])
    notify_by_email(app, session, address=address, subject=mail.subject, text=text, html=html, kind=kind, now=now,
                    ref=f"handover:{record.id}", about=initiator_id(session, record))
    return True


def _chat_request(record: Handover, idea: Idea, wijk_name: str, intro: str = "") -> Reply:
    head = _("A resident of {wijk} has an idea and would like your support. The idea stays theirs; "
             "you help them further:").format(wijk=wijk_name)
    return Reply(
        (intro + "\n\n" if intro else "") + head + "\n\n" + card_of(idea),
        tuple(Context.action("ho", a.value, record.id, label=str(LINK_LABELS[a]), family=ACTION_FAMILIES[a])
              for a in (links.LinkAction.ACCEPT, links.LinkAction.PASS, links.LinkAction.ASK,
                        links.LinkAction.DECLINE)),
    )


def _mail_request(app: App, record: Handover, idea: Idea, intro: str = "") -> Mail:
    wijk_name = app.content.wijken[idea.wijk_id].name
    paragraphs = [intro] if intro else []
    paragraphs.append(_("A resident of {wijk} has an idea and would like your support. The idea stays theirs; "
                        "you help them further. Choose below what fits you.").format(wijk=wijk_name))
    return Mail(_("An idea from a resident of {wijk}").format(wijk=wijk_name), paragraphs, card_of(idea),
                (links.LinkAction.ACCEPT, links.LinkAction.PASS, links.LinkAction.ASK, links.LinkAction.DECLINE))


def reachable(app: App, session: Session, contact_id: str) -> bool:
    """Whether the bot can pass something on to a contact itself (a linked chat or an e-mail address): only then
    does it ask the resident's permission to do so."""
    contact = app.content.contacts.get(contact_id)
    return linked_user(session, contact_id) is not None or (contact is not None and email_address(app, contact)
                                                            is not None)


def send_request(app: App, session: Session, idea: Idea, contact_id: str, *, now: datetime, level: int = 0,
                 escalated_from: int | None = None, intro: Callable[[], str] | None = None,
                 user: User | None = None) -> Handover | None:
    """Asks a contact (a linked chat, else e-mail) for their support; None when they can't be reached."""
    assert idea.id is not None
    contact = app.content.contacts.get(contact_id)
    target = user or linked_user(session, contact_id)
    address = email_address(app, contact) if contact is not None and target is None else None
    if target is None and address is None:
        return None
    record = Handover(idea_id=idea.id, contact_id=contact_id, created_at=now, escalated_from=escalated_from,
                      level=level, status=HandoverStatus.WAITING,
                      due_at=now + timedelta(days=app.settings.handover_reaction_days))
    if target is not None:
        record.contact_user_id = target.id
    else:
        record.channel = "email"
    session.add(record)
    session.flush()
    wijk_name = app.content.wijken[idea.wijk_id].name
    if target is not None:
        notify(app, session, target, lambda: _chat_request(record, idea, wijk_name, intro() if intro else ""),
               kind="handover", now=now, ref=f"handover:{record.id}", about=idea.user_id)
    else:
        mail_contact(app, session, record, lambda: _mail_request(app, record, idea, intro() if intro else ""),
                     kind="handover", now=now)
    return record


def notify_contact(app: App, session: Session, record: Handover, chat: Callable[[], Reply],
                   mail: Callable[[], Mail], *, kind: str, now: datetime) -> bool:
    """A message to the contact of a handover on their channel (chat or e-mail)."""
    user = contact_user(session, record)
    if user is not None:
        notify(app, session, user, chat, kind=kind, now=now, ref=f"handover:{record.id}",
               about=initiator_id(session, record))
        return True
    if record.channel == "email":
        return mail_contact(app, session, record, mail, kind=kind, now=now)
    return False


def conversation_buttons(record: Handover, *, closable: bool = True) -> tuple[Choice, ...]:
    buttons = [Context.action("ho", "ask", record.id, label=_("↩️ Reply")),
               Context.action("ho", "share", record.id, label=_("🤝 Share contact details"))]
    if closable:
        buttons.append(Context.action("ho", "close", record.id, label=_("✖️ Close conversation")))
    return tuple(buttons)


def _talk_buttons(record: Handover) -> tuple[Choice, ...]:
    """Reply and close, once details are exchanged (sharing again makes no sense)."""
    return tuple(c for c in conversation_buttons(record) if not c.data.startswith("!ho:share"))


# --- the contact reacts ------------------------------------------------------------------------------
class Result(StrEnum):
    DONE = "done"
    ALREADY = "already"
    GONE = "gone"


def accept(app: App, session: Session, record: Handover, *, now: datetime) -> Result:
    """"Ik help verder" — also late, after the idea moved on: everyone concerned hears it."""
    if record.status == HandoverStatus.ACCEPTED:
        return Result.ALREADY
    idea = session.get(Idea, record.idea_id)
    if idea is None or record.status not in (*OPEN, HandoverStatus.SUPERSEDED):
        return Result.GONE if idea is None else Result.ALREADY
    record.status = HandoverStatus.ACCEPTED
    record.responded_at = now
    record.due_at = None
    idea.status = IdeaStatus.ACCEPTED
    idea.updated_at = now
    name = contact_name(app, record.contact_id)
    for other in [h for h in handovers_crud.of_idea(session, idea_id=record.idea_id)
                  if h.id != record.id and h.status in OPEN]:
        other.status = HandoverStatus.SUPERSEDED
        other.due_at = None
        notify_contact(
            app, session, other,
            lambda: Reply(_("Thank you! {name} now helps further with the idea \"{idea}\"; nothing more is "
                            "needed from you.").format(name=name, idea=title_for_contact(idea))),
            lambda: Mail(_("Someone else helps further with this idea"), [
                _("Thank you! {name} now helps further with the idea \"{idea}\"; nothing more is needed from "
                  "you.").format(name=name, idea=title_for_contact(idea))]),
            kind="handover_closed", now=now)
    initiator = initiator_of(session, idea)
    if initiator is not None:
        notify(app, session, initiator, lambda: Reply(
            _("Good news! {name} helps further with your idea \"{idea}\". The idea stays yours. You can write to "
              "each other through me; your contact details stay with me until you both agree to share them.")
            .format(name=name, idea=shorten(idea.text)), conversation_buttons(record)),
            kind="handover_accepted", now=now)
    return Result.DONE


def pass_on(app: App, session: Session, record: Handover, target: Contact, *, now: datetime,
            note: str = "") -> Result:
    if record.status not in OPEN:
        return Result.ALREADY
    idea = session.get(Idea, record.idea_id)
    if idea is None:
        return Result.GONE
    record.status = HandoverStatus.PASSED_ON
    record.responded_at = now
    record.due_at = None
    by = contact_name(app, record.contact_id)
    to = contact_name(app, target.id)
    new = send_request(app, session, idea, target.id, now=now, level=record.level, escalated_from=record.id,
                       intro=lambda: _("{by} passed this idea on to you.").format(by=by)
                       + (" " + _("Their note: {note}").format(note=note) if note else ""))
    if new is None:
        assert idea.id is not None
        session.add(Handover(idea_id=idea.id, contact_id=target.id, created_at=now, escalated_from=record.id,
                             status=HandoverStatus.SHARED, level=record.level))
    initiator = initiator_of(session, idea)
    if initiator is not None:
        def message() -> Reply:
            if new is not None:
                return Reply(_("{by} passed your idea \"{idea}\" on to {to}, who can help you better. "
                               "I'll let you know what they say.").format(by=by, idea=shorten(idea.text), to=to))
            lines = [_("{by} passed your idea \"{idea}\" on to {to}, who can help you better. "
                       "You can reach them like this:").format(by=by, idea=shorten(idea.text), to=to)]
            lines += [f"• {line}" for line in channel_lines(target)]
            return Reply("\n".join(lines))

        notify(app, session, initiator, message, kind="handover_passed", now=now)
    return Result.DONE


def decline(app: App, session: Session, record: Handover, *, now: datetime) -> Result:
    """"Past niet bij mij": the idea moves on to the next person right away, and the resident hears it."""
    if record.status not in OPEN:
        return Result.ALREADY
    record.status = HandoverStatus.DECLINED
    record.responded_at = now
    record.due_at = None
    if not handovers_crud.still_waiting_elsewhere(session, record=record):
        move_on(app, session, record, now=now, reason="declined")
        return Result.DONE
    idea = session.get(Idea, record.idea_id)
    initiator = initiator_of(session, idea)
    if idea is not None and initiator is not None:
        name = contact_name(app, record.contact_id)
        notify(app, session, initiator, lambda: Reply(
            _("{name} let me know your idea \"{idea}\" does not fit their work. The others you chose still "
              "have it.").format(name=name, idea=shorten(idea.text))), kind="escalation", now=now)
    return Result.DONE


# --- the conversation after "ik help verder" -----------------------------------------------------
def crossing_text(session: Session, record: Handover, text: str) -> str:
    """A message as the other side of a handover reads it: contact details cross only once both agreed
    (share_details); until then they are masked. The initiator sees this before it goes."""
    if record.contact_shares and record.initiator_details:
        return text
    initiator = initiator_of(session, session.get(Idea, record.idea_id))
    return redact(text, names=known_names(initiator.display_name if initiator else None))


def relay(app: App, session: Session, record: Handover, *, from_contact: bool, text: str, now: datetime,
          from_user_id: int | None = None) -> bool:
    """A message between the contact and the initiator, passed on through the bot (no contact details)."""
    idea = session.get(Idea, record.idea_id)
    initiator = initiator_of(session, idea)
    if idea is None or record.closed_at is not None:
        return False
    assert record.id is not None
    idea_text = shorten(idea.text)
    accepted = record.status == HandoverStatus.ACCEPTED
    text = crossing_text(session, record, text)
    if from_contact:
        if initiator is None:
            return False
        sender = contact_name(app, record.contact_id)
        session.add(RelayedMessage(handover_id=record.id, from_user_id=record.contact_user_id,
                                   to_user_id=initiator.id, text=text, created_at=now))
        notify(app, session, initiator, lambda: Reply(
            _("{name} writes about your idea \"{idea}\":").format(name=sender, idea=idea_text) + f"\n\n“{text}”",
            conversation_buttons(record, closable=accepted) if accepted
            else (Context.action("ho", "ask", record.id, label=_("↩️ Answer")),)),
            kind="relay", now=now)
        return True
    session.add(RelayedMessage(handover_id=record.id, from_user_id=from_user_id, to_user_id=record.contact_user_id,
                               text=text, created_at=now))
    head = _("The resident writes about the idea \"{idea}\":")
    idea_text = title_for_contact(idea)  # a contact reads the approved words, never the raw idea
    return notify_contact(
        app, session, record,
        lambda: Reply(head.format(idea=idea_text) + f"\n\n“{text}”",
                      conversation_buttons(record, closable=accepted) if accepted
                      else (Context.action("ho", "ask", record.id, label=_("↩️ Answer")),)),
        lambda: Mail(_("A message about the idea \"{idea}\"").format(idea=idea_text),
                     [_("The resident writes about the idea \"{idea}\":").format(idea=idea_text)], text,
                     (links.LinkAction.TALK,) if accepted else (links.LinkAction.ASK, links.LinkAction.ACCEPT)),
        kind="relay", now=now)


def close(app: App, session: Session, record: Handover, *, by_contact: bool, now: datetime) -> Result:
    if record.closed_at is not None:
        return Result.ALREADY
    record.closed_at = now
    idea = session.get(Idea, record.idea_id)
    idea_text = shorten(idea.text) if idea else ""
    contact_title = title_for_contact(idea) if idea else ""
    if by_contact:
        initiator = initiator_of(session, idea)
        name = contact_name(app, record.contact_id)
        if initiator is not None:
            notify(app, session, initiator, lambda: Reply(
                _("{name} closed the conversation about your idea \"{idea}\". The idea stays yours; "
                  "I'll ask you later how it goes.").format(name=name, idea=idea_text)), kind="relay", now=now)
    else:
        notify_contact(
            app, session, record,
            lambda: Reply(_("The resident closed the conversation about the idea \"{idea}\". Thank you for "
                            "helping further!").format(idea=contact_title)),
            lambda: Mail(_("Conversation closed"), [_("The resident closed the conversation about the idea "
                                                      "\"{idea}\". Thank you for helping further!")
                                                    .format(idea=contact_title)]),
            kind="relay", now=now)
    return Result.DONE


def share_details(app: App, session: Session, record: Handover, *, by_contact: bool, now: datetime,
                  details: str = "") -> bool:
    """One side agrees to exchange contact details; once both have, each gets the other's. True when done."""
    if by_contact:
        record.contact_shares = True
    elif details.strip():
        record.initiator_details = details.strip()[:255]
    if not (record.contact_shares and record.initiator_details):
        return False
    idea = session.get(Idea, record.idea_id)
    initiator = initiator_of(session, idea)
    contact = app.content.contacts.get(record.contact_id)
    details_text = record.initiator_details
    if initiator is not None and contact is not None:
        notify(app, session, initiator, lambda: Reply("\n".join([
            _("You both agreed to share contact details. You can reach {name} like this:").format(
                name=contact_name(app, contact.id)), *(f"• {line}" for line in channel_lines(contact))]),
            _talk_buttons(record)), kind="relay", now=now)
    notify_contact(
        app, session, record,
        lambda: Reply(_("You both agreed to share contact details. The resident can be reached at: {details}")
                      .format(details=details_text), _talk_buttons(record)),
        lambda: Mail(_("Contact details of the resident"), [
            _("You both agreed to share contact details. The resident can be reached at: {details}")
            .format(details=details_text)], "", (links.LinkAction.TALK,)),
        kind="relay", now=now)
    return True


# --- escalation: an idea never rests without a next step or a person ------------------------------
def escalate_due(app: App, session: Session, record: Handover, *, now: datetime) -> None:
    idea = session.get(Idea, record.idea_id)
    if idea is None or idea.status != IdeaStatus.HANDED_OVER:
        record.due_at = None
        return
    name = contact_name(app, record.contact_id)
    initiator = initiator_of(session, idea)
    if record.reminded_at is None and (record.level == 0 or record.contact_id == ADMIN_CONTACT):
        record.reminded_at = now
        record.due_at = now + timedelta(days=app.settings.handover_reminder_days)
        wijk_name = app.content.wijken[idea.wijk_id].name
        notify_contact(
            app, session, record,
            lambda: _chat_request(record, idea, wijk_name, _("A friendly reminder: this idea is still waiting "
                                                              "for a reaction.")),
            lambda: _mail_request(app, record, idea, _("A friendly reminder: this idea is still waiting for a "
                                                       "reaction.")),
            kind="handover_reminder", now=now)
        if initiator is not None:
            days = app.settings.handover_reminder_days
            notify(app, session, initiator, lambda: Reply(
                _("Honest update about your idea \"{idea}\": {name} has not reacted yet. I sent a friendly "
                  "reminder. If nothing comes within {days} days, I'll ask someone else.")
                .format(idea=shorten(idea.text), name=name, days=days)), kind="escalation", now=now)
        return
    record.status = HandoverStatus.ESCALATED
    record.due_at = None
    move_on(app, session, record, now=now, reason="silent")


def _candidates(app: App, session: Session, idea: Idea, record: Handover) -> list[tuple[int, str, User | None]]:
    """(level, contact id, chat user) after `record`'s level: fallback, area team, admins."""
    tried = handovers_crud.contacts_tried(session, idea_id=record.idea_id)
    found: list[tuple[int, str, User | None]] = []
    if record.level < 1:
        found.append((1, app.content.fallback_contact(idea.wijk_id).id, None))
    if record.level < 2:
        found += [(2, c.id, None) for c in app.content.contacts_for_wijk(idea.wijk_id) if c.role == "gebiedsteam"]
    found = [c for c in found if c[1] not in tried]
    admins = handovers_crud.admins(session)
    if record.contact_id != ADMIN_CONTACT:
        found += [(3, ADMIN_CONTACT, admin) for admin in admins if admin.id != record.contact_user_id]
    return found


LEVEL_TEXT = {
    1: N_("{next}, the connector of your neighbourhood"),
    2: N_("{next}, the area team of your municipality"),
    3: N_("{next}"),
}


def _moved_on_message(app: App, idea: Idea, late: str, level: int, contact_id: str,
                      reason: str) -> Callable[[], Reply]:
    def build() -> Reply:
        who = str(LEVEL_TEXT[level]).format(next=contact_name(app, contact_id))
        first = (_("Honest update about your idea \"{idea}\": {late} has not reacted, and I don't want to keep "
                   "you waiting.") if reason == "silent" else
                 _("Honest update about your idea \"{idea}\": {late} let me know it does not fit their work."))
        return Reply(first.format(idea=shorten(idea.text), late=late) + " "
                     + _("I have now asked {who}. You will hear from me what happens.").format(who=who))

    return build


def move_on(app: App, session: Session, record: Handover, *, now: datetime, reason: str) -> Handover | None:
    """The next person in the chain gets the idea; the initiator hears honestly what happens."""
    idea = session.get(Idea, record.idea_id)
    if idea is None:
        return None
    initiator = initiator_of(session, idea)
    late = contact_name(app, record.contact_id)
    for level, contact_id, user in _candidates(app, session, idea, record):
        new = send_request(
            app, session, idea, contact_id, now=now, level=level, escalated_from=record.id, user=user,
            intro=lambda: _("Another contact could not help with this idea. Could you help further?"))
        if new is None:
            continue
        if initiator is not None:
            notify(app, session, initiator, _moved_on_message(app, idea, late, level, contact_id, reason),
                 kind="escalation", now=now)
        return new
    # nobody else can be reached: keep asking the same person, and give the resident the way in themselves
    record.status = HandoverStatus.WAITING
    record.due_at = now + timedelta(days=app.settings.handover_reaction_days)
    fallback = app.content.fallback_contact(idea.wijk_id)
    if initiator is not None:
        def honest() -> Reply:
            lines = [_("{name} has not reacted to your idea \"{idea}\" yet, and I found nobody else to ask right "
                       "now. I'm sorry it takes this long. I'll keep asking; you can also contact them "
                       "directly:").format(name=late, idea=shorten(idea.text)),
                     *(f"• {line}" for line in channel_lines(fallback))]
            return Reply("\n".join(lines))

        notify(app, session, initiator, honest, kind="escalation", now=now)
    return None


async def escalate_overdue(app: App) -> None:
    """Periodic: every waiting handover past its due time takes its next step."""
    await run_due(app, lambda session, now: handovers_crud.overdue(session, now=now),
                  lambda due, record: escalate_due(due.app, due.session, record, now=due.now))


# --- what waits for a linked contact; who has an idea -------------------------------------------
def holder_line(app: App, session: Session, idea: Idea) -> str | None:
    """Who has the idea now and since when, for /mijnideeen."""
    records = handovers_crud.of_idea(session, idea_id=idea.id or 0)
    for record in reversed(records):
        since = format_date(record.responded_at or record.created_at, "d MMMM")
        name = contact_name(app, record.contact_id)
        if record.status == HandoverStatus.ACCEPTED:
            return _("{name} helps further, since {date}").format(name=name, date=since)
        if record.status == HandoverStatus.WAITING:
            return _("With {name} since {date}, waiting for a reaction").format(name=name, date=format_date(
                record.created_at, "d MMMM"))
    return None
