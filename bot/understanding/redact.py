"""The one place that strips personal details from text that crosses to another person before consent.

Second line of defence: neighbours and contacts normally read only what the resident saw and approved, but
whatever text does cross (that line, a handover or relay quote) goes through `redact()` first. It removes
phone numbers (06, +31, 0031, landlines, any spacing or separator, in digits or in words: "nul zes 12 34
..."), e-mail addresses (also "anna punt jansen at gmail punt com", "(at)", "＠"), postcodes, street
addresses (also "kastanjelaan nummer twaalf", "27 Goudsbloemstraat"), IBANs, social handles and links
(t.me, wa.me, instagram, "mijn snap is ..."), citizen service and passport numbers, licence plates, dates
of birth (also in Turkish, Polish, Ukrainian and Arabic wording), and names the bot knows or the text introduces
("ik ben anna jansen", "my name is ...", "groetjes, Els", "benim adım ...", "мене звати ...", "أنا ...").

Before looking, the text is read the way a person would: Unicode compatibility forms (NFKC: fullwidth
"０６", "＠", "﹫"), invisible characters (zero-width spaces, soft hyphens) dropped, the letters O and l
inside a run of digits read as 0 and 1, letters typed with spaces in between ("h e n k") joined, and
number words ("twaalf", "achtendertig", "fifty six") read as digits. Every character of that reading
remembers where it came from, so what is found is cut out of the original text.

What stays: dates, times, money, counts, years, postcode areas (4 digits), short public numbers and the
helplines of content/safety/helplines.yaml (113, 0800-0113, 112, ...), streets without a house number,
and the address of a public place ("buurthuis De Stek, Lindelaan 2"). The word lists are data:
content/redaction.yaml. Measure with `python bench/redaction.py`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.infra import yamlfile
from bot.infra.config import PROJECT_ROOT
from bot.infra.helplines import load_helplines

MASK = "[…]"
FILE = Path("redaction.yaml")
NAMES_FILE = Path("redaction-names.yaml")


class _WordsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    first_names: list[str]
    not_names: list[str]
    stop_words: list[str]
    particles: list[str]
    public_places: list[str]
    public_numbers: list[str]
    titles: list[str]
    relations: list[str]
    not_a_person_after: list[str]
    place_words: list[str]
    public_figures: list[str]
    lower_case_words: list[str]


class _NamesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    given: list[str]
    surnames: list[str]
    common_words: list[str]


@dataclass(frozen=True)
class Words:
    first_names: frozenset[str]
    not_names: frozenset[str]
    stop_words: frozenset[str]
    particles: frozenset[str]
    public_places: re.Pattern[str]
    public_numbers: frozenset[str]
    given_names: frozenset[str]
    """the hand list and the generated list: a capitalised one is a name anywhere unless in `common_words`"""
    surnames: frozenset[str]
    common_words: frozenset[str]
    person_cue: re.Pattern[str]
    """a title or a relation word, then the name: "mevrouw Jansen", "mijn buurvrouw Fatma"."""
    titles: frozenset[str]
    not_a_person_after: frozenset[str]
    place_words: tuple[str, ...]
    public_figures: re.Pattern[str]
    lower_case_words: frozenset[str]
    """first names that are everyday words when typed in lower case ("joke", "riet", Polish "sam")"""


@lru_cache(maxsize=4)
def load_words(content_dir: Path) -> Words:
    """The word lists of a content folder; a missing or malformed file raises ValueError at start-up."""
    try:
        parsed = _WordsFile.model_validate(yamlfile.load((content_dir / FILE).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{FILE}: {exc}") from exc
    try:
        names = _NamesFile.model_validate(yamlfile.load((content_dir / NAMES_FILE).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{NAMES_FILE}: {exc}") from exc
    helplines = load_helplines(content_dir)
    numbers = {*parsed.public_numbers, *(phone for country in helplines.countries.values()
                                         for line in country.helplines for phone in line.phones)}
    places = sorted({p.lower() for p in parsed.public_places}, key=len, reverse=True)
    return Words(
        first_names=frozenset(n.lower() for n in parsed.first_names),
        not_names=frozenset(n.lower() for n in parsed.not_names),
        stop_words=frozenset(w.lower() for w in parsed.stop_words),
        particles=frozenset(w.lower() for w in parsed.particles),
        public_places=re.compile(r"\b(?:" + "|".join(re.escape(p) for p in places) + r")", re.IGNORECASE),
        public_numbers=frozenset(re.sub(r"\D", "", n) for n in numbers),
        given_names=frozenset(n.lower() for n in (*parsed.first_names, *names.given)),
        surnames=frozenset(n.lower() for n in names.surnames),
        common_words=frozenset(n.lower() for n in names.common_words),
        person_cue=re.compile(r"(?<![\w-])(?:" + "|".join(
            re.escape(w) for w in sorted({*parsed.titles, *parsed.relations}, key=len, reverse=True))
            + r")(?:\.|\b)[ \t]*\(?", re.IGNORECASE),
        titles=frozenset(w.lower() for w in parsed.titles),
        not_a_person_after=frozenset(w.lower() for w in parsed.not_a_person_after),
        place_words=tuple(w.lower() for w in parsed.place_words),
        public_figures=re.compile(r"(?<!\w)(?:" + "|".join(
            re.escape(n).replace(r"\ ", r"\s+") for n in sorted(set(parsed.public_figures), key=len, reverse=True))
            + r")(?!\w)", re.IGNORECASE),
        lower_case_words=frozenset(w.lower() for w in parsed.lower_case_words),
    )


_content_dir = PROJECT_ROOT / "content"


def use_content(content_dir: Path) -> Words:
    """Validates the word lists of the bot's content folder (start-up fails loudly on errors) and makes them
    the ones `redact()` uses when it is given none."""
    global _content_dir
    words = load_words(content_dir)
    _content_dir = content_dir
    return words


def default_words() -> Words:
    return load_words(_content_dir)


# --- reading the text the way a person would ------------------------------------------------------------

_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e", "\u2061", "\u2062", "\u2063"}
_DASHES = {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212", "\ufe63", "\uff0d"}

_UNITS = {
    "nul": 0, "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7,
    "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19,
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    # the digits in Turkish, Polish, Ukrainian and Arabic ("on", Turkish 10, is an English word)
    "sıfır": 0, "sifir": 0, "bir": 1, "iki": 2, "üç": 3, "uc": 3, "dört": 4, "dort": 4, "beş": 5, "bes": 5,
    "altı": 6, "alti": 6, "yedi": 7, "sekiz": 8, "dokuz": 9,
    "jeden": 1, "dwa": 2, "trzy": 3, "cztery": 4, "pięć": 5, "piec": 5, "sześć": 6, "szesc": 6, "siedem": 7,
    "osiem": 8, "dziewięć": 9, "dziewiec": 9,
    "нуль": 0, "один": 1, "два": 2, "три": 3, "чотири": 4, "п'ять": 5, "п’ять": 5, "пʼять": 5, "шість": 6,
    "сім": 7, "вісім": 8, "дев'ять": 9, "дев’ять": 9, "девʼять": 9,
    "صفر": 0, "واحد": 1, "اثنان": 2, "اثنين": 2, "ثلاثة": 3, "أربعة": 4, "اربعة": 4, "خمسة": 5, "ستة": 6,
    "سبعة": 7, "ثمانية": 8, "تسعة": 9,
}
_TENS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80,
    "negentig": 90, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_DUTCH_COMPOUND = re.compile(r"^(een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën)(" + "|".join(
    k for k in _TENS if k.endswith("tig")) + r")$")
_REPEAT = re.compile(r"\b(double|triple|dubbel|dubbele|driedubbel)\s+(\w+)", re.IGNORECASE)
_DUTCH_YEAR = re.compile(r"^(?:(negentien|achttien|zeventien)honderd|(tweeduizend))(?:en)?(\w*)$")
"""Years in words: "negentienhonderdeenenzestig" (1961), "tweeduizendtwaalf" (2012)."""
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ](?=[^\W\d_]{3})[^\W\d_]+)?")  # "п'ять"


def number_word(word: str) -> int | None:
    low = word.lower()
    if low in _UNITS:
        return _UNITS[low]
    if low in _TENS:
        return _TENS[low]
    match = _DUTCH_COMPOUND.match(low)
    if match:
        return _UNITS[match.group(1)] + _TENS[match.group(2)]
    match = _DUTCH_YEAR.match(low)
    if match:
        rest = number_word(match.group(3)) if match.group(3) else 0
        if rest is not None and rest < 100:
            return (_UNITS[match.group(1)] * 100 if match.group(1) else 2000) + rest
    return None


@dataclass
class Reading:
    """A normalised copy of the text; `origin[i]` is the (start, end) in the original of character i."""

    text: str
    origin: list[tuple[int, int]]

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start][0], self.origin[end - 1][1]


def _rebuild(reading: Reading, edits: Iterable[tuple[int, int, str, tuple[int, int] | None]]) -> Reading:
    """`reading` with the ranges [start, end) replaced by new text; new characters come from `origin` (or
    the whole replaced range when None)."""
    text, origin, last = [], [], 0
    for start, end, new, where in sorted(edits):
        if start < last:
            continue
        text.append(reading.text[last:start])
        origin.extend(reading.origin[last:start])
        source = where or (reading.origin[start][0], reading.origin[end - 1][1])
        text.append(new)
        origin.extend([source] * len(new))
        last = end
    text.append(reading.text[last:])
    origin.extend(reading.origin[last:])
    return Reading("".join(text), origin)


_SPACED_LETTERS = re.compile(r"(?<![^\W_])(?:[^\W_] ){2,}[^\W_](?![^\W_])")
_DIGIT_RUN = re.compile(r"(?<![^\W\d_])[\dOoIl|](?:[\dOoIl|]|[ .\-_/()~*·•]{1,3}(?=[\dOoIl|]))*(?![^\W\d_])")


def read(text: str) -> Reading:
    chars: list[str] = []
    origin: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        if ch in _INVISIBLE or unicodedata.category(ch) == "Cf":
            continue
        if ch in _DASHES:
            normal = "-"
        elif ch.isspace():
            normal = " " if ch != "\n" else "\n"
        else:
            normal = unicodedata.normalize("NFKC", ch)
        for n in normal:
            chars.append(n)
            origin.append((i, i + 1))
    reading = Reading("".join(chars), origin)
    # "h e n k @ g m a i l . c o m": letters typed one by one
    reading = _rebuild(reading, [
        (m.start() + k, m.start() + k + 1, "", None) for m in _SPACED_LETTERS.finditer(reading.text)
        for k, ch in enumerate(m.group(0)) if ch == " "])
    # number words as digits: "nul zes twaalf" → "0 6 12", "double five" → "55"
    edits: list[tuple[int, int, str, tuple[int, int] | None]] = []
    for m in _WORD.finditer(reading.text):
        value = number_word(m.group(0))
        if value is not None:
            edits.append((m.start(), m.end(), str(value), None))
    for m in _REPEAT.finditer(reading.text):
        value = number_word(m.group(2)) if not m.group(2).isdigit() else int(m.group(2))
        if value is not None and value < 10:
            times = 3 if m.group(1).lower() in ("triple", "driedubbel") else 2
            edits = [e for e in edits if not m.start() <= e[0] < m.end()]
            edits.append((m.start(), m.end(), str(value) * times, None))
    reading = _rebuild(reading, edits)
    # O and l typed for 0 and 1 in a run of digits: "O6l2345678"
    edits = []
    for m in _DIGIT_RUN.finditer(reading.text):
        run = m.group(0)
        if sum(ch.isdigit() for ch in run) >= 6 and any(ch in "OoIl|" for ch in run):
            for k, ch in enumerate(run):
                if ch in "OoIl|":
                    edits.append((m.start() + k, m.start() + k + 1, "0" if ch in "Oo" else "1",
                                  reading.origin[m.start() + k]))
    return _rebuild(reading, edits)


# --- what is personal --------------------------------------------------------------------------------------

_AT = r"(?:\s*@\s*|\s*[(\[{<]\s*(?:at|a|apenstaartje)\s*[)\]}>]\s*|\s+(?:at|apenstaartje)\s+)"
_DOT = r"(?:\s*\.\s*|\s*[(\[{<]\s*(?:dot|punt)\s*[)\]}>]\s*|\s+(?:dot|punt)\s+)"
_LOCAL_DOT = r"(?:\.|\s+(?:dot|punt)\s+|\s*[(\[{<]\s*(?:dot|punt)\s*[)\]}>]\s*)"
_EMAIL = re.compile(
    r"(?<![\w.+\-])[\w+\-]+(?:" + _LOCAL_DOT + r"[\w+\-]+)*" + _AT + r"(?=[\w\-]*[^\W\d_])[\w\-]+(?:" + _DOT
    + r"[\w\-]+)*"
    + _DOT + r"[a-z]{2,12}\b", re.IGNORECASE)
_PLAIN_EMAIL = re.compile(r"(?<![\w.+\-•·])[\w.+\-•·]*\w\s*@\s*[\w\-]+(?:\s*\.\s*[\w\-]+)*\s*\.\s*[a-z]{2,12}\b",
                          re.IGNORECASE)
_SOCIAL = (r"t\.me|telegram\.me|telegram\.dog|wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|instagram\.com|"
           r"instagr\.am|facebook\.com|fb\.com|fb\.me|m\.me|linkedin\.com|tiktok\.com|twitter\.com|x\.com|"
           r"snapchat\.com|threads\.net|youtube\.com|youtu\.be|signal\.me|signal\.group|bsky\.app|mastodon\.\w+|"
           r"pinterest\.com|reddit\.com/u(?:ser)?|photos\.app\.goo\.gl|goo\.gl|bit\.ly|tinyurl\.com|drive\.google\.com|"
           r"docs\.google\.com|photos\.google\.com|dropbox\.com|wetransfer\.com|we\.tl|1drv\.ms|onedrive\.live\.com|"
           r"icloud\.com|tikkie\.me|paypal\.me|bunq\.me|linktr\.ee|calendly\.com|marktplaats\.nl/u|vinted\.\w+/member")
"""Social profiles, and links that share someone's own things: photo albums, files, payment requests."""
_OWN_SITE = re.compile(
    r"\b(?:mijn|m'n|mn|my|our|onze|ons|zijn|haar|his|her)\s+(?:eigen\s+|own\s+|new\s+|nieuwe\s+)?(?:web)?(?:site|blog|"
    r"webshop|shop|pagina|page|portfolio|winkel|vlog|channel|kanaal|album|foto'?s|photos)\b[^.!?\n]{0,20}?"
    r"(?P<u>(?:https?://)?(?:www\.)?[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,12}(?:/[^\s,;<>\"']*[^\s,;<>\"'.!?)])?)(?![\w.])",
    re.IGNORECASE)
_LINK = re.compile(r"(?:https?://)?(?:www\.|m\.|nl\.)?(?:" + _SOCIAL + r")/[^\s,;<>\"']*[^\s,;<>\"'.!?)]",
                   re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@.])@(?=[\w.]*[^\W\d])[\w](?:[\w.]*\w)?(?::[\w\-]+(?:\.[\w\-]+)*\.[a-z]{2,12})?")
_PLATFORM = re.compile(
    r"\b(?:insta(?:gram)?|ig|snap(?:chat)?|tiktok|telegram|twitter|x|facebook|fb|threads|bluesky|signal|"
    r"discord|skype|gmail|hotmail|outlook|yahoo|icloud|ziggo|kpnmail|protonmail|proton)"
    r"\b(?:(?:[ \t]+[^\W\d_]{1,15}){1,2}[ \t]*[:=]|\s*(?::|=|-|,|\bis\b|\bop\b|\bon\b|\bvia\b|"
    r"\bals\b|\bas\b)?)\s*(?:me\s+)?"
    r"(?P<h>(?=[\w.]*[_.\d])(?=[\w.]*[^\W\d_])[^\W_][\w.]{1,29}\w)(?![\w@])", re.IGNORECASE)
_IBAN_START = re.compile(r"\b[A-Za-z]{2}[\s.\-]?\d{2}(?=[\s.\-]?[A-Za-z0-9])")
_NL_IBAN = re.compile(r"^NL\d{2}[A-Z]{4}\d{10}$")
"""A Dutch IBAN is masked by its shape alone (a typo in it is still someone's account); others must pass the
ISO 13616 check (mod 97) at their country's length."""
_IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BR": 29, "BY": 28,
    "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
    "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
    "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MA": 28, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24, "SI": 19, "SK": 24,
    "SM": 27, "SY": 31, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "XK": 20,
}
_MONTHS = (r"jan(?:uari|uary)?|feb(?:ruari|ruary)?|maart|march|mrt|mar|apr(?:il)?|mei|may|jun[ie]?|june|"
           r"jul[iy]?|aug(?:ustus|ust)?|sep(?:tember|t)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
           # Polish and Ukrainian (the genitive of a date), Turkish, Arabic
           r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|wrzesnia|października|"
           r"pazdziernika|listopada|grudnia|січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|"
           r"жовтня|листопада|грудня|ocak|şubat|subat|mart|nisan|mayıs|mayis|haziran|temmuz|ağustos|agustos|"
           r"eylül|eylul|ekim|kasım|kasim|aralık|aralik|يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|"
           r"اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر")
_YEAR = r"(?:(?:19|20)\d{2}|['’`´]\d{2})\b"
_DATE = (r"(?:\d{1,2}\s?[-./]\s?\d{1,2}\s?[-./]\s?(?:\d{4}|['’`´]?\d{2})\b|\d{4}[-./]\d{1,2}[-./]\d{1,2}\b|"
         r"\d{1,2}(?:st|nd|rd|th|e|ste|de)?\s*(?:of\s+)?[-./ ]?\s*(?:" + _MONTHS
         + r")\.?,?[-./ ]?\s*(?:\d{4}|['’`´]?\d{2})\b"
         r"|(?:" + _MONTHS + r")\.?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?,?\s+(?:\d{4}|['’`´]\d{2})\b)")
_DAY_MONTH = (r"(?:\d{1,2}(?:st|nd|rd|th|e|ste|de)?\s*(?:of\s+)?(?:" + _MONTHS + r")\b\.?|(?:" + _MONTHS
              + r")\.?\s+(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\b|\d{1,2}[-/.]\d{1,2}\b(?![-/.]\d))")
_BIRTH_WORD = (r"(?:geboren|gebdat(?:um)?|geb\.dat(?:um)?|geb|geboortedatum|geboortedag|geboortejaar|geb\.?\s*datum|"
               r"date\s+of\s+birth|"
               r"d\.?o\.?b|born|birthday|birth\s+date|birthdate|year\s+of\s+birth|bday|b-day|verjaardag|jarig|"
               r"doğum\s+tarih\w*|dogum\s+tarih\w*|doğum\s+gün\w*|dogum\s+gun\w*|doğdum|dogdum|"
               r"data\s+urodzenia|urodzon[ay]|urodzi(?:ł|l)(?:am|em|a|)\s+się|urodziny|"
               r"дата\s+народження|народи(?:вся|лася|лась|лися)|день\s+народження|"
               r"تاريخ\s+ميلاد\w*|تاريخ\s+الميلاد|ولدت|وُلدت|مواليد|عيد\s+ميلاد\w*)")
_BIRTH = re.compile(
    r"\b" + _BIRTH_WORD + r"(?:\b|\.)[^.!?\n\d,;]{0,25}?(?P<d>" + _DATE + r"|" + _YEAR + r")", re.IGNORECASE)
_BIRTH_DAY = re.compile(
    r"\b(?:geboren|geb|geboortedatum|geboortedag|date\s+of\s+birth|d\.?o\.?b|born|birthday|birthdate|bday|"
    r"(?:is|ben|bent|zijn|word|wordt|worden)\s+jarig|"
    r"(?:mijn|my|zijn|haar|his|her)\s+(?:verjaardag|birthday))(?:\b|\.)[^.!?\n\d,;]{0,20}?(?P<d>"
    + _DAY_MONTH + r")", re.IGNORECASE)
_BORN_AFTER = re.compile(
    r"(?P<d>" + _DATE + r"|" + _YEAR + r")[ \t]+(?:geboren|born)\b", re.IGNORECASE)
_RELATIVE_BORN = re.compile(
    r"\b(?:(?:mijn|m'n|mn|onze|zijn|haar|my|our|his|her)\s+)?(?P<who>[^\W\d_]+)\s+(?:is|was)\s+(?:van|uit|geboren\s+(?:in|op)|"
    r"born\s+(?:in|on))\s+(?P<d>" + _DATE + r"|" + _YEAR + r")", re.IGNORECASE)
"""A relative's birth date: "mijn moeder is van 7 mei 1941" (not "mijn fiets is van 2019")."""
_BORN_YEAR_OF = re.compile(
    r"\b(?:(?:ik\s+ben|hij\s+is|zij\s+is|ze\s+is|jij\s+bent|u\s+bent|ben\s+ik|is\s+hij|is\s+zij)\s+(?:van|uit|"
    r"geboren\s+in)|(?:kind|kindje|meisje|jongen|baby|child|girl|boy)\s+(?:van|of)|bouwjaar|vintage|class\s+of|"
    r"lichting|jaargang)\s+(?P<d>" + _DATE + r"|" + _YEAR + r")", re.IGNORECASE)
_ID_NUMBER = re.compile(
    r"\b(?:bsn|burgerservicenummer|burger\s*service\s*nummer|sofi-?nummer|sofi|citizen\s+service\s+number|"
    r"social\s+security\s+number|paspoort(?:nummer)?|passport(?:\s+number)?|id-?kaart(?:nummer)?|id\s+card|"
    r"identiteitskaart|rijbewijs(?:nummer)?|driving\s+licen[cs]e|documentnummer|document\s+number|"
    r"klantnummer|v-?nummer|vreemdelingennummer)\b\s*(?:is|:|#|nr\.?|nummer|number|no\.?)?\s*:?\s*"
    r"(?P<n>(?=[A-Za-z0-9 .\-]*\d)[A-Za-z0-9](?:[A-Za-z0-9]|[ .\-](?=[A-Za-z0-9])){5,16})", re.IGNORECASE)

_PLATE_CUE = re.compile(
    r"\b(?:kenteken(?:nummer|plaat)?|nummerbord|licen[cs]e\s+plate|number\s+plate|registration|reg\.?\s+no|"
    r"plate|plaka(?:m|sı|si)?|tablica\s+rejestracyjna|numer\s+rejestracyjny|номерний\s+знак|номер\s+авто|"
    r"رقم\s+السيارة|لوحة)\b[^\w\n]{0,3}(?:(?:van|of|is|mijn|my|de|het|the)\s+){0,3}[^\w\n]{0,3}"
    r"(?P<p>(?=[A-Za-z0-9\-]{6,9}\b)(?=[A-Za-z\-]*\d)(?=[\d\-]*[A-Za-z])[A-Za-z0-9]{1,3}"
    r"(?:-?[A-Za-z0-9]{1,3}){1,2})\b", re.IGNORECASE)
_PLATE = re.compile(r"(?<![\w\-])(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})(?![\w\-])")
"""A Dutch licence plate in any of its series ("VX-412-K", "7-TZK-93", "12-AB-34"): three groups of six
characters in all, letters and digits both; after a word such as "kenteken" also without the dashes."""


def _plates(text: str) -> Iterator[tuple[int, int]]:
    for m in _PLATE_CUE.finditer(text):
        yield m.start("p"), m.end("p")
    for m in _PLATE.finditer(text):
        found = m.group(0)
        if len(found) == 8 and any(ch.isalpha() for ch in found) and any(ch.isdigit() for ch in found):
            yield m.start(), m.end()


_HOUSE_NUMBER = (r"\d{1,5}(?:\s?(?:bis|hs|huis|boven|bg|zw|rd|II|III|IV|[a-zA-Z])(?![a-zA-Z]))?"
                 r"(?:\s?[-/]\s?(?:\d{1,4}[a-zA-Z]?|I{1,3}|IV|hs|bis|boven|huis)(?![a-zA-Z]))?"
                 r"(?:,?\s+(?:apt|app|appartement|apartment|flat|unit|bus|suite)\.?\s*(?:nr\.?\s*)?\d{1,4}[a-zA-Z]?\b)?")
_UNIT = r"(?:,?\s+(?:apt|app|appartement|apartment|flat|unit|bus|suite)\.?\s*(?:nr\.?\s*)?\d{1,4}[a-zA-Z]?\b)?"
_NOT_POSTCODE_LETTERS = r"(?!(?:en|of|in|op|om|te|ik|je|we|ze|an|at|to|or|is|on|as|by|tm|nr|km|uur|jr)\b)"
_NUMBER_WORD = r"(?:(?:huis)?nummer|nr\.?|no\.?|number|house\s+number)"
_POSTCODE = re.compile(
    r"\b[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2}|\s" + _NOT_POSTCODE_LETTERS + r"[a-z]{2}(?=[\s,]+\d))(?![a-zA-Z])"
    r"(?:[\s,]*(?:" + _NUMBER_WORD + r"\s*)?" + _HOUSE_NUMBER + r"\b)?"
    r"(?:,?[ \t]+(?!(?:Op|In|Bij|En|Of|Tel|Mail|Bel|Call|Phone|The|De|Het)\b)[A-Z][a-z\u00e0-\u00ff]+(?:[-'][a-z]+)?"
    r"(?:[- ](?:aan|op|de|den|in)[- ][A-Z][a-z]+)?\b)?")
"""A postcode, maybe the house number after it, and the town after that ("6825 KT Arnhem")."""
_STREET_SUFFIXES = (
    "straat", "laan", "weg", "plein", "singel", "hof", "kade", "gracht", "dreef", "pad", "steeg", "dijk", "erf",
    "plantsoen", "ring", "baan", "markt", "park", "hout", "veld", "wal", "burcht", "stede", "gaarde", "dam",
    "street", "road", "lane", "avenue", "square", "str", "drive", "close", "crescent")
_SUFFIX = "(?:" + "|".join(_STREET_SUFFIXES) + ")"
_STREET = re.compile(
    r"\b(?:(?-i:[A-Z])[\w'\-]*\s+(?:(?:(?-i:[A-Z])[\w'\-]*|van|de|der|den|het|ter|ten|'t|te|op|aan|in)\s+){0,3})?"
    r"[\w'\-]*" + _SUFFIX + r"\.?,?\s+(?:" + _NUMBER_WORD + r"\s*)?"
    + _HOUSE_NUMBER + r"\b", re.IGNORECASE)
_NUMBER_FIRST_STREET = re.compile(
    r"\b\d{1,4}[a-zA-Z]?,?\s+(?:(?-i:[A-Z])[\w'\-]*\s+){0,2}(?=(?-i:[A-Z]))[\w'\-]*" + _SUFFIX + r"\b" + _UNIT,
    re.IGNORECASE)
_HOUSE_ONLY = re.compile(
    r"\b(?P<word>" + _NUMBER_WORD + r")\s*" + _HOUSE_NUMBER + r"\b"
    r"(?:\s+(?:van|in|op|aan|on|of|at)\s+(?:de|het|the)\s+[\w'\-]*" + _SUFFIX + r"\b)?", re.IGNORECASE)
_NOT_A_COUNT = (r"(?!\s*(?:uur|u\b|dagen|weken|maanden|jaar|jaren|keer|minuten|min\b|km|meter|m\b|euro|eur|%|x\b|"
                r"personen|mensen|kinderen|plekken|stuks|punten|graden|hours|days|weeks|months|years|times|people|"
                r"points|degrees|minutes|mins)\b)")
_PREFIX_STREET = re.compile(
    r"\b(?=(?-i:[A-Z]))(?:" + _SUFFIX + r")\s+(?:(?:van|der|de|den|het|'t|ter|ten|op|aan)\s+){1,3}"
    r"(?-i:[A-Z])[\w'\-]+\s+"
    r"(?:" + _NUMBER_WORD + r"\s*)?" + _HOUSE_NUMBER + r"\b" + _NOT_A_COUNT, re.IGNORECASE)
"""A street whose name starts with the kind of street: "Laan van Presikhaaf 12", "Plein van de Vrijheid 3"."""
_ADDRESS_CUE = re.compile(
    r"\b(?:(?:woon|post|bezoek|huis|thuis)?adres|address|home\s+address|(?:ik|wij|we)\s+wonen?\s+(?:op|aan|in)|"
    r"(?:i|we)\s+live\s+(?:at|on|in)|woonachtig\s+(?:op|aan)|wohne\s+in|mieszka(?:m|my)\s+(?:na|przy|w)|"
    r"m[óo]j\s+adres|adres(?:im|imiz)|моя\s+адреса|адреса|(?:я\s+)?живу\s+(?:на|в|у)|живемо\s+(?:на|в|у)|"
    r"عنواني|عنوان|أسكن\s+في|اسكن\s+في|أعيش\s+في|نسكن\s+في)\s*(?:is|:)?\s*"
    r"(?P<a>(?:(?-i:[A-Z])[\w'\-]*|van|de|der|den|het|ter|ten|'t|te|op|aan|in|the|of)(?:\s+(?:(?-i:[A-Z])[\w'\-]*|van|de|"
    r"der|den|het|ter|ten|'t|te|op|aan|in|the|of)){0,4}[\s,]+(?:" + _NUMBER_WORD + r"\s*)?" + _HOUSE_NUMBER + r")\b"
    + _NOT_A_COUNT, re.IGNORECASE)
"""Any capitalised street name with a house number right after "adres:", "ik woon op", "I live at" ("mijn
adres is De Hazelaar 21", "woonadres: Laan van Presikhaaf 12")."""
_NAMED_STREET = re.compile(
    r"\b(?:op|aan|naar|at|to|on)\s+(?:de|het|'t)\s+(?P<a>(?-i:[A-Z])[\w'\-]{3,}(?:\s+(?-i:[A-Z])[\w'\-]+)?\s+"
    r"\d{1,3}(?:\s?[a-zA-Z](?![a-zA-Z]))?)(?![\d:.,]\d)" + _NOT_A_COUNT, re.IGNORECASE)
"""A street without a street ending, with a house number, after "op de" / "aan de" / "naar de" ("kom naar de
Hazelaar 21"); numbers of things ("op de Veluwe 3 dagen") stay."""
_PHONE_CANDIDATE = re.compile(r"(?<![\w])(?:\+|00)?\(?\d(?:[\d\s().\-/_~*·•]|\(0\))+\d\)?(?![\w])")
_DATE_OR_TIME = re.compile(
    r"\b(?:\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d{2}|(?:19|20)\d{2}-\d{1,2}-\d{1,2})\b"
    r"|(?<![\d.\-/])\d{1,2}(?::\d{2}|\.\d{2}(?![.\-/]?\d))(?![\d:])", re.IGNORECASE)
_MIN_DIGITS_PHONE = 9
_SERVICE = re.compile(r"^0(?:800|900|906|909)\d{7}$")
"""Free and paid service numbers of organisations (0800-1234567, 0900-...): never a resident's own."""
_PERSONAL_CUE = re.compile(
    r"\b(?:woon|wonen|woont|adres|address|live|lives|living|bij\s+mij|bij\s+ons|thuis|my\s+place|kom\s+langs|"
    r"breng|drop|mijn|my|haar|zijn|his|her)\b", re.IGNORECASE)

_STRONG_INTRO = re.compile(
    r"(?:\b(?:мене\s+звати|меня\s+зовут|моє\s+ім['’]я|моё\s+имя|nazywam\s+się|mam\s+na\s+imię|benim\s+ad[ıi]m|"
    r"ad[ıi]m|ismim|je\s+m'appelle|ich\s+heiße|ich\s+heisse|mein\s+name\s+ist)|اسمي)\s*|\b(?:ik\s+heet|"
    r"wij\s+heten|we\s+heten|onze\s+namen\s+zijn|our\s+names\s+are|we\s+are\s+called|mijn\s+naam\s+is|m'?n\s+naam\s+is|mn\s+naam\s+is|my\s+name\s+is|my\s+name's|name's|"
    r"i\s+am\s+called|i['’]?m\s+called|noem\s+me|naam\s*:|name\s*:)\s*", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"\b(?:groetjes|groeten|groet|greetings|regards|kind\s+regards|best\s+wishes|met\s+vriendelijke\s+groet|"
    r"mvg|m\.v\.g\.?|cheers|liefs|love|thanks|bedankt|dank\s+je|gr\.|doei|dooei|daag|tot\s+ziens|tot\s+gauw|"
    r"tot\s+dan|hartelijke\s+groet|hartelijke\s+groeten|vriendelijke\s+groet|vriendelijke\s+groeten|xx+|xoxo|"
    r"bye|take\s+care|all\s+the\s+best|signed|getekend|ondertekend)(?:\s*[,:\-!.]+)?\s*", re.IGNORECASE)
_CONTACT_CUE = re.compile(
    r"\b(?:contact(?:persoon|person|\s+person)?|aanspreekpunt|contactpunt|vraag\s+naar|vragen\s+naar|"
    r"ask\s+for|namens|afzender|organisator|organiser|organizer|door|by)\s*:[ \t]*"
    r"|\b(?:vraag\s+naar|vragen\s+naar|ask\s+for|lieve|beste|dear|hoi|hi|hey|hallo|hello|goedemorgen|"
    r"thanks\s+to|thank\s+you\s+to|(?:met\s+)?dank\s+aan|dankzij|shout[\s-]?outs?\s+to|credits?\s+to|"
    r"dzięki|teşekkürler|спасибі|дякую|"
    r"goedemiddag|goedenavond|good\s+morning|bedankt|thanks|thank\s+you|dank\s+je(?:\s+wel)?)[ \t]+(?=(?-i:[A-Z]))"
    r"|\b(?:the|de)[ \t]+(?=(?-i:[A-Z])[\w'\-]+[ \t]+(?:family|familie)\b)"
    r"|(?:\bt\.\s?n\.\s?v\.?|\btnv\b|\bten\s+name\s+van|\bop\s+naam\s+van|\baccount\s+(?:name|holder)|"
    r"\brekeninghouder|\bname\s+on\s+the\s+account)[ \t:]*"
    r"|(?:^|(?<=[.!?,\n]))[ \t]*(?=(?-i:[A-Z])[^\W\d_]+[ \t]+(?:here|hier)\b)", re.IGNORECASE)
"""A contact cue ("contact: Piet", "vraag naar Jolanda") or a sentence that starts with a name and "here"/"hier"
("Grace here from number 7")."""
_WEAK_INTRO = re.compile(
    r"(?:\b(?:ik\s+ben|i\s+am|i'm|i’m|call\s+me|"
    r"(?:hij|zij|ze|he|she|vrouw|man|zoon|zoontje|dochter|dochtertje|broer|zus|moeder|vader|buurvrouw|buurman|"
    r"partner|vriend|vriendin|kind|kindje|baby|son|daughter|wife|husband|brother|sister|mother|father|neighbour|"
    r"neighbor|friend|child|kid)\s+(?:heet|heten|is\s+called)|"
    r"people\s+call\s+me|they\s+call\s+me|ze\s+noemen\s+me|this\s+is|hier\s+is|dit\s+is|wij\s+zijn|we\s+are)|"
    r"(?:^|[.!?,]\s*|\b(?:hi|hoi|hey|hallo|hello)\s+)im|(?:^|[.!?,]\s*|\b(?:merhaba|selam)\W+)ben(?:\s+de)?|"
    r"(?<!\w)(?:أنا|انا|وأنا|نحن)|(?<!\w)(?:я|це\s+я|jestem|to\s+ja)|"
    r"(?:^|\b)(?:hallo|hoi|hey|goedemorgen|goedemiddag|goedenavond|dag|hi|hello)\W+met)\s+", re.IGNORECASE)
_YEAR_AFTER_NAME = re.compile(r"[ \t]*\([ \t]*(?:geb\.?|born|\*)?[ \t]*(?P<d>(?:19|20)\d{2})[ \t]*\)", re.IGNORECASE)
"""A year in brackets right after a name is the year of birth: "ik ben gerrit (1951)"."""
_KNOWN_INTRO = re.compile(r"\b(?:it['’]s|it\s+is|het\s+is|'t\s+is|hier\s+met|here\s+is)\s+", re.IGNORECASE)
"""Before a name only when it is a given name of the lists: "it's connor here", but "het is Koningsdag"."""
_NAME_TOKEN = re.compile(r"['’]t(?!\w)|[^\W\d_](?:[\w'’\-]*[^\W\d_])?")  # "'t": "van 't Hof"


def _tokens_at(text: str, start: int, limit: int = 6) -> list[re.Match[str]]:
    """The words from `start` on, as long as only spaces stand between them."""
    tokens: list[re.Match[str]] = []
    position = start
    while len(tokens) < limit:
        match = _NAME_TOKEN.match(text, position)
        if match is None:
            break
        tokens.append(match)
        gap = re.match(r"[ \t]+", text[match.end():])
        if gap is None:
            break
        position = match.end() + gap.end()
    return tokens


def _after_particles(tokens: list[re.Match[str]], k: int, words: Words) -> int:
    """The index of the first word from k on that is no surname particle ("van den Berg": Berg)."""
    j = k
    while j < len(tokens) and j - k < 3 and tokens[j].group(0).lower() in words.particles:
        j += 1
    return j


def _name_tokens(text: str, start: int, *, strong: bool, capital_only: bool, words: Words,
                 shouting: bool) -> tuple[int, int] | None:
    """The name that starts at `start` (after an introduction), as a span, or None."""
    initials = re.match(r"(?:(?-i:[A-Z])\.[ \t]?){1,4}[ \t]*(?=[^\W\d_])", text[start:])
    if initials and not shouting:  # "groeten, Y. Özdemir", "ik ben J.P. de Wit"
        found = _name_tokens(text, start + initials.end(), strong=True, capital_only=True, words=words,
                             shouting=shouting)
        return (start, found[1]) if found else None
    tokens = _tokens_at(text, start, 6)
    if not tokens:
        return None

    def capital(token: str) -> bool:
        return token[0].isupper() and not shouting

    def looks_like_name(token: str, first: bool) -> bool:
        low = token.lower()
        if low in words.stop_words or (low in words.not_names and (capital(token) or shouting or not strong)):
            return False
        if strong and not capital_only:
            return True
        if capital(token):
            return True
        if first:
            return low in words.first_names or _known(low, words.given_names, words)
        return shouting or not capital_only

    first = tokens[0].group(0)
    if first.lower() in words.particles and len(tokens) > 1 and strong:
        j = _after_particles(tokens, 0, words)
        if j >= len(tokens) or not looks_like_name(tokens[j].group(0), False):
            return None
        if capital_only and tokens[j].group(0).lower() not in words.surnames:
            return None  # "groetjes van de Moestuinclub", but "groeten, de Vries"
    elif first.lower() in words.particles and len(tokens) > 1:  # "ik ben de vries", not "ik ben van de moestuin"
        j = _after_particles(tokens, 0, words)
        if j >= len(tokens) or not _known(tokens[j].group(0).lower(), words.surnames, words):
            return None
    elif not looks_like_name(first, True):
        return None
    end = tokens[0].end()
    extra = 0
    k = 1
    while k < len(tokens) and extra < 3:
        token = tokens[k].group(0)
        low = token.lower()
        if low in words.particles:
            j = _after_particles(tokens, k, words)
            if j < len(tokens) and looks_like_name(tokens[j].group(0), False):
                k = j
                continue
        if low in words.stop_words or low in words.not_names or (capital_only and not capital(token)
                                                                  and not shouting):
            break
        if not (capital(token) or shouting or not first[0].isupper()):  # lower case, or a script without
            break
        end = tokens[k].end()
        extra += 1
        k += 1
    return start, end


def _names_introduced(text: str, words: Words) -> Iterator[tuple[int, int]]:
    letters = [ch for ch in text if ch.isalpha()]
    shouting = len(letters) > 6 and all(ch.isupper() for ch in letters if ch.lower() != ch.upper())
    for pattern, strong, capital_only in ((_STRONG_INTRO, True, False), (_SIGN_OFF, True, True),
                                          (_WEAK_INTRO, False, False)):
        for m in pattern.finditer(text):
            found = _name_tokens(text, m.end(), strong=strong, capital_only=capital_only, words=words,
                                 shouting=shouting)
            for _more in range(3):  # "wij heten Sevda en Mustafa", "I'm Anna, Piet and Els"
                if not found:
                    break
                yield found
                joined = re.match(r"[ \t]*(?:,|&|\+|\ben\b|\band\b)[ \t]*", text[found[1]:])
                found = None if joined is None else _name_tokens(
                    text, found[1] + joined.end(), strong=strong, capital_only=True, words=words, shouting=shouting)
    for m in _KNOWN_INTRO.finditer(text):
        first = _NAME_TOKEN.match(text, m.end())
        if first and (first.group(0).lower() in words.first_names or _known(first.group(0).lower(), words.given_names,
                                                                              words)):
            found = _name_tokens(text, m.end(), strong=False, capital_only=False, words=words, shouting=shouting)
            if found:
                yield found
    for m in words.person_cue.finditer(text):
        cue = m.group(0).strip(" \t.").lower()
        found = _person_after(text, m.end(), words, shouting=shouting, title=cue in words.titles)
        if found:
            yield found
        whose = re.match(r"(?:van|of|from)[ \t]+(?=(?-i:[A-Z]))", text[m.end():])
        if whose and cue not in words.titles and not shouting:  # "de zus van Karima", "the son of Aziz"
            found = _person_after(text, m.end() + whose.end(), words, shouting=shouting, title=False)
            first = _NAME_TOKEN.match(text, m.end() + whose.end())
            if found and first and (_known(first.group(0).lower(), words.given_names, words)
                                    or _known(first.group(0).lower(), words.surnames, words)):  # not "van Amsterdam"
                yield found
    yield from _drop_public_figures(text, _names_in_passing(text, words, shouting=shouting), words)


def introduced_name(text: str, words: Words | None = None) -> str | None:
    """The name someone gives for themselves in a sentence ("its Amira, thanks x", "ik ben Fatma hoor"): the
    first name the redaction finds, or None when the text names nobody or is a title or relation with a name."""
    words = words or default_words()
    spans = sorted(_names_introduced(text, words))
    if not spans or words.person_cue.fullmatch(text[:spans[0][0]]):
        return None  # "mevrouw Jansen", "tante Fatma": the title or relation is part of the name they gave
    return text[spans[0][0]:spans[0][1]].strip()


def _names_in_passing(text: str, words: Words, *, shouting: bool) -> Iterator[tuple[int, int]]:
    for m in _CONTACT_CUE.finditer(text):
        found = _person_after(text, m.end(), words, shouting=shouting, title=False)
        for _more in range(3):  # "thanks to Siobhan and Kwame"
            if not found:
                break
            yield found
            joined = re.match(r"[ \t]*(?:,|&|\+|\ben\b|\band\b|\bi\b|\bve\b|\bі\b|\bта\b)[ \t]*(?=(?-i:[A-Z]))",
                              text[found[1]:])
            found = None if joined is None else _person_after(text, found[1] + joined.end(), words,
                                                              shouting=shouting, title=False)
    if not shouting:
        yield from _names_anywhere(text, words)


def _drop_public_figures(text: str, found: Iterable[tuple[int, int]], words: Words) -> Iterator[tuple[int, int]]:
    """Names that lie inside the name of a well-known person ("Vincent van Gogh", "Sinterklaas") stay."""
    public = [m.span() for m in words.public_figures.finditer(text)]
    for start, end in found:
        if not any(a <= start and end <= b for a, b in public):
            yield start, end


def _no_person_word(token: str, words: Words) -> bool:
    """A word that cannot be (the start of) a person's name: small words, days, months, nationalities, roles,
    public places."""
    low = token.lower()
    return (low in words.stop_words or low in words.not_names or low in words.not_a_person_after
            or bool(words.public_places.match(low)) or bool(words.person_cue.fullmatch(low)))


def _surname_end(tokens: list[re.Match[str]], k: int, words: Words, *, lower: bool) -> int:
    """Where the name that starts with tokens[k] ends: up to three more capitalised words or surnames, with
    the particles between them ("Henk van den Berg")."""
    end = tokens[k].end()
    k += 1
    extra = 0
    while k < len(tokens) and extra < 3:
        j = _after_particles(tokens, k, words)
        if j >= len(tokens):
            break
        token = tokens[j].group(0)
        low = token.lower()
        if _no_person_word(token, words) and not (j > k and low not in words.stop_words):
            break
        if not (token[0].isupper() or (lower and low in words.surnames)):
            break
        end = tokens[j].end()
        extra += 1
        k = j + 1
    return end


def _is_place(text: str, start: int, end: int, words: Words) -> bool:
    """A name that is part of a place's or a brand's name: "Jan van Goyenstraat 3", "Albert Heijn"."""
    tail = _tokens_at(text, start, 6)
    inside = [t.group(0).lower() for t in tail if t.start() < end]
    following = inside + [t.group(0).lower() for t in tail if t.start() >= end][:1]
    return any(w.endswith(words.place_words) and not (
        w in words.place_words and k > 0 and following[k - 1] in words.particles)  # "Van Dijk", "van 't Hof"
        for k, w in enumerate(following) if len(w) > 2)


def _person_after(text: str, start: int, words: Words, *, shouting: bool, title: bool) -> tuple[int, int] | None:
    """The name right after a title, a relation or a contact cue ("mevrouw De Vries", "mijn oom ahmet"): a
    capitalised word, or a given name (after a title also a surname) in lower case."""
    initials = re.match(r"(?:(?-i:[A-Z])\.[ \t]?){1,4}(?=[ \t]*[^\W\d_])", text[start:])
    if initials:  # "t.n.v. A. Kaya", "mevrouw J.P. de Wit"
        found = _person_after(text, start + initials.end() + len(text[start + initials.end():]) - len(
            text[start + initials.end():].lstrip(" \t")), words, shouting=shouting, title=True)
        return (start, found[1]) if found else None
    tokens = _tokens_at(text, start, 6)
    if not tokens:
        return None
    k = _after_particles(tokens, 0, words)
    if k >= len(tokens) or (k > 0 and not title):
        return None
    token = tokens[k].group(0)
    low = token.lower()
    if _no_person_word(token, words) and not (k > 0 and low not in words.stop_words):
        return None
    capital = token[0].isupper() and not shouting
    known = (low in words.given_names or (title and low in words.surnames) or (k > 0 and low in words.surnames)
             or (title and k > 0 and low not in words.common_words and len(low) > 2
                 and not _no_person_word(token, words)))  # "mevrouw el idrissi", not "meneer de wethouder"
    if not (capital or known):
        return None
    end = _surname_end(tokens, k, words, lower=not capital)
    if _is_place(text, tokens[0].start(), end, words):
        return None
    return tokens[0].start(), end


def _known(low: str, names: frozenset[str], words: Words) -> bool:
    """A given name or surname of the lists that is no everyday word; "dirk-jan" when both halves are."""
    parts = low.split("-")
    return all(p in names and p not in words.common_words for p in parts) and low not in words.stop_words


def _lower_full_names(text: str, words: Words) -> Iterator[tuple[int, int]]:
    """A given name and a surname in lower case, both from the lists and no everyday words: "met ingrid bakker
    van driehoog"."""
    for m in re.finditer(r"(?<![\w@.\-])(?=(([^\W\d_][\w\-]+)[ \t]+(?:(?:van|de|der|den|el|al|ter|ten)[ \t]+){0,2}"
                         r"([^\W\d_][\w\-]+)(?![\w@])))", text):  # overlapping: "met ingrid bakker"
        first, last = m.group(2), m.group(3)
        if (first.islower() and last.islower() and _known(first, words.given_names, words)
                and all(p in words.surnames for p in last.lower().split("-")) and last not in words.stop_words
                and not words.person_cue.fullmatch(last)):  # the surname may be a word too: "ingrid bakker"
            yield m.start(1), m.end(1)


def _lower_given_names(text: str, words: Words) -> Iterator[tuple[int, int]]:
    """A given name of the hand list (`first_names`) typed in lower case, as people do in chat ("bel sanne op
    ...", "groetjes van ans", "hey its jake"), unless it is an everyday word or stands next to a number
    ("1 jan", "mo 3")."""
    for m in _NAME_TOKEN.finditer(text):
        token = m.group(0)
        if not token.islower() or token not in words.first_names or token in words.lower_case_words \
                or not _known(token, words.given_names, words) or _no_person_word(token, words):
            continue
        if m.start() > 0 and text[m.start() - 1] in "@#/._\\":
            continue
        if re.search(r"\d[ \t.]*$", text[:m.start()]) or re.match(r"[ \t.]*\d", text[m.end():]):
            continue
        before = re.search(r"([^\W\d_]+)[ \t.\-]*$", text[:m.start()])
        if before and before.group(1).lower() in words.not_a_person_after:  # "sint maarten"
            continue
        yield m.start(), m.end()


def _names_anywhere(text: str, words: Words) -> Iterator[tuple[int, int]]:
    """Capitalised given names wherever they stand ("je kunt Sanne bellen"), unless they are everyday words,
    part of a public name ("Sint Maarten", "de Albert Heijn", "wethouder ..."), or of a place name."""
    yield from _lower_full_names(text, words)
    yield from _lower_given_names(text, words)
    for m in _NAME_TOKEN.finditer(text):
        token = m.group(0)
        if not token[0].isupper() or (token.isupper() and len(token) > 1):
            continue
        low = re.sub(r"['’][^\W\d_]{1,4}$", "", token.lower())  # "Ahmed's kids", "Hakan'ın kardeşi"
        parts = low.split("-")
        if (low in words.common_words or parts[0] not in words.given_names or parts[0] in words.common_words
                or _no_person_word(token, words)):
            continue
        if m.start() > 0 and text[m.start() - 1] in "@#/._\\":
            continue
        before = re.search(r"([^\W\d_]+)[ \t.\-]*$", text[:m.start()])
        if before and before.group(1).lower() in words.not_a_person_after:
            continue
        if re.match(r"\.|[ \t]*\d", text[m.end():]):
            continue  # "Max. 20 personen", "Victoria 2"
        tokens = _tokens_at(text, m.start(), 6)
        end = _surname_end(tokens, 0, words, lower=False)
        if _is_place(text, m.start(), end, words):
            continue
        yield m.start(), end


def _iban(text: str) -> Iterator[tuple[int, int]]:
    for m in _IBAN_START.finditer(text):
        compact, ends = re.sub(r"[\s.\-]", "", m.group(0)).upper(), []
        position = m.end()
        while position < len(text) and len(compact) < 34:
            step = re.match(r"[\s.\-]?([A-Za-z0-9])", text[position:])
            if step is None:
                break
            compact += step.group(1).upper()
            position += step.end()
            ends.append((len(compact), position))
        length = _IBAN_LENGTHS.get(compact[:2])
        for size, end in ends:
            candidate = compact[:size]
            if size == length and (_NL_IBAN.match(candidate) or _mod97(candidate)):
                yield m.start(), end


def _mod97(iban: str) -> bool:
    if not iban[2:4].isdigit():
        return False
    digits = "".join(str(int(ch, 36)) for ch in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


def _phones(text: str, words: Words) -> Iterator[tuple[int, int]]:
    protected = _DATE_OR_TIME.sub(lambda m: "x" * len(m.group(0)), text)
    for m in _PHONE_CANDIDATE.finditer(protected):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) >= _MIN_DIGITS_PHONE and digits not in words.public_numbers and not _SERVICE.match(digits):
            yield m.start(), m.end()


def _sentence(text: str, position: int) -> str:
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position), text.rfind("!", 0, position),
                text.rfind("?", 0, position)) + 1
    ends = [i for i in (text.find(". ", position), text.find("\n", position), text.find("!", position),
                        text.find("?", position)) if i >= 0]
    return text[start:min(ends, default=len(text))]


_SPELLED_PHONE = re.compile(r"(?<![\w])\d(?:[\d\s.\-/_~*·•]|,\s)+\d(?![\w])")


def _spelled_phones(text: str, reading: Reading, words: Words) -> Iterator[tuple[int, int]]:
    """Numbers said in words with commas between the groups ("zero six, twelve, thirty four, ..."): commas
    count as separators only where the digits were typed as words, so "1.500, 2.000 en 3.000" stays."""
    for m in _SPELLED_PHONE.finditer(text):
        if "," not in m.group(0):
            continue
        digits = re.sub(r"\D", "", m.group(0))
        worded = sum(1 for i in range(m.start(), m.end())
                     if text[i].isdigit() and reading.origin[i][1] - reading.origin[i][0] > 1)
        if len(digits) >= _MIN_DIGITS_PHONE and worded >= 3 and digits not in words.public_numbers:
            yield m.start(), m.end()


_STRONG_SUFFIX = re.compile(r"(?:straat|laan|weg|plein|singel|kade|gracht|dreef|steeg|dijk|plantsoen|street|road|"
                            r"lane|avenue)$", re.IGNORECASE)


def _street_like(text: str, match: re.Match[str], reading: Reading) -> bool:
    """A capitalised street name with a number is an address; a lower-case word ending like a street ("bring
    one", "brandhout 5") only with a street ending of its own, the word "nummer", or a sentence about where
    someone lives."""
    found = match.group(0)
    if any(ch.isupper() for ch in found if ch.isalpha()):
        return True
    street = re.match(r"\d*\s*[\w'\-]+", found)
    word = re.sub(r"^\d+\S*\s+", "", found).split()[0] if found[0].isdigit() else (street.group(0) if street else "")
    worded = any(reading.origin[i][1] - reading.origin[i][0] > 1 for i in range(match.start(), match.end())
                 if text[i].isdigit())
    if re.search(r"\b(?:huis)?nummer\b|\bnr\b", found, re.IGNORECASE):
        return True
    suffix = _STRONG_SUFFIX.search(word.rstrip(".,"))
    if suffix and not word.lower().endswith("ing") and (not worded or (
            suffix.start() >= 3 and re.match(r"[ \t]*(?:$|[,.;:!?)\n]|(?:en|and|in|te|bis|hoog)\b)", text[match.end():],
                                              re.IGNORECASE))):  # "kerkstraat twaalf", not "... vier bomen"
        return True
    return bool(_PERSONAL_CUE.search(_sentence(text, match.start())))


def _public_address(text: str, start: int, words: Words) -> bool:
    """An address right after a public place in the same sentence, when the sentence says nobody lives there."""
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), text.rfind("!", 0, start),
                         text.rfind("?", 0, start)) + 1
    before = text[sentence_start:start]
    sentence_end = min((i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0), default=len(text))
    return bool(words.public_places.search(before)) and not _PERSONAL_CUE.search(text[sentence_start:sentence_end])


def _found(reading: Reading, words: Words, keep: frozenset[str] = frozenset()) -> Iterator[tuple[int, int]]:
    text = reading.text
    for pattern in (_PLAIN_EMAIL, _LINK, _HANDLE):
        for m in pattern.finditer(text):
            yield m.start(), m.end()
    yield from _overlapping(_EMAIL, text)
    for m in _PLATFORM.finditer(text):
        yield m.start("h"), m.end("h")
    yield from _iban(text)
    for pattern in (_BIRTH, _BIRTH_DAY, _BORN_AFTER, _BORN_YEAR_OF):
        for m in pattern.finditer(text):
            yield m.start("d"), m.end("d")
    for m in _RELATIVE_BORN.finditer(text):
        if words.person_cue.fullmatch(m.group("who")):
            yield m.start("d"), m.end("d")
    for m in _OWN_SITE.finditer(text):
        yield m.start("u"), m.end("u")
    for m in _ID_NUMBER.finditer(text):
        yield m.start("n"), m.end("n")
    yield from _plates(text)
    for pattern in (_STREET, _NUMBER_FIRST_STREET, _PREFIX_STREET):
        for m in pattern.finditer(text):
            if not _public_address(text, m.start(), words) and _street_like(text, m, reading):
                yield m.start(), m.end()
    for m in _POSTCODE.finditer(text):
        yield m.start(), m.end()
    for m in _ADDRESS_CUE.finditer(text):
        if re.search(r"(?-i:[A-Z])", m.group("a")) and not m.group("a").isupper():
            yield m.start("a"), m.end("a")
    for m in _NAMED_STREET.finditer(text):
        first = m.group("a").split()[0]
        if any(w.isupper() and len(w) > 1 for w in m.group("a").split()):
            continue  # shouting: "NAAR HET FEEST OP 21 JUNI"
        if (first.lower() not in words.not_names and not words.public_places.match(first.lower())
                and not _public_address(text, m.start("a"), words)):
            yield m.start("a"), m.end("a")
    for m in _HOUSE_ONLY.finditer(text):
        # "huisnummer 12" always; "nummer 9" when the sentence is about where someone lives ("op nummer 1
        # staat de moestuin" and "nummer 14 026 voor meldingen" stay)
        if (m.group("word").lower().startswith(("huis", "house"))
                or re.search(r"\b(?:van|from)\s+$", text[:m.start()], re.IGNORECASE)
                or _PERSONAL_CUE.search(_sentence(text, m.start()))):
            yield m.start(), m.end()
    yield from _phones(text, words)
    yield from _spelled_phones(text, reading, words)
    for start, end in _names_introduced(text, words):
        if not keep or any(w.lower() not in keep for w in _NAME_TOKEN.findall(text[start:end])):
            yield start, end
        year = _YEAR_AFTER_NAME.match(text, end)
        if year:
            yield year.start("d"), year.end("d")


def _overlapping(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """Every match, also those that start inside an earlier one: in "email me at priya dot raman at gmail dot
    com" the first try reads "me at priya dot raman" as the address."""
    position = 0
    while (m := pattern.search(text, position)) is not None:
        yield m.start(), m.end()
        word = re.compile(r"\W+").search(text, m.start())
        position = word.end() if word and word.end() < m.end() else m.end()


def _known_names(text: str, names: Iterable[str]) -> Iterator[tuple[int, int]]:
    parts = {p for name in names for p in re.split(r"[\s,.;:/()\-]+", name or "") if len(p) >= 3 and p.isalpha()}
    for part in parts:
        for m in re.finditer(rf"(?<!\w){re.escape(part)}(?!\w)", text, flags=re.IGNORECASE):
            yield m.start(), m.end()


def spans(text: str, *, names: Iterable[str] = (), words: Words | None = None,
          keep: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Where the personal details are in `text`: sorted, merged (start, end) ranges of the original text.
    `keep`: words of names the resident chose to pass on (their answer to "who do you know?"): a name made
    of these words only stays; contact details never do."""
    words = words or default_words()
    reading = read(text)
    kept = frozenset(w.lower() for w in keep)
    found = [reading.span(s, e) for s, e in _found(reading, words, kept) if e > s]
    found += [reading.span(s, e) for s, e in _known_names(reading.text, names) if e > s]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def redact(text: str, *, names: Iterable[str] = (), words: Words | None = None, keep: Iterable[str] = ()) -> str:
    """`text` without contact details and without the given (and introduced) names, except the names made of
    `keep` words (see `spans`)."""
    pieces, last = [], 0
    for start, end in spans(text, names=names, words=words, keep=keep):
        pieces.append(text[last:start])
        pieces.append(MASK)
        last = end
    pieces.append(text[last:])
    out = "".join(pieces)
    return re.sub(r"(?:\[…\][\s,]*){2,}", MASK + " ", out).strip() if last else text


def known_names(*display_names: str | None, free_text: str = "") -> list[str]:
    """Names the bot knows: display names whole, and the capitalised words of a free answer such as
    'who do you know' ('mijn buurvrouw Els' gives 'Els')."""
    found = [n for n in display_names if n]
    found += [w for w in re.findall(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z\u00e0-\u00ff'\-]{2,}", free_text)]
    return found
