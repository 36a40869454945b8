"""Which of the bot's six languages a short chat message is written in, offline and deterministic.

Three steps, each cheap and explainable:

1. The script: Cyrillic letters are Ukrainian and Arabic letters are Arabic (of our six languages, no other
   uses them).
2. Latin letters: words shared by several of our languages ("ok", "hallo", "salam", "super", "taxi") are
   left out; Moroccan Arabic typed in Latin letters ("Arabizi": digits for letters, as in "3afak", "wa7ed",
   and common Darija words such as "bghit", "bzaf", "wach") counts for Arabic; the rest is scored by a
   naive Bayes model over character n-grams (1 to 4 letters) learnt from the bot's own catalogs
   (`locales/{nl,en,tr,pl}`), with Turkish and Polish also learnt without diacritics ("tesekkurler",
   "dziekuje"), so it knows the words of our domain.
3. Below `THRESHOLD` the answer is "not sure" (`language=None`). With the person's current language as
   `prior`, a message that is not clearly another language keeps it; switching needs `SWITCH` confidence
   and two informative words, or a change of script ("ok" never switches; "привіт" does).

`bench/language_id.py` measures it; the README says why this beat the libraries we measured.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from bot.understanding import latin_ukrainian

LANGUAGES: tuple[str, ...] = ("nl", "en", "tr", "ar", "pl", "uk")
LATIN: tuple[str, ...] = ("nl", "en", "tr", "pl")
"""The languages the n-gram model scores; Arabic in Latin letters is recognised by its own rules."""

THRESHOLD = 0.7
"""Below this confidence the answer is "not sure" (chosen on tests/data/language-id.yaml, see the README)."""
SWITCH = 0.9
"""A person's current language changes only on a message at least this sure of another one."""

log = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
_DOMAIN = "wijkgids"
_MAX_GRAM = 4
_SMOOTHING = 0.5
_TEMPERATURE = 8.0
"""Divides the summed log-likelihoods: naive Bayes treats overlapping n-grams as independent evidence
and is far too sure without it; a long message still becomes sure, one word seldom does."""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SHARED = _words("""
ok oke okay okey okej okee oki k kk hi hey hallo hello helo halo alo allo salam selam slm salut merci mersi
super top cool nice haha hahaha hihi hehe lol xd omg wow taxi whatsapp internet wifi online app email mail tel
sms sorry thanks thx tnx help stop ja no tak tamam yalla yallah inshallah inchallah insallah bravo ciao bye
park sport euro yes si oui mama papa
""")
"""Words residents of several of our languages type alike: on their own they say nothing about the language."""

_DARIJA = _words("""
labas labass bikhir hamdullah hamdolah lhamdulillah marhba mrhba marhaba bikoum bikom bikum bslama beslama
chokran choukran shukran chukran afak ykhalik yjazik iyeh iyah wakha wakhkha walakin walo walou mashi machi
safi nta nti ntuma ntouma howa hiya hna huma homa wach wash chno chnou achno ashno lach kifach kifash imta emta
fin chhal chkon chkoun shkoun menin mnin fach bghit bghiti bgha bghat bghina bghitou kanbghi baghi bghi ndir
ndiro dir dert derna kandir kaydir nji jit ghadi nemchi mchit nmchi nchof chouf chof fhamt fhemt fhmt fhamtch
kayn kayna kaynin kaynach makaynch khassni khasni khass ngoul goul galt smhli smahli kanskon katskon khdam
khedma bzaf bezzaf bzzaf bezaf chwiya shwiya daba dba ghda ghedda lyoum lyom dima mzyan mezyan mzyana zwin zwina
hadchi hadshi dakchi kolchi kulchi chi shi dyal dyali dyalek dyalna dyalhom diali bhal bach bash wla walla mazal
wahed jouj drari ldrari bnat wlad wladi khoya khouya khti sahbi jari jarti jiran lhouma houma derb lmdina ana
fadlak jazilan ismi habibi nhar
""")
"""Common Moroccan Arabic words as typed in Latin letters (written for this module from general knowledge
of Darija, not taken from the labelled sets); words with digits ("3afak", "wa7ed") need no list."""

_ARABIZI_DIGIT = re.compile(r"(?:^|[a-z])[379](?=[a-z])|[aeiou][379]$|[a-z]5(?=[a-z])")
"""3 = ع, 7 = ح, 9 = ق before a letter or after a vowel ("3afak", "wa7ed", "sba7"); 5 = خ between letters
("s5ouna"). Not "mp3", "2e", "b2b", "covid19", "4you": those are numbers or other chat shorthand."""
_NOT_A_WORD = re.compile(r"^\d+(?:e|de|ste|st|nd|rd|th|x|k|h|u|uur|min|km|m|kg|pm|am)?$")
_DARIJA_LETTERS = frozenset("flb")
"""Single-letter Darija prepositions (f = in, l = to, b = with), counted only beside other Darija; "w" is left
out: Polish uses it too."""
_URL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|@\w+")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_CATALOG_NOISE = re.compile(r"\{[^}]*\}|%\([^)]*\)[sd]|<[^>]+>|https?://\S+|[/!]\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile(r"[a-zà-ɏ]")


@dataclass(frozen=True)
class Guess:
    """`language` is one of LANGUAGES, or None for "not sure"; `candidate` is the likeliest language even then
    (with `confidence` its score), e.g. to offer it first in the language question; `why` says what decided."""

    language: str | None
    confidence: float
    why: str
    candidate: str | None = None


@dataclass(frozen=True)
class _Reading:
    """What the text alone says, before threshold and prior."""

    scores: dict[str, float]
    words: int
    script: str
    why: str

    @property
    def best(self) -> tuple[str | None, float]:
        if not self.scores:
            return None, 0.0
        language = max(self.scores, key=lambda code: (self.scores[code], code))
        return language, self.scores[language]


class Model:
    """Character n-gram log-probabilities per Latin-script language, learnt from the gettext catalogs."""

    def __init__(self, texts: dict[str, list[str]]) -> None:
        self.languages = tuple(code for code in LATIN if texts.get(code))
        counts = {code: Counter(gram for text in texts[code] for gram in _grams(text)) for code in self.languages}
        vocabulary = frozenset().union(*counts.values())
        self.known_words = frozenset(word for code in self.languages for text in texts[code]
                                     for word in _TOKEN.findall(text))
        self._log: dict[str, dict[str, float]] = {}
        self._unseen: dict[str, float] = {}
        for code in self.languages:
            total = sum(counts[code].values()) + _SMOOTHING * len(vocabulary)
            self._log[code] = {gram: math.log((n + _SMOOTHING) / total) for gram, n in counts[code].items()}
            self._unseen[code] = math.log(_SMOOTHING / total)
        self._vocabulary = vocabulary

    @classmethod
    def from_catalogs(cls, locales_dir: Path = LOCALES_DIR) -> Model:
        """A language whose catalog is missing is left out (logged), never guessed from nothing."""
        texts: dict[str, list[str]] = {}
        for code in LATIN:
            po = locales_dir / code / "LC_MESSAGES" / f"{_DOMAIN}.po"
            if not po.exists():
                log.warning("language_id: no catalog %s, %s is not recognised in Latin letters", po, code)
                continue
            texts[code] = list(_catalog_texts(po, source=code == "en"))
            if code in ("tr", "pl"):  # residents often type these without their special letters
                texts[code] += [_without_marks(text) for text in texts[code]]
        return cls(texts)

    def posterior(self, words: list[str]) -> dict[str, float]:
        """P(language | words) over the model's languages; uniform when no n-gram is known."""
        grams = [gram for word in words for gram in _word_grams(word) if gram in self._vocabulary]
        if not self.languages:
            return {}
        if not grams:
            return {code: 1 / len(self.languages) for code in self.languages}
        logs = {code: sum(self._log[code].get(g, self._unseen[code]) for g in grams) / _TEMPERATURE
                for code in self.languages}
        top = max(logs.values())
        weights = {code: math.exp(value - top) for code, value in logs.items()}
        total = sum(weights.values())
        return {code: weight / total for code, weight in weights.items()}


@cache
def model() -> Model:
    """The process-wide model, learnt from the catalogs on first use (under a second) and kept."""
    return Model.from_catalogs()


def identify(text: str, *, prior: str | None = None) -> Guess:
    """The language of `text`, or None when not sure; `prior` (the person's current language) is kept unless
    the text is clearly another one."""
    reading = _read(text)
    language, confidence = reading.best
    sure = language is not None and confidence >= THRESHOLD
    if prior is None or prior not in LANGUAGES:
        if sure:
            return Guess(language, round(confidence, 3), reading.why, language)
        return Guess(None, round(confidence, 3), f"not sure: {reading.why}", language)
    kept = round(reading.scores.get(prior, 0.0), 3)
    if language == prior:
        return Guess(prior, kept, reading.why, language)
    if not sure:
        return Guess(prior, kept, f"kept {prior}, not sure: {reading.why}", language)
    other_script = reading.script != _script_of(prior) and not (prior == "ar" and reading.script == "latin")
    if confidence >= SWITCH and (reading.words >= 2 or other_script):
        return Guess(language, round(confidence, 3), f"switched from {prior}: {reading.why}", language)
    return Guess(prior, kept, f"kept {prior}, {language} not clear enough: {reading.why}", language)


def written_in(text: str, *, other_than: str | None = None, confidence: float = 0.0, min_words: int = 0) -> str | None:
    """The one of the bot's languages a text is written in, when it is not `other_than` (the resident's language,
    read as the prior), the guess is at least `confidence` sure and the text has at least `min_words` words; the
    one question the repair layer, the dispatcher and the onboarding each ask with their own bounds."""
    if len(text.split()) < min_words:
        return None
    guess = identify(text, prior=other_than)
    if guess.language is None or guess.language == other_than or guess.language not in LANGUAGES \
            or guess.confidence < confidence:
        return None
    return str(guess.language)


def _read(text: str) -> _Reading:
    folded = unicodedata.normalize("NFKC", text).casefold()
    cyrillic, arabic = len(_CYRILLIC.findall(folded)), len(_ARABIC.findall(folded))
    latin = len(_LATIN_LETTER.findall(folded))
    words = [word for word in _TOKEN.findall(_URL.sub(" ", folded)) if not _NOT_A_WORD.match(word)]
    if cyrillic >= 2 and cyrillic >= latin + arabic:
        return _Reading({"uk": 0.99}, len(words), "cyrillic", "Cyrillic letters")
    if arabic >= 2 and arabic >= latin + cyrillic:
        return _Reading({"ar": 0.99}, len(words), "arabic", "Arabic letters")
    if latin_ukrainian.looks_ukrainian(folded):  # "pryvit, ja z ukrainy": no Polish, though it shares "ja", "tak"
        return _Reading({"uk": 0.95}, len(words), "latin", "Ukrainian in Latin letters")
    informative = [word for word in words if _without_marks(word) not in _SHARED]
    if not informative:
        return _Reading({}, 0, "latin", "only words several of our languages share" if words else "no words")
    arabizi = sum(_arabizi_weight(word) for word in informative)
    if arabizi:
        arabizi += 0.5 * sum(word in _DARIJA_LETTERS for word in informative)
    known = sum(word in model().known_words and word not in _DARIJA for word in informative)
    share = arabizi / (arabizi + known) if arabizi else 0.0
    scores = {code: p * (1 - share) for code, p in model().posterior(informative).items()}
    scores["ar"] = share
    why = f"Arabizi ({share:.2f} of the evidence)" if share >= 0.5 else "character n-grams of the catalogs"
    return _Reading(scores, len(informative), "latin", why)


def _arabizi_weight(word: str) -> float:
    if re.search(r"\d\d", word) is None and _ARABIZI_DIGIT.search(word) and sum(c.isalpha() for c in word) >= 2:
        return 2.0
    return 1.0 if word in _DARIJA else 0.0


def _script_of(language: str) -> str:
    return {"uk": "cyrillic", "ar": "arabic"}.get(language, "latin")


def _catalog_texts(po: Path, *, source: bool) -> Iterator[str]:
    """Every translated text of a catalog (or its source texts, for English), without placeholders and markup."""
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if not message.id:
            continue
        strings = message.id if source else message.string
        for string in (strings,) if isinstance(strings, str) else strings or ():
            if string:
                yield _CATALOG_NOISE.sub(" ", string).casefold()


def _without_marks(text: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return stripped.replace("ı", "i").replace("ł", "l")


def _word_grams(word: str) -> Iterator[str]:
    padded = f" {word} "
    for n in range(1, _MAX_GRAM + 1):
        for start in range(len(padded) - n + 1):
            yield padded[start:start + n]


def _grams(text: str) -> Iterator[str]:
    for word in _TOKEN.findall(text):
        yield from _word_grams(word)
