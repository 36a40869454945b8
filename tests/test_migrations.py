"""The alembic migrations create exactly the tables the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
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



BEFORE_MEDIA = "0013_ics_feeds_calendar_feed"
FORMER_HEADS = ("0011_i12_ideaflow_mentors", "0011_i12_intents", "0011_i13_routing_share_line", "0011_i15_loop",
                "0012_i16_dashboard_tokens", "0012_i17_activities", "0013_ics_feeds_calendar_feed",
                "0013_matrix_reply_sent_options", "0013_mentor_season_season_ask")
"""What a database migrated before the chain was linear holds: one stamp per branch head."""


def test_one_linear_chain_numbered_in_order() -> None:
    """maubot keeps one linear history: every revision has at most one parent, one head, files numbered in
    the chain's order (the revision ids stay what existing databases hold)."""
    script = ScriptDirectory.from_config(db.alembic_config(db.make_engine("sqlite://")))
    chain = list(reversed(list(script.walk_revisions())))
    assert len(script.get_heads()) == 1, script.get_heads()
    assert all(isinstance(s.down_revision, str | None) for s in chain)
    assert [s.down_revision for s in chain[1:]] == [s.revision for s in chain[:-1]]
    assert [Path(s.path).name[:4] for s in chain] == [f"{n:04d}" for n in range(1, len(chain) + 1)]


def test_a_database_stamped_with_the_former_heads_upgrades_cleanly(empty_database_url: str) -> None:
    engine = db.make_engine(empty_database_url)
    command.upgrade(db.alembic_config(engine), BEFORE_MEDIA)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM alembic_version"))
        for head in FORMER_HEADS:
            connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"), {"head": head})
    db.upgrade(engine)
    with engine.connect() as connection:
        stamped = [row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))]
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}),
                                       SQLModel.metadata)
    engine.dispose()
    head = ScriptDirectory.from_config(db.alembic_config(db.make_engine("sqlite://"))).get_current_head()
    assert stamped == [head], "the one head of the chain"
    assert differences == []


def test_photos_stored_before_media_keep_working_on_their_platform(empty_database_url: str) -> None:
    """Telegram file_ids of activities, stories and pending messages become media rows Telegram can show."""
    engine = db.make_engine(empty_database_url)
    config = db.alembic_config(engine)
    command.upgrade(config, BEFORE_MEDIA)
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
