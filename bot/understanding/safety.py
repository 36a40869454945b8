"""Safety first: does a typed message say that someone may not be safe (suicide, self-harm, violence at home,
acute danger)? Checked before anything else on every typed message, in every language that has content.

Phrase lists do not generalise (one held-out batch: crisis recall 0.32), so the check reads *concepts*, and
rules combine them, both content (content/safety/concepts.yaml; pattern syntax in bot/understanding/phrases.py):

- a concept is what a few words mean, in every language: `death` (dood, die, ölmek, смерть ...), `want`
  (wil, wish, planning, thinking about ...), `means` (pillen, rope, jilet ...), `household` (mijn man, my dad ...),
  `violent_act`, `not_breathing`, `distance` (the news, a film, a workshop) and so on;
- a rule of a kind says which concepts together mean that kind: `[death, want]` within a few words is suicide
  ("ik wil gewoon dood", "i feel like i should just die"), `[household, violent_act, target]` is violence at
  home, `[not_breathing]` unless `[distance]` is acute danger. Guards (`unless`) are only for what is clearly
  not about someone now: the news, a film, a course, an accident while cooking;
- the phrases of content/safety/signals.yaml stay a rule of their kind (with the `distance` guard).

Words are matched folded (case, accents, apostrophes, letter variants: `phrases.fold`), per clause (`^`/`$` are
a clause's start and end), as word beginnings (`snij*`: snijden, snijwonden) and with a small typo corrected
(rapidfuzz against the concepts' words: "sucidal", "zelfmrd", "dissapear"). Everyday hyperbole ("ik ga dood
van het lachen", "this form is killing me") is taken out first. When in doubt the rules favour recall: a false
alarm costs a kind message, a miss may cost a life. Deterministic and explainable: `Signal.phrases` says
which rules and words decided.

Where no rule fires, a second line reads the message: a small statistical model (bot/understanding/safety_model.py,
content/safety/model.json) over the same folded clauses and the concepts found, for the crisis texts written in
words no rule has; its reason reads `model 0.97: "leven", "zwaar", "life"`.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from rapidfuzz import fuzz, process

from bot.infra import yamlfile
from bot.infra.helplines import KINDS, Kind
from bot.understanding import safety_model, safety_morphology
from bot.understanding.phrases import GAP_MARK, Phrases, check_pattern, check_patterns, fold, without

FILE = Path("safety") / "signals.yaml"
CONCEPTS_FILE = Path("safety") / "concepts.yaml"
REQUIRED_LANGUAGES = ("nl", "en")
PHRASES = "phrases"
"""The rule name of a kind's phrase list (signals.yaml) in explanations."""
MODEL = "model"
"""The name of the second line (bot/understanding/safety_model.py) in explanations."""
TYPO_MIN = 6
"""Words at least this long are corrected for a small typo against the concepts' words."""
TYPO_SCORE = 87
_CLAUSES = re.compile(r"[.!?;:,\n]+|\s-\s|…")
_LAUGHING = re.compile("[😂🤣😆😹😅🙈😜😝🤪]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_ARABIC_PREFIXES = ("وبال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "وك", "وه", "وح", "وس", "فب", "و",
                    "ف", "ب", "ل", "ك", "ه", "ح", "ت", "س")
"""What Arabic writes onto a word: a conjunction or preposition (و, ف, ب, ل), the article (ال), or both; longest
first, so "بالحبوب" is "بال" and "حبوب"; and the dialects' marks of a verb's aspect or future (ب, ك, ت, ه, ح:
"بيضرب", "كيضرب", "تيضرب", "هيقتل", "حيقتل"; the standard future's س, "سأقتل"), also behind و or ف."""
_ARABIC_MARKS = frozenset({"ب", "ك", "ح", "ه", "ت", "س", "وب", "وك", "وه", "وح", "وس", "فب"})
"""The prefixes that mark a verb's aspect or future: behind them the dialects drop the "I" of a verb ("بفكر", I am
thinking, is "ب" and "افكر")."""
_ARABIC_NEGATION = ("ما", "م")
"""The front of the negation the dialects wrap around a verb with ش behind ("ما بقيتش", "مبقاش", "ماعنديش")."""
_ARABIC_PERSONS = ("ي", "ت", "ن", "ا")
"""The person letter in front of a present-tense verb ("يخنق", he strangles; "تصرخ", she screams; "نموت")."""
_ARABIC_SUFFIXES = ("هم", "ها", "ني", "نا", "كم", "ه", "ك")
"""The object pronouns Arabic attaches to a verb ("بيضربها", he beats her; "يهددني", he threatens me): a concept's
verb with one of these is the verb and its object, which the `target` concept names."""
_ARABIZI_PREFIXES = ("kat", "kay", "kan", "tay", "tat", "ka", "ta", "bt", "bi", "by", "ha")
"""Arabizi's marks in front of a verb (Darija "katdrebni", "kaydrbha", "tayd"; Levantine and Egyptian "bidrabni",
"btidrob", "hay2tol"), as `_ARABIC_PREFIXES` in Latin letters; only a verb's, and only the object pronouns of two
letters or more: a word of another language in Latin letters must not read as Arabizi ("truck" is no "t-rk-k")."""
_TA_MARBUTA = "ه"
"""The pronoun "him" (ه) is also how the feminine ending (ة) is folded: a concepts' word that ends in it and is
read as its stem and "him" ("طايحه", she has fallen: "طايح ه") is matched in both readings (`_ta_marbuta`)."""
_ARABIC_WORD = re.compile("[\u0600-\u06ff]+")
_ARABIZI_SUFFIXES = ("hom", "ni", "ha", "na")
_ARABIZI = re.compile("[a-z0-9]+")
_ARABIZI_WORD = re.compile("[a-z]*[a-z3][a-z]*")
"""A word Arabizi may be: Latin letters and the 3 of ع ("kay3ayet")."""
_ARABIZI_DIGITS = str.maketrans({"7": "h", "9": "q", "5": "kh", "2": ""})


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


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    all: list[str] = Field(min_length=1)
    """Every one of these concepts, within `within` words of each other."""
    any: list[str] = []
    """And one of these (when given), within the same window."""
    unless: list[str] = []
    """Not when one of these concepts is anywhere in the message."""
    within: int = Field(default=8, ge=0)
    note: str = ""


class _ConceptsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    concepts: dict[str, dict[str, list[str]]]
    rules: dict[Kind, list[_Rule | list[str]]]
    phrase_guards: list[str] = []
    """Concepts that keep a kind's phrase list (signals.yaml) from deciding: the news, a film, a course."""
    kind_phrase_guards: dict[Kind, list[str]] = {}
    """Concepts that keep one kind's phrase list from deciding, as they guard that kind's rules (a fire put out)."""
    not_typos: dict[str, list[str]] = {}
    """Ordinary words that look like a small typo of a concept's word: never corrected ("gewoond" is no "gewond")."""
    not_latin: list[str] = []
    """Ukrainian words whose Latin reading is an everyday word of another language ("висить", hangs, reads "visit";
    "міст", bridge, "mist"): not read in Latin letters."""
    local_guards: dict[str, int] = {}
    """Guards about one thing said (a ball, a landlord not answering, a party), with how near (in words) they must be
    to the words they guard: elsewhere in the message they keep nothing from firing."""
    model_guards: list[str] = []
    """Guards that, when they kept a rule from firing, also keep the second line from deciding: the rules read the
    alarming words and the guard says they are used in an everyday sense ("tabletki do zmywarki")."""
    joke_guards: dict[Kind, list[list[str]]] = {}
    """Per kind, groups of concepts that together make what was said a joke ("if i hear that song one more time
    im jumping off a bridge lol": a laugh and "one more time"): where every concept of a group is found, that
    kind's rules and phrases do not decide, nor does the second line. Never one concept alone."""

    @field_validator("concepts")
    @classmethod
    def _concepts_compile(cls, value: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
        for name, languages in value.items():
            _compiles(languages, f"concepts.{name}")
        return value

    @model_validator(mode="after")
    def _known(self) -> _ConceptsFile:
        problems = [f"rules: no rule for {kind}" for kind in KINDS if not self.rules.get(kind)]
        for kind, rules in self.rules.items():
            for rule in rules:
                names = rule if isinstance(rule, list) else [*rule.all, *rule.any, *rule.unless]
                problems += [f"rules.{kind}: unknown concept {name!r}" for name in names if name not in self.concepts]
        problems += [f"phrase_guards: unknown concept {name!r}" for name in self.phrase_guards
                     if name not in self.concepts]
        problems += [f"{field}: unknown concept {name!r}" for field, names in
                     (("model_guards", self.model_guards), ("local_guards", self.local_guards))
                     for name in names if name not in self.concepts]
        problems += [f"kind_phrase_guards.{kind}: unknown concept {name!r}"
                     for kind, names in self.kind_phrase_guards.items() for name in names if name not in self.concepts]
        problems += [f"joke_guards.{kind}: unknown concept {name!r}" for kind, groups in self.joke_guards.items()
                     for group in groups for name in group if name not in self.concepts]
        problems += [f"joke_guards.{kind}: a group of fewer than two concepts" for kind, groups in
                     self.joke_guards.items() for group in groups if len(group) < 2]
        for kind, rules in self.rules.items():
            for rule in rules:
                names = rule if isinstance(rule, list) else [*rule.all, *rule.any]
                problems += [f"concepts.{name}: no words for {code} (used by a {kind} rule)" for name in names
                             if name in self.concepts for code in REQUIRED_LANGUAGES
                             if not self.concepts[name].get(code)]
        if problems:
            raise ValueError("; ".join(dict.fromkeys(problems)))
        return self


def _compiles(languages: dict[str, list[str]], where: str) -> None:
    problems = []
    for code, patterns in languages.items():
        for pattern in patterns:
            try:
                check_pattern(pattern)
            except Exception as exc:  # a ValueError, or re.error from the compiled expression
                problems.append(f"{where}.{code}: {pattern!r}: {exc}")
    if problems:
        raise ValueError("; ".join(problems))


@dataclass(frozen=True)
class Rule:
    kind: str
    all: tuple[str, ...]
    any: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    within: int = 8

    @property
    def name(self) -> str:
        wanted = "+".join(self.all) + (f"+({'|'.join(self.any)})" if self.any else "")
        return wanted + (f" unless {'|'.join(self.unless)}" if self.unless else "")


@dataclass(frozen=True)
class Signals:
    kinds: dict[str, Phrases]
    """The phrase list of each kind (signals.yaml): a rule of its kind, guarded by `phrase_guards`."""
    hyperbole: Phrases
    languages: frozenset[str]
    concepts: dict[str, Phrases]
    rules: tuple[Rule, ...]
    phrase_guards: tuple[str, ...]
    vocabulary: tuple[str, ...]
    """The concepts' single words (folded), for correcting a small typo."""
    prefixes: tuple[str, ...]
    """The concepts' word beginnings (`snij*`): a word that begins so is not corrected."""
    model: safety_model.Model | None = None
    """The second line (content/safety/model.json); None when a content folder has none."""
    arabic: frozenset[str] = frozenset()
    """The concepts' single words in Arabic script: a word that is one of them behind an attached و, ف, ب or ل
    ("وكيضربني", "بالموس") is read as the prefix and that word."""
    ordinary: frozenset[str] = frozenset()
    """Words never corrected for a typo: concepts.yaml `not_typos` (ordinary words close to a concept's word) and
    the words of the concepts only guards use, which must stay what they are for their guard to read them ("cikarsa
    ne yapacagiz", what do we do if, is no "yapacagim", I will do)."""
    model_guards: tuple[str, ...] = ()
    """Guards that, when they kept a rule from firing, keep the second line from deciding (concepts.yaml)."""
    arabizi: frozenset[str] = frozenset()
    """The concepts' single Arabic words in Latin letters (Arabizi, folded as `arabizi` reads them, three letters or
    more), read behind a prefix and before a suffix as `arabic` is."""
    arabizi_stems: dict[str, str] = dataclasses.field(default_factory=dict)
    """`arabizi` by their vowel-less skeleton, also without prefix and pronoun (`_arabizi_stems`)."""
    latin: dict[str, Phrases] = dataclasses.field(default_factory=dict)
    """The concepts' Ukrainian patterns in Latin letters (`latin`), for Ukrainian typed in Latin letters ("ya ne
    hochu zhyty"): matched on the message's Latin words read the same way."""
    stems: dict[str, Phrases] = dataclasses.field(default_factory=dict)
    """The concepts' Ukrainian patterns as stems (safety_morphology.ukrainian_stem): matched on the message's
    Cyrillic words as stems, so "порізалась" finds "порізалася" and "жить" finds "жити"."""
    turkish_words: frozenset[str] = frozenset()
    """The concepts' Turkish words: never read as a spoken form of another ("kocam", my husband)."""
    kind_phrase_guards: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    """Concepts that keep one kind's phrase list from deciding (concepts.yaml `kind_phrase_guards`)."""
    local_guards: dict[str, int] = dataclasses.field(default_factory=dict)
    """Guards that count only within so many words of the words they guard (concepts.yaml `local_guards`)."""
    polish: dict[str, Phrases] = dataclasses.field(default_factory=dict)
    """The concepts' Polish patterns as safety_morphology.polish reads them: matched on the message read so, so
    "bym się zabiła" finds "zabiłabym się" and "znowu się cięłam" finds "cięłam się"."""
    joke_guards: dict[str, tuple[tuple[str, ...], ...]] = dataclasses.field(default_factory=dict)
    """Per kind, groups of concepts that together make it a joke (concepts.yaml `joke_guards`)."""
    people_only: frozenset[str] = frozenset()
    """Words of a message that only names people (model_vetoes.yaml): the second line does not decide on it alone."""
    made_for_neighbours: Phrases | None = None
    """Something put up for the neighbours (model_vetoes.yaml): the second line does not decide on it alone."""


@dataclass(frozen=True)
class Signal:
    kinds: tuple[str, ...]
    """What the message may be about, acute danger first."""
    phrases: tuple[str, ...]
    """The rules and words that were found: why this is read as a crisis."""

    @property
    def kind(self) -> str:
        return self.kinds[0]


def _words(patterns: list[str]) -> tuple[set[str], set[str]]:
    """The single words and word beginnings of patterns (not multi-word alternatives)."""
    words, prefixes = set(), set()
    for pattern in patterns:
        for part in pattern.replace("(", " ").replace(")", " ").replace("|", " ").split():
            part = part.strip("^$?")
            if not part or part == GAP_MARK:
                continue
            if part.endswith("*"):
                stem = fold(part.rstrip("*"))
                if len(stem) >= TYPO_MIN - 1 and " " not in stem:
                    prefixes.add(stem)
            else:
                word = fold(part)
                if len(word) >= TYPO_MIN and " " not in word:
                    words.add(word)
    return words, prefixes


@lru_cache(maxsize=4)
def load_signals(content_dir: Path) -> Signals:
    """The phrases and concepts of a content folder; a missing, malformed or incomplete file raises ValueError at
    start-up."""
    try:
        parsed = _SignalsFile.model_validate(yamlfile.load((content_dir / FILE).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{FILE}: {exc}") from exc
    try:
        raw = yamlfile.load((content_dir / CONCEPTS_FILE).read_text(encoding="utf-8"))
        concepts_file = _ConceptsFile.model_validate(raw)
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{CONCEPTS_FILE}: {exc}") from exc
    turkish_people = [p for name in ("household", "child") for p in concepts_file.concepts.get(name, {}).get("tr", [])]
    added = {"target": safety_morphology.turkish_cases(turkish_people, objects=True),
             "household": safety_morphology.turkish_cases(turkish_people, objects=False)}
    kinds: dict[str, Phrases] = {kind: Phrases.of(arabizi(p) for patterns in parsed.kinds[kind].values()
                                                  for p in patterns)
                                 for kind in KINDS}
    hyperbole = Phrases.of(arabizi(p) for patterns in parsed.not_crisis.values() for p in patterns)
    languages = frozenset(code for languages in parsed.kinds.values() for code in languages) | frozenset(
        code for languages in concepts_file.concepts.values() for code in languages)
    arabic = frozenset(fold(word) for languages in concepts_file.concepts.values()
                       for pattern in languages.get("ar", []) for word in _plain_words(pattern)
                       if _ARABIC.match(word))
    concepts = {name: Phrases.of(_ta_marbuta(arabizi(p), arabic)
                                 for patterns in [*languages.values(), added.get(name, [])] for p in patterns)
                for name, languages in concepts_file.concepts.items()}
    rules = tuple(Rule(kind, tuple(rule)) if isinstance(rule, list)
                  else Rule(kind, tuple(rule.all), tuple(rule.any), tuple(rule.unless), rule.within)
                  for kind in KINDS for rule in concepts_file.rules[kind])
    words: set[str] = set()
    prefixes: set[str] = set()
    for name in {n for rule in rules for n in (*rule.all, *rule.any)}:
        found_words, found_prefixes = _words([arabizi(p) for patterns in [*concepts_file.concepts[name].values(),
                                                                          added.get(name, [])] for p in patterns])
        words |= found_words
        prefixes |= found_prefixes
    wanted = {n for rule in rules for n in (*rule.all, *rule.any)}
    guard_words, _prefixes = _words([arabizi(p) for name, languages in concepts_file.concepts.items()
                                     if name not in wanted for patterns in languages.values() for p in patterns])
    ordinary = frozenset(fold(word) for words in concepts_file.not_typos.values() for word in words) | guard_words
    alone = frozenset(arabizi(fold(pattern)) for languages in concepts_file.concepts.values()
                      for pattern in languages.get("ar", []) if _ARABIZI_WORD.fullmatch(arabizi(fold(pattern))))
    latin_arabic = frozenset(arabizi(fold(word)) for languages in concepts_file.concepts.values()
                             for pattern in languages.get("ar", []) for word in _plain_words(pattern)
                             if len(word) >= 3 and _ARABIZI_WORD.fullmatch(arabizi(fold(word))))
    not_latin = frozenset(concepts_file.not_latin)
    latin = _read_per_concept(concepts_file.concepts, "uk", lambda patterns: _latin_patterns(patterns, not_latin))
    stems = _read_per_concept(concepts_file.concepts, "uk", _stem_patterns)
    turkish = frozenset(fold(word) for languages in concepts_file.concepts.values()
                        for pattern in languages.get("tr", []) for word in _plain_words(pattern))
    return Signals(kinds, hyperbole, languages, concepts, rules, tuple(concepts_file.phrase_guards),
                   tuple(sorted(words)), tuple(sorted(prefixes)), safety_model.load(content_dir), arabic, ordinary,
                   tuple(concepts_file.model_guards), latin_arabic, _arabizi_stems(latin_arabic, alone), latin,
                   stems, turkish, {kind: tuple(names) for kind, names in concepts_file.kind_phrase_guards.items()},
                   dict(concepts_file.local_guards), _read_per_concept(concepts_file.concepts, "pl", _polish_patterns),
                   {kind: tuple(tuple(group) for group in groups)
                    for kind, groups in concepts_file.joke_guards.items()},
                   *_model_vetoes(content_dir))


def _model_vetoes(content_dir: Path) -> tuple[frozenset[str], Phrases | None]:
    path = content_dir / VETOES_FILE
    if not path.exists():
        return frozenset(), None
    try:
        parsed = _VetoesFile.model_validate(yamlfile.load(path.read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{VETOES_FILE}: {exc}") from exc
    return (frozenset(fold(word) for words in parsed.people_only.values() for word in words),
            Phrases.of(p for patterns in parsed.made_for_neighbours.values() for p in patterns))


class _VetoesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    people_only: dict[str, list[str]] = {}
    made_for_neighbours: dict[str, list[str]] = {}

    @field_validator("made_for_neighbours")
    @classmethod
    def _patterns_compile(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        check_patterns((code, pattern) for code, patterns in value.items() for pattern in patterns)
        return value


VETOES_FILE = Path("safety") / "model_vetoes.yaml"


def only_people(text: str, signals: Signals) -> bool:
    """"mn broer en zn vrienden": a message of two or more words that only names people, and says nothing of them."""
    words = [w.strip(".,!?;:") for w in fold(text).split()]
    words = [w for w in words if w]
    return len(words) >= 2 and all(w in signals.people_only for w in words)


def _read_per_concept(concepts: dict[str, dict[str, list[str]]], language: str,
                      read: Callable[[list[str]], list[str]]) -> dict[str, Phrases]:
    """Each concept's patterns of one language in another reading (Latin letters, stems, Polish verb forms),
    compiled; concepts with none left out."""
    found = {name: read(languages.get(language, [])) for name, languages in concepts.items()}
    return {name: Phrases.of(patterns) for name, patterns in found.items() if patterns}


_STEM_WORD = re.compile(r"([^\s()|*?^$.]+)(\*?)")


def _stem_patterns(patterns: list[str]) -> list[str]:
    """Ukrainian patterns as stems (safety_morphology.ukrainian_stem; a word beginning `поріз*` only read one way),
    without one-word patterns whose stem is shorter than four letters (too many everyday words share it)."""
    found = []
    for pattern in patterns:
        stemmed = _STEM_WORD.sub(lambda m: safety_morphology.ukrainian_stem(fold(m[1])) if not m[2]
                                 else safety_morphology.letters(fold(m[1])) + "*", pattern)
        word = stemmed.strip("^$*?")
        if " " in stemmed.strip() or len(word) >= LATIN_MIN:
            found.append(stemmed)
    return found


def _polish_patterns(patterns: list[str]) -> list[str]:
    """Polish patterns as safety_morphology.polish reads them (`_polish_pattern`), without one-word readings of
    fewer than four letters."""
    found = []
    for pattern in patterns:
        reading = _polish_pattern(pattern)
        word = _OPTIONAL_CLITIC.sub("", reading).strip("^$*? ")
        if word and (" " in word or len(word) >= LATIN_MIN):
            found.append(reading)
    return found


def _polish_pattern(pattern: str) -> str:
    """A Polish pattern as safety_morphology.polish reads a message: "się" and "bym" in it make its verbs reflexive
    and conditional and, outside a group, are optional ("bym się zabiła" reads "(bym)? (sie)? zabilbysie", which
    "najchętniej bym się zabiła" and "zabiłabym się" have wherever "się" stands); word beginnings (`pociel*`) as
    they are, and with them "się" as it is (a word beginning has no reflexive mark: "powiesz*" alone is hanging
    garlands)."""
    words = [fold(m[1]) for m in _STEM_WORD.finditer(pattern)]
    reflexive = safety_morphology.POLISH_REFLEXIVE in words
    conditional = any(word in safety_morphology.POLISH_CONDITIONAL for word in words)

    def read(m: re.Match[str]) -> str:
        word = fold(m[1])
        clitic = word == safety_morphology.POLISH_REFLEXIVE or word in safety_morphology.POLISH_CONDITIONAL
        if clitic and not _in_group(m.string, m.start()):
            return f"({word})?"  # where the message has it, wherever it stands
        if m[2]:
            return m[0]
        return safety_morphology.polish_word(word, conditional=conditional, reflexive=reflexive)

    reading = " ".join(_STEM_WORD.sub(read, pattern).split())
    if reflexive and any(star for _word, star in _STEM_WORD.findall(pattern)):
        reading = reading.replace(f"({safety_morphology.POLISH_REFLEXIVE})?", safety_morphology.POLISH_REFLEXIVE)
    return reading


_OPTIONAL_CLITIC = re.compile(r"\([a-z]+\)\?")


def _ta_marbuta(pattern: str, arabic: frozenset[str]) -> str:
    """A pattern whose Arabic words ending in ه are also matched as `_unprefixed` reads them when their stem is a
    concepts' word too: "طايحه" as "طايحه" or "طايح ه" (the feminine ending read as the pronoun "him")."""
    def both(m: re.Match[str]) -> str:
        word = fold(m[0])
        if not word.endswith(_TA_MARBUTA) or word[:-1] not in arabic or len(word) < 4:
            return m[0]
        alternatives = f"{m[0]}|{word[:-1]} {_TA_MARBUTA}"
        return alternatives if _in_group(pattern, m.start()) else f"({alternatives})"
    return _ARABIC_WORD.sub(both, pattern)


def _in_group(pattern: str, at: int) -> bool:
    """Whether a place in a pattern is inside a group `( | )`."""
    return pattern.count("(", 0, at) > pattern.count(")", 0, at)


def _plain_words(pattern: str) -> list[str]:
    return [part.strip("^$?*") for part in pattern.replace("(", " ").replace(")", " ").replace("|", " ").split()
            if part.strip("^$?*") and part != GAP_MARK]


def features(text: str, signals: Signals) -> set[str]:
    """What the second line reads of a message (safety_model.features): as `detect` gives it to the model."""
    parts = clauses(text, signals)
    return safety_model.features(parts, [name for name, hits in concepts_found(parts, signals).items() if hits])


def concepts_found(parts: list[str], signals: Signals) -> dict[str, list[tuple[int, str]]]:
    """Where each concept occurs in the clauses; Latin words are also read as Ukrainian in Latin letters."""
    found = {name: _positions(phrases, parts) for name, phrases in signals.concepts.items()}
    if signals.latin and any("a" <= c <= "z" for part in parts for c in part):
        shadow = [latin_words(part) for part in parts]
        for name, phrases in signals.latin.items():
            found[name] += _positions(phrases, shadow)
    if signals.polish and any("a" <= c <= "z" for part in parts for c in part):
        read = [safety_morphology.polish(part) for part in parts]
        for name, phrases in signals.polish.items():
            found[name] += [hit for hit in _positions(phrases, read) if hit not in found[name]]
    if signals.stems and any("а" <= c <= "я" or c in "іїє" for part in parts for c in part):
        stemmed = [safety_morphology.ukrainian_stems(part) for part in parts]
        for name, phrases in signals.stems.items():
            found[name] += [hit for hit in _positions(phrases, stemmed) if hit not in found[name]]
    return found


def clauses(text: str, signals: Signals) -> list[str]:
    """The message as the check reads it: folded clauses with everyday hyperbole taken out and small typos of the
    concepts' words corrected."""
    text = _LAUGHING.sub(" haha ", text)
    found = []
    for clause in _CLAUSES.split(text):
        folded = without(arabizi(fold(clause)), signals.hyperbole)
        if folded:
            found.append(" ".join(_read(word, signals) for word in folded.split()))
    return found


def _read(word: str, signals: Signals) -> str:
    """A folded word as the check reads it: Arabic clitics apart, spoken Turkish as written, a small typo
    corrected."""
    return corrected(safety_morphology.turkish(_unprefixed(word, signals), signals.turkish_words), signals)


def _unprefixed(word: str, signals: Signals) -> str:
    """An Arabic word as its parts, when one of them is a concepts' word and the whole is not: what is written in
    front (a conjunction, preposition or the article, "بالحبوب"; a dialect's aspect or future mark, "بيضرب",
    "كيضرب", "هيقتل", "تيضرب"), the verb as the concepts have it whatever its person letter ("بتصرخ": "ب يصرخ")
    and an object pronoun behind ("بيضربها", "هددني": "ها", "ني", which the `target` concept names). A concepts'
    word with an object pronoun is split too ("خنقني": "خنق ني"), so that every verb names its object without
    listing each verb with each pronoun. What is left must be two letters behind a one-letter prefix ("وما") and
    otherwise three. Arabizi is read so behind a verb's mark ("katdrebni": "kat kaydrb ni"), its vowels aside."""
    if _ARABIC.match(word):
        known, prefixes, suffixes = signals.arabic, _ARABIC_PREFIXES, _ARABIC_SUFFIXES
        if word in known:
            return next((f"{stem} {suffix}" for stem, suffix in _suffixed(word, suffixes) if suffix and stem in known),
                        word)
        for prefix in ("", *prefixes):
            if word.startswith(prefix):
                rest = word[len(prefix):]
                if len(rest) >= (2 if len(prefix) == 1 else 3) and rest in known:
                    return f"{prefix} {rest}".strip()
                for stem, suffix in _suffixed(rest, suffixes):
                    verb = _verb(stem, known, marked=prefix in _ARABIC_MARKS)
                    if verb:
                        return f"{prefix} {verb} {suffix}".strip()
        return _negated(word, signals) if word.endswith("ش") and len(word) >= 4 else word
    if signals.arabizi_stems and len(word) > 4 and _ARABIZI_WORD.fullmatch(word) and word not in signals.arabizi:
        for prefix in ("", *_ARABIZI_PREFIXES):
            if word.startswith(prefix):
                for stem, suffix in _suffixed(word[len(prefix):], _ARABIZI_SUFFIXES):
                    reading = signals.arabizi_stems.get(_skeleton(stem)) if prefix else None
                    if reading and len(stem) >= 3:
                        return f"{prefix} {reading} {suffix}".strip()
    return word


def _negated(word: str, signals: Signals) -> str:
    """A dialect's negated verb ("بتفتحش", "مبقاش", "ماعنديش") as "ما" and the verb read as `_unprefixed` reads it,
    when that finds a concepts' word and the word as it is did not ("تعيش" is a verb, no negation); otherwise the
    word as it is."""
    inner = word[:-1]
    for negation in (*_ARABIC_NEGATION, ""):
        rest = inner[len(negation):] if inner.startswith(negation) else ""
        if len(rest) >= 3:
            reading = _unprefixed(rest, signals)
            if reading != rest or rest in signals.arabic:
                return f"ما {reading}" if negation else reading
    return word


def _suffixed(word: str, suffixes: tuple[str, ...]) -> list[tuple[str, str]]:
    """The word as (stem, object pronoun): with each pronoun it ends in, then as it is."""
    return [(word[: -len(s)], s) for s in suffixes if word.endswith(s) and len(word) - len(s) >= 3] + [(word, "")]


def _verb(stem: str, known: frozenset[str], *, marked: bool = False) -> str | None:
    """The concepts' word a stem of three letters or more is: itself, or the concepts' present tense of the verb
    with another person letter ("تصرخ" is the concepts' "يصرخ"), or, behind a mark of aspect or future (`marked`),
    with the person letter the dialect dropped ("بفكر": "افكر"); never the letters behind the person letter alone
    ("اناره", lighting, is no "نار", fire)."""
    if len(stem) < 3:
        return None
    if stem in known:
        return stem
    if marked and stem[0] not in _ARABIC_PERSONS:
        return next((person + stem for person in _ARABIC_PERSONS if person + stem in known), None)
    if stem[0] in _ARABIC_PERSONS and len(stem) > 3:
        for person in _ARABIC_PERSONS:
            if person + stem[1:] in known:
                return person + stem[1:]
    return None


def _skeleton(word: str) -> str:
    """An Arabizi word without its vowels, which are typed every way ("dreb", "darb", "drb")."""
    return word[0] + "".join(c for c in word[1:] if c not in "aeiouy")


def _arabizi_stems(words: frozenset[str], alone: frozenset[str]) -> dict[str, str]:
    """The Arabizi words of the concepts by their skeleton, also without a verb's mark in front ("kaydrb" by "drb"),
    so that another mark, pronoun or vowel finds the same word ("katdrebni" is read "kat kaydrb ni"). Never by a
    word without its pronoun: "tchofoni" (you see me) is no reading of "katchouf" (you see). A word that is a
    pattern on its own comes first, then the shortest."""
    stems: dict[str, str] = {}
    for word in sorted(words, key=lambda w: (w not in alone, len(w), w)):
        for prefix in ("", *_ARABIZI_PREFIXES):
            if word.startswith(prefix) and len(_skeleton(word[len(prefix):])) >= 3:
                stems.setdefault(_skeleton(word[len(prefix):]), word)
    return stems


def arabizi(text: str) -> str:
    """Arabic typed in Latin letters with digits for the letters Latin lacks, read one way: 7 as h (ح), 9 as q (ق),
    5 as kh (خ), and 2 (the glottal stop, also typed ' or left out) as nothing, so "i2tol 7ali", "itol hali" and
    "i'tol 7ali" are one phrase and the concepts need not spell every variant. Only in words with both letters and
    digits, never in a number, a postcode or a house number (two digits in a row: "6708ab", "12b")."""
    return _ARABIZI.sub(lambda m: m[0].translate(_ARABIZI_DIGITS) if _is_arabizi(m[0]) else m[0], text)


_CYRILLIC_LATIN = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z", "и": "y",
    "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia",
    "ы": "y", "э": "e", "ё": "io", "ъ": ""})
_LATIN_SOUNDS = (("shch", "sh"), ("sch", "sh"), ("kh", "h"), ("g", "h"), ("ya", "ia"), ("ja", "ia"), ("yu", "iu"),
                 ("ju", "iu"), ("ye", "ie"), ("je", "ie"), ("yo", "io"), ("jo", "io"), ("yi", "i"), ("ji", "i"),
                 ("y", "i"), ("w", "v"), ("ie", "e"), ("tz", "ts"))
LATIN_MIN = 4
_REPEATED = re.compile(r"([a-z])\1+")
_PATTERN_WORD = re.compile(r"[^\s()|*?^$.]+")
"""A word of a pattern, without the pattern's syntax around it (folded alone, the syntax stays)."""


def latin_words(text: str) -> str:
    """Ukrainian (or its Cyrillic patterns) in Latin letters, read one way whatever the spelling: "zhyty", "jyty"
    and "жити" all read "ziti"-like; г, h, g and kh one letter (h); я, ya and ja one (ia); йо, yo and jo one (io,
    "joho", "yoho" and "його"); и, y and i one (i).
    Word by word, so a word keeps its place; a word with no Latin or Cyrillic letters is left as it is."""
    words = []
    for word in text.split():
        latin = word.translate(_CYRILLIC_LATIN)
        if latin.isascii() and any(c.isalpha() for c in latin):
            for sound, one_way in _LATIN_SOUNDS:
                latin = latin.replace(sound, one_way)
            latin = _REPEATED.sub(r"\1", latin) or word
        words.append(latin if latin.isascii() else word)
    return " ".join(words)


def _latin_patterns(patterns: list[str], not_latin: frozenset[str]) -> list[str]:
    """Ukrainian patterns in Latin letters (`latin_words`), without the one-word patterns of fewer than four letters
    (in Latin letters those are words of other languages: "бє", beats, reads "be"; "він", he, "vin") and those of
    concepts.yaml `not_latin`."""
    found = []
    for pattern in patterns:
        latin = latin_words(_PATTERN_WORD.sub(lambda m: fold(m[0]), pattern))
        word = latin.strip("^$*?")
        if " " in latin.strip() or (len(word) >= LATIN_MIN and word not in not_latin):
            found.append(latin)
    return found


def _is_arabizi(word: str) -> bool:
    return any(c.isalpha() for c in word) and any(c in "2579" for c in word) \
        and not any(a.isdigit() and b.isdigit() for a, b in itertools.pairwise(word))


def corrected(word: str, signals: Signals) -> str:
    """A folded word as the check reads it: itself, or the concepts' word it is a small typo of."""
    if len(word) < TYPO_MIN or not word.isalpha() or word in signals.vocabulary or word in signals.ordinary \
            or word.startswith(signals.prefixes):
        return word
    return _correction(word, signals.vocabulary)


@lru_cache(maxsize=16384)
def _correction(word: str, vocabulary: tuple[str, ...]) -> str:
    """The concepts' word this one is a small typo of ("sucidal", "zelfmrd"), same first letter, at most one letter
    longer (a longer word is another word: "doodgegaan" is not "doodgaan", "happening" not "hanging"); whole words
    only (a word beginning such as `molest*` would turn "moestuin" into something else)."""
    best = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_SCORE)
    if best is not None and best[0][0] == word[0] and len(word) <= len(best[0]) + 1:
        return str(best[0])
    return word


def _positions(phrases: Phrases, parts: list[str]) -> list[tuple[int, str]]:
    """Where phrases occur in the clauses, as (word number in the whole message, the words found)."""
    found, offset = [], 0
    for part in parts:
        padded = part + " "
        for begin, end in phrases.spans(part):
            found.append((offset + padded[:begin].count(" "), padded[begin:end].strip()))
        offset += len(part.split()) + 1  # a clause boundary counts as a word
    return found


def _fires(rule: Rule, found: dict[str, list[tuple[int, str]]],
           local: dict[str, int] | None = None) -> tuple[str, ...] | None:
    """The words that make a rule fire, or None. A guard of `local` keeps it from firing only within its number of
    words of the words found ("my landlord isn't answering" guards "isn't answering", not "my mum doesn't respond"
    further on); any other guard anywhere in the message does."""
    local = local or {}
    if any(found[name] for name in rule.unless if name not in local):
        return None
    near = [(at, at + len(words.split()) - 1, local[name]) for name in rule.unless if name in local
            for at, words in found[name]]
    groups = [found[name] for name in rule.all]
    if rule.any:
        groups.append([hit for name in rule.any for hit in found[name]])
    if not all(groups):
        return None
    for combination in itertools.product(*groups):
        places = [at for at, _words in combination]
        if max(places) - min(places) <= rule.within and not _guarded(combination, near):
            return tuple(words for _at, words in combination)
    return None


def _guarded(hits: Iterable[tuple[int, str]], guards: list[tuple[int, int, int]]) -> bool:
    """Whether a guard's words (where they begin and end, and how near they count) are near one of the hits' words:
    counted from the guard's last word too ("what do we do if there's a fire in the building": "fire in the" is
    two words after "if", seven after "what")."""
    return any(at - within <= last and first <= at + len(words.split()) - 1 + within
               for at, words in hits for first, last, within in guards)


def _phrase_hits(phrases: Phrases, parts: list[str], guards: list[tuple[int, int, int]]) -> list[str]:
    """The patterns of a kind's phrase list found in the message, each only where no local guard is near it
    (`guards`: the places of the local guards' words and how near they count)."""
    hits = [p for p in phrases.found(" ".join(parts)) if p]
    if not guards:
        return hits
    return [pattern for pattern in hits
            if any(not _guarded([hit], guards) for hit in _positions(Phrases.of([pattern]), parts))]


def _jokes(found: dict[str, list[tuple[int, str]]], signals: Signals) -> list[str]:
    """The kinds one of whose joke groups is wholly in the message ("wolę umrzeć niż stać w tej kolejce": "rather
    die than" and a queue): their rules and phrases do not decide, and where no other kind's rule fired the second
    line does not overrule them on the same words."""
    return [kind for kind, groups in signals.joke_guards.items()
            if any(all(found[name] for name in group) for group in groups)]


def _vetoed(found: dict[str, list[tuple[int, str]]], signals: Signals) -> bool:
    """Whether a model guard (concepts.yaml `model_guards`) is what kept a rule from firing: the rule's concepts
    are there and the guard, near them, says they are used in an everyday sense, so the second line does not
    overrule it."""
    present = {name for name in signals.model_guards if found[name]}
    return bool(present) and any(
        _fires(dataclasses.replace(rule, unless=()), found) is not None
        and _fires(dataclasses.replace(rule, unless=tuple(present & set(rule.unless))), found,
                   signals.local_guards) is None
        for rule in signals.rules if present & set(rule.unless))


FOLLOW_UP_CONCERN = 0.25
"""What the second line must reach on the message right after a safety reply for it to still be read as about
what was told ("naprawdę, mam nóż w kuchni i czekam aż przyjdzie", 0.44): the resident was just asked whether they
are safe, so the bar is lower than the model's own; an everyday message ("the radiator is dead, landlord is not
answering", 0.01) or a name reads far below it."""


def concern(text: str, signals: Signals) -> float:
    """The second line's probability that a message is about a crisis, whatever the rules read (0 without a model):
    how much care the message right after a safety reply needs."""
    parts = clauses(text, signals)
    if not parts or signals.model is None:
        return 0.0
    found = concepts_found(parts, signals)
    return signals.model.probability(safety_model.features(parts, [name for name, hits in found.items() if hits]))


def second_line_may_decide(text: str, signals: Signals) -> bool:
    """Whether `detect` lets the second line decide on a message where no rule fired: not when a model guard kept a
    rule from firing (`_vetoed`). For benches that read the model apart from the rules (bench/safety_cv.py)."""
    parts = clauses(text, signals)
    return bool(parts) and not _vetoed(concepts_found(parts, signals), signals)


def detect(text: str, signals: Signals, *, second_line: bool = True) -> Signal | None:
    """The crisis a message may be about, or None: the rules first, then (unless `second_line` is off) the model
    where no rule fired."""
    parts = clauses(text, signals)
    if not parts:
        return None
    found = concepts_found(parts, signals)
    why: dict[str, list[str]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        guards = (*signals.phrase_guards, *signals.kind_phrase_guards.get(kind, ()))
        if not any(found[name] for name in guards if name not in signals.local_guards):
            near = [(at, at + len(words.split()) - 1, signals.local_guards[name]) for name in guards
                    if name in signals.local_guards for at, words in found[name]]
            why[kind] += [f"{PHRASES}: {p}" for p in _phrase_hits(signals.kinds[kind], parts, near)[:2]]
    for rule in signals.rules:
        words = _fires(rule, found, signals.local_guards)
        if words is not None:
            why[rule.kind].append(f"{rule.name}: " + ", ".join(f'"{w}"' for w in words))
    joked = _jokes(found, signals)
    for joke_kind in joked:
        why[joke_kind] = []
    kinds = tuple(kind for kind in KINDS if why[kind])
    if not kinds and (joked or _vetoed(found, signals)):
        return None
    if not kinds and second_line and signals.model is not None:
        vetoed = only_people(text, signals) or (signals.made_for_neighbours is not None
                                                and bool(signals.made_for_neighbours.found(fold(text))))
        return None if vetoed else _second_line(parts, found, signals.model)
    if not kinds:
        return None
    return Signal(kinds, tuple(reason for kind in kinds for reason in why[kind]))


CONTEXT_CONCEPTS = frozenset({"household", "target", "want", "self_obj", "lots", "habit"})
"""Concepts that only set the scene (a husband or "man", "me", "want", "every night"). When every concept the rules
found in a message is one of these, the rules understood some of its words and nothing in them is alarming, so the
second line needs more certainty (CONTEXT_THRESHOLD) than its own threshold ("een man of tien, denk ik": only
"man"); when no concept at all is found, the message may be in words the rules do not have (Arabizi, typos) and
the model's own threshold holds."""
CONTEXT_THRESHOLD = 0.7
"""What the second line must reach on a message with scene-setting concepts only. Silencing it there (as before)
cost recall on unseen text: "думаю як покінчити з усім" (0.92, only "want"), "uyuyup bir daha hic uyanmamak
istiyorum", "hiding in the bathroom, my boyfriend is smashing things" were missed; leave-one-batch-out
(bench/safety_cv.py) at 0.7: recall as without the gate, false alarms as with it."""


def _second_line(parts: list[str], found: dict[str, list[tuple[int, str]]], model: safety_model.Model) -> Signal | None:
    """The model's reading where no rule fired: a crisis when its probability reaches the threshold, or
    CONTEXT_THRESHOLD when the message carries scene-setting concepts only."""
    concepts = [name for name, hits in found.items() if hits]
    threshold = max(model.threshold, CONTEXT_THRESHOLD) if concepts and not set(concepts) - CONTEXT_CONCEPTS \
        else model.threshold
    present = safety_model.features(parts, concepts)
    probability = model.probability(present)
    if probability < threshold:
        return None
    words = ", ".join(f'"{w}"' for w in model.explain(present))
    return Signal((model.kind(present),), (f"{MODEL} {probability:.2f}: {words}",))
