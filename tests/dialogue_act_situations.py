"""The situations of the dialogue-act bench: the options residents see at each flow step and after each kind
of message the bot sends on its own, in Dutch and English, recorded from the real app.

The labelled texts (tests/data/dialogue-acts*.yaml) say where they were typed (`at: idea:summary`, or `none`
with a note naming the message the bot sent on its own); bench/dialogue_acts.py gives the classifier exactly
what the dispatcher gives it at that point, taken from this recording. Regenerate after changing a question's
options:

    .venv/bin/python -m tests.dialogue_act_situations

tests/test_scripts.py (the answer walk) checks that the recording still matches the app.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from bot.core.app import App
from bot.infra import db, yamlfile
from bot.infra.clock import ManualClock
from bot.infra.config import PROJECT_ROOT
from bot.infra.content import Content, load_content
from bot.infra.crud import prompts as prompts_crud
from tests.answer_walk import OTHER, Seen, typed_events, watch
from tests.conftest import make_app
from tests.conversation_scripts import Replayed, all_scripts, load, play

FILE = PROJECT_ROOT / "tests" / "data" / "dialogue-act-situations.yaml"
START = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
"""The day every script starts on, as in tests/conftest.py."""
Rows = list[list[str]]


def prompt_key(rows: Rows) -> str | None:
    """The kind of a message the bot sent on its own, by the action of its first option ("!rsvp:come:3": rsvp)."""
    first = next((str(row[0]) for row in rows if str(row[0]).startswith("!")), None)
    return first[1:].split(":")[0] if first else None


def _record_prompts(app: App, found: dict[tuple[str, str], Rows], locale: Callable[[], str]) -> Callable[[], None]:
    """Records the options of every message the bot sent on its own (an open prompt), by kind and language."""
    remember = prompts_crud.remember

    def remember_and_record(session: Any, *, user_id: int, options: Rows, now: Any) -> None:
        key = prompt_key(options)
        if key is not None:
            found.setdefault((key, locale()), [list(map(str, row)) for row in options])
        remember(session, user_id=user_id, options=options, now=now)

    prompts_crud.remember = remember_and_record  # type: ignore[assignment]

    def restore() -> None:
        prompts_crud.remember = remember

    return restore


def _rows(options: tuple[Any, ...]) -> Rows:
    return [[o.data, o.label, o.family or "", o.about or ""] for o in options]


async def collect(content: Content, work: Path) -> dict[str, Any]:
    """Plays every script in its language and again in the other one (as tests/test_scripts.py does); a
    script that fails (a new one, written before its fix) still contributes what it reached."""
    template = work / "template.sqlite3"
    engine = db.make_engine(f"sqlite:///{template}")
    db.upgrade(engine)
    engine.dispose()
    clock = ManualClock(START)
    start = clock.now()
    seen: list[Seen] = []
    prompts: dict[tuple[str, str], Rows] = {}
    for number, path in enumerate(all_scripts()):
        script = load(path)
        language = script.language or next(iter(script.users.values())).get("locale", "nl")
        for run, (lang, replay) in enumerate(((None, None), (OTHER[language], "replay"))):
            target = work / f"{number}-{run}.sqlite3"
            shutil.copyfile(template, target)
            clock.set(start)
            app = make_app(f"sqlite:///{target}", content, clock)
            meant: list[Replayed] = []
            watch(app, seen, meant)
            restore = _record_prompts(app, prompts, lambda lang=lang, language=language: lang or language)
            try:
                if replay is None:
                    await play(app, clock, script)
                    typed = typed_events(script, meant)
                else:
                    await play(app, clock, script, language=lang, replay=typed)
            except (AssertionError, IndexError):
                if replay is None:
                    typed = typed_events(script, meant)
            finally:
                restore()
                app.engine.dispose()
    steps: dict[str, dict[str, Rows]] = {}
    for item in seen:
        steps.setdefault(f"{item.flow}:{item.step}", {}).setdefault(item.locale, _rows(item.options))
    return {
        "steps": dict(sorted(steps.items())),
        "prompts": {key: {loc: prompts[(k, loc)] for (k, loc) in sorted(prompts) if k == key}
                    for key in sorted({k for k, _loc in prompts})},
    }


def load_situations(path: Path = FILE) -> dict[str, Any]:
    return dict(yamlfile.load(path.read_text(encoding="utf-8")))


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        data = asyncio.run(collect(load_content(PROJECT_ROOT / "content"), Path(work)))
    header = ("# Options residents see at each flow step and in each kind of message the bot sends on its own, per\n"
              "# language, recorded from the app by tests/dialogue_act_situations.py (regenerate with\n"
              "# `python -m tests.dialogue_act_situations`). Rows: [data, label, family, about].\n")
    FILE.write_text(header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    print(f"{FILE}: {len(data['steps'])} steps, {len(data['prompts'])} kinds of prompt")


if __name__ == "__main__":
    main()
