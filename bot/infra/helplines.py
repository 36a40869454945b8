"""Where to get help now, per country (content/safety/helplines.yaml): the lines the safety reply shows.

Content, not code: numbers and wording are reviewed by people who know them. Checked at start-up: every kind
of crisis has a line, every number is in every translation, and a file not yet reviewed says so in the log.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from bot.infra import yamlfile
from bot.infra.content import LocalText

FILE = Path("safety") / "helplines.yaml"
Kind = Literal["danger", "violence", "selfharm", "suicide"]
KINDS: tuple[Kind, ...] = ("danger", "violence", "selfharm", "suicide")
"""The kinds of crisis, in the order a reply names them: acute danger first."""
log = logging.getLogger(__name__)


class Helpline(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    text: LocalText
    for_: list[Kind] = Field(default_factory=list, alias="for")
    acute: bool = False
    """Shown for every kind, first for acute danger and last otherwise (112)."""
    phones: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _numbers_in_every_language(self) -> Helpline:
        for code, text in self.text.root.items():
            missing = [phone for phone in self.phones if phone not in text]
            if missing:
                raise ValueError(f"helpline {self.id!r}: the {code} text lacks {', '.join(missing)}")
        if not self.for_ and not self.acute:
            raise ValueError(f"helpline {self.id!r}: say for which kinds it is (for:) or that it is acute")
        return self


class Country(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    reviewed: bool
    helplines: list[Helpline]

    @model_validator(mode="after")
    def _every_kind_covered(self) -> Country:
        if not any(h.acute for h in self.helplines):
            raise ValueError("no acute line (112)")
        uncovered = [kind for kind in KINDS if kind != "danger" and not any(kind in h.for_ for h in self.helplines)]
        if uncovered:
            raise ValueError(f"no helpline for: {', '.join(uncovered)}")
        return self

    def for_kinds(self, kinds: tuple[str, ...]) -> list[Helpline]:
        """The lines for these kinds, each once; the acute line first when there is acute danger."""
        acute = [h for h in self.helplines if h.acute]
        chosen = [h for h in self.helplines if not h.acute and any(k in h.for_ for k in kinds)]
        return [*acute, *chosen] if "danger" in kinds else [*chosen, *acute]


class Helplines(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    default_country: str
    countries: dict[str, Country]

    @model_validator(mode="after")
    def _default_exists(self) -> Helplines:
        if self.default_country not in self.countries:
            raise ValueError(f"default_country {self.default_country!r} has no helplines")
        return self

    def country(self, code: str | None = None) -> Country:
        return self.countries.get(code or self.default_country) or self.countries[self.default_country]


@lru_cache(maxsize=4)
def load_helplines(content_dir: Path) -> Helplines:
    """The helplines of a content folder; a missing or invalid file raises ValueError (start-up fails loudly)."""
    try:
        helplines = Helplines.model_validate(yamlfile.load((content_dir / FILE).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{FILE}: {exc}") from exc
    for code, country in helplines.countries.items():
        if not country.reviewed:
            log.warning("%s: the helplines for %r are not reviewed yet; have a welfare professional check them "
                        "before go-live", FILE, code)
    return helplines
