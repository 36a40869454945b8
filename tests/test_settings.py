"""Settings come from one place: bot/infra/config.py (pydantic-settings, prefix WIJKGIDS_, documented in the README)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
READS_ENVIRONMENT = re.compile(r"(os\.environ|getenv)\b[^\n]*WIJKGIDS_")


def test_no_module_reads_a_wijkgids_variable_from_the_environment_itself() -> None:
    """A WIJKGIDS_ variable read beside Settings is undocumented, unvalidated and missed by `.env` files."""
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for folder in ("bot", "handlers") for path in sorted((ROOT / folder).rglob("*.py"))
             if path != ROOT / "bot" / "infra" / "config.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
             if READS_ENVIRONMENT.search(line)]
    assert not found, "\n".join(found)
