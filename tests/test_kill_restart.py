"""SIGKILL the bot at random points of a scripted run, restart it each time: nothing is lost or doubled."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from bot.infra import db
from bot.infra.models import Conversation, Idea, User

SCRIPT = [
    ("anna", "/start"), ("anna", "1"), ("anna", "1"), ("anna", "6825"),
    ("bob", "/start"), ("bob", "2"), ("bob", "1"), ("bob", "bloemenbuurt"),
    ("anna", "/idee"), ("anna", "Een moestuin achter de flat"), ("anna", "2"), ("anna", "10"),
    ("bob", "I have an idea"), ("bob", "A coffee morning on Saturdays"), ("bob", "1"), ("bob", "10"),
    ("anna", "ik heb gereedschap"), ("anna", "1"), ("anna", "1"), ("anna", "5"), ("anna", "8"),
    ("bob", "nothing"), ("bob", "my neighbour Sam"), ("bob", "8"),
    ("anna", "1"), ("anna", "1"), ("anna", "4"),
    ("carla", "/start"), ("carla", "1"), ("carla", "2"), ("carla", "De Nude"), ("carla", "/mijnideeen"),
]


def state(url: str) -> list[Any]:
    engine = db.make_engine(url)
    with Session(engine) as session:
        users = [(u.external_id, u.locale, u.wijk_id, u.onboarded) for u in
                 session.exec(select(User).order_by(col(User.external_id)))]
        conversations = [(c.user_id, c.flow, c.step, sorted(c.data.items())) for c in
                         session.exec(select(Conversation).order_by(col(Conversation.user_id)))]
        ideas = [(i.user_id, i.text, i.themes, i.has, i.knows, i.needs, i.status) for i in
                 session.exec(select(Idea).order_by(col(Idea.id)))]
    engine.dispose()
    return [users, conversations, ideas]


def done(progress: Path) -> int:
    try:
        return int(progress.read_text() or 0)
    except (FileNotFoundError, ValueError):
        return 0


def run(url: str, tmp: Path, name: str, *, kill: bool, seed: int = 7) -> int:
    script = tmp / f"{name}.tsv"
    script.write_text("\n".join(f"{u}\t{t}" for u, t in SCRIPT), encoding="utf-8")
    progress = tmp / f"{name}.progress"
    rng = random.Random(seed)
    kills = 0
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    for _ in range(40):
        process = subprocess.Popen([sys.executable, "-m", "tests.scripted_run", url, str(script), str(progress),
                                    "0.01"], env=env, cwd=Path(__file__).resolve().parent.parent)
        if kill:
            # kill a few lines further on, at a random moment within handling a line
            target = done(progress) + rng.randint(1, 5)
            while process.poll() is None and done(progress) < target:
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.012))
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                kills += 1
        process.wait(timeout=60)
        if progress.exists() and int(progress.read_text()) == len(SCRIPT):
            return kills
    raise AssertionError("the scripted run never finished")


def test_sigkill_at_random_points_loses_nothing(tmp_path: Path) -> None:
    reference = f"sqlite:///{tmp_path / 'reference.sqlite3'}"
    killed = f"sqlite:///{tmp_path / 'killed.sqlite3'}"
    run(reference, tmp_path, "reference", kill=False)
    kills = run(killed, tmp_path, "killed", kill=True)
    assert kills >= 2, "the run was not interrupted often enough to mean anything"
    expected = state(reference)
    assert expected[2] and expected[0][0][3], "the reference run got somewhere"
    assert state(killed) == expected
