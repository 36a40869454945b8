"""Plays every conversation script in tests/scripts/ (the format: docs/architecture.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.app import App
from bot.infra.clock import ManualClock
from tests.conversation_scripts import all_scripts, load, play


@pytest.mark.parametrize("path", all_scripts(), ids=lambda p: p.stem)
async def test_script(app: App, clock: ManualClock, path: Path) -> None:
    await play(app, clock, load(path))


def test_there_are_enough_scripts_in_every_language() -> None:
    scripts = [load(path) for path in all_scripts()]
    languages = {s.language or next(iter(s.users.values())).get("locale", "nl") for s in scripts}
    assert len(scripts) >= 30 and languages == {"nl", "en", "tr", "ar", "pl", "uk"}
