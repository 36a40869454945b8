"""What crosses is what the resident approved (issue 24, finding 2): before an idea or a message goes to a
contact or a neighbour, the resident sees exactly the text that will be read and can change it; that text is
kept and used for chat, e-mail, the contact's link page and dashboard, never recomputed differently."""

from __future__ import annotations

from pathlib import Path

import httpx
from sqlmodel import Session, select

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.models import Handover, Idea, OutboxMessage
from tests.mail_support import AANJAGER, ADDRESSES, html_part, links_of, running_loop, text_part
from tests.support import RecordingTransport, onboard
from tests.test_dashboard_web import link_of, log_in
from tests.test_ideas import hand_over_to_linked, link, walk_to_summary
from tests.web_support import running_web

IDEA = ("Een moestuin op het plein. Bel mij op 0612345678 of mail anna.jansen@example.nl, ik woon op de "
        "Kastanjelaan 12. Buurman Piet: 0687654321")
PERSONAL = ("0612345678", "anna.jansen@example.nl", "Kastanjelaan", "0687654321")


def _preview(text: str) -> str:
    """The card between "… will read:" and the question under it."""
    return text.split("lezen:\n\n", 1)[1].rsplit("\n\nMag ik", 1)[0]


async def test_the_contact_reads_exactly_what_the_resident_approved(sqlite_url: str, content: Content,
                                                                    clock: ManualClock, tmp_path: Path) -> None:
    async with running_loop(sqlite_url, content, clock, tmp_path) as loop:
        anna = await onboard(loop.app, "anna")
        await walk_to_summary(anna, IDEA)
        await anna.press("Meedenken met de verbinder")
        assert "Dit gaat" in anna.text and "lezen:" in anna.text, "the resident sees what the contact will read"
        first = _preview(anna.text)
        assert "Een moestuin op het plein" in first and not any(p in first for p in PERSONAL)
        assert not loop.sink.messages and not _queued(loop.app), "nothing goes before a yes"

        await anna.press("Tekst aanpassen")
        await anna.send("Een moestuin op het plein, voor iedereen. Mail me gerust: anna.jansen@example.nl")
        approved = _preview(anna.text)
        assert "voor iedereen" in approved and "anna.jansen" not in approved, "redaction: the second line"
        await anna.press("Ja, stuur")
        await loop.deliver()

        [mail] = loop.sink.to(ADDRESSES[AANJAGER])
        assert approved in text_part(mail).replace("\r\n", "\n"), "the e-mail carries the approved card, word for word"
        for part in (text_part(mail), html_part(mail), str(mail["Subject"])):
            assert not any(p in part for p in PERSONAL) and "Bel mij" not in part
        async with httpx.AsyncClient() as client:
            page = (await client.get(links_of(mail)["Ik help verder"])).text
        assert "voor iedereen" in page and not any(p in page for p in PERSONAL) and "Bel mij" not in page
        with Session(loop.app.engine) as session:
            idea = session.exec(select(Idea)).one()
            assert idea.shared_text and idea.shared_text in approved, "kept, not recomputed at send time"
            assert idea.text == IDEA, "the resident's own idea stays theirs, unchanged"


def _queued(app: App) -> list[OutboxMessage]:
    with Session(app.engine) as session:
        return list(session.exec(select(OutboxMessage)))


async def test_a_message_to_the_contact_shows_the_exact_text_and_needs_a_yes(app: App,
                                                                             outbox: RecordingTransport) -> None:
    resident = await onboard(app, "bert")
    contact = await onboard(app, "contactpersoon")
    await hand_over_to_linked(app, resident, contact, app.content.fallback_contact("presikhaaf").id)
    await DeliveryWorker(app).drain_all()
    card = outbox.to("contactpersoon")[-1].text
    contact.replies = [outbox.to("contactpersoon")[-1]]
    await contact.press("help verder")
    with Session(app.engine) as session:
        record = session.exec(select(Handover)).one()
    before = len(outbox.to("contactpersoon"))
    await resident.press_data(f"!ho:ask:{record.id}")
    await resident.send("Zullen we bellen? 0612345678, groet Bert")
    assert "Dit gaan ze lezen" in resident.text and "0612345678" not in resident.text
    shown = resident.text.split("“", 1)[1].split("”", 1)[0]
    await DeliveryWorker(app).drain_all()
    assert len(outbox.to("contactpersoon")) == before, "nothing goes before a yes"
    await resident.press("Tekst aanpassen")
    await resident.send("Zullen we zaterdag bellen?")
    shown = resident.text.split("“", 1)[1].split("”", 1)[0]
    await resident.press("Ja, stuur")
    await DeliveryWorker(app).drain_all()
    relayed = outbox.to("contactpersoon")[-1].text
    assert f"“{shown}”" in relayed and shown == "Zullen we zaterdag bellen?"
    assert "💡 Het idee" in card, "the request the contact got was the card the resident saw"

    await resident.press_data(f"!ho:ask:{record.id}")
    await resident.send("Tot zaterdag!")
    await resident.press("Niet versturen")
    await DeliveryWorker(app).drain_all()
    assert outbox.to("contactpersoon")[-1].text == relayed, "no means nothing is sent"


async def test_chat_and_dashboard_show_the_same_approved_card(app: App, outbox: RecordingTransport) -> None:
    app.settings.web_base_url = "http://127.0.0.1"
    resident = await onboard(app, "anna")
    contact = await onboard(app, "contactpersoon")
    contact_id = app.content.fallback_contact("presikhaaf").id
    await link(app, contact, contact_id)
    await walk_to_summary(resident, IDEA)
    await resident.press("Iets van een organisatie")
    await resident.send("weet ik nog niet")
    await resident.press(app.content.contacts[contact_id].name)
    await resident.press("Klaar")
    approved = _preview(resident.text)
    await resident.press("Ja, stuur")
    await DeliveryWorker(app).drain_all()
    [request] = outbox.to("contactpersoon")[-1:]
    assert approved in request.text and not any(p in request.text for p in PERSONAL)
    async with running_web(app) as base, httpx.AsyncClient(base_url=base) as client:
        await log_in(client, await link_of(contact))
        page = (await client.get("/dashboard")).text
    assert "Een moestuin op het plein. Bel mij op […]" in page, "the approved words, as the resident saw them"
    assert not any(p in page for p in PERSONAL)
