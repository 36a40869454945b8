"""YAML as the content files use it: `yaml.safe_load`'s result, parsed by libyaml when PyYAML was built with it
(ten times faster than the pure-Python parser; every process start reads the whole content/ folder)."""

from __future__ import annotations

from typing import IO, Any

import yaml

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(stream: str | bytes | IO[str] | IO[bytes]) -> Any:
    """The same as `yaml.safe_load(stream)` (the same safe types), only faster."""
    return yaml.load(stream, Loader=_Loader)  # noqa: S506 - a safe loader (libyaml's or PyYAML's SafeLoader)
