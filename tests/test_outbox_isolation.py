"""One message that cannot be built or sent never blocks another or stops the process (issue 24, finding 1):
it is retried with backoff a bounded number of times, then parked as failed with its reason, visible to
admins on the CLI and the dashboard, and logged without its text."""

from __future__ import annotations

import io
import logging
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlmodel import Session, select

from bot import cli
from bot.core.app import App
from bot.core.delivery import MAX_ATTEMPTS, DeliveryWorker
from bot.core.events import Reply
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.crud import outbox as outbox_crud
from bot.infra.models import Handover, OutboxMessage, OutboxStatus, User, UserRole
from bot.services import handover as handover_loop
from bot.services.notify import notify, notify_by_email
from tests.conftest import make_app
from tests.mail_support import WELZIJN, give_idea, running_loop, smtp_server, text_part
from tests.support import RecordingTransport, onboard
from tests.test_activities import make_aanjager
from tests.test_dashboard_web import link_of, log_in
from tests.web_support import running_web

SECRET = "Poisonous Pietje 0612345678"


def _users(app: App, count: int) -> list[User]:
    now = app.clock.now()
    with Session(app.engine, expire_on_commit=False) as session:
        users = [User(transport="console", external_id=f"buur{i}", chat_id=f"buur{i}", locale="nl",
                      created_at=now, last_seen_at=now) for i in range(count)]
        session.add_all(users)
        session.commit()
        return users


def _queue_with_poison(app: App) -> tuple[list[int], list[int]]:
    """25 chat messages and 25 e-mails that can be sent, with two poisonous ones among them: an e-mail whose
    address cannot be a header, and a chat message whose attachment cannot be built."""
    users = _users(app, 25)
    now = app.clock.now()
    good: list[OutboxMessage] = []
    poison: list[OutboxMessage] = []
    with Session(app.engine, expire_on_commit=False) as session:
        for i, user in enumerate(users):
            if i == 12:
                poison.append(notify_by_email(app, session, address="x@wijk.test\r\nBcc: spy@evil.test",
                                              subject=SECRET, text=SECRET, html="", kind="handover", now=now))
                bad_chat = notify(app, session, users[0], lambda: Reply(SECRET), kind="relay", now=now)
                bad_chat.attachment = {"content": SECRET}  # no filename: cannot be built
                poison.append(bad_chat)
            good.append(notify(app, session, user, lambda i=i: Reply(f"goed {i}"), kind="relay", now=now))
            good.append(notify_by_email(app, session, address=f"buur{i}@wijk.test", subject=f"Onderwerp {i}\nregel 2",
                                        text=f"mail {i}", html="", kind="handover", now=now))
        session.commit()
    return [m.id or 0 for m in good], [m.id or 0 for m in poison]


async def _drain_until_settled(app: App, clock: ManualClock) -> None:
    worker = DeliveryWorker(app)
    for _round in range(MAX_ATTEMPTS + 3):
        await worker.drain_all()
        clock.advance(hours=2)  # past every backoff


async def test_a_poison_message_between_fifty_good_ones(database_url: str, content: Content, clock: ManualClock,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    with smtp_server() as (sink, port):
        app = make_app(database_url, content, clock, smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
                       smtp_from="wijkgids@gemeente.test", email_rate_per_s=1000)
        try:
            good, poison = _queue_with_poison(app)
            await _drain_until_settled(app, clock)
            chat = app.transports["console"]
            assert isinstance(chat, RecordingTransport)
            assert sorted(r.text for _c, r in chat.sent) == sorted(f"goed {i}" for i in range(25))
            assert sorted(m["To"] for m in sink.messages) == sorted(f"buur{i}@wijk.test" for i in range(25))
            assert all("\n" not in m["Subject"] and m["Subject"].startswith("Onderwerp") for m in sink.messages)
            with Session(app.engine) as session:
                rows = {m.id: m for m in session.exec(select(OutboxMessage))}
                assert all(rows[i].status == OutboxStatus.SENT for i in good)
                for i in poison:
                    assert rows[i].status == OutboxStatus.FAILED and rows[i].attempts == MAX_ATTEMPTS
                    assert rows[i].error and SECRET not in rows[i].error
                assert [m.id for m in outbox_crud.failed(session)] == sorted(poison)
            assert SECRET not in caplog.text and "Pietje" not in caplog.text
            assert "failed" in caplog.text
        finally:
            app.engine.dispose()


async def test_a_worker_that_dies_on_a_message_gives_up_on_it(app: App, clock: ManualClock) -> None:
    """A claim whose lease runs out again and again (the process died sending it) ends as failed."""
    [user] = _users(app, 1)
    with Session(app.engine) as session:
        message = notify(app, session, user, lambda: Reply("boem"), kind="relay", now=clock.now())
        session.commit()
        message_id = message.id
    for _crash in range(MAX_ATTEMPTS + 1):
        with Session(app.engine) as session:
            outbox_crud.requeue_expired_claims(session, now=clock.now())
            outbox_crud.claim_due(session, now=clock.now(), limit=10)
            session.commit()
        clock.advance(minutes=10)
    with Session(app.engine) as session:
        outbox_crud.requeue_expired_claims(session, now=clock.now())
        session.commit()
        row = session.get(OutboxMessage, message_id)
        assert row is not None and row.status == OutboxStatus.FAILED and row.error


async def test_the_console_stays_alive_with_a_poison_e_mail(sqlite_url: str, content: Content,
                                                            clock: ManualClock) -> None:
    from bot.transports.console import chat

    with smtp_server() as (_sink, port):
        app = make_app(sqlite_url, content, clock, smtp_host="127.0.0.1", smtp_port=port, smtp_security="none",
                       smtp_from="wijkgids@gemeente.test", email_rate_per_s=1000)
        with Session(app.engine) as session:
            notify_by_email(app, session, address="x@wijk.test\nBcc: spy@evil.test", subject="s", text="t",
                            html="", kind="handover", now=clock.now())
            session.commit()
        out = io.StringIO()
        await chat(app, user="anna", stdin=io.StringIO("/start\n/help\n"), stdout=out)
        assert out.getvalue().count("\n\n") >= 2
        app.engine.dispose()


async def test_a_two_line_idea_reaches_the_contact_by_e_mail(sqlite_url: str, content: Content, clock: ManualClock,
                                                             tmp_path: object) -> None:
    """The idea's text is in the subject of a relayed message: two lines in the idea, one line in the header."""
    async with running_loop(sqlite_url, content, clock, tmp_path) as loop:  # type: ignore[arg-type]
        await onboard(loop.app, "anna")
        record_id = give_idea(loop.app, "anna", WELZIJN, text="Een moestuin\nop het pleintje")
        with Session(loop.app.engine) as session:
            record = session.get(Handover, record_id)
            assert record is not None
            assert handover_loop.relay(loop.app, session, record, from_contact=False, text="Hoi!\nGroet",
                                       now=clock.now())
            session.commit()
        await loop.deliver()
        mails = loop.sink.to("opbouwwerk@wijk.test")
        assert len(mails) == 2, [m["Subject"] for m in mails]
        relayed = mails[-1]
        assert "\n" not in relayed["Subject"] and "Een moestuin op het pleintje" in relayed["Subject"]
        assert "Hoi!" in text_part(relayed)


async def test_admins_see_and_retry_failed_messages(app: App, clock: ManualClock,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    [user] = _users(app, 1)
    with Session(app.engine) as session:
        message = notify(app, session, user, lambda: Reply(SECRET), kind="relay", now=clock.now())
        message.status, message.error, message.attempts = OutboxStatus.FAILED, "KeyError", MAX_ATTEMPTS
        session.commit()
        message_id = message.id
    url = str(app.engine.url.render_as_string(hide_password=False))
    assert cli.main(["outbox", "failed", "--db", url]) == 0
    listed = capsys.readouterr().out
    assert f"{message_id}" in listed and "KeyError" in listed and "relay" in listed and SECRET not in listed

    app.settings.web_base_url = "http://127.0.0.1"
    aanjager = await make_aanjager(app, "gijs")
    admin = await onboard(app, "admin")
    with Session(app.engine) as session:
        admin_user = session.exec(select(User).where(User.external_id == "admin")).one()
        admin_user.role = UserRole.ADMIN
        session.commit()
    async with running_web(app) as base:
        async with httpx.AsyncClient(base_url=base) as client:
            await log_in(client, await link_of(admin))
            page = await client.get("/dashboard/outbox")
            assert page.status_code == 200 and "KeyError" in page.text and SECRET not in page.text
        async with httpx.AsyncClient(base_url=base) as client:
            assert (await client.get("/dashboard/outbox")).status_code == 403
            await log_in(client, await link_of(aanjager))  # an aanjager sees the dashboard, not the outbox
            assert (await client.get("/dashboard")).status_code == 200
            assert (await client.get("/dashboard/outbox")).status_code == 403

    assert cli.main(["outbox", "retry", str(message_id), "--db", url]) == 0
    assert cli.main(["outbox", "retry", "999999", "--db", url]) == 2
    capsys.readouterr()
    clock.set(datetime.now(UTC) + timedelta(minutes=1))  # the command line runs on the real clock
    await DeliveryWorker(app).drain_all()
    with Session(app.engine) as session:
        row = session.get(OutboxMessage, message_id)
        assert row is not None and row.status == OutboxStatus.SENT and row.error is None


def test_failed_is_empty_without_failures(app: App) -> None:
    with Session(app.engine) as session:
        assert outbox_crud.failed(session) == []
