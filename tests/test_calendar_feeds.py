"""Subscribable calendar feeds over the real web server: per wijk (no names) and per resident (their answers)."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
from icalendar import Calendar
from sqlmodel import Session, select

from bot.core.app import App
from bot.infra.clock import ManualClock
from bot.infra.models import Activity, Rsvp, User
from tests.support import Chat, onboard
from tests.web_support import running_web

URL = re.compile(r"https?://\S+\.ics")


def add_activity(app: App, title: str, *, days: float, wijk: str = "presikhaaf", cancelled: bool = False,
                 approved: bool = True) -> int:
    now = app.clock.now()
    with Session(app.engine) as session:
        activity = Activity(wijk_id=wijk, title=title, starts_at=now + timedelta(days=days), created_at=now,
                            place="Buurthuis", cancelled=cancelled, approved=approved)
        session.add(activity)
        session.commit()
        assert activity.id is not None
        return activity.id


def answer(app: App, user: str, activity_id: int, value: str) -> None:
    with Session(app.engine) as session:
        user_id = session.exec(select(User.id).where(User.external_id == user)).one()
        names = {"anna": "Anna Jansen", "bert": "Bert de Vries"}
        user_row = session.get(User, user_id)
        assert user_row is not None
        user_row.display_name = names.get(user)
        session.add(Rsvp(activity_id=activity_id, user_id=user_id, answer=value, updated_at=app.clock.now()))
        session.commit()


async def feed_urls(chat: Chat, base: str) -> tuple[str, str]:
    await chat.send("/activiteiten")
    await chat.press("agenda-app" if "agenda" in " ".join(chat.labels) else "calendar app")
    urls = URL.findall(chat.text)
    assert len(urls) == 2, chat.text
    return urls[0].replace("http://wijkgids.test", base), urls[1].replace("http://wijkgids.test", base)


def events(body: bytes) -> dict[str, str]:
    """Title -> STATUS of every event in the feed (parsed with icalendar)."""
    cal = Calendar.from_ical(body)
    return {str(e["SUMMARY"]): str(e["STATUS"]) for e in cal.walk("VEVENT")}


async def test_wijk_and_personal_feeds(app: App, clock: ManualClock) -> None:
    app.settings.web_base_url = "http://wijkgids.test"
    anna = await onboard(app, "anna")
    bert = await onboard(app, "bert")
    soup = add_activity(app, "Soep in het park", days=3)
    walk = add_activity(app, "Wandeling", days=5)
    quiz = add_activity(app, "Buurtquiz", days=6)
    add_activity(app, "Rommelmarkt", days=4, cancelled=True)
    add_activity(app, "Nog niet goedgekeurd", days=4, approved=False)
    add_activity(app, "Elders", days=4, wijk="de-nude")
    add_activity(app, "Lang geleden", days=-30, cancelled=True)
    answer(app, "anna", soup, "come")
    answer(app, "anna", walk, "not")
    answer(app, "anna", quiz, "maybe")
    answer(app, "bert", walk, "help")

    async with running_web(app) as base, httpx.AsyncClient() as client:
        anna_own, anna_wijk = await feed_urls(anna, base)
        bert_own, bert_wijk = await feed_urls(bert, base)
        assert anna_wijk == bert_wijk and anna_own != bert_own

        wijk = await client.get(anna_wijk)
        assert wijk.status_code == 200 and wijk.headers["content-type"].startswith("text/calendar")
        assert events(wijk.content) == {"Soep in het park": "CONFIRMED", "Wandeling": "CONFIRMED",
                                        "Buurtquiz": "CONFIRMED", "Rommelmarkt": "CANCELLED"}
        with Session(app.engine) as session:
            names = [u.display_name for u in session.exec(select(User)) if u.display_name]
        assert names and not any(name.encode() in wijk.content for name in names)

        mine = await client.get(anna_own)
        assert events(mine.content) == {"Soep in het park": "CONFIRMED", "Wandeling": "CANCELLED",
                                        "Buurtquiz": "CONFIRMED"}
        theirs = await client.get(bert_own)
        assert events(theirs.content) == {"Wandeling": "CONFIRMED"}

        with Session(app.engine) as session:
            activity = session.get(Activity, soup)
            assert activity is not None
            activity.cancelled, activity.sequence = True, activity.sequence + 1
            session.commit()
        assert events((await client.get(anna_own)).content)["Soep in het park"] == "CANCELLED"
        assert events((await client.get(anna_wijk)).content)["Soep in het park"] == "CANCELLED"

        assert (await client.get(f"{base}/agenda/made-up-token.ics")).status_code == 404
        forged = anna_own.rsplit("/", 1)[0] + "/" + anna_own.rsplit("/", 1)[1][:-8] + "AAAA.ics"
        assert (await client.get(forged)).status_code == 404

        await anna.press("Nieuwe link")
        renewed = URL.findall(anna.text)[0].replace("http://wijkgids.test", base)
        assert renewed != anna_own
        assert (await client.get(anna_own)).status_code == 404
        assert (await client.get(renewed)).status_code == 200

        await anna.press("Zet mijn link uit")
        assert (await client.get(renewed)).status_code == 404
        assert (await client.get(anna_wijk)).status_code == 200
        assert (await client.get(bert_own)).status_code == 200


async def test_without_web_app_the_bot_says_so_and_gives_the_file(app: App) -> None:
    app.settings.web_base_url = None
    anna = await onboard(app, "anna", locale="en")
    soup = add_activity(app, "Soup in the park", days=3)
    answer(app, "anna", soup, "come")
    await anna.send("/activities")
    await anna.press("calendar app")
    assert "not available" in anna.text and not URL.search(anna.text)
    assert any(r.attachment is not None and r.attachment.mime_type == "text/calendar" for r in anna.replies)
