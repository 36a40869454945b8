"""Everything stored about a user: export (/mijngegevens) and erasure (/vergeetmij).

Both work from the table metadata: every column with a foreign key to `user.id`
marks rows about that user, so a table added by a new feature is covered
without touching this module. A few tables need more than "delete the rows":
those have an explicit rule in ANONYMISE.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Column, Table, delete, or_, select, update
from sqlmodel import Session, SQLModel, col

import bot.infra.models  # noqa: F401  (registers every table)
from bot.core.app import App
from bot.core.events import Reply
from bot.infra.crud import media as media_crud
from bot.infra.crud import users as users_crud
from bot.infra.i18n import ngettext
from bot.infra.models import Handover, HandoverStatus, Idea, OutboxMessage, User
from bot.services.due_jobs import Due, run_due
from bot.services.notify import notify

USER_TABLE = "user"


def user_columns() -> dict[str, list[Column[Any]]]:
    """For each table, the columns that point at a user."""
    found: dict[str, list[Column[Any]]] = {}
    for table in SQLModel.metadata.sorted_tables:
        columns = [c for c in table.columns for fk in c.foreign_keys if fk.column.table.name == USER_TABLE]
        if columns:
            found[table.name] = columns
    return found


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):  # a photo the user sent
        return base64.b64encode(value).decode("ascii")
    return value


def export(session: Session, *, user: User) -> dict[str, Any]:
    """All rows about the user, per table, as plain JSON-able data."""
    data: dict[str, Any] = {"user": {k: _plain(v) for k, v in user.model_dump().items()}}
    for name, columns in user_columns().items():
        table = _table(name)
        rows = session.execute(select(table).where(or_(*(c == user.id for c in columns)))).mappings()
        data[name] = [{k: _plain(v) for k, v in row.items()} for row in rows]
    return data


def export_json(session: Session, *, user: User) -> bytes:
    return json.dumps(export(session, user=user), ensure_ascii=False, indent=2, default=str).encode("utf-8")


IDEA_WORDS = ("text", "has", "knows", "picture", "first_step", "beheer", "call", "appreciation", "shared_text")
"""The idea's columns in the resident's own words: gone with them, also from an idea a contact works with."""


def _anonymise_ideas(session: Session, user_id: int) -> None:
    """Ideas a contact already works with keep an anonymous summary (wijk, themes, needs, status: what it is
    about, never the resident's words or details); the rest goes, with the handover requests that quoted them."""
    handover_ids = session.execute(
        select(col(Handover.id)).join(Idea, col(Idea.id) == col(Handover.idea_id)).where(col(Idea.user_id) == user_id)
    ).scalars().all()
    if handover_ids:
        refs = [f"handover:{h}" for h in handover_ids]
        session.execute(delete(OutboxMessage).where(col(OutboxMessage.ref).in_(refs)))
    picked_up = select(col(Handover.idea_id)).where(col(Handover.status) == HandoverStatus.ACCEPTED)
    kept = select(col(Idea.id)).where(col(Idea.user_id) == user_id, col(Idea.id).in_(picked_up))
    session.execute(update(Handover).where(col(Handover.idea_id).in_(kept)).values(initiator_details=None))
    session.execute(
        update(Idea)
        .where(col(Idea.user_id) == user_id, col(Idea.id).in_(picked_up))
        .values(user_id=None, step=None, **dict.fromkeys(IDEA_WORDS, ""))
    )
    session.execute(delete(Idea).where(col(Idea.user_id) == user_id))


def _unlink_contact(session: Session, user_id: int) -> None:
    """A contact person who leaves: the initiators keep their handover history, without them."""
    session.execute(update(Handover).where(col(Handover.contact_user_id) == user_id).values(contact_user_id=None))


ANONYMISE: dict[str, Callable[[Session, int], None]] = {"idea": _anonymise_ideas, "handover": _unlink_contact}


def forget(session: Session, *, user: User) -> None:
    """Deletes or anonymises every row about the user, then the user; the caller commits."""
    assert user.id is not None
    user_id = user.id
    for name, columns in user_columns().items():
        rule = ANONYMISE.get(name)
        if rule is not None:
            rule(session, user_id)
            continue
        table = _table(name)
        session.execute(delete(table).where(or_(*(c == user_id for c in columns))))
    session.execute(delete(_table(USER_TABLE)).where(_table(USER_TABLE).c.id == user_id))
    session.expunge_all()


# --- retention: data of people who stopped using the bot -----------------------------------------------------
def _retention_notice(days: int) -> Reply:
    return Reply(ngettext("Hello! You haven't used Wijkgids for a long time. To protect your privacy I will erase "
                          "your data in {days} day. Want to keep it? Just send me a message.",
                          "Hello! You haven't used Wijkgids for a long time. To protect your privacy I will erase "
                          "your data in {days} days. Want to keep it? Just send me a message.", days).format(days=days))


def _warn(due: Due, user: User) -> None:
    user.retention_notice_at = due.now
    if not user.unreachable:
        notify(due.app, due.session, user, partial(_retention_notice, due.app.settings.retention_notice_days),
               kind="retention", now=due.now)


async def enforce_retention(app: App) -> None:
    """Periodic job: inactive users get one notice; still inactive a month later, their data is erased. Photos
    sent for a draft that was given up are deleted too."""
    settings = app.settings
    await run_due(app, lambda session, now: users_crud.inactive(
        session, since=now - timedelta(days=settings.retention_days), noticed=False), _warn)
    await run_due(app, lambda session, now: users_crud.inactive(
        session, since=now - timedelta(days=settings.retention_days), noticed=True,
        noticed_before=now - timedelta(days=settings.retention_notice_days), limit=100),
        lambda due, user: forget(due.session, user=user),
        then=lambda due: media_crud.delete_unused(due.session, now=due.now))
