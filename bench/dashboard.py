"""Dashboard server time: a wijk with 10,000 users, 2,000 ideas and 500 activities, on SQLite and PostgreSQL.

Each page, chart and CSV is requested through the ASGI app in-process (no network), logged in as the
wijk's aanjager; the figure is the time the server takes per request.
Usage: python bench/dashboard.py [--repeat 20] [--no-postgres]
Monthly signals are computed at most once a minute (the page, its charts and its CSV share them);
"signals_uncached" is that computation itself.
Last line: {"users", "ideas", "activities", "repeat", "sqlite": {path: {"p50_ms", "p95_ms"}, "signals_uncached": ...},
"postgres": {...}, "max_page_p95_ms", "goal_ms", "load_average_1m", "cpus"}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx
from sqlalchemy import create_engine, insert, text
from sqlmodel import Session

from bot.composition import build_app
from bot.infra import db
from bot.infra.clock import ManualClock
from bot.infra.config import Settings
from bot.infra.crud import activities as activities_crud
from bot.infra.crud import dashboard as dashboard_crud
from bot.infra.crud import figures
from bot.infra.models import Activity, Handover, Idea, Offer, Rsvp, Story, User
from bot.web.app import create_web_app
from bot.web.dashboard import SESSION_COOKIE

POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
WIJK = "presikhaaf"
THEMES = ["ontmoeten", "groen", "spelen", "sport", "feest", "zorg", "veiligheid", "duurzaam"]
NEEDS = ["ruimte", "geld", "vergunning", "spullen", "handen", "advies", "gemeente"]
STATES = ["confirmed", "handed_over", "handed_over", "accepted", "done", "stopped"]
PATHS = ["/dashboard", "/dashboard/signals", f"/dashboard/chart/{WIJK}.svg", "/dashboard/activities",
         "/dashboard/gifts", "/dashboard/stories", "/dashboard/csv/initiatieven.csv",
         "/dashboard/csv/initiatieven-status.csv", "/dashboard/csv/signalen.csv", "/dashboard/csv/activiteiten.csv",
         "/dashboard/csv/gaven.csv"]
GOAL_MS = 200.0


def fill(url: str, now: datetime, users: int, ideas: int, activities: int) -> None:
    rnd = random.Random(16)
    engine = db.make_engine(url)
    db.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(insert(User), [dict(transport="console", external_id=f"u{n}", chat_id=f"u{n}", wijk_id=WIJK,
                                         locale="nl", onboarded=True, consent_decided=True, role="resident",
                                         muted=False, unreachable=False, created_at=now, last_seen_at=now)
                                    for n in range(users)])
        conn.execute(insert(Idea), [dict(wijk_id=WIJK, text=f"idee {n}", themes=rnd.sample(THEMES, 2),
                                         needs=rnd.sample(NEEDS, 2), has="", knows="", user_id=rnd.randint(1, users),
                                         status=rnd.choice(STATES), updated_at=now,
                                         created_at=now - timedelta(days=rnd.randint(0, 360))) for n in range(ideas)])
        conn.execute(insert(Handover), [dict(idea_id=n, contact_id="buurtteam-presikhaaf", status="waiting",
                                             created_at=now - timedelta(days=rnd.randint(0, 60)))
                                        for n in range(1, ideas + 1) if n % 3])
        conn.execute(insert(Activity), [dict(wijk_id=WIJK, title=f"Activiteit {n}", description="", place="",
                                             starts_at=now + timedelta(days=rnd.randint(-180, 60)), help_wanted=False,
                                             cancelled=False, weekly=False, created_at=now)
                                        for n in range(activities)])
        conn.execute(insert(Rsvp), [dict(activity_id=a, user_id=u, answer=rnd.choice(["come", "maybe", "help"]),
                                         updated_at=now, reminded=rnd.random() < 0.5)
                                    for a in range(1, activities + 1) for u in rnd.sample(range(1, users + 1), 12)])
        conn.execute(insert(Offer), [dict(user_id=rnd.randint(1, users), kind="hands",
                                          category=rnd.choice(["koken", "klussen", "tuinieren", "computer"]), text="",
                                          created_at=now) for _ in range(3000)])
        conn.execute(insert(Story), [dict(user_id=n, wijk_id=WIJK, text=f"Verhaal {n}", shared=True,
                                          review="pending", created_at=now) for n in range(1, 21)])
    engine.dispose()


async def measure(url: str, repeat: int, sizes: tuple[int, int, int]) -> dict[str, dict[str, float]]:
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    fill(url, now, *sizes)
    with tempfile.TemporaryDirectory() as data_dir:
        app = build_app(Settings(database_url=url, data_dir=Path(data_dir)), clock=ManualClock(now))
        with Session(app.engine) as session:
            aanjager = session.get(User, 1)
            assert aanjager is not None
            activities_crud.add_aanjager(session, user=aanjager, wijk_id=WIJK, now=now)
            cookie = dashboard_crud.start_session(session, user=aanjager, now=now)
            session.commit()
        web = create_web_app(app)
        result: dict[str, dict[str, float]] = {}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=web), base_url="http://bench",
                                     cookies={SESSION_COOKIE: cookie}) as client:
            for path in PATHS:
                times = []
                for _ in range(repeat + 2):
                    start = time.perf_counter()
                    response = await client.get(path)
                    times.append((time.perf_counter() - start) * 1000)
                    assert response.status_code == 200, (path, response.status_code)
                times = sorted(times[2:])  # two warm-up requests
                result[path] = {"p50_ms": round(statistics.median(times), 1),
                                "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1)}
        times = []
        with Session(app.engine) as session:
            for _ in range(repeat):
                start = time.perf_counter()
                figures.signals(session, wijk_ids=[WIJK], now=now, tz=app.settings.tz)
                times.append((time.perf_counter() - start) * 1000)
        times.sort()
        result["signals_uncached"] = {"p50_ms": round(statistics.median(times), 1),
                                      "p95_ms": round(times[min(len(times) - 1, int(len(times) * 0.95))], 1)}
        app.engine.dispose()
    return result


def postgres_schema() -> tuple[str, str] | None:
    try:
        admin = create_engine(POSTGRES_URL)
        schema = "bench_" + uuid.uuid4().hex[:10]
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        admin.dispose()
    except Exception as exc:
        print(f"PostgreSQL not reachable: {type(exc).__name__}", file=sys.stderr)
        return None
    return schema, f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"


def drop_schema(schema: str) -> None:
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--ideas", type=int, default=2_000)
    parser.add_argument("--activities", type=int, default=500)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--quick", action="store_true", help="a tiny size: the test suite's check that it runs")
    args = parser.parse_args()
    if args.quick:
        args.repeat, args.users, args.ideas, args.activities = 1, 100, 30, 10
    sizes = (args.users, args.ideas, args.activities)
    out: dict[str, object] = {"users": args.users, "ideas": args.ideas, "activities": args.activities,
                                  "repeat": args.repeat}
    with tempfile.TemporaryDirectory() as tmp:
        out["sqlite"] = asyncio.run(measure(f"sqlite:///{tmp}/bench.db", args.repeat, sizes))
    pg = None if args.no_postgres else postgres_schema()
    if pg is not None:
        try:
            out["postgres"] = asyncio.run(measure(pg[1], args.repeat, sizes))
        finally:
            drop_schema(pg[0])
    worst = max(v["p95_ms"] for key in ("sqlite", "postgres") if key in out
                for path, v in out[key].items() if path.startswith("/"))  # type: ignore[attr-defined]
    out["max_page_p95_ms"] = worst
    out["goal_ms"] = GOAL_MS
    out["load_average_1m"] = round(os.getloadavg()[0], 1)
    out["cpus"] = os.cpu_count()
    print(json.dumps(out))


if __name__ == "__main__":
    main()
