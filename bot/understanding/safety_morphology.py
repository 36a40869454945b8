"""Word forms the safety check reads one way, so that a concept written in one form finds the others: Turkish typed
as it is spoken, Turkish case endings on a household member, Ukrainian (or Russian) inflection, and Polish verbs
(person, gender, the conditional and the reflexive "się" wherever it stands).

Phrase lists written from one batch of texts missed most crises of the next in these languages (leave one language's
file out, bench/safety_cv.py --only train10: tr 0.556, ar 0.489, uk 0.533): a new writer types "edicem" where the
list has "edecegim", "порізалась" where it has "порізалася". Reading the morphology, not more phrases, generalises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TURKISH_WORD = re.compile("[a-z]{4,}")
_PROGRESSIVE = re.compile(r"^(.+[iu])yo(m|n|z|sun|sunuz|lar|du|dum|dun|duk|mus)?$")
"""The spoken present continuous: "istiyom", "geliyo", "bagiriyolar", "istemiyodum" (istiyorum, geliyor, ...)."""
_PROGRESSIVE_ENDINGS = {"": "", "m": "um", "n": "sun", "z": "uz", "sun": "sun", "sunuz": "sunuz", "lar": "lar",
                        "du": "du", "dum": "dum", "dun": "dun", "duk": "duk", "mus": "mus"}
_FUTURE = re.compile(r"^(.{2,}?)[aeiu]?c([ae])(m|z)$")
"""The spoken future of I and we: "edicem", "kiyicam", "yapcam", "olcaz" (edecegim, kiyacagim, yapacagim,
olacagiz); not of you ("-can": "american", "mexican" are no Turkish)."""
_NEGATIVE_FUTURE = re.compile(r"^(.{2,}?)m[iu]?c([ae])(m|z|k)$")
"""The spoken negative future: "olmicak", "gelmicem", "yapmicaz" (olmayacak, gelmeyecegim, yapmayacagiz)."""
_FUTURE_PERSONS = {"m": "gim", "z": "giz", "k": "k"}
_OBJECT_CASES = ("i", "u", "a", "e")
"""The endings (accusative, dative; vowels folded) that make "annem", "kardesim" the one something is done to:
"annemi", "kardesime", "oglumu"."""
_OTHER_CASES = ("den", "dan", "le", "la", "in", "un")
"""Other case endings of the same words ("babamdan", "esimle", "annemin"): still the household member."""
_CYRILLIC = re.compile("[а-яіїєґёь]{4,}")
_VOWELS = str.maketrans({"і": "и", "ї": "и", "є": "и", "е": "и", "ы": "и", "э": "и", "ё": "и", "ґ": "г", "ь": "",
                         "ъ": ""})
"""Ukrainian and Russian letters read one way for a stem: и, і, ы, е one vowel (Ukrainian "ріже", Russian "режет";
Ukrainian "и" is Russian "ы"), the soft sign dropped ("жить" is "жити")."""
_REFLEXIVE = ("ся", "сь")
"""The reflexive ending, read before the letters are (the soft sign of "сь" is dropped with them)."""
_PAST = ("ла", "ло", "в")
"""The past tense of one person ("порізала", "порізав"): read as one mark "л", kept apart from the infinitive and
the present, so "померла" (she died) is no "померти" (to die) and "віддали все" (they gave everything away) no
"віддала все" (I gave ...): the tense and the number are what a crisis is about."""
_ENDINGS = tuple(sorted((
    "ували", "увала", "увало", "ував", "ують", "ує", "ую", "юють", "ює", "ають", "ає", "аю", "яють", "яє",
    "имуть", "имете", "имемо", "имеш", "име", "иму", "емо", "ете", "еш", "ать", "ять", "ить", "уть", "ють", "ут",
    "ют", "ю", "у", "е", "ами", "ями", "ах", "ях", "ою", "ею", "ом", "ем", "ов", "ого", "ому", "ими", "их", "им",
    "ий", "ая", "ое", "ые", "а", "я", "и", "о",
), key=lambda e: (-len(e), e)))
"""Present, future and noun endings of Ukrainian (and Russian), longest first: the stem is what is left. Not the
infinitive ("-ти", Russian "-ть", kept as "ти"), nor the past (`_PAST`) or the plural past "-ли"."""
STEM_MIN = 3


def turkish(word: str, keep: frozenset[str]) -> str:
    """A folded Turkish word typed as spoken, in its written form: "istiyom" is "istiyorum", "geliyo" "geliyor",
    "edicem" "edecegim", "kiyicam" "kiyacagim", "olmicak" "olmayacak". A word in `keep` (the concepts' own words:
    "kocam", my husband, is no future of "koc") stays as it is."""
    if word in keep or not _TURKISH_WORD.fullmatch(word):
        return word
    if (m := _PROGRESSIVE.match(word)) and not word.endswith("yor"):
        return f"{m[1]}yor{_PROGRESSIVE_ENDINGS[m[2] or '']}"
    if len(word) < 5:
        return word
    if m := _NEGATIVE_FUTURE.match(word):
        vowel = m[2]
        return f"{m[1]}m{vowel}y{vowel}c{vowel}{_FUTURE_PERSONS[m[3]]}"
    if m := _FUTURE.match(word):
        vowel = m[2]
        return f"{m[1]}{vowel}c{vowel}{_FUTURE_PERSONS[m[3]]}"
    return word


def turkish_cases(patterns: Iterable[str], *, objects: bool) -> list[str]:
    """Turkish patterns of a person that end in "my" ("annem", "uvey babam", "kardesim") with the case endings that
    make that person the one something is done to ("annemi", "kardesime": `objects`), or with the other endings
    ("babamdan", "esimle"). Patterns with other syntax than words are left out."""
    endings = _OBJECT_CASES if objects else _OTHER_CASES
    return [pattern + case for pattern in patterns if re.fullmatch("[a-z ]+m", pattern) for case in endings]


def ukrainian_stem(word: str) -> str:
    """A Cyrillic word as its stem: letters read one way (`_VOWELS`), a present, future or noun ending off, the
    past of one person as "л", the infinitive as "ти", a reflexive ending kept as "ся" ("порізалась",
    "порізалася", "порізався" all "поризался": cut oneself, not "порізав", cut); a word of other letters, or one
    that would keep fewer than three letters, stays."""
    if not _CYRILLIC.fullmatch(word):
        return word
    stem, reflexive = word, ""
    for ending in _REFLEXIVE:
        if stem.endswith(ending) and len(stem) - len(ending) >= STEM_MIN + 1:
            stem, reflexive = stem[: -len(ending)], "ся"
            break
    if stem.endswith("ть"):
        stem = stem[:-2] + "ти"
    stem = stem.translate(_VOWELS)
    if stem.endswith(("ти", "ли")):
        return stem + reflexive
    for past in _PAST:
        if stem.endswith(past) and len(stem) - len(past) >= STEM_MIN:
            return stem[: -len(past)] + "л" + reflexive
    for ending in _ENDINGS:
        if stem.endswith(ending) and len(stem) - len(ending) >= STEM_MIN:
            return stem[: -len(ending)] + reflexive
    return stem + reflexive


def letters(word: str) -> str:
    """A Cyrillic word's letters read one way (`_VOWELS`), its ending kept: a word beginning of the concepts."""
    return word.translate(_VOWELS) if _CYRILLIC.search(word) else word


def ukrainian_stems(text: str) -> str:
    """Every word of a folded text as `ukrainian_stem` reads it, in its place."""
    return " ".join(ukrainian_stem(word) for word in text.split())


_POLISH_WORD = re.compile("[a-z]{4,}")
POLISH_REFLEXIVE = "sie"
"""The reflexive "się" (folded): it stands apart from its verb, before or after it, often words away ("bym się
dziś zabiła", "znowu się cięłam")."""
POLISH_CONDITIONAL = frozenset({"bym", "bys", "by", "bysmy", "byscie", "gdybym", "gdybys", "gdyby", "zebym", "zebys",
                                "zeby", "jakbym", "jakby", "abym", "aby"})
"""The particle of the conditional, alone or written onto "gdy", "że", "jak", "a" ("najchętniej bym się zabiła",
"gdybym umarła")."""
_POLISH_CONDITIONAL_ENDINGS = ("lybyscie", "libyscie", "lybysmy", "libysmy", "labym", "labys", "lbym", "lbys", "laby",
                               "lyby", "liby", "lby")
"""The conditional written onto the past ("zabiłabym", "zabiłbym", "zabiłaby"): read as the past and "by"."""
_POLISH_PAST_ENDINGS = ("lyscie", "liscie", "lysmy", "lismy", "lam", "lem", "las", "les", "la", "lo", "li", "ly", "l")
"""The past of every person and gender ("zabiłam", "zabiłem", "zabiła", "zabili"), folded: one past "-l"."""
_POLISH_PRESENT_ENDINGS = tuple(sorted((
    "iecie", "iemy", "iesz", "ecie", "emy", "esz", "ycie", "ymy", "ysz", "icie", "imy", "isz", "acie", "amy", "asz",
    "aja", "am", "ie", "e",
), key=lambda e: (-len(e), e)))
"""The present (and perfective future) of the persons with an ending no noun or adjective has ("zabijesz", "zabije",
"zabiją", "skończysz", "okaleczam"), folded, longest first: one form in "-e", as the first person ("zabiję",
"skończę"). Not "-a", "-y", "-i": "cały" (whole) is no "całe" of a verb."""


def polish_word(word: str, *, conditional: bool = False, reflexive: bool = False) -> str:
    """A folded Polish word in one form for its person, gender and mood: the past of every person and gender as
    "-l" ("zabiłam", "zabiła", "zabiłem": "zabil"), the conditional as that and "by" ("zabiłabym", or "zabiła" in a
    clause with "bym": "zabilby"), the present of every person as "-e" ("zabijesz", "zabiją": "zabije"), the
    infinitive as it is; a verb form in a clause with "się" ends in "sie" ("zabilbysie"). Words of fewer than four
    letters, or that would keep fewer than three, stay as they are."""
    if not _POLISH_WORD.fullmatch(word) or word in POLISH_CONDITIONAL:
        return word
    read = _polish_form(word, conditional)
    if read is None:
        return word
    return read + (POLISH_REFLEXIVE if reflexive else "")


def _polish_form(word: str, conditional: bool) -> str | None:
    """The word in its one form, or None when it has no ending of a verb."""
    for ending in _POLISH_CONDITIONAL_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= STEM_MIN:
            return word[: -len(ending)] + "lby"
    if word.endswith("c") and len(word) > STEM_MIN:
        return word  # the infinitive ("zabić", "ciąć", "skończyć")
    for ending in _POLISH_PAST_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= STEM_MIN:
            return word[: -len(ending)] + "l" + ("by" if conditional else "")
    for ending in _POLISH_PRESENT_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= STEM_MIN:
            return word[: -len(ending)] + "e"
    return None


POLISH_CONJUNCTIONS = frozenset({"jak", "jesli", "jezeli", "gdy", "kiedy", "bo", "ze", "ale", "i", "a", "lub", "albo",
                                 "czy", "aby", "zeby", "gdyby", "jakby", "poniewaz", "choc", "chociaz", "wiec", "to"})
"""Words that begin another part of a sentence: "się" and "bym" belong to the verbs of their own part ("szef mnie
zabije jak się spóźnię": the "się" is the being late's, not the killing's)."""


def polish(clause: str) -> str:
    """A folded clause with every word as `polish_word` reads it, in its place: "się" anywhere in a part of the
    clause (up to a conjunction, POLISH_CONJUNCTIONS) makes that part's verbs reflexive, "bym" (or "gdyby", "żeby",
    ...) makes their past the conditional. "najchetniej bym sie zabila" is "najchetniej bym sie zabilbysie";
    "znowu sie cielam" is "znowu sie cielsie"."""
    read: list[str] = []
    for part in _polish_parts(clause.split()):
        reflexive = POLISH_REFLEXIVE in part
        conditional = any(word in POLISH_CONDITIONAL for word in part)
        read += [polish_word(word, conditional=conditional, reflexive=reflexive) for word in part]
    return " ".join(read)


def _polish_parts(words: list[str]) -> list[list[str]]:
    """The words in parts, each from a conjunction up to the next."""
    parts: list[list[str]] = [[]]
    for word in words:
        if word in POLISH_CONJUNCTIONS and parts[-1]:
            parts.append([])
        parts[-1].append(word)
    return parts
