"""Plays every conversation script in tests/scripts/ (the format: docs/architecture.md), then replays it in the
other language, and walks the options of every step both runs showed (tests/answer_walk.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.app import App
from bot.infra.clock import ManualClock
from bot.infra.content import Content
from tests.answer_walk import Seen, language_of, play_and_replay, walk_problems
from tests.conftest import make_app
from tests.conversation_scripts import all_scripts, load

SEEN: dict[str, list[Seen]] = {}
"""What every step showed, per script played in this run: the answer walk at the end of this module checks it."""


@pytest.mark.parametrize("path", all_scripts(), ids=lambda p: p.stem)
async def test_script(app: App, clock: ManualClock, path: Path, tmp_path: Path, migrated_sqlite: Path,
                      content: Content) -> None:
    def other_app() -> App:
        target = tmp_path / "replay.sqlite3"
        shutil.copyfile(migrated_sqlite, target)
        return make_app(f"sqlite:///{target}", content, clock)

    SEEN[path.stem] = seen = []
    await play_and_replay(app, clock, load(path), seen, other_app)


def test_every_step_in_both_languages_takes_typed_labels_and_answer_words(app: App) -> None:
    """Runs after every script above (pytest keeps a module's order): each step in Dutch and English is reached, and
    at each step with options, every label typed in lower case without symbols and the yes/no/done words pick it."""
    missing = {path.stem for path in all_scripts()} - set(SEEN)
    if missing:
        pytest.skip(f"the answer walk needs every script played in this run; not played: {len(missing)}")
    problems = walk_problems(app.registry, [item for seen in SEEN.values() for item in seen])
    assert not problems, "\n".join(problems)


def test_there_are_enough_scripts_in_every_language() -> None:
    scripts = [load(path) for path in all_scripts()]
    languages = {language_of(s) for s in scripts}
    assert len(scripts) >= 30 and languages == {"nl", "en", "tr", "ar", "pl", "uk"}
