"""The pieces of running as several processes that need no processes: the periodic tasks' cron lines, the
settings the scale-out harness turns down to make recovery quick."""

from __future__ import annotations

import itertools

import croniter
import pytest

from bot.infra.config import Settings
from bot.scale import cron_for


@pytest.mark.parametrize("every_s", [1, 5, 30, 60, 300, 3600])
def test_cron_for_fires_every_period(every_s: float) -> None:
    """The recovery runs every few seconds: a cron line meaning "every 5 minutes" instead of "every 5 seconds"
    left a killed worker's people waiting for minutes."""
    start = 1_796_533_800.0 + 1  # just after a whole hour
    fires = croniter.croniter(cron_for(every_s), start)
    times = [fires.get_next(float) for _ in range(4)]
    gaps = {round(b - a) for a, b in itertools.pairwise(times)}
    assert gaps == {every_s}, (cron_for(every_s), times)


def test_recovery_interval_is_a_setting() -> None:
    assert Settings(recover_every_s=1).recover_every_s == 1  # type: ignore[call-arg]
    assert Settings().recover_every_s == 5  # type: ignore[call-arg]
