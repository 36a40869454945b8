"""The dashboard for aanjagers, contacts and the municipality: read-mostly pages per wijk, CSV downloads,
story approval. Login only through the one-time link from /dashboard in the chat; a session cookie after."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from bot.core import permissions
from bot.infra.crud import dashboard as dashboard_crud
from bot.infra.crud import figures
from bot.infra.crud import media as media_crud
from bot.infra.crud import outbox as outbox_crud
from bot.infra.crud import stories as stories_crud
from bot.infra.i18n import _
from bot.infra.models import Story, User
from bot.services import reports
from bot.services.stories import after_decision
from bot.understanding.gifts import load_gifts
from bot.web import csrf
from bot.web.app import bot_app, render, secret_of

if TYPE_CHECKING:
    from bot.core.app import App

SESSION_COOKIE = "wijkgids_session"
WAITING_DAYS = 14


@dataclass
class Viewer:
    user: User
    wijken: list[str]
    """The wijken shown: all the viewer may see, or the one chosen with ?wijk=."""
    allowed: list[str]

    @property
    def admin(self) -> bool:
        return permissions.is_admin(self.user)


def _viewer(request: Request, session: Session) -> Viewer | None:
    application = bot_app(request)
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    user = dashboard_crud.session_user(session, token=token, now=application.clock.now())
    if user is None:
        return None
    allowed = permissions.viewer_wijken(session, user=user, content=application.content)
    if not allowed:
        return None
    chosen = request.query_params.get("wijk")
    if chosen and chosen not in allowed:
        return None
    return Viewer(user, [chosen] if chosen else allowed, allowed)


def _signals(request: Request, session: Session, wijk_ids: list[str]) -> figures.Signals:
    """Monthly figures, computed at most once a minute per set of wijken: the page, its charts and the
    CSV come in one go, and counting 12 months of ideas is the slowest part of the dashboard."""
    application = bot_app(request)
    now = application.clock.now()
    state = request.app.state
    if not hasattr(state, "dashboard_signals"):
        state.dashboard_signals = {}  # per web app, so one bot's figures never reach another
    cache: dict[tuple[tuple[str, ...], str], figures.Signals] = state.dashboard_signals
    key = (tuple(wijk_ids), now.strftime("%Y-%m-%dT%H:%M"))
    if key not in cache:
        if len(cache) > 256:
            cache.clear()
        cache[key] = figures.signals(session, wijk_ids=wijk_ids, now=now, tz=application.settings.tz)
    return cache[key]


def _refused(request: Request) -> Response:
    return render(request, "dashboard/refused.html", status_code=403)


def _page(request: Request, viewer: Viewer, template: str, **context: Any) -> Response:
    application = bot_app(request)
    return render(request, template, viewer=viewer, wijk_names={w: application.content.wijken[w].name
                                                                for w in viewer.allowed},
                  query=("?wijk=" + viewer.wijken[0]) if len(viewer.wijken) == 1 and len(viewer.allowed) > 1 else "",
                  **context)


async def login_form(request: Request) -> Response:
    """GET shows a button only: link previews in chat apps must not use the link up."""
    return render(request, "dashboard/login.html", token=request.query_params.get("token", ""))


async def login(request: Request) -> Response:
    application = bot_app(request)
    form = await request.form()
    if not csrf.valid(request, secret_of(request), form.get(csrf.CSRF_FIELD)):
        return _refused(request)
    token = form.get("token")
    with Session(application.engine) as session:
        user = (dashboard_crud.redeem_link(session, token=token, now=application.clock.now())
                if isinstance(token, str) and token else None)
        if user is None:
            session.commit()
            return render(request, "dashboard/refused.html", status_code=403, expired=True)
        cookie = dashboard_crud.start_session(session, user=user, now=application.clock.now())
        session.commit()
    response = RedirectResponse("/dashboard", status_code=303)
    response.set_cookie(SESSION_COOKIE, cookie, max_age=int(dashboard_crud.SESSION_VALID.total_seconds()),
                        httponly=True, samesite="strict", secure=request.url.scheme == "https", path="/dashboard")
    return response


async def logout(request: Request) -> Response:
    application = bot_app(request)
    form = await request.form()
    token = request.cookies.get(SESSION_COOKIE)
    if token and csrf.valid(request, secret_of(request), form.get(csrf.CSRF_FIELD)):
        with Session(application.engine) as session:
            dashboard_crud.end_session(session, token=token)
            session.commit()
    response = render(request, "dashboard/refused.html", logged_out=True)
    response.delete_cookie(SESSION_COOKIE, path="/dashboard")
    return response


def _tables(request: Request, session: Session, viewer: Viewer, name: str) -> list[reports.Table]:
    application = bot_app(request)
    now, content = application.clock.now(), application.content
    if name in ("initiatieven", "initiatieven-status"):
        items = figures.initiatives(session, wijk_ids=viewer.wijken, viewer=viewer.user, now=now,
                                    waiting_days=WAITING_DAYS)
        listed = figures.anonymous_list(items, admin=viewer.admin, tz=application.settings.tz)
        return [reports.pipeline_table(items, admin=viewer.admin),
                reports.initiatives_table(listed, content, now=now, left_out=len(listed) < len(items))]
    if name == "signalen":
        return [reports.signals_table(_signals(request, session, viewer.wijken), content, admin=viewer.admin)]
    if name == "activiteiten":
        items_a = figures.activities(session, wijk_ids=viewer.wijken)
        return [reports.activities_table(items_a, content, now=now, admin=viewer.admin)]
    if name == "gaven":
        return [reports.gifts_table(figures.gifts(session, wijk_ids=viewer.wijken), content,
                                    load_gifts(application.settings.content_dir), admin=viewer.admin)]
    return []


async def initiatives(request: Request) -> Response:
    with Session(bot_app(request).engine) as session:
        viewer = _viewer(request, session)
        if viewer is None:
            return _refused(request)
        status, listing = _tables(request, session, viewer, "initiatieven")
        return _page(request, viewer, "dashboard/initiatives.html", status=status, listing=listing,
                     waiting_days=WAITING_DAYS, left_out=listing.left_out)


async def signals(request: Request) -> Response:
    with Session(bot_app(request).engine) as session:
        viewer = _viewer(request, session)
        if viewer is None:
            return _refused(request)
        [table] = _tables(request, session, viewer, "signalen")
        return _page(request, viewer, "dashboard/signals.html", table=table)


async def chart(request: Request) -> Response:
    application = bot_app(request)
    wijk = request.path_params["wijk"]
    with Session(application.engine) as session:
        viewer = _viewer(request, session)
        if viewer is None or wijk not in viewer.allowed:
            return _refused(request)
        data = _signals(request, session, [wijk])
    svg = reports.signals_chart(data, [wijk], admin=viewer.admin, fmt="svg",
                                title=application.content.wijken[wijk].name)
    return Response(svg, media_type="image/svg+xml", headers={"Cache-Control": "no-store"})


async def activities(request: Request) -> Response:
    with Session(bot_app(request).engine) as session:
        viewer = _viewer(request, session)
        if viewer is None:
            return _refused(request)
        [table] = _tables(request, session, viewer, "activiteiten")
        return _page(request, viewer, "dashboard/table.html", table=table, title=_("Activities"),
                     csv="activiteiten")


async def gifts(request: Request) -> Response:
    with Session(bot_app(request).engine) as session:
        viewer = _viewer(request, session)
        if viewer is None:
            return _refused(request)
        [table] = _tables(request, session, viewer, "gaven")
        return _page(request, viewer, "dashboard/table.html", table=table, title=_("Gifts in the neighbourhood"),
                     csv="gaven")


async def stories(request: Request) -> Response:
    with Session(bot_app(request).engine) as session:
        viewer = _viewer(request, session)
        if viewer is None:
            return _refused(request)
        reviewable = [w for w in viewer.wijken if permissions.may_review(session, user=viewer.user, wijk_id=w)]
        waiting = stories_crud.pending(session, wijk_ids=reviewable)
        return _page(request, viewer, "dashboard/stories.html", waiting=waiting,
                     decided=request.query_params.get("decided"))


async def story_photo(request: Request) -> Response:
    """The photo with a story that waits for review, for those who may review it (it is not public yet)."""
    with Session(bot_app(request).engine) as session:
        viewer = _viewer(request, session)
        story = session.get(Story, int(request.path_params["story"]))
        if (viewer is None or story is None or story.photo_id is None
                or not permissions.may_review(session, user=viewer.user, wijk_id=story.wijk_id)):
            return _refused(request)
        media = media_crud.get(session, media_id=story.photo_id)
        if media is None or media.content is None:
            return _refused(request)
        return Response(media.content, media_type=media.mime_type,
                        headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})


async def decide_story(request: Request) -> Response:

    application = bot_app(request)
    form = await request.form()
    with Session(application.engine) as session:
        viewer = _viewer(request, session)
        story = session.get(Story, int(request.path_params["story"]))
        decision = form.get("decision")
        if (viewer is None or story is None or decision not in ("approve", "reject")
                or not csrf.valid(request, secret_of(request), form.get(csrf.CSRF_FIELD))
                or not permissions.may_review(session, user=viewer.user, wijk_id=story.wijk_id)):
            return _refused(request)
        now = application.clock.now()
        outcome = stories_crud.decide(story, reviewer=viewer.user, approve=decision == "approve", now=now)
        after_decision(application, session, story, outcome, now=now)
        if outcome == "unchanged":
            outcome = "already-" + str(story.review)
        session.commit()
    return RedirectResponse(f"/dashboard/stories?decided={outcome}", status_code=303)


async def download(request: Request) -> Response:
    name = request.path_params["name"]
    with Session(bot_app(request).engine) as session:
        viewer = _viewer(request, session)
        if viewer is None:
            return _refused(request)
        tables = {t.name: t for t in _tables(request, session, viewer, name)}
    if name not in tables:
        return Response(status_code=404)
    return Response(reports.csv_bytes(tables[name]), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"', "Cache-Control": "no-store"})


async def outbox(request: Request) -> Response:
    """Admins only: the messages parked as failed, with the reason and never the text, and a retry button."""
    with Session(bot_app(request).engine) as session:
        viewer = _viewer(request, session)
        if viewer is None or not viewer.admin:
            return _refused(request)
        return _page(request, viewer, "dashboard/outbox.html", failed=outbox_crud.failed(session),
                     retried=request.query_params.get("retried"))


async def retry_message(request: Request) -> Response:
    application = bot_app(request)
    form = await request.form()
    with Session(application.engine) as session:
        viewer = _viewer(request, session)
        if (viewer is None or not viewer.admin
                or not csrf.valid(request, secret_of(request), form.get(csrf.CSRF_FIELD))):
            return _refused(request)
        outbox_crud.retry(session, message_id=int(request.path_params["message"]), now=application.clock.now())
        session.commit()
    application.wake_delivery()
    return RedirectResponse("/dashboard/outbox?retried=1", status_code=303)


def routes(application: App) -> list[BaseRoute]:
    return [
        Route("/dashboard/login", login_form, methods=["GET"]),
        Route("/dashboard/login", login, methods=["POST"]),
        Route("/dashboard/logout", logout, methods=["POST"]),
        Route("/dashboard", initiatives, name="dashboard"),
        Route("/dashboard/signals", signals),
        Route("/dashboard/chart/{wijk}.svg", chart),
        Route("/dashboard/activities", activities),
        Route("/dashboard/gifts", gifts),
        Route("/dashboard/stories", stories),
        Route("/dashboard/stories/{story:int}", decide_story, methods=["POST"]),
        Route("/dashboard/stories/{story:int}/photo", story_photo),
        Route("/dashboard/csv/{name}.csv", download),
        Route("/dashboard/outbox", outbox),
        Route("/dashboard/outbox/{message:int}/retry", retry_message, methods=["POST"]),
    ]
