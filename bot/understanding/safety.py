"""Safety first: does a typed message say that someone may not be safe (suicide, self-harm, violence at home,
acute danger)? Checked before anything else on every typed message, in every language that has phrases.

The phrases are data (content/safety/signals.yaml, pattern syntax in bot/understanding/phrases.py), so a
language is added by adding its phrases there. Everyday hyperbole ("ik ga dood van het lachen", "this form is
killing me") is taken out of the text before the check; what is left must name the person's own life, body or
safety. Deterministic and explainable: `Signal.phrases` says which phrases decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from bot.infra.helplines import KINDS, Kind
from bot.understanding.phrases import Phrases, compile_pattern, fold, without

FILE = Path("safety") / "signals.yaml"
REQUIRED_LANGUAGES = ("nl", "en")


class _SignalsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kinds: dict[Kind, dict[str, list[str]]]
    not_crisis: dict[str, list[str]] = {}

    @field_validator("kinds")
    @classmethod
    def _complete(cls, value: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
        missing = [f"{kind}: no phrases for {code}" for kind in KINDS for code in REQUIRED_LANGUAGES
                   if not value.get(kind, {}).get(code)]
        if missing:
            raise ValueError("; ".join(missing))
        for kind, languages in value.items():
            _compiles(languages, kind)
        return value

    @field_validator("not_crisis")
    @classmethod
    def _valid(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        _compiles(value, "not_crisis")
        return value


def _compiles(languages: dict[str, list[str]], where: str) -> None:
    problems = []
    for code, patterns in languages.items():
        for pattern in patterns:
            try:
                compile_pattern(pattern)
            except Exception as exc:  # a ValueError, or re.error from the compiled expression
                problems.append(f"{where}.{code}: {pattern!r}: {exc}")
    if problems:
        raise ValueError("; ".join(problems))


@dataclass(frozen=True)
class Signals:
    kinds: dict[str, Phrases]
    hyperbole: Phrases
    languages: frozenset[str]


@dataclass(frozen=True)
class Signal:
    kinds: tuple[str, ...]
    """What the message may be about, acute danger first."""
    phrases: tuple[str, ...]
    """The phrases that were found: why this is read as a crisis."""

    @property
    def kind(self) -> str:
        return self.kinds[0]


@lru_cache(maxsize=4)
def load_signals(content_dir: Path) -> Signals:
    """The phrases of a content folder; a missing, malformed or incomplete file raises ValueError at start-up."""
    path = content_dir / FILE
    try:
        parsed = _SignalsFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{FILE}: {exc}") from exc
    kinds: dict[str, Phrases] = {kind: Phrases.of(p for patterns in parsed.kinds[kind].values() for p in patterns)
                                 for kind in KINDS}
    hyperbole = Phrases.of(p for patterns in parsed.not_crisis.values() for p in patterns)
    languages = frozenset(code for languages in parsed.kinds.values() for code in languages)
    return Signals(kinds, hyperbole, languages)


def detect(text: str, signals: Signals) -> Signal | None:
    """The crisis a message may be about, or None."""
    folded = without(fold(text), signals.hyperbole)
    if not folded:
        return None
    found = {kind: signals.kinds[kind].found(folded) for kind in KINDS}
    kinds = tuple(kind for kind in KINDS if found[kind])
    if not kinds:
        return None
    return Signal(kinds, tuple(p for kind in kinds for p in found[kind]))
