"""/signalen (chart + CSV with the "< 5" rule) and /dashboard (one-time link) in the chat."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from sqlmodel import Session, select

from bot.core.app import App
from bot.infra.clock import ManualClock
from bot.infra.crud import dashboard as dashboard_crud
from bot.infra.models import DashboardToken, Idea, IdeaStatus, User
from tests.support import onboard
from tests.test_activities import make_aanjager


def add_ideas(app: App, wijk: str, themes: list[str], people: int, *, months_ago: int = 0) -> None:
    """`people` residents each with one confirmed idea on `themes` (and the need 'ruimte')."""
    now = app.clock.now() - timedelta(days=31 * months_ago)
    with Session(app.engine) as session:
        for n in range(people):
            user = User(transport="console", external_id=f"{wijk}-{themes[0]}-{months_ago}-{n}", chat_id="x",
                        wijk_id=wijk, onboarded=True, created_at=now, last_seen_at=now)
            session.add(user)
            session.flush()
            session.add(Idea(wijk_id=wijk, text=f"geheim idee {n}", themes=themes, needs=["ruimte"],
                             user_id=user.id, status=IdeaStatus.HANDED_OVER, created_at=now, updated_at=now))
        session.commit()


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";" if text.split("\r\n")[0].count(";") else ","))


async def test_signalen_sends_a_png_chart_and_an_anonymous_csv(app: App) -> None:
    add_ideas(app, "presikhaaf", ["groen"], 6)
    add_ideas(app, "presikhaaf", ["sport"], 2)
    add_ideas(app, "de-nude", ["feest"], 7)
    aanjager = await make_aanjager(app, "aanjager")
    await aanjager.send("/signalen")
    [intro, chart, table] = aanjager.replies
    assert "< 5" in intro.text
    assert chart.attachment is not None and chart.attachment.mime_type == "image/png"
    assert chart.attachment.content.startswith(b"\x89PNG")
    assert table.attachment is not None and table.attachment.filename.endswith(".csv")
    rows = csv_rows(table.attachment.content)
    assert rows[0] == ["Wijk", "Maand", "Soort", "Onderwerp", "Mensen"]
    body = {(r[3], r[4]) for r in rows[1:]}
    # this month is still being counted: steps of 5 (issue 24; finished months are exact, tests/test_small_cells.py)
    assert ("Groen & natuur", "≥ 5") in body and ("Sport & bewegen", "< 5") in body
    assert ("Een ruimte of plek", "≥ 5") in body
    assert not [r for r in rows if r[0] == "De Nude"], "another wijk's figures are not shown"
    assert "geheim" not in table.attachment.content.decode("utf-8-sig")


async def test_signalen_is_refused_to_residents(app: App) -> None:
    resident = await onboard(app, "gijs")
    await resident.send("/signalen")
    assert len(resident.replies) == 1 and resident.replies[0].attachment is None
    assert "aanjagers" in resident.text


async def test_dashboard_link_once_and_for_15_minutes(app: App, clock: ManualClock) -> None:
    app.settings.web_base_url = "https://wijk.example"
    aanjager = await make_aanjager(app, "aanjager")
    await aanjager.send("/dashboard")
    assert "https://wijk.example/dashboard/login?token=" in aanjager.text
    token = aanjager.text.rsplit("token=", 1)[1].strip()
    with Session(app.engine) as session:
        assert token not in str(session.exec(select(DashboardToken)).all()), "only the hash is stored"
        assert dashboard_crud.redeem_link(session, token=token, now=clock.now()) is not None
        assert dashboard_crud.redeem_link(session, token=token, now=clock.now()) is None, "single use"
        session.commit()
    await aanjager.send("/dashboard")
    late = aanjager.text.rsplit("token=", 1)[1].strip()
    with Session(app.engine) as session:
        assert dashboard_crud.redeem_link(session, token=late, now=clock.now() + timedelta(minutes=16)) is None
    resident = await onboard(app, "gijs")
    await resident.send("/dashboard")
    assert "token=" not in resident.text
