"""One permission check: commands declare who may use them (`role=`) and the dispatcher checks it once."""

from __future__ import annotations

import pytest

from bot.core import permissions
from bot.core.app import App
from bot.core.conversation import Registry
from tests.support import onboard
from tests.test_activities import make_aanjager

AANJAGER_REFUSAL = "Dit is voor de aanjagers van een wijk"
VIEWER_REFUSAL = "Het dashboard is voor aanjagers"


def role_commands(app: App) -> dict[str, str]:
    return {spec.name: spec.role for spec in app.registry.commands.values() if spec.role is not None}


def test_the_aanjager_commands_and_the_dashboard_declare_their_role(app: App) -> None:
    assert role_commands(app) == {
        "nieuweactiviteit": permissions.AANJAGER, "mijnactiviteiten": permissions.AANJAGER,
        "gaven": permissions.AANJAGER, "omroep": permissions.AANJAGER, "beoordelen": permissions.AANJAGER,
        "signalen": permissions.AANJAGER, "dashboard": permissions.VIEWER,
    }


async def test_a_resident_is_refused_every_role_command_before_its_handler_runs(app: App) -> None:
    resident = await onboard(app, "rita")
    for name, role in role_commands(app).items():
        await resident.send(f"/{name}")
        expected = AANJAGER_REFUSAL if role == permissions.AANJAGER else VIEWER_REFUSAL
        assert len(resident.texts) == 1 and expected in resident.text, (name, resident.texts)


async def test_an_aanjager_passes_the_check(app: App) -> None:
    aanjager = await make_aanjager(app, "piet")
    await aanjager.send("/nieuweactiviteit")
    assert not any(AANJAGER_REFUSAL in text for text in aanjager.texts)
    await aanjager.send("/dashboard")
    assert not any(VIEWER_REFUSAL in text for text in aanjager.texts)


def test_an_unknown_role_is_refused_at_registration() -> None:
    async def handler(_ctx: object) -> None:
        raise AssertionError("never runs")

    with pytest.raises(ValueError, match="unknown role"):
        Registry().command("x", handler, role="wizard")  # type: ignore[arg-type]
