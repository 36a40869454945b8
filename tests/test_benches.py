"""Every benchmark runs at its quick size, so none rots unnoticed; only that it finishes and ends with its
JSON line is checked here (figures are read from a full run, never asserted in tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.infra.config import PROJECT_ROOT
from tests.synapse_server import SynapseUnavailable, synapse_python

BENCHES = sorted((PROJECT_ROOT / "bench").glob("*.py"))
NEEDS_SYNAPSE = {"matrix_latency.py"}


@pytest.mark.parametrize("bench", BENCHES, ids=[path.stem for path in BENCHES])
def test_runs_at_its_quick_size_and_ends_with_one_json_line(bench: Path) -> None:
    path = bench
    if path.name in NEEDS_SYNAPSE:
        try:
            synapse_python()
        except SynapseUnavailable as exc:
            pytest.skip(str(exc))
    done = subprocess.run([sys.executable, str(path), "--quick"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    last = done.stdout.strip().splitlines()[-1]
    assert isinstance(json.loads(last), dict | list), last
