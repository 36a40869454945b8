"""`wijkgids outbox …`: the messages the bot gave up on (after MAX_ATTEMPTS tries), and sending one again."""

from __future__ import annotations

import argparse
from typing import Any

from sqlmodel import Session

from bot.infra import db
from bot.infra.clock import SystemClock
from bot.infra.config import Settings
from bot.infra.crud import outbox as outbox_crud
from bot.infra.mail import one_line
from bot.infra.models import OutboxChannel, OutboxMessage


def _engine(args: argparse.Namespace) -> Any:
    settings = Settings(**({"database_url": args.db} if args.db else {}))
    engine = db.make_engine(settings.effective_database_url)
    db.upgrade(engine)
    return engine


def recipient(message: OutboxMessage) -> str:
    """Who it was for, never what it says: a user id, or the e-mail address on one line."""
    if message.channel == OutboxChannel.EMAIL:
        return "email " + one_line(repr(message.address or ""))[:80]
    return f"user {message.user_id}"


def failed(args: argparse.Namespace) -> int:
    engine = _engine(args)
    with Session(engine) as session:
        rows = outbox_crud.failed(session)
    if not rows:
        print("No failed messages.")
        return 0
    print(f"{len(rows)} failed message(s); the text is not shown. Send one again with: wijkgids outbox retry ID")
    for row in rows:
        print(f"{row.id}\t{row.kind}\t{recipient(row)}\ttries {row.attempts}\t"
              f"queued {row.created_at:%Y-%m-%d %H:%M}\t{one_line(row.error or '')}")
    engine.dispose()
    return 0


def retry(args: argparse.Namespace) -> int:
    engine = _engine(args)
    with Session(engine) as session:
        done = outbox_crud.retry(session, message_id=args.id, now=SystemClock().now())
        session.commit()
    engine.dispose()
    if not done:
        print(f"No failed message {args.id}.")
        return 2
    print(f"Message {args.id} goes out again on the next round of the running bot.")
    return 0


def register(sub: Any) -> None:
    outbox = sub.add_parser("outbox", help="messages the bot could not send")
    outbox_sub = outbox.add_subparsers(dest="action", required=True)
    listing = outbox_sub.add_parser("failed", help="list the messages parked as failed, with the reason")
    listing.add_argument("--db", help="database URL")
    listing.set_defaults(handler=failed)
    again = outbox_sub.add_parser("retry", help="send a failed message again (once the cause is fixed)")
    again.add_argument("id", type=int, help="the message's id from `wijkgids outbox failed`")
    again.add_argument("--db", help="database URL")
    again.set_defaults(handler=retry)
