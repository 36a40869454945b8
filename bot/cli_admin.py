"""`wijkgids admin …`: roles for the maintainer at the municipality."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, select

from bot.core.events import Reply
from bot.infra import db
from bot.infra.clock import SystemClock
from bot.infra.config import Settings
from bot.infra.content import load_content
from bot.infra.crud import activities as activities_crud
from bot.infra.crud import invites as invites_crud
from bot.infra.crud import users as users_crud
from bot.infra.models import AanjagerWijk, InviteKind, User, UserRole
from bot.services.notify import notify


def _user(session: Session, spec: str) -> User | None:
    """`telegram:12345`, `matrix:@anna:example.org` or `console:anna`."""
    transport, _, external = spec.partition(":")
    return users_crud.get_user(session, transport=transport, external_id=external) if external else None


def _engine(args: argparse.Namespace) -> Any:
    settings = Settings(**({"database_url": args.db} if args.db else {}))
    engine = db.make_engine(settings.effective_database_url)
    db.upgrade(engine)
    return engine, load_content(settings.content_dir)


def add_aanjager(args: argparse.Namespace) -> int:
    engine, content = _engine(args)
    unknown = [w for w in args.wijk if w not in content.wijken]
    if unknown:
        print(f"Unknown wijk(en): {', '.join(unknown)}", file=sys.stderr)
        return 2
    transport, _sep, external = args.user.partition(":")
    if not external or transport not in ("telegram", "matrix", "console"):
        print(f"--user {args.user!r} needs its transport in front, e.g. telegram:12345, "
              "matrix:@anna:example.org or console:anna", file=sys.stderr)
        return 2
    from handlers.aanjagers import welcome

    with Session(engine) as session:
        user = _user(session, args.user)
        if user is None:
            print(f"No user {args.user!r}: they must have sent the bot a message first (or use an invite code)",
                  file=sys.stderr)
            return 2
        now = SystemClock().now()
        for wijk in args.wijk:
            activities_crud.add_aanjager(session, user=user, wijk_id=wijk, now=now)
        names = ", ".join(content.wijken[w].name for w in args.wijk)
        notify(None, session, user, lambda: Reply(welcome(names)), kind="aanjager_welcome", now=now)
        session.commit()
    print(f"{args.user} is aanjager of {', '.join(args.wijk)}; a welcome message is on its way")
    return 0


def invite(args: argparse.Namespace) -> int:
    engine, content = _engine(args)
    unknown = [w for w in args.wijk if w not in content.wijken]
    if unknown:
        print(f"Unknown wijk(en): {', '.join(unknown)}", file=sys.stderr)
        return 2
    with Session(engine) as session:
        code = invites_crud.create_invite(session, kind=InviteKind.AANJAGER, target=",".join(args.wijk),
                                          now=SystemClock().now(), valid_for=timedelta(days=args.days)).code
        session.commit()
    print(f"Invite code for aanjager of {', '.join(args.wijk)}: {code}\n"
          f"Valid for {args.days} days, once. In the bot: /aanjager {code}")
    return 0


def list_roles(args: argparse.Namespace) -> int:
    engine, _content = _engine(args)
    with Session(engine) as session:
        for user in session.exec(select(User).where(User.role == UserRole.ADMIN)):
            print(f"admin     {user.transport}:{user.external_id}")
        rows = session.exec(select(AanjagerWijk, User).join(User, col(User.id) == col(AanjagerWijk.user_id))
                            .order_by(col(AanjagerWijk.wijk_id)))
        for role, user in rows:
            print(f"aanjager  {user.transport}:{user.external_id}  {role.wijk_id}")
    return 0


def remove(args: argparse.Namespace) -> int:
    engine, _content = _engine(args)
    with Session(engine) as session:
        user = _user(session, args.user)
        if user is None:
            print(f"No user {args.user!r}", file=sys.stderr)
            return 2
        removed = activities_crud.remove_aanjager(session, user=user, wijk_id=args.wijk)
        if user.role == UserRole.ADMIN and args.wijk is None:
            user.role = UserRole.RESIDENT
            removed += 1
        session.commit()
    print(f"Removed {removed} role(s) of {args.user}")
    return 0


def make_admin(args: argparse.Namespace) -> int:
    engine, _content = _engine(args)
    with Session(engine) as session:
        user = _user(session, args.user)
        if user is None:
            print(f"No user {args.user!r}", file=sys.stderr)
            return 2
        user.role = UserRole.ADMIN
        session.commit()
    print(f"{args.user} is admin")
    return 0


def register(sub: Any) -> None:
    admin = sub.add_parser("admin", help="roles: aanjagers per wijk and admins")
    admin_sub = admin.add_subparsers(dest="action", required=True)

    def command(name: str, handler: Any, help_text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = admin_sub.add_parser(name, help=help_text)
        parser.add_argument("--db", help="database URL")
        parser.set_defaults(handler=handler)
        return parser

    add = command("add-aanjager", add_aanjager, "make a user aanjager of one or more wijken")
    add.add_argument("--user", required=True, help="TRANSPORT:ID, e.g. telegram:12345")
    add.add_argument("--wijk", required=True, action="append")
    code = command("invite", invite, "a one-time code that makes whoever redeems it aanjager")
    code.add_argument("--wijk", required=True, action="append")
    code.add_argument("--days", type=int, default=7)
    command("list", list_roles, "list admins and aanjagers")
    rm = command("remove", remove, "remove a user's aanjager role (one wijk, or all roles)")
    rm.add_argument("--user", required=True)
    rm.add_argument("--wijk")
    adm = command("make-admin", make_admin, "make a user admin")
    adm.add_argument("--user", required=True)
