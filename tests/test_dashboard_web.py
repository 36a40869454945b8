"""The web dashboard over real HTTP: login only through the chat link, permissions, the "< 5" rule everywhere."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import httpx
from sqlmodel import Session, select

from bot.core.app import App
from bot.infra.clock import ManualClock
from bot.infra.crud import media as media_crud
from bot.infra.models import Activity, ContactLink, Handover, HandoverStatus, Idea, Offer, Rsvp, Story, User, UserRole
from bot.infra.photos import prepare
from tests.photo_support import phone_photo, size_of
from tests.support import Chat, onboard
from tests.test_activities import make_aanjager
from tests.test_signals import add_ideas
from tests.web_support import running_web

PAGES = ("/dashboard", "/dashboard/signals", "/dashboard/activities", "/dashboard/gifts", "/dashboard/stories")
CSVS = ("initiatieven", "initiatieven-status", "signalen", "activiteiten", "gaven")


async def link_of(chat: Chat) -> str:
    await chat.send("/dashboard")
    return chat.text.rsplit("token=", 1)[1].strip()


async def log_in(client: httpx.AsyncClient, token: str) -> httpx.Response:
    form = await client.get(f"/dashboard/login?token={token}")
    assert form.status_code == 200 and 'id="login"' in form.text
    csrf_token = form.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    return await client.post("/dashboard/login", data={"token": token, "csrf_token": csrf_token})


def seed(app: App) -> None:
    """Presikhaaf: 6 people on 'groen', 2 on 'sport'; an activity with 3 coming; 2 neighbours offering; a story."""
    add_ideas(app, "presikhaaf", ["groen"], 6)
    add_ideas(app, "presikhaaf", ["sport"], 2)
    add_ideas(app, "de-nude", ["feest"], 7)
    now = app.clock.now()
    with Session(app.engine) as session:
        users = list(session.exec(select(User).where(User.wijk_id == "presikhaaf")))
        activity = Activity(wijk_id="presikhaaf", title="Soep in het park", starts_at=now + timedelta(days=3),
                            created_at=now)
        session.add(activity)
        session.flush()
        for user in users[:3]:
            session.add(Rsvp(activity_id=activity.id, user_id=user.id, answer="come", updated_at=now))
        for user in users[:2]:
            session.add(Offer(user_id=user.id, kind="hands", category="koken", created_at=now))
        photo = media_crud.keep(session, user_id=users[0].id, photo=prepare(phone_photo(320, 240)), now=now)
        session.add(Story(user_id=users[0].id, wijk_id="presikhaaf", text="Samen de geveltuinen geplant",
                          shared=True, review="pending", photo_id=photo.id, created_at=now))
        session.commit()


async def test_login_pages_csv_logout(app: App, clock: ManualClock) -> None:
    app.settings.web_base_url = "http://127.0.0.1"
    seed(app)
    aanjager = await make_aanjager(app, "aanjager")
    token = await link_of(aanjager)
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        done = await log_in(client, token)
        assert done.status_code == 303
        cookie = done.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "max-age=" in cookie
        home = await client.get("/dashboard")
        assert home.status_code == 200 and 'id="pipeline"' in home.text
        assert "geheim idee" not in home.text, "the idea text only for whom it was handed to"
        signals = await client.get("/dashboard/signals")
        assert "Groen &amp; natuur" in signals.text and "<td>&lt; 5</td>" in signals.text
        assert "De Nude" not in signals.text
        chart = await client.get("/dashboard/chart/presikhaaf.svg")
        assert chart.status_code == 200 and chart.headers["content-type"].startswith("image/svg")
        assert (await client.get("/dashboard/chart/de-nude.svg")).status_code == 403
        activities = await client.get("/dashboard/activities")
        assert "Soep in het park" in activities.text and "<td>&lt; 5</td>" in activities.text
        gifts = await client.get("/dashboard/gifts")
        assert "<td>&lt; 5</td>" in gifts.text
        for name in CSVS:
            response = await client.get(f"/dashboard/csv/{name}.csv")
            assert response.status_code == 200 and response.content.startswith("\ufeff".encode())
            rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
            assert len(rows[0]) >= 2
            body = [cell for row in rows[1:] for cell in row]
            assert "De Nude" not in body and not any("geheim" in c for c in body)
            if name in ("signalen", "activiteiten", "gaven"):
                assert "< 5" in body, name
            counts = [row[-1] for row in rows[1:]] if name != "initiatieven" else []
            assert not {"1", "2", "3", "4"} & set(counts), f"{name}: a count under 5 must show as '< 5'"
        stories = await client.get("/dashboard/stories")
        assert "geveltuinen" in stories.text and 'src="/dashboard/stories/1/photo"' in stories.text
        photo = await client.get("/dashboard/stories/1/photo")
        assert photo.headers["content-type"] == "image/jpeg" and size_of(photo.content) == (320, 240)
        assert "no-store" in photo.headers["cache-control"]
        csrf_token = stories.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        forged = await client.post("/dashboard/stories/1", data={"decision": "approve", "csrf_token": "x"})
        assert forged.status_code == 403
        approved = await client.post("/dashboard/stories/1", data={"decision": "approve", "csrf_token": csrf_token})
        assert approved.status_code == 303
        with Session(app.engine) as session:
            assert session.exec(select(Story)).one().review == "approved"
        english = await client.get("/dashboard?lang=en")
        assert "Initiatives" in english.text
        await client.post("/dashboard/logout", data={"csrf_token": csrf_token})
        after = await client.get("/dashboard")
        assert after.status_code == 403 and 'id="pipeline"' not in after.text
        assert (await log_in(client, token)).status_code == 403, "a link works once"


async def test_the_session_cookie_is_secure_behind_https(app: App) -> None:
    app.settings.web_base_url = "https://wijk.example"
    aanjager = await make_aanjager(app, "aanjager")
    token = await link_of(aanjager)
    async with running_web(app) as base, httpx.AsyncClient(base_url=base,
                                                          headers={"X-Forwarded-Proto": "https"}) as client:
        form = await client.get(f"/dashboard/login?token={token}")
        assert "secure" in form.headers["set-cookie"].lower(), "the CSRF cookie too"
        csrf_cookie = form.headers["set-cookie"].split(";", 1)[0]  # httpx keeps Secure cookies from http URLs
        csrf_token = form.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        done = await client.post("/dashboard/login", data={"token": token, "csrf_token": csrf_token},
                                 headers={"Cookie": csrf_cookie})
        assert done.status_code == 303 and "secure" in done.headers["set-cookie"].lower()


async def test_admin_sees_exact_small_numbers_and_all_wijken(app: App) -> None:
    app.settings.web_base_url = "http://127.0.0.1"
    seed(app)
    admin = await onboard(app, "admin")
    with Session(app.engine) as session:
        user = session.exec(select(User).where(User.external_id == "admin")).one()
        user.role = UserRole.ADMIN
        session.commit()
    token = await link_of(admin)
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        await log_in(client, token)
        signals = await client.get("/dashboard/signals")
        assert "<td>&lt; 5</td>" not in signals.text and "De Nude" in signals.text
        assert 'id="chart-de-nude"' in signals.text and 'id="chart-presikhaaf"' in signals.text
        data = (await client.get("/dashboard/csv/signalen.csv")).content.decode("utf-8-sig")
        assert "< 5" not in data and ";2\r\n" in data


async def test_refused_without_a_valid_session(app: App, clock: ManualClock) -> None:
    app.settings.web_base_url = "http://127.0.0.1"
    seed(app)
    other = await make_aanjager(app, "elders", wijk="de-nude")
    resident = await onboard(app, "gijs")
    await resident.send("/dashboard")
    assert "token=" not in resident.text
    async with running_web(app) as base:
        async with httpx.AsyncClient(base_url=base) as client:
            for page in (*PAGES, "/dashboard/stories/1/photo", *(f"/dashboard/csv/{n}.csv" for n in CSVS)):
                response = await client.get(page)
                assert response.status_code == 403 and "Soep" not in response.text, page
            client.cookies.set("wijkgids_session", "forged-value", path="/dashboard")
            for page in PAGES:
                response = await client.get(page)
                assert response.status_code == 403 and "pipeline" not in response.text, page
        async with httpx.AsyncClient(base_url=base) as client:
            token = await link_of(other)
            clock.advance(minutes=16)
            assert (await log_in(client, token)).status_code == 403, "expired"
        async with httpx.AsyncClient(base_url=base) as client:
            await log_in(client, await link_of(other))
            assert "Soep in het park" not in (await client.get("/dashboard/activities")).text
            assert (await client.get("/dashboard?wijk=presikhaaf")).status_code == 403
            assert "geveltuinen" not in (await client.get("/dashboard/stories")).text
            assert (await client.get("/dashboard/stories/1/photo")).status_code == 403, "another wijk's photo"
            page = await client.get("/dashboard/stories")
            csrf_token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
            refused = await client.post("/dashboard/stories/1", data={"decision": "approve", "csrf_token": csrf_token})
            assert refused.status_code == 403
        with Session(app.engine) as session:
            assert session.exec(select(Story)).one().review == "pending"


async def test_a_contact_sees_the_idea_text_handed_to_them(app: App) -> None:
    app.settings.web_base_url = "http://127.0.0.1"
    add_ideas(app, "presikhaaf", ["groen"], 2)
    contact_chat = await onboard(app, "contact")
    now = app.clock.now()
    with Session(app.engine) as session:
        me = session.exec(select(User).where(User.external_id == "contact")).one()
        contact_id = next(c.id for c in app.content.contacts.values() if app.content.serves(c, "presikhaaf"))
        session.add(ContactLink(contact_id=contact_id, user_id=me.id, linked_at=now))
        ideas = list(session.exec(select(Idea)))
        session.add(Handover(idea_id=ideas[0].id, contact_id=contact_id, contact_user_id=me.id,
                             status=HandoverStatus.WAITING, created_at=now - timedelta(days=20)))
        session.commit()
        texts = (ideas[0].text, ideas[1].text)
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        await log_in(client, await link_of(contact_chat))
        home = await client.get("/dashboard")
        assert texts[0] in home.text and texts[1] not in home.text
        assert "Wacht lang" in home.text


async def test_the_contact_reads_on_the_dashboard_what_the_resident_approved(app: App) -> None:
    """The approved words (the neighbour the resident named included) as in the e-mail; an older idea without
    approved words is redacted."""
    app.settings.web_base_url = "http://127.0.0.1"
    add_ideas(app, "presikhaaf", ["groen"], 2)
    contact_chat = await onboard(app, "contact")
    now = app.clock.now()
    with Session(app.engine) as session:
        me = session.exec(select(User).where(User.external_id == "contact")).one()
        contact_id = next(c.id for c in app.content.contacts.values() if app.content.serves(c, "presikhaaf"))
        session.add(ContactLink(contact_id=contact_id, user_id=me.id, linked_at=now))
        ideas = list(session.exec(select(Idea)))
        ideas[0].shared_text = "Moestuinbakken\nSamen met: mijn buurvrouw Fatima"
        ideas[1].text = "Een bankje, bel me op 06-12345678"
        for idea in ideas:
            session.add(Handover(idea_id=idea.id, contact_id=contact_id, contact_user_id=me.id,
                                 status=HandoverStatus.WAITING, created_at=now))
        session.commit()
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        await log_in(client, await link_of(contact_chat))
        home = (await client.get("/dashboard")).text
        assert "mijn buurvrouw Fatima" in home and "12345678" not in home and "Een bankje" in home
