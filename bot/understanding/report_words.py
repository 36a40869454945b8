"""Whether a text reports something broken, dirty or unsafe in the street (for the municipality) rather than
proposing an initiative: word lists and phrases in Dutch and English."""

from __future__ import annotations

from bot.understanding.stemming import COMPOUND_MIN, WORD, words_of

REPORT_WORDS = frozenset({
    "kapot", "vies", "vuil", "zwerfafval", "zwerfvuil", "graffiti", "stoeptegel", "lantaarnpaal", "kuil",
    "overlast", "gedumpt", "dump", "afval", "weesfiets", "onveilig", "gevaarlijk", "verwaarloosd", "vuilnis", "troep",
    "rommel", "stank", "stinkt", "verstopt", "vernield", "vandalisme", "omgevallen", "hondenpoep", "ratten",
    "ongedierte", "losliggend", "beklad", "bekladding", "beschadigd", "gesloopt", "afgebrokkeld", "afgebroken",
    "gebroken", "scheef", "klappert", "omgereden", "storing", "defect", "lekt", "lekkage", "verzakt", "scherven",
    "losgeraakt", "afgewaaid", "omgewaaid", "knippert", "flickering",
    "berenklauw", "eikenprocessierups", "gestort", "achtergelaten", "wrak",
    "verroest", "wespennest", "wespen", "wasps",
    "overwoekerd", "gestruikeld", "wateroverlast", "schimmel", "vuilniszak", "afvalzak", "bijplaatsing",
    "broken", "litter", "rubbish", "pothole", "dumped", "dumping", "unsafe", "dangerous", "vandalism", "vandalised",
    "damaged", "smashed", "shattered", "snapped", "cracked", "crumbling", "fallen", "flooded", "leaking", "abandoned",
    "overgrown", "filthy", "dirty", "trash", "garbage", "mould", "loose",
})
"""Words that say something is broken, dirty or unsafe (matched whole, inflected, or as the tail of a
compound: 'zwerfafval' yes, 'rommelmarkt' no: in a compound the last part says what it is)."""


BROKEN_PHRASES = ("doet het niet", "werkt niet", "werkt het niet", "is stuk", "zijn stuk", "hangt los", "ligt los",
                  "zit los", "half los", "gat in", "stuk gegaan", "gaat stuk", "stuk is", "al stuk", "weer stuk",
                  "helemaal stuk", "lekke band", "flat tyre", "flat tire", "stukgegooid", "stukgemaakt",
                  "does not work", "doesn't work", "not working", "out of order",
                  "hanging loose", "came loose", "fell down", "no plates", "blijft op rood", "op rood staan",
                  "hole in the road", "holes in the road", "hole in the street", "hole in the pavement",
                  "hole in the path", "gat in de weg", "gaten in de weg", "gaten in de stoep", "gaten in het wegdek")


DAMAGE_WORDS = frozenset({
    "kapot", "vernield", "vandalisme", "beschadigd", "gesloopt", "afgebroken", "gebroken", "defect", "storing",
    "lekt", "lekkage", "verzakt", "losgeraakt", "omgewaaid", "omgevallen", "knippert", "losliggend",
    "broken", "damaged", "smashed", "vandalised", "vandalism", "cracked", "snapped", "leaking", "flickering",
})
"""Of the report words, those that say a thing is damaged: repair that the municipality does, even when the
resident's idea is about something else ('ik wil iets voor kinderen, speeltuin is kapot'). Dirt and litter are
left out: they are what a clean-up idea is about."""


NOT_REPORT_WORDS = frozenset({"groenafval", "tuinafval", "keukenafval", "etensafval", "voedselafval", "gft"})
"""Compostable waste: a resource for an idea, not litter in the street ('afval' is its tail)."""


DANGER_WORDS = frozenset({"gevaarlijk", "onveilig", "dangerous", "unsafe"})
"""Danger alone is no report when the resident asks for something new ('kan er een zebrapad, het is gevaarlijk')."""


INITIATIVE_WORDS = frozenset({
    "organiseren", "organiseer", "starten", "beginnen", "opzetten", "opknappen", "opgeknapt", "opruimactie",
    "oprichten", "toernooi", "idee", "workshop", "organise", "organize", "organising", "organizing", "tournament",
    "idea",
})


INITIATIVE_PHRASES = ("voor minder", "om te voorkomen", "less", "to prevent",
                      "ik wil", "wil ik", "willen we", "we willen", "wij willen", "zou mooi zijn", "zou leuk zijn",
                      "lijkt me leuk", "i want to", "we want to", "we'd like to", "i'd like to", "would like to",
                      "would be nice", "would love to", "let's", "met de buren", "with the neighbours",
                      "with neighbours")


REQUEST_PHRASES = ("kan er een", "kunnen er", "graag een", "komt er een", "moet er een", "zou er een",
                   "heeft geen", "er is geen", "is er geen", "zijn geen", "can we get", "could we get",
                   "can there be", "could there be", "we need a", "there is no", "theres no", "there's no")
"""Asking for something new in the street: with only a danger word, that is a wish, not a report."""


REPORTING_PHRASES = ("wil melden", "wil graag melden", "want to report", "wil doorgeven")


def _report_word(key: str, raw: list[str]) -> bool:
    return any(w not in NOT_REPORT_WORDS and (w == key or (len(key) >= COMPOUND_MIN and w.endswith(key))
               or (w.startswith(key) and len(w) - len(key) <= 3)) for w in raw)


def looks_like_report(text: str) -> bool:
    """Something broken, dirty or unsafe in the street, rather than an initiative."""
    raw = words_of(text)
    plain = " " + " ".join(text.casefold().split()) + " "
    broken = _names_broken(text, REPORT_WORDS - DANGER_WORDS)
    danger = any(_report_word(r, raw) for r in DANGER_WORDS)
    reported = broken or (danger and not asks_for_something_new(text))
    if not reported or any(p in plain for p in REPORTING_PHRASES):
        return reported
    return not initiative(text)


def mentions_damage(text: str) -> bool:
    """Something in the text is broken ('speeltuin is kapot', 'the streetlight doesn't work')."""
    return _names_broken(text, DAMAGE_WORDS)


def _names_broken(text: str, words: frozenset[str]) -> bool:
    """One of these words, or a phrase saying something does not work."""
    raw = words_of(text)
    lowered = " " + " ".join(WORD.findall(text.casefold().replace("'", ""))) + " "
    return any(_report_word(w, raw) for w in words) or any(p in lowered for p in BROKEN_PHRASES)


def asks_for_something_new(text: str) -> bool:
    plain = " " + " ".join(text.casefold().split()) + " "
    return any(p in plain for p in REQUEST_PHRASES)


def initiative(text: str) -> bool:
    """The text proposes to do something ('ik wil', 'we want to', 'organiseren')."""
    raw = words_of(text)
    lowered = " " + " ".join(WORD.findall(text.casefold().replace("'", ""))) + " "
    plain = " " + " ".join(text.casefold().split()) + " "
    return any(_report_word(i, raw) for i in INITIATIVE_WORDS) or any(
        f" {p} " in plain or f" {p} " in lowered for p in INITIATIVE_PHRASES)
