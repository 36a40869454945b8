"""How a command is written to a user: the name in their language, in the form their transport understands.

Texts name commands through `cmd("idee")` (a `{cmd}` placeholder in the msgid, never a hard-coded "/idee"):
it gives the name in the current locale with the canonical "/" form. Transports that cannot use "/" (Element
intercepts it) rewrite known commands to their own form when they render (`in_form`), so a text queued
for later, or written by someone else, is right too. Typed, the bot accepts "/idee", "!idee" (maubot's
convention on Matrix) and, when no question is open, a few plain words ("menu", "idee", "help").
"""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.infra.i18n import current_locale
from bot.understanding.answers import plain

LOCALE_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "idee": "idea", "mijnideeen": "myideas", "activiteiten": "activities", "plekken": "places",
        "aanbod": "offer", "mijnaanbod": "myoffers", "verhalen": "stories", "taal": "language",
        "wijk": "neighbourhood", "mijngegevens": "mydata", "toestemming": "consent", "vergeetmij": "forgetme",
        "nieuweactiviteit": "newactivity", "mijnactiviteiten": "myactivities", "gaven": "gifts",
        "omroep": "broadcast", "koppel": "link", "beoordelen": "review", "signalen": "signals",
        "voorstel": "propose",
    },
    "tr": {
        "idee": "fikir", "mijnideeen": "fikirlerim", "activiteiten": "etkinlikler", "plekken": "yerler",
        "aanbod": "teklif", "mijnaanbod": "tekliflerim", "verhalen": "hikayeler", "taal": "dil",
        "wijk": "mahalle", "mijngegevens": "bilgilerim", "toestemming": "izin", "vergeetmij": "beniunut",
        "nieuweactiviteit": "yenietkinlik", "mijnactiviteiten": "etkinliklerim", "gaven": "yetenekler",
        "omroep": "duyuru", "koppel": "bagla", "beoordelen": "incele", "signalen": "sinyaller",
        "voorstel": "oneri", "help": "yardim",
    },
    "pl": {
        "idee": "pomysl", "mijnideeen": "mojepomysly", "activiteiten": "wydarzenia", "plekken": "miejsca",
        "aanbod": "oferta", "mijnaanbod": "mojeoferty", "verhalen": "historie", "taal": "jezyk",
        "wijk": "dzielnica", "mijngegevens": "mojedane", "toestemming": "zgoda", "vergeetmij": "zapomnijmnie",
        "nieuweactiviteit": "nowewydarzenie", "mijnactiviteiten": "mojewydarzenia", "gaven": "talenty",
        "omroep": "ogloszenie", "koppel": "polacz", "beoordelen": "ocen", "signalen": "sygnaly",
        "voorstel": "propozycja", "help": "pomoc",
    },
}
"""A command's name per locale where it differs from the registered name; each is also a registered alias.
Telegram allows only Latin letters, digits and _ in a command, so Turkish and Polish names are written without
their marks, and Arabic and Ukrainian users get the English names (the Dutch ones work everywhere too)."""
LOCALE_NAMES["ar"] = LOCALE_NAMES["uk"] = LOCALE_NAMES["en"]

PLAIN_WORDS: dict[str, str] = {
    "start": "start", "menu": "menu", "help": "help", "hulp": "help", "idee": "idee", "idea": "idee",
    "yardim": "help", "yardım": "help", "fikir": "idee", "pomoc": "help", "pomysl": "idee", "pomysł": "idee",
    "допомога": "help", "меню": "menu", "ідея": "idee", "مساعدة": "help", "مساعده": "help", "فكرة": "idee",
    "فكره": "idee", "القائمة": "menu", "قائمة": "menu",
}
"""Whole messages that run a command when no question is open (the words Matrix users type instead of /)."""

_PLAIN_MARKS = re.compile(r"^[\W_]+|[\W_]+$")


def command_name(name: str, locale: str | None = None) -> str:
    return LOCALE_NAMES.get(locale or current_locale(), {}).get(name, name)


def cmd(name: str) -> str:
    """'/idee' for a Dutch user, '/idea' for an English one (Matrix shows '!idee' / '!idea')."""
    return "/" + command_name(name)


def plain_command(text: str, known: Collection[str] = ()) -> str | None:
    """The command a whole message stands for: one of the plain words ("Menu", "idee!"), or a `known` command
    name written as separate words ("mijn aanbod", "vergeet mij", "my offers"). A single word other than the
    plain ones is left to the intents: "stop" or "wijk" alone may mean something else."""
    words = _PLAIN_MARKS.sub("", text.strip()).casefold()
    if words in PLAIN_WORDS:
        return PLAIN_WORDS[words]
    parts = plain(words).split()
    joined = "".join(parts)
    return joined if 2 <= len(parts) <= 3 and joined in known else None


def in_form(text: str, prefix: str, known: Collection[str]) -> str:
    """Rewrites "/name" of known commands (at the start of a word) to `prefix` + name."""
    if prefix == "/" or "/" not in text:
        return text

    def rewrite(match: re.Match[str]) -> str:
        return prefix + match.group(1) if match.group(1).lower() in known else match.group(0)

    return _SLASH_COMMAND.sub(rewrite, text)


_SLASH_COMMAND = re.compile(r"(?<![\w/:.])/([A-Za-z]\w*)\b")
