"""E-mail handover end to end: a real SMTP server, the real web server, an HTTP client following the links."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from itsdangerous import TimestampSigner
from sqlmodel import Session, select

from bot.core.app import App
from bot.infra import links
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.models import OutboxMessage
from bot.infra.signing_key import web_secret
from tests.mail_support import (
    AANJAGER,
    ADDRESSES,
    WELZIJN,
    WIJKMANAGER,
    Loop,
    give_idea,
    handover,
    html_part,
    links_of,
    running_loop,
    text_part,
)
from tests.support import onboard
from tests.test_ideas import walk_to_summary

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
async def loop(sqlite_url: str, content: Content, clock: ManualClock, tmp_path: Path) -> AsyncIterator[Loop]:
    async with running_loop(sqlite_url, content, clock, tmp_path) as running:
        yield running


async def post_form(client: httpx.AsyncClient, url: str, **fields: str) -> httpx.Response:
    page = await client.get(url)
    assert page.status_code == 200, page.text
    token = CSRF.search(page.text)
    assert token, "every form carries a CSRF token"
    return await client.post(url, data={"csrf_token": token.group(1), **fields})


async def test_ja_stuur_maar_door_mails_a_contact_without_a_chat(loop: Loop) -> None:
    resident = await onboard(loop.app, "gijs")
    await walk_to_summary(resident)
    await resident.press("Iets van een organisatie")
    await resident.send("weet ik nog niet")
    await resident.press(loop.app.content.contacts[AANJAGER].name)
    await resident.press("Klaar")
    await resident.press("Ja, stuur")
    assert "Binnen 5 dagen" in resident.text
    await loop.deliver()

    [mail] = loop.sink.to(ADDRESSES[AANJAGER])
    assert "Presikhaaf" in mail["Subject"] and mail["From"] == "wijkgids@gemeente.test"
    text, html = text_part(mail), html_part(mail)
    assert "koffieochtend" in text and "koffieochtend" in html
    assert "gijs" not in text.lower() and "gijs" not in html.lower()
    assert "helpt verder" in text and "pak het op" not in text
    assert set(links_of(mail)) == {"Ik help verder", "Geef door aan…", "Vraag stellen", "Past niet bij mij"}
    for url in links_of(mail).values():
        assert url in html
    with Session(loop.app.engine) as session:
        [row] = session.exec(select(OutboxMessage).where(OutboxMessage.channel == "email")).all()
        assert row.status == "sent" and row.user_id is None
    await loop.deliver()
    assert len(loop.sink.messages) == 1, "exactly once"

    await resident.send("/mijnideeen")
    assert "Bij " in resident.text and "sinds" in resident.text and "wacht op reactie" in resident.text


async def test_accept_then_question_and_conversation_both_ways(loop: Loop) -> None:
    resident = await onboard(loop.app, "ria")
    handover_id = give_idea(loop.app, "ria", WELZIJN)
    await loop.deliver()
    [mail] = loop.sink.to(ADDRESSES[WELZIJN])
    urls = links_of(mail)
    async with httpx.AsyncClient() as client:
        page = await client.get(urls["Ik help verder"])
        assert page.status_code == 200 and "moestuin" in page.text
        assert handover(loop.app, handover_id).status == "waiting", "a GET changes nothing"

        forged = await client.post(urls["Ik help verder"], data={"csrf_token": "forged"})
        assert forged.status_code == 403
        no_cookie = await httpx.AsyncClient().post(urls["Ik help verder"],
                                                   data={"csrf_token": CSRF.search(page.text).group(1)})  # type: ignore[union-attr]
        assert no_cookie.status_code == 403
        assert handover(loop.app, handover_id).status == "waiting"

        done = await post_form(client, urls["Ik help verder"])
        assert done.status_code == 200 and "Fijn dat je verder helpt" in done.text
        assert handover(loop.app, handover_id).status == "accepted"
        again = await client.post(urls["Ik help verder"], data={"csrf_token": CSRF.search(page.text).group(1)})  # type: ignore[union-attr]
        assert "Je helpt al verder" in again.text
        await loop.deliver()
        news = [r for r in loop.outbox.to("ria") if "Goed nieuws" in r.text]
        assert len(news) == 1, "a double click tells the resident once"

        asked = await post_form(client, urls["Vraag stellen"], text="Hoeveel mensen willen meedoen?")
        assert "Verstuurd" in asked.text
        await loop.deliver()
        question = loop.outbox.to("ria")[-1]
        assert "Hoeveel mensen willen meedoen?" in question.text
        assert "opbouwwerk@wijk.test" not in question.text

        resident.replies = [question]
        await resident.press("Antwoorden")
        await resident.send("Een man of tien, denk ik")
        assert "Dit gaan ze lezen" in resident.text
        await resident.press("Ja, stuur")
        assert "Verstuurd" in resident.text
        await loop.deliver()
        answer_mail = loop.sink.to(ADDRESSES[WELZIJN])[-1]
        assert "Een man of tien" in text_part(answer_mail)
        talk_url = links_of(answer_mail)["Schrijf de bewoner"]
        talk = await client.get(talk_url)
        assert "Een man of tien" in talk.text and "Hoeveel mensen" in talk.text

        sent = await post_form(client, talk_url, text="Mooi, ik neem contact op met het buurthuis.", do="send")
        assert "Verstuurd" in sent.text
        await loop.deliver()
        assert "buurthuis" in loop.outbox.to("ria")[-1].text

        shared = await post_form(client, talk_url, do="share")
        assert "Genoteerd" in shared.text
        resident.replies = [loop.outbox.to("ria")[-1]]
        await resident.press("Contactgegevens delen")
        await resident.send("ria@thuis.test")
        assert "elkaars gegevens" in resident.text
        await loop.deliver()
        assert "ria@thuis.test" in text_part(loop.sink.to(ADDRESSES[WELZIJN])[-1])
        assert ADDRESSES[WELZIJN] in loop.outbox.to("ria")[-1].text

        closed = await post_form(client, talk_url, do="close")
        assert "gesloten" in closed.text
        await loop.deliver()
        assert "gesloten" in loop.outbox.to("ria")[-1].text
        after = await client.get(talk_url)
        assert 'name="text"' not in after.text


async def test_pass_on_and_decline_links(loop: Loop) -> None:
    await onboard(loop.app, "bas")
    handover_id = give_idea(loop.app, "bas", WELZIJN)
    await loop.deliver()
    urls = links_of(loop.sink.to(ADDRESSES[WELZIJN])[0])
    async with httpx.AsyncClient() as client:
        page = await client.get(urls["Geef door aan…"])
        assert loop.app.content.contacts[WIJKMANAGER].name in page.text
        assert loop.app.content.contacts[WELZIJN].name not in page.text.split("<select")[1], "not to oneself"
        wrong = await post_form(client, urls["Geef door aan…"], to="no-such-contact")
        assert wrong.status_code == 400 and "Kies wie" in wrong.text
        passed = await post_form(client, urls["Geef door aan…"], to=WIJKMANAGER, text="Dit is echt iets voor jou")
        assert "Doorgegeven" in passed.text
        assert handover(loop.app, handover_id).status == "passed_on"
        await loop.deliver()
        [to_manager] = loop.sink.to(ADDRESSES[WIJKMANAGER])
        assert "Dit is echt iets voor jou" in text_part(to_manager)
        assert loop.app.content.contacts[WIJKMANAGER].name in loop.outbox.to("bas")[-1].text

        used = await client.get(urls["Ik help verder"])
        assert "al gebruikt" in used.text

        declined = await post_form(client, links_of(to_manager)["Past niet bij mij"])
        assert "Dank je voor het laten weten" in declined.text
        await loop.deliver()
        [to_fallback] = loop.sink.to(ADDRESSES[AANJAGER])
        assert "moestuin" in text_part(to_fallback)
        update = loop.outbox.to("bas")[-1].text
        assert "Eerlijk" in update and loop.app.content.contacts[AANJAGER].name in update


async def test_expired_tampered_and_foreign_links_get_a_clear_page(loop: Loop) -> None:
    await onboard(loop.app, "els")
    handover_id = give_idea(loop.app, "els", WELZIJN)
    await loop.deliver()
    accept_url = links_of(loop.sink.to(ADDRESSES[WELZIJN])[0])["Ik help verder"]
    secret = web_secret(loop.app.settings)

    class LongAgo(TimestampSigner):
        def get_timestamp(self) -> int:
            return super().get_timestamp() - 31 * 86400

    old = links._serializer(secret)
    old.signer = LongAgo  # type: ignore[assignment]
    expired_url = f"{loop.base}/h/{old.dumps([handover_id, 'accept'])}"
    token = accept_url.split("?")[0].rsplit("/", 1)[1]
    tampered_url = f"{loop.base}/h/{token[:-3]}{'AAA' if not token.endswith('AAA') else 'BBB'}"
    other_id_url = f"{loop.base}/h/{links.make_token('not-our-secret', handover_id, links.LinkAction.ACCEPT)}"
    async with httpx.AsyncClient() as client:
        expired = await client.get(expired_url)
        assert expired.status_code == 410 and "verlopen" in expired.text
        assert (await client.get(tampered_url)).status_code == 400
        assert "klopt niet" in (await client.get(other_id_url)).text
        english = await client.get(expired_url, headers={"Accept-Language": "en"})
        assert "This link has expired" in english.text
        page = await client.get(accept_url)
        post = await client.post(expired_url, data={"csrf_token": CSRF.search(page.text).group(1)})  # type: ignore[union-attr]
        assert post.status_code == 410
    assert handover(loop.app, handover_id).status == "waiting"


async def test_without_smtp_the_bot_does_not_ask_to_pass_it_on(app: App) -> None:
    """It never asks permission for what it cannot do (issue 26): without a linked chat or mail, how to reach them."""
    resident = await onboard(app, "tom")
    await walk_to_summary(resident)
    await resident.press("Iets van een organisatie")
    await resident.send("weet ik nog niet")
    await resident.press(app.content.contacts[AANJAGER].name)
    await resident.press("Klaar")
    assert "Mag ik het zo versturen" not in resident.text
    assert "Zo bereik je" in resident.text


async def test_linked_contact_lists_what_waits(loop: Loop) -> None:
    from tests.test_ideas import link

    await onboard(loop.app, "noor")
    contact = await onboard(loop.app, "wijkmanager")
    await link(loop.app, contact, WIJKMANAGER)
    give_idea(loop.app, "noor", WIJKMANAGER, text="Een bankje bij de speeltuin")
    await contact.send("/wacht")
    assert "1 idee wacht op je" in contact.text and "bankje" in contact.text
    await contact.press("Ik help verder")
    assert "Fijn dat je verder helpt" in contact.text
    await contact.send("/waiting")
    assert "Je helpt verder met" in contact.text
    assert "Antwoorden" in " ".join(contact.labels)
    assert not loop.sink.messages, "a linked contact gets it in the chat, not by e-mail"


def test_help_and_chat_wording_never_takes_the_idea_over() -> None:
    po = (Path(__file__).resolve().parent.parent / "locales/nl/LC_MESSAGES/wijkgids.po").read_text()
    assert "pak het op" not in po.lower() and "opgepakt" not in po.lower()


async def test_the_mail_and_its_pages_are_in_the_contacts_language(loop: Loop) -> None:
    contacts = loop.app.content.contacts
    contacts[WIJKMANAGER] = contacts[WIJKMANAGER].model_copy(update={"languages": ["en", "nl"]})
    await onboard(loop.app, "ann")
    give_idea(loop.app, "ann", WIJKMANAGER)
    await loop.deliver()
    [mail] = loop.sink.to(ADDRESSES[WIJKMANAGER])
    assert mail["Subject"] == "An idea from a resident of Presikhaaf"
    assert "Hello" in text_part(mail) and "I'll help further" in text_part(mail)
    async with httpx.AsyncClient() as client:
        page = await client.get(links_of(mail)["I'll help further"], headers={"Accept-Language": "nl"})
        assert "Will you help this resident further?" in page.text
        dutch = await client.get(links_of(mail)["I'll help further"].split("?")[0] + "?lang=nl")
        assert "Help je deze bewoner verder?" in dutch.text


async def test_mail_server_down_is_retried_and_sent_once(sqlite_url: str, content: Content, clock: ManualClock,
                                                        tmp_path: Path) -> None:
    from aiosmtpd.controller import Controller

    from bot.core.delivery import DeliveryWorker
    from tests.conftest import make_app
    from tests.mail_support import Sink, with_emails
    from tests.web_support import free_port

    smtp_port = free_port()
    app = make_app(sqlite_url, with_emails(content, ADDRESSES), clock, smtp_host="127.0.0.1", smtp_port=smtp_port,
                   smtp_security="none", smtp_from="wijkgids@gemeente.test", web_base_url="http://127.0.0.1:9",
                   data_dir=tmp_path, email_rate_per_s=1000)
    try:
        await onboard(app, "pim")
        give_idea(app, "pim", WELZIJN, text="Een <b>buurtfeest</b> & muziek")
        await DeliveryWorker(app).drain_all()
        with Session(app.engine) as session:
            [row] = session.exec(select(OutboxMessage).where(OutboxMessage.channel == "email")).all()
            assert (row.status, row.attempts) == ("pending", 1) and row.error
        sink = Sink()
        controller = Controller(sink, hostname="127.0.0.1", port=smtp_port)
        controller.start()
        try:
            clock.advance(minutes=1)
            await DeliveryWorker(app).drain_all()
            clock.advance(minutes=10)
            await DeliveryWorker(app).drain_all()
        finally:
            controller.stop()
        [mail] = sink.messages
        assert "&lt;b&gt;buurtfeest&lt;/b&gt; &amp; muziek" in html_part(mail), "resident text is escaped in HTML"
        assert "<b>buurtfeest</b> & muziek" in text_part(mail)
        assert mail["Message-ID"] == f"<wijkgids-outbox-{row.id}@gemeente.test>"
    finally:
        app.engine.dispose()


async def test_relay_masks_contact_details_until_both_agree(app: App) -> None:
    from bot.core.delivery import DeliveryWorker
    from tests.support import RecordingTransport
    from tests.test_ideas import link

    outbox = app.transports["console"]
    assert isinstance(outbox, RecordingTransport)
    resident = await onboard(app, "ria")
    contact = await onboard(app, "opbouwwerker")
    await link(app, contact, WELZIJN)
    give_idea(app, "ria", WELZIJN)
    await DeliveryWorker(app).drain_all()
    contact.replies = [outbox.to("opbouwwerker")[-1]]
    await contact.press("Ik help verder")
    await contact.press("Antwoorden")
    await contact.send("Mail me op jan@welzijn.test of bel 026 1234567")
    await DeliveryWorker(app).drain_all()
    relayed = outbox.to("ria")[-1]
    assert "jan@welzijn.test" not in relayed.text and "1234567" not in relayed.text and "[…]" in relayed.text

    resident.replies = [relayed]
    await resident.press("Contactgegevens delen")
    await resident.send("06 98765432")
    await DeliveryWorker(app).drain_all()
    assert "98765432" not in outbox.to("opbouwwerker")[-1].text, "not before the contact agrees too"
    contact.replies = [outbox.to("opbouwwerker")[-1]]
    await contact.press("Contactgegevens delen")
    await DeliveryWorker(app).drain_all()
    assert "06 98765432" in outbox.to("opbouwwerker")[-1].text
    resident.replies = [outbox.to("ria")[-1]]
    await resident.press("Antwoorden")
    await resident.send("Bel me gerust: 06 98765432")
    await DeliveryWorker(app).drain_all()
    assert "06 98765432" in outbox.to("opbouwwerker")[-1].text, "after both agreed, details may cross"
