"""Which contact persons fit an idea: deterministic, explainable scoring, no remote service.

Signals: words of the idea matched (stemmed) against the words of each contact's role
(content/roles.yaml) and the contact's own `helps_with`, the needs and themes the resident
picked (each favours certain roles), and whether the text reads as a report of something broken
rather than an initiative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bot.content import Contact, Content
from bot.i18n import N_, _

NEED_ROLES: dict[str, dict[str, float]] = {
    "ruimte": {"aanjager": 1.5, "woningcorporatie": 1.5, "welzijn": 1.0},
    "geld": {"gebiedsteam": 2.5, "ondersteuning": 2.5},
    "vergunning": {"gebiedsteam": 3.0},
    "spullen": {"aanjager": 1.0, "welzijn": 0.5},
    "handen": {"aanjager": 2.0, "welzijn": 1.5},
    "advies": {"ondersteuning": 2.0, "aanjager": 1.0},
    "gemeente": {"gebiedsteam": 3.0},
}
THEME_ROLES: dict[str, dict[str, float]] = {
    "ontmoeten": {"aanjager": 1.5, "welzijn": 1.0},
    "groen": {"natuur": 2.0, "gebiedsteam": 0.5},
    "spelen": {"sport": 1.0, "natuur": 0.5, "gebiedsteam": 0.5},
    "sport": {"sport": 2.0},
    "feest": {"aanjager": 1.5},
    "zorg": {"welzijn": 2.0, "gezondheid": 0.5},
    "veiligheid": {"gebiedsteam": 1.5},
    "duurzaam": {"natuur": 1.0, "gebiedsteam": 0.5},
    "anders": {"aanjager": 0.5},
}
ROLE_PRIOR: dict[str, float] = {"aanjager": 0.3}
REPORT_WORDS = frozenset({
    "kapot", "stuk", "vies", "vuil", "zwerfafval", "zwerfvuil", "graffiti", "stoeptegel", "lantaarnpaal", "kuil",
    "overlast", "gedumpt", "dump", "afval", "weesfiets", "onveilig", "gevaarlijk", "verwaarloosd", "vuilnis", "troep",
    "rommel", "stank", "stinkt", "verstopt", "vernield", "vandalisme", "omgevallen", "hondenpoep", "ratten",
    "ongedierte", "losliggend", "beklad", "bekladding", "beschadigd", "gesloopt", "afgebrokkeld", "afgebroken",
    "gebroken", "scheef", "klappert", "omgereden", "storing", "defect", "lekt", "lekkage", "verzakt", "scherven",
    "losgeraakt", "afgewaaid", "berenklauw", "eikenprocessierups", "gestort", "achtergelaten", "wrak", "verroest",
    "overwoekerd", "gestruikeld", "wateroverlast", "schimmel", "vuilniszak", "afvalzak", "bijplaatsing",
    "broken", "litter", "rubbish", "pothole", "dumped", "dumping", "unsafe", "dangerous", "vandalism", "vandalised",
    "damaged", "smashed", "shattered", "snapped", "cracked", "crumbling", "fallen", "flooded", "leaking", "abandoned",
    "overgrown", "filthy", "dirty", "trash", "garbage", "mould", "loose",
})
"""Words that say something is broken, dirty or unsafe (matched whole, inflected, or as the tail of a
compound: 'zwerfafval' yes, 'rommelmarkt' no: in a compound the last part says what it is)."""
BROKEN_PHRASES = ("doet het niet", "werkt niet", "werkt het niet", "is stuk", "zijn stuk", "hangt los", "ligt los",
                  "zit los", "half los", "gat in", "does not work", "doesn't work", "not working", "out of order",
                  "hanging loose", "came loose", "fell down", "no plates", "blijft op rood", "op rood staan")
INITIATIVE_WORDS = frozenset({
    "organiseren", "organiseer", "starten", "beginnen", "opzetten", "opknappen", "opgeknapt", "opruimactie",
    "oprichten", "toernooi", "idee", "organise", "organize", "organising", "organizing", "tournament", "idea",
})
INITIATIVE_PHRASES = ("ik wil", "wil ik", "willen we", "we willen", "wij willen", "zou mooi zijn", "zou leuk zijn",
                      "lijkt me leuk", "i want to", "we want to", "we'd like to", "i'd like to", "would like to",
                      "would be nice", "would love to", "let's")
"""An idea that mentions something broken ('the court is broken, I want to organise a tournament there')."""
REPORTING_PHRASES = ("wil melden", "wil graag melden", "want to report", "wil doorgeven")
_WORD = re.compile(r"[a-zà-ÿ0-9]+")
_SUFFIXES = ("tjes", "heden", "ingen", "tje", "jes", "ing", "je", "en", "es", "s", "e", "er")
COMPOUND_MIN = 5
"""A keyword stem this long also matches inside a compound word ('voetbal' in 'voetbaltraining')."""


def stem(word: str) -> str:
    """A light Dutch/English stemmer: 'moestuinen' → 'moestuin', 'speeltuintje' → 'speeltuin'."""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words_of(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.casefold()) if len(w) > 2]


def stems(text: str) -> set[str]:
    return {stem(w) for w in words_of(text)}


def mentions(key_stem: str, words: set[str], raw: list[str]) -> bool:
    if key_stem in words:
        return True
    return len(key_stem) >= COMPOUND_MIN and any(
        w != key_stem and (w.startswith(key_stem) or w.endswith(key_stem)) for w in raw)


def _report_word(key: str, raw: list[str]) -> bool:
    return any(w == key or (len(key) >= COMPOUND_MIN and w.endswith(key))
               or (w.startswith(key) and len(w) - len(key) <= 3) for w in raw)


def looks_like_report(text: str) -> bool:
    """Something broken, dirty or unsafe in the street, rather than an initiative."""
    raw = words_of(text)
    lowered = " " + " ".join(_WORD.findall(text.casefold().replace("'", ""))) + " "
    plain = " " + " ".join(text.casefold().split()) + " "
    reported = any(_report_word(r, raw) for r in REPORT_WORDS) or any(p in lowered for p in BROKEN_PHRASES)
    if not reported or any(p in plain for p in REPORTING_PHRASES):
        return reported
    initiative = any(_report_word(i, raw) for i in INITIATIVE_WORDS) or any(
        f" {p} " in plain or f" {p} " in lowered for p in INITIATIVE_PHRASES)
    return not initiative


@dataclass(frozen=True)
class Reason:
    kind: str
    detail: str = ""


@dataclass(frozen=True)
class Suggestion:
    contact: Contact
    score: float
    reasons: tuple[Reason, ...] = field(default=())

    def why(self) -> str:
        """A short reason in the current locale."""
        parts: list[str] = []
        for reason in self.reasons:
            if reason.kind == "keywords":
                parts.append(_("helps with {topics}").format(topics=reason.detail))
            elif reason.kind == "need":
                needs = ", ".join(str(NEED_LABELS.get(n, n)) for n in reason.detail.split(","))
                parts.append(_("can help with: {need}").format(need=needs))
            elif reason.kind == "report":
                parts.append(_("this is where you report something broken or unsafe"))
            elif reason.kind == "connector":
                parts.append(_("knows the neighbourhood and its people"))
        return "; ".join(parts) or _("works in your neighbourhood")


NEED_LABELS = {
    "ruimte": N_("a place"),
    "geld": N_("money"),
    "vergunning": N_("permits"),
    "spullen": N_("things and materials"),
    "handen": N_("helping hands"),
    "advies": N_("advice"),
    "gemeente": N_("the municipality"),
}


@lru_cache(maxsize=4096)
def _keyword_stems(keyword: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words_of(keyword))


def _spaced(text: str) -> str:
    """All words of the text, lower case, single spaces and a space at both ends: for phrase lookups."""
    return " " + " ".join(_WORD.findall(text.casefold())) + " "


def _keyword_hits(content: Content, contact: Contact, words: set[str], raw: list[str], lowered: str) -> list[str]:
    hits: list[str] = []
    vocabularies = (*content.role_words.get(contact.role, {}).values(), *contact.helps_with.values())
    for keywords in vocabularies:
        for keyword in keywords:
            key = keyword.casefold()
            key_stems = _keyword_stems(key)
            if " " in key.strip():
                stems_all = bool(key_stems) and all(mentions(k, words, raw) for k in key_stems)
                matched = f" {key} " in lowered or stems_all
            else:
                matched = bool(key_stems) and mentions(key_stems[0], words, raw)
            if matched and keyword not in hits:
                hits.append(keyword)
    return hits


def score_contact(content: Content, contact: Contact, *, lowered: str, words: set[str], raw: list[str],
                  themes: Iterable[str], needs: Iterable[str], report: bool, housing: bool = False) -> Suggestion:
    reasons: list[Reason] = []
    score = ROLE_PRIOR.get(contact.role, 0.0)
    hits = _keyword_hits(content, contact, words, raw, lowered)
    if hits:
        score += 2.0 * len(hits)
        reasons.append(Reason("keywords", ", ".join(hits[:3])))
    helped: list[str] = []
    for need in needs:
        weight = NEED_ROLES.get(need, {}).get(contact.role, 0.0)
        if weight:
            score += weight
            helped.append(need)
    if helped:
        reasons.append(Reason("need", ",".join(helped)))
    for theme in themes:
        score += THEME_ROLES.get(theme, {}).get(contact.role, 0.0)
    if contact.role == "melding":
        if report and not housing:
            score += 6.0
            reasons.insert(0, Reason("report"))
        elif not report:
            score -= 4.0
    elif report and housing and contact.role == "woningcorporatie":
        score += 6.0  # broken or dirty inside a rental complex: the landlord, not the municipality
    elif report:
        score -= 1.0
    if contact.role == "aanjager" and not hits:
        reasons.append(Reason("connector"))
    return Suggestion(contact, round(score, 3), tuple(reasons))


def route(content: Content, *, wijk_id: str, text: str, themes: Sequence[str] = (), needs: Sequence[str] = (),
          limit: int | None = None) -> list[Suggestion]:
    """Contacts serving the wijk, best first; ties broken by role prior then id (deterministic)."""
    raw = words_of(text)
    words = {stem(w) for w in raw}
    lowered = _spaced(text)
    report = looks_like_report(text)
    contacts = content.contacts_for_wijk(wijk_id)
    housing = report and any(
        _keyword_hits(content, c, words, raw, lowered) for c in contacts if c.role == "woningcorporatie")
    ranked = sorted(
        (score_contact(content, c, lowered=lowered, words=words, raw=raw, themes=themes, needs=needs, report=report,
                       housing=housing) for c in contacts),
        key=lambda s: (-s.score, s.contact.id),
    )
    return ranked[:limit] if limit else ranked
