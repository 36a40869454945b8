"""Safe pages and exports (issue 24, findings 5-7): CSV cells that cannot run as formulas, no count under 5
through a list, security headers on every response, redirects only to the configured base URL."""

from __future__ import annotations

import csv
import io
import itertools

import httpx
from sqlmodel import Session, select

from bot.core.app import App
from bot.infra.models import Activity, Idea, IdeaStatus
from tests.support import onboard
from tests.test_activities import make_aanjager
from tests.test_dashboard_web import link_of, log_in, seed
from tests.test_signals import add_ideas
from tests.web_support import running_web

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+31 6 1234", "-2+3", "@SUM(A1:A2)", "\tx", "\rx"]


def rows_of(response: httpx.Response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_cells_that_start_like_a_formula_are_neutralised() -> None:
    from bot.services.reports import safe_cell

    for text in FORMULAS:
        assert safe_cell(text) == "'" + text
    for text in ("Soep in het park", "< 5", "12", 12, "'al veilig"):
        assert safe_cell(text) == text


async def test_csv_exports_never_carry_a_live_formula(app: App) -> None:
    app.settings.web_base_url = "http://127.0.0.1"
    add_ideas(app, "presikhaaf", ["groen"], 6)
    now = app.clock.now()
    with Session(app.engine) as session:
        for title in FORMULAS:
            session.add(Activity(wijk_id="presikhaaf", title=title, starts_at=now, created_at=now))
        session.commit()
    aanjager = await make_aanjager(app, "aanjager")
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        await log_in(client, await link_of(aanjager))
        response = await client.get("/dashboard/csv/activiteiten.csv")
        titles = [row[2] for row in rows_of(response)[1:]]
        assert sorted(titles) == sorted("'" + t for t in FORMULAS), titles
        for name in ("initiatieven", "initiatieven-status", "signalen", "activiteiten", "gaven"):
            cells = [c for row in rows_of(await client.get(f"/dashboard/csv/{name}.csv")) for c in row]
            assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells), name


async def test_a_small_group_never_shows_through_the_list(app: App) -> None:
    """The pipeline shows "< 5" for the two finished ideas: the list below must not show their rows."""
    app.settings.web_base_url = "http://127.0.0.1"
    add_ideas(app, "presikhaaf", ["groen"], 6)
    add_ideas(app, "presikhaaf", ["sport"], 2)
    with Session(app.engine) as session:
        done = [i for i in session.exec(select(Idea)) if i.themes == ["sport"]]
        for idea in done:
            idea.status = IdeaStatus.DONE
        session.commit()
        done_ids = {str(i.id) for i in done}
    aanjager = await make_aanjager(app, "aanjager")
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        await log_in(client, await link_of(aanjager))
        page = await client.get("/dashboard")
        assert "&lt; 5</span> Gelukt" in page.text
        listing = page.text.split('id="initiatives"', 1)[1]
        assert "Sport" not in listing and 'id="left-out"' in page.text
        rows = rows_of(await client.get("/dashboard/csv/initiatieven.csv"))[1:]
        assert len(rows) == 6 and not done_ids & {row[0] for row in rows}, rows
        one_wijk = await client.get("/dashboard?wijk=presikhaaf")
        assert "Sport" not in one_wijk.text.split('id="initiatives"', 1)[1]


async def test_security_headers_on_every_response(app: App) -> None:
    app.settings.web_base_url = "http://127.0.0.1"
    add_ideas(app, "presikhaaf", ["groen"], 6)
    aanjager = await make_aanjager(app, "aanjager")
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        await log_in(client, await link_of(aanjager))
        responses = [await client.get(path) for path in (
            "/health", "/dashboard", "/dashboard/csv/initiatieven.csv", "/static/style.css", "/nowhere",
            "/dashboard/chart/presikhaaf.svg")]
        for response in responses:
            headers = response.headers
            csp = headers.get("content-security-policy", "")
            assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, response.url
            assert "unsafe-inline" not in csp
            assert headers.get("x-frame-options") == "DENY", response.url
            assert headers.get("x-content-type-options") == "nosniff", response.url
            assert "strict-transport-security" not in headers, "plain http: no HSTS"
        behind_tls = await client.get("/health", headers={"X-Forwarded-Proto": "https"})
        assert behind_tls.headers["strict-transport-security"].startswith("max-age=")


async def test_redirects_go_only_to_the_configured_base_url(app: App) -> None:
    app.settings.web_base_url = "https://wijk.example"
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        response = await client.get("/dashboard/", headers={"Host": "evil.example"})
        assert response.status_code in (301, 302, 303, 307, 308)
        location = response.headers["location"]
        assert "evil" not in location and location.startswith(("https://wijk.example/", "/")), location


async def test_a_story_approved_then_rejected_on_the_web_is_taken_down(app: App) -> None:
    app.settings.web_base_url = "http://127.0.0.1"
    seed(app)
    aanjager = await make_aanjager(app, "aanjager")
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        await log_in(client, await link_of(aanjager))
        page = await client.get("/dashboard/stories")
        csrf_token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        await client.post("/dashboard/stories/1", data={"decision": "approve", "csrf_token": csrf_token})
        assert "geveltuinen" in await verhalen(app)
        again = await client.post("/dashboard/stories/1", data={"decision": "reject", "csrf_token": csrf_token},
                                  follow_redirects=True)
        said = again.text.split('id="decided">', 1)[1].split("</p>", 1)[0]
        assert "niet meer openbaar" in said, said
        assert "geveltuinen" not in await verhalen(app)


READERS = itertools.count()


async def verhalen(app: App) -> str:
    """What a neighbour (a new one each time) reads in /verhalen."""
    reader = await onboard(app, f"lezer{next(READERS)}")
    await reader.send("/verhalen")
    return reader.text
