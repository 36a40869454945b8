"""The people in an answer to "who do you know?": several people in one answer, and a person's name or role
without what is said about them ("jan de fietsenmaker, mijn buurman kees en de mensen van de kerk" is three
people; "je buurvrouw marja loopt elke avond met de hond mee" is one, "je buurvrouw marja").

The words that name a relation (buurman, friend …) are content: `people` in content/idea_words.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from bot.understanding.answers import family_of
from bot.understanding.idea_words import IdeaWords
from bot.understanding.phrases import FOLD_LETTERS

AND = r"en|and|plus|ve|oraz|та|і|и|و|i(?!\s+(?:think|guess|know|mean|dont|don't|am|have|will|would|can|hope|believe))"
"""'And' in the six languages (Polish "i", not the English "I think"; the Russian "и" newcomers from Ukraine type)."""
WITH = r"(?:samen\s+)?met|(?:together\s+)?with|ile|z|з|مع"
POSSESSIVE = r"zijn|haar|hun|mijn|m'n|mn|zn|his|her|their|my|jego|jej|ich|його|її|їхня|їхній|его|её|ее"
ARTICLE = re.compile(rf"\s+(?:{WITH})\s+(?=(?:de|het|een|the|a|an)\s+(\S+))", re.IGNORECASE)
"""'With' before an article: a next person only when a relation word follows ("jan met de trainer", not "marja loopt
met de hond mee")."""
LIST = re.compile(rf"\s*[,;/&+\n،؛]\s*(?:(?:{AND}|{WITH})\s+)?|\s+(?:{AND})\s+|(?<=[.!?])\s+"
                  rf"|\s+(?:{WITH})\s+(?=(?:{POSSESSIVE})\s)|\s+(?=(?:his|her|their|haar|hun|jego|jej|його|її|его|её)\s+\S)",
                  re.IGNORECASE)
"""Where one person ends and the next begins: a comma (also the Arabic one), 'and', 'with' before 'her', 'his'
... ("komsu fatma met haar dochter"), a possessive after a name ("my neighbour fatma her sister"), a sentence's end
("joost. oh and my landlady")."""
DESCRIPTION = re.compile(r"\s*[:(]|\s+-\s+(?!\S+(?:\s+\S+)?\s*$)"
                         r"|(?:^|\s+)(?:die|dat|wie|waar|hij|zij|who|that|which|whose|he|she|they)\b"
                         r"|(?:^|\s+)ze\b(?!\s+(?:sz|sk|sp|st|mn|wsi|\S*[łąęśżźćńó]))",
                         re.IGNORECASE)
"""Where a person ends and what is said about them begins: 'mijn buurvrouw Fatima die …'; not at the Polish 'ze'
('mama ze szkoły': from)."""
SHORT = 5
"""A part of at most this many words is a name or a role ("de mensen van de kerk"); a longer one is a sentence."""
FUNCTION_WORDS = frozenset((
    "de", "het", "een", "van", "in", "op", "bij", "uit", "met", "voor", "aan", "naar", "om", "te", "is", "was",
    "loopt", "kan", "wil", "doet", "heeft", "gaat", "komt", "al", "ook",  # not "zijn": "zijn vader"
    "the", "a", "an", "of", "on", "at", "from", "with", "for", "to", "are", "can", "will", "does", "has", "goes",
    "comes", "also",
))
YOURS = {"mijn": "je", "m'n": "je", "mn": "je", "my": "your", "moja": "twoja", "mój": "twój", "moj": "twoj",
         "moje": "twoje", "moi": "twoi", "моя": "ваша", "мій": "ваш", "моє": "ваше", "мої": "ваші"}
"""My, said back as yours (Polish informally, as the bot writes Polish; Ukrainian formally, as it writes Ukrainian)."""
OPENING = re.compile(r"^(?:(?:like|as) i said|zoals (?:ik )?(?:zei|gezegd)|of course|(?:oh|o|ah|and|en|also|ook|plus|"
                     r"well|nou|lol|haha|btw|trouwens|natuurlijk|uiteraard|sowieso|ofcourse)\b)[\s,.!]*",
                     re.IGNORECASE)
"""Words a part may open with that are no person: "like i said, my friends", "oh and my landlady", "en natuurlijk
mijn buurman Piet"."""
NOT_A_NAME = frozenset({"helpt", "helpen", "help", "helps", "zal", "zou", "mag", "weet", "kent", "woont", "will",
                        "would", "knows", "lives", "may"})
"""Words after a relation that say something about the person, not their name ("mijn vrouw helpt ook wel mee")."""
BEFORE_RELATION = frozenset({*YOURS, "je", "jouw", "de", "het", "een", "onze", "ons", "your", "the", "a", "our", "his",
                             "her", "their", "zijn", "haar", "hun"})
"""Words that belong to the relation after them ("mijn buurman", "de heer")."""


def people_in(text: str, words: IdeaWords) -> list[str]:
    """The people named in a text, as typed (without what is said about them)."""
    found: list[str] = []
    for part in _parts(text.strip(), words):
        while (opening := OPENING.match(part)) is not None and opening.end():
            part = part[opening.end():]
        part = _without_knowing(part, words)  # "Ik ken mevrouw Bakker": not "Ik ken" as a person
        person = _without_hedge(DESCRIPTION.split(part, maxsplit=1)[0].strip(" .!?\"'"), words.hedges)
        tokens = person.split()
        if not tokens or tokens[0].casefold() in FUNCTION_WORDS - {"de", "het", "een", "the", "a", "an"}:
            continue
        if len([t for t in tokens if t.strip("-")]) > SHORT:
            person = _relation(tokens, words)
        if person and person.casefold() not in (f.casefold() for f in found):
            found.append(person)
    return found


def _without_hedge(text: str, hedges: Iterable[str]) -> str:
    """The text without a hedge it ends with ("my flatmates probably", "a room mostly"), unless that is all."""
    folded = f" {text.casefold().rstrip(' ,.!?')}"
    for hedge in hedges:
        if folded.endswith(f" {hedge}") and len(folded) > len(hedge) + 1:
            return text.rstrip(" ,.!?")[:-len(hedge)].rstrip(" ,")
    return text


GLUED_AND = re.compile(r"(?<!\S)و(?=\S{2})")
"""The Arabic 'and' written onto the next word ("جاري أبو سامي وابنه": and his son)."""


def _parts(text: str, words: IdeaWords) -> list[str]:
    relations = {w.casefold() for w in words.people}
    arabic = tuple(w for w in relations if "\u0600" <= w[:1] <= "\u06ff")
    text = GLUED_AND.sub(lambda m: "و " if text[m.end():].startswith(arabic) else "و", text)
    parts = []
    for part in LIST.split(text):
        start = 0
        for found in ARTICLE.finditer(part):
            if found.group(1).casefold().strip(",.") in relations:
                parts.append(part[start:found.start()])
                start = found.end()
        parts.append(part[start:])
    return parts


def _relation(tokens: list[str], words: IdeaWords) -> str:
    """In a longer sentence only the person: a relation word or a title and the name right after it ("buurvrouw
    marja", "de heer Jansen"); after a title the whole surname ("Mevrouw de Vries van nummer 12" → "Mevrouw de
    Vries")."""
    titles = {t.split()[-1].casefold() for t in words.titles}
    relations = {w.casefold() for w in words.people} | titles
    for i, token in enumerate(tokens):
        if token.casefold().strip(",.") in relations:
            start = i
            while start > 0 and tokens[start - 1].casefold() in BEFORE_RELATION and i - start < 2:
                start -= 1
            end = i + 1
            if token.casefold().strip(",.") in titles:
                end = _past_particles(tokens, end)
            if end < len(tokens) and tokens[end].casefold() not in FUNCTION_WORDS | NOT_A_NAME:
                end += 1
            return " ".join(tokens[start:end])
    return ""


PARTICLES = ("van der", "van den", "van de", "van 't", "in 't", "de", "den", "der", "ter", "ten", "van", "te", "la",
             "le", "el", "al", "bin")
"""What a surname may open with after a title ("Mevrouw de Vries", "meneer van der Berg")."""


def _past_particles(tokens: list[str], at: int) -> int:
    """Where the surname after a title begins: past its particles, when a name follows them."""
    folded = [t.casefold() for t in tokens]
    for particle in PARTICLES:
        size = len(particle.split())
        if folded[at:at + size] == particle.split() and at + size < len(tokens) \
                and folded[at + size] not in FUNCTION_WORDS | NOT_A_NAME:
            return at + size
    return at


def _without_knowing(part: str, words: IdeaWords) -> str:
    """A part without the words that open an answer of who one knows ("ik ken", "i know")."""
    folded = part.casefold()
    for phrase in sorted(words.knowing, key=len, reverse=True):
        if folded.startswith(phrase.casefold() + " "):
            return part[len(phrase):].lstrip(" ,")
    return part


def as_yours(person: str) -> str:
    """'mijn buurman Henk' → 'je buurman Henk': the resident's words, said back to them."""
    first, _sep, rest = person.partition(" ")
    yours = YOURS.get(first.casefold())
    return f"{yours} {rest}" if yours and rest else person


def plain(text: str) -> str:
    """Letters without accents, punctuation kept ("ayşe değil" → "ayse degil"): swaps are matched on it, so a text
    typed without diacritics matches a pattern written with them."""
    decomposed = unicodedata.normalize("NFD", text.translate(FOLD_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).translate(FOLD_LETTERS)


SLIPS = frozenset({"sorry", "sorki", "sory", "sori", "oops", "oeps", "oei", "ups", "oj", "ojej", "przepraszam", "ой",
                   "упс", "вибач", "вибачте", "перепрошую", "pardon", "pardon.", "aslinda", "آسف", "اسف", "عفوا",
                   "sorryy", "nee", "no", "ні", "la", "لا", "hayir", "ah", "oh", "o", "wait", "wacht",
                   "czekaj", "зачекай", "bekle"})
"""Words that open a correction of a name ("sorki, nie basia tylko barbara", "ой, не оксана а олександра"):
not part of the swap."""
NOT = r"not|niet|nie|не|مش|مو|ماشي|مشي|ليس|وليس|mesh|mish|msh|degil"
MEANT = (r"i meant|i mean|meant|ik bedoel|ik bedoelde|bedoel|قصدي|قصدت|يعني|9sdi|qasdi|2asdi|chodzilo mi o|"
         r"mialam na mysli|mialem na mysli|я мала на увазі|я мав на увазі")
NAME = r"[^\s,،.!?]+(?:\s[^\s,،.!?]+)?"
RESPELLED = re.compile(rf"^(?:(?:{MEANT})\s+)?(?P<new>{NAME})\s*[,،]?\s+(?:a\s+|а\s+)?(?:{NOT})\s+(?P<old>{NAME})"
                       r"(?:\s*[,،.!]+.*)?$", re.IGNORECASE)
""""i meant karen not karin", "قصدي كريم مش كريمة", "barbara a nie basia": a name and the name it replaces."""
LOOKALIKE = 0.5
"""Two names this alike (Levenshtein, normalised) are one name typed twice: a respelling, not an answer that
compares two things ("bellen niet mailen")."""


SLIP_AFTER = re.compile(r"\s*[,،]?\s*(?:bedoelde ik|bedoel ik|i meant|i mean|yazacaktim|yazacaktım|demek istedim|"
                        r"demek istemistim|pomylilam sie|pomylilem sie|pomylilam|pomylilem|помилилась|помилилася|"
                        r"помилився|sorry|sorki|my bad|oops)\s*[.!]*$", re.IGNORECASE)
"""What may follow the new name and is no part of it ("aysel yazacaktim", "barbara, pomylilam sie")."""


def _without_slips(text: str) -> str:
    words = text.strip().split()
    while len(words) > 2 and words[0].strip(",.!:;،").casefold() in SLIPS:
        words = words[1:]
    return " ".join(words)


def swap(correction: str, words: IdeaWords) -> tuple[str, str] | None:
    """The person named as wrong and the one named instead, as typed, when a text swaps them: the swap patterns of
    content/idea_words.yaml, typed with or without diacritics and after a "sorry" or "oops" or a clause that only
    says it was a slip ("pomyliłam się, nie basia tylko bożena"), or a name respelled ("oops i meant karen not
    karin", "oeps de naam is fatma niet fatima")."""
    typed = _without_slips(correction)
    for start, text in _clauses(plain(typed)):
        found = _swapped_by_pattern(text, words) or _respelled(text, strict=start > 0)
        if found is not None:
            return found[0], _as_typed(found[1], typed)
    return None


def _swapped_by_pattern(text: str, words: IdeaWords) -> tuple[str, str] | None:
    for pattern in words.swaps:
        match = re.search(plain(pattern), text, re.IGNORECASE)
        if match is not None:
            old = match.group("old").strip(" .!?,،")
            new = _without_only(SLIP_AFTER.sub("", match.group("new")).strip(" .!?,،"))
            if old and new:
                return old, new
    return None


def _as_typed(name: str, typed: str) -> str:
    """A name found in the plain letters of a text, as it was typed there ("bozena" → "bożena")."""
    plain_typed = plain(typed)
    at = plain_typed.casefold().find(name.casefold())
    return typed[at:at + len(name)] if at >= 0 and len(plain_typed) == len(typed) else name


CLAUSE = re.compile(r"[,،.:;!]\s+|\s+")


def _clauses(text: str) -> list[tuple[int, str]]:
    """The text, then what follows each of its commas and spaces, with where that begins: a swap may follow a
    lead-in ("pomyliłam się, nie basia tylko bożena", "de naam is fatma niet fatima")."""
    return [(0, text), *((found.end(), text[found.end():]) for found in CLAUSE.finditer(text)
                         if text[found.end():].strip())]


def _respelled(text: str, *, strict: bool) -> tuple[str, str] | None:
    """A name and the lookalike name it replaces ("i meant karen not karin"); after words that lead in
    (`strict`), only a name closely alike ("de naam is fatma niet fatima", not "zaterdag bellen niet mailen")."""
    match = RESPELLED.match(text)
    if match is None:
        return None
    old, new = match.group("old"), match.group("new")
    for candidate, enough in ((new, ALIKE if strict else LOOKALIKE), (new.split()[-1], ALIKE)):
        if Levenshtein.normalized_similarity(old.casefold(), candidate.casefold()) >= enough:
            return old, candidate
    return None


def swapped(known: str, correction: str, words: IdeaWords,
            related: Callable[[str, str], str] | None = None) -> str | None:
    """The answer to "who do you know?" after a correction of one person in it ("wait, not his dad, his mum",
    "niet zijn vader maar zijn moeder", "de trainer van dylan in plaats van de trainer van de club", "oops i meant
    karen not karin"): the person named as wrong is replaced, as typed, by the one named instead. None when the
    text is no such swap, or the person named as wrong is not in the answer. A new person named by their relation to
    the old one ("actually not tom, his partner jess", "niet yassin, zn broer amir") takes the old one's whole place
    in the list, written by `related` (the relation and name, the old name): "partner jess (via tom)"; only after a
    bare name ("not his dad, his mum" and "scratch my neighbour john, its his wife sue" swap the words)."""
    found = swap(correction, words)
    if found is None:
        return None
    old, new = found
    span = holds(known, old)
    if span is None:
        return None
    relation = THEIR.match(new)
    if related is not None and relation is not None and new[relation.end():].strip() and len(old.split()) == 1:
        start, end = _person_around(known, span)
        return known[:start] + related(new[relation.end():].strip(), old) + known[end:]
    before = known[:span[0]]
    return before + _without_lead_of(new, before) + known[span[1]:]


THEIR = re.compile(r"(?:his|her|their|zijn|zn|z'n|haar|hun|jego|jej|ich|його|її|їхній|їхня|его|её|ее)\s+",
                   re.IGNORECASE)
"""A third person's possessive at the start of the person named instead: the new one is a relative of the old one."""


def _person_around(answer: str, span: tuple[int, int]) -> tuple[int, int]:
    """Where the person holding `span` begins and ends in an answer that lists people."""
    start, end = 0, len(answer)
    for found in LIST.finditer(answer):
        if found.end() <= span[0]:
            start = found.end()
        elif found.start() >= span[1]:
            end = found.start()
            break
    return start, end


def _without_lead_of(new: str, before: str) -> str:
    """The new person without the words the answer already has right before the old one: "komşum ayşe" in place of
    "fatma" in "komşum fatma" is "ayşe" ("komşum komşum ayşe" said it twice)."""
    words, ahead = new.split(), plain(before).casefold().split()
    for size in range(len(words) - 1, 0, -1):
        if [plain(w).casefold() for w in words[:size]] == ahead[-size:]:
            return " ".join(words[size:])
    return new


ALIKE = 0.7
"""A word of a stored answer this alike a name typed in a correction (Levenshtein, normalised) is that name typed
otherwise ("basię", "fatiema")."""


def holds(answer: str, name: str) -> tuple[int, int] | None:
    """Where a stored answer holds a name a correction replaces: the name itself (with or without diacritics), or
    for a one-word name a word of the answer alike it; None when it does not."""
    plain_answer = plain(answer)
    at = plain_answer.casefold().find(plain(name).casefold()) if len(plain_answer) == len(answer) else -1
    if at < 0:
        at = answer.casefold().find(name.casefold())
    if at >= 0:
        return at, at + len(name)
    wanted = plain(name).casefold().strip()
    if " " in wanted or len(wanted) < 3:
        return None
    for found in re.finditer(r"[^\s,،.!?;:()]+", answer):
        word = plain(found.group()).casefold()
        if word[:1] == wanted[:1] and (Levenshtein.normalized_similarity(word, wanted) >= ALIKE
                                       or _inflected(word, wanted)):
            return found.start(), found.end()
    return None


def _inflected(word: str, name: str) -> bool:
    """A word of an answer that is a name with another ending, as Polish and Ukrainian names are declined ("pana
    marka" for "marek", "з оленою" for "олена"): all but the name's last two letters begin it, and at most two
    letters differ in length."""
    stem = name[:max(3, len(name) - 2)]
    return len(name) >= 4 and word.startswith(stem) and abs(len(word) - len(name)) <= 2


def replaced(named: tuple[str, ...] | list[str], correction: str, words: IdeaWords) -> list[str] | None:
    """The people named after a correction that opens with a no or a slip and then names only people ("hayir pardon
    komsum fatma", "nee sorry, mijn buurvrouw fatma"): each new person takes the place of the one named with the same
    relation word, or of the only one named. None when the text is no such correction, or it is unclear whom it
    replaces."""
    tokens = correction.strip().split()
    if not named or len(tokens) < 2 or plain(tokens[0].strip(",.!:;،")).casefold() not in SLIPS:
        return None
    new = people_in(only_people(_without_slips(correction), words), words)
    if not new:
        return None
    relations = {plain(w).casefold() for w in words.people}

    def relation(person: str) -> str | None:
        return next((t for t in (plain(w).casefold().strip(",.") for w in person.split()) if t in relations), None)

    result = list(named)
    for person in new:
        kind = relation(person)
        same = [i for i, old in enumerate(result) if kind is not None and relation(old) == kind]
        if len(same) == 1:
            result[same[0]] = person
        elif len(named) == 1 and len(new) == 1:
            result = [person]
        else:
            return None
    return result


def removed(named: tuple[str, ...] | list[str], correction: str, words: IdeaWords) -> str | None:
    """The one of the people named that a text takes off the list ("wait, actually not joost", "joost toch niet"),
    as named; None when the text is no such removal or names none of them ("not sure yet")."""
    for pattern in words.removals:
        match = re.search(pattern, correction.strip(), re.IGNORECASE)
        if match is None:
            continue
        old = match.group("old").strip(" .!?,").casefold()
        if not set(old.split()) - FUNCTION_WORDS - set(YOURS):
            continue
        for person in named:
            folded = person.casefold()
            if old and (folded == old or f" {old} " in f" {folded} "):
                return person
    return _only_the_others(named, correction, words)


ONLY = frozenset({"alleen", "enkel", "slechts", "only", "just", "sadece", "yalnızca", "yalnizca", "tylko", "лише",
                  "тільки", "فقط"})
"""Words that say the rest is the whole list: "niet de jongerenwerker, alleen mn maten"."""


def _without_only(new: str) -> str:
    head, _space, rest = new.partition(" ")
    return rest.strip() if head.casefold() in ONLY and rest.strip() else new


def _only_the_others(named: tuple[str, ...] | list[str], correction: str, words: IdeaWords) -> str | None:
    """"Oh wacht nee niet de jongerenwerker, alleen mn maten": a swap whose new person is "only" people already
    named takes the old one off the list (it was swapped for a second "mn maten")."""
    for pattern in words.swaps:
        match = re.search(pattern, correction.strip(), re.IGNORECASE)
        if match is None:
            continue
        new = match.group("new").strip(" .!?,")
        rest = _without_only(new).casefold()
        old = match.group("old").strip(" .!?,").casefold()
        if rest == new.casefold() or not old:
            continue
        if not any(rest == p.casefold() or f" {rest} " in f" {p.casefold()} " for p in named):
            continue
        return next((p for p in named if p.casefold() == old or f" {old} " in f" {p.casefold()} "), None)
    return None


LEAD = frozenset({"wacht", "oh", "o", "oja", "ohja", "en", "and", "ook", "trouwens", "btw", "sorry", "oeps", "oops",
                  "wait", "plus", "nog", "also", "ah", "ja", "yes", "nou", "ps", "hey", "hee", "eh", "aha", "bekle",
                  "dur", "ha", "ve", "evet", "czekaj", "zaraz", "poczekaj", "i", "a", "tak", "о", "ой", "зачекай",
                  "стоп", "чекай", "і", "а", "та", "так", "لحظة", "انتظر", "و", "نعم"})
"""Words that lead in to what is said ("wacht, ...", "oh and ..."): not part of the person."""
NOT_A_PERSON = frozenset({"ik", "i", "we", "wij", "jij", "je", "u", "you", "hij", "zij", "ze", "he", "she", "they",
                          "iedereen", "everyone", "everybody", "anyone", "anybody", "iemand", "someone", "somebody",
                          "niemand", "nobody", "het", "it", "dat", "that", "wie", "who", "ben", "ja", "yes"})
TOO = frozenset({"de", "da", "too", "also", "ook", "też", "теж", "також", "أيضا", "ايضا"})
"""Words after the person that only say "as well" ("komşum Ali de katılmak istiyor")."""
JOINER_MAX = 7
"""At most this many words: a person who joins ("de heer Jansen van de overkant"), not a sentence."""


def _folded_tokens(text: str) -> list[str]:
    return [t.casefold().strip(".,;:!?\"'()") for t in text.split()]


def _has_phrase(folded: list[str], phrases: list[str]) -> bool:
    spaced = f" {' '.join(folded)} "
    return any(f" {p.casefold()} " in spaced for p in phrases)


def _before_cue(text: str, cues: Iterable[str], words: IdeaWords) -> tuple[list[str], list[str], int, int] | None:
    """Where a person would stand in a text that says someone joins or helps: the words before the first cue word
    (or a filler), lead-in words skipped, as (tokens, folded tokens, start, end); None for a question or no cue."""
    if text.rstrip().endswith("?"):
        return None
    folded = _folded_tokens(text)
    cue = {w.casefold() for w in cues}
    if not cue & set(folded):
        return None
    stop = cue | {w.casefold() for w in words.joining_filler} - {"de", "da"}
    end = next(i for i, t in enumerate(folded) if t in stop)
    start = 0
    while start < end and (folded[start] in LEAD or not folded[start]):
        start += 1
    return text.split(), folded, start, end


def joining(text: str, words: IdeaWords) -> str:
    """The person a text says joins in, as typed ("wacht, de heer Jansen van de overkant wil ook meedoen" → "de heer
    Jansen van de overkant", "oh and my neighbour tom wants to join too" → "my neighbour tom"); "" when it says no
    one joins, or only the resident ("ik wil ook meedoen")."""
    too = _doing_too(text, words)
    found = _before_cue(text, words.joining, words)
    if found is None:
        return too
    tokens, folded, start, end = found
    while end > start and folded[end - 1] in TOO:
        end -= 1
    person = tokens[start:end]
    if not person or len(person) > JOINER_MAX or folded[start] in NOT_A_PERSON:
        return ""
    if any(t.rstrip().endswith((",", ";", ":")) for t in person[:-1]):
        return ""  # "op zaterdag met mijn buurman kijken, die wil ook meedoen": a sentence, not a person
    said = folded[start:end]
    named = _has_phrase(said, [*words.people, *words.titles, *words.groups])
    if not named and (len(person) > 3 or any(t in NOT_A_PERSON for t in said)):
        return ""
    if too and len(too) < len(" ".join(person)):  # "mijn zus kookt ook mee": not "mijn zus kookt"
        return too
    return " ".join(person).strip(" .,;:!?")


TURKISH_TOO = frozenset({"de", "da"})
TURKISH_WHOSE = frozenset({"benim", "bizim"})
VERB_BEFORE = frozenset({"ook", "too"})
"""Words for "as well" that follow the verb ("speelt ook", "plays too"); the others come before it ("też gra",
"теж грає", "de oynuyor", "also plays", "أيضا يلعب")."""


def _doing_too(text: str, words: IdeaWords) -> str:
    """A particular person who does it as well, the whole text ("Mijn buurman de heer Jansen speelt ook", "mijn zus
    kookt ook mee", "my neighbour tom plays too", "komşum Ali de oynuyor", "mój sąsiad też gra", "мій сусід теж
    грає"): that person, as typed; "" for anything else ("mijn buurman heeft ook een aanhanger")."""
    if text.rstrip().endswith("?"):
        return ""
    tokens, folded = text.split(), _folded_tokens(text)
    start = 0
    while start < len(folded) and (folded[start] in LEAD or not folded[start]):
        start += 1
    too = [i for i in range(start + 2, len(folded)) if folded[i] in TOO
           and not _has_phrase(folded[i:i + 2], words.titles)]  # "de heer": a title, not the Turkish "as well"
    if not too:
        return ""
    at = too[-1]
    after = folded[at + 1:]
    if folded[at] in VERB_BEFORE:
        joins = {w.casefold() for w in (*words.joining, *words.joining_filler)}
        end = at - 1 if all(w in joins for w in after) else start
    else:
        end = at if len(after) == 1 else start
    if end <= start or end - start > JOINER_MAX:
        return ""
    said = folded[start:end]
    relation = any(said[0] == w.casefold() for w in words.people)  # "komşum", "جاري": whose is in the word
    own = relation or said[0] in WHOSE or _has_phrase(said[:2], words.titles)
    if folded[at] in TURKISH_TOO and not (relation or said[0] in TURKISH_WHOSE):
        return ""  # "mijn buurvrouw riet en de mensen van de kerk": the Dutch article, not the Turkish "as well"
    if not own or not _has_phrase(said, [*words.people, *words.titles]) or any(t in NOT_A_PERSON for t in said):
        return ""
    return " ".join(tokens[start:end]).strip(" .,;:!?")


def helping(text: str, words: IdeaWords) -> str:
    """A particular person a text says will help, as typed ("mijn buurman piet kan helpen" → "mijn buurman piet",
    "komşum ali yardım eder"): someone the resident knows, not a need for helping hands; "" when it names no
    relation or title ("vrijwilligers die helpen", "iemand die kan helpen")."""
    found = _before_cue(text, words.helping, words)
    if found is None:
        return ""
    tokens, folded, start, end = found
    said = folded[start:end]
    if not said or len(said) > JOINER_MAX or said[0] in NOT_A_PERSON \
            or not _has_phrase(said, [*words.people, *words.titles]):
        return ""
    return " ".join(tokens[start:end]).strip(" .,;:!?")


def knowing(text: str, words: IdeaWords) -> str:
    """The people of an answer to "who do you know?" given before it was asked ("Ik ken de heer Jansen van de
    overkant, en mijn vrouw" → "de heer Jansen van de overkant, en mijn vrouw"); "" when the text does not open
    by saying who the resident knows."""
    if text.rstrip().endswith("?"):
        return ""
    tokens = text.split()
    folded = _folded_tokens(text)
    start = 0
    while start < len(folded) and (folded[start] in LEAD or not folded[start]):
        start += 1
    for at in range(start + 1):  # "i know ...": "i" may also lead in (Polish "and")
        for phrase in sorted(words.knowing, key=lambda p: -len(p.split())):
            size = len(phrase.split())
            if folded[at:at + size] == phrase.casefold().split():
                rest = " ".join(tokens[at + size:]).strip(" .,;:!?")
                return rest if people_in(rest, words) else ""
    return ""


WHOSE = frozenset({"mijn", "mn", "m'n", "onze", "ons", "de", "die", "my", "our", "the", "those", "moja", "moj", "mój",
                   "moje", "moi", "nasza", "nasz", "nasi", "моя", "мій", "моє", "мої", "наша", "наш", "наші", "benim",
                   "bizim"})
"""Words that make people particular ones ("mijn buurvrouw", "moja koleżanka", "моя подруга"); in Turkish and Arabic
the relation word itself says whose ("komşum", "جارتي")."""


def only_people(text: str, words: IdeaWords) -> str:
    """A text that is a list of particular people and nothing the idea needs ("Mijn buurvrouw Riet en de mensen
    van de kerk"), as people: typed at another question of the idea, the answer to "who do you know?"; "" when it
    is not."""
    if text.rstrip().endswith("?") or words.needs_in(text):
        return ""
    folded = _folded_tokens(text)
    own = {w.casefold() for w in words.people if w.casefold().endswith(("m", "ım", "im", "um", "üm", "ي", "تي"))}
    if not folded or (folded[0] not in WHOSE and folded[0] not in own and not _relation_named(folded, text, words)) \
            or not _has_phrase(folded, [*words.people, *words.titles, *words.groups]):
        return ""  # it opens with someone in particular ("mijn buurvrouw", "de mensen van de kerk"): not "meer
        # mensen" (a need), not "nee wacht, het is bij de school" (a place)
    return ", ".join(people_in(text, words))


NAMED_RELATION = 4
"""At most this many words in "сусідка оксана", "buurvrouw ans": a relation with a name, without "my"."""


def _relation_named(folded: list[str], text: str, words: IdeaWords) -> bool:
    """A relation and a name, in a few words and without "my" (Ukrainian, Polish and chat leave it out: "сусідка
    оксана", "sasiadka ania", "buurvrouw ans"): someone in particular; not a theme ("buren", "сусіди")."""
    return 2 <= len(folded) <= NAMED_RELATION and folded[0] in {w.casefold() for w in words.people} \
        and folded[1] not in FUNCTION_WORDS and not words.themes_in(text)


LIST_JOINS = re.compile(r",|;|\s(?:en|and|ve|i|і|та|oraz|und|\+|&)\s")
"""Where one person of a typed list ends ("mijn buurman gerrit en zijn vrouw")."""


def people_listed(text: str, words: IdeaWords) -> str:
    """`only_people`, when every part of the list is a short naming (at most three words) without a word of the
    planning patterns: "mijn buurman gerrit en zijn vrouw" is people, "mijn buurman bellen" or "my mate tom will
    call the library" is a step."""
    people = only_people(text, words)
    parts = [part.split() for part in LIST_JOINS.split(" ".join(_folded_tokens(text))) if part.strip()]
    plan = _plan_words(tuple(words.planning))
    if not people or any(len(part) > 3 or plan.intersection(part) for part in parts):
        return ""
    return people


@lru_cache(maxsize=4)
def _plan_words(patterns: tuple[str, ...]) -> frozenset[str]:
    """Every word a planning pattern names in its groups: the verbs and days of a step ("bellen", "zaterdag")."""
    found = (alternative for pattern in patterns for group in re.findall(r"\(([^()]*)\)", pattern)
             for alternative in group.split("|"))
    return frozenset(word for alternative in found for word in _folded_tokens(alternative)
                     if word not in WHOSE)


def names_people(text: str, words: IdeaWords) -> bool:
    """Whether an answer to "who do you know?" names anyone: a person or a group ("de mensen van de kerk"), not
    only a plan to find them ("eerst aan de koffietafel vragen wie er mee wil doen")."""
    return bool(people_in(text, words)) or mentions_people(text, words)


def mentions_a_person(text: str, words: IdeaWords) -> bool:
    """Whether a text has a word for one person ("my neighbour john", "zijn broer", "komşum"), not only a group."""
    return _has_phrase(_folded_tokens(text), [*words.people, *words.titles])


def mentions_people(text: str, words: IdeaWords) -> bool:
    """Whether a text has a word for a person or a group ("komşum", "de heer", "de kerk"); a name alone is none."""
    return _has_phrase(_folded_tokens(text), [*words.people, *words.titles, *words.groups])


def needs_only(text: str, words: IdeaWords) -> bool:
    """A short answer that names only needs, joined by 'and' or commas ("geld en vrijwilligers", "гроші і
    волонтери"), perhaps with "only" or "that's all" ("alleen een ruimte", "a room, thats all"): what is needed, not
    who."""
    parts = [_without_hedge(_without_only(part.strip()), words.mostly) for part in LIST.split(text.strip())
             if part and part.strip() and not family_of(part, "done")]  # "een ruimte, dat is alles"
    found = [words.needs_in(part) for part in parts]
    short = 0 < len(parts) <= SHORT and all((len(part.split()) <= 2 or _only_amounted(part, words)) and need
                                            for part, need in zip(parts, found, strict=True))
    return short and any(set(need) - {"handen"} for need in found)  # "vrijwilligers" alone: people they may know


def _only_amounted(part: str, words: IdeaWords) -> bool:
    """A part that is a need with how much of it and nothing else ("trochę ludzi do pomocy", "a few extra hands"):
    without its amount words and need words at most one word is left."""
    folded = f" {plain(part).casefold()} "
    for phrase in sorted({plain(p).casefold() for p in [*words.amounts, *(w for ws in words.needs.values()
                                                                         for w in ws)]},
                         key=lambda p: -len(p)):
        folded = folded.replace(f" {phrase} ", " ")
    return len(folded.split()) <= 1
