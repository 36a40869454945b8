"""Themes and needs suggested by the words of an idea (content/idea_words.yaml), for the resident to confirm."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.infra import yamlfile
from bot.infra.content import ContentError
from bot.understanding.phrases import compiled, fold
from bot.understanding.stemming import longest_phrases, mentions, phrase_words, stem, strip_arabic, words_of


class IdeaWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    themes: dict[str, list[str]]
    weak_themes: dict[str, list[str]] = {}
    """Words that suggest a theme only when no other theme is found ("spelen" of card games is no children's
    theme)."""
    needs: dict[str, list[str]]
    having: list[str] = []
    not_having: list[str] = []
    people: list[str] = []
    titles: list[str] = []
    groups: list[str] = []
    joining: list[str] = []
    joining_filler: list[str] = []
    helping: list[str] = []
    knowing: list[str] = []
    swaps: list[str] = []
    removals: list[str] = []
    """How someone takes one person they named off the list ("wait, actually not joost"): patterns with the group
    `old`."""
    own_contact: list[str] = []
    """How someone says they will get in touch with a contact themselves ("ik bel liever zelf"): patterns."""
    planning: list[str] = []
    """How someone says what they will do themselves first ("ik zal volgende week met de beheerder spreken"):
    patterns."""
    not_planning: list[str] = []
    """A to-do for someone else, no plan of one's own ("call me next week"): patterns."""
    hedges: list[str] = []
    """Words of not being sure after a person ("my flatmates probably"): no part of the name; as typed (not
    folded), tried in this order."""
    mostly: list[str] = []
    """Hedges at the end of a short list ("a room mostly", "een ruimte vooral"): the list is the same without
    them; as typed."""
    need_words: list[str] = []
    """Words that say something is needed ("nodig", "lazim", "потрібно"), folded: with need words and no person at
    "who do you know?", the needs are meant."""
    amounts: list[str] = []
    """How much of a need is asked for ("wat handen", "trochę ludzi do pomocy"): no more than the need itself."""
    interjections: list[str] = []
    """Sounds that open an answer and say nothing ("hmm", "nou", "şey"): no part of a first step; folded."""
    lookalikes: list[str] = []
    """Words that contain a theme or need word but mean something else ("supermarkt" is no "markt"): never a
    theme or need."""

    @cached_property
    def phrases(self) -> frozenset[tuple[str, ...]]:
        """The words of every theme and need entry of more than one word ("hulp van de gemeente"): a text's words
        are read together where they stand (bot/understanding/corrections.py)."""
        return frozenset(phrase for table in self._table_phrases.values() for phrase, _key in table)

    @cached_property
    def _table_phrases(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """Per table (themes, weak themes, needs), its entries of more than one word with their key: folded once."""
        return {"themes": _phrases(self.themes), "weak_themes": _phrases(self.weak_themes),
                "needs": _phrases(self.needs)}

    def without_doubt(self, text: str, not_knowing: Iterable[str]) -> str:
        """What a text says without the doubt around it, as typed: a short question that opens it (the question said
        back: "ilk adım?"), words of not knowing or of not being sure before it ("bilmiyorum, belki", "weet ik
        niet, misschien", "hmm maybe") and after it ("..., i guess", "... denk ik"). "ilk adim? bilmiyorum, belki
        komsularla konusurum" is "komsularla konusurum"; the text unchanged when nothing else is left."""
        doubts = sorted({tuple(fold(p).split()) for p in [*not_knowing, *self.hedges, *self.interjections]} - {()},
                        key=len, reverse=True)
        parts = [part for part in DOUBT_CLAUSE.split(text.strip()) if part.strip(" ,.;:!?؟،")]
        while len(parts) > 1 and (_only(parts[0], doubts) or (
                parts[0].rstrip().endswith(("?", "؟")) and len(parts[0].split()) <= QUESTION_SAID_BACK)):
            parts = parts[1:]
        while len(parts) > 1 and _only(parts[-1], doubts):
            parts = parts[:-1]
        if not parts:
            return text.strip()
        kept = " ".join(part.strip() for part in parts)
        kept = _trimmed(kept, doubts)
        return kept.strip(" ,;:") or text.strip()

    def contacts_themselves(self, text: str) -> bool:
        """"ik bel liever met de wijkcoach zelf", "i'd rather email them myself": no message through the bot."""
        return bool(compiled(tuple(self.own_contact)).found(fold(text)))

    def plans(self, text: str) -> bool:
        """"ik zal volgende week met de beheerder spreken", "porozmawiam z zarządcą": a plan of the resident's own."""
        folded = fold(text)
        return not text.rstrip().endswith(("?", "؟")) and bool(compiled(tuple(self.planning)).found(folded)) \
            and not compiled(tuple(self.not_planning)).found(folded)

    def says_needed(self, text: str) -> bool:
        """A word of needing in the text ("we hebben een zaal nodig", "lazim", "потрібно")."""
        folded = f" {fold(text)} "
        return any(f" {word} " in folded for word in self.need_words)

    def themes_in(self, text: str) -> list[str]:
        text = self._without_lookalikes(text)
        return _found(self.themes, text, self._table_phrases["themes"]) \
            or _found(self.weak_themes, text, self._table_phrases["weak_themes"])

    def needs_in(self, text: str) -> list[str]:
        """Every need the text mentions, also one said to be there already (a correction names it so)."""
        return _found(self.needs, self._without_lookalikes(text), self._table_phrases["needs"])

    def _without_lookalikes(self, text: str) -> str:
        if not self.lookalikes:
            return text
        gone = {fold(w) for w in self.lookalikes}
        return " ".join(w for w in WORD.findall(text) if fold(w) not in gone)

    def wanted_in(self, text: str) -> list[str]:
        """The needs of the parts of a text that do not say the resident has it already: "ik heb zaden en
        gereedschap" needs no things, "spullen heb ik al, alleen een ruimte" needs only the room."""
        return _found(self.needs, " . ".join(self._without_lookalikes(part) for part in clauses(text)
                                             if not self._has(part)), self._table_phrases["needs"])

    def missing_in(self, text: str) -> list[str]:
        """What a text that says what the resident has says is still missing, as typed without the words for not
        having it: "toplarım var ama kale yok" → ["kale"], "ballen heb ik, maar geen doel" → ["doel"]; nothing when
        it says nothing is had."""
        if not self.has_in(text):
            return []
        missing = []
        for part in clauses(text):
            folded = " " + " ".join(WORD.findall(part.casefold())) + " "
            if self._has(part) or not any(f" {p} " in folded for p in self.not_having):
                continue
            rest = _strip_phrases(part, [*self.not_having, *self.having])
            if rest:
                missing.append(rest)
        return missing

    def has_in(self, text: str, *, details: bool = False) -> str:
        """What the text says the resident has already, without the having words: "ballen heb ik al" → "ballen";
        with `details` also the short parts that say more about it ("..., een stuk of 6 sets")."""
        found: list[str] = []
        said = False
        for part in clauses(text):
            if self._has(part):
                said = True
                rest = _strip_phrases(part, self.having)
            elif details and said and self._detail(part):
                rest = part
            else:
                said = False
                continue
            if rest:
                found.append(rest)
        return ", ".join(found)

    def only_having(self, text: str, *, not_needs: bool = False) -> str:
        """What the text says the resident has, when every part of it says so ("semaverim var, bardaklar da var" →
        "semaverim, bardaklar da"); "" when a part says something else ("spullen heb ik al, alleen een ruimte") or
        it asks something. `not_needs`: also "" when it names a need, which at the needs question unticks it ("de
        zaal heb ik al")."""
        parts = clauses(text)
        if not parts or text.rstrip().endswith("?") or (not_needs and self.needs_in(text)):
            return ""
        said = False
        for part in parts:
            if self._has(part):
                said = True
            elif not (said and self._detail(part)):
                return ""
        return self.has_in(text, details=True)

    def _has(self, part: str) -> bool:
        folded = " " + " ".join(WORD.findall(part.casefold())) + " "
        return any(f" {p} " in folded for p in self.having) and not any(f" {p} " in folded for p in self.not_having)

    def _detail(self, part: str) -> bool:
        """A short part after what someone has that only says more about it ("ik heb ballen genoeg, een stuk of 6
        sets", "i have the tables, about ten"): no not having, no needing, no need named ("..., alleen een ruimte")."""
        folded = " " + " ".join(WORD.findall(part.casefold())) + " "
        return len(folded.split()) <= DETAIL_WORDS and not self.says_needed(part) and not self.needs_in(part) \
            and not any(f" {p} " in folded for p in self.not_having)


WORD = re.compile(r"[\w']+")
CLAUSE = re.compile(r"[.,;!?\n،]+|\s(?:maar|alleen|behalve|but|only|just|except|ama|fakat|ancak|sadece|ale|tylko|"
                    r"але|тільки|лише|لكن|بس|bas|walakin)\s", re.IGNORECASE)
"""Where one part of an answer ends: "spullen heb ik al, alleen een ruimte" is two parts."""
DETAIL_WORDS = 6
"""The most words of a part that only says more about what someone has."""
FILLER = ("al", "ook", "nu", "wel", "ik", "wij", "we", "already", "also", "some", "i", "я", "ми", "ja", "my", "ben",
          "biz", "ana", "انا", "أنا")


DOUBT_CLAUSE = re.compile(r"(?<=[,;:!?؟،])\s*")
"""Where a text is cut to find the doubt around what it says: after each comma or question mark, the mark kept."""
QUESTION_SAID_BACK = 3
"""A question of at most this many words that opens an answer says the question back ("ilk adım?", "first step?")."""


def _only(part: str, doubts: list[tuple[str, ...]]) -> bool:
    """The part is nothing but words of doubt ("bilmiyorum,", "not sure")."""
    words = fold(part).split()
    while words:
        doubt = next((d for d in doubts if tuple(words[:len(d)]) == d), None)
        if doubt is None:
            return False
        words = words[len(doubt):]
    return True


def _trimmed(text: str, doubts: list[tuple[str, ...]]) -> str:
    """The text without words of doubt it opens or ends with ("belki komşularla konuşurum", "talk to them i guess"),
    as typed; unchanged when they are all it says."""
    typed = text.split()
    start, end = 0, len(typed)
    moved = True
    while moved:
        moved = False
        for doubt in doubts:
            size = len(doubt)
            if end - start > size and tuple(fold(w) for w in typed[start:start + size]) == doubt:
                start, moved = start + size, True
                break
            if end - start > size and tuple(fold(w) for w in typed[end - size:end]) == doubt:
                end, moved = end - size, True
                break
    return " ".join(typed[start:end]).strip(" ,;:")


def clauses(text: str) -> list[str]:
    return [part.strip() for part in CLAUSE.split(text) if part and part.strip()]


def _strip_phrases(part: str, phrases: list[str] | tuple[str, ...], *, edges: tuple[str, ...] = FILLER) -> str:
    """The part without the phrases, and without the `edges` words where it begins or ends ("ballen heb ik al" →
    "ballen"); an edge word inside stays ("mam kilka książek i starą półkę": the Polish "and")."""
    words = WORD.findall(part)
    folded = [w.casefold() for w in words]
    drop: set[int] = set()
    for phrase in sorted(phrases, key=lambda p: -len(p.split())):
        size = len(phrase.split())
        for i in range(len(folded) - size + 1):
            if " ".join(folded[i:i + size]) == phrase and not drop & set(range(i, i + size)):
                drop |= set(range(i, i + size))
    kept = [i for i in range(len(words)) if i not in drop]
    while kept and folded[kept[0]] in edges:
        kept.pop(0)
    while kept and folded[kept[-1]] in edges:
        kept.pop()
    return " ".join(words[i] for i in kept)


def _found(table: dict[str, list[str]], text: str, multi: list[tuple[tuple[str, ...], str]]) -> list[str]:
    """The keys of the table the text mentions, in the table's order. An entry of more than one word is found
    where its words stand together, and a longer entry wins over a shorter word inside it ("hulp van de gemeente"
    is contact with the municipality, not also helping hands)."""
    typed = words_of(fold(text))
    phrases, covered = longest_phrases(typed, multi)
    said = {key for _start, key in phrases}
    raw = [w for i, w in enumerate(typed) if i not in covered]
    raw += [bare for w in raw if (bare := strip_arabic(w)) != w]  # "واللقاء" is "لقاء"
    stems = {stem(w) for w in raw}
    return [key for key, words in table.items()
            if key in said or any(" " not in (word := fold(w)) and mentions(stem(word), stems, raw) for w in words)]


def _phrases(table: dict[str, list[str]]) -> list[tuple[tuple[str, ...], str]]:
    return [(phrase, key) for key, words in table.items() for w in words if (phrase := phrase_words(fold(w)))]


@lru_cache(maxsize=4)
def load_idea_words(content_dir: Path) -> IdeaWords:
    path = content_dir / "idea_words.yaml"
    try:
        return IdeaWords.model_validate(yamlfile.load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ContentError(f"idea_words.yaml: {exc}") from exc
