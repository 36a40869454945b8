"""One bot-initiated message a day per resident, across every kind, counted by sending time, with priorities;
activity notices wait out the quiet hours. Driven by the ManualClock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session, select

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.events import Reply
from bot.infra.clock import ManualClock
from bot.infra.models import User
from bot.services.notify import notify
from tests.support import RecordingTransport, onboard

KINDS = ["broadcast", "checkin", "help_request", "escalation", "reminder", "activity_next"]


def queue(app: App, user: str, *kinds: str) -> None:
    with Session(app.engine) as session:
        person = session.exec(select(User).where(User.external_id == user)).one()
        for kind in kinds:
            notify(None, session, person, lambda kind=kind: Reply(kind), kind=kind, now=app.clock.now())  # type: ignore[misc]
        session.commit()


def texts(outbox: RecordingTransport, user: str) -> list[str]:
    return [r.text for r in outbox.to(user)]


async def test_one_a_day_across_every_kind_in_order_of_priority(app: App, clock: ManualClock,
                                                                 outbox: RecordingTransport) -> None:
    await onboard(app, "ria")
    queue(app, "ria", *KINDS)
    worker = DeliveryWorker(app)
    await worker.drain_all()
    assert texts(outbox, "ria") == ["reminder"], "a reminder for tomorrow wins over everything else"
    clock.advance(hours=8)  # 18:00, same day
    await worker.drain_all()
    assert texts(outbox, "ria") == ["reminder"]
    order = ["escalation", "checkin", "help_request", "broadcast", "activity_next"]
    for day, expected in enumerate(order, start=1):
        clock.set(clock.now().replace(hour=9) + timedelta(days=1))  # 10:00 in Amsterdam
        await worker.drain_all()
        assert texts(outbox, "ria")[-1] == expected and len(texts(outbox, "ria")) == day + 1


@pytest.mark.parametrize("kind", KINDS)
async def test_each_kind_waits_a_day_after_another_message_was_sent(kind: str, app: App, clock: ManualClock,
                                                                     outbox: RecordingTransport) -> None:
    await onboard(app, "sam")
    queue(app, "sam", "broadcast" if kind != "broadcast" else "checkin")
    await DeliveryWorker(app).drain_all()
    clock.advance(hours=2)
    queue(app, "sam", kind)
    await DeliveryWorker(app).drain_all()
    assert len(texts(outbox, "sam")) == 1, f"{kind} waits, it was not sent on the same day"
    clock.advance(days=1)
    await DeliveryWorker(app).drain_all()
    assert texts(outbox, "sam")[-1] == kind


async def test_change_and_cancel_notices_wait_out_the_quiet_hours_but_not_a_day(
        app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    await onboard(app, "tom")
    queue(app, "tom", "checkin")
    await DeliveryWorker(app).drain_all()
    clock.advance(hours=12, minutes=30)  # 22:30 in Amsterdam
    queue(app, "tom", "activity_cancelled", "activity_changed", "activity_moved_up")
    await DeliveryWorker(app).drain_all()
    assert texts(outbox, "tom") == ["checkin"], "no notice buzzing at 22:30"
    clock.advance(hours=10)  # 08:30
    await DeliveryWorker(app).drain_all()
    assert texts(outbox, "tom") == ["checkin"]
    clock.advance(minutes=31)  # 09:01
    await DeliveryWorker(app).drain_all()
    assert sorted(texts(outbox, "tom")[1:]) == ["activity_cancelled", "activity_changed", "activity_moved_up"]
    queue(app, "tom", "broadcast")
    await DeliveryWorker(app).drain_all()
    assert texts(outbox, "tom")[-1] != "broadcast", "the notices counted as today's message"


async def test_replies_between_people_are_not_counted(app: App, clock: ManualClock,
                                                      outbox: RecordingTransport) -> None:
    await onboard(app, "uma")
    queue(app, "uma", "checkin", "help_message", "relay")
    await DeliveryWorker(app).drain_all()
    assert sorted(texts(outbox, "uma")) == ["checkin", "help_message", "relay"]
