"""WhatsApp end to end: the real web app (webhook) and the real httpx client against the fake Graph API."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest
from sqlalchemy import insert, inspect, select, text
from sqlmodel import Session

from bot.core.delivery import DeliveryWorker
from bot.core.events import Choice, Reply
from bot.core.scheduling import run_due_jobs
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.crud import invites as invites_crud
from bot.infra.models import InviteKind, OutboxMessage, OutboxStatus, User, WhatsAppInbox, WhatsAppSent
from bot.services.notify import notify
from tests.support import Chat, RecordingTransport, onboard
from tests.whatsapp_support import VERIFY_TOKEN, Running, running, text_of

ANNA = "31612345678"
IDEA_STEPS = ["een koffieochtend voor de buren in ons buurthuis", "sla over", "ja", "niemand", "weet ik nog niet",
              "organisatie", "weet ik nog niet", "sleutelfiguur", "klaar"]


async def onboard_typed(bot: Running, wa_id: str = ANNA) -> None:
    answers = await bot.says(wa_id, "hallo")
    assert "Wijkgids" in text_of(answers)
    assert [o["title"] for o in answers[-1].options] == [
        "Nederlands", "English", "Türkçe", "العربية", "Polski", "Українська"], "a list of six"
    answers = await bot.says(wa_id, "nederlands graag")
    assert "Is dat goed?" in text_of(answers)
    answers = await bot.says(wa_id, "ja hoor")
    assert "welke wijk" in text_of(answers)
    answers = await bot.says(wa_id, "6826 AA")
    assert "Presikhaaf" in text_of(answers)


def user_of(bot: Running, wa_id: str) -> User | None:
    with Session(bot.app.engine) as session:
        user = session.exec(select(User).where(User.external_id == wa_id)).scalars().first()  # type: ignore[call-overload]
        if user is not None:
            session.expunge(user)
        return user


async def test_onboarding_typed(sqlite_url: str, content: Content, clock: ManualClock) -> None:
    async with running(sqlite_url, content, clock) as bot:
        await onboard_typed(bot)
        menu = bot.fake.last_to(ANNA)
        assert menu.text == "Wat wil je doen?"
        assert menu.type == "interactive" and menu.body["interactive"]["type"] == "list", "more than 3: a list"
        user = user_of(bot, ANNA)
        assert user is not None and (user.locale, user.wijk_id, user.onboarded) == ("nl", "presikhaaf", True)
        answers = await bot.says(ANNA, "idee")
        assert "eigen woorden" in text_of(answers)


async def test_onboarding_with_buttons_and_a_list(sqlite_url: str, content: Content, clock: ManualClock) -> None:
    async with running(sqlite_url, content, clock) as bot:
        await bot.says(ANNA, "hoi")
        answers = await bot.chooses(ANNA, "English")
        assert "Is that okay?" in text_of(answers)
        answers = await bot.chooses(ANNA, "Yes")
        assert "Which neighbourhood" in text_of(answers)
        answers = await bot.chooses(ANNA, "Presikhaaf")
        assert "Presikhaaf" in text_of(answers)
        answers = await bot.chooses(ANNA, "idea")
        assert "own words" in text_of(answers)
        for sent in bot.fake.messages_to(ANNA):  # the fake refused anything over WhatsApp's limits
            assert sent.type in ("text", "interactive")


async def test_an_idea_to_a_handover_and_good_news_back(sqlite_url: str, content: Content, clock: ManualClock) -> None:
    async with running(sqlite_url, content, clock) as bot:
        app = bot.app
        contact = await onboard(app, "karin")
        with Session(app.engine) as session:
            code = invites_crud.create_invite(session, kind=InviteKind.CONTACT, now=clock.now(),
                                              target=app.content.fallback_contact("presikhaaf").id,
                                              valid_for=timedelta(days=7)).code
            session.commit()
        await contact.send(f"/koppel {code}")
        await onboard_typed(bot)
        await bot.says(ANNA, "/idee")
        for step in IDEA_STEPS:
            await bot.says(ANNA, step)
        answers = await bot.says(ANNA, "ja, stuur maar")
        assert "Binnen 5 dagen" in text_of(answers)
        await DeliveryWorker(app).drain_all()
        console = app.transports["console"]
        assert isinstance(console, RecordingTransport)
        assert any("koffieochtend" in r.text for r in console.to("karin"))
        await contact.send("ik help verder")
        before = len(bot.fake.messages_to(ANNA))
        await DeliveryWorker(app).drain_all()
        news = bot.fake.messages_to(ANNA)[before:]
        assert "Goed nieuws" in text_of(news)
        assert all(m.type != "template" for m in news), "inside the 24-hour window: free-form"
        assert ANNA not in "".join(r.text for r in console.to("karin")), "her number never reaches the contact"


async def test_checkin_outside_the_window_is_a_template(sqlite_url: str, content: Content,
                                                       clock: ManualClock) -> None:
    async with running(sqlite_url, content, clock) as bot:
        await onboard_typed(bot)
        await bot.says(ANNA, "/idee")
        for step in IDEA_STEPS:
            await bot.says(ANNA, step)
        await bot.says(ANNA, "nee")
        before = len(bot.fake.messages_to(ANNA))
        clock.advance(days=8)
        await run_due_jobs(bot.app)
        await DeliveryWorker(bot.app).drain_all()
        [checkin] = bot.fake.messages_to(ANNA)[before:]
        assert checkin.type == "template"
        template = checkin.body["template"]
        assert (template["name"], template["language"]["code"]) == ("wijkgids_checkin", "nl")
        assert "Hoe gaat het met je idee" in checkin.text and "1. " in checkin.text, "its options, numbered"
        answers = await bot.says(ANNA, "gaat goed hoor", reply_to=checkin.wamid)
        assert "begreep ik niet" not in text_of(answers) and answers
        assert all(m.type != "template" for m in answers), "she wrote: the window is open again"


async def test_a_message_without_template_waits_for_the_next_message(sqlite_url: str, content: Content,
                                                                     clock: ManualClock) -> None:
    async with running(sqlite_url, content, clock) as bot:
        await onboard_typed(bot)
        clock.advance(days=2)
        user = user_of(bot, ANNA)
        assert user is not None
        with Session(bot.app.engine) as session:
            notify(None, session, user, lambda: Reply("Welkom als aanjager!"), kind="aanjager_welcome",
                   now=clock.now())
            session.commit()
        await DeliveryWorker(bot.app).drain_all()
        with Session(bot.app.engine) as session:
            assert session.exec(select(OutboxMessage.status)).scalars().all() == [OutboxStatus.WAITING]  # type: ignore[call-overload]
        answers = await bot.says(ANNA, "hallo")
        await DeliveryWorker(bot.app).drain_all()
        assert "Welkom als aanjager!" in bot.fake.texts_to(ANNA)
        assert answers


async def test_forged_signature_is_refused_and_nothing_is_processed(sqlite_url: str, content: Content,
                                                                   clock: ManualClock) -> None:
    async with running(sqlite_url, content, clock) as bot:
        delivery = bot.fake.delivery(messages=[bot.fake.message(ANNA, "text", {"body": "/vergeetmij"})],
                                     contacts=[{"profile": {"name": "Eve"}, "wa_id": ANNA}])
        body = json.dumps(delivery).encode()
        assert await bot.fake.post(body, signature="sha256=" + "0" * 64) == 403
        assert await bot.fake.post(body, signature="") == 403
        assert await bot.fake.post(body + b" ", signature=None) == 200  # the body as signed: accepted
        with Session(bot.app.engine) as session:
            session.execute(text("DELETE FROM whatsapp_inbox"))
            session.commit()
        tampered = json.dumps(delivery).replace("vergeetmij", "idee").encode()
        from bot.transports.whatsapp_webhook import sign

        assert await bot.fake.post(tampered, signature=sign(bot.fake.app_secret, body)) == 403
        await bot.settle()
        with Session(bot.app.engine) as session:
            assert session.exec(select(WhatsAppInbox)).all() == []  # type: ignore[call-overload]
        assert user_of(bot, ANNA) is None and bot.fake.sent == []


async def test_verify_handshake(sqlite_url: str, content: Content, clock: ManualClock) -> None:
    import httpx

    async with running(sqlite_url, content, clock) as bot, httpx.AsyncClient() as client:
        params = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "1158201444"}
        answer = await client.get(bot.fake.webhook_url, params=params)
        assert (answer.status_code, answer.text) == (200, "1158201444")
        answer = await client.get(bot.fake.webhook_url, params=params | {"hub.verify_token": "guess"})
        assert answer.status_code == 403


async def test_a_redelivered_message_is_handled_once(sqlite_url: str, content: Content, clock: ManualClock) -> None:
    async with running(sqlite_url, content, clock) as bot:
        message = await bot.fake.user_sends_text(ANNA, "hallo")
        await bot.settle()
        answered = len(bot.fake.messages_to(ANNA))
        assert answered
        delivery = bot.fake.delivery(messages=[message], contacts=[{"profile": {"name": "Anna"}, "wa_id": ANNA}])
        assert await bot.fake.post(delivery) == 200
        assert await bot.fake.post(delivery) == 200
        await bot.settle()
        assert len(bot.fake.messages_to(ANNA)) == answered, "answered once"


async def test_a_failed_status_is_recorded_and_retried_when_it_should(sqlite_url: str, content: Content,
                                                                      clock: ManualClock) -> None:
    async with running(sqlite_url, content, clock) as bot:
        await onboard_typed(bot)
        user = user_of(bot, ANNA)
        assert user is not None
        with Session(bot.app.engine) as session:
            for note in ("Eerste bericht", "Tweede bericht"):
                notify(None, session, user, lambda note=note: Reply(note), kind="relay", now=clock.now())  # type: ignore[misc]
            session.commit()
        await DeliveryWorker(bot.app).drain_all()
        first, second = bot.fake.messages_to(ANNA)[-2:]
        assert (first.text, second.text) == ("Eerste bericht", "Tweede bericht")
        assert await bot.fake.status(first.wamid, "delivered") == 200
        assert await bot.fake.status(first.wamid, "failed", code=131000, title="Something went wrong") == 200
        assert await bot.fake.status(second.wamid, "failed", code=131026, title="Message undeliverable") == 200
        await bot.fake.status(first.wamid, "read")  # a late status never undoes "failed"
        with Session(bot.app.engine) as session:
            rows = {r.wamid: r for r in session.exec(select(WhatsAppSent)).scalars()}  # type: ignore[call-overload]
            assert (rows[first.wamid].status, rows[first.wamid].error_code) == ("failed", 131000)
            assert (rows[second.wamid].status, rows[second.wamid].error_code) == ("failed", 131026)
        clock.advance(minutes=2)
        await DeliveryWorker(bot.app).drain_all()
        assert bot.fake.texts_to(ANNA)[-1] == "Eerste bericht", "WhatsApp's own trouble: sent again"
        assert bot.fake.texts_to(ANNA).count("Tweede bericht") == 1, "undeliverable: not retried"


async def test_rate_limit_errors_are_retried_never_dropped(sqlite_url: str, content: Content,
                                                           clock: ManualClock) -> None:
    async with running(sqlite_url, content, clock, fake_rate=5, whatsapp_rate_per_s=50.0) as bot:
        await onboard_typed(bot)
        user = user_of(bot, ANNA)
        assert user is not None
        with Session(bot.app.engine) as session:
            for number in range(12):
                notify(None, session, user, lambda number=number: Reply(f"bericht {number}"),  # type: ignore[misc]
                       kind="relay", now=clock.now())
            session.commit()
        worker = DeliveryWorker(bot.app)
        for _ in range(40):
            await worker.drain_all()
            clock.advance(seconds=2)
            if sum(t.startswith("bericht ") for t in bot.fake.texts_to(ANNA)) == 12:
                break
        assert sorted(t for t in bot.fake.texts_to(ANNA) if t.startswith("bericht ")) == sorted(
            f"bericht {n}" for n in range(12))
        assert bot.fake.throttled > 0, "the fake did say 130429"


async def test_photos_and_what_the_bot_cannot_read(sqlite_url: str, content: Content, clock: ManualClock) -> None:
    from tests.photo_support import phone_photo

    async with running(sqlite_url, content, clock) as bot:
        await onboard_typed(bot)
        await bot.fake.user_sends(ANNA, bot.fake.message(ANNA, "location", {"latitude": 52.0, "longitude": 5.9}))
        await bot.settle()
        assert "locaties" in bot.fake.texts_to(ANNA)[-1].casefold()
        await bot.fake.user_sends_image(ANNA, phone_photo(), caption="kijk")
        await bot.settle()
        assert "foto" in bot.fake.texts_to(ANNA)[-1].casefold()
        with Session(bot.app.engine) as session:
            media_id = session.execute(text("INSERT INTO media (mime_type, content, refs, created_at) "
                                            "VALUES ('image/jpeg', :c, '{}', :t) RETURNING id"),
                                       {"c": phone_photo(), "t": clock.now().replace(tzinfo=None)}).scalar_one()
            session.commit()
        from bot.core.events import Photo

        await bot.transport.send(ANNA, Reply("De flyer", photo=Photo(media_id)))
        await bot.transport.send(ANNA, Reply("Nog eens", photo=Photo(media_id)))
        images = [m for m in bot.fake.messages_to(ANNA) if m.type == "image"]
        assert [m.text for m in images] == ["De flyer", "Nog eens"]
        assert images[0].body["image"]["id"] == images[1].body["image"]["id"], "uploaded once"
        fetched = await bot.transport.fetch_photo(images[0].body["image"]["id"], max_bytes=10_000_000)
        assert fetched == phone_photo()


async def test_many_options_become_numbered_text(sqlite_url: str, content: Content, clock: ManualClock) -> None:
    async with running(sqlite_url, content, clock) as bot:
        await onboard_typed(bot)
        choices = tuple(Choice(f"x:y:{n}", f"Keuze nummer {n}") for n in range(12))
        await bot.transport.send(ANNA, Reply("Welke?", choices))
        last = bot.fake.last_to(ANNA)
        assert last.type == "text" and "12. Keuze nummer 11" in last.text


async def test_forget_me_removes_the_phone_number(sqlite_url: str, content: Content, clock: ManualClock,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    async with running(sqlite_url, content, clock) as bot:
        await onboard_typed(bot)
        await bot.says(ANNA, "/idee")
        await bot.says(ANNA, "een moestuin achter de flat")
        await bot.says(ANNA, "stop")
        assert phone_rows(bot) != []
        await bot.says(ANNA, "/vergeetmij")
        answers = await bot.says(ANNA, "ja, wis alles")
        assert "gewist" in text_of(answers)
        assert phone_rows(bot) == []
        assert ANNA not in caplog.text


def phone_rows(bot: Running) -> list[str]:
    """Every table and column where the phone number is still stored."""
    found = []
    with Session(bot.app.engine) as session:
        for table in inspect(bot.app.engine).get_table_names():
            for row in session.execute(text(f'SELECT * FROM "{table}"')).mappings():
                found += [f"{table}.{k}" for k, v in row.items() if ANNA in str(v)]
    return found


async def test_broadcast_of_375_on_a_250_tier_takes_two_days(sqlite_url: str, content: Content,
                                                              clock: ManualClock) -> None:
    async with running(sqlite_url, content, clock, fake_tier=250, whatsapp_tier=250,
                       whatsapp_prices={"marketing": 0.1597, "service": 0.0}) as bot:
        app = bot.app
        now = clock.now()
        numbers = [str(31_600_000_000 + n) for n in range(375)]
        with Session(app.engine) as session:
            session.execute(insert(User), [
                {"transport": "whatsapp", "external_id": n, "chat_id": n, "locale": "nl" if i % 3 else "en",
                 "wijk_id": "presikhaaf", "role": "resident", "muted": False, "unreachable": False,
                 "consent_decided": True, "onboarded": True, "created_at": now, "last_seen_at": now}
                for i, n in enumerate(numbers)])
            session.commit()
        aanjager = Chat(app, "piet")
        await onboard(app, "piet")
        with Session(app.engine) as session:
            code = invites_crud.create_invite(session, kind=InviteKind.AANJAGER, target="presikhaaf", now=now,
                                              valid_for=timedelta(days=7)).code
            session.commit()
        await aanjager.send(f"/aanjager {code}")
        await aanjager.send("/omroep")
        await aanjager.send("Buurtfeest zaterdag vanaf 14 uur op het plein!")
        preview = aanjager.text
        assert "375" in preview and "WhatsApp" in preview  # thousands separators: test_whatsapp_units
        assert "250" in preview and "een dag later" in preview and "€" in preview, preview
        await aanjager.send("ja")
        assert "375" in aanjager.text, aanjager.text
        worker = DeliveryWorker(app, batch_size=200)
        await worker.drain_all()
        assert bot.fake.delivered == 250 and bot.fake.over_tier == 0
        with Session(app.engine) as session:
            waiting = session.execute(select(OutboxMessage.not_before).where(
                OutboxMessage.kind == "broadcast", OutboxMessage.status == OutboxStatus.PENDING)).scalars().all()
        assert len(waiting) == 125 and min(waiting) >= now + timedelta(hours=24)
        clock.advance(hours=23)
        await worker.drain_all()
        assert bot.fake.delivered == 250, "not one over the tier within 24 hours"
        clock.advance(hours=1, minutes=1)
        await worker.drain_all()
        assert bot.fake.over_tier == 0
        per_number = {n: len(bot.fake.messages_to(n)) for n in numbers}
        assert set(per_number.values()) == {1}, "375 delivered, each once: 0 lost"
        assert all(m.type == "template" and m.body["template"]["name"] == "wijkgids_news" for m in bot.fake.sent)
