"""Every forged or stale button gets an answer (issue 24): button data can be typed by anyone (Telegram's
callback data is only a string), and a press that is silently dropped leaves a resident waiting. Each step
of each flow, pressed out of context, and each action with arguments that do not fit, is answered."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.core.app import App
from bot.infra.models import Conversation, User
from tests.support import onboard


def forged(app: App) -> list[str]:
    steps = [f"{name}:{step}:{value}" for name, flow in app.registry.flows.items() for step in flow.steps
             for value in ("confirm", "1")]
    actions = [f"!{name}{args}" for name in app.registry.actions for args in ("", ":x", ":ok:999999")]
    return [*steps, "idea:summary:confirm", *actions, "::", "!", "onzin"]


async def test_forged_and_stale_buttons_are_always_answered(app: App) -> None:
    idle = await onboard(app, "idle")
    busy = await onboard(app, "busy")
    await busy.send("/idee")
    silent = []
    for data in forged(app):
        for chat in (idle, busy):
            replies = await chat.press_data(data)
            if not replies:
                silent.append((chat.user, data))
    assert not silent, silent


def _position(app: App, user: str) -> tuple[str | None, str | None]:
    with Session(app.engine) as session:
        found = session.exec(select(User, Conversation).where(User.external_id == user)
                             .where(Conversation.user_id == User.id)).one()
        return found[1].flow, found[1].step


WALK = ["/idee", "moestuinbakken op het pleintje in onze straat",
        "vier bakken met groente, de kinderen planten mee. ik heb zelf al zaadjes", "ja",
        "mijn buurvrouw Fatima", "zaterdag met Fatima de plek bekijken"]


async def test_a_forged_answer_to_the_current_question_is_answered(app: App) -> None:
    """A button of the question the resident is at, with a value that question never offered (the summary's old
    'confirm', a number): at every step of the idea conversation it is answered, never silently dropped."""
    for reached in range(1, len(WALK) + 1):
        chat = await onboard(app, f"walker{reached}")
        for text in WALK[:reached]:
            await chat.send(text)
        flow, step = _position(app, chat.user)
        for value in ("confirm", "1", "999999", ""):
            assert await chat.press_data(f"{flow}:{step}:{value}"), f"{flow}:{step}:{value} got no answer"


async def test_a_forged_confirm_at_the_summary_asks_the_summary_again(app: App) -> None:
    chat = await onboard(app, "walker")
    for text in WALK:
        await chat.send(text)
    assert _position(app, "walker") == ("idea", "summary"), chat.texts
    for value in ("confirm", "1", "999999", ""):
        await chat.press_data(f"idea:summary:{value}")
        assert "Zo heb ik je idee begrepen" in chat.text, chat.texts
        assert _position(app, "walker") == ("idea", "summary")
    await chat.send("meedenken met de verbinder")
    assert _position(app, "walker") != ("idea", "summary"), "after a forged button the conversation goes on"
