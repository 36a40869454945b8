"""The anonymous figures of a wijk, for /signalen and the dashboard: counts only, never who.

A count of people from 1 to 4 could single a neighbour out; `shown` turns it into "< 5" for everyone
but an admin (0 names nobody and stays 0). Every page, chart and CSV goes through `shown`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from bot.infra.models import (
    Activity,
    Handover,
    HandoverStatus,
    Idea,
    IdeaStatus,
    Offer,
    Rsvp,
    User,
)

SMALL = 5
HIDDEN = "< 5"
PIPELINE = ("new", "handed_over", "accepted", "waiting_long", "escalated", "done", "stopped")
"""Initiative states on the dashboard; waiting_long is a subset of handed_over (no answer after N days)."""


def shown(count: int, *, admin: bool) -> int | str:
    return HIDDEN if 0 < count < SMALL and not admin else count


def month_keys(now: datetime, tz: ZoneInfo, months: int = 12) -> list[str]:
    """'YYYY-MM' of the last `months` months, oldest first, ending with the current one."""
    local = now.astimezone(tz)
    year, month = local.year, local.month
    keys = []
    for _ in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys[::-1]


@dataclass
class Signals:
    """People with ideas per (wijk, month) and theme or need; counted once per person per cell."""

    months: list[str]
    themes: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    needs: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, str, str, str, int]]:
        """(wijk, month, 'theme'|'need', key, people), sorted."""
        out = [(w, m, kind, key, n)
               for kind, table in (("theme", self.themes), ("need", self.needs))
               for (w, m), counter in table.items() for key, n in counter.items()]
        return sorted(out)

    def series(self, kind: str, wijk_ids: Sequence[str]) -> dict[str, list[int]]:
        """key → counts per month, summed over the given wijken (for a chart)."""
        table = self.themes if kind == "theme" else self.needs
        keys = sorted({k for (w, _m), c in table.items() if w in wijk_ids for k in c})
        return {k: [sum(table.get((w, m), Counter())[k] for w in wijk_ids) for m in self.months] for k in keys}


def signals(session: Session, *, wijk_ids: Sequence[str], now: datetime, tz: ZoneInfo, months: int = 12) -> Signals:
    keys = month_keys(now, tz, months)
    since = datetime.fromisoformat(keys[0] + "-01").replace(tzinfo=tz) - timedelta(days=1)
    people: dict[tuple[str, str, str, str], set[int]] = defaultdict(set)
    query = (sa_select(col(Idea.id), col(Idea.user_id), col(Idea.wijk_id), col(Idea.created_at), col(Idea.themes),
                       col(Idea.needs))
             .where(col(Idea.wijk_id).in_(list(wijk_ids)), col(Idea.created_at) >= since,
                    col(Idea.status).notin_([IdeaStatus.DRAFT, IdeaStatus.CANCELLED])))
    for idea_id, user_id, wijk_id, created_at, themes, needs in session.execute(query).all():
        month = created_at.astimezone(tz).strftime("%Y-%m")
        if month not in keys:
            continue
        person = user_id if user_id is not None else -int(idea_id)  # an erased author still counts once
        for theme in themes or []:
            people[(wijk_id, month, "theme", theme)].add(person)
        for need in needs or []:
            people[(wijk_id, month, "need", need)].add(person)
    result = Signals(months=keys)
    for (wijk_id, month, kind, key), who in people.items():
        table = result.themes if kind == "theme" else result.needs
        table.setdefault((wijk_id, month), Counter())[key] = len(who)
    return result


@dataclass(frozen=True)
class Initiative:
    id: int
    wijk_id: str
    state: str
    created_at: datetime
    themes: list[str]
    needs: list[str]
    contact_id: str | None
    """Who has it now: the contact of the latest handover."""
    text: str | None
    """Only for the contact it was handed to (the words the resident approved for contacts); None for everyone
    else."""
    waiting_long: bool


def initiatives(session: Session, *, wijk_ids: Sequence[str], viewer: User, now: datetime,
                waiting_days: int = 14, limit: int = 500) -> list[Initiative]:
    ideas = session.execute(
        sa_select(col(Idea.id), col(Idea.wijk_id), col(Idea.status), col(Idea.created_at), col(Idea.themes),
                  col(Idea.needs), col(Idea.text), col(Idea.shared_text))
        .where(col(Idea.wijk_id).in_(list(wijk_ids)), col(Idea.status).notin_([IdeaStatus.DRAFT, IdeaStatus.CANCELLED]))
        .order_by(col(Idea.created_at).desc()).limit(limit)).all()
    latest: dict[int, tuple[str, str, datetime]] = {}
    received: set[int] = set()
    handovers = session.execute(
        sa_select(col(Handover.idea_id), col(Handover.contact_id), col(Handover.contact_user_id),
                  col(Handover.status), col(Handover.created_at))
        .where(col(Handover.idea_id).in_([row[0] for row in ideas]))
        .order_by(col(Handover.created_at), col(Handover.id))).all()
    for idea_id, contact_id, contact_user_id, status, created_at in handovers:
        latest[idea_id] = (contact_id, status, created_at)
        if viewer.id is not None and contact_user_id == viewer.id:
            received.add(idea_id)
    out = []
    for idea_id, wijk_id, idea_status, created_at, themes, needs, raw, shared in ideas:
        text = shared or raw  # an idea handed over before approval existed: redacted where it is shown
        handover = latest.get(idea_id)
        state = _state(idea_status, handover[1] if handover else None)
        long = (state == "handed_over" and handover is not None and handover[1] == HandoverStatus.WAITING
                and handover[2] < now - timedelta(days=waiting_days))
        out.append(Initiative(idea_id, wijk_id, state, created_at, list(themes or []), list(needs or []),
                              handover[0] if handover else None, text if idea_id in received else None, long))
    return out


def _state(idea_status: str, handover_status: str | None) -> str:
    if idea_status in (IdeaStatus.DONE, IdeaStatus.STOPPED):
        return str(idea_status)
    if idea_status == IdeaStatus.CONFIRMED or handover_status is None:
        return "new"
    if handover_status == HandoverStatus.ESCALATED:
        return "escalated"
    if handover_status == HandoverStatus.ACCEPTED or idea_status == IdeaStatus.ACCEPTED:
        return "accepted"
    return "handed_over"


def listable(items: Sequence[Initiative], *, admin: bool) -> list[Initiative]:
    """The rows of the initiatives list a viewer may see, so that counting rows never gives away a count the
    pipeline shows as "< 5": a row is left out when its status has 1-4 initiatives in the view, or in its
    wijk (the view may hold several wijken; `?wijk=` shows one), and "waiting long" is not marked where that
    count is 1-4. Admins see everything; an idea handed to the viewer is theirs to see anyway."""
    if admin:
        return list(items)
    states = Counter(i.state for i in items)
    cells = Counter((i.wijk_id, i.state) for i in items)
    long_total = sum(1 for i in items if i.waiting_long)
    long_cells = Counter(i.wijk_id for i in items if i.waiting_long)
    out = []
    for item in items:
        own = item.text is not None
        if not own and (states[item.state] < SMALL or cells[(item.wijk_id, item.state)] < SMALL):
            continue
        if item.waiting_long and not own and (long_total < SMALL or long_cells[item.wijk_id] < SMALL):
            item = replace(item, waiting_long=False)
        out.append(item)
    return out


def pipeline(items: Sequence[Initiative]) -> dict[str, int]:
    counts = Counter(i.state for i in items)
    counts["waiting_long"] = sum(1 for i in items if i.waiting_long)
    return {state: counts.get(state, 0) for state in PIPELINE}


@dataclass(frozen=True)
class ActivityFigures:
    id: int
    wijk_id: str
    title: str
    starts_at: datetime
    cancelled: bool
    coming: int
    maybe: int
    helping: int
    reminded: int


def activities(session: Session, *, wijk_ids: Sequence[str], limit: int = 500) -> list[ActivityFigures]:
    rows = session.execute(
        sa_select(col(Activity.id), col(Activity.wijk_id), col(Activity.title), col(Activity.starts_at),
                  col(Activity.cancelled))
        .where(col(Activity.wijk_id).in_(list(wijk_ids))).order_by(col(Activity.starts_at).desc()).limit(limit)).all()
    ids = [row[0] for row in rows]
    answers: dict[int, Counter[str]] = defaultdict(Counter)
    query = (select(Rsvp.activity_id, Rsvp.answer, Rsvp.reminded, func.count())
             .where(col(Rsvp.activity_id).in_(ids))
             .group_by(col(Rsvp.activity_id), col(Rsvp.answer), col(Rsvp.reminded)))
    for activity_id, answer, reminded, count in session.exec(query):
        answers[activity_id][answer] += count
        if reminded:
            answers[activity_id]["reminded"] += count
    return [ActivityFigures(i, w, t, s, c, answers[i]["come"], answers[i]["maybe"], answers[i]["help"],
                            answers[i]["reminded"]) for i, w, t, s, c in rows]


def gifts(session: Session, *, wijk_ids: Sequence[str]) -> dict[tuple[str, str], int]:
    """(wijk, category) → neighbours offering something in it."""
    query = (select(User.wijk_id, Offer.category, func.count(func.distinct(Offer.user_id)))
             .join(User, col(User.id) == col(Offer.user_id))
             .where(col(User.wijk_id).in_(list(wijk_ids)), col(Offer.category).is_not(None))
             .group_by(col(User.wijk_id), col(Offer.category)))
    return {(str(w), str(c)): int(n) for w, c, n in session.exec(query)}
