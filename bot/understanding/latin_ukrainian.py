"""Ukrainian typed in Latin letters ("ja khochu zrobyty klub dlja ukraintsiv"): recognised, and spelled in Cyrillic
so the rest of the understanding reads it as the Ukrainian it is.

Newcomers from Ukraine often type on a phone without a Cyrillic keyboard, in a spelling of their own, with some
Russian words in it ("privet", "spasibo", "khorosho"). Without this the n-gram model calls such a text Polish (it
shares "tak", "ja", "dla") and nothing in it is understood.

Recognised by words that only Ukrainian (or Russian) typed in Latin letters has, not Polish, Dutch, English or
Turkish ones ("khochu", "mozhu", "shcho", "dyakuju"), and by the letter pairs "zh" and "shch" that none of those
languages write. Spelled back by the usual transliteration, longest letter groups first ("shch" before "sh"); the
result is close enough for the word lists, which compare word beginnings.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WORDS = _words("""
pryvit pryvitannia pryvet privet pryvitik dyakuju dyakuyu diakuiu dyakuiu diakuju spasybi spasibo spasiba dyakuyemo
budlaska pozhalujsta pozhaluysta pozhalusta
khochu hochu khochemo hochemo khochete hochete khotila khotiv hotila hotiv khotilosia
mozhu mozhemo mozhete mozhna mozhno mozhe mozhesh
treba potribno potribna potriben nuzhno nado
zrobyty robyty zrobiti robiti sdelat zustrich zustrichi zustrichatys zustritys zustritysia
mogu pomogat pomogati sosedjam sosedyam susidam
dopomohty dopomogty dopomoha dopomoga dopomohu dopomogu dopomozhit dopomozhe pomoch pomogite
shcho scho shchob shob chtoby chto shto tse shche vzhe uzhe teper zavtra sohodni sogodni segodnya vchora
nemaye nemae meni mene menia menya moya moye moyi nash nasha vash vasha yikh yakyj yake
ditey ditej dity dytyna dytyny dytynu deti detey rebenok
susid susidy susidka susidamy sosed sosedi soseda druh druzi podruha
razom koly kohos khto hto yakshcho yakscho
dobryi dobryy dobryj dobrogo dobroho ranok vechir khorosho horosho ladno davai davaj seychas sejchas
ukrayina ukrayiny ukrayinska ukrainsku ukrayinsku ukrainskyj ukrainskoyu ukrayinskoyu
ukraintsi ukraintsiv ukrayintsi ukrayintsiv ukrainets
movu mova movoyu movy rozmovnyj rozmovnyi rozmovnyy yazyk
dlya dlja shukaju shukayu shukayemo shukaiu zhyvu zhyvemo zhyve zhivu prozhyvayu pratsyuyu pratsiuiu pracyuyu
pratsyuye pratsiuie pratsyuje bilja bilya bilia
vchyty navchaty vchusia vyvchaty niderlandska niderlandsku niderlandskoyu hollandsku hollandskoyu
nikoho nikto znaju znayu znaiu dumaju dumayu poky todi tezh takozh oznachaye oznachaje oznachaie znachyt
""")
"""Words of Ukrainian (and the Russian residents mix in) as typed in Latin letters, that are no common word of
Polish, Dutch, English or Turkish (so not "tak", "ja", "dobre", "moja", "kto", "de")."""

PAIRS = re.compile(r"zh|shch")
"""Letter pairs only a transliteration writes (Polish writes "ż" or "rz", the others have no such sound)."""

_TOKEN = re.compile(r"[a-z']+")
_LATIN = re.compile(r"[a-z]")
_OTHER = re.compile(r"[^\W\d_a-z]")
"""A letter of another script or with an accent: then it is no transliteration."""

_SPELLING = (
    ("'ya", "'я"), ("'ja", "'я"), ("'yu", "'ю"), ("'ju", "'ю"), ("'ye", "'є"), ("'je", "'є"), ("'yi", "'ї"),
    ("'ji", "'ї"),  # the apostrophe before a vowel that Ukrainian writes ("b'ye": б'є), not the soft sign
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ch", "ч"), ("sh", "ш"), ("ts", "ц"),
    ("ya", "я"), ("ja", "я"), ("yu", "ю"), ("ju", "ю"), ("ye", "є"), ("je", "є"), ("yi", "ї"), ("ji", "ї"),
    ("yo", "йо"), ("jo", "йо"), ("ia", "я"), ("iu", "ю"),
    ("a", "а"), ("b", "б"), ("c", "ц"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "г"), ("i", "і"),
    ("j", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"),
    ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "в"), ("x", "кс"), ("y", "и"), ("z", "з"), ("'", "ь"),
)
_SPELL = re.compile("|".join(re.escape(latin) for latin, _cyrillic in _SPELLING))
_CYRILLIC = dict(_SPELLING)


def evidence(text: str) -> tuple[int, int]:
    """(words that show Ukrainian in Latin letters, words in all) of a text."""
    folded = text.casefold()
    if _OTHER.search(folded.replace("'", "")):
        return 0, 0
    words = _TOKEN.findall(folded)
    shown = sum(1 for word in words if word in WORDS or PAIRS.search(word))
    return shown, len(words)


def looks_ukrainian(text: str, *, writes_ukrainian: bool = False) -> bool:
    """Ukrainian typed in Latin letters: two words that show it, or one in a text of one or two words ("pryvit",
    "dyakuju!") or from someone who writes Ukrainian already ("ne znaju poky"), and at least a quarter of its
    words."""
    shown, words = evidence(text)
    if not shown:
        return False
    return (shown >= 2 or words <= 2 or writes_ukrainian) and shown * 4 >= words


def to_cyrillic(text: str) -> str:
    """The text spelled in Cyrillic letters, letter group by letter group; digits, signs and emoji stay."""

    def word(match: re.Match[str]) -> str:
        typed = match.group()
        spelled = _SPELL.sub(lambda m: _CYRILLIC[m.group()], typed.casefold())
        return spelled.capitalize() if typed[:1].isupper() else spelled

    return re.sub(r"[A-Za-z']+", word, text)


def as_typed(typed: str, part: str) -> str:
    """The piece of ``typed`` that ``part`` (a piece of its respelling, e.g. without an opening word) was spelled
    from: word by word, so "сусід Піет" in the respelling of "ja znaju susid Piet" is "susid Piet". A part not
    found in the respelling is returned as it is."""
    spelled: list[str] = []
    starts: list[int] = []  # for each letter of the respelling, where its piece starts in the typed text
    ends: list[int] = []
    at = 0
    for found in re.finditer(r"[A-Za-z']+", typed):
        for i in range(at, found.start()):
            spelled.append(typed[i])
            starts.append(i)
            ends.append(i + 1)
        word = to_cyrillic(found.group())
        spelled.append(word)
        starts.extend([found.start()] * len(word))
        ends.extend([found.end()] * len(word))
        at = found.end()
    for i in range(at, len(typed)):
        spelled.append(typed[i])
        starts.append(i)
        ends.append(i + 1)
    where = "".join(spelled).find(part)
    if not part or where < 0:
        return part
    return typed[starts[where]:ends[where + len(part) - 1]]


def spelled_if_ukrainian(text: str, *, writes_ukrainian: bool = False) -> str | None:
    """The text in Cyrillic when it is Ukrainian in Latin letters, else None."""
    if not _LATIN.search(text.casefold()) or not looks_ukrainian(text, writes_ukrainian=writes_ukrainian):
        return None
    return to_cyrillic(text)


def readable(text: str, *, writes_ukrainian: bool = False) -> str:
    """A stored text as it is read: in Cyrillic when it is Ukrainian typed in Latin letters (it is stored as typed),
    else as it is."""
    return spelled_if_ukrainian(text, writes_ukrainian=writes_ukrainian) or text
