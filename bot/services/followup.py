"""Asking back ("een lange adem"): planning the check-ins of an idea and the next-season question of an initiative
that comes back. The questions themselves are the conversations in handlers/checkins.py and handlers/seasons.py."""

from __future__ import annotations

from bot.core.conversation import Context
from bot.infra.crud import checkins as checkins_crud
from bot.infra.crud import seasons as seasons_crud
from bot.infra.models import Idea


def plan_checkins(ctx: Context, idea: Idea) -> None:
    """Called when an idea is handed over or goes on without a contact: ask how it goes, later."""
    assert idea.id is not None and ctx.user.id is not None
    settings = ctx.app.settings
    checkins_crud.plan(ctx.session, user_id=ctx.user.id, idea_id=idea.id, now=ctx.now, days=settings.checkin_days,
                       tz=settings.tz, quiet=(settings.quiet_hours_start, settings.quiet_hours_end))


def plan_season(ctx: Context, *, idea_id: int, story_id: int | None) -> None:
    """The resident said the initiative comes back: ask about it next season."""
    assert ctx.user.id is not None
    seasons_crud.plan(ctx.session, user_id=ctx.user.id, idea_id=idea_id, story_id=story_id, now=ctx.now,
                      settings=ctx.app.settings)
