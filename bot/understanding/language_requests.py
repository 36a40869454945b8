"""A resident asking for another language in words ("english please", "sorry, I don't speak Dutch",
"kan het in het Engels?", "türkçe lütfen", "po polsku proszę", "українською будь ласка", "بالعربية من فضلك"):
recognised anywhere, also on a question that takes typed text, where it would otherwise be taken as the answer.
Only whole messages of these shapes count: "lessons in English for newcomers" is an idea, not a request.

Texts are compared folded (`phrases.fold`: no accents, Turkish ı and Polish ł as i and l, Arabic letter variants
as one), so "turkce lutfen" and "po polsku prosze" count as well as the same words typed with their marks."""

from __future__ import annotations

import re
import unicodedata

from bot.understanding.phrases import FOLD_LETTERS, fold

_NAMES: dict[str, tuple[str, ...]] = {
    # the language's name as people type it in any of the six languages, with the preposition where the
    # language glues one on ("po polsku", "بالعربية", "bl3arbiya")
    "en": ("english", "engels", "engelse", "ingilizce", "angielski", "po angielsku", "angielsku",
           "англійською", "англійська", "англійскою", "الانجليزية", "بالانجليزية", "انجليزي",
           "بالانجليزي", "الانكليزية", "بالانكليزية", "nglizia", "bnglizia", "blenglizia"),
    "nl": ("dutch", "nederlands", "nederlandse", "hollands", "hollandaca", "felemenkce", "niderlandzki",
           "po niderlandzku", "niderlandzku", "po holendersku", "holendersku", "нідерландською", "нідерландська",
           "голландською", "голландська", "الهولندية", "بالهولندية", "هولندي", "بالهولندي", "lholandia",
           "bel holandia", "blholandia"),
    "tr": ("turkish", "turks", "turkse", "türkçe", "türkce", "türkçesi", "turecki", "po turecku",
           "турецькою", "турецька", "التركية", "بالتركية", "تركي", "بالتركي"),
    "ar": ("arabic", "arabisch", "arabische", "arapça", "arabski", "po arabsku", "арабською", "арабська",
           "العربية", "بالعربية", "عربي", "بالعربي", "العربي", "الدارجة", "بالدارجة", "darija", "bdarija",
           "arabi", "l3arbia", "l3arabia", "l3arabiya", "bl3arbia", "bl3arabia", "bl3arabiya", "b l3arbia",
           "bel3arbia", "3arbia", "3arbiya", "marokkaans", "moroccan"),
    "pl": ("polish", "pools", "poolse", "po polsku", "polski", "polsku", "lehçe", "польською", "польська",
           "البولندية", "بالبولندية"),
    "uk": ("ukrainian", "oekraïens", "oekraïense", "ukraynaca", "po ukraińsku", "ukraiński", "українською",
           "українська", "по-українськи", "по українськи", "الأوكرانية", "بالأوكرانية"),
}
LANGUAGES: dict[str, str] = {fold(name): code for code, names in _NAMES.items() for name in names}
"""Every folded name → its locale."""

_NAME = "(?P<language>" + "|".join(sorted(map(re.escape, LANGUAGES), key=len, reverse=True)) + ")"
_POLITE = ("please", "pls", "plz", "graag", "aub", "alsjeblieft", "alstublieft", "svp", "lütfen", "rica ederim",
           "proszę", "prosze", "poproszę", "poprosze", "будь ласка", "прошу", "من فضلك", "لو سمحت", "عافاك", "3afak",
           "afak", "3fak", "3afek", "afek", "ykhalik")
_POLITE_RE = r"(?: (?:" + "|".join(re.escape(fold(p)) for p in _POLITE) + "))?"
_SORRY = r"(?:sorry |excuse me |sorry but |sorry maar |sorry ik |pardon |przepraszam |вибачте |عذرا |smhli |smh li )?"
_DUTCH = "(?P<dutch>" + "|".join(re.escape(fold(name)) for name in (
    "dutch", "nederlands", "hollandaca", "felemenkce", "po niderlandzku", "po holendersku", "niderlandzkiego",
    "нідерландською", "голландською", "нідерландської", "голландської", "нідерландську", "голландську",
    "الهولندية", "بالهولندية", "هولندي", "الهولندي", "بالهولندي", "lholandia")) + ")"

_SHAPES = [
    rf"(?:in |in het |po |по )?{_NAME}{_POLITE_RE}",
    rf"{_POLITE_RE.removeprefix('(?: ').removesuffix(')?')} {_NAME}",
    rf"(?:please |pls )?(?:can|could) (?:we|you|i) (?:please )?(?:do this |do it |talk |speak |write |chat |continue "
    rf"|go on |have this )?(?:in )?{_NAME}{_POLITE_RE}",
    rf"(?:do|can) you (?:speak|write|understand) {_NAME}",
    rf"(?:kan|kunnen|mag) (?:het|we|je|ik) (?:ook |even |misschien )?(?:in het )?{_NAME}"
    rf"(?: (?:praten|spreken|doen|schrijven|verder))?{_POLITE_RE}",
    rf"(?:spreek|praat|schrijf) (?:je|jij|u) (?:ook )?{_NAME}",
    # going back to a language spoken before: "actually can we go back to dutch", "kunnen we weer terug naar het engels"
    rf"(?:actually |oh |ok |okay )?(?:(?:can|could) we |lets |let's )?(?:go|switch|change|get) back (?:to|into) "
    rf"{_NAME}{_POLITE_RE}",
    rf"(?:eigenlijk |toch |nee )?(?:(?:kan|kunnen|mag) (?:het|we) )?(?:weer |toch )?(?:terug )?(?:naar|in) (?:het )?"
    rf"{_NAME}(?: (?:terug|praten|verder))?{_POLITE_RE}",
    rf"{_NAME} (?:language|taal|dil|dilinde|jezyk|jezyku|мова|мовою|اللغة|لغة){_POLITE_RE}",
    # Turkish: "türkçe konuşabilir miyiz", "türkçe yazar mısınız", "türkçe olsun lütfen", "türkçe biliyor musun"
    rf"(?:benimle )?{_NAME} (?:konusabilir miyiz|konusabilir misiniz|konusabilir misin|konusalim|konusur musun"
    rf"|konusur musunuz|yazabilir misin|yazabilir misiniz|yazar misin|yazar misiniz|yazin|yaz|olsun|olur mu"
    rf"|olabilir mi|biliyor musun|biliyor musunuz|devam edelim|devam|istiyorum|isterim|rica ediyorum){_POLITE_RE}",
    # Polish: "czy możemy rozmawiać po polsku", "możesz pisać po polsku?", "mówisz po polsku"
    rf"(?:czy )?(?:mozemy|mozna|mozesz|moze pan|moze pani|da sie) (?:rozmawiac |pisac |mowic |pisac do mnie |"
    rf"porozmawiac |kontynuowac )?{_NAME}{_POLITE_RE}",
    rf"(?:czy )?(?:mowisz|piszesz|rozumiesz|mowi pan|mowi pani) {_NAME}",
    rf"(?:wole|chce|chcialbym|chcialabym) {_NAME}{_POLITE_RE}",
    # Ukrainian: "можна українською", "можете писати українською?", "ви розмовляєте українською"
    rf"(?:а )?(?:можна|можемо|можете|можеш|чи можна|чи можете) (?:писати |говорити |спілкуватися |розмовляти "
    rf"|продовжити |мені )?{_NAME}{_POLITE_RE}",
    rf"(?:ви |ти )?(?:розмовляєте|розмовляєш|говорите|говориш|пишете|розумієте) {_NAME}",
    rf"(?:хочу|краще|бажано|прошу) {_NAME}{_POLITE_RE}",
    # Arabic and Darija: "ممكن بالعربية", "واش كتهضر بالعربية", "bghit bl3arbia", "نكملو بالعربية"
    rf"(?:هل )?(?:ممكن|يمكن|تقدر|تقدري|واش ممكن|واش تقدر|wach mumkin|wach momkin|momkin|mumkin|wach t9der) "
    rf"(?:نتكلم |نتحدث |تكتب |تكتبلي |نكمل |نكملو |الكلام |الكتابة |نهضرو |نتكلمو |ntkallmo |nhdro |tkteb )?{_NAME}"
    rf"{_POLITE_RE}",
    rf"(?:واش |هل )?(?:تتكلم|تتحدث|كتهضر|تهضر|تعرف|كتعرف|kathder|kat3ref|tatkellem) {_NAME}",
    rf"(?:بغيت|اريد|ابغي|نبغي|bghit|bghina|نكمل|نكملو|نتكلم|نهضرو|kml|kammel) {_NAME}{_POLITE_RE}",
]


def _folded(pattern: str) -> str:
    """A pattern's letters as `fold` writes them (regular-expression syntax is ASCII and stays)."""
    pattern = unicodedata.normalize("NFD", pattern.translate(FOLD_LETTERS))
    return "".join(c for c in pattern if not unicodedata.combining(c)).translate(FOLD_LETTERS)


_REQUEST = [re.compile(f"^{_folded(shape)}$") for shape in _SHAPES]

_NOT_DUTCH_SHAPES = [
    # "I don't speak Dutch" says which language is not wanted: the other one of Dutch and English, or the
    # language the message itself is written in
    (rf"{_SORRY}i (?:dont|do not|cant|can not|cannot) (?:speak|read|understand) (?P<other>dutch|english)"
     r"(?: (?:well|very well|good))?", None),
    (rf"{_SORRY}ik (?:spreek|begrijp|versta|lees) (?:geen|niet zo goed|slecht|weinig) (?P<other>nederlands|engels)",
     None),
    (r"(?:ben )?(?:hollandaca|felemenkce) (?:bilmiyorum|bilmem|anlamiyorum|konusamiyorum|okuyamiyorum"
     r"|iyi bilmiyorum|az biliyorum|cok az biliyorum)(?: (?:kusura bakmayin|maalesef))?", "tr"),
    (rf"{_SORRY}(?:ja )?(?:nie|slabo|troche) (?:mowie|rozumiem|czytam|znam) (?:dobrze )?"
     r"(?:po niderlandzku|po holendersku|niderlandzkiego|holenderskiego)", "pl"),
    (rf"{_SORRY}(?:я )?(?:не|погано|трохи) (?:розмовляю|говорю|розумію|читаю|знаю) (?:добре )?{_DUTCH}", "uk"),
    (rf"{_SORRY}(?:انا )?(?:ما|لا|مكن|ما كن|ماكن|makan|ma) ?(?:اتكلم|اتحدث|افهم|اعرف|نعرف|نفهم|نهضر|كنعرف|كنفهم"
     rf"|كنهضر|عرفش|نعرفش|كنعرفش|كنهضرش|n3ref|3ref|nhder|kan3ref|kanhder) {_DUTCH}", "ar"),
    # a parent with little Dutch mixes it in: "ben az nederlands spreek", "ik troche nederlands spreek"; the word for
    # "a little" says which language is theirs
    *((rf"{_SORRY}(?:ben |ik |ja |я |انا |ana )?(?:{little}) (?:nederlands|dutch|hollandaca|felemenkce|niderlandzki"
       rf"|holenderski|нідерландську|голландську|هولندي|الهولندية|hollandi|holandi)"
       rf"(?: (?:spreek|spreken|praat|konusuyorum|biliyorum|anliyorum|mowie|rozumiem|znam|говорю|розмовляю|розумію"
       rf"|знаю|نتكلم|نهضر|نعرف|kanhder|kan3ref))?", own)
      for little, own in (("az|biraz|cok az", "tr"), ("troche|slabo|malo", "pl"), ("трохи|погано|мало", "uk"),
                          ("شوية|شويه|قليل|chwiya|shwiya|chwia", "ar"))),
]
_NOT_DUTCH = [(re.compile(f"^{_folded(shape)}$"), own) for shape, own in _NOT_DUTCH_SHAPES]


def requested_language(text: str) -> str | None:
    """The locale asked for, or None when the message is not a request for a language."""
    typed = fold(text)
    if len(typed.split()) > 12:
        return None
    for pattern, own in _NOT_DUTCH:
        match = pattern.match(typed)
        if match is not None:
            if own is not None:
                return own
            return "en" if LANGUAGES[match.group("other")] == "nl" else "nl"
    for pattern in _REQUEST:
        match = pattern.match(typed)
        if match is not None:
            return LANGUAGES[match.group("language")]
    return None


_WEAK = frozenset(fold(w) for w in (
    "weinig", "beetje", "slecht", "niet", "geen", "moeilijk", "little", "bit", "bad", "poor", "not", "dont", "cant",
    "difficult", "hard", "az", "biraz", "kotu", "bilmiyorum", "slabo", "troche", "nie", "трохи", "погано", "не",
    "شوية", "شويه", "قليل", "ما", "لا", "chwiya", "shwiya"))
_BETTER = frozenset(fold(w) for w in (
    "beter", "liever", "graag", "better", "prefer", "rather", "please", "pls", "ok", "oke", "good", "goed", "iyi",
    "lutfen", "daha", "lepiej", "dobrze", "prosze", "краще", "добре", "احسن", "افضل", "mzyan", "a7san"))
NEAR = 2
PREFERRED_WORDS = 10
"""Only a short message says which of several languages it prefers; a longer one is about something else."""
"""Words either side of a language name that say how well it is known ("nederlands weinig", "english better")."""


def _preferred(typed: str) -> str | None:
    """Two or more languages named in a short message, with how well each is known ("ik nederlands weinig. english
    little ok", "my dutch is bad, english better", "hollandacam kotu, ingilizce daha iyi"): the one not known
    badly, else the one preferred; None when that is not clear."""
    words = typed.split()
    named: dict[str, list[int]] = {}
    for index in range(len(words)):
        for size in (3, 2, 1):
            code = LANGUAGES.get(" ".join(words[index:index + size]))
            if code is not None:
                named.setdefault(code, []).append(index)
                break
    if len(named) < 2:
        return None

    def near(code: str, vocabulary: frozenset[str]) -> bool:
        return any(w in vocabulary for at in named[code] for w in words[max(0, at - NEAR):at + NEAR + 1])

    known = [code for code in named if not near(code, _WEAK)]
    if len(known) == 1:
        return known[0]
    liked = [code for code in (known or named) if near(code, _BETTER)]
    return liked[0] if len(liked) == 1 else None


_CLAUSE = re.compile(r"[.,;:!?¿؟،\n]+")
_OPENERS = frozenset(fold(word) for word in (
    "hi", "hey", "hoi", "hallo", "hello", "goedemiddag", "goedemorgen", "goedenavond", "dag", "ok", "oke", "okay",
    "so", "and", "also", "but", "en", "ook", "maar", "dus", "of", "or", "merhaba", "selam", "cześć", "czesc",
    "dzien dobry", "привіт", "добрий день", "salam", "مرحبا", "السلام عليكم", "btw", "sorry", "also", "trouwens",
    # changing one's mind: "nie, jednak po angielsku", "no wait, dutch after all", "nee toch liever engels"
    "no", "nee", "nie", "ні", "hayir", "لا", "wait", "wacht", "jednak", "toch", "liever", "rather", "actually",
    "eigenlijk", "raczej", "краще", "aslinda"))


_ASKED = re.compile(_folded(rf"^(?:in |in het |po |по )?{_NAME}{_POLITE_RE.removesuffix('?')}$"))
"""A language name with please: "english please" also as a part of a longer message."""


_MIND = frozenset(fold(w) for w in ("jednak", "toch", "liever", "rather", "actually", "eigenlijk", "raczej", "краще",
                                     "aslinda"))
"""Words of changing one's mind: with them a bare language name in a part of a message is a request ("nee toch
liever engels", "nie, jednak po angielsku")."""
_AFTER_ALL = frozenset(fold(w) for w in ("instead", "dan", "then", "toch", "please", "pls", "graag", "prosze"))


def request_in(text: str, *, preferring: bool = False) -> tuple[str, str] | None:
    """A request for a language as the whole message, or as one part of a longer one ("hi there, i'm new in
    wageningen, do you speak english?", "hoi spreek je ook turks"): the locale asked for and the rest of the
    message (what else was said, to be taken up later); None when no part asks for a language, or parts ask for
    different ones. A bare language name counts only as the whole message: "a course, in English" is not a
    request. With `preferring` (at the language question), a short message that names several languages and how
    well it knows them picks the one it prefers ("ik nederlands weinig. english little ok")."""
    whole = requested_language(text)
    if whole is not None:
        return whole, ""
    preferred = _preferred(fold(text)) if preferring and len(fold(text).split()) <= PREFERRED_WORDS else None
    if preferred is not None:  # at the language question: "ik nederlands weinig. english little ok"
        return preferred, ""
    clauses = [part.strip() for part in _CLAUSE.split(text) if part.strip()]
    if len(clauses) < 2 and len(fold(text).split()) < 3:
        return None
    found: list[tuple[str, int]] = []
    for index, clause in enumerate(clauses):
        words = fold(clause).split()
        stripped = []
        while words and words[0] in _OPENERS:  # "hoi spreek je ook turks": the greeting is not the request
            stripped.append(words.pop(0))
        while words and words[-1] in _AFTER_ALL:  # "dutch after all", "engels dan"
            stripped.append(words.pop())
        if words[-2:] == ["after", "all"]:
            stripped.append(" ".join(words[-2:]))
            words = words[:-2]
        changed = any(word in _MIND or word in _AFTER_ALL or word == "after all" for word in stripped)
        bare = bool(words) and _REQUEST[0].match(" ".join(words)) is not None
        if not words or (bare and not changed and (len(words) < 2 or not _ASKED.match(" ".join(words)))):
            continue  # "english" alone, or "in het engels": only as the whole message
        code = requested_language(" ".join(words))
        if code is not None:
            found.append((code, index))
    if len({code for code, _index in found}) != 1:
        return None
    rest = ", ".join(clause for index, clause in enumerate(clauses) if index not in {i for _c, i in found})
    return found[0][0], rest
