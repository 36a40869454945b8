"""Cue words that let the dialogue-act reader generalise beyond its phrases (issue 26).

The phrases of content/dialogue_acts.yaml name whole ways of saying something; they miss the next person's way.
The cues of content/act_cues.yaml are single words (and a few short word groups) matched on stems (Snowball for
Dutch, English, Turkish and Arabic, Russian's for Ukrainian, word beginnings for Polish) with one typo allowed in
longer words, and weighed by where they stand (a cue that opens the message counts double). With them the reader
can tell, where the phrases found nothing:

- what act a text carries (`scores`): cancel, back, resume, pause, handoff, chitchat, unclear;
- whether it is asked (`asks`): a wh-word or an inverted verb ("kan ik", "do you") that opens it, in six
  languages; the Turkish question particle;
- what a question is about (`topic`), by keywords;
- whether it opens as a correction (`corrects`: "wacht", "eigenlijk", "i meant");
- how much content it has (`content`: words that are no function word and no cue), and whether it looks like
  the kind of answer a step asks for (`fits`: people at "wie ken je?", a place at "welke wijk?").

Deterministic, and every decision names the cue words that made it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer
import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from rapidfuzz.distance import Levenshtein

from bot.infra import yamlfile
from bot.understanding import language_id
from bot.understanding.phrases import fold

FILE = "act_cues.yaml"
CUE_ACTS = ("cancel", "back", "resume", "pause", "handoff", "chitchat", "unclear")
TOPIC_NAMES = ("who_sees", "own_things", "rules", "whats_on", "places", "bot_abilities")
STEMMERS = {"nl": "dutch", "en": "english", "tr": "turkish", "ar": "arabic", "uk": "russian"}
PREFIX_LANGUAGES = ("pl",)
PREFIX = 5
"""Polish words are compared on their first five letters."""
FUZZY_MIN = 6
"""Words this long match a cue with one typo (same first two letters): "annuleeer", "cancle"."""
STEM_MIN = 4
"""Cue words shorter than this match only exactly (no stems, no typos): "ok", "dur", "hm"."""
OPENING = 2
"""A cue within the first this many words opens the message."""
ARABIC = re.compile("[\u0600-\u06ff]")
CYRILLIC = re.compile("[\u0400-\u04ff]")
TURKISH_PARTICLE = re.compile(r"^m[iu](s[iu]n|y[iu]m|y[iu]z|s[iu]n[iu]z|d[iu]r)?$")

Languages = dict[str, list[str]]


class _CuesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    acts: dict[str, Languages]
    openers: dict[str, Languages]
    topics: dict[str, Languages]
    function: Languages
    expect: dict[str, Languages]
    continuing: Languages = {}
    acknowledging: Languages = {}
    negating: Languages = {}
    earlier: Languages = {}
    stray: Languages = {}
    social_emoji: list[str] = []


@dataclass(frozen=True)
class _Cue:
    words: tuple[str, ...]
    language: str


@dataclass(frozen=True)
class CueList:
    """The cues of one list (one act, topic, opener or expectation), all languages."""

    cues: tuple[_Cue, ...]

    @classmethod
    def of(cls, languages: Languages) -> CueList:
        return cls(tuple(_Cue(tuple(fold(str(w)).split()), code) for code, words in languages.items()
                         for w in words if fold(str(w))))

    def words(self) -> frozenset[str]:
        """The cues as folded words and word groups, all languages: for a word-by-word check of a folded text."""
        return frozenset(" ".join(cue.words) for cue in self.cues)


@dataclass(frozen=True)
class Cues:
    acts: dict[str, CueList]
    openers: dict[str, CueList]
    topics: dict[str, CueList]
    function: frozenset[str]
    expect: dict[str, CueList]
    continuing: CueList = CueList(())
    """Words for going on ("verder", "devam", "nkammel", "продовжимо"): a resume, or a pause when a word for
    later stands with them ("morgen verder")."""
    acknowledging: CueList = CueList(())
    """Words that only acknowledge before the message proper ("ok", "tamam", "dobra", "yalla"): a cue after them
    still opens the message, and they are no chitchat when another act's cue follows."""
    negating: CueList = CueList(())
    """Words that negate the word for going on just after them ("ma bdi kamel", "niet verder"): a cancel."""
    earlier: CueList = CueList(())
    """A day or an idea before ("gisteren", "dünkü fikir"): with a word for going on, a resume ("ik wil verder met
    dat idee van gisteren")."""
    stray: CueList = CueList(())
    """Words that, typed alone, answer none of the questions asked in own words ("paars", "banana", "mor")."""
    social_emoji: frozenset[str] = frozenset()
    """Emoji that greet, thank, laugh, love or cheer (👋 🙏 😂 ❤ 👍 🎉): a message of only these is small talk; any
    other emoji alone (🫠 🤷 🤔 🙃) leaves open what is meant."""


@lru_cache(maxsize=4)
def load_cues(content_dir: Path) -> Cues:
    """The cue words of a content folder; a malformed file raises ValueError."""
    try:
        parsed = _CuesFile.model_validate(yamlfile.load((content_dir / FILE).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{FILE}: {exc}") from exc
    unknown = [a for a in parsed.acts if a not in CUE_ACTS] + [t for t in parsed.topics if t not in TOPIC_NAMES]
    if unknown:
        raise ValueError(f"{FILE}: unknown act or topic: {', '.join(unknown)}")
    return Cues(acts={a: CueList.of(parsed.acts.get(a, {})) for a in CUE_ACTS},
                openers={name: CueList.of(v) for name, v in parsed.openers.items()},
                topics={t: CueList.of(parsed.topics.get(t, {})) for t in TOPIC_NAMES},
                function=frozenset(fold(w) for words in parsed.function.values() for w in words),
                expect={name: CueList.of(v) for name, v in parsed.expect.items()},
                continuing=CueList.of(parsed.continuing), acknowledging=CueList.of(parsed.acknowledging),
                negating=CueList.of(parsed.negating), earlier=CueList.of(parsed.earlier),
                stray=CueList.of(parsed.stray),
                social_emoji=frozenset(_emoji(str(e)) for e in parsed.social_emoji))


EMOJI_MODIFIERS = re.compile("[\ufe0e\ufe0f\u200d\u2640\u2642\U0001f3fb-\U0001f3ff]")
"""What only dresses an emoji: variation selectors, the joiner, gender signs and skin tones."""


def _emoji(text: str) -> str:
    return EMOJI_MODIFIERS.sub("", text)


def only_social_emoji(text: str, cues: Cues) -> bool:
    """A message of only emoji (and punctuation) that greet, thank, laugh, love or cheer ("👋", "❤️❤️", "🙏🏽")."""
    marks = [ch for ch in _emoji(text) if not ch.isspace() and ch not in "?!.,¿؟"]
    return bool(marks) and all(ch in cues.social_emoji for ch in marks)


@lru_cache(maxsize=8)
def _stemmer(language: str) -> snowballstemmer.stemmer | None:
    name = STEMMERS.get(language)
    return snowballstemmer.stemmer(name) if name else None


@lru_cache(maxsize=131072)
def _stem(word: str, language: str) -> str:
    if language in PREFIX_LANGUAGES:
        return word[:PREFIX]
    stemmer = _stemmer(language)
    return str(stemmer.stemWord(word)) if stemmer is not None else word


def _same(token: str, cue: str, language: str) -> bool:
    if token == cue:
        return True
    if len(cue) < STEM_MIN or len(token) < STEM_MIN - 1:
        return False
    if token[:3] == cue[:3] and len(_stem(cue, language)) >= STEM_MIN - 1 and _stem(token, language) == _stem(
            cue, language):
        return True  # same stem and same first letters (Dutch "vorige" and "voor" share a stem, not a meaning)
    return (len(cue) >= FUZZY_MIN and len(token) >= FUZZY_MIN - 1 and token[:2] == cue[:2]
            and Levenshtein.distance(token, cue, score_cutoff=1) <= 1)


def _scripts(text: str) -> tuple[str, ...]:
    """The cue languages worth trying on a text: by its script."""
    if ARABIC.search(text):
        return ("ar",)
    if CYRILLIC.search(text):
        return ("uk",)
    return ("nl", "en", "tr", "pl", "ar", "uk")  # Arabic (Arabizi) and Ukrainian typed in Latin letters too


@dataclass
class Text:
    """One message as the cues see it."""

    raw: str
    tokens: list[str]
    languages: tuple[str, ...]
    used: set[int] = field(default_factory=set)
    """Tokens that matched a cue of an act (they are no content)."""

    @classmethod
    def of(cls, text: str) -> Text:
        return cls(text, fold(text).split(), _scripts(text))

    def find(self, cues: CueList, *, mark: bool = False) -> list[tuple[str, int]]:
        """The cues found, each with the position of its first word."""
        found: list[tuple[str, int]] = []
        heads = {token[:2] for token in self.tokens}  # `_same` never matches words that begin differently
        for cue in cues.cues:
            if cue.language not in self.languages or (cue.words and cue.words[0][:2] not in heads):
                continue
            n = len(cue.words)
            first = True
            for start in range(len(self.tokens) - n + 1):
                if all(_same(self.tokens[start + i], cue.words[i], cue.language) for i in range(n)):
                    if first:
                        found.append((" ".join(cue.words), start))
                        first = False
                    if not mark:
                        break
                    self.used.update(range(start, start + n))  # every occurrence is no content ("stop stop")
        return found


def score(found: Iterable[tuple[str, int]], opening: int = OPENING) -> int:
    """Distinct cues found, and one more when one opens the message."""
    items = list(found)
    return len({cue for cue, _ in items}) + (1 if any(at < opening for _, at in items) else 0)


def _lead(text: Text, cues: Cues) -> int:
    """How many words at the start only acknowledge ("ok", "tamam simdi", "dobra")."""
    count = 0
    while count < len(text.tokens) and any(c.words == (text.tokens[count],) and c.language in text.languages
                                           for c in cues.acknowledging.cues):
        count += 1
    return count


def scores(text: Text, cues: Cues) -> dict[str, tuple[int, list[str]]]:
    """Per act, its score and the cue words that made it. Words for going on count for a pause when a word for
    later stands with them ("morgen verder", "yarin devam"), else for a resume ("yalla nkammel", "ok
    prodovzhuiemo"). Acknowledging words at the start do not open the message, and are no chitchat when another
    act's cue follows ("ok ga maar verder", "tamam simdi devam edelim")."""
    lead = _lead(text, cues)
    opening = OPENING + lead
    found_per_act = {act: text.find(cue_list, mark=True) for act, cue_list in cues.acts.items()}
    going_on = text.find(cues.continuing, mark=True)
    negated = {at for _, at in text.find(cues.negating)}
    stopped = [(cue, at) for cue, at in going_on if negated & set(range(at - NEGATED_WITHIN, at))]
    if stopped:  # "ma bdi kamel", "ik wil niet verder": not going on
        found_per_act["cancel"] = [*found_per_act.get("cancel", []), *stopped]
        going_on = [found for found in going_on if found not in stopped]
    if going_on:
        act = "pause" if found_per_act.get("pause") else "resume"
        if act == "resume":  # "verder met dat idee van gisteren": going on with something of before
            going_on += text.find(cues.earlier, mark=True)
        found_per_act[act] = [*found_per_act.get(act, []), *going_on]
    chat = found_per_act.get("chitchat", [])
    if chat and lead and all(at < lead for _, at in chat) \
            and any(found for act, found in found_per_act.items() if act != "chitchat"):
        found_per_act["chitchat"] = []
    return {act: (score(found, opening), [cue for cue, _ in found]) for act, found in found_per_act.items() if found}


NEGATED_WITHIN = 3
"""A negation at most this many words before a word for going on negates it ("ma bdi kamel")."""


def content(text: Text, cues: Cues) -> list[str]:
    """The words that say something: no function word, no cue of an act, not a laugh, no sound held."""
    return [t for i, t in enumerate(text.tokens) if i not in text.used and t not in cues.function
            and (len(t) > 1 or t.isdigit()) and not t.startswith(("haha", "hihi", "hehe")) and not held_sound(t)]


SOUND_LETTERS = frozenset("aeiouyhmıąęóаеєиіїоуюяыэмх")
"""Letters of the sounds people type while they hesitate ("uhh", "eee", "yyy", "ммм", "ааа")."""
HELD_MIN = 3


HOLDING = frozenset("hmхм")


def held_sound(word: str) -> bool:
    """A hesitation sound typed long ("uhh", "eeee", "yyy", "hmmm", "ааа"): at most two letters, all of them vowels,
    h or m, and either one letter over and over or a held h or m at the end; no word ("mee", "oom", "mooi", "zoo")."""
    if len(word) < HELD_MIN or not set(word) <= SOUND_LETTERS or len(set(word)) > 2:
        return False
    return len(set(word)) == 1 or (word[-1] in HOLDING and word[-1] == word[-2])


STRAY_WORDS = 2
"""At most this many content words: a lone word ("paars", "een banaan"), not an answer that mentions a colour."""


def stray(text: Text, cues: Cues) -> list[str]:
    """The words of a text that is only a word or two answering no question in own words ("paars", "een banaan",
    "mor"); [] when any content word is something else ("buurman", "tuin", "koken", a name)."""
    words = content(text, cues)
    if not 1 <= len(words) <= STRAY_WORDS:
        return []
    lone = [c for c in cues.stray.cues if len(c.words) == 1 and c.language in text.languages]
    found = [w for w in words if any(_same(w, c.words[0], c.language) for c in lone)]
    return found if len(found) == len(words) else []


def asks(text: Text, cues: Cues) -> str | None:
    """The cue that makes the text a question when it has no question mark: an opening wh-word not followed by a
    pronoun ("wie ziet het", not "wie ik ken"), an opening verb followed by one ("kan ik", "do you"), the Turkish
    particle anywhere; None when it reads as a statement or an exclamation ("wat een mooi idee")."""
    first_clause = re.split(r"[.,;:!?]", text.raw.strip(), maxsplit=1)
    if len(first_clause) > 1 and text.raw.strip()[len(first_clause[0]):][:1] in ("!", "."):
        return None  # "ziet er goed uit!": a statement that opens with its verb
    lead = _lead(text, cues)  # "yo wat kan je", "ok so what happens": the question opens after them
    tokens = text.tokens[lead:]
    if len(tokens) < 2:
        return None
    if any(at == lead for _, at in text.find(cues.openers.get("not_question", CueList(())))):
        return None
    pronouns = cues.openers.get("pronouns", CueList(()))
    first, second = tokens[0], tokens[1]

    def is_pronoun(word: str) -> bool:
        return any(c.words == (word,) for c in pronouns.cues)

    for cue in cues.openers.get("question", CueList(())).cues:
        if cue.language in text.languages and cue.words == (first,):
            if first == ARABIC_WHAT and second not in ARABIC_WHAT_BEFORE:
                return None  # "ما حدا اجا": "ما" negates the verb after it
            if second in ("to", "om", "te"):
                return None  # "how to fix a bike": what to learn, not a question
            if cue.language in ("nl", "en") and is_pronoun(second) and second not in ("er", "there", "the", "it",
                                                                                      "het", "dat", "that"):
                return None
            return first
    articles = cues.openers.get("articles", CueList(()))
    for name, takes in (("ask_verbs", is_pronoun), ("subject_verbs", lambda word: any(
            c.words == (word,) for c in articles.cues))):
        for cue in cues.openers.get(name, CueList(())).cues:
            if cue.language in text.languages and cue.words == (first,) and takes(second) and len(tokens) >= 3:
                return f"{first} {second}"
    late = _asks_late(text, cues)
    if late:
        return late
    if "tr" in text.languages and any(TURKISH_PARTICLE.match(t) for t in tokens[1:]) \
            and language_id.identify(text.raw).language != "pl":
        return "mi"  # not the Polish "mi" ("chodziło mi o czwartek": I meant Thursday)
    return None


ARABIC_WHAT = "ما"
ARABIC_WHAT_BEFORE = frozenset({"هو", "هي", "هذا", "هذه", "هاد", "هذي", "معنى", "اسم", "الذي", "اللي", "رايك",
                                "المطلوب", "المقصود", "الفرق", "الخطوه"})
"""Words after which "ما" asks what ("ما هو المطلوب"); before anything else it negates ("ما حدا اجا")."""
LATE_VERB_WORDS = 2
"""Words after a wh-word that asks late: the verb that ends the question ("ne kadar sürer", "nerede olacak")."""
CONDITIONAL = re.compile(r".+(sa|se|sam|sem|san|sen|sak|sek)$")
"""A Turkish conditional after the wh-word makes no question ("ne zaman istersen": whenever you like)."""


def _asks_late(text: Text, cues: Cues) -> str | None:
    """A wh-word in the middle or at the end, with at most the verb after it, in a language that asks so
    ("izin almak ne kadar sürer", "etkinlik nerede")."""
    tokens = text.tokens
    for cue, at in text.find(cues.openers.get("question_late", CueList(()))):
        after = tokens[at + len(cue.split()):]
        if at >= 1 and len(after) <= LATE_VERB_WORDS and not (after and CONDITIONAL.match(after[0])) \
                and language_id.identify(text.raw).language == "tr":
            return cue
    return None


def topic(text: Text, cues: Cues) -> tuple[str, list[str]]:
    """The question topic its keywords name most (ties: the order of TOPIC_NAMES); "other" when none."""
    best: str = "other"
    best_found: list[str] = []
    for name in TOPIC_NAMES:
        found = [cue for cue, _ in text.find(cues.topics[name])]
        if len(found) > len(best_found):
            best, best_found = name, found
    return best, best_found


def corrects(text: Text, cues: Cues) -> list[str]:
    """The markers of a correction: an opener within the first words ("wacht", "eigenlijk", "nee ik bedoel", "i
    meant"); anywhere, a word for changing ("ilk adımı değiştirelim", "ghayar ...", "перший крок змінюю") or for
    forgetting ("nsit a2ol", "zapomniałam"); a word for adding that opens it ("dopisz jeszcze panią Kasię", "zid
    jarti fatima", not "en een dj erbij"); or an "actually" anywhere with a "not" ("het idee gaat eigenlijk over
    een bbq, niet een feest", "الفكرة أصلاً عن حديقة مش حفلة")."""
    openers = cues.openers.get("correction", CueList(()))
    found = text.find(openers)
    at_start = [cue for cue, at in found if at == 0 or (at < OPENING and text.tokens[0] in LEAD_INS)]
    if at_start:
        return at_start
    anywhere = [cue for name in ("change", "forgot") for cue, _ in text.find(cues.openers.get(name, CueList(())))]
    anywhere += [cue for cue, at in text.find(cues.openers.get("adding", CueList(()))) if at < OPENING]
    if anywhere:
        return anywhere
    contrast = text.find(cues.openers.get("contrast", CueList(())))
    return [cue for cue, _ in found] + [cue for cue, _ in contrast] if found and contrast else []


LEAD_INS = frozenset({"nee", "no", "nah", "oh", "o", "ah", "hmm", "ok", "oke", "sorry", "oeps", "oops", "hayir",
                      "nie", "ні", "لا", "la"})
"""Words that may stand before a correction's opener ("nee wacht", "oh actually"); a yes may not ("ja eigenlijk
wel" agrees)."""


def fits(kind: str, text: Text, cues: Cues) -> list[str]:
    """The words that show the text is the kind of answer asked for (people, place, name)."""
    found = [cue for cue, _ in text.find(cues.expect[kind])] if kind in cues.expect else []
    if kind == "people":  # a name typed with a capital, not at the start of a sentence
        words = text.raw.split()
        found += [w for i, w in enumerate(words) if i and w[:1].isupper() and words[i - 1][-1:] not in ".!?"]
    if kind == "place":
        found += [t for t in text.tokens if t.isdigit() and len(t) == 4]
    if kind == "name":  # whatever is said besides the thanks and greetings is the name ("its Amira, thanks x")
        found += content(text, cues)
    return found
