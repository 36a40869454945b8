"""A resident asking for another language in words ("english please", "sorry, I don't speak Dutch",
"kan het in het Engels?"): recognised anywhere, also on a question that takes typed text, where it would
otherwise be taken as the answer. Only whole messages of these shapes count: "lessons in English for
newcomers" is an idea, not a request."""

from __future__ import annotations

import re

from bot.understanding.answers import plain

LANGUAGES = {"english": "en", "engels": "en", "dutch": "nl", "nederlands": "nl", "hollands": "nl"}
_NAME = "(?P<language>english|engels|dutch|nederlands|hollands)"
_POLITE = r"(?: (?:please|pls|plz|graag|aub|alsjeblieft|alstublieft|svp))?"
_SORRY = r"(?:sorry |excuse me |sorry but |sorry maar |sorry ik )?"
_SHAPES = [
    rf"(?:in )?(?:het )?{_NAME}{_POLITE}",
    rf"(?:please |pls )?(?:can|could) (?:we|you|i) (?:please )?(?:do this |do it |talk |speak |write |chat |continue "
    rf"|go on |have this )?(?:in )?{_NAME}{_POLITE}",
    rf"(?:do|can) you (?:speak|write|understand) {_NAME}",
    rf"{_SORRY}i (?:dont|do not|cant|can not|cannot) (?:speak|read|understand) (?P<other>dutch|english)"
    r"(?: (?:well|very well|good))?",
    rf"(?:kan|kunnen|mag) (?:het|we|je|ik) (?:ook |even |misschien )?(?:in het )?{_NAME}"
    rf"(?: (?:praten|spreken|doen|schrijven|verder))?{_POLITE}",
    rf"(?:spreek|praat|schrijf) (?:je|jij|u) (?:ook )?{_NAME}",
    rf"{_SORRY}ik (?:spreek|begrijp|versta|lees) (?:geen|niet zo goed|slecht|weinig) (?P<other>nederlands|engels)",
    rf"{_NAME} (?:language|taal){_POLITE}",
]
_REQUEST = [re.compile(f"^{shape}$") for shape in _SHAPES]


def requested_language(text: str) -> str | None:
    """The locale asked for, or None when the message is not a request for a language."""
    typed = plain(text)
    if len(typed.split()) > 12:
        return None
    for pattern in _REQUEST:
        match = pattern.match(typed)
        if match is None:
            continue
        groups = match.groupdict()
        if groups.get("other"):  # "I don't speak Dutch": the other one
            return "en" if LANGUAGES[groups["other"]] == "nl" else "nl"
        return LANGUAGES[groups["language"]]
    return None
