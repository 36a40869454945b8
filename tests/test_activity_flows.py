"""Activities as aanjagers and residents really use them: typed answers and buttons, in Dutch and English."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from sqlmodel import Session, select

from bot.cli import main
from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.events import Incoming, Kind
from bot.core.scheduling import run_due_jobs
from bot.infra.clock import ManualClock
from bot.infra.crud import invites as invites_crud
from bot.infra.models import AanjagerWijk, Activity, Broadcast, InviteKind, Rsvp
from tests.support import Chat, RecordingTransport, onboard
from tests.test_activities import create_activity, make_aanjager, table


async def make_aanjager_of(app: App, name: str, wijken: str, *, locale: str = "nl") -> Chat:
    chat = await onboard(app, name, wijk=wijken.split(",")[0], locale=locale)
    with Session(app.engine) as session:
        code = invites_crud.create_invite(session, kind=InviteKind.AANJAGER, target=wijken, now=app.clock.now(),
                                          valid_for=timedelta(days=7)).code
        session.commit()
    await chat.send(f"/aanjager {code}")
    return chat


async def test_an_aanjager_of_two_wijken_chooses_the_wijk_and_sees_its_places(app: App) -> None:
    both = await make_aanjager_of(app, "twee", "presikhaaf,de-nude")
    await both.send("/nieuweactiviteit")
    assert "Voor welke wijk" in both.text
    await both.send("de nuude")  # typed, lower case, a typo
    await both.send("Buurtsoep")
    await both.send("geen")
    await both.send("za 12 dec 17:00-19:00")
    assert "Kies een plek in De Nude" in both.text
    assert both.find("Schoolplein").label and "Park Presikhaaf" not in [c.label for r in both.replies
                                                                          for c in r.choices]
    await both.press("Schoolplein")
    await both.send("nee")
    await both.send("20")
    await both.send("eenmalig")
    assert "Zo zien bewoners van De Nude het" in both.text
    assert "zaterdag 12 december 17:00–19:00" in both.text and "Plek voor 20 mensen" in both.text
    await both.send("ja")
    assert "Gepubliceerd" in both.text
    [activity] = table(app, Activity)
    assert activity.wijk_id == "de-nude" and activity.capacity == 20 and activity.description == ""
    assert activity.ends_at == datetime(2026, 12, 12, 18, tzinfo=UTC)


async def test_two_aanjagers_of_different_wijken_see_only_their_own(app: App) -> None:
    presikhaaf = await make_aanjager(app, "piet")
    nude = await make_aanjager(app, "nora", wijk="de-nude")
    await create_activity(presikhaaf, title="Koffie in Presikhaaf")
    await nude.send("/mijnactiviteiten")
    assert "Koffie in Presikhaaf" not in nude.text and "Geen komende activiteiten" in nude.text
    resident = await onboard(app, "ria", wijk="de-nude")
    await resident.send("/activiteiten")
    assert "Koffie in Presikhaaf" not in resident.text


async def test_typed_dates_and_a_past_date_asks_about_next_year(app: App) -> None:
    aanjager = await make_aanjager(app, "aan")
    await aanjager.send("/nieuweactiviteit")
    await aanjager.send("Buurtborrel")
    await aanjager.send("Een drankje met de buren")
    await aanjager.send("20-11 10:00")
    assert "Die datum is dit jaar al geweest. Bedoel je zaterdag 20 november 2027 10:00?" in aanjager.text
    await aanjager.send("nee")
    assert "Wanneer is het?" in aanjager.text
    await aanjager.send("volgende week dinsdag om 8 uur 's avonds")
    await aanjager.send("terug")
    await aanjager.send("morgen om half 8 's avonds")
    await aanjager.send("terug")
    await aanjager.press("do 26 nov")
    await aanjager.send("19u30")
    await aanjager.press("Park")
    await aanjager.press("Nee")
    await aanjager.send("geen")
    await aanjager.press("Eenmalig")
    assert "donderdag 26 november 19:30" in aanjager.text and "2026" not in aanjager.text


async def test_a_date_next_year_shows_the_year_in_english(app: App) -> None:
    aanjager = await make_aanjager_of(app, "ann", "presikhaaf", locale="en")
    await aanjager.send("/newactivity")
    await aanjager.send("Spring clean-up")
    await aanjager.press("No description")
    await aanjager.send("20-11 10:00")
    assert "Do you mean Saturday 20 November 2027 10:00?" in aanjager.text
    await aanjager.send("yes")
    assert "Where?" in aanjager.text
    await aanjager.send("next Saturday 10am")  # not a place: it is typed as an address, which is fine
    await aanjager.send("no")
    await aanjager.send("no limit")
    await aanjager.send("once")
    assert "Saturday 20 November 2027 10:00" in aanjager.text


async def test_capacity_waiting_list_moving_up_and_counts(app: App, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aan")
    await create_activity(aanjager, capacity="geen")
    with Session(app.engine) as session:
        [activity] = session.exec(select(Activity)).all()
        activity.capacity = 1
        session.commit()
    first = await onboard(app, "eerste")
    second = await onboard(app, "tweede", locale="en")
    await first.send("/activiteiten")
    assert "Plek voor 1 persoon" in first.text
    await first.press("Ik kom")
    await second.send("/activities")
    assert "Full: you can join the waiting list" in second.text
    await second.press("I'm coming")
    assert "waiting list" in second.text
    await aanjager.send("/mijnactiviteiten")
    assert "1 komt, 0 misschien, 0 helpen, 1 op de wachtlijst" in aanjager.text
    await first.send("/activiteiten")
    await first.press("Ik kan toch niet")
    assert "Fijn dat je het laat weten" in first.text
    await DeliveryWorker(app).drain_all()
    assert "a place came free" in outbox.to("tweede")[-1].text
    await aanjager.send("/mijnactiviteiten")
    assert "1 komt, 0 misschien, 0 helpen, 1 kan toch niet" in aanjager.text


async def test_announcing_twice_sends_once(app: App, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aan")
    await onboard(app, "buur")
    await onboard(app, "buur2", locale="en")
    await create_activity(aanjager)
    await aanjager.press("Omroepen")
    assert "Dit sturen naar 2 bewoners van Presikhaaf?" in aanjager.text
    send = aanjager.find("Versturen")
    await aanjager.press_data(send.data)
    await aanjager.press_data(send.data)
    assert "niet twee keer" in aanjager.text
    await DeliveryWorker(app).drain_all()
    assert len(outbox.to("buur")) == 1 and len(outbox.to("buur2")) == 1
    assert len(table(app, Broadcast)) == 1


async def test_the_omroep_send_button_pressed_twice_sends_once(app: App, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aan")
    await onboard(app, "buur")
    await aanjager.send("/omroep")
    await aanjager.send("Zaterdag opruimen!")
    send = aanjager.find("Versturen")
    await aanjager.press_data(send.data)
    await aanjager.press_data(send.data)
    await DeliveryWorker(app).drain_all()
    assert len(outbox.to("buur")) == 1 and len(table(app, Broadcast)) == 1


async def test_throwing_away_a_change_keeps_the_live_activity(app: App) -> None:
    aanjager = await make_aanjager(app, "aan")
    await create_activity(aanjager)
    await aanjager.send("/mijnactiviteiten")
    await aanjager.press("Aanpassen")
    await aanjager.press("Titel")
    await aanjager.send("Iets anders")
    await aanjager.press("Laat het zoals het was")
    assert "blijft op de agenda zoals het was" in aanjager.text and "niets gepubliceerd" not in aanjager.text
    [activity] = table(app, Activity)
    assert activity.title == "Koffieochtend <b>voor iedereen</b>" and not activity.cancelled


async def test_a_change_says_what_changed_and_carries_a_calendar_update(app: App, clock: ManualClock,
                                                                        outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aan")
    await create_activity(aanjager)
    resident = await onboard(app, "buur", locale="en")
    await resident.send("/activities")
    await resident.press("I'm coming")
    await aanjager.send("/mijnactiviteiten")
    await aanjager.press("Aanpassen")
    await aanjager.press("Plek")
    await aanjager.press("Park")
    await aanjager.press("Wijziging opslaan")
    assert "de 1 persoon die reageerde" in aanjager.text
    await DeliveryWorker(app).drain_all()
    notice = outbox.to("buur")[-1]
    assert notice.text.startswith("Changed: Koffieochtend <b>voor iedereen</b> (place).")
    assert notice.attachment is not None
    [event] = Calendar.from_ical(notice.attachment.content).walk("VEVENT")
    assert int(event["sequence"]) == 1 and str(event["status"]) == "CONFIRMED"
    await aanjager.send("/mijnactiviteiten")
    await aanjager.press("Afgelasten")
    clock.advance(hours=1)
    await DeliveryWorker(app).drain_all()
    cancelled = outbox.to("buur")[-1]
    assert cancelled.attachment is not None
    [event] = Calendar.from_ical(cancelled.attachment.content).walk("VEVENT")
    assert int(event["sequence"]) == 2 and str(event["status"]) == "CANCELLED"


async def test_cancel_notices_wait_for_the_morning(app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aan")
    await create_activity(aanjager)
    resident = await onboard(app, "buur")
    await resident.send("/activiteiten")
    await resident.press("Ik kom")
    clock.set(datetime(2026, 11, 24, 21, 30, tzinfo=UTC))  # 22:30 in Amsterdam
    await aanjager.send("/mijnactiviteiten")
    await aanjager.press("Afgelasten")
    await DeliveryWorker(app).drain_all()
    assert not [r for r in outbox.to("buur") if "Afgelast" in r.text]
    clock.set(datetime(2026, 11, 25, 8, 1, tzinfo=UTC))
    await DeliveryWorker(app).drain_all()
    assert [r for r in outbox.to("buur") if "Afgelast" in r.text]


async def test_message_only_to_those_coming_or_helping(app: App, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aan")
    await create_activity(aanjager)
    coming, helping, maybe = [await onboard(app, n) for n in ("komt", "helpt", "misschien")]
    await onboard(app, "ander")
    await coming.send("/activiteiten")
    await coming.press("Ik kom")
    await helping.send("/activiteiten")
    await helping.press("Ik help mee")
    await maybe.send("/activiteiten")
    await maybe.press("Misschien")
    await aanjager.send("/mijnactiviteiten")
    await aanjager.press("Bericht aan wie komt")
    await aanjager.send("We zitten binnen vanwege de regen")
    assert "Dit sturen naar de 2 mensen die komen of helpen?" in aanjager.text
    await aanjager.press("Versturen")
    assert "Onderweg naar 2 mensen" in aanjager.text
    await DeliveryWorker(app).drain_all()
    for name in ("komt", "helpt"):
        assert "We zitten binnen" in outbox.to(name)[-1].text
    assert outbox.to("misschien") == [] and outbox.to("ander") == []


async def test_who_comes_with_names_asked_where_the_transport_gives_none(app: App) -> None:
    aanjager = await make_aanjager(app, "aan")
    await create_activity(aanjager)
    console = await onboard(app, "zonder-naam")
    await console.send("/activiteiten")
    await console.press("Ik kom")
    await console.press("Laat mijn naam zien")
    assert "Welke naam mag de aanjager zien?" in console.text
    await console.send("Fatima")
    assert "(Fatima)" in console.text
    shy = await onboard(app, "verlegen", locale="en")
    await shy.send("/activities")
    await shy.press("I'm coming")
    await aanjager.send("/mijnactiviteiten")
    await aanjager.press("Wie komt er")
    assert "Fatima" in aanjager.text and "en 1 buur die de naam liever voor zich houdt" in aanjager.text


async def test_a_helper_is_introduced_to_the_aanjager_when_she_agrees(app: App, outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aan")
    await create_activity(aanjager)
    helper = Chat(app, "hulp", transport="console")
    await helper.event(Incoming("console", "hulp", "hulp", Kind.COMMAND, text="/start", command="start",
                                display_name="Henk"))
    await helper.press("Nederlands")
    await helper.press_data(helper.find("ja").data)
    await helper.press_data("onboarding:wijk:presikhaaf")
    await helper.send("/activiteiten")
    await helper.press("Ik help mee")
    assert "aanjager" not in helper.text.split("!")[0]
    await helper.event(Incoming("console", "hulp", "hulp", Kind.CHOICE,
                                choice=helper.find("Stel me voor aan de aanjager").data, display_name="Henk"))
    assert "voorgesteld" in helper.text
    await DeliveryWorker(app).drain_all()
    intro = outbox.to("aan")[-1]
    assert "Henk wil graag helpen" in intro.text
    aanjager.replies = [intro]
    await aanjager.press("Stuur een bericht")
    await aanjager.send("Fijn! Kun je om 9 uur komen?")
    await DeliveryWorker(app).drain_all()
    assert "Kun je om 9 uur komen?" in outbox.to("hulp")[-1].text
    stranger = await onboard(app, "vreemde")
    await stranger.press_data(intro.choices[0].data)
    assert "niet iets wat jij kunt doen" in stranger.text


async def test_deep_link_and_text_to_forward(app: App) -> None:
    aanjager = await make_aanjager(app, "aan")
    activity_id = await create_activity(aanjager)
    await aanjager.press("Tekst om door te sturen")
    assert f"/start act-{activity_id}" in aanjager.text
    neighbour = await onboard(app, "buur", locale="en")
    await neighbour.send(f"/start act-{activity_id}")
    assert "Koffieochtend" in neighbour.text
    await neighbour.press("I'm coming")
    assert [r.answer for r in table(app, Rsvp)] == ["come"]
    await neighbour.send("/start act-99999")
    assert "no longer on the agenda" in neighbour.text


async def test_aanjager_commands_in_help_and_menu(app: App) -> None:
    aanjager = await make_aanjager(app, "aan")
    await aanjager.send("/help")
    assert "Voor jou als aanjager" in aanjager.text and "/nieuweactiviteit" in aanjager.text
    await aanjager.send("/menu")
    assert aanjager.find("Nieuwe activiteit")
    resident = await onboard(app, "buur", locale="en")
    await resident.send("/help")
    assert "aanjager" not in resident.text and "/newactivity" not in resident.text


async def test_digest_only_when_something_changed_daily_or_weekly(app: App, clock: ManualClock,
                                                                  outbox: RecordingTransport) -> None:
    aanjager = await make_aanjager(app, "aan")
    await create_activity(aanjager)

    async def evening(day: int) -> list[str]:
        clock.set(datetime(2026, 11, day, 17, 5, tzinfo=UTC))
        await run_due_jobs(app)
        await DeliveryWorker(app).drain_all()
        return [r.text for r in outbox.to("aan") if r.text.startswith("Je overzicht")]

    assert len(await evening(24)) == 1
    assert len(await evening(25)) == 1, "nothing changed: no overview"
    resident = await onboard(app, "buur")
    await resident.send("/activiteiten")
    await resident.press("Ik kom")
    digests = await evening(26)
    assert len(digests) == 2 and "< 5 komen" in digests[-1], "1 coming is a small group (issue 24)"
    aanjager.replies = [outbox.to("aan")[-1]]
    await aanjager.press("Eén keer per week")
    assert "op maandag" in aanjager.text
    assert [r.digest for r in table(app, AanjagerWijk)] == ["weekly"]
    await resident.send("/activiteiten")
    await resident.press("Misschien")
    assert len(await evening(27)) == 2, "weekly: not on a Friday"
    assert len(await evening(30)) == 3 and "Je overzicht van deze week" in outbox.to("aan")[-1].text


def test_admin_add_aanjager_welcomes_and_explains_the_prefix(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'admin.sqlite3'}"
    assert main(["admin", "add-aanjager", "--user", "12345", "--wijk", "presikhaaf", "--db", url]) == 2
    assert "telegram:12345" in capsys.readouterr().err


async def test_all_my_activities_in_one_calendar_file(app: App) -> None:
    aanjager = await make_aanjager(app, "aan")
    first = await create_activity(aanjager, title="Koffieochtend")
    await create_activity(aanjager, "zo 13 dec 14:00", title="Wandeling")
    await create_activity(aanjager, "ma 14 dec 19:00", title="Buurtvergadering")
    resident = await onboard(app, "buur", locale="en")
    await resident.send("/activities")
    assert "All my activities" not in [c.label for r in resident.replies for c in r.choices]
    await resident.press_data(f"!rsvp:{first}:come")
    with Session(app.engine) as session:
        walk = next(a for a in session.exec(select(Activity)).all() if a.title == "Wandeling")
    await resident.press_data(f"!rsvp:{walk.id}:help")
    await resident.send("/activities")
    await resident.press("All my activities")
    [reply] = resident.replies
    assert reply.text == "Your calendar file with 2 activities." and reply.attachment is not None
    events = Calendar.from_ical(reply.attachment.content).walk("VEVENT")
    assert sorted(str(e["summary"]) for e in events) == ["Koffieochtend", "Wandeling"]
    assert {str(e["uid"]) for e in events} == {f"activity-{first}@wijkgids", f"activity-{walk.id}@wijkgids"}
