"""The anonymous figures of a wijk, for /signalen and the dashboard: counts only, never who.

A count of people from 1 to 4 could single a neighbour out. The one rule, `protect`, is what every page,
chart, list and CSV shows for everyone but an admin: a count is given together with the smallest groups it
adds up (the wijken of a total, the answers behind "reminders sent", ...); it is exact when every group is 0
or at least 5, and otherwise leaves the groups of 1-4 out ("≥ 12", or "< 5" when nothing is left), so a small
count can neither be read nor derived by subtracting shown parts from a shown total. `drawn` is the same for
the height of a chart line, and `anonymous_list` the same for the list of initiatives: rows are shown with as
much detail as groups of at least 5 allow, so counting rows that share a value never gives a small group.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
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


def protect(parts: Iterable[int], *, admin: bool) -> int | str:
    """The count that adds up `parts` (its smallest groups; one group for a plain count) as it may be shown."""
    values = list(parts)
    if admin or all(v == 0 or v >= SMALL for v in values):
        return sum(values)
    big = sum(v for v in values if v >= SMALL)
    if big:
        return f"≥ {big}"
    return HIDDEN if sum(values) < SMALL else f"≥ {SMALL}"


def over_time(count: int, *, admin: bool) -> int | str:
    """A count that is shown again and again while it changes (the aanjager's overview, every evening): "6
    coming" one day and "8 coming" the next would give away the 2 who answered in between. So it is `protect`
    over the groups of five it holds and the rest: it moves in steps of 5 ("< 5", 5, "≥ 5", 10, "≥ 10", ...)
    and two figures shown on different days never differ by 1-4."""
    return protect([count - count % SMALL, count % SMALL], admin=admin)


def drawn(parts: Iterable[int], *, admin: bool) -> int:
    """The height a chart may draw for the same count: exact for admins, else only the groups of 5 or more."""
    values = list(parts)
    return sum(values) if admin else sum(v for v in values if v >= SMALL)


def drawn_over_time(parts: Iterable[int], *, admin: bool) -> int:
    """`drawn` for a line that is drawn again and again while it grows: only whole groups of five of each part."""
    return drawn([x for p in parts for x in (p - p % SMALL, p % SMALL)], admin=admin)


def shown(count: int, *, admin: bool) -> int | str:
    return protect([count], admin=admin)


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
    growing: str | None = None
    """The month still being counted (the current one): its figures change from day to day, so they are shown
    through `over_time` and `drawn_over_time`."""
    needs: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, str, str, str, int]]:
        """(wijk, month, 'theme'|'need', key, people), sorted."""
        out = [(w, m, kind, key, n)
               for kind, table in (("theme", self.themes), ("need", self.needs))
               for (w, m), counter in table.items() for key, n in counter.items()]
        return sorted(out)


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
    result = Signals(months=keys, growing=keys[-1])
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
    approved: bool = False
    """`text` is the words the resident approved for contacts (shared_text), not an older idea's raw text."""
    details: frozenset[str] = frozenset({"day", "month", "contact", "themes", "needs"})
    """What the list may show of it besides wijk and status (see `anonymous_list`)."""
    month: str = ""
    """'YYYY-MM' of created_at in the bot's time zone, for a list that shows the month only."""


DETAIL_STEPS: tuple[frozenset[str], ...] = (frozenset({"contact"}), frozenset())
"""The details of a listed initiative besides wijk and status, from most to least; a row gets the first for
which at least 5 rows of the same wijk and status share all of them. Month, themes and needs are not among
them for anyone but an admin: the signals page shows people per month and theme under the same rule, and the
list's groups of 5 by theme or month could be subtracted from those (the list counts initiatives in every
state, the signals people), giving away a small group after all."""


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
                              handover[0] if handover else None, text if idea_id in received else None, long,
                              approved=bool(shared)))
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


def _detail(item: Initiative, name: str) -> object:
    if name == "month":
        return item.month
    if name == "contact":
        return item.contact_id
    return tuple(item.themes) if name == "themes" else tuple(item.needs)


def anonymous_list(items: Sequence[Initiative], *, admin: bool, tz: ZoneInfo) -> list[Initiative]:
    """The rows of the initiatives list a viewer may see, each with the details it may show. Within one wijk,
    status and "waiting long" a row gets the most details of DETAIL_STEPS that at least 5 of the remaining rows
    share; what is left is shown with wijk and status only, topped up from the largest groups when it is 1-4
    rows (so "rows without details" is no small group either); a wijk and status with 1-4 initiatives in all
    is left out, and the pipeline (`protect` over the same groups) says so. Any count read from the list, by
    any column or combination of columns, then adds up groups of at least 5. Admins see everything; an idea
    handed to the viewer is theirs to see anyway."""
    dated = [replace(i, month=i.created_at.astimezone(tz).strftime("%Y-%m")) for i in items]
    if admin:
        return dated
    placed: dict[int, Initiative] = {i.id: i for i in dated if i.text is not None}
    cells: dict[tuple[str, str, bool], list[Initiative]] = defaultdict(list)
    for item in dated:
        if item.text is None:
            cells[(item.wijk_id, item.state, item.waiting_long)].append(item)
    for rows in cells.values():
        if len(rows) < SMALL:
            continue
        placed.update((i.id, i) for i in _generalised(rows))
    return [placed[i.id] for i in dated if i.id in placed]


def _generalised(rows: list[Initiative]) -> list[Initiative]:
    """The rows of one wijk and status (at least 5) with their details, every group of equal rows at least 5."""
    groups: list[list[Initiative]] = []
    rest = rows
    for step in DETAIL_STEPS[:-1]:
        by_key: dict[tuple[object, ...], list[Initiative]] = defaultdict(list)
        for item in rest:
            by_key[tuple(_detail(item, d) for d in sorted(step))].append(replace(item, details=step))
        groups += [g for g in by_key.values() if len(g) >= SMALL]
        rest = [i for g in by_key.values() if len(g) < SMALL for i in g]
    leftover = [replace(i, details=frozenset()) for i in rest]
    if 0 < len(leftover) < SMALL:  # take spare rows of the largest groups, then whole groups, smallest first
        for group in sorted(groups, key=len, reverse=True):
            while len(group) > SMALL and len(leftover) < SMALL:
                leftover.append(replace(group.pop(), details=frozenset()))
        for group in sorted(groups, key=len):
            if len(leftover) >= SMALL:
                break
            leftover += [replace(i, details=frozenset()) for i in group]
            group.clear()
    return [i for g in groups for i in g] + leftover


def pipeline(items: Sequence[Initiative], *, admin: bool) -> dict[str, int | str]:
    """Initiatives per status as they may be shown: each a `protect` over the same groups the list uses (wijk,
    status, waiting long), so the list and the pipeline never differ by a small number."""
    cells = Counter((i.wijk_id, i.state, i.waiting_long) for i in items)
    out: dict[str, int | str] = {}
    for state in PIPELINE:
        if state == "waiting_long":
            parts = [n for (_w, s, long), n in cells.items() if s == "handed_over" and long]
        else:
            parts = [n for (_w, s, _long), n in cells.items() if s == state]
        out[state] = protect(parts, admin=admin)
    return out


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
    reminded_by_answer: tuple[int, ...] = ()
    """The reminded people per answer: the groups `reminded` adds up."""


def activities(session: Session, *, wijk_ids: Sequence[str], limit: int = 500) -> list[ActivityFigures]:
    rows = session.execute(
        sa_select(col(Activity.id), col(Activity.wijk_id), col(Activity.title), col(Activity.starts_at),
                  col(Activity.cancelled))
        .where(col(Activity.wijk_id).in_(list(wijk_ids))).order_by(col(Activity.starts_at).desc()).limit(limit)).all()
    ids = [row[0] for row in rows]
    answers: dict[int, Counter[str]] = defaultdict(Counter)
    reminded_answers: dict[int, Counter[str]] = defaultdict(Counter)
    query = (select(Rsvp.activity_id, Rsvp.answer, Rsvp.reminded, func.count())
             .where(col(Rsvp.activity_id).in_(ids))
             .group_by(col(Rsvp.activity_id), col(Rsvp.answer), col(Rsvp.reminded)))
    for activity_id, answer, reminded, count in session.exec(query):
        answers[activity_id][answer] += count
        if reminded:
            answers[activity_id]["reminded"] += count
            reminded_answers[activity_id][answer] += count
    return [ActivityFigures(i, w, t, s, c, answers[i]["come"], answers[i]["maybe"], answers[i]["help"],
                            answers[i]["reminded"], tuple(reminded_answers[i].values())) for i, w, t, s, c in rows]


def gifts(session: Session, *, wijk_ids: Sequence[str]) -> dict[tuple[str, str], int]:
    """(wijk, category) → neighbours offering something in it."""
    query = (select(User.wijk_id, Offer.category, func.count(func.distinct(Offer.user_id)))
             .join(User, col(User.id) == col(Offer.user_id))
             .where(col(User.wijk_id).in_(list(wijk_ids)), col(Offer.category).is_not(None))
             .group_by(col(User.wijk_id), col(Offer.category)))
    return {(str(w), str(c)): int(n) for w, c, n in session.exec(query)}
