"""Kill the sender process mid-broadcast (SIGKILL) and restart it: everyone gets the message, and only the
few sends in flight at the kill can arrive twice."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import Session

from bot.core.events import Reply
from bot.infra import db
from bot.infra.models import User
from bot.services import broadcast as broadcasting
from tests.fake_telegram import FakeTelegram

ROOT = Path(__file__).resolve().parent.parent
RECIPIENTS = 400


async def test_sigkill_mid_broadcast_then_resume(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'broadcast.sqlite3'}"
    engine = db.make_engine(url)
    db.upgrade(engine)
    now = datetime.now(UTC)
    with Session(engine) as session:
        session.execute(insert(User), [
            {"transport": "telegram", "external_id": str(5000 + n), "chat_id": str(5000 + n), "locale": "nl",
             "wijk_id": "presikhaaf", "role": "resident", "muted": False, "unreachable": False,
             "consent_decided": True, "onboarded": True, "created_at": now, "last_seen_at": now}
            for n in range(RECIPIENTS)])
        broadcasting.broadcast(session, wijk_id="presikhaaf", kind="announcement", text="Buurtfeest!",
                                  build=lambda: Reply("Buurtfeest!"), created_by=None, now=now)
        session.commit()
    engine.dispose()

    async with FakeTelegram(token="123:TEST") as fake:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "tests.broadcast_sender", url, fake.base_url]
        first = await asyncio.create_subprocess_exec(*command, env=env, cwd=ROOT)
        await fake.wait_until(lambda: fake.delivered >= RECIPIENTS // 3, timeout=60, what="a third delivered")
        first.send_signal(signal.SIGKILL)
        await first.wait()
        killed_at = fake.delivered
        assert killed_at < RECIPIENTS, "the kill came too late to test anything"
        # claims of the killed sender are leases: make them expire now instead of in five minutes
        engine = db.make_engine(url)
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE outbox SET not_before = '2000-01-01 00:00:00' WHERE status = 'sending'")
        engine.dispose()
        second = await asyncio.create_subprocess_exec(*command, env=env, cwd=ROOT)
        assert await asyncio.wait_for(second.wait(), 120) == 0
        per_chat = Counter(call.params["chat_id"] for call in fake.calls_of("sendMessage") if call.status == 200)
    assert set(per_chat) == {5000 + n for n in range(RECIPIENTS)}, "nobody misses the message"
    duplicates = sum(count - 1 for count in per_chat.values())
    assert duplicates <= 5, f"{duplicates} duplicates: more than the sends in flight at the kill"
