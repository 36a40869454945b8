"""The dashboard in a real headless browser (Debian chromium + chromedriver through selenium).

The link comes from the chat; the browser logs in, sees the pipeline and a chart, approves a story,
downloads a CSV and the rows are checked."""

from __future__ import annotations

import asyncio
import csv
import io
import os
import time
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.core.app import App
from bot.infra.models import Story
from tests.test_activities import make_aanjager
from tests.test_dashboard_web import seed
from tests.web_support import running_web

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
                                reason="needs Debian's chromium and chromium-driver "
                                       "(apt-get install chromium chromium-driver; .ci/run installs them)")


def browse(url: str, downloads: Path) -> dict[str, object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=390,844"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False,
                                              "intl.accept_languages": "nl-NL,nl"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.implicitly_wait(5)  # a click that navigates may return before the next page is there
    seen: dict[str, object] = {}
    try:
        driver.get(url)
        driver.find_element(By.ID, "login").click()
        seen["pipeline"] = driver.find_element(By.ID, "pipeline").text
        shots = os.environ.get("WIJKGIDS_SCREENSHOTS")
        if shots:  # to look at the phone layout by hand
            driver.save_screenshot(str(Path(shots) / "dashboard-phone.png"))
        driver.find_element(By.ID, "nav-signals").click()
        chart = driver.find_element(By.ID, "chart-presikhaaf")
        for _ in range(50):
            if driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth", chart):
                break
            time.sleep(0.1)
        seen["chart_width"] = driver.execute_script("return arguments[0].naturalWidth", chart)
        if shots:
            driver.set_window_size(1280, 900)
            driver.save_screenshot(str(Path(shots) / "signals-laptop.png"))
            driver.set_window_size(390, 844)
        driver.find_element(By.ID, "nav-stories").click()
        story = driver.find_element(By.CSS_SELECTOR, ".story")
        seen["story"] = story.text
        story.find_element(By.CSS_SELECTOR, "button[value=approve]").click()
        seen["decided"] = driver.find_element(By.ID, "decided").text
        driver.find_element(By.ID, "nav-activities").click()
        driver.find_element(By.ID, "csv-activiteiten").click()
        target = downloads / "activiteiten.csv"
        for _ in range(100):
            if target.exists():
                break
            time.sleep(0.1)
        seen["csv"] = target.read_bytes() if target.exists() else b""
        driver.find_element(By.ID, "logout").click()
        seen["after_logout"] = driver.find_element(By.ID, "refused").text
    finally:
        driver.quit()
    return seen


async def test_aanjager_uses_the_dashboard_in_a_browser(app: App, tmp_path: Path) -> None:
    seed(app)
    aanjager = await make_aanjager(app, "aanjager")
    async with running_web(app) as base:
        app.settings.web_base_url = base
        await aanjager.send("/dashboard")
        [url] = [word for word in aanjager.text.split() if word.startswith(base)]
        assert url == f"{base}/dashboard/login?token={await_token(aanjager.text)}"
        seen = await asyncio.to_thread(browse, url, tmp_path)
    assert "8\nNieuw" in str(seen["pipeline"]) and "Wacht lang" in str(seen["pipeline"])
    assert isinstance(seen["chart_width"], int) and seen["chart_width"] > 100
    assert "geveltuinen" in str(seen["story"]) and "Gepubliceerd" in str(seen["decided"])
    with Session(app.engine) as session:
        assert session.exec(select(Story)).one().review == "approved"
    data = seen["csv"]
    assert isinstance(data, bytes) and data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Wijk", "Datum", "Activiteit", "Wanneer", "Komen", "Misschien", "Helpen mee",
                       "Herinneringen verstuurd"]
    assert rows[1][0] == "Presikhaaf" and rows[1][2] == "Soep in het park" and rows[1][4] == "< 5"
    assert "Uitgelogd" in str(seen["after_logout"]) or "uitgelogd" in str(seen["after_logout"])


def await_token(text: str) -> str:
    return text.rsplit("token=", 1)[1].strip()


