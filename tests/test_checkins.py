"""Check-ins: right local time, quiet hours, DST, restarts, exactly once (also with two workers)."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert
from sqlmodel import Session, col, select

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.events import Incoming, Kind, Photo, Reply
from bot.core.scheduling import run_due_jobs
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.models import CheckIn, Consent, Handover, Idea, Media, OutboxMessage, Story, User
from bot.services.notify import notify
from handlers import checkins
from tests.conftest import make_app
from tests.support import Chat, RecordingTransport, onboard
from tests.test_activities import make_aanjager
from tests.test_ideas import walk_to_summary


async def hand_over(chat: Chat, text: str = "Een koffieochtend voor de buren in ons buurthuis") -> None:
    await walk_to_summary(chat, text)
    await chat.press("Iets van een organisatie")
    await chat.send("weet ik nog niet")
    await chat.press_data(chat.find("Sleutelfiguur").data)
    await chat.press("Klaar")  # an unlinked contact without e-mail: no "may I send it?", their details at once


def planned(app: App) -> list[CheckIn]:
    with Session(app.engine) as session:
        return list(session.exec(select(CheckIn).order_by(col(CheckIn.due_at))))


async def deliver(app: App) -> None:
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()


async def first_checkin(app: App, clock: ManualClock, outbox: RecordingTransport, name: str) -> Chat:
    """A user whose idea was handed over a week ago, looking at the check-in question."""
    chat = await onboard(app, name)
    await hand_over(chat)
    clock.advance(days=7)
    await deliver(app)
    chat.replies = [outbox.to(name)[-1]]
    return chat


async def approve_story(app: App, aanjager: Chat, outbox: RecordingTransport) -> None:
    """The aanjager presses 'Plaatsen' on the review request the bot sent them."""
    await DeliveryWorker(app).drain_all()
    aanjager.replies = [outbox.to(aanjager.user)[-1]]
    await aanjager.press("✅ Publiceren")
    assert "Geplaatst" in aanjager.text


def checkin_messages(outbox: RecordingTransport, user: str) -> list[str]:
    return [r.text for r in outbox.to(user) if "Hoe gaat het met je idee" in r.text]


async def test_checkins_fire_at_the_right_local_time_once(app: App, clock: ManualClock,
                                                          outbox: RecordingTransport) -> None:
    chat = await onboard(app, "anna")
    await hand_over(chat)
    dues = [c.due_at for c in planned(app)]
    assert dues == [datetime(2026, 12, 1, 9, tzinfo=UTC), datetime(2026, 12, 24, 9, tzinfo=UTC),
                    datetime(2027, 2, 22, 9, tzinfo=UTC)], "7, 30 and 90 days later at 10:00 Amsterdam time"
    clock.set(datetime(2026, 12, 1, 8, 59, tzinfo=UTC))
    await deliver(app)
    assert checkin_messages(outbox, "anna") == []
    clock.advance(minutes=1)
    await deliver(app)
    await deliver(app)
    expected = 'Hoe gaat het met je idee "Een koffieochtend voor de buren in ons buurthuis"?'
    assert checkin_messages(outbox, "anna") == [expected]
    assert [c.label for c in outbox.to("anna")[-1].choices][:3] == ["👍 Loopt goed", "🆘 Hulp nodig", "🎉 Gelukt!"]


async def test_quiet_hours_move_to_the_morning(app: App, clock: ManualClock) -> None:
    clock.set(datetime(2026, 11, 24, 20, 30, tzinfo=UTC))  # 21:30 in Amsterdam
    chat = await onboard(app, "bob")
    await hand_over(chat)
    assert planned(app)[0].due_at == datetime(2026, 12, 2, 8, 0, tzinfo=UTC), "next day 09:00 local"


async def test_dst_change_does_not_shift_the_local_time(app: App, clock: ManualClock) -> None:
    clock.set(datetime(2027, 3, 22, 9, 0, tzinfo=UTC))  # Monday 10:00 CET; clocks go forward on 28 March
    chat = await onboard(app, "carla")
    await hand_over(chat)
    assert planned(app)[0].due_at == datetime(2027, 3, 29, 8, 0, tzinfo=UTC), "still 10:00, now CEST"


async def test_missed_while_down_is_sent_after_restart_and_only_once(sqlite_url: str, content: Content,
                                                                      clock: ManualClock) -> None:
    first = make_app(sqlite_url, content, clock)
    await hand_over(await onboard(first, "dirk"))
    first.engine.dispose()
    clock.advance(days=12)  # the bot was down when the first check-in was due
    second = make_app(sqlite_url, content, clock)
    await deliver(second)
    await deliver(second)
    outbox = second.transports["console"]
    assert isinstance(outbox, RecordingTransport)
    assert len(checkin_messages(outbox, "dirk")) == 1


async def test_at_most_one_checkin_a_day(app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    chat = await onboard(app, "eva")
    await hand_over(chat, "Een buurtfeest in de straat")
    await hand_over(chat, "Een moestuin op het plein")
    clock.advance(days=7, minutes=1)
    await deliver(app)
    assert len(checkin_messages(outbox, "eva")) == 1
    clock.advance(hours=10)  # 20:01 the same day
    await deliver(app)
    assert len(checkin_messages(outbox, "eva")) == 1, "not twice on one day"
    clock.advance(hours=14)  # 10:01 the next day
    await deliver(app)
    assert len(checkin_messages(outbox, "eva")) == 2


async def test_checkin_waits_a_day_after_news_already_sent_today(app: App, clock: ManualClock,
                                                                 outbox: RecordingTransport) -> None:
    chat = await onboard(app, "frits")
    await hand_over(chat)
    clock.advance(days=7, hours=-1)
    with Session(app.engine) as session:
        user = session.exec(select(User).where(User.external_id == "frits")).one()
        notify(None, session, user, lambda: Reply("Nieuws uit de wijk"), kind="broadcast",
               now=clock.now())
        session.commit()
    await DeliveryWorker(app).drain_all()
    assert [r.text for r in outbox.to("frits")] == ["Nieuws uit de wijk"]
    clock.advance(hours=1)
    await deliver(app)
    assert checkin_messages(outbox, "frits") == [], "the news went out today: the check-in waits"
    clock.advance(days=1)
    await deliver(app)
    assert len(checkin_messages(outbox, "frits")) == 1


async def test_a_checkin_wins_over_news_created_at_the_same_time(app: App, clock: ManualClock,
                                                                 outbox: RecordingTransport) -> None:
    """Counted by sending time, with priorities: a broadcast queued at 22:30 does not push a check-in away."""
    chat = await onboard(app, "frits")
    await hand_over(chat)
    clock.advance(days=7)
    with Session(app.engine) as session:
        user = session.exec(select(User).where(User.external_id == "frits")).one()
        notify(None, session, user, lambda: Reply("Nieuws uit de wijk"), kind="broadcast",
               now=clock.now() - timedelta(hours=1))
        session.commit()
    await deliver(app)
    assert len(checkin_messages(outbox, "frits")) == 1
    assert "Nieuws uit de wijk" not in [r.text for r in outbox.to("frits")]
    clock.advance(days=1)
    await deliver(app)
    assert [r.text for r in outbox.to("frits")][-1] == "Nieuws uit de wijk"


async def test_gelukt_story_shared_with_the_wijk(app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aanjager")
    chat = await first_checkin(app, clock, outbox, "fleur")
    await chat.press("Gelukt")
    assert "Gefeliciteerd" in chat.text
    await chat.send("Twintig buren kwamen koffie drinken en er is nu elke week een ochtend.")
    await chat.press("Ja, deel het")
    assert "/verhalen" in chat.text and "leest het eerst" in chat.text
    await approve_story(app, aanjager, outbox)
    neighbour = await onboard(app, "gijs")
    await neighbour.send("/verhalen")
    assert "Twintig buren kwamen koffie drinken" in neighbour.text and "fleur" not in neighbour.text
    with Session(app.engine) as session:
        assert session.exec(select(Story)).one().shared
        assert "share_story" in {c.purpose for c in session.exec(select(Consent))}
        assert session.exec(select(Idea)).one().status == "done"
    assert {c.status for c in planned(app)} == {"answered", "cancelled"}
    chat.replies = [outbox.to("fleur")[-1]]
    await chat.press("Gelukt")
    assert "al beantwoord" in chat.text


async def test_hulp_nodig_leads_to_a_new_contact(app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    chat = await first_checkin(app, clock, outbox, "hanna")
    await chat.press("Hulp nodig")
    assert "Wat heb je nodig" in chat.text
    await chat.press("Geld")
    await chat.press("Klaar")
    assert "Welke hulp wil je?" in chat.text
    await chat.press("Iets van een organisatie")
    assert "wijkbudget" in chat.text, "a need for money first gets the wijk's budget route"
    await chat.send("de buren samen")
    assert "Deze mensen kunnen je verder helpen" in chat.text
    assert any("Wijkmanager" in label or "Adviseur" in label for label in chat.labels)
    with Session(app.engine) as session:
        earlier = {h.contact_id for h in session.exec(select(Handover))}
    offered = [c.data.split(":")[-1] for c in chat.replies[-1].choices if not c.data.endswith(":done")]
    assert earlier and not earlier & set(offered), "someone it did not go to before"


async def test_stopped_asks_what_would_have_helped(app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    chat = await first_checkin(app, clock, outbox, "ivo")
    await chat.press("Gestopt")
    assert "wat had je geholpen" in chat.text
    await chat.send("Meer handen")
    with Session(app.engine) as session:
        assert [c.note for c in session.exec(select(CheckIn)) if c.note] == ["Meer handen"]
    assert {c.status for c in planned(app)} == {"answered", "cancelled"}


async def test_forged_checkin_button_is_refused(app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    chat = await onboard(app, "jan")
    await hand_over(chat)
    intruder = await onboard(app, "kees")
    checkin_id = planned(app)[0].id
    await intruder.press_data(f"!ci:done:{checkin_id}")
    assert "niet iets wat jij kunt doen" in intruder.text
    assert planned(app)[0].status == "planned"


async def test_blocked_user_gets_no_more_checkins(app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    chat = await onboard(app, "lotte")
    await hand_over(chat)
    outbox.blocked.add("lotte")
    clock.advance(days=7)
    await deliver(app)
    clock.advance(days=90)
    await deliver(app)
    assert [c.status for c in planned(app)] == ["sent", "cancelled", "cancelled"]


def test_two_workers_on_postgres_send_each_checkin_once(postgres_url: str, content: Content,
                                                        clock: ManualClock) -> None:
    apps = [make_app(postgres_url, content, clock) for _ in range(2)]
    now = clock.now()
    with Session(apps[0].engine) as session:
        session.execute(insert(User), [
            {"transport": "console", "external_id": f"p{n}", "chat_id": f"p{n}", "locale": "nl", "wijk_id": "de-nude",
             "role": "resident", "muted": False, "unreachable": False, "consent_decided": True, "onboarded": True,
             "created_at": now, "last_seen_at": now} for n in range(1000)])
        users = session.exec(select(User.id)).all()
        session.execute(insert(Idea), [{"user_id": u, "wijk_id": "de-nude", "text": f"idee {u}", "themes": [],
                                        "has": "", "knows": "", "needs": [], "status": "handed_over",
                                        "created_at": now, "updated_at": now} for u in users])
        ideas = session.exec(select(Idea.id, Idea.user_id)).all()
        session.execute(insert(CheckIn), [{"user_id": u, "idea_id": i, "due_at": now - timedelta(minutes=1),
                                           "status": "planned"} for i, u in ideas])
        session.commit()

    def worker(app: App) -> None:
        async def loop() -> None:
            for _ in range(20):
                await checkins.send_due(app)
        asyncio.run(loop())

    threads = [threading.Thread(target=worker, args=(a,)) for a in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with Session(apps[0].engine) as session:
        sent = session.exec(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.kind == "checkin")).one()
        distinct = session.exec(select(func.count(func.distinct(OutboxMessage.ref)))).one()
        left = session.exec(select(func.count()).select_from(CheckIn).where(CheckIn.status == "planned")).one()
    for app in apps:
        app.engine.dispose()
    assert (sent, distinct, left) == (1000, 1000, 0)


async def gelukt_on_telegram(app: App, clock: ManualClock, user: str) -> Chat:
    """A Telegram user whose idea was handed over a week ago, who just answered 'gelukt!'."""
    telegram = app.transports.setdefault("telegram", RecordingTransport("telegram"))
    assert isinstance(telegram, RecordingTransport)
    chat = await onboard(app, user, transport="telegram")
    await hand_over(chat)
    clock.advance(days=7)
    await deliver(app)
    chat.replies = [telegram.to(user)[-1]]
    await chat.press("Gelukt")
    return chat


def refs_of(session: Session, media_id: int | None) -> dict[str, str] | None:
    """The platform references of a kept photo (a recording transport cannot fetch it: reference only)."""
    media = session.get(Media, media_id) if media_id is not None else None
    return media.refs if media is not None else None


def photo_from(user: str, ref: str, caption: str = "") -> Incoming:
    return Incoming("telegram", user, user, Kind.PHOTO, photo=ref, text=caption)


async def test_story_photo_on_telegram_reaches_the_wijk(app: App, clock: ManualClock,
                                                        outbox: RecordingTransport) -> None:
    chat = await gelukt_on_telegram(app, clock, "1001")
    telegram = app.transports["telegram"]
    assert isinstance(telegram, RecordingTransport)
    await chat.send("De hele straat deed mee met de plantjesruil.")
    assert "Heb je er een foto van?" in chat.text
    await chat.send("hier komt ie")
    assert "begreep ik niet" in chat.text and chat.labels == ["Geen foto"]
    await chat.event(photo_from("1001", "AgAD-plantjes"))
    assert "Mag ik je verhaal delen" in chat.text
    await chat.press("Ja, deel het")
    with Session(app.engine) as session:
        story = session.exec(select(Story)).one()
        assert story.photo_id is not None and refs_of(session, story.photo_id) == {"telegram": "AgAD-plantjes"}
        photo = Photo(story.photo_id)
    aanjager = await make_aanjager(app, "aanjager")
    await aanjager.send("/beoordelen")
    assert aanjager.replies[-1].photo == photo and "niemand op de foto staat" in aanjager.text, \
        "the aanjager sees the photo before it is public"
    await aanjager.send("ja")

    # a photo where none is asked for gets the friendly 'text only' answer, and the conversation goes on
    on_telegram = await onboard(app, "1002", transport="telegram")
    await on_telegram.event(Incoming("telegram", "1002", "1002", Kind.PHOTO, photo="AgAD-stray"))
    assert "Foto's kan ik niet lezen" in on_telegram.text
    await on_telegram.send("/verhalen")
    [listing, with_photo] = on_telegram.replies
    assert "plantjesruil" not in listing.text
    assert with_photo.photo == photo and "plantjesruil" in with_photo.text
    on_console = await onboard(app, "karel")
    await on_console.send("/verhalen")
    assert len(on_console.replies) == 1 and "plantjesruil" in on_console.text, "text only where the photo can't go"

    await aanjager.send("/omroep")
    await aanjager.press("De hele straat deed mee met de plantjes…")
    await aanjager.press("Versturen")
    await DeliveryWorker(app).drain_all()
    [news] = telegram.to("1002")
    assert news.photo == photo and "plantjesruil" in news.text
    assert "plantjesruil" in outbox.to("karel")[-1].text


async def test_story_sent_as_a_photo_with_caption_needs_no_photo_question(app: App, clock: ManualClock) -> None:
    chat = await gelukt_on_telegram(app, clock, "2001")
    await chat.event(photo_from("2001", "AgAD-cap", "Onze geveltuin staat er prachtig bij!"))
    assert "Mag ik je verhaal delen" in chat.text
    await chat.press("Nee, houd het")
    with Session(app.engine) as session:
        story = session.exec(select(Story)).one()
        assert (story.text, refs_of(session, story.photo_id), story.shared) == (
            "Onze geveltuin staat er prachtig bij!", {"telegram": "AgAD-cap"}, False)


async def test_photo_first_then_the_story_or_no_photo_at_all(app: App, clock: ManualClock) -> None:
    first = await gelukt_on_telegram(app, clock, "3001")
    await first.event(photo_from("3001", "AgAD-first"))
    assert "Wat een mooie foto" in first.text and "Foto's kan ik niet" not in first.text
    await first.send("Het speelveld is opgeknapt.")
    assert "Mag ik je verhaal delen" in first.text, "the photo is kept; no question about it"
    second = await gelukt_on_telegram(app, clock, "3002")
    await second.send("We hebben een buurtbieb!")
    await second.press("Geen foto")
    assert "Mag ik je verhaal delen" in second.text
    third = await gelukt_on_telegram(app, clock, "3003")
    await third.send("De straat is autovrij op zondag.")
    await third.send("Nee!")
    assert "Mag ik je verhaal delen" in third.text, "a typed no is an answer too"
    with Session(app.engine) as session:
        stories = {s.text: refs_of(session, s.photo_id) for s in session.exec(select(Story))}
    assert stories == {"Het speelveld is opgeknapt.": {"telegram": "AgAD-first"}, "We hebben een buurtbieb!": None,
                       "De straat is autovrij op zondag.": None}


async def test_a_typed_number_answers_the_checkin_just_received(app: App, clock: ManualClock,
                                                                outbox: RecordingTransport) -> None:
    chat = await first_checkin(app, clock, outbox, "ivo")
    await chat.send("1")
    assert "Fijn" in chat.text, "'1' is the first option of the check-in, not of an earlier question"
    assert {c.answer for c in planned(app)} == {"good", None}


async def test_what_would_have_helped_reaches_the_aanjager_without_a_name(app: App, clock: ManualClock,
                                                                          outbox: RecordingTransport) -> None:
    await make_aanjager(app, "aanjager")
    chat = await first_checkin(app, clock, outbox, "ivo")
    await chat.press("Gestopt")
    await chat.send("Meer handen op zaterdag")
    clock.set(clock.now().replace(hour=17, minute=5))  # 18:05 in Amsterdam
    await deliver(app)
    [digest] = [r.text for r in outbox.to("aanjager") if r.text.startswith("Je overzicht")]
    assert "had geholpen" in digest and "Meer handen op zaterdag" in digest and "ivo" not in digest
