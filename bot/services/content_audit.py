"""Details in content that nobody can trace: invented times, phone numbers, e-mail addresses or personal names
not marked `example: true`, and places that say they are an example in their name ("(voorbeeld)", which English
texts would show) instead of with `example: true`. `wijkgids content check` prints them as warnings (the content
still loads)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.infra.content import Contact, Content, LocalText

TIME = re.compile(r"\b([01]?\d|2[0-3])[:.][0-5]\d\b|\b\d{1,2} uur\b|\b\d{1,2} ?(am|pm)\b", re.IGNORECASE)
PHONE = re.compile(r"(?<!\d)(\+31|0)[\d -]{8,12}\d(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
GENERAL_NUMBER = re.compile(r"^14 ?0\d{2,3}$")
"""The national short number of a municipality (14 + area code) is public and traceable."""
ROLE_WORDS = ("team", "werk", "coach", "advis", "verbind", "aanjager", "figuur", "punt", "manager", "beheer",
              "regisseur", "consulent", "ondersteun", "educator", "gemeente", "wijk", "buurt", "stichting", "bewoner",
              "aanspreek", "opbouw", "gebied", "ggd", "vggm")
PARTICLES = frozenset({"de", "van", "der", "den", "ter", "ten", "el", "al"})
EXAMPLE_IN_NAME = re.compile(r"\((voorbeeld|example|fictief|placeholder)\b[^)]*\)", re.IGNORECASE)


def looks_like_a_person(name: str) -> bool:
    """'Marga Janse' or 'Jan de Vries', not 'Team Leefomgeving Presikhaaf' or 'Buurtsportcoach'."""
    words = [w for w in name.split() if w.casefold() not in PARTICLES]
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    return not any(part in name.casefold() for part in ROLE_WORDS)


def _texts(values: Iterable[LocalText | None]) -> list[str]:
    return [text for value in values if value is not None for text in value.root.values()]


def _in_text(where: str, texts: Iterable[str]) -> list[str]:
    found = []
    for text in texts:
        for kind, pattern in (("a time", TIME), ("a phone number", PHONE), ("an e-mail address", EMAIL)):
            if match := pattern.search(text):
                found.append(f"{where}: {kind} ({match.group(0)!r}) in a text; mark the entry `example: true` "
                             f"or take it out")
    return found


def _contact(contact: Contact) -> list[str]:
    where = f"contact {contact.id!r}"
    found = []
    for channel in contact.channels:
        if channel.example or (channel.kind == "phone" and GENERAL_NUMBER.match(channel.value)):
            continue
        if channel.kind in ("phone", "email"):
            found.append(f"{where}: {channel.kind} {channel.value!r} is not marked `example: true`; "
                         "only real, consented details may go unmarked")
    for meeting in contact.meet:
        if not meeting.example:
            found.append(f"{where}: meeting moment at {meeting.where!r} is not marked `example: true`")
    if EXAMPLE_IN_NAME.search(contact.organisation):
        found.append(f"{where}: organisation {contact.organisation!r} says it is an example in its name; write the "
                     "name alone and mark `organisation_example: true`")
    if not contact.example and looks_like_a_person(contact.name):
        found.append(f"{where}: {contact.name!r} looks like a personal name; mark the contact `example: true`")
    if not contact.example:
        found += _in_text(where, _texts([contact.description]))
    return found


def warnings(content: Content) -> list[str]:
    found: list[str] = []
    for contact in content.contacts.values():
        found += _contact(contact)
    for wijk in content.wijken.values():
        for place in wijk.places:
            where = f"wijk {wijk.id!r}, place {place.id!r}"
            if EXAMPLE_IN_NAME.search(place.name):
                found.append(f"{where}: {place.name!r} says it is an example in its name; write the name alone and "
                             "mark the place `example: true` (residents then see a note in their own language)")
            for regular in place.regular:
                if not regular.example:
                    found.append(f"{where}: the time of {regular.title.get('nl')!r} ({regular.start}) is not marked "
                                 "`example: true`")
            found += _in_text(where, _texts([place.description]))
        found += _in_text(f"wijk {wijk.id!r}", _texts([wijk.description]))
    return found
