"""Features asked for in concepts, not phrases (issue 26): a thing of the resident's (their data, the reminders,
their ideas, what they offered, the language, their neighbourhood) and something to do with it (erase, show,
stop, change), in any order and wording (content/feature_words.yaml).

The phrases of content/dialogue_acts.yaml name the common ways of asking ("verwijder al mijn gegevens"); the next
resident says "kun je alles wat je van mij weet wissen", "fikirlerim listesi nerde" or "vymknit nahaduvannja".
The words are matched like the act cues (bot/understanding/act_cues.py): on stems, word beginnings for Polish, one
typo in long words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.infra import yamlfile
from bot.understanding.act_cues import CueList, Text

FILE = "feature_words.yaml"

Languages = dict[str, list[str]]


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    things: dict[str, Languages]
    doing: dict[str, Languages]
    features: dict[str, list[tuple[str, str]]]
    others: Languages = {}


@dataclass(frozen=True)
class FeatureWords:
    things: dict[str, CueList]
    doing: dict[str, CueList]
    features: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    """Per feature, in order, the pairs (thing, doing) that ask for it."""
    others: CueList
    """Words that make a text about other people or who sees what ("wie ziet mijn idee?"): no feature."""

    def asked(self, text: Text) -> tuple[str, list[str]] | None:
        """The first feature whose thing and doing the text both names, on different words, with those words;
        None also when the text is about others."""
        if text.find(self.others):
            return None
        for feature, pairs in self.features:
            for thing, doing in pairs:
                named, done = text.find(self.things[thing]), text.find(self.doing[doing])
                found = [(n, d) for n in named for d in done if not _overlap(n, d)]
                if found:
                    return feature, [found[0][0][0], found[0][1][0]]
        return None


def _overlap(one: tuple[str, int], other: tuple[str, int]) -> bool:
    first = set(range(one[1], one[1] + len(one[0].split())))
    return bool(first & set(range(other[1], other[1] + len(other[0].split()))))


@lru_cache(maxsize=4)
def load_feature_words(content_dir: Path, features: tuple[str, ...]) -> FeatureWords:
    """The feature concepts of a content folder; a malformed file, or a pair naming an unknown thing, doing or
    feature, raises ValueError."""
    try:
        parsed = _File.model_validate(yamlfile.load((content_dir / FILE).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{FILE}: {exc}") from exc
    unknown = [name for name in parsed.features if name not in features]
    unknown += [f"{thing}/{doing}" for pairs in parsed.features.values() for thing, doing in pairs
                if thing not in parsed.things or doing not in parsed.doing]
    if unknown:
        raise ValueError(f"{FILE}: unknown feature, thing or doing: {', '.join(unknown)}")
    return FeatureWords(things={name: CueList.of(v) for name, v in parsed.things.items()},
                        doing={name: CueList.of(v) for name, v in parsed.doing.items()},
                        features=tuple((name, tuple(pairs)) for name, pairs in parsed.features.items()),
                        others=CueList.of(parsed.others))
