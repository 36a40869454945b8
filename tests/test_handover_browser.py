"""One real headless browser (Debian's chromium + chromedriver, Selenium): the contact opens the link from
the e-mail, says "ik help verder", writes a question; the resident receives it in the chat."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.infra.clock import ManualClock
from bot.infra.content import Content
from tests.mail_support import ADDRESSES, WELZIJN, Loop, give_idea, links_of, running_loop
from tests.support import onboard

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)",
)


@pytest.fixture
def browser() -> Iterator[object]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=390,844",
                     "--lang=nl"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or CHROMIUM
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
async def loop(sqlite_url: str, content: Content, clock: ManualClock, tmp_path: Path) -> AsyncIterator[Loop]:
    async with running_loop(sqlite_url, content, clock, tmp_path) as running:
        yield running


async def test_contact_accepts_and_asks_in_a_real_browser(loop: Loop, browser: object, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver = browser
    await onboard(loop.app, "ria")
    give_idea(loop.app, "ria", WELZIJN)
    await loop.deliver()
    urls = links_of(loop.sink.to(ADDRESSES[WELZIJN])[0])

    def wait(by: str, value: str) -> object:
        """The page after a click: wait until it has loaded instead of racing it."""
        return WebDriverWait(driver, 20).until(expected_conditions.presence_of_element_located((by, value)))

    def accept_and_ask() -> tuple[str, str]:
        driver.get(urls["Ik help verder"])  # type: ignore[attr-defined]
        assert "moestuin" in driver.find_element(By.ID, "idea").text  # type: ignore[attr-defined]
        driver.find_element(By.ID, "confirm").click()  # type: ignore[attr-defined]
        accepted = wait(By.ID, "done").text
        driver.get(urls["Vraag stellen"])  # type: ignore[attr-defined]
        driver.find_element(By.ID, "text").send_keys("Wanneer zullen we bellen?")  # type: ignore[attr-defined]
        driver.find_element(By.ID, "confirm").click()  # type: ignore[attr-defined]
        sent = wait(By.ID, "done").text
        driver.save_screenshot(str(tmp_path / "sent.png"))  # type: ignore[attr-defined]
        return accepted, sent

    accepted, sent = await asyncio.to_thread(accept_and_ask)
    assert "Fijn dat je verder helpt" in accepted
    assert "Verstuurd" in sent
    await loop.deliver()
    texts = [r.text for r in loop.outbox.to("ria")]
    assert any("Goed nieuws" in t for t in texts)
    assert "Wanneer zullen we bellen?" in texts[-1]
