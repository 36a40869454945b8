"""How a resident reaches a contact person: their channels (phone, e-mail, website, ...) and, from chat to a
face, where and when they can be met in person (content: a contact's `channels` and `meet`)."""

from __future__ import annotations

from bot.infra.content import Contact
from bot.infra.i18n import N_, _, current_locale


def in_person(contact: Contact) -> list[str]:
    """One line per meeting moment, e.g. "You can also meet the connector in person: Wednesday morning at the
    drop-in in De Stek"; moments the seeds do not support are marked as an example. Other handlers (handover, places)
    add these lines wherever they name a contact."""
    lines = []
    for meeting in contact.meet:
        line = _("You can also meet {name} in person: {when} at {what} in {where}.").format(
            name=contact.name, what=meeting.what.get(current_locale()), where=meeting.where,
            when=meeting.when.get(current_locale()))
        lines.append(line + (" " + _("(example, not confirmed yet)") if meeting.example else ""))
    return lines


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
