"""Dictionary-based query translation: a text in Turkish, Arabic (also Moroccan Arabic in Latin letters,
"Arabizi"), Polish or Ukrainian becomes the Dutch words the router already knows, so every language is routed
by the same Dutch word lists and example phrasings instead of topic lists per language.

The dictionaries are content (content/lexicon/<language>.yaml): broad everyday words of neighbourhood life
(housing, health, money, family, school, work, neighbours, events, nature, safety, care, transport,
paperwork), each a word beginning mapped to one or more Dutch words. A word of the text is looked up as its
longest known beginning, so inflected forms need no entry of their own ('komşularımızla' finds 'komşu',
'sąsiadami' finds 'sąsiad'); a short beginning (three letters or less) only with a short ending, so 'ev'
(house) finds 'evde' but not 'evet', and so does a key written with a final '.' ('скла.' is glass, 'скласти'
is not). Turkish and Arabic words are also tried as their Snowball stem; Arabic
words without their article or a one-letter prefix ('والحي', 'فالحومة'); Arabizi is spelled one way first
('7ouma', 'houma' and 'l7oma' are all 'huma'). A key of several words ('yaya geçidi') matches those words in
a row. Words not in the dictionary are left out: the router already reads Dutch and English words in any text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from bot.understanding.phrases import fold

LANGUAGES = ("tr", "ar", "pl", "uk")
SHORT = 3
"""A key of this many letters or fewer matches a longer word only with one of its language's short endings."""


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


SHORT_ENDINGS: dict[str, frozenset[str]] = {
    "tr": _set("i a e u in un im um de da te ta den dan ten tan ye ya yi yu le la ler lar leri lari imiz "
                    "umuz iniz unuz si su mi mu ni nu na ne deki daki"),
    "pl": _set("a u y i e o ie ow om em ami ach owi"),
    "uk": _set("а у і и ю я о ом ем ам ах ів ей ою ею"),
    "ar": _set("ه ها هم هن ك كم ي نا ات ين ون ان تي ته تها تنا يه و وا"),
    "arabizi": _set("a i u k na ha hum kum t at in un ak ik uk ti tu"),
}
TURKISH_SOFTENING = {"k": "g", "p": "b", "t": "d"}
"""A Turkish word's last consonant softens before a vowel ending (ğ is folded to g)."""
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك", "د")
ARABIZI_PREFIXES = ("wl", "fl", "bl", "l", "el", "al", "f", "w", "b", "d")
_ARABIZI_DIGITS = str.maketrans({"7": "h", "3": "a", "9": "q", "5": "kh", "8": "gh", "2": "", "6": "t"})
_DOUBLE = re.compile(r"(.)\1+")
_LATIN = re.compile(r"[a-z0-9]")
_WORD = re.compile(r"[^\W_]+")
_STEMMERS = {"tr": "turkish", "ar": "arabic"}


def arabizi(word: str) -> str:
    """Moroccan Arabic in Latin letters, spelled one way: digits as letters, ch as sh, ou/o as u, e as i,
    no doubled letters ('l7ouma', 'houma' -> 'lhuma', 'huma')."""
    word = word.casefold().translate(_ARABIZI_DIGITS)
    word = word.replace("ch", "sh").replace("ou", "u").replace("oo", "u").replace("o", "u").replace("ee", "i")
    word = word.replace("e", "i").replace("dj", "j").replace("q", "k")
    return _DOUBLE.sub(r"\1", word)


@dataclass
class Lexicon:
    """One language's dictionary, indexed for lookups (built once per content)."""

    language: str
    words: dict[str, str] = field(default_factory=dict)
    """Folded word beginning -> Dutch words."""
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    """First word beginning -> (all word beginnings, Dutch words), longest first."""
    whole: set[str] = field(default_factory=set)
    """Keys written with a final '.': only with a short ending ('скла.' is glass, not the start of 'скласти')."""
    skeletons: dict[str, str] = field(default_factory=dict)
    """Arabizi keys without their vowels: people write the vowels as they hear them ('7ofra', '7fra')."""

    @classmethod
    def build(cls, language: str, entries: Mapping[str, str]) -> Lexicon:
        lexicon = cls(language)
        for key, dutch in entries.items():
            parts = tuple(lexicon.spell(w) for w in _WORD.findall(fold(key)))
            if len(parts) == 1 and key.strip().endswith("."):
                lexicon.whole.add(parts[0])
            if len(parts) == 1:
                lexicon.words[parts[0]] = dutch
                if language == "tr" and parts[0][-1:] in TURKISH_SOFTENING and len(parts[0]) > SHORT:
                    soft = parts[0][:-1] + TURKISH_SOFTENING[parts[0][-1]]
                    lexicon.words.setdefault(soft, dutch)  # 'sokak' -> 'sokağı', 'kitap' -> 'kitabı'
                if language == "ar" and _LATIN.search(parts[0]) and len(skeleton(parts[0])) >= SKELETON_MIN:
                    lexicon.skeletons.setdefault(skeleton(parts[0]), dutch)
            elif parts:
                lexicon.phrases.setdefault(parts[0], []).append((parts, dutch))
        for found in lexicon.phrases.values():
            found.sort(key=lambda item: -len(item[0]))
        return lexicon

    def spell(self, word: str) -> str:
        return arabizi(word) if self.language == "ar" and _LATIN.search(word) else word

    def _endings(self, word: str) -> frozenset[str]:
        if self.language == "ar" and _LATIN.search(word):
            return SHORT_ENDINGS["arabizi"]
        return SHORT_ENDINGS.get(self.language, frozenset())

    def _forms(self, word: str) -> list[str]:
        """The ways a word of the text is looked up: as typed, without a prefix, as its Snowball stem."""
        forms = [word]
        if self.language == "ar":
            prefixes = ARABIZI_PREFIXES if _LATIN.search(word) else ARABIC_PREFIXES
            for prefix in prefixes:
                if word.startswith(prefix) and len(word) - len(prefix) >= 2:
                    forms.append(word[len(prefix):])
        if self.language in _STEMMERS:
            stemmed = _stem(self.language, word)
            if stemmed and stemmed != word:
                forms.append(stemmed)
        return forms

    def lookup(self, word: str) -> str | None:
        """The Dutch words for one word of the text (already folded), by its longest known beginning."""
        best: tuple[int, str] | None = None
        endings = self._endings(word)
        for form in self._forms(word):
            for cut in range(len(form), 1, -1):
                dutch = self.words.get(form[:cut])
                if dutch is None:
                    continue
                tail = form[cut:]
                if (cut <= SHORT or form[:cut] in self.whole) and tail and tail not in endings:
                    continue
                if self.language == "ar" and not _LATIN.search(form) and len(tail) > 3 and cut <= 4:
                    continue  # Arabic roots are short: 'حي' (wijk) is not the start of 'حياة' (leven)
                if best is None or cut > best[0]:
                    best = (cut, dutch)
                break
        if best is None and self.skeletons:
            for form in self._forms(word):
                bare = skeleton(form)
                for cut in range(len(bare), SKELETON_MIN - 1, -1):
                    if bare[:cut] in self.skeletons and len(bare) - cut <= 1:
                        return self.skeletons[bare[:cut]]
        return best[1] if best else None

    def meaning(self, word: str) -> str | None:
        """The Dutch words for a word (folded) the dictionary has itself, as typed, without a prefix or as its stem;
        not for a word it only has a beginning of ('pomidor' is a word of it; 'presikhaaf' is none, though 'pre'
        might begin one)."""
        word = self.spell(word)
        return next((self.words[form] for form in self._forms(word) if form in self.words and len(form) > SHORT),
                    None)

    def translate(self, text: str) -> str:
        """The Dutch words for a text, in the text's order; words the dictionary does not know are left out."""
        return self.read(text)[0]

    def read(self, text: str) -> tuple[str, int]:
        """The Dutch words for a text and how many of its words the dictionary knew."""
        words = [self.spell(w) for w in _WORD.findall(fold(text))]
        out: list[str] = []
        known = 0
        i = 0
        while i < len(words):
            matched = False
            for parts, dutch in self._phrases_at(words, i):
                out.append(dutch)
                i += len(parts)
                known += len(parts)
                matched = True
                break
            if matched:
                continue
            found = self.lookup(words[i])
            if found:
                out.append(found)
                known += 1
            i += 1
        return " ".join(out), known

    def _phrases_at(self, words: list[str], i: int) -> list[tuple[tuple[str, ...], str]]:
        found = []
        for cut in range(len(words[i]), 1, -1):
            for parts, dutch in self.phrases.get(words[i][:cut], ()):
                if len(parts) <= len(words) - i and all(
                        w.startswith(p) and (len(p) > SHORT or len(w) - len(p) <= 2)
                        for w, p in zip(words[i:i + len(parts)], parts, strict=False)):
                    found.append((parts, dutch))
        return sorted(found, key=lambda item: -len(item[0]))


SKELETON_MIN = 3
_VOWELS = re.compile(r"[aeiou]")


def skeleton(word: str) -> str:
    """An Arabizi word (spelled by `arabizi`) without its vowels: 'hufra' and 'hfra' are both 'hfr'."""
    return _VOWELS.sub("", word)


@lru_cache(maxsize=65536)
def _stem(language: str, word: str) -> str:
    return fold(str(_STEMMER[language].stemWord(word)))


_STEMMER = {code: snowballstemmer.stemmer(name) for code, name in _STEMMERS.items()}
