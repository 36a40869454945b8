"""The web app skeleton: the real uvicorn server, pages in the visitor's language, `wijkgids run` starts it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.runner import run
from bot.web.locale import locale_for
from tests.conftest import make_app
from tests.web_support import free_port, running_web


async def test_health_page_over_http_in_dutch_by_default(app) -> None:
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        page = await client.get("/health")
        assert page.status_code == 200
        assert "Wijkgids draait." in page.text
        assert '<html lang="nl" dir="ltr">' in page.text
        arabic = await client.get("/health?lang=ar")
        assert '<html lang="ar" dir="rtl">' in arabic.text, "Arabic pages run right to left"
        css = await client.get("/static/style.css")
        assert css.status_code == 200
        assert "system-ui" in css.text


async def test_language_from_query_cookie_and_accept_language(app) -> None:
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        english = await client.get("/health", headers={"Accept-Language": "en-GB,en;q=0.9,nl;q=0.5"})
        assert "Wijkgids is running." in english.text
        dutch = await client.get("/health", headers={"Accept-Language": "de-DE, nl;q=0.8, en;q=0.7"})
        assert "Wijkgids draait." in dutch.text
        chosen = await client.get("/health?lang=en", headers={"Accept-Language": "nl"})
        assert "Wijkgids is running." in chosen.text
        assert chosen.cookies.get("lang") == "en"
        remembered = await client.get("/health", headers={"Accept-Language": "nl"})
        assert "Wijkgids is running." in remembered.text


def test_accept_language_weights() -> None:
    assert locale_for(None, None, "fr;q=1, en;q=0.2, nl;q=0.9") == "nl"
    assert locale_for(None, None, "en;q=0") == "nl"
    assert locale_for("xx", "en", None) == "en"


async def test_wijkgids_run_starts_the_web_server_when_a_base_url_is_set(
    sqlite_url: str, content: Content, clock: ManualClock, tmp_path: Path
) -> None:
    port = free_port()
    application = make_app(
        sqlite_url, content, clock, web_base_url="http://127.0.0.1", web_port=port, data_dir=tmp_path
    )
    stop = asyncio.Event()
    task = asyncio.create_task(run(application, stop))
    try:
        async with httpx.AsyncClient() as client:
            for _ in range(200):
                try:
                    page = await client.get(f"http://127.0.0.1:{port}/health")
                    break
                except httpx.ConnectError:
                    await asyncio.sleep(0.05)
            else:
                pytest.fail("the web server did not come up")
        assert page.status_code == 200
        assert (tmp_path / "web_secret").exists()
    finally:
        stop.set()
        await task
        application.engine.dispose()
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/health")
