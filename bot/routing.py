"""Which contact persons fit an idea: deterministic, explainable scoring, no remote service.

Signals: words of the idea matched (stemmed) against each contact's `helps_with`
keywords, the needs and themes the resident picked (each favours certain roles),
and whether the text reads as a report of something broken rather than an initiative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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
REPORT_WORDS = (
    "kapot", "stuk", "vies", "vuil", "zwerfafval", "graffiti", "losse stoeptegel", "stoeptegel", "lantaarnpaal",
    "verlichting", "gat in de weg", "kuil", "overlast", "gedumpt", "dumping", "afval", "broken", "litter",
    "pothole", "streetlight", "dumped", "onveilig", "gevaarlijk", "dangerous", "unsafe",
)
INITIATIVE_WORDS = ("organiseren", "starten", "beginnen", "opzetten", "willen", "organise", "organize", "start")
_WORD = re.compile(r"[a-zà-ÿ0-9]+")
_SUFFIXES = ("heden", "ingen", "ing", "en", "es", "s", "e", "er")


def stem(word: str) -> str:
    """A light Dutch/English stemmer: enough to match 'moestuinen' with 'moestuin'."""
    for suffix in _SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def stems(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text.casefold()) if len(w) > 2}


def looks_like_report(text: str) -> bool:
    lowered = text.casefold()
    reported = any(word in lowered for word in REPORT_WORDS)
    return reported and not any(word in lowered for word in INITIATIVE_WORDS)


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
                parts.append(_("can help with: {need}").format(need=str(NEED_LABELS.get(reason.detail, reason.detail))))
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


def _keyword_hits(contact: Contact, words: set[str], text: str) -> list[str]:
    hits: list[str] = []
    lowered = text.casefold()
    for keywords in contact.helps_with.values():
        for keyword in keywords:
            key = keyword.casefold()
            key_stems = stems(key)
            matched = (" " in key and key in lowered) or (key_stems and key_stems <= words)
            if matched and keyword not in hits:
                hits.append(keyword)
    return hits


def score_contact(contact: Contact, *, text: str, words: set[str], themes: Iterable[str],
                  needs: Iterable[str], report: bool) -> Suggestion:
    reasons: list[Reason] = []
    score = ROLE_PRIOR.get(contact.role, 0.0)
    hits = _keyword_hits(contact, words, text)
    if hits:
        score += 2.0 * len(hits)
        reasons.append(Reason("keywords", ", ".join(hits[:3])))
    for need in needs:
        weight = NEED_ROLES.get(need, {}).get(contact.role, 0.0)
        if weight:
            score += weight
            reasons.append(Reason("need", need))
    for theme in themes:
        score += THEME_ROLES.get(theme, {}).get(contact.role, 0.0)
    if contact.role == "melding":
        score = score + 6.0 if report else score - 4.0
        if report:
            reasons.insert(0, Reason("report"))
    elif report:
        score -= 1.0
    if contact.role == "aanjager" and not hits:
        reasons.append(Reason("connector"))
    return Suggestion(contact, round(score, 3), tuple(reasons))


def route(content: Content, *, wijk_id: str, text: str, themes: Sequence[str] = (), needs: Sequence[str] = (),
          limit: int | None = None) -> list[Suggestion]:
    """Contacts serving the wijk, best first; ties broken by role prior then id (deterministic)."""
    words = stems(text)
    report = looks_like_report(text)
    ranked = sorted(
        (score_contact(c, text=text, words=words, themes=themes, needs=needs, report=report)
         for c in content.contacts_for_wijk(wijk_id)),
        key=lambda s: (-s.score, s.contact.id),
    )
    return ranked[:limit] if limit else ranked
