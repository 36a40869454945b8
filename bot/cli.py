"""The `wijkgids` command."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys
from collections.abc import Callable, Sequence

from sqlalchemy.exc import OperationalError

from bot.composition import build_app
from bot.core.app import App
from bot.infra import db
from bot.infra.config import Settings
from bot.infra.content import ContentError, load_content
from bot.infra.helplines import load_helplines
from bot.infra.logging_setup import configure_logging
from bot.services import content_audit
from bot.services.topics import load_topic_words
from bot.understanding import intents
from bot.understanding.corrections import load_correction_words
from bot.understanding.dialogue_acts import load_lexicon
from bot.understanding.gifts import load_gifts
from bot.understanding.redact import load_words

log = logging.getLogger("wijkgids")

EXIT_CONTENT = 2
EXIT_DATABASE = 3


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, object] = {}
    if getattr(args, "db", None):
        overrides["database_url"] = args.db
    if getattr(args, "content", None):
        overrides["content_dir"] = args.content
    return Settings(**overrides)  # type: ignore[arg-type]


def _prepared_app(settings: Settings) -> App:
    """Builds the app and migrates the database, or exits with a clear message."""
    try:
        app = build_app(settings)
    except ContentError as exc:
        print(f"Content error in {settings.content_dir}:\n{exc}", file=sys.stderr)
        raise SystemExit(EXIT_CONTENT) from None
    try:
        db.upgrade(app.engine)
    except OperationalError as exc:
        print(
            f"Cannot reach the database {db.describe_url(settings.effective_database_url)}: "
            f"{type(exc.orig).__name__}: {str(exc.orig).strip().splitlines()[0] if exc.orig else exc}",
            file=sys.stderr,
        )
        raise SystemExit(EXIT_DATABASE) from None
    return app


def cmd_chat(args: argparse.Namespace) -> int:
    from bot.transports.console import chat

    settings = _settings(args)
    configure_logging(settings, logging.WARNING)
    app = _prepared_app(settings)
    asyncio.run(chat(app, user=args.user))
    return 0


async def _console_with_web(app: App, *, user: str) -> None:
    """The console, plus the web pages when configured, so e-mail links and the dashboard can be tried locally."""
    from bot.transports.console import chat

    if not app.settings.has_web:
        await chat(app, user=user)
        return
    from bot.web.server import WebServer

    web = WebServer(app)
    await web.start()
    try:
        await chat(app, user=user)
    finally:
        await web.stop()


def cmd_run(args: argparse.Namespace) -> int:
    from bot.runner import run

    settings = _settings(args)
    role = getattr(args, "role", "all")
    if role != "all":  # one process of a scaled-out bot (PostgreSQL): never the console
        configure_logging(settings)
        asyncio.run(run(_prepared_app(settings), role=role))
        return 0
    if not settings.has_telegram and not settings.has_matrix:
        print("No Telegram token or Matrix account configured: starting the console transport.\n")
        configure_logging(settings, logging.WARNING)
        asyncio.run(_console_with_web(_prepared_app(settings), user=getpass.getuser() or "buurtbewoner"))
        return 0
    configure_logging(settings)
    app = _prepared_app(settings)
    asyncio.run(run(app))
    return 0


def cmd_content_check(args: argparse.Namespace) -> int:
    settings = _settings(args)
    try:
        content = load_content(settings.content_dir)
        gifts = load_gifts(settings.content_dir)
        intents.load(settings.content_dir)
        load_lexicon(settings.content_dir)  # dialogue acts and safety signals
        helplines = load_helplines(settings.content_dir)
        load_words(settings.content_dir)  # the word lists of the redaction (content/redaction.yaml)
        load_topic_words(settings.content_dir)  # the words of the questions between the questions
        load_correction_words(settings.content_dir)  # what rules a value out in a correction
    except (ContentError, ValueError, OSError) as exc:
        print(f"Content error in {settings.content_dir}:\n{exc}", file=sys.stderr)
        return EXIT_CONTENT
    print(
        f"Content OK: {len(content.gemeenten)} gemeenten, {len(content.wijken)} wijken, "
        f"{len(content.contacts)} contacts, {sum(len(w.places) for w in content.wijken.values())} places, "
        f"{len(gifts.categories)} gift categories."
    )
    for warning in content_audit.warnings(content):
        print(f"Warning: {warning}")
    for code, country in helplines.countries.items():
        if not country.reviewed:
            print(f"Warning: safety/helplines.yaml: the helplines for {code!r} are not reviewed yet; have a welfare "
                  "professional check them before go-live")
    return 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    settings = _settings(args)
    engine = db.make_engine(settings.effective_database_url)
    try:
        db.upgrade(engine)
    except OperationalError as exc:
        print(f"Cannot reach the database {db.describe_url(settings.effective_database_url)}: {exc.orig}",
              file=sys.stderr)
        return EXIT_DATABASE
    print(f"Database {db.describe_url(settings.effective_database_url)} is up to date.")
    return 0


def cmd_contact_code(args: argparse.Namespace) -> int:
    """A one-time code a contact person types as `/koppel CODE` to receive ideas in the bot."""
    from datetime import timedelta

    from sqlmodel import Session

    from bot.infra.clock import SystemClock
    from bot.infra.crud import invites as invites_crud
    from bot.infra.models import InviteKind

    settings = _settings(args)
    content = load_content(settings.content_dir)
    if args.contact not in content.contacts:
        print(f"Unknown contact {args.contact!r}; see content/contacts/*.yaml", file=sys.stderr)
        return EXIT_CONTENT
    engine = db.make_engine(settings.effective_database_url)
    db.upgrade(engine)
    with Session(engine) as session:
        invite = invites_crud.create_invite(session, kind=InviteKind.CONTACT, target=args.contact,
                                            now=SystemClock().now(), valid_for=timedelta(days=args.days))
        session.commit()
        contact = content.contacts[args.contact]
        print(f"Code for {contact.name} ({contact.organisation}): {invite.code}\n"
              f"Valid for {args.days} days, once. In the bot: /koppel {invite.code}")
    return 0


def cmd_contact_list(args: argparse.Namespace) -> int:
    from sqlmodel import Session, select

    from bot.infra.models import ContactLink

    settings = _settings(args)
    content = load_content(settings.content_dir)
    engine = db.make_engine(settings.effective_database_url)
    db.upgrade(engine)
    with Session(engine) as session:
        linked = {link.contact_id for link in session.exec(select(ContactLink))}
    for contact in sorted(content.contacts.values(), key=lambda c: c.id):
        areas = ", ".join(content.served_wijken(contact))
        print(f"{contact.id:32} {contact.role:17} {'linked' if contact.id in linked else '-':7} {areas}")
    return 0


def cmd_route(args: argparse.Namespace) -> int:
    """Which contacts fit an idea: for maintainers checking content, and for evaluation."""
    import json

    from bot.infra.i18n import configure, use_locale
    from bot.understanding.routing import route

    settings = _settings(args)
    configure(locales_dir=settings.locales_dir, default_locale=settings.default_locale, timezone=settings.timezone)
    content = load_content(settings.content_dir)
    if args.wijk not in content.wijken:
        print(f"Unknown wijk {args.wijk!r}; known: {', '.join(sorted(content.wijken))}", file=sys.stderr)
        return EXIT_CONTENT
    suggestions = route(content, wijk_id=args.wijk, text=args.text, themes=args.theme, needs=args.need,
                        limit=args.limit)
    everywhere = sorted(content.wijken)
    with use_locale(args.locale):
        rows = [{
            "id": s.contact.id, "role": s.contact.role, "name": s.contact.name,
            "organisation": s.contact.organisation,
            "areas": [] if sorted(content.served_wijken(s.contact)) == everywhere else content.served_wijken(s.contact),
            "score": s.score, "why": s.why(),
        } for s in suggestions]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['score']:6.2f}  {row['role']:17} {row['name']} ({row['organisation']}) — {row['why']}")
    return 0


def cmd_whatsapp_templates(args: argparse.Namespace) -> int:
    """The WhatsApp templates in the form Meta's API takes (POST /{WABA-ID}/message_templates), one per language."""
    import json

    from bot.infra.i18n import LOCALES, configure
    from bot.services.whatsapp.templates import TemplateError, definitions, load_templates

    settings = _settings(args)
    configure(locales_dir=settings.locales_dir, default_locale=settings.default_locale, timezone=settings.timezone)
    try:
        templates = load_templates(settings.content_dir)
    except TemplateError as exc:
        print(f"Template error: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    locales = tuple(args.locale) if args.locale else LOCALES
    for definition in definitions(templates, locales):
        print(json.dumps(definition, ensure_ascii=False))
    return 0


def cmd_i18n(args: argparse.Namespace) -> int:
    from bot.infra import i18n_workflow

    return i18n_workflow.run(args.action)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wijkgids", description="Wijkgids, the neighbourhood guide bot.")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, handler: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", help="database URL (default: SQLite file in the data directory)")
        p.add_argument("--content", help="content directory")
        p.set_defaults(handler=handler)
        return p

    run = add("run", cmd_run, "start every configured transport (console when none is)")
    run.add_argument("--role", choices=["all", "ingress", "worker"], default="all",
                     help="all: one process does everything (default); on PostgreSQL, one ingress receives and "
                          "stores updates and any number of workers handle them (README: scaling out)")
    chat = add("chat", cmd_chat, "chat with the bot in this terminal")
    chat.add_argument("--user", default=getpass.getuser() or "buurtbewoner", help="act as this user")

    content = sub.add_parser("content", help="curated content")
    content_sub = content.add_subparsers(dest="action", required=True)
    check = content_sub.add_parser("check", help="validate the content files")
    check.add_argument("--content", help="content directory")
    check.set_defaults(handler=cmd_content_check)

    database = sub.add_parser("db", help="database")
    db_sub = database.add_subparsers(dest="action", required=True)
    up = db_sub.add_parser("upgrade", help="apply all migrations")
    up.add_argument("--db", help="database URL")
    up.set_defaults(handler=cmd_db_upgrade)

    contacts = sub.add_parser("contact", help="contact persons from content/")
    contact_sub = contacts.add_subparsers(dest="action", required=True)
    code = contact_sub.add_parser("code", help="one-time code that links a contact person to their chat")
    code.add_argument("contact", help="contact id from content/contacts/*.yaml")
    code.add_argument("--days", type=int, default=14, help="valid for this many days")
    code.add_argument("--db", help="database URL")
    code.add_argument("--content", help="content directory")
    code.set_defaults(handler=cmd_contact_code)
    listing = contact_sub.add_parser("list", help="contacts, their role, whether linked, wijken served")
    listing.add_argument("--db", help="database URL")
    listing.add_argument("--content", help="content directory")
    listing.set_defaults(handler=cmd_contact_list)

    route = sub.add_parser("route", help="rank contact persons for an idea")
    route.add_argument("--wijk", required=True)
    route.add_argument("--text", required=True)
    route.add_argument("--need", action="append", default=[], help="need id (ruimte, geld, vergunning, ...)")
    route.add_argument("--theme", action="append", default=[], help="theme id (ontmoeten, groen, ...)")
    route.add_argument("--limit", type=int, default=None)
    route.add_argument("--locale", default="nl", choices=["nl", "en"])
    route.add_argument("--json", action="store_true")
    route.add_argument("--content", help="content directory")
    route.set_defaults(handler=cmd_route)

    from bot import cli_admin

    cli_admin.register(sub)

    from bot import cli_outbox

    cli_outbox.register(sub)

    whatsapp = sub.add_parser("whatsapp", help="WhatsApp Cloud API")
    whatsapp_sub = whatsapp.add_subparsers(dest="action", required=True)
    templates = whatsapp_sub.add_parser(
        "templates", help="print the message templates as Meta's API takes them (one JSON object per line)")
    templates.add_argument("--locale", action="append", default=[], help="only this language (repeatable)")
    templates.add_argument("--content", help="content directory")
    templates.set_defaults(handler=cmd_whatsapp_templates)

    i18n = sub.add_parser("i18n", help="translation catalogs (pybabel extract/update/compile)")
    i18n.add_argument("action", choices=["extract", "update", "compile", "check"])
    i18n.set_defaults(handler=cmd_i18n)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.handler(args))


if __name__ == "__main__":
    raise SystemExit(main())
