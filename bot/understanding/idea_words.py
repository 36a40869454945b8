"""Themes and needs suggested by the words of an idea (content/idea_words.yaml), for the resident to confirm."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.infra.content import ContentError
from bot.understanding.stemming import mentions, stem, words_of


class IdeaWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    themes: dict[str, list[str]]
    needs: dict[str, list[str]]

    def themes_in(self, text: str) -> list[str]:
        return _found(self.themes, text)

    def needs_in(self, text: str) -> list[str]:
        return _found(self.needs, text)


def _found(table: dict[str, list[str]], text: str) -> list[str]:
    raw = words_of(text)
    stems = {stem(w) for w in raw}
    spaced = " " + " ".join(raw) + " "
    found = []
    for key, words in table.items():
        for word in words:
            word = word.casefold()
            if (" " in word and f" {word} " in spaced) or (" " not in word and mentions(stem(word), stems, raw)):
                found.append(key)
                break
    return found


@lru_cache(maxsize=4)
def load_idea_words(content_dir: Path) -> IdeaWords:
    path = content_dir / "idea_words.yaml"
    try:
        return IdeaWords.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ContentError(f"idea_words.yaml: {exc}") from exc
