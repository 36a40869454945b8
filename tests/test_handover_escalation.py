"""The escalation chain under a controllable clock: reminder → fallback → area team → admin; a late
"ik help verder" still works and everyone concerned hears it; at most one message a day to the resident."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlmodel import Session, select

from bot.core.scheduling import run_due_jobs
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.models import Handover, Idea, OutboxMessage, User
from tests.mail_support import (
    AANJAGER,
    ADDRESSES,
    WELZIJN,
    WIJKMANAGER,
    Loop,
    give_idea,
    links_of,
    running_loop,
    text_part,
)
from tests.support import onboard
from tests.test_handover_email import post_form


@pytest.fixture
async def loop(sqlite_url: str, content: Content, clock: ManualClock, tmp_path: Path) -> AsyncIterator[Loop]:
    async with running_loop(sqlite_url, content, clock, tmp_path) as running:
        yield running


async def later(loop: Loop, clock: ManualClock, **delta: float) -> None:
    clock.advance(**delta)
    await run_due_jobs(loop.app)
    await loop.deliver()


def chain(loop: Loop) -> list[tuple[str, str]]:
    with Session(loop.app.engine) as session:
        return [(h.contact_id, h.status) for h in session.exec(select(Handover).order_by(Handover.id))]  # type: ignore[arg-type]


def updates_per_day_to(loop: Loop, external_id: str) -> dict[str, int]:
    """The bot's own updates about the chain (a contact's answer is news, passed on at once)."""
    with Session(loop.app.engine) as session:
        user = session.exec(select(User).where(User.external_id == external_id)).one()
        rows = session.exec(select(OutboxMessage).where(OutboxMessage.user_id == user.id,
                                                        OutboxMessage.kind == "escalation")).all()
    days: dict[str, int] = {}
    for row in rows:
        days[row.created_at.date().isoformat()] = days.get(row.created_at.date().isoformat(), 0) + 1
    return days


async def test_silent_contact_reminder_fallback_area_team_admin_then_late_accept(
        loop: Loop, clock: ManualClock) -> None:
    await onboard(loop.app, "ria")
    await onboard(loop.app, "beheerder")
    with Session(loop.app.engine) as session:
        user = session.exec(select(User).where(User.external_id == "beheerder")).one()
        user.role = "admin"
        session.add(user)
        session.commit()
    give_idea(loop.app, "ria", WELZIJN)
    await loop.deliver()
    [first] = loop.sink.to(ADDRESSES[WELZIJN])
    names = {c: loop.app.content.contacts[c].name for c in (WELZIJN, AANJAGER, WIJKMANAGER)}

    await later(loop, clock, days=4, hours=23)
    assert chain(loop) == [(WELZIJN, "waiting")] and len(loop.sink.messages) == 1, "nothing before N days"
    await later(loop, clock, hours=2)
    reminder = loop.sink.to(ADDRESSES[WELZIJN])[-1]
    assert "herinnering" in text_part(reminder) and len(loop.sink.to(ADDRESSES[WELZIJN])) == 2
    assert "herinnering" in loop.outbox.to("ria")[-1].text and names[WELZIJN] in loop.outbox.to("ria")[-1].text

    await later(loop, clock, days=3, hours=1)
    assert chain(loop) == [(WELZIJN, "escalated"), (AANJAGER, "waiting")]
    assert "moestuin" in text_part(loop.sink.to(ADDRESSES[AANJAGER])[0])
    update = loop.outbox.to("ria")[-1].text
    assert "Eerlijk" in update and names[AANJAGER] in update and "aanjager van je wijk" in update

    await later(loop, clock, days=5, hours=1)
    assert chain(loop)[-1] == (WIJKMANAGER, "waiting")
    assert "gebiedsteam" in loop.outbox.to("ria")[-1].text

    await later(loop, clock, days=5, hours=1)
    assert chain(loop)[-1] == ("admin", "waiting")
    assert "moestuin" in loop.outbox.to("beheerder")[-1].text
    assert "Wijkgids-team" in loop.outbox.to("ria")[-1].text

    await later(loop, clock, days=5, hours=1)
    assert "herinnering" in loop.outbox.to("beheerder")[-1].text, "the admin gets one reminder too"
    assert chain(loop)[-1] == ("admin", "waiting")

    # the first contact answers late, from the very first e-mail
    async with httpx.AsyncClient() as client:
        done = await post_form(client, links_of(first)["Ik help verder"])
        assert "Fijn dat je verder helpt" in done.text
    await loop.deliver()
    assert chain(loop) == [(WELZIJN, "accepted"), (AANJAGER, "superseded"), (WIJKMANAGER, "superseded"),
                           ("admin", "superseded")]
    assert "Goed nieuws" in loop.outbox.to("ria")[-1].text and names[WELZIJN] in loop.outbox.to("ria")[-1].text
    for address in (ADDRESSES[AANJAGER], ADDRESSES[WIJKMANAGER]):
        assert "niets meer nodig" in text_part(loop.sink.to(address)[-1])
    assert "niets meer nodig" in loop.outbox.to("beheerder")[-1].text
    with Session(loop.app.engine) as session:
        assert session.exec(select(Idea)).one().status == "accepted"

    mails, chats = len(loop.sink.messages), len(loop.outbox.sent)
    await later(loop, clock, days=30)
    assert (len(loop.sink.messages), len(loop.outbox.sent)) == (mails, chats), "the chain stops once someone helps"
    per_day = updates_per_day_to(loop, "ria")
    assert len(per_day) == 5 and max(per_day.values()) == 1, "an honest update at each step, at most one a day"


async def test_fallback_is_the_contact_goes_to_the_area_team(loop: Loop, clock: ManualClock) -> None:
    resident = await onboard(loop.app, "sem")
    assert loop.app.content.fallback_contact("presikhaaf").id == AANJAGER
    give_idea(loop.app, "sem", AANJAGER)
    await loop.deliver()
    [first] = loop.sink.to(ADDRESSES[AANJAGER])
    await later(loop, clock, days=5, hours=1)
    assert "herinnering" in text_part(loop.sink.to(ADDRESSES[AANJAGER])[-1])
    await later(loop, clock, days=3, hours=1)
    assert chain(loop) == [(AANJAGER, "escalated"), (WIJKMANAGER, "waiting")], "not the same person twice"
    assert "gebiedsteam" in loop.outbox.to("sem")[-1].text

    await resident.send("/mijnideeen")
    assert loop.app.content.contacts[WIJKMANAGER].name in resident.text and "sinds" in resident.text

    async with httpx.AsyncClient() as client:
        late = await post_form(client, links_of(first)["Ik help verder"])
        assert "Fijn dat je verder helpt" in late.text, "a late 'ik help verder' still works"
    await loop.deliver()
    assert chain(loop) == [(AANJAGER, "accepted"), (WIJKMANAGER, "superseded")]
    assert "niets meer nodig" in text_part(loop.sink.to(ADDRESSES[WIJKMANAGER])[-1])
    assert "Goed nieuws" in loop.outbox.to("sem")[-1].text
    await resident.send("/mijnideeen")
    assert "helpt verder, sinds" in resident.text
