"""From chat to a face: where and when a contact can be met in person (content: a contact's `meet`)."""

from __future__ import annotations

from bot.infra.content import Contact
from bot.infra.i18n import _, current_locale


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

