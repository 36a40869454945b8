"""Counts below 5 never become visible through lists, charts or exports: not as a number, not by counting rows
that share a value, and not by subtracting shown parts from a shown total (issue 24). Every page and CSV goes
through the one helper `figures.protect` (and `figures.anonymous_list` for the list of initiatives)."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta

import httpx
from sqlmodel import Session, select

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.scheduling import run_due_jobs
from bot.infra.clock import ManualClock
from bot.infra.crud import figures
from bot.infra.models import Activity, Rsvp, User
from tests.support import RecordingTransport, onboard
from tests.test_activities import make_aanjager
from tests.test_dashboard_web import link_of, log_in
from tests.test_signals import add_ideas
from tests.test_web_safety import rows_of
from tests.web_support import running_web


def soup_in_the_park(session: Session, users: list[User], now: datetime, *, days: int, reminded: bool) -> Activity:
    """An activity in Presikhaaf in `days` days that 7 of the users come to and 2 may come to."""
    activity = Activity(wijk_id="presikhaaf", title="Soep in het park", starts_at=now + timedelta(days=days),
                        created_at=now)
    session.add(activity)
    session.flush()
    for n, user in enumerate(users[:9]):
        session.add(Rsvp(activity_id=activity.id, user_id=user.id, answer="come" if n < 7 else "maybe",
                         updated_at=now, reminded=reminded))
    session.commit()
    return activity

def test_the_one_rule() -> None:
    assert figures.protect([7], admin=False) == 7 and figures.protect([0], admin=False) == 0
    assert figures.protect([3], admin=False) == figures.HIDDEN
    assert figures.protect([6, 2], admin=False) == "≥ 6", "6 + 2 shown as 8 next to a 6 gives the 2 away"
    assert figures.protect([3, 3], admin=False) == "≥ 5", "nor two small parts adding up"
    assert figures.protect([6, 2], admin=True) == 8
    assert figures.drawn([6, 2], admin=False) == 6 and figures.drawn([6, 2], admin=True) == 8


async def two_wijk_aanjager(app: App) -> object:
    chat = await make_aanjager(app, "aanjager")
    from bot.infra.crud import invites as invites_crud
    from bot.infra.models import InviteKind
    with Session(app.engine) as session:
        code = invites_crud.create_invite(session, kind=InviteKind.AANJAGER, target="de-nude", now=app.clock.now(),
                                          valid_for=timedelta(days=7)).code
        session.commit()
    await chat.send(f"/aanjager {code}")
    return chat


def pipeline_numbers(html: str) -> dict[str, str]:
    part = html.split('id="pipeline"', 1)[1].split("</ul>", 1)[0]
    return {label.strip(): count.replace("&lt;", "<").replace("&ge;", "≥")
            for count, label in re.findall(r'<span class="count">([^<]*)</span>([^<]*)</li>', part)}


async def test_a_total_over_wijken_never_gives_a_small_wijk_away(app: App) -> None:
    """Presikhaaf has 6 new ideas, De Nude 2: "8 new" over both next to "6 new" in Presikhaaf says 2."""
    app.settings.web_base_url = "http://127.0.0.1"
    add_ideas(app, "presikhaaf", ["groen"], 6)
    add_ideas(app, "de-nude", ["feest"], 2)
    aanjager = await two_wijk_aanjager(app)
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        await log_in(client, await link_of(aanjager))  # type: ignore[arg-type]
        both = pipeline_numbers((await client.get("/dashboard")).text)
        parts = [pipeline_numbers((await client.get(f"/dashboard?wijk={w}")).text) for w in ("presikhaaf", "de-nude")]
        assert parts[0]["Nieuw"] == "6" and parts[1]["Nieuw"] == "< 5"
        for state, total in both.items():
            if total.isdigit():
                assert all(p[state].isdigit() for p in parts), (state, total, parts)
        csv_both = {row[0]: row[1] for row in rows_of(await client.get("/dashboard/csv/initiatieven-status.csv"))[1:]}
        assert csv_both["Nieuw"] == "≥ 6", csv_both


async def test_counting_rows_of_the_list_never_gives_a_small_group(app: App) -> None:
    """6 ideas on 'groen' and 2 on 'sport' in one status: the signals say "< 5" for sport, so the list must not
    show two rows with Sport (nor two rows with any value nobody else shares)."""
    app.settings.web_base_url = "http://127.0.0.1"
    add_ideas(app, "presikhaaf", ["groen"], 6)
    add_ideas(app, "presikhaaf", ["sport"], 2)
    add_ideas(app, "presikhaaf", ["groen"], 5, months_ago=2)
    aanjager = await make_aanjager(app, "aanjager")
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        await log_in(client, await link_of(aanjager))
        page = (await client.get("/dashboard")).text
        listing = page.split('id="initiatives"', 1)[1]
        assert "Sport" not in listing
        assert "Groen" not in listing and "nov 2026" not in listing, "theme and month are for the signals page"
        assert "Thema" not in listing and "Begonnen" not in listing, "no column that no row may fill"
        rows = rows_of(await client.get("/dashboard/csv/initiatieven.csv"))
        assert len(rows) - 1 == 13, "nobody is left out: the detail is, where a group is small"
        shown = Counter(tuple(row[1:]) for row in rows[1:])
        assert all(n >= figures.SMALL for n in shown.values()), shown
        for column in range(1, len(rows[0])):
            values = Counter(row[column] for row in rows[1:])
            assert all(n >= figures.SMALL for n in values.values()), (rows[0][column], values)


async def test_reminders_sent_never_give_away_a_small_answer(app: App) -> None:
    """7 coming and 2 maybe, all reminded: "9 reminders" next to "7 coming" says 2 said maybe."""
    app.settings.web_base_url = "http://127.0.0.1"
    add_ideas(app, "presikhaaf", ["groen"], 9)
    now = app.clock.now()
    with Session(app.engine) as session:
        users = list(session.exec(select(User).where(User.wijk_id == "presikhaaf")))
        soup_in_the_park(session, users, now, days=3, reminded=True)
    aanjager = await make_aanjager(app, "aanjager")
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        await log_in(client, await link_of(aanjager))
        [header, row] = rows_of(await client.get("/dashboard/csv/activiteiten.csv"))[:2]
        cells = dict(zip(header, row, strict=True))
        assert cells["Komen"] == "7" and cells["Misschien"] == "< 5"
        assert cells["Herinneringen verstuurd"] == "≥ 7", cells


def test_a_chart_over_several_wijken_draws_only_groups_of_five() -> None:
    """/signalen draws the sum over the aanjager's wijken: a wijk with 2 must not add its 2 to the line."""
    data = figures.Signals(months=["2026-11", "2026-12"])
    data.themes[("presikhaaf", "2026-12")] = Counter({"groen": 6})
    data.themes[("de-nude", "2026-12")] = Counter({"groen": 2})
    from bot.services.reports import chart_series
    assert chart_series(data, "theme", ["presikhaaf", "de-nude"], admin=False) == {"groen": [0, 6]}
    assert chart_series(data, "theme", ["presikhaaf", "de-nude"], admin=True) == {"groen": [0, 8]}


def test_a_count_shown_again_and_again_changes_only_in_groups_of_five() -> None:
    """The aanjager's overview comes every day: "6 coming" one day and "8 coming" the next says that 2 people
    answered in between, so a count that is shown over and over moves in steps of 5, through `protect`."""
    shown = [figures.over_time(n, admin=False) for n in range(0, 17)]
    assert shown[0] == 0 and all(s == figures.HIDDEN for s in shown[1:5])
    assert shown[5] == 5 and shown[6:10] == ["≥ 5"] * 4 and shown[10] == 10 and shown[11:15] == ["≥ 10"] * 4
    exact = [n for n, s in enumerate(shown) if isinstance(s, int)]
    assert all(a % figures.SMALL == 0 for a in exact), "two exact figures never differ by 1-4"
    assert figures.over_time(8, admin=True) == 8


async def test_the_overview_of_the_aanjager_never_shows_a_small_or_changing_count(
        app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    """7 coming and 2 maybe one evening, 8 coming the next: the overviews give neither the 2 nor the 1 new one."""
    await make_aanjager(app, "aanjager")
    for n in range(10):
        await onboard(app, f"buur{n}")
    clock.set(datetime(2026, 11, 24, 12, 0, tzinfo=UTC))
    now = clock.now()
    with Session(app.engine) as session:
        users = [u for u in session.exec(select(User).where(User.wijk_id == "presikhaaf"))
                 if u.external_id.startswith("buur")]
        activity = soup_in_the_park(session, users, now, days=5, reminded=False)
        activity_id, extra = activity.id, users[9].id

    async def evening(day: int) -> str:
        clock.set(datetime(2026, 11, day, 17, 5, tzinfo=UTC))
        await run_due_jobs(app)
        await DeliveryWorker(app).drain_all()
        sent = [r.text for r in outbox.to("aanjager") if "Soep in het park" in r.text]
        return sent[-1] if sent else ""

    first = await evening(24)
    with Session(app.engine) as session:
        session.add(Rsvp(activity_id=activity_id, user_id=extra, answer="come", updated_at=clock.now()))
        session.commit()
    second = await evening(25)
    assert first and second
    for text in (first, second):
        assert "≥ 5 komen" in text and "< 5 misschien" in text, text
        assert not re.search(r"(?<![≥<] )\b[1-46-9] (?:komt|komen|misschien|helpt|helpen)\b", text), text


async def test_the_month_still_being_counted_moves_in_steps_of_five(app: App) -> None:
    """This month's figures grow day by day: "6" today and "8" next week say who came in between. Only the
    current month moves in steps of 5 (table and chart); finished months stay exact."""
    add_ideas(app, "presikhaaf", ["groen"], 7)
    add_ideas(app, "presikhaaf", ["groen"], 6, months_ago=1)
    with Session(app.engine) as session:
        data = figures.signals(session, wijk_ids=["presikhaaf"], now=app.clock.now(), tz=app.settings.tz)
    assert data.growing == data.months[-1]
    from bot.services.reports import chart_series, signals_table
    assert chart_series(data, "theme", ["presikhaaf"], admin=False)["groen"][-2:] == [6, 5]
    assert chart_series(data, "theme", ["presikhaaf"], admin=True)["groen"][-2:] == [6, 7]
    cells = [row[-1] for row in signals_table(data, app.content, admin=False).rows if row[3] == "Groen & natuur"]
    assert cells == ["6", "≥ 5"], cells
