"""Which neighbours could help with an idea: their gifts (content/gifts.yaml and their own words) scored against
what the idea names and needs, deterministic and explainable; and exactly what a neighbour reads about an idea.

The asking itself (double opt-in) is the conversation in handlers/matching.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session

from bot.core.app import App
from bot.core.events import Reply
from bot.core.text import shorten
from bot.infra.crud import offers as offers_crud
from bot.infra.i18n import N_, _, current_locale
from bot.infra.models import HelpRequest, HelpRequestStatus, Idea, User
from bot.services.due_jobs import Due, run_due
from bot.services.ideas import NEEDS, THEMES
from bot.services.notify import notify
from bot.understanding import latin_ukrainian, stemming
from bot.understanding.gifts import Gifts, load_gifts

MIN_SCORE = 1.0
"""Below this a neighbour only shares a generic need ('helping hands') with the idea: not asked."""


WEIGHTS = {"hands": 3.0, "lend": 3.0, "head": 3.0, "heart": 1.5, "learn": 1.0}


NEED_ONLY = {"hands": 0.4, "lend": 1.2, "head": 0.6, "heart": 0.0, "learn": 0.2}


WORD_WEIGHT = 1.5


WHY = {
    "hands": N_("you're good at {gift}"),
    "lend": N_("you can lend out: {gift}"),
    "heart": N_("you care about {gift}"),
    "head": N_("you know about this: “{gift}”"),
    "learn": N_("you'd like to learn this: “{gift}”"),
}


STOP_STEMS = frozenset({"voor", "met", "een", "het", "van", "wil", "willen", "graag", "buurt", "wijk", "and", "the",
                        "with", "for", "want", "our", "ons", "onze", "die", "dat", "wat", "ook", "maar", "meer",
                        "neighbour", "neighbourhood", "buren", "mensen", "people", "iets", "samen", "help", "hulp"})


@dataclass(frozen=True)
class GiftOffer:
    """One gift of a neighbour as matching sees it: a category or the neighbour's own words."""
    kind: str
    category: str | None = None
    text: str = ""


@dataclass(frozen=True)
class Match:
    neighbour_id: int
    score: float
    gift: GiftOffer
    """The gift that fits best: the question names only this one."""
    categories: tuple[str, ...]


@dataclass(frozen=True)
class Wants:
    named: frozenset[str]
    """Categories the idea's words name ('moestuin' → tuinieren)."""
    needed: frozenset[str]
    """Categories that meet a picked need ('spullen' → ladder, ...)."""
    stems: frozenset[str]


def wants_of(gifts: Gifts, *, text: str, needs: Sequence[str] = ()) -> Wants:
    return Wants(frozenset(gifts.in_text(text)), frozenset(gifts.for_needs(list(needs))),
                 frozenset(s for s in stemming.stems(text) if len(s) >= 4 and s not in STOP_STEMS))


_READ: dict[tuple[int, str], tuple[tuple[str, ...], frozenset[str]]] = {}


_READ_MAX = 20000


def _read(gifts: Gifts, text: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The categories and content words of a gift in a neighbour's own words (cached: offers change rarely)."""
    key = (id(gifts), text)
    found = _READ.get(key)
    if found is None:
        if len(_READ) >= _READ_MAX:
            _READ.clear()
        found = _READ[key] = (tuple(gifts.in_text(text)),
                              frozenset(s for s in stemming.stems(text) if len(s) >= 4 and s not in STOP_STEMS))
    return found


def score_gift(gifts: Gifts, wants: Wants, gift: GiftOffer, *, advice: bool = False) -> tuple[float, tuple[str, ...]]:
    """How well one gift fits the idea, and the categories it shares with it."""
    if gift.category is not None:
        if gift.category in wants.named:
            return WEIGHTS.get(gift.kind, 1.0), (gift.category,)
        if gift.category in wants.needed:
            return NEED_ONLY.get(gift.kind, 0.0), (gift.category,)
        return 0.0, ()
    categories, words = _read(gifts, gift.text)
    shared = tuple(c for c in categories if c in wants.named)
    score = WEIGHTS.get(gift.kind, 1.0) if shared else 0.0
    common = wants.stems & words
    score += WORD_WEIGHT * min(len(common), 2) * (WEIGHTS.get(gift.kind, 1.0) / 3.0)
    if advice and gift.kind == "head":
        score += 0.6
    if not shared:
        shared = tuple(c for c in categories if c in wants.needed) if score else ()
    return score, shared


def rank(gifts: Gifts, *, text: str, needs: Sequence[str], offers: Mapping[int, Iterable[GiftOffer]],
         limit: int | None = None) -> list[Match]:
    """Neighbours whose gifts fit the idea, best first (ties by id: deterministic)."""
    wants = wants_of(gifts, text=text, needs=needs)
    advice = "advies" in needs
    found: list[Match] = []
    for neighbour_id, neighbour_gifts in offers.items():
        scored = sorted(((score_gift(gifts, wants, g, advice=advice), g) for g in neighbour_gifts),
                        key=lambda item: -item[0][0])
        if not scored or scored[0][0][0] <= 0:
            continue
        (best, categories), gift = scored[0]
        total = best + 0.25 * sum(s for (s, _c), _g in scored[1:])
        if total >= MIN_SCORE:
            found.append(Match(neighbour_id, round(total, 3), gift, categories))
    found.sort(key=lambda m: (-m.score, m.neighbour_id))
    return found[:limit] if limit else found


def offers_in_wijk(session: Session, idea: Idea) -> dict[int, list[GiftOffer]]:
    """Gifts of the neighbours in the idea's wijk who agreed to be asked (not the initiator)."""
    found: dict[int, list[GiftOffer]] = {}
    for user_id, kind, category, text in offers_crud.askable_gifts(session, wijk_id=idea.wijk_id, exclude=idea.user_id):
        found.setdefault(user_id, []).append(GiftOffer(kind, category, text or ""))
    return found


def offering(session: Session, *, wijk_id: str, categories: list[str], exclude: int | None) -> dict[int, list[str]]:
    """Neighbours in a wijk who offer one of these gifts and agreed to be asked, with the gifts they offer."""
    if not categories:
        return {}
    found: dict[int, list[str]] = {}
    for user_id, _kind, category, _text in offers_crud.askable_gifts(session, wijk_id=wijk_id, exclude=exclude,
                                                                     categories=categories):
        if category and category not in found.setdefault(user_id, []):
            found[user_id].append(category)
    return found


def ranked_neighbours(session: Session, app: App, idea: Idea, *, limit: int | None = None) -> list[Match]:
    gifts = load_gifts(app.settings.content_dir)
    return rank(gifts, text=latin_ukrainian.readable(idea.text), needs=idea.needs, offers=offers_in_wijk(session, idea),
                limit=limit)


def labels(app: App, categories: Iterable[str]) -> str:
    gifts = load_gifts(app.settings.content_dir)
    return ", ".join(c.label.get(current_locale()) for c in (gifts.by_id(i) for i in categories) if c)


def why(app: App, gift: GiftOffer) -> str:
    if gift.category is not None:
        category = load_gifts(app.settings.content_dir).by_id(gift.category)
        label = category.label.get(current_locale()).lower() if category else gift.category
    else:
        label = shorten(gift.text, 80)
    return _(str(WHY.get(gift.kind, WHY["hands"]))).format(gift=label)


def _plain_label(label: object) -> str:
    """A theme or need label without its emoji, lower case: for a sentence."""
    text = str(label)
    return (text.split(" ", 1)[1] if " " in text and not text[0].isalnum() else text).lower()


def default_line(idea: Idea) -> str:
    """The neutral line about an idea, in the current locale: its themes only."""
    themes = [_plain_label(_(str(THEMES[t]))) for t in idea.themes if t in THEMES and t != "anders"]
    if not themes:
        return _("An idea for the neighbourhood.")
    return _("An idea for the neighbourhood, about {themes}.").format(themes=", ".join(themes))


def needs_line(idea: Idea) -> str:
    needs = [_plain_label(_(str(NEEDS[n]))) for n in idea.needs if n in NEEDS]
    return _("Help is welcome with: {needs}.").format(needs=", ".join(needs)) if needs else ""


def shared_description(idea: Idea, line: str) -> str:
    """Exactly what a neighbour reads about the idea (besides why they are asked)."""
    return "\n".join(p for p in (f"“{line or default_line(idea)}”", needs_line(idea)) if p)


def _expire(due: Due, request: HelpRequest) -> None:
    request.status = HelpRequestStatus.EXPIRED
    initiator = due.session.get(User, request.initiator_id)
    if initiator is None:
        return
    notify(due.app, due.session, initiator, lambda: Reply(
        _("A neighbour I asked about {what} hasn't answered. That's okay, people are busy. Your contact person can "
          "help you further.").format(what=labels(due.app, request.categories) or _("your idea"))),
        kind="help_expired", now=due.now)


async def expire_requests(app: App) -> None:
    """Periodic job: no answer in time → nothing crosses, and the initiator hears it honestly."""
    await run_due(app, lambda session, now: offers_crud.unanswered_requests(
        session, asked_before=now - timedelta(days=app.settings.help_request_days)), _expire)
