"""Aanjagers: roles, activities with RSVP, reminders, cancelling, broadcasts; places to meet; dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlmodel import Session, select

from bot.cli import main
from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.events import Reply
from bot.core.scheduling import run_due_jobs
from bot.core.transport import RetryLater
from bot.infra.clock import ManualClock
from bot.infra.crud import invites as invites_crud
from bot.infra.models import AanjagerWijk, Activity, Broadcast, InviteKind, OutboxMessage, Rsvp
from bot.understanding.dates import could_be_evening, parse, parse_clock, parse_day, parse_when
from tests.support import Chat, RecordingTransport, onboard

AMS = ZoneInfo("Europe/Amsterdam")


async def make_aanjager(app: App, name: str, wijk: str = "presikhaaf") -> Chat:
    chat = await onboard(app, name, wijk=wijk)
    with Session(app.engine) as session:
        code = invites_crud.create_invite(session, kind=InviteKind.AANJAGER, target=wijk, now=app.clock.now(),
                                          valid_for=timedelta(days=7)).code
        session.commit()
    await chat.send(f"/aanjager {code}")
    assert "Welkom, aanjager" in chat.text
    return chat


async def create_activity(chat: Chat, when: str = "za 12 dec 10:00", *,
                          title: str = "Koffieochtend <b>voor iedereen</b>", helpers: str = "Ja, helpers welkom",
                          repeat: str = "Eenmalig", capacity: str = "geen") -> int:
    await chat.send("/nieuweactiviteit")
    await chat.send(title)
    await chat.press("Geen beschrijving")
    await chat.send(when)
    await chat.press("Wijkcentrum")
    await chat.press(helpers)
    await chat.send(capacity)
    await chat.press(repeat)
    await chat.press("Publiceren")
    assert "Gepubliceerd" in chat.text
    return int(chat.find("Afgelasten").data.split(":")[-1])


def table(app: App, model: type) -> list:  # type: ignore[type-arg]
    with Session(app.engine) as session:
        return list(session.exec(select(model)))


@pytest.mark.parametrize(("text", "expected"), [
    ("za 12 dec 10:00", datetime(2026, 12, 12, 9, 0, tzinfo=UTC)),
    ("morgen 19:30", datetime(2026, 11, 25, 18, 30, tzinfo=UTC)),
    ("14-12 10:00", datetime(2026, 12, 14, 9, 0, tzinfo=UTC)),
    ("tomorrow 7pm", datetime(2026, 11, 25, 18, 0, tzinfo=UTC)),
    ("3 maart 2027 9:30", datetime(2027, 3, 3, 8, 30, tzinfo=UTC)),
    ("zo 12 dec 10:00", None),  # 12 December is a Saturday
    ("31-02 10:00", None),
    ("volgende week", None),
    ("volgende week dinsdag om 8 uur 's avonds", datetime(2026, 12, 1, 19, 0, tzinfo=UTC)),
    ("morgen om half 8", datetime(2026, 11, 25, 6, 30, tzinfo=UTC)),
    ("morgen om half 8 's avonds", datetime(2026, 11, 25, 18, 30, tzinfo=UTC)),
    ("morgen 19u30", datetime(2026, 11, 25, 18, 30, tzinfo=UTC)),
    ("next Saturday 10am", datetime(2026, 11, 28, 9, 0, tzinfo=UTC)),
    ("sat 10:00", datetime(2026, 11, 28, 9, 0, tzinfo=UTC)),
    ("zaterdag 10 uur", datetime(2026, 11, 28, 9, 0, tzinfo=UTC)),
    ("kwart over 7 morgen", datetime(2026, 11, 25, 6, 15, tzinfo=UTC)),
    ("december 12 7pm", datetime(2026, 12, 12, 18, 0, tzinfo=UTC)),
    ("tomorrow at 7:30 pm", datetime(2026, 11, 25, 18, 30, tzinfo=UTC)),
    ("tomorrow 7.30pm", datetime(2026, 11, 25, 18, 30, tzinfo=UTC)),
    ("13:30 pm", None),
    ("zaterdg 10:00", datetime(2026, 11, 28, 9, 0, tzinfo=UTC)),
    ("volgnde week dinsdag 19u30", datetime(2026, 12, 1, 18, 30, tzinfo=UTC)),
    ("morgenavond 8 uur", datetime(2026, 11, 25, 19, 0, tzinfo=UTC)),
    ("zaterdagochtend om 10", datetime(2026, 11, 28, 9, 0, tzinfo=UTC)),
    ("saturday at 10", datetime(2026, 11, 28, 9, 0, tzinfo=UTC)),
    ("a.s. zondag 14:00", datetime(2026, 11, 29, 13, 0, tzinfo=UTC)),
    ("zaterdag aanstaande 10:00", datetime(2026, 11, 28, 9, 0, tzinfo=UTC)),
    ("zondag van 10 tot 12:30", datetime(2026, 11, 29, 9, 0, tzinfo=UTC)),
    ("zondag van 2 tot 4", datetime(2026, 11, 29, 13, 0, tzinfo=UTC)),
    ("zondag 13.00u", datetime(2026, 11, 29, 12, 0, tzinfo=UTC)),
    ("elke woensdag 19:30", datetime(2026, 11, 25, 18, 30, tzinfo=UTC)),
    ("morgen tussen 10 en 12", datetime(2026, 11, 25, 9, 0, tzinfo=UTC)),
    ("om 20:00 op vrijdag", datetime(2026, 11, 27, 19, 0, tzinfo=UTC)),
])
def test_dates_as_people_type_them(text: str, expected: datetime | None) -> None:
    assert parse_when(text, now=datetime(2026, 11, 24, 9, tzinfo=UTC), tz=AMS) == expected


def test_a_range_gives_an_end_time_and_a_past_date_is_not_moved_silently() -> None:
    now = datetime(2026, 11, 24, 9, tzinfo=UTC)
    when = parse("za 10:00-12:00", now=now, tz=AMS)
    assert when is not None and when.starts_at == datetime(2026, 11, 28, 9, tzinfo=UTC)
    assert when.ends_at == datetime(2026, 11, 28, 11, tzinfo=UTC)
    past = parse("20-11 10:00", now=now, tz=AMS)
    assert past is not None and past.passed and past.starts_at == datetime(2026, 11, 20, 9, tzinfo=UTC)
    assert past.next_year(AMS).starts_at == datetime(2027, 11, 20, 9, tzinfo=UTC)
    assert parse_clock("19u30") == (time(19, 30), None)
    assert parse_clock("10:00-12:00") == (time(10), time(12))
    assert parse_clock("morgen 19:30") is None


async def test_activity_rsvp_calendar_reminder_and_cancel(app: App, clock: ManualClock,
                                                          outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aanjager")
    await aanjager.send("/nieuweactiviteit")
    await aanjager.send("Koffieochtend")
    await aanjager.send("Koffie, thee en een praatje")
    await aanjager.send("zo 12 dec 10:00")
    assert "dag klopt niet" in aanjager.text
    await aanjager.send("gisteren")
    assert "niet lezen" in aanjager.text
    await aanjager.press("za 28 nov")  # a day from the buttons, then the time
    await aanjager.send("19:30")
    await aanjager.send("terug")
    await aanjager.send("za 12 dec 10:00")
    await aanjager.press("Wijkcentrum")
    await aanjager.press("Nee")
    await aanjager.send("geen")
    await aanjager.press("Eenmalig")
    assert "zaterdag 12 december 10:00" in aanjager.text and "Wijkcentrum" in aanjager.text
    await aanjager.press("Aanpassen")
    await aanjager.press("Titel")
    await aanjager.send("Koffieochtend in het wijkcentrum")
    assert "Zo zien bewoners van Presikhaaf het" in aanjager.text
    assert "Koffieochtend in het wijkcentrum" in aanjager.text
    await aanjager.press("Publiceren")

    resident = await onboard(app, "bewoner")
    await resident.send("/activiteiten")
    assert "Koffieochtend in het wijkcentrum" in resident.text
    await resident.press("Ik kom")
    come = resident.find("Laat mijn naam zien", resident.replies)
    await resident.send("/activiteiten")
    await resident.press("Ik kom")  # a double tap changes nothing
    assert len(table(app, Rsvp)) == 1
    await resident.press_data(come.data)
    await resident.send("/activiteiten")
    await resident.press("agenda")
    [reply] = resident.replies
    assert reply.attachment is not None and reply.attachment.mime_type == "text/calendar"
    [event] = Calendar.from_ical(reply.attachment.content).walk("VEVENT")
    assert event.decoded("dtstart") == datetime(2026, 12, 12, 10, tzinfo=AMS)
    assert "DTSTART;TZID=Europe/Amsterdam:20261212T100000" in reply.attachment.content.decode()
    assert str(event["summary"]) == "Koffieochtend in het wijkcentrum" and "rrule" not in event

    await aanjager.send("/mijnactiviteiten")
    assert "1 komt, 0 misschien, 0 helpen" in aanjager.text
    clock.set(datetime(2026, 11, 24, 17, 5, tzinfo=UTC))  # 18:05 in Amsterdam
    await run_due_jobs(app)
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()
    digests = [r.text for r in outbox.to("aanjager") if r.text.startswith("Je overzicht")]
    assert len(digests) == 1 and "Koffieochtend in het wijkcentrum" in digests[0] and "< 5 komen" in digests[0]

    clock.set(datetime(2026, 12, 11, 7, 0, tzinfo=UTC))  # 08:00 the day before: quiet hours
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()
    assert not [r for r in outbox.to("bewoner") if "Herinnering" in r.text]
    clock.set(datetime(2026, 12, 11, 9, 0, tzinfo=UTC))
    await run_due_jobs(app)
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()
    assert len([r for r in outbox.to("bewoner") if "Herinnering: morgen is Koffieochtend" in r.text]) == 1

    await aanjager.send("/mijnactiviteiten")
    await aanjager.press("Aanpassen")
    await aanjager.press("Datum en tijd")
    await aanjager.send("za 12 dec 11:00")
    assert "zaterdag 12 december 11:00" in aanjager.text
    await aanjager.press("Wijziging opslaan")
    assert "Gewijzigd" in aanjager.text
    await DeliveryWorker(app).drain_all()
    assert outbox.to("bewoner")[-1].text.startswith("Gewijzigd: Koffieochtend in het wijkcentrum")
    assert "11:00" in outbox.to("bewoner")[-1].text
    await aanjager.send("/mijnactiviteiten")
    await aanjager.press("Afgelasten")
    assert "de 1 persoon die reageerde" in aanjager.text
    await DeliveryWorker(app).drain_all()
    assert "Afgelast: Koffieochtend in het wijkcentrum" in outbox.to("bewoner")[-1].text
    await resident.send("/activiteiten")
    assert "nog geen extra activiteiten" in resident.text  # only the weekly ones from content remain
    assert "Koffieochtend in het wijkcentrum" not in resident.text


async def test_broadcast_reaches_subscribers_of_the_wijk_in_their_language(app: App,
                                                                          outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aanjager")
    await onboard(app, "nl-buur")
    await onboard(app, "en-buur", locale="en")
    muted = await onboard(app, "stil")
    await muted.send("/stop")
    await onboard(app, "elders", wijk="de-nude")
    await aanjager.send("/omroep")
    await aanjager.send("Zaterdag <b>schoonmaakactie</b> *samen*!")
    assert "Dit sturen naar 2 bewoners van Presikhaaf?" in aanjager.text
    await aanjager.press("Versturen")
    assert "Onderweg naar 2 bewoners" in aanjager.text
    await DeliveryWorker(app).drain_all()
    expected = "📣 Nieuws uit je wijk Presikhaaf:\n\nZaterdag <b>schoonmaakactie</b> *samen*!"
    assert outbox.to("nl-buur")[-1].text == expected
    assert outbox.to("en-buur")[-1].text.startswith("📣 News from your neighbourhood Presikhaaf:")
    assert outbox.to("stil") == [] and outbox.to("elders") == [] and outbox.to("aanjager") == []
    [record] = table(app, Broadcast)
    assert record.recipients == 2


async def test_announcing_an_activity_carries_rsvp_buttons(app: App, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aanjager")
    resident = await onboard(app, "bewoner", locale="en")
    await create_activity(aanjager)
    await aanjager.press("Omroepen")
    assert "Dit sturen naar 1 bewoner van Presikhaaf?" in aanjager.text
    await aanjager.press("Versturen")
    await DeliveryWorker(app).drain_all()
    message = outbox.to("bewoner")[-1]
    assert "Koffieochtend <b>voor iedereen</b>" in message.text
    resident.replies = [message]
    await resident.press("I'm coming")
    assert "see you there" in resident.text


async def test_permission_matrix(app: App) -> None:
    owner = await make_aanjager(app, "aanjager")
    activity_id = await create_activity(owner)
    other = await make_aanjager(app, "andere-aanjager", wijk="de-nude")
    resident = await onboard(app, "bewoner")
    with Session(app.engine) as session:
        weekly = session.get(Activity, activity_id)
        assert weekly is not None
        weekly.weekly, weekly.series_id = True, activity_id
        session.commit()

    def snapshot() -> tuple[object, ...]:
        with Session(app.engine) as session:
            activity = session.get(Activity, activity_id)
            assert activity is not None
            return (activity.cancelled, activity.weekly, activity.title, len(list(session.exec(select(OutboxMessage)))),
                    len(list(session.exec(select(Broadcast)))), len(list(session.exec(select(AanjagerWijk)))))

    before = snapshot()
    for chat in (resident, other):
        for command in ("/nieuweactiviteit", "/omroep", "/mijnactiviteiten"):
            if chat is other:
                continue  # an aanjager of De Nude may use these for De Nude, not for Presikhaaf (below)
            await chat.send(command)
            assert "voor de aanjagers" in chat.text, (chat.user, command)
        for forged in (f"!act:cancel:{activity_id}", f"!act:announce:{activity_id}", f"!act:announce_go:{activity_id}",
                       f"!act:msg:{activity_id}", f"!act:who:{activity_id}",
                       f"!act:write:{activity_id}:1", f"!act:count:{activity_id}",
                       f"!act:edit:{activity_id}", f"!act:stop:{activity_id}", "!act:cancel:x",
                       "broadcast:confirm:send", "activity:preview:confirm"):
            await chat.press_data(forged)
            assert "niet iets wat jij kunt doen" in chat.text or "eerdere vraag" in chat.text \
                or "niet meer actief" in chat.text, (chat.user, forged, chat.text)
    await resident.send("/aanjager NEPCODE1")
    assert "onbekend" in resident.text or "ken ik niet" in resident.text
    assert snapshot() == before


async def test_places_in_plain_words(app: App) -> None:
    chat = await onboard(app, "anna")
    await chat.send("Waar kan ik mensen ontmoeten?")
    assert "Plekken om elkaar te ontmoeten in Presikhaaf" in chat.text
    assert "Koffieochtend: elke dinsdag, 10:00–11:30" in chat.text
    english = await onboard(app, "bob", locale="en")
    await english.send("/plekken")
    assert "Coffee morning: every Tuesday, 10:00–11:30" in english.text


async def test_rate_limit_pause_then_everything_arrives(app: App, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aanjager")
    for n in range(5):
        await onboard(app, f"buur{n}")

    class Throttled(RecordingTransport):
        refused = 0

        async def send(self, chat_id: str, reply: Reply) -> None:
            if self.refused == 0:
                self.refused += 1
                raise RetryLater(0.2)
            await super().send(chat_id, reply)

    throttled = Throttled()
    app.transports["console"] = throttled
    await aanjager.send("/omroep")
    await aanjager.send("Hallo buren")
    await aanjager.press("Versturen")
    worker = DeliveryWorker(app)
    await worker.drain_all()
    app.clock.advance(seconds=1)  # type: ignore[attr-defined]
    await worker.drain_all()
    assert sorted(chat for chat, _ in throttled.sent) == [f"buur{n}" for n in range(5)]


def test_admin_cli(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'admin.sqlite3'}"
    assert main(["admin", "invite", "--wijk", "bloemenbuurt", "--db", url]) == 0
    assert "/aanjager " in capsys.readouterr().out
    assert main(["admin", "add-aanjager", "--user", "telegram:1", "--wijk", "bloemenbuurt", "--db", url]) == 2
    assert main(["admin", "invite", "--wijk", "nergens", "--db", url]) == 2
    assert main(["admin", "list", "--db", url]) == 0


async def test_weekly_activity_goes_on_at_the_same_local_time_until_stopped(app: App, clock: ManualClock,
                                                                           outbox: RecordingTransport) -> None:
    clock.set(datetime(2027, 3, 15, 12, tzinfo=UTC))
    aanjager = await make_aanjager(app, "aanjager")
    await create_activity(aanjager, "di 23 mrt 10:00", title="Koffieochtend", helpers="Nee", repeat="Elke week")
    [preview] = [r.text for r in aanjager.history if r.text.startswith("Zo zien bewoners")]
    assert "🔁 Elke dinsdag" in preview
    resident = await onboard(app, "bewoner", locale="en")
    await resident.send("/activiteiten")
    assert "🔁 Every Tuesday" in resident.text
    await resident.press("I'm coming")
    await resident.send("/activiteiten")
    await resident.press("calendar")
    [event] = Calendar.from_ical(resident.replies[0].attachment.content).walk("VEVENT")  # type: ignore[union-attr]
    assert event.decoded("dtstart") == datetime(2027, 3, 23, 10, tzinfo=AMS)
    assert event["rrule"].to_ical() == b"FREQ=WEEKLY;COUNT=12", "a bounded rule, in local time across DST"
    assert event["uid"] == f"activity-{min(a.id for a in table(app, Activity))}@wijkgids"

    await run_due_jobs(app)
    assert len(table(app, Activity)) == 1, "the next date comes when this one is less than 6 days away"
    clock.set(datetime(2027, 3, 17, 12, tzinfo=UTC))
    await run_due_jobs(app)
    await run_due_jobs(app)
    first, second = sorted(table(app, Activity), key=lambda a: a.starts_at)
    assert second.starts_at == datetime(2027, 3, 30, 8, tzinfo=UTC), "10:00 CEST: summer time began on the 28th"
    assert (first.weekly, second.weekly, second.series_id) == (False, True, first.id)
    assert sorted((r.activity_id, r.answer) for r in table(app, Rsvp)) == [(first.id, "come"), (second.id, "come")], \
        "the answer carries over to the next date"
    await DeliveryWorker(app).drain_all()
    assert "Koffieochtend is on again Tuesday 30 March 10:00" in outbox.to("bewoner")[-1].text
    await resident.send("/activiteiten")
    assert "Tuesday 23 March 10:00" in resident.text and "Tuesday 30 March 10:00" in resident.text
    assert "Next dates: 6 Apr, 13 Apr, 20 Apr" in resident.text

    resident.replies = [outbox.to("bewoner")[-1]]
    await resident.press("can't make it")
    assert "still on the list" in resident.text
    clock.set(datetime(2027, 3, 23, 9, tzinfo=UTC))  # the first date starts
    await aanjager.send("/mijnactiviteiten")
    assert "0 komen, 0 misschien, 0 helpen, 1 kan toch niet" in aanjager.text
    await aanjager.press("Afgelasten")
    assert "Alleen deze keer: dinsdag 6 april 10:00 is het er weer" in aanjager.text
    stop = aanjager.find("Stop met herhalen")
    await resident.send("/activiteiten")
    assert "Tuesday 6 April 10:00" in resident.text, "after cancelling one week the next date is shown"
    third = max(table(app, Activity), key=lambda a: a.starts_at)
    assert [a.cancelled for a in sorted(table(app, Activity), key=lambda a: a.starts_at)] == [False, True, False]
    assert (third.starts_at, third.cancelled, third.weekly) == (datetime(2027, 4, 6, 8, tzinfo=UTC), False, True)
    assert [r.answer for r in table(app, Rsvp) if r.activity_id == third.id] == ["come"], \
        "'not this time' falls back to the earlier answer"

    await aanjager.press_data(stop.data)  # an older button still stops the series where it is now
    assert "wordt na dinsdag 6 april 10:00 niet meer herhaald" in aanjager.text
    clock.set(datetime(2027, 4, 6, 9, tzinfo=UTC))
    await run_due_jobs(app)
    assert len(table(app, Activity)) == 3


async def test_weekly_series_after_weeks_of_downtime_resumes_in_the_future(any_db_app: App, clock: ManualClock) -> None:
    with Session(any_db_app.engine) as session:
        session.add(Activity(wijk_id="presikhaaf", title="Buurtinloop", starts_at=datetime(2026, 12, 1, 13, tzinfo=UTC),
                             weekly=True, series_id=None, created_at=clock.now()))
        session.commit()
    clock.set(datetime(2026, 12, 20, 12, tzinfo=UTC))
    await run_due_jobs(any_db_app)
    old, new = sorted(table(any_db_app, Activity), key=lambda a: a.starts_at)
    assert new.starts_at == datetime(2026, 12, 22, 13, tzinfo=UTC) and new.series_id == old.id


async def test_a_broadcast_in_the_quiet_hours_waits_for_the_morning(app: App, clock: ManualClock,
                                                                   outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aanjager")
    await onboard(app, "buur")
    clock.set(datetime(2026, 11, 24, 21, 30, tzinfo=UTC))  # 22:30 in Amsterdam
    await aanjager.send("/omroep")
    await aanjager.send("Morgen koffie in De Stek!")
    await aanjager.press("Versturen")
    assert "Het gaat naar 1 bewoner op woensdag 25 november 09:00, na de stille uren." in aanjager.text
    await DeliveryWorker(app).drain_all()
    assert outbox.to("buur") == [], "nobody's phone buzzes at night"
    clock.set(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))  # 09:00
    await DeliveryWorker(app).drain_all()
    assert outbox.to("buur")[-1].text.endswith("Morgen koffie in De Stek!")


@pytest.mark.parametrize(("text", "ask"), [
    ("morgen half 8", True), ("8 uur", True), ("saturday at 8", True), ("kwart voor 9", True),
    ("morgen half 8 's avonds", False), ("morgenavond 8 uur", False), ("19:30", False), ("7:30", False),
    ("8pm", False), ("zaterdag 10 uur", False), ("om 3", False), ("van 7 tot 9", False), ("19u30", False),
])
def test_a_spoken_hour_that_could_be_morning_or_evening_is_asked(text: str, ask: bool) -> None:
    assert could_be_evening(text) is ask


@pytest.mark.parametrize(("text", "day"), [
    ("zaterdag", date(2026, 11, 28)), ("volgnde week vrijdag", date(2026, 12, 4)), ("12 dec", date(2026, 12, 12)),
    ("morgen", date(2026, 11, 25)), ("zaterdag 10:00", None), ("gisteren", None), ("20-11", None), ("hallo", None),
])
def test_only_a_day_is_read_as_a_day(text: str, day: date | None) -> None:
    assert parse_day(text, now=datetime(2026, 11, 24, 9, tzinfo=UTC), tz=AMS) == day
