"""A scaled-out bot on this machine for the scale-out test and bench: a fresh PostgreSQL schema, a fake Bot API,
one ingress and N worker processes (tests/scale_process.py), simulated people typing /echo messages.

Each reply says which message it answers ("echo <person> <n>"), so the Bot API's log shows per person what
arrived, in which order, and what arrived twice."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import random
import signal
import socket
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, func, insert, text
from sqlmodel import Session, col, select

from bot.core.events import Photo, Reply
from bot.infra import db
from bot.infra.crud import media as media_crud
from bot.infra.models import OutboxMessage, OutboxStatus, User
from bot.services import broadcast as broadcasting
from tests.fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
FIRST_PERSON = 700_000
UNLIMITED = 10_000.0
"""The send rate for runs about handling (the fake Bot API enforces no limit there): the workers' answers share
the bot's 30/s like any send, which would make those runs measure the rate instead of the handling."""


def postgres_reason() -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test connect_timeout=2").close()
    except Exception as exc:
        return f"PostgreSQL on 127.0.0.1:5432 (database test) is not reachable: {type(exc).__name__}"
    return None


@contextmanager
def fresh_schema() -> Iterator[str]:
    """A database URL on a schema of its own (dropped afterwards), migrated, so runs never collide."""
    schema = "scale_" + uuid.uuid4().hex[:12]
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    try:
        engine = db.make_engine(url)
        db.upgrade(engine)
        engine.dispose()
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def add_people(url: str, count: int, *, wijk: str = "presikhaaf") -> list[int]:
    """Onboarded residents (so /echo answers at once), Telegram ids FIRST_PERSON..."""
    ids = [FIRST_PERSON + n for n in range(count)]
    engine = db.make_engine(url)
    now = datetime.now(UTC)
    with Session(engine) as session:
        session.execute(insert(User), [
            {"transport": "telegram", "external_id": str(i), "chat_id": str(i), "locale": "nl", "wijk_id": wijk,
             "role": "resident", "muted": False, "unreachable": False, "consent_decided": True, "onboarded": True,
             "created_at": now, "last_seen_at": now} for i in ids])
        session.commit()
    engine.dispose()
    return ids


def queue_broadcast(url: str, text_: str = "Buurtfeest!", *, photo: bool = False) -> None:
    """A broadcast to everyone in the wijk; `photo`: with a photo (kept on Telegram), sent as two messages when
    the text is longer than a caption may be."""
    engine = db.make_engine(url)
    with Session(engine) as session:
        photo_ = None
        if photo:
            media = media_crud.keep_reference(session, user_id=None, transport="telegram",
                                              ref="AgACAgQAAxkBAAIBroadcast", now=datetime.now(UTC))
            assert media.id is not None
            photo_ = Photo(media.id)
        broadcasting.broadcast(session, wijk_id="presikhaaf", kind="announcement", text=text_,
                               build=lambda: Reply(text_, photo=photo_), created_by=None, now=datetime.now(UTC))
        session.commit()
    engine.dispose()


@dataclass
class Cluster:
    url: str
    fake: FakeTelegram
    rate: float = 29.0
    processes: dict[str, asyncio.subprocess.Process] = field(default_factory=dict)

    health: dict[str, int] = field(default_factory=dict)

    async def start(self, name: str, *, wait: bool = False) -> asyncio.subprocess.Process:
        """Starts the ingress (a name starting with "ingress") or a worker; `wait`: until its /health answers."""
        role = "ingress" if name.startswith("ingress") else "worker"
        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "WIJKGIDS_HEALTH_PORT": str(port)}
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.scale_process", role, self.url, self.fake.base_url, str(self.rate),
            env=env, cwd=ROOT)
        self.processes[name] = process
        self.health[name] = port
        if wait:
            await self.healthy(name)
        return process

    async def up(self, *names: str) -> None:
        """Starts these processes side by side and waits until each one's /health answers."""
        for name in names:
            await self.start(name)
        await asyncio.gather(*(self.healthy(name) for name in names))

    async def healthy(self, name: str, timeout: float = 180) -> dict[str, object]:
        """GET /health of one process, once it answers 200."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", self.health[name])
                writer.write(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                await writer.drain()
                answer = await reader.read()
                writer.close()
                head, _, body = answer.partition(b"\r\n\r\n")
                if head.startswith(b"HTTP/1.1 200"):
                    return dict(json.loads(body))
            except OSError:
                pass
            if time.monotonic() > deadline or self.processes[name].returncode is not None:
                raise AssertionError(f"{name} did not become healthy")
            await asyncio.sleep(0.2)

    def kill(self, name: str) -> None:
        """kill -9: no goodbye, no cleanup; what it was doing stays half done."""
        self.processes[name].send_signal(signal.SIGKILL)

    async def stop(self) -> None:
        for process in self.processes.values():
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                await asyncio.wait_for(process.wait(), 20)
            except TimeoutError:
                process.kill()
                await process.wait()


@dataclass
class Running:
    """A cluster that is up: its database, the fake Bot API it talks to, its processes and the simulated people."""
    url: str
    fake: FakeTelegram
    cluster: Cluster
    people: list[int]


@asynccontextmanager
async def running_cluster(people: int, *names: str, rate: float = UNLIMITED,
                          rate_limit_per_s: float | None = None) -> AsyncIterator[Running]:
    """A fresh schema with `people` people, a fake Bot API (answering 429 above `rate_limit_per_s`) and the named
    processes up and healthy; stopped and dropped afterwards. The fake keeps its log after the block, for tally()."""
    with fresh_schema() as url:
        chosen = add_people(url, people)
        async with FakeTelegram(token="123:TEST", rate_limit_per_s=rate_limit_per_s) as fake:
            cluster = Cluster(url, fake, rate=rate)
            try:
                await cluster.up(*names)
                yield Running(url, fake, cluster, chosen)
            finally:
                await cluster.stop()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def messages(people: list[int], per_person: int, seed: int = 29) -> list[tuple[int, int]]:
    """Every person's messages 1..per_person in their order, the people randomly interleaved."""
    pending = {person: 1 for person in people}
    rng = random.Random(seed)
    order: list[tuple[int, int]] = []
    while pending:
        person = rng.choice(list(pending))
        order.append((person, pending[person]))
        pending[person] += 1
        if pending[person] > per_person:
            del pending[person]
    return order


@dataclass
class Tally:
    expected: int
    delivered: int
    lost: int
    duplicated: int
    out_of_order: int


def echoes(fake: FakeTelegram) -> dict[int, list[int]]:
    """Per person, the numbers of the messages answered, in the order the answers arrived."""
    seen: dict[int, list[int]] = {}
    for call in fake.calls_of("sendMessage"):
        if call.status != 200:
            continue
        words = str(call.params.get("text", "")).split()
        if len(words) == 3 and words[0] == "echo":
            seen.setdefault(int(words[1]), []).append(int(words[2]))
    return seen


def tally(fake: FakeTelegram, people: list[int], per_person: int) -> Tally:
    seen = echoes(fake)
    lost = duplicated = out_of_order = delivered = 0
    for person in people:
        answers = seen.get(person, [])
        delivered += len(answers)
        firsts: list[int] = []
        for n in answers:
            if n in firsts:
                duplicated += 1
            else:
                firsts.append(n)
        lost += per_person - len(set(answers) & set(range(1, per_person + 1)))
        out_of_order += sum(1 for a, b in itertools.pairwise(firsts) if b < a)
    return Tally(len(people) * per_person, delivered, lost, duplicated, out_of_order)


async def wait_for_answers(fake: FakeTelegram, people: list[int], per_person: int, timeout: float) -> None:
    """Until every message has its answer (or the time is up: the tally then shows what was lost)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = echoes(fake)
        if all(len(set(seen.get(p, []))) >= per_person for p in people):
            return
        await asyncio.sleep(0.2 if len(people) * per_person < 1000 else 1.0)  # reading the log costs CPU too


async def wait_for_outbox(url: str, timeout: float) -> None:
    engine = db.make_engine(url)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            with Session(engine) as session:
                if not session.exec(select(func.count()).select_from(OutboxMessage).where(
                        col(OutboxMessage.status).in_([OutboxStatus.PENDING, OutboxStatus.SENDING]))).one():
                    return
            await asyncio.sleep(0.2)
    finally:
        engine.dispose()
