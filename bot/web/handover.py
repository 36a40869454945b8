"""The pages behind the links in a handover e-mail: /h/<signed token>.

A GET only shows what would happen; the change is a POST with a CSRF token. Expired,
tampered and already-used links get a clear page. No login: the signed token is the key.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from bot.infra import links
from bot.infra.i18n import _, format_datetime
from bot.infra.models import Handover, HandoverStatus, Idea, RelayedMessage
from bot.services import handover as loop
from bot.web import csrf
from bot.web.app import bot_app, render, secret_of

if TYPE_CHECKING:
    from bot.core.app import App

MAX_TEXT = 2000


def _problem(request: Request, kind: str, status_code: int) -> Response:
    return render(request, "handover/problem.html", status_code=status_code, kind=kind)


def _open(request: Request, session: Session) -> tuple[links.Link, Handover, Idea] | Response:
    application = bot_app(request)
    try:
        link = links.read_token(secret_of(request), request.path_params["token"],
                                max_age_s=application.settings.link_days * 86400)
    except links.LinkExpired:
        return _problem(request, "expired", 410)
    except links.LinkInvalid:
        return _problem(request, "invalid", 400)
    record = session.get(Handover, link.handover_id)
    idea = session.get(Idea, record.idea_id) if record is not None else None
    if record is None or idea is None or record.channel != "email":
        return _problem(request, "gone", 404)
    return link, record, idea


def _used(link: links.Link, record: Handover) -> bool:
    if link.action is links.LinkAction.ACCEPT:
        return record.status not in (*loop.OPEN, HandoverStatus.SUPERSEDED)
    if link.action in (links.LinkAction.PASS, links.LinkAction.DECLINE):
        return record.status not in loop.OPEN
    if link.action is links.LinkAction.TALK:
        return record.status != HandoverStatus.ACCEPTED
    return record.status not in (*loop.OPEN, HandoverStatus.ACCEPTED)


def _page(request: Request, link: links.Link, record: Handover, idea: Idea, **extra: Any) -> Response:

    application = bot_app(request)
    if _used(link, record):
        return render(request, "handover/used.html", status_code=200, record=record,
                      talk_url=_talk_url(application, record), accepted=record.status == HandoverStatus.ACCEPTED)
    context: dict[str, Any] = {
        "action": link.action.value, "card": loop.card_of(idea), "wijk": application.content.wijken[idea.wijk_id].name,
        "others": [c for c in application.content.contacts_for_wijk(idea.wijk_id) if c.id != record.contact_id],
        "closed": record.closed_at is not None, "shares": record.contact_shares, "error": "",
        "thread": _thread(application, record, idea),
    }
    context.update(extra)
    return render(request, "handover/action.html", status_code=400 if context["error"] else 200, **context)


def _talk_url(application: App, record: Handover) -> str | None:
    if record.status != HandoverStatus.ACCEPTED:
        return None
    return loop.link_url(application, record, links.LinkAction.TALK)


def _thread(application: App, record: Handover, idea: Idea) -> list[dict[str, str]]:
    rows = bot_session_rows(application, record)
    return [{"who": _("The resident") if row.from_user_id is not None and row.from_user_id == idea.user_id
             else _("You"), "when": format_datetime(row.created_at), "text": row.text} for row in rows]


def bot_session_rows(application: App, record: Handover) -> list[RelayedMessage]:
    with Session(application.engine) as session:
        return list(session.exec(select(RelayedMessage).where(RelayedMessage.handover_id == record.id)
                                 .order_by(col(RelayedMessage.id))).all())


async def show(request: Request) -> Response:
    application = bot_app(request)
    with Session(application.engine, expire_on_commit=False) as session:
        opened = _open(request, session)
        if isinstance(opened, Response):
            return opened
        return _page(request, *opened)


async def act(request: Request) -> Response:
    application = bot_app(request)
    form = await request.form()
    if not csrf.valid(request, secret_of(request), form.get(csrf.CSRF_FIELD)):
        return _problem(request, "csrf", 403)
    now = application.clock.now()
    with Session(application.engine, expire_on_commit=False) as session:
        opened = _open(request, session)
        if isinstance(opened, Response):
            return opened
        link, record, idea = opened
        if _used(link, record):
            return _page(request, link, record, idea)
        text = str(form.get("text") or "").strip()[:MAX_TEXT]
        action = link.action
        done = ""
        if action is links.LinkAction.ACCEPT:
            loop.accept(application, session, record, now=now)
            done = "accepted"
        elif action is links.LinkAction.DECLINE:
            loop.decline(application, session, record, now=now)
            done = "declined"
        elif action is links.LinkAction.PASS:
            target = next((c for c in application.content.contacts_for_wijk(idea.wijk_id)
                           if c.id == form.get("to") and c.id != record.contact_id), None)
            if target is None:
                return _page(request, link, record, idea, error=_("Choose who should get the idea."))
            loop.pass_on(application, session, record, target, now=now, note=text)
            done = "passed"
        elif action is links.LinkAction.ASK or form.get("do") == "send":
            if not text:
                return _page(request, link, record, idea, error=_("Write a message first."))
            if not loop.relay(application, session, record, from_contact=True, text=text, now=now):
                return _problem(request, "gone", 404)
            done = "sent"
        elif form.get("do") == "close":
            loop.close(application, session, record, by_contact=True, now=now)
            done = "closed"
        elif form.get("do") == "share":
            shared = loop.share_details(application, session, record, by_contact=True, now=now)
            done = "shared" if shared else "share_noted"
        else:
            return _problem(request, "invalid", 400)
        session.commit()
        return render(request, "handover/done.html", done=done, talk_url=_talk_url(application, record))


def routes(application: App) -> list[BaseRoute]:
    return [
        Route("/h/{token}", show, methods=["GET"], name="handover_link"),
        Route("/h/{token}", act, methods=["POST"], name="handover_act"),
    ]
