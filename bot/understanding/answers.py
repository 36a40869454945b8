"""The one answer resolver: which offered option(s) a typed answer means.

Every question with options goes through `resolve` (the dispatcher calls it), so a handler only ever
sees a picked choice or, on a free-text question, the text itself. It understands, in this order:
an option number ("2", "2.", "nr 2"); the label as shown, ignoring case, accents, punctuation and
symbols; a word or phrase of the option's answer family (bot/understanding/answer_words.py: "ja", "klaar",
"👍", "ik doe het zelf wel"), as the whole answer with at most filler around it; a unique
prefix or significant word of a label ("groen", "feest"); and a small typo when only one option is
close. On a multi-select question several of these may be combined ("1, 5", "groen en feest").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz import fuzz

from bot.understanding.answer_words import (
    ABOUT_LINKS,
    ALSO_MEANS,
    COUNT_WORDS,
    FAMILIES,
    FAMILY_FILLER,
    FILLER,
    FUNCTION_WORDS,
    GOODBYES,
    HEDGE_FAMILIES,
    LEADING_ASSENT,
    MAX_OPENED_ANSWER,
    NEGATIONS,
    NO_OPENERS,
    NUMBER_NAMES,
    NUMBER_WORDS,
    OWN_LANGUAGE,
    SEPARATORS,
    WELL_BEFORE_YES,
)


@dataclass(frozen=True, slots=True)
class Option:
    data: str
    label: str
    family: str | None = None
    about: str | None = None
    """What the message holding this option was about, when its label also appears elsewhere ("Maybe" under two
    activities): the "which one do you mean" question names it."""


@dataclass(frozen=True, slots=True)
class Resolution:
    picks: tuple[str, ...] = ()
    """The data of the picked options, in the order typed."""
    ambiguous: tuple[Option, ...] = ()
    """Several options fit equally well: ask which one."""
    confirm: Option | None = None
    """One option fits, but only by what it is about ("wageningen" for "De Nude (Wageningen)"): ask first."""

    @property
    def understood(self) -> bool:
        return bool(self.picks)


_APOSTROPHES = re.compile(r"['’‘`´]")
_NOT_WORD = re.compile(r"[^\w\s]|_")
_NUMBER = re.compile(r"^(?:(?:" + "|".join(sorted(NUMBER_WORDS)) + r")\s*)?([0-9]{1,3})$")
_SPLIT = re.compile(r"\s*[,;/+&]\s*|\s+(?:" + "|".join(w for w in SEPARATORS if w.isalpha()) + r")\s+")
_EMOJI_VARIANTS = re.compile("[\ufe0f\ufe0e\u200d]|[\U0001f3fb-\U0001f3ff]")
LEADING_FAMILIES = ("yes", "no")
"""Families whose first word decides a longer answer ("ja we zoeken helpers")."""
FUZZY_MIN_LENGTH = 4
FUZZY_SCORE = 80.0
FUZZY_MARGIN = 6.0


def plain(text: str) -> str:
    """Lower case, no accents, no punctuation, quotes, emoji or symbols; single spaces."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text))
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """Repeated letters once: "jaaa" and "neee" are "ja" and "nee" typed with feeling."""
    return re.sub(r"(.)\1+", r"\1", text)


def _symbols(text: str) -> str:
    return _EMOJI_VARIANTS.sub("", text).strip()


_FAMILY_PHRASES: dict[str, frozenset[str]] = {
    name: frozenset(plain(w) or _symbols(w) for words in langs.values() for w in words)
    for name, langs in FAMILIES.items()
}
_FAMILY_SQUEEZED: dict[str, frozenset[str]] = {
    name: frozenset(squeezed(p) for p in phrases) for name, phrases in _FAMILY_PHRASES.items()
}


BAG_WORDS = 2
"""The longest family phrase whose words may come in another order."""


def _core(phrase: str) -> str:
    return " ".join(w for w in phrase.split() if w not in FAMILY_FILLER)


_WELL_YES: dict[str, frozenset[str]] = {
    head: frozenset(plain(p) for p in FAMILIES["yes"][lang] if " " not in plain(p))
    for head, lang in WELL_BEFORE_YES.items()
}
"""The one-word yeses of the language in which a word is 'well' ("no" → tak, dobra, jasne, ...)."""
_FAMILY_CORES: dict[str, frozenset[str]] = {
    name: phrases | frozenset(_core(p) for p in phrases if len(_core(p).split()) >= 2)
    for name, phrases in _FAMILY_PHRASES.items()
}
"""Each family's phrases, and those of two words or more also without their filler ("help van verbinder"); a phrase
that would be left with one word keeps its filler ("laat maar" is cancel, "laat" is not)."""
_FAMILY_BAGS: dict[str, frozenset[frozenset[str]]] = {
    name: frozenset(frozenset(p.split()) for p in phrases if 2 <= len(p.split()) <= BAG_WORDS)
    for name, phrases in _FAMILY_PHRASES.items()
}
"""Each family's short phrases as bags of words: "nikogo jeszcze" is "jeszcze nikogo", "нікого ще" is "ще нікого"."""
_HEDGE_WORDS: dict[str, frozenset[str]] = {
    name: frozenset(p for p in _FAMILY_PHRASES[name] if p and " " not in p) for name in HEDGE_FAMILIES
}
_FAMILY_SYMBOLS: dict[str, frozenset[str]] = {
    name: frozenset(_symbols(w) for words in langs.values() for w in words if not plain(w))
    for name, langs in FAMILIES.items()
}


def own_language_family(text: str, locale: str | None) -> str | None:
    """The answer family a whole text means in the resident's own language where it differs from English (Polish
    "no" is yes), or None."""
    return OWN_LANGUAGE.get(locale or "", {}).get(plain(text).strip(" .!"))


def family_of(text: str, family: str) -> bool:
    """Whether a typed text is a word of an answer family ("ja hoor" is yes, "⬅️" is back)."""
    if _symbols(text) in _FAMILY_SYMBOLS[family]:
        return True
    typed = plain(text)
    phrases = _FAMILY_PHRASES[family]
    if not typed:
        return False
    if typed in phrases or squeezed(typed) in _FAMILY_SQUEEZED[family]:
        return True
    if 2 <= len(typed.split()) <= BAG_WORDS and frozenset(typed.split()) in _FAMILY_BAGS[family]:
        return True  # the same words in another order: "nikogo jeszcze"
    head, _space, rest = typed.partition(" ")
    if head in LEADING_ASSENT and rest and rest != typed and family_of(rest, family):
        return True
    if family == "yes" and head in WELL_BEFORE_YES and rest and all(
            w in _WELL_YES[head] for w in rest.split()):
        return True
    words = [w for w in typed.split() if w not in FAMILY_FILLER]
    # "ik wil het zelf doen" is "zelf doen", "help van de verbinder graag" is "hulp van de verbinder": without
    # filler the answer is (the core of) a phrase of the family, or each word left is one
    return bool(words) and (" ".join(words) in _FAMILY_CORES[family] or all(w in phrases for w in words))


def number_of(text: str) -> int | None:
    """An option number as typed: "2", "2.", "nr 2", "nummer 2"."""
    match = _NUMBER.match(plain(text))
    return int(match.group(1)) if match else None


def _spelled_numbers() -> dict[str, int]:
    """Every number name, with the composed ones: "vijfentwintig", "tweeentwintig" (ë without its dots),
    "twenty five"."""
    names: dict[str, int] = {}
    for words in NUMBER_NAMES.values():
        names |= {plain(w): n for w, n in words.items()}
        units = {w: n for w, n in words.items() if n < 10}
        tens = {w: n for w, n in words.items() if n in range(20, 100, 10)}
        for unit, u in units.items():
            for ten, t in tens.items():
                names[f"{unit}en{ten}"] = t + u  # Dutch: the unit first
                names[f"{ten} {unit}"] = names[f"{ten}{unit}"] = t + u  # English
    return names


_SPELLED = _spelled_numbers()


def count_of(text: str) -> int | None:
    """A number of people as typed: "20", "max 20", "twintig personen", "up to fifteen people"; None when the
    text holds no number, or more than one ("15 of 20")."""
    words = [w for w in plain(text).split() if w not in COUNT_WORDS]
    digits = [w for w in words if w.isdigit()]
    if digits:
        rest = [w for w in words if not w.isdigit() and w not in FILLER]
        return int(digits[0]) if len(digits) == 1 and not rest and digits[0].isascii() else None
    spelled = " ".join(w for w in words if w not in FILLER or w in _SPELLED)
    return _SPELLED.get(spelled)


def resolve(text: str, options: Sequence[Option], *, multi: bool = False, exact_only: bool = False,
            numbers: bool = True, first_number: int = 1, exact_commands: bool = False) -> Resolution:
    """The option(s) a typed text means; ``exact_only`` (free-text questions) skips prefixes and typos;
    without ``numbers`` (options no longer on screen) a number picks nothing; ``first_number`` is the
    number shown for the first option (options run on across messages: 4–6); with ``exact_commands`` an option
    that is a command (the menu's) counts only by its exact words ("yo wat kan je eigenlijk" asks, it is no
    "Wat ik kan bieden"), a message's buttons still by a word of them ("wie komen er bij de koffieochtend")."""
    if not options or not text.strip() or (not numbers and number_of(text) is not None):
        return Resolution()
    if exact_commands and not exact_only:
        exact = resolve(text, options, multi=multi, exact_only=True, numbers=numbers, first_number=first_number)
        buttons = [o for o in options if not o.data.startswith("/")]
        if exact.picks or exact.ambiguous or not buttons:
            return exact
        return resolve(text, buttons, multi=multi, numbers=False)
    single = _resolve_one(text, options, exact_only=exact_only, fuzzy=False, first=first_number)
    if single.picks or single.ambiguous:
        return single
    if multi:
        several = _resolve_several(text, options, exact_only=exact_only, first=first_number)
        if several.picks or several.ambiguous:
            return several
    found = _resolve_one(text, options, exact_only=exact_only, fuzzy=True, first=first_number)
    if found.picks or exact_only:
        return found
    return (_named_about(text, options) or _in_latin_letters(text, options, multi=multi)
            or _in_arabic_letters(text, options) or found)


def _in_latin_letters(text: str, options: Sequence[Option], *, multi: bool) -> Resolution | None:
    """A Dutch name typed in Cyrillic or Greek letters ("пресікхааф" for Presikhaaf): the options with a Latin label,
    resolved against the text spelled in Latin letters. Arabic script leaves out most vowels: not tried."""
    if not _has_letters_of(text, "CYRILLIC", "GREEK"):
        return None
    found = resolve(anyascii(text), _latin(options), multi=multi, numbers=False)
    return found if found.picks else None


def in_other_letters(text: str, options: Sequence[Option]) -> Resolution | None:
    """The one option a Dutch name typed in Cyrillic, Greek or Arabic letters picks, or None."""
    return _in_latin_letters(text, options, multi=False) or _in_arabic_letters(text, options)


def _has_letters_of(text: str, *scripts: str) -> bool:
    """Whether a letter of the text is of one of these scripts (the start of its Unicode name: "CYRILLIC")."""
    return any(ch.isalpha() and unicodedata.name(ch, "").startswith(scripts) for ch in text)


def _latin(options: Sequence[Option]) -> list[Option]:
    """The options whose label is written in Latin letters (a Dutch name)."""
    return [o for o in options if all(ch.isascii() or not ch.isalpha() or unicodedata.name(ch, "").startswith(
        "LATIN") for ch in o.label)]


_ARABIC_SKELETON_MIN = 4
"""Consonants a name typed in Arabic letters needs before it is compared: fewer would match by chance."""


def _in_arabic_letters(text: str, options: Sequence[Option]) -> Resolution | None:
    """A Dutch name typed in Arabic letters ("بلومنبورت" for Bloemenbuurt, "بريسيكهاف" for Presikhaaf): Arabic
    writes no short vowels and has no p, so the text and each Latin label (without its "(town)") are compared as
    their consonants; the one option whose consonants are the same."""
    if not _has_letters_of(text, "ARABIC"):
        return None
    typed = _consonants(anyascii(text))
    if len(typed) < _ARABIC_SKELETON_MIN:
        return None
    found = [o for o in _latin(options) if _consonants(o.label.split("(")[0]) == typed]
    return Resolution((found[0].data,)) if len(found) == 1 else None


def _consonants(text: str) -> str:
    """The consonants of a name as Arabic letters would spell them: no vowels (nor w, y, h that stand for one in
    Arabic), p as b, v as f, z as s."""
    letters = re.sub(r"[^a-z]", "", text.casefold().translate(_AS_ARABIC))
    return re.sub(r"[aeiouwy]|h$", "", letters)


_AS_ARABIC = str.maketrans({"p": "b", "v": "f", "z": "s", "c": "k", "q": "k"})


def _named_about(text: str, options: Sequence[Option]) -> Resolution | None:
    """The answer with the name of what it is about: "ik kom naar de koffieochtend" is "Ik kom" under the
    message about Koffieochtend."""
    typed = plain(text).split()
    for about in dict.fromkeys(o.about for o in options if o.about):
        named = {w for w in plain(about).split() if len(w) >= FUZZY_MIN_LENGTH} & set(typed)
        if not named:
            continue
        rest = " ".join(w for w in typed if w not in named and w not in ABOUT_LINKS)
        subset = [o for o in options if o.about == about]
        found = _resolve_one(rest, subset, exact_only=False, fuzzy=True) if rest else Resolution()
        if found.picks:
            return found
    return None


def _resolve_several(text: str, options: Sequence[Option], *, exact_only: bool, first: int) -> Resolution:
    parts = [p for p in _SPLIT.split(text.strip()) if p.strip()]
    if len(parts) < 2:
        # "1 5", "geld vergunning": separate words, each naming an option on its own
        parts = [w for w in plain(text).split() if w not in FILLER and w not in SEPARATORS]
        fuzzy = False
    else:
        fuzzy = True
    if len(parts) < 2:
        return Resolution()
    picks: list[str] = []
    for part in parts:
        found = _resolve_one(part, options, exact_only=exact_only, fuzzy=fuzzy, first=first)
        if found.ambiguous:
            return found
        if not found.picks:
            return Resolution()
        picks += [p for p in found.picks if p not in picks]
    return Resolution(tuple(picks))


def _resolve_one(text: str, options: Sequence[Option], *, exact_only: bool, fuzzy: bool,
                 first: int = 1) -> Resolution:
    number = number_of(text)
    if number is not None:
        index = number - first
        return Resolution((options[index].data,)) if 0 <= index < len(options) else Resolution()
    typed = plain(text)
    exact = [o for o in options if plain(o.label) == typed and typed]
    if exact:
        return _one_of(exact)
    by_family = [o for o in options if o.family and family_of(text, o.family)]
    if by_family:
        return _one_of(by_family)
    offered = {o.family for o in options}
    stand_in = [o for o in options if o.family in ALSO_MEANS
                and any(f not in offered and family_of(text, f) for f in ALSO_MEANS[o.family])]
    if stand_in:
        return _one_of(stand_in)
    if exact_only or not typed or any(w.isdigit() for w in typed.split()):
        return Resolution()  # "2 5 klaar" is several picks, "7 euro" no option at all
    for tier in (_word_matches, _prefix_matches, *((_fuzzy_matches,) if fuzzy else ()), _leading_family):
        found = tier(typed, options)
        if found:
            return _one_of(found)
    return Resolution()


def _leading_family(typed: str, options: Sequence[Option]) -> list[Option]:
    """A short answer that starts with a word of exactly one offered family and goes on in its own words: "ja we
    zoeken helpers", "nee hoor dat hoeft niet", "ja hoor, leuk", "sorry, not this time". A yes with a negation in
    it ("ja, maar nu even niet") is no yes; "nee wacht" goes back, it is no "nee"; long text is not read so."""
    words = typed.split()
    if not words or len(words) > MAX_OPENED_ANSWER or family_of(typed, "back") or family_of(typed, "cancel"):
        return []
    first = squeezed(words[0])
    opens = {"no"} if words[0] in NO_OPENERS else {f for f in LEADING_FAMILIES if first in _FAMILY_SQUEEZED[f]}
    if "yes" in opens and (NEGATIONS | GOODBYES) & set(words[1:]):
        return []
    found = [o for o in options if o.family in opens]
    return found if len({o.family for o in found}) == 1 else []


def _one_of(found: Sequence[Option]) -> Resolution:
    unique = list({o.data: o for o in found}.values())
    if len(unique) == 2 and {o.family for o in unique} == GOING_ON:  # "далі", "dalej" where Done and Skip both are
        unique = [o for o in unique if o.family == "done"]
    return Resolution((unique[0].data,)) if len(unique) == 1 else Resolution(ambiguous=tuple(unique))


GOING_ON = frozenset({"done", "skip"})
"""Two options that both go on from a list question: a word of both ("далі", "dalej", "التالي") keeps what was ticked
(Done) rather than skipping it."""


def _significant(typed: str) -> list[str]:
    return [w for w in typed.split() if w not in FILLER and w not in SEPARATORS] or typed.split()


def _word_matches(typed: str, options: Sequence[Option]) -> list[Option]:
    """Every significant typed word is a whole word of the label ("groen" → "Groen & natuur")."""
    words = _significant(typed)
    return [o for o in options if all(w in plain(o.label).split() for w in words)]


def _prefix_matches(typed: str, options: Sequence[Option]) -> list[Option]:
    """The label starts with what was typed, or every typed word begins (or, from 4 letters, is inside)
    a word of the label ("feest" → "Parties", "buurtfeest")."""
    found = []
    words = _significant(typed)
    for option in options:
        label = plain(option.label)
        if len(typed) >= 3 and label.startswith(typed):
            found.append(option)
            continue
        tokens = label.split()
        if all(any(t.startswith(w) or (len(w) >= 4 and w in t) for t in tokens) for w in words if len(w) >= 3) \
                and any(len(w) >= 3 for w in words):
            found.append(option)
    return found


def _fuzzy_matches(typed: str, options: Sequence[Option]) -> list[Option]:
    """A small typo, only for words of 4+ letters and only when one option is clearly closest."""
    if len(typed) < FUZZY_MIN_LENGTH:
        return []
    scored = sorted(((_closeness(typed, o), index) for index, o in enumerate(options)), reverse=True)
    best, index = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best >= FUZZY_SCORE and best - runner_up >= FUZZY_MARGIN:
        return [options[index]]
    return []


def _closeness(typed: str, option: Option) -> float:
    """How close the typed text is to the label (or, for one typed word, to a word of it or of its family)."""
    label = plain(option.label)
    candidates = [label]
    words = [w for w in _significant(typed) if len(w) >= FUZZY_MIN_LENGTH]
    if len(typed.split()) == 1 or (len(words) == 1 and len(_significant(typed)) == 1):
        candidates += [t for t in label.split() if len(t) >= FUZZY_MIN_LENGTH]
        if option.family:
            candidates += [p for p in _FAMILY_PHRASES[option.family] if len(p) >= FUZZY_MIN_LENGTH]
    probes = {typed, *words[:1]} if len(words) == 1 else {typed}
    return max((fuzz.ratio(probe, c) for probe in probes for c in candidates), default=0.0)


IN_WORDS_MAX = 25
"""Words in a message that is still read as an answer in more words; longer text is what it says."""
_ABOUT = re.compile(r"\(([^)]*)\)")
SHORT_FAMILY_WORD = 5
"""A family phrase shorter than this ("ja", "no", "ok") counts inside longer text only as its first word."""


def _content_words(label: str) -> list[str]:
    """The words of a label that may say which option is meant: no filler, no yes or no, no function words."""
    return [w for w in plain(_ABOUT.sub(" ", label)).split()
            if len(w) >= 3 and w not in FILLER and w not in SEPARATORS and w not in ABOUT_LINKS
            and w not in FUNCTION_WORDS and w not in _YES_NO and not w.isdigit()]


_YES_NO = frozenset(w for family in ("yes", "no") for w in _FAMILY_PHRASES[family] if " " not in w)


def _about_words(label: str) -> list[str]:
    return [w for part in _ABOUT.findall(label) for w in plain(part).split() if len(w) >= 4]


def _same_word(typed: str, word: str) -> bool:
    """The same word, or one with the same beginning of five letters ("vrijwilligers", "vrijwilliger")."""
    return typed == word or (len(typed) >= 5 and len(word) >= 5 and typed[:5] == word[:5]
                             and abs(len(typed) - len(word)) <= 3)


WISHING = frozenset({"zou", "wil", "willen", "zouden", "would", "id", "wed", "like"})
"""'ik zou graag een klaverjasclub beginnen': 'graag' after these words is a wish, not a yes to the question."""


YES_AT_MOST = 1
"""A one-word yes ("graag", "prima", "zeker") counts inside a longer text only among its first two words ("nou
prima"): deeper in a sentence it says something else ("die kaart ook graag")."""


def family_inside(text: str, family: str) -> bool:
    """Whether a phrase of an answer family occurs inside a longer text ("ik kom naar de koffieochtend" has
    "ik kom"); a short phrase counts only as the first word, a wish ("zou graag") is not an answer."""
    return _family_inside(plain(text).split(), family)


TIME_UNITS = frozenset({"week", "weken", "maand", "jaar", "dag", "keer", "weekend", "zaterdag", "zondag", "month",
                        "year", "day", "time", "saturday", "sunday", "hafta", "ay", "yil", "tydzien",
                        "tygodniu", "miesiac", "тиждень", "тижня", "місяць", "року"})
"""Words after "volgende", "next", "gelecek" that make them a time ("volgende week"), not a "next" for the question."""


def _family_inside(words: list[str], family: str) -> bool:
    padded = f" {' '.join(words)} "
    for phrase in _FAMILY_PHRASES[family]:
        if not phrase:
            continue
        if len(phrase) >= SHORT_FAMILY_WORD or " " in phrase:
            before, found, after = padded.partition(f" {phrase} ")
            if family == "yes" and " " not in phrase and len(before.split()) > YES_AT_MOST:
                continue  # "mijn zus kaart ook graag": a liking deep in a sentence, not a yes to the question
            if family == "done" and after.split()[:1] and after.split()[0] in TIME_UNITS:
                continue  # "volgende week de buren vragen", "next week": a time, not "next question"
            if found and (not before.split() or before.split()[-1] not in WISHING):
                return True
        elif words and squeezed(words[0]) in (phrase, squeezed(phrase)):
            return True
    return False


def resolve_in_words(text: str, options: Sequence[Option], *, multi: bool = False) -> Resolution:
    """An answer in more words: "eerst even zelf proberen met de buren", "geld en een vergunning denk ik, en
    handen", "nee geef mij maar hun gegevens, ik bel zelf wel". The options whose family phrase (a short one
    only as the first word) or whose own label words (those no other option has) occur in the text; taken only
    when they point at one option, or on a multi-select question at several. A text that names an option only by
    what it is about ("6708 wageningen" for "De Nude (Wageningen)") gets `confirm`, never a silent pick."""
    words = plain(text).split()
    if not words or len(words) > IN_WORDS_MAX or not options:
        return Resolution()
    shared: dict[str, int] = {}
    for option in options:
        for word in set(_content_words(option.label)):
            shared[word] = shared.get(word, 0) + 1
    offered = {o.family for o in options}
    scores: dict[str, int] = {}
    for option in options:
        own = [w for w in set(_content_words(option.label)) if shared[w] == 1]
        score = sum(1 for w in own if any(_same_word(t, w) for t in words))
        families = [option.family] if option.family else []
        families += [f for f in ALSO_MEANS.get(option.family or "", ()) if f not in offered]
        if any(_family_inside(words, f) for f in families if f != "yes" or not GOODBYES & set(words)):
            score += 2  # "ok doei" is goodbye, no yes
        if any(f in HEDGE_FAMILIES and _HEDGE_WORDS[f] & set(words) for f in families):
            score += 3  # "przyjdę, ale może": the hedge outweighs the "przyjdę" (label and family) it softens
        if score:
            scores[option.data] = score
    if not scores:
        about = [o for o in options if any(w in words for w in _about_words(o.label))]
        return Resolution(confirm=about[0]) if len(about) == 1 else Resolution()
    best = max(scores.values())
    top = [data for data, score in scores.items() if score == best]
    if multi:
        return Resolution(tuple(data for data in (o.data for o in options) if data in scores))
    if len(top) == 1:
        return Resolution((top[0],))
    return Resolution(ambiguous=tuple(o for o in options if o.data in top))


def options_from_rows(rows: Iterable[Sequence[str | None]]) -> list[Option]:
    """Options as remembered in the database: ``[data, label]``, ``[data, label, family]`` or
    ``[data, label, family, about]`` rows."""
    return [Option(str(r[0]), str(r[1]), r[2] or None if len(r) > 2 else None, r[3] if len(r) > 3 else None)
            for r in rows]
