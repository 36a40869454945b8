"""/vergeetmij erases (issue 24, finding 3): every text the person wrote (ideas, their descriptions, stories,
offers, relayed messages, contact details) is removed or anonymised, and every message by or about them that
still sits in the outbox is cancelled; afterwards no table holds any of their words, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.core.delivery import DeliveryWorker
from bot.core.events import Reply
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from bot.infra.models import Handover, HandoverStatus, Idea, OutboxMessage, OutboxStatus, User
from bot.services import handover as handover_loop
from bot.services.notify import notify
from tests.conftest import make_app
from tests.mail_support import ADDRESSES, WELZIJN, give_idea, with_emails
from tests.support import RecordingTransport, onboard
from tests.test_activities import make_aanjager
from tests.test_checkins import deliver, hand_over
from tests.test_ideas import hand_over_to_linked
from tests.test_offers import offer
from tests.test_privacy import rows_mentioning, user_id
from tests.web_support import free_port

MARKER = "Zebraspinazie"
PHONE = "0687654321"
MAIL = "bert.dewit@voorbeeld.nl"
STREET = "Kastanjelaan 12"


async def test_forget_me_leaves_none_of_their_words_anywhere(database_url: str, content: Content,
                                                             clock: ManualClock) -> None:
    # e-mail set up, but its server does not answer: e-mails stay queued
    app = make_app(database_url, with_emails(content, ADDRESSES), clock, smtp_host="127.0.0.1", smtp_port=free_port(),
                   smtp_security="none", smtp_from="wijkgids@gemeente.test", web_base_url="http://127.0.0.1:9")
    try:
        outbox = app.transports["console"]
        assert isinstance(outbox, RecordingTransport)
        await make_aanjager(app, "anja")
        # a story shared for review: the aanjager is asked (sent) and a second one waits in the outbox
        bert = await onboard(app, "bert")
        await hand_over(bert)
        if "Mag ik het zo versturen" in bert.text:  # the contact can be mailed here: keep it to ourselves
            await bert.press("Nee, geef mij")
        clock.advance(days=7)
        await deliver(app)
        bert.replies = [outbox.to("bert")[-1]]
        await bert.press("Gelukt")
        await bert.send(f"Met {MARKER} hebben we de speeltuin opgeknapt, bel {PHONE}")
        await bert.press("Ja, deel het")
        await DeliveryWorker(app).drain_all()
        # an idea handed to a contact who uses the bot, picked up, with messages and details both ways
        contact = await onboard(app, "contactpersoon")
        contact_id = app.content.fallback_contact("presikhaaf").id
        await hand_over_to_linked(app, bert, contact, contact_id, f"Koffie met {MARKER} op de {STREET}")
        await DeliveryWorker(app).drain_all()
        contact.replies = [outbox.to("contactpersoon")[-1]]
        await contact.press("help verder")
        bert_id = user_id(app, "bert")
        now = clock.now()
        with Session(app.engine) as session:
            record = session.exec(select(Handover).where(Handover.status == HandoverStatus.ACCEPTED)).one()
            handover_loop.share_details(app, session, record, by_contact=True, now=now)
            handover_loop.share_details(app, session, record, by_contact=False, now=now, details=f"{PHONE}, {MAIL}")
            assert handover_loop.relay(app, session, record, from_contact=False, text=f"Groet van {MARKER}", now=now,
                                       from_user_id=bert_id)
            # a message from bert to another resident (a relay between neighbours) that has not gone out yet
            anja = session.exec(select(User).where(User.external_id == "anja")).one()
            notify(app, session, anja, lambda: Reply(f"{MARKER} vraagt: kun je helpen?"), kind="help_message",
                   now=now, about=bert_id)
            session.commit()
        # an idea handed over by e-mail, waiting in the outbox
        give_idea(app, "bert", WELZIJN, text=f"Een moestuin van {MARKER}, mail {MAIL}")
        await offer(bert, hands=f"Fietsen maken met {MARKER}")

        needles = ["bert", MARKER, PHONE, MAIL, STREET]
        assert rows_mentioning(app, bert_id, needles)
        await bert.send("/vergeetmij")
        await bert.press("Ja, wis alles")
        assert "gewist" in bert.text
        assert rows_mentioning(app, bert_id, needles) == []
        with Session(app.engine) as session:
            kept = session.exec(select(Idea)).all()
            assert [(i.user_id, i.themes) for i in kept] == [(None, kept[0].themes)], "the picked-up idea stays"
            assert kept[0].text == "" and kept[0].themes, "anonymously: what it is about, not their words"
            waiting = session.exec(select(OutboxMessage).where(OutboxMessage.status == OutboxStatus.PENDING)).all()
            assert all(MARKER not in m.text for m in waiting)
        sent_before = len(outbox.sent)
        await DeliveryWorker(app).drain_all()
        assert all(MARKER not in reply.text for _chat, reply in outbox.sent[sent_before:])
    finally:
        app.engine.dispose()


async def test_notify_remembers_whom_a_message_is_about(database_url: str, content: Content,
                                                        clock: ManualClock) -> None:
    app = make_app(database_url, content, clock)
    try:
        await onboard(app, "anna")
        await onboard(app, "bob")
        with Session(app.engine) as session:
            anna = session.exec(select(User).where(User.external_id == "anna")).one()
            bob = session.exec(select(User).where(User.external_id == "bob")).one()
            message = notify(app, session, bob, lambda: Reply("hoi"), kind="relay", now=clock.now(), about=anna.id)
            session.commit()
            assert message.about_user_id == anna.id
    finally:
        app.engine.dispose()
