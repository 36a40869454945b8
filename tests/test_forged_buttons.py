"""Every forged or stale button gets an answer (issue 24): button data can be typed by anyone (Telegram's
callback data is only a string), and a press that is silently dropped leaves a resident waiting. Each step
of each flow, pressed out of context, and each action with arguments that do not fit, is answered."""

from __future__ import annotations

from bot.core.app import App
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
