"""Reading a correction of a list of values ("nee geen sport, het gaat om duurzaamheid en ontmoeten", "spullen heb
ik al, alleen een ruimte en wat vrijwilligers", "ja, maar geld is ook wel handig"): which values are meant, which
are ruled out, and the list that results. Used by the flows that apply a correction of themes, needs or gifts.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from bot.infra import yamlfile
from bot.infra.content import ContentError
from bot.understanding.intents import CONTENT
from bot.understanding.phrases import Phrases, check_patterns, fold
from bot.understanding.stemming import longest_phrases

Finder = Callable[[str], list[str]]
"""The values a piece of text mentions (IdeaWords.themes_in, IdeaWords.needs_in, Gifts.in_text)."""

FILE = "correction_words.yaml"


class CorrectionWords(BaseModel):
    """content/correction_words.yaml: per language, the words that rule a value out."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    negators: dict[str, list[str]]
    """A value right after one of these is ruled out: "niet feest", "not party", "more about play than sport"."""
    ruled_out_after: dict[str, list[str]]
    """Phrases right after a value that rule it out: "spullen heb ik al", "take helping hands off", "de zaal hoeft
    niet meer", "sali juz nie potrzebuje"."""

    @field_validator("ruled_out_after")
    @classmethod
    def _patterns_compile(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        check_patterns((code, pattern) for code, patterns in value.items() for pattern in patterns)
        return value

    @cached_property
    def negating(self) -> frozenset[str]:
        return frozenset(fold(str(w)) for words in self.negators.values() for w in words)

    @cached_property
    def ruling_out(self) -> Phrases:
        return Phrases.of(p for patterns in self.ruled_out_after.values() for p in patterns)


@lru_cache(maxsize=4)
def load_correction_words(content_dir: Path = CONTENT) -> CorrectionWords:
    """The words of a content folder; a malformed file raises ContentError (the app checks this at start-up)."""
    try:
        return CorrectionWords.model_validate(yamlfile.load((content_dir / FILE).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ContentError(f"{FILE}: {exc}") from exc


REPLACING = Phrases.of(["gaat (om|over)", "alleen", "only", "just", "(its|it is) (about|more about)", "more about",
                        "(moet|should) .. (zijn|be)", "in plaats van", "instead of"])
"""Phrases that say the list is this, not this as well."""
WINDOW = 3


def values_in_order(text: str, finder: Finder, phrases: Collection[tuple[str, ...]],
                    words_of: CorrectionWords | None = None) -> list[tuple[str, bool]]:
    """The values a text mentions, in the order typed, each with whether it is ruled out (by the words of
    content/correction_words.yaml, those of the project's own content folder unless others are given). The words of
    a phrase of the finder's lists (`phrases`, as `phrase_words` gives them) are read together, a longer phrase
    winning over a shorter word inside it: "hulp van de gemeente" is the municipality, not also "hulp" (helping
    hands)."""
    known = words_of or load_correction_words()
    words = fold(text).split()
    counted = [(index, word) for index, word in enumerate(words) if len(word) > 2]  # as the finders read phrases
    found_phrases, _covered = longest_phrases([word for _index, word in counted], [(p, p) for p in phrases])
    ends = {counted[start][0]: counted[start + len(phrase) - 1][0] + 1 for start, phrase in found_phrases}
    found: list[tuple[str, bool]] = []
    index = 0
    while index < len(words):
        end = ends.get(index, index + 1)
        for value in finder(" ".join(words[index:end])):
            before = words[max(0, index - WINDOW):index]
            after = " ".join(words[end:end + WINDOW])
            ruled_out = bool(known.negating & set(before)) or bool(known.ruling_out.found(after))
            if all(value != seen for seen, _out in found):
                found.append((value, ruled_out))
        index = end
    for value in finder(text):  # values of more than one word ("samen eten", "street party")
        if all(value != seen for seen, _out in found):
            found.append((value, False))
    return found


def corrected_list(text: str, current: Sequence[str], finder: Finder, phrases: Collection[tuple[str, ...]],
                   words_of: CorrectionWords | None = None) -> list[str] | None:
    """The list after the correction, or None when the text names none of the values."""
    mentioned = values_in_order(text, finder, phrases, words_of)
    if not mentioned:
        return None
    meant = [value for value, out in mentioned if not out]
    ruled_out = {value for value, out in mentioned if out}
    if meant and REPLACING.found(fold(text)):
        return meant
    kept = [value for value in current if value not in ruled_out]
    return kept + [value for value in meant if value not in kept]


NEW_VALUE = ("naar", "in", "op", "is", "wordt", "worden", "moet zijn", "heten", "noemen", "to", "into", "is now",
             "should be", "must be", "will be", "be", "as", "called", "it to", "het naar", "dat naar", "het in")
"""Words between the name of an answer and its new value: "verander de titel naar ...", "the title should be ..."."""


def new_value(text: str, slot_words: Phrases) -> str | None:
    """The new value a correction gives an answer it names ("verander de titel naar Buurtborrel" → "Buurtborrel",
    "oh the date should be saturday" → "saturday"), as typed; None when the text names no answer or gives no
    value after it."""
    folded = fold(text)
    for _start, end in sorted(slot_words.spans(folded)):
        after = folded[end:].split()
        for size in (2, 1):
            if len(after) > size and " ".join(after[:size]) in NEW_VALUE:
                # the same words as typed (case and accents kept): the last words of the text
                typed = text.strip().rstrip(".!").split()
                return " ".join(typed[-(len(after) - size):]).strip(" \"'“”") or None
    return None
