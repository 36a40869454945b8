"""The gift vocabulary (content/gifts.yaml): maps what neighbours offer and what ideas need onto shared
categories, in Dutch and English, so "baking" and "bakken" meet."""

from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.infra import yamlfile
from bot.infra.content import ContentError, LocalText
from bot.understanding.phrases import compiled, fold
from bot.understanding.stemming import longest_phrases, mentions, phrase_words, stem, words_of

GiftKind = Literal["heart", "head", "hands", "lend"]
TRADE_BEGINNING = 4
"""A trade this long also matches a word it begins ("hydraulik" in "hydraulikiem"); a shorter one only itself."""
TRADE_ALONE = 3
"""A text of at most this many words with a trade in it says one's own ("emekli öğretmenim", "retired nurse")."""


class GiftCategory(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: GiftKind
    label: LocalText
    words: list[str]
    needs: list[Literal["ruimte", "geld", "vergunning", "spullen", "handen", "advies", "gemeente"]]


class Gifts(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    categories: list[GiftCategory]
    no_things: list[str] = []
    """Words that describe but name no thing (colours, "mooi", "big"): a message of only these is no thing to lend."""
    available: list[str] = []
    """Patterns of saying when one has time (content/gifts.yaml `available`)..."""
    not_available: list[str] = []
    """...and of what makes such a text something else ("geen tijd", "leren")."""
    able: list[str] = []
    """Patterns of saying one can do something ("potrafię szyć", "ik kan goed naaien")..."""
    able_endings: list[str] = []
    """...and the word endings that say it (Turkish "dikebilirim")..."""
    not_able: list[str] = []
    """...unless it says one cannot ("ik kan toch niet", "i cant make it")."""
    trades: list[str] = []
    """Trades and professions, folded word beginnings ("teacher", "juf", "ogretmen", "hydraulik"): what one is or
    was by trade says what one can do..."""
    being: list[str] = []
    """...when said of oneself (patterns: "im", "ik ben", "jestem", "я"), or in a few words ("öğretmenim")."""
    lending: list[str] = []
    """Patterns of saying one would lend something ("ik kan mijn naaimachine uitlenen", "можу позичити")."""

    def by_id(self, category_id: str) -> GiftCategory | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def of_kind(self, kind: str) -> list[GiftCategory]:
        return [c for c in self.categories if c.kind == kind]

    def in_text(self, text: str) -> list[str]:
        """Category ids whose words occur in free text (stemmed, compounds too); a longer entry wins over a
        shorter word inside it."""
        typed = words_of(text)
        phrases, covered = longest_phrases(typed, self._multi_word)
        said = {category_id for _start, category_id in phrases}
        raw = [w for i, w in enumerate(typed) if i not in covered]
        stems = {stem(w) for w in raw}
        return [category.id for category in self.categories
                if category.id in said or any(" " not in (key := word.casefold()) and mentions(stem(key), stems, raw)
                                              for word in category.words)]

    @cached_property
    def _multi_word(self) -> list[tuple[tuple[str, ...], str]]:
        """The categories' entries of more than one word, with their category: split once."""
        return [(phrase, category.id) for category in self.categories for word in category.words
                if (phrase := phrase_words(word.casefold()))]

    def names_no_thing(self, text: str) -> bool:
        """"purple", "paars en groot": every word describes, none names a thing."""
        raw = words_of(text)
        describing = {w.casefold() for w in self.no_things}
        return bool(raw) and all(w in describing for w in raw)

    def says_when(self, text: str) -> bool:
        """"ik heb op woensdagmiddag doorgaans tijd": when someone has time, not a gift or something to learn."""
        folded = fold(text)
        return bool(compiled(tuple(self.available)).found(folded)) \
            and not compiled(tuple(self.not_available)).found(folded)

    def says_able(self, text: str) -> bool:
        """"potrafię szyć", "i can sew", "dikebilirim": something one can do, a gift of the hands."""
        folded = fold(text)
        if compiled(tuple(self.not_able)).found(folded):
            return False
        return bool(compiled(tuple(self.able)).found(folded)) \
            or any(word.endswith(tuple(self.able_endings)) for word in folded.split()) or self.says_trade(folded)

    def says_trade(self, text: str) -> bool:
        """"im a teacher", "ik ben juf", "öğretmenim", "jestem hydraulikiem", "я вчителька": a trade of one's own."""
        folded = fold(text)
        words = folded.split()
        trades = {fold(t) for t in self.trades}
        if not any(w in trades or any(len(t) >= TRADE_BEGINNING and w.startswith(t) for t in trades) for w in words):
            return False
        return len(words) <= TRADE_ALONE or bool(compiled(tuple(self.being)).found(folded))

    def says_lending(self, text: str) -> bool:
        """"ik kan mijn naaimachine uitlenen", "можу позичити швейну машинку": a thing to lend, not a skill."""
        folded = fold(text)
        return not compiled(tuple(self.not_able)).found(folded) and bool(compiled(tuple(self.lending)).found(folded))

    def for_needs(self, needs: list[str]) -> list[str]:
        return [c.id for c in self.categories if set(c.needs) & set(needs)]



@lru_cache(maxsize=4)
def load_gifts(content_dir: Path) -> Gifts:
    path = content_dir / "gifts.yaml"
    try:
        return Gifts.model_validate(yamlfile.load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ContentError(f"gifts.yaml: {exc}") from exc
