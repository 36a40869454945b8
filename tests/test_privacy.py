"""/mijngegevens, /toestemming, /vergeetmij and retention: nothing about a user stays behind."""

from __future__ import annotations

import base64
import json
from datetime import timedelta

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from bot.core.app import App
from bot.core.delivery import DeliveryWorker
from bot.core.scheduling import run_due_jobs
from bot.infra.clock import ManualClock
from bot.infra.crud import media as media_crud
from bot.infra.models import Activity, Consent, Idea, Media, User
from bot.infra.photos import prepare
from bot.services import privacy
from tests.photo_support import phone_photo
from tests.support import Chat, RecordingTransport, onboard
from tests.test_ideas import hand_over_to_linked, walk_to_summary

MARKER = "Zebraspinazie"


def rows_mentioning(app: App, user_id: int, needles: list[str]) -> list[str]:
    """EVERY column of EVERY table, whatever its type (sqlmodel's AutoString is no sqlalchemy String, JSON holds
    text too): a reference to the user, or any of their strings, is reported."""
    found: list[str] = []
    with Session(app.engine) as session:
        for table in SQLModel.metadata.sorted_tables:
            user_cols = {c.name for c in table.columns for fk in c.foreign_keys if fk.column.table.name == "user"}
            if table.name == "user":
                user_cols = {"id"}
            for row in session.execute(select(table)).mappings():
                for name, value in row.items():
                    if name in user_cols and value == user_id:
                        found.append(f"{table.name}.{name} = the user")
                    text = value if isinstance(value, str) else json.dumps(value, default=str, ensure_ascii=False)
                    found += [f"{table.name}.{name}: {needle!r}" for needle in needles if needle in text]
    return found


def user_id(app: App, name: str) -> int:
    with Session(app.engine) as session:
        user = session.execute(select(User).where(User.external_id == name)).scalar_one()
        assert user.id is not None
        return user.id


async def test_my_data_gives_summary_and_json(app: App) -> None:
    chat = await onboard(app, "anna")
    await walk_to_summary(chat, f"Een {MARKER}-festival")
    await chat.send("/mijngegevens")
    [reply] = chat.replies
    assert "ideeën: 1" in reply.text and "Presikhaaf" in reply.text
    assert reply.attachment is not None and reply.attachment.filename.endswith(".json")
    data = json.loads(reply.attachment.content)
    assert data["user"]["external_id"] == "anna"
    assert data["idea"][0]["text"] == f"Een {MARKER}-festival"
    assert [c["purpose"] for c in data["consent"]] == ["store"]


async def test_forget_me_leaves_nothing_identifying(any_db_app: App, outbox: RecordingTransport) -> None:
    app = any_db_app
    resident = await onboard(app, "bert")
    contact = await onboard(app, "contactpersoon")
    await hand_over_to_linked(app, resident, contact, app.content.fallback_contact("presikhaaf").id,
                              f"Koffie met {MARKER}")
    await resident.send("/idee")
    await resident.send(f"Nog een {MARKER} idee")
    bert = user_id(app, "bert")
    assert rows_mentioning(app, bert, ["bert", MARKER])

    await resident.send("/vergeetmij")
    await resident.press("Nee")
    assert rows_mentioning(app, bert, ["bert", MARKER])
    await resident.send("/vergeetmij")
    await resident.press("Ja, wis alles")
    assert "gewist" in resident.text
    assert rows_mentioning(app, bert, ["bert", MARKER]) == []
    assert user_id(app, "contactpersoon"), "other users stay"

    again = Chat(app, "bert")
    await again.send("hallo")
    assert again.labels == [
        "Nederlands", "English", "Türkçe", "العربية", "Polski", "Українська"], "a deleted user starts fresh"


async def test_forget_keeps_picked_up_idea_anonymously(app: App, outbox: RecordingTransport) -> None:
    resident = await onboard(app, "carla")
    contact = await onboard(app, "aanjager")
    await hand_over_to_linked(app, resident, contact, app.content.fallback_contact("presikhaaf").id,
                              "Een koffieochtend in het park")
    await DeliveryWorker(app).drain_all()
    contact.replies = [outbox.to("aanjager")[-1]]
    await contact.press("help verder")
    await resident.send("/vergeetmij")
    await resident.press("Ja, wis alles")
    with Session(app.engine) as session:
        [idea] = session.execute(select(Idea)).scalars().all()
        assert (idea.user_id, idea.text, idea.knows, idea.has) == (None, "", "", ""), "their words go (issue 24)"
        assert idea.themes and idea.needs, "what it is about stays, for the contact and the figures"
        assert idea.picture == "", "how the resident pictured it may name people: it goes too"


async def test_consent_per_purpose_with_timestamp(app: App, clock: ManualClock) -> None:
    chat = await onboard(app, "dirk")
    await chat.send("/toestemming")
    await chat.press("succesverhaal")
    assert any(label.startswith("✅") and "succesverhaal" in label for label in chat.labels)
    await chat.press("succesverhaal")
    await chat.press("bewaren")
    assert "/vergeetmij" in chat.text
    with Session(app.engine) as session:
        assert session.execute(select(Consent)).scalars().all() == []
    await chat.press("Klaar")
    await chat.send("/idee")
    assert "Is dat goed?" in chat.text, "without consent to store, ideas ask for it first"


async def test_every_user_table_is_covered() -> None:
    covered = privacy.user_columns()
    for table in SQLModel.metadata.sorted_tables:
        references_user = any(fk.column.table.name == "user" for c in table.columns for fk in c.foreign_keys)
        assert references_user == (table.name in covered), table.name


async def test_retention_notice_then_erasure(app: App, clock: ManualClock, outbox: RecordingTransport) -> None:
    await onboard(app, "eva")
    active = await onboard(app, "fleur")
    clock.advance(days=549)
    await active.send("/menu")
    await run_due_jobs(app)
    await DeliveryWorker(app).drain_all()
    assert "lang" in outbox.to("eva")[-1].text and outbox.to("fleur") == []
    clock.advance(days=31)
    await run_due_jobs(app)
    with Session(app.engine) as session:
        names = session.execute(select(User.external_id)).scalars().all()
    assert names == ["fleur"]


async def test_coming_back_after_notice_keeps_data(app: App, clock: ManualClock) -> None:
    chat = await onboard(app, "gijs")
    clock.advance(days=549)
    await run_due_jobs(app)
    await chat.send("/menu")
    clock.advance(days=31)
    await run_due_jobs(app)
    assert user_id(app, "gijs")
    clock.set(clock.now() + timedelta(days=1))


async def test_photos_are_in_the_export_and_go_with_the_user(app: App, clock: ManualClock) -> None:
    """A flyer an organiser sent is theirs: /mijngegevens contains it, /vergeetmij deletes it."""
    chat = await onboard(app, "carla")
    carla = user_id(app, "carla")
    with Session(app.engine) as session:
        media = media_crud.keep(session, user_id=carla, photo=prepare(phone_photo(640, 480)), now=clock.now())
        activity = Activity(wijk_id="presikhaaf", created_by=carla, title="Buurtbarbecue", starts_at=clock.now(),
                            photo_id=media.id, created_at=clock.now())
        session.add(activity)
        session.commit()
        kept, activity_id = media.content, activity.id
    await chat.send("/mijngegevens")
    data = json.loads(chat.replies[0].attachment.content)  # type: ignore[union-attr]
    assert [base64.b64decode(m["content"]) for m in data["media"]] == [kept]

    await chat.send("/vergeetmij")
    await chat.press("Ja, wis alles")
    with Session(app.engine) as session:
        assert session.execute(select(Media)).all() == []
        assert session.get(Activity, activity_id) is None


async def test_a_photo_of_a_draft_given_up_is_deleted_after_two_weeks(app: App, clock: ManualClock) -> None:
    await onboard(app, "dirk")
    dirk = user_id(app, "dirk")
    with Session(app.engine) as session:
        given_up = media_crud.keep(session, user_id=dirk, photo=prepare(phone_photo(64, 48)), now=clock.now())
        used = media_crud.keep(session, user_id=dirk, photo=prepare(phone_photo(64, 48)), now=clock.now())
        session.add(Activity(wijk_id="presikhaaf", created_by=dirk, title="Koffie", starts_at=clock.now(),
                             photo_id=used.id, created_at=clock.now()))
        session.commit()
        ids = (given_up.id, used.id)
    clock.advance(days=13)
    await run_due_jobs(app)
    with Session(app.engine) as session:
        assert [m.id for m in session.execute(select(Media)).scalars()] == list(ids), "a draft may come back"
    clock.advance(days=2)
    await run_due_jobs(app)
    with Session(app.engine) as session:
        assert [m.id for m in session.execute(select(Media)).scalars()] == [ids[1]]
