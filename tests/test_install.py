"""A fresh install has exactly the tested versions: what is installed is what requirements/lock.txt says."""

from __future__ import annotations

import re
from importlib import metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bot.infra.config import PROJECT_ROOT

LOCK = PROJECT_ROOT / "requirements" / "lock.txt"
NOT_LOCKED = {"pip", "wijkgids"}  # the installer itself, and the project (installed from the working tree)


def locked() -> dict[str, str]:
    """name → version of every pin in the lock that applies to this interpreter and platform."""
    pins: dict[str, str] = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if not line[:1].isalnum():
            continue
        pin = Requirement(line.rstrip("\\ "))  # extras are kept (`python-socks[asyncio]==…`): see refresh.py
        if pin.marker is None or pin.marker.evaluate():
            (spec,) = pin.specifier
            pins[canonicalize_name(pin.name)] = spec.version
    return pins


def installed() -> dict[str, str]:
    return {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}


def test_the_lock_pins_every_dependency_with_hashes() -> None:
    text = LOCK.read_text(encoding="utf-8")
    pins = re.findall(r"^[A-Za-z0-9][^\s]*==", text, flags=re.MULTILINE)
    assert len(pins) > 50
    assert text.count("--hash=sha256:") >= len(pins)
    assert all(name in locked() for name in ("python-telegram-bot", "sqlmodel", "babel", "pytest", "setuptools"))


def test_what_is_installed_is_what_the_lock_says() -> None:
    want, have = locked(), installed()
    wrong = {name: (have.get(name), version) for name, version in want.items() if have.get(name) != version}
    extra = sorted(set(have) - set(want) - NOT_LOCKED)
    assert not wrong and not extra, (
        f"installed (have, lock) differ: {wrong}; not in the lock: {extra}. Install with the README's "
        "command (pip install --require-hashes -r requirements/lock.txt), or refresh the lock on purpose "
        "with `python3 requirements/refresh.py`."
    )
