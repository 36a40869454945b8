"""The alembic migrations create exactly the tables the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

import bot.infra.models  # noqa: F401
from bot.infra import db


def test_migrations_match_models(empty_database_url: str) -> None:
    engine = db.make_engine(empty_database_url)
    db.upgrade(engine)
    db.upgrade(engine)  # idempotent
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    engine.dispose()
    assert differences == [], "a model changed without a migration: run alembic revision --autogenerate"



PREVIOUS_HEADS = ("0011_i12_ideaflow_mentors", "0011_i12_intents", "0011_i13_routing_share_line", "0011_i15_loop",
                  "0012_i16_dashboard_tokens", "0012_i17_activities", "0013_ics_feeds_calendar_feed",
                  "0013_matrix_reply_sent_options", "0013_mentor_season_season_ask")


def test_photos_stored_before_media_keep_working_on_their_platform(empty_database_url: str) -> None:
    """Telegram file_ids of activities, stories and pending messages become media rows Telegram can show."""
    engine = db.make_engine(empty_database_url)
    config = db.alembic_config(engine)
    for head in PREVIOUS_HEADS:
        command.upgrade(config, head)
    now = "2026-11-20 10:00:00"
    with engine.begin() as connection:
        connection.execute(text(
            'INSERT INTO "user" (id, transport, external_id, chat_id, locale, onboarded, role, muted, '
            "consent_decided, created_at, last_seen_at, unreachable) "
            "VALUES (1, 'telegram', '42', '42', 'nl', true, 'resident', false, true, :now, :now, false)"),
            {"now": now})
        connection.execute(text(
            "INSERT INTO activity (id, wijk_id, created_by, title, description, starts_at, place, sequence, "
            "help_wanted, cancelled, weekly, created_at, approved, photo_transport, photo_ref) VALUES "
            "(1, 'presikhaaf', 1, 'Koffie', '', :now, '', 0, false, false, false, :now, true, 'telegram', "
            "'AgAD-flyer')"),
            {"now": now})
        connection.execute(text(
            "INSERT INTO outbox (id, user_id, channel, kind, text, choices, status, not_before, created_at, "
            "attempts, photo) VALUES (1, 1, 'chat', 'story', 'Mooi!', '[]', 'pending', :now, :now, 0, "
            "'{\"transport\": \"telegram\", \"ref\": \"AgAD-story\"}')"), {"now": now})
    db.upgrade(engine)
    with engine.connect() as connection:
        refs = dict(connection.execute(text(
            "SELECT a.title, m.refs FROM activity a JOIN media m ON m.id = a.photo_id "
            "UNION ALL SELECT o.text, m.refs FROM outbox o JOIN media m ON m.id = o.photo_id")).all())
        owner = connection.execute(text("SELECT m.user_id FROM activity a JOIN media m ON m.id = a.photo_id")).scalar()
    engine.dispose()
    assert {title: json.loads(r) if isinstance(r, str) else r for title, r in refs.items()} == {
        "Koffie": {"telegram": "AgAD-flyer"}, "Mooi!": {"telegram": "AgAD-story"}}
    assert owner == 1, "the organiser's photo is theirs: forgetting them deletes it"
