"""What a resident means when they type outside a question: deterministic and explainable.

The words and phrases live in content/intents.yaml. A text is normalised (lower case, no accents,
no punctuation), each word is corrected for a small typo (rapidfuzz, OSA distance) against the vocabulary,
and stemmed in Dutch and English (snowballstemmer); every intent scores its phrases and words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.infra import yamlfile
from bot.understanding.phrases import FOLD_LETTERS

CONTENT = Path(__file__).resolve().parents[2] / "content"
FILE = "intents.yaml"
STRONG, PHRASE, WORD = 3, 2, 1
COMPOUND_MIN = 5
"""A word this long also matches as the tail of a compound ('afval' in 'zwerfafval')."""
FUZZY_MIN = 5
"""Shorter words are never typo-corrected: 'hoi' and 'hai' or 'stuk' and 'stok' are different words."""
IDEA, REPORT, PERSONAL, NEWCOMER, HELP, GREETING, THANKS, RESUME = (
    "idea", "report", "personal", "newcomer", "help", "greeting", "thanks", "resume")
NONE = "none"

_NON_WORD = re.compile(r"[\W_]+")
"""Anything but letters and digits, in any script (Turkish, Arabic, Polish and Ukrainian words stay words)."""
_DUTCH = snowballstemmer.stemmer("dutch")
_ENGLISH = snowballstemmer.stemmer("english")


def normalise(text: str) -> str:
    """Lower case, accents and apostrophes gone, words separated by single spaces."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(FOLD_LETTERS))
    plain = "".join(c for c in folded if not unicodedata.combining(c)).replace("'", "").replace("\u2019", "")
    return " ".join(_NON_WORD.sub(" ", plain).split())


@lru_cache(maxsize=65536)
def stems(word: str) -> frozenset[str]:
    return frozenset((_DUTCH.stemWord(word), _ENGLISH.stemWord(word)))


@dataclass(frozen=True)
class IntentWords:
    name: str
    strong: tuple[str, ...]
    phrases: tuple[str, ...]
    words: tuple[str, ...]
    word_stems: frozenset[str]
    about_the_bot: bool = False
    """A strong phrase of this intent decides over any score: it is about the resident's own business with the bot
    ("hoe staat het met mijn idee", "stuur me geen berichten meer"), whatever else the words suggest."""


@dataclass(frozen=True)
class Lexicon:
    intents: tuple[IntentWords, ...]
    vocabulary: tuple[str, ...]
    """Every word the lexicon knows, for typo correction."""
    announce: tuple[str, ...] = ()
    """Phrases that announce an idea without saying what it is, longest first."""
    openers: tuple[str, ...] = ()
    """A greeting or a bit of slang a message may start with ("yo", "bro ik zei"), longest first: what follows it
    decides what the message is about."""
    lead_ins: tuple[str, ...] = ()
    """Words that announce an idea before saying it ("ik heb een idee voor", "my idea is"), longest first: an idea's
    title is what follows them."""
    wish_ends: tuple[str, ...] = ()
    """Words of wanting that close an idea ("yapmak isterdim", "willen *": `*` keeps the word after them), longest
    first: an idea's title is what comes before them."""
    softeners: frozenset[str] = frozenset()
    """Words that soften or stress without changing what is meant ("ik wil wel helpen", "i really want to help",
    "chcę też pomóc"): a phrase is found also with them left out."""


@dataclass
class Result:
    intent: str
    scores: dict[str, int] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)
    """Per intent the phrases and words that matched: why the text was read this way."""
    strong: set[str] = field(default_factory=set)
    """Intents with a phrase that decides on its own ("ik voel me alleen", not just "eenzaamheid")."""

    def explain(self) -> str:
        return f"{self.intent}: " + "; ".join(
            f"{name} {self.scores[name]} ({', '.join(why)})" for name, why in self.reasons.items() if why)


def _phrases(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(normalise(v) for v in values if normalise(v))


@lru_cache(maxsize=4)
def load(content_dir: Path = CONTENT) -> Lexicon:
    """The lexicon of a content folder (its intents.yaml); a malformed file raises ValueError."""
    path = content_dir / FILE
    data = yamlfile.load(path.read_text(encoding="utf-8"))
    raw = data.get("intents") if isinstance(data, dict) else None
    if not isinstance(raw, dict) or not all(isinstance(spec, dict) for spec in raw.values()):
        raise ValueError(f"{FILE}: expected 'intents:' with, per intent, lists 'strong', 'phrases' and 'words'")
    announce = tuple(sorted(_phrases(data.get("announce") or []), key=len, reverse=True))
    openers = tuple(sorted(_phrases(data.get("openers") or []), key=len, reverse=True))
    lead_ins = tuple(sorted(_phrases(data.get("lead_ins") or []), key=len, reverse=True))
    wish_ends = tuple(sorted((" ".join(normalise(w) or w for w in str(v).split()) for v in data.get("wish_ends") or []),
                             key=len, reverse=True))
    intents = []
    vocabulary: set[str] = set()
    for name, spec in raw.items():
        strong, phrases, words = (_phrases(spec.get(key) or []) for key in ("strong", "phrases", "words"))
        intents.append(IntentWords(name, strong, phrases, words, frozenset(s for w in words for s in stems(w)),
                                   about_the_bot=bool(spec.get("about_the_bot"))))
        for text in (*strong, *phrases, *words):
            vocabulary.update(text.split())
    vocabulary.update(w for phrase in announce for w in phrase.split())
    softeners = frozenset(w for v in data.get("softeners") or [] for w in normalise(str(v)).split())
    return Lexicon(tuple(intents), tuple(sorted(w for w in vocabulary if len(w) >= FUZZY_MIN)), announce, openers,
                   lead_ins, wish_ends, softeners)


def _corrected(word: str, lexicon: Lexicon) -> str:
    if len(word) < FUZZY_MIN or word in lexicon.vocabulary:
        return word
    limit = 1 if len(word) < 9 else 2
    best = process.extractOne(word, lexicon.vocabulary, scorer=OSA.distance, score_cutoff=limit)
    return best[0] if best is not None else word


def _word_hit(word: str, intent: IntentWords) -> str | None:
    if stems(word) & intent.word_stems:
        return word
    return next((key for key in intent.words if len(key) >= COMPOUND_MIN and word != key and word.endswith(key)), None)


def without_opening(text: str, lexicon: Lexicon | None = None) -> str:
    """The text after a first greeting or bit of slang, as typed: "bro ik zei kzou ff een toernooi doen" →
    "kzou ff een toernooi doen". A text that is only an opening stays as it is."""
    lexicon = lexicon or load()
    return _without(text, lexicon.openers, MIN_AFTER_OPENING)


def idea_title(text: str, lexicon: Lexicon | None = None) -> str:
    """An idea as its title, as typed: without an opening and without the words that announce it ("hoi, ik heb een
    idee voor een moestuin" → "een moestuin"); a text that is only the announcement stays as it is."""
    lexicon = lexicon or load()
    return _without_end(_without(without_opening(text, lexicon), lexicon.lead_ins, MIN_AFTER_LEAD_IN,
                                 lexicon.softeners), lexicon.wish_ends, MIN_AFTER_LEAD_IN)


MIN_AFTER_LEAD_IN = 2


def _without(text: str, leading: tuple[str, ...], keep: int, softeners: frozenset[str] = frozenset()) -> str:
    """The text after the leading phrases it starts with, when at least `keep` words follow them; `softeners`
    may stand inside and right after them ("ik zou echt graag", "kzou wel een toernooi")."""
    tokens = list(re.finditer(r"\S+", text))
    start = 0
    while start < len(tokens):
        for phrase in leading:
            size = len(phrase.split())
            end = _phrase_end(tokens, start, size, softeners)
            said = normalise(" ".join(t.group() for t in tokens[start:end] if normalise(t.group()) not in softeners
                                      or t is tokens[start]))
            if end - start >= size and said == phrase:
                start = end
                while start < len(tokens) and normalise(tokens[start].group()) in softeners:
                    start += 1
                break
        else:
            break
    rest = text[tokens[start].start():].strip(" :,-") if start < len(tokens) else ""
    return rest if len(normalise(rest).split()) >= keep else text.strip()


def _phrase_end(tokens: list[re.Match[str]], start: int, size: int, softeners: frozenset[str]) -> int:
    """Where `size` words from `start` end, softeners after the first word not counted."""
    end, counted = start, 0
    while end < len(tokens) and counted < size:
        if end == start or normalise(tokens[end].group()) not in softeners:
            counted += 1
        end += 1
    return end


KEPT = "*"
"""In a wish ending: the word typed there stays ("willen *": "een klaverjasavond willen organiseren")."""


def _without_end(text: str, endings: tuple[str, ...], keep: int) -> str:
    """The text without the first of these phrases it ends with, when at least `keep` words stay."""
    tokens = text.split()
    folded = [normalise(t) for t in tokens]
    for phrase in endings:
        words = phrase.split()
        kept = 1 if words[-1] == KEPT else 0
        words = words[:-1] if kept else words
        at = len(tokens) - kept - len(words)
        if at >= keep and folded[at:len(tokens) - kept] == words:
            return " ".join(tokens[:at] + tokens[len(tokens) - kept:]).rstrip(" .,!")
    for phrase in endings:  # "een toernooi willen organiseren op het pleintje": the wish before its verb, mid-text
        words = phrase.split()
        if words[-1] != KEPT:
            continue
        words = words[:-1]
        for at in range(keep, len(tokens) - len(words)):
            if folded[at:at + len(words)] == words:
                return " ".join(tokens[:at] + tokens[at + len(words):]).rstrip(" .,!")
    return text


MIN_AFTER_OPENING = 3
"""A greeting only gives way to what follows when that says something ("hoi, hoe gaat het" stays a greeting)."""


def classify(text: str, lexicon: Lexicon | None = None) -> Result:
    lexicon = lexicon or load()
    rest = without_opening(text, lexicon)
    if rest != text.strip():
        after = classify(rest, lexicon)
        if after.intent != NONE or _asks(rest):
            return after  # "hey, wie ziet eigenlijk wat ik typ?": a greeting is no answer to what follows it
    words = [_corrected(w, lexicon) for w in normalise(text).split()]
    padded = f" {' '.join(words)} "
    plain = f" {' '.join(w for w in words if w not in lexicon.softeners)} "
    result = Result(NONE)
    strong_hit = result.strong
    for intent in lexicon.intents:
        why: list[str] = []
        score = 0
        for weight, phrases in ((STRONG, intent.strong), (PHRASE, intent.phrases)):
            for phrase in phrases:
                if f" {phrase} " in padded or f" {phrase} " in plain:
                    score += weight
                    why.append(f'"{phrase}"')
                    if weight == STRONG:
                        strong_hit.add(intent.name)
        for word in words:
            if (hit := _word_hit(word, intent)) is not None:
                score += WORD
                why.append(hit)
        result.scores[intent.name] = score
        result.reasons[intent.name] = why
    scores = result.scores
    # an initiative that mentions litter, damage or danger is an idea, unless the resident says they report it
    if scores.get(REPORT) and scores.get(IDEA) and REPORT not in strong_hit:
        scores[REPORT] = 0
    order = [intent.name for intent in lexicon.intents]
    deciding = [intent.name for intent in lexicon.intents if intent.about_the_bot and intent.name in strong_hit]
    if deciding:
        result.intent = deciding[0]
        return result
    best = max(order, key=lambda name: (scores[name], -order.index(name)))
    result.intent = best if scores[best] > 0 else NONE
    return result


QUESTION_WORDS = frozenset({"wat", "wie", "waar", "wanneer", "hoe", "welke", "what", "whats", "who", "where", "when",
                            "how", "which", "ne", "kim", "nerede", "nasil", "co", "kto", "gdzie", "kiedy", "jak",
                            "що", "хто", "де", "коли", "як", "شنو", "اش", "ماذا", "فين", "اين", "شو", "وين"})
"""Words a question opens with, in the six languages: what follows a greeting asks something."""


def _asks(text: str) -> bool:
    words = normalise(text).split()
    return text.rstrip().endswith(("?", "؟")) or bool(words and words[0] in QUESTION_WORDS)


def announces_only(text: str, lexicon: Lexicon | None = None) -> bool:
    """'ik heb een ideetje!': an idea is coming, but the text does not say what it is yet."""
    lexicon = lexicon or load()
    padded = f" {' '.join(_corrected(w, lexicon) for w in normalise(text).split())} "
    for phrase in lexicon.announce:
        while f" {phrase} " in padded:
            padded = padded.replace(f" {phrase} ", " ")
    return not padded.strip()


def intent_of(text: str) -> str:
    return classify(text).intent
