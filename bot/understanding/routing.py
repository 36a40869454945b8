"""Which contact persons fit an idea: deterministic, explainable scoring, no remote service.

Reading the text is done by its neighbours in this package: the language (language.py), words and stems
(stemming.py), and whether it reports something broken (report_words.py).

Signals: words of the idea matched (stemmed) against the words of each contact's role
(content/roles.yaml) and the contact's own `helps_with`, the needs and themes the resident
picked (each favours certain roles), and whether the text reads as a report of something broken
rather than an initiative.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale
from rapidfuzz import fuzz, process

from bot.infra.content import Contact, Content
from bot.infra.i18n import N_, _, current_locale
from bot.understanding import language_id
from bot.understanding.language import STOPWORDS, clear_language, language_of
from bot.understanding.lexicon import Lexicon
from bot.understanding.report_words import asks_for_something_new, initiative, looks_like_report
from bot.understanding.similarity import ExampleModel
from bot.understanding.stemming import COMPOUND_MIN, PREFIX_MIN, STEMMED, WORD, base, snowball, words_of

NEED_ROLES: dict[str, dict[str, float]] = {
    "ruimte": {"aanjager": 1.5, "woningcorporatie": 1.5, "welzijn": 1.0},
    "geld": {"gebiedsteam": 2.5, "ondersteuning": 2.5},
    "vergunning": {"gebiedsteam": 3.0},
    "spullen": {"aanjager": 1.0, "welzijn": 0.5},
    "handen": {"aanjager": 2.0, "welzijn": 1.5},
    "advies": {"ondersteuning": 2.0, "aanjager": 1.0},
    "gemeente": {"gebiedsteam": 3.0},
}
THEME_ROLES: dict[str, dict[str, float]] = {
    "ontmoeten": {"aanjager": 1.5, "welzijn": 1.0},
    "groen": {"natuur": 2.0, "gebiedsteam": 0.5},
    "spelen": {"sport": 1.0, "natuur": 0.5, "gebiedsteam": 0.5},
    "sport": {"sport": 2.0},
    "feest": {"aanjager": 1.5},
    "zorg": {"welzijn": 2.0, "gezondheid": 0.5},
    "veiligheid": {"gebiedsteam": 1.5},
    "duurzaam": {"natuur": 1.0, "gebiedsteam": 0.5},
    "anders": {"aanjager": 0.5},
}
ROLE_PRIOR: dict[str, float] = {"aanjager": 0.3}
"""An idea that mentions something broken ('the court is broken, I want to organise a tournament there')."""


@dataclass(frozen=True)
class Reason:
    kind: str
    detail: str = ""


@dataclass(frozen=True)
class Suggestion:
    contact: Contact
    score: float
    reasons: tuple[Reason, ...] = field(default=())

    def why(self) -> str:
        """Why this contact, in the current locale, as a person would say it: from content, never a raw
        matched word."""
        locale = current_locale()
        parts: list[str] = []
        for reason in self.reasons:
            if reason.kind == "about":
                parts.append(self.contact.description.get(locale).rstrip(". "))
            elif reason.kind == "need":
                needs = ", ".join(str(_(str(NEED_LABELS[n]))) for n in reason.detail.split(",") if n in NEED_LABELS)
                parts.append(_("can help with: {need}").format(need=needs))
            elif reason.kind == "report":
                parts.append(_("this is where you report something broken or unsafe"))
            elif reason.kind == "connector":
                parts.append(_("knows the neighbourhood and its people"))
            elif reason.kind == "language":
                name = Locale.parse(locale).languages.get(reason.detail, reason.detail)
                parts.append(_("also speaks {language}").format(language=name))
        return "; ".join(parts) or self.contact.description.get(locale).rstrip(". ")


NEED_LABELS = {
    "ruimte": N_("a place"),
    "geld": N_("money"),
    "vergunning": N_("permits"),
    "spullen": N_("things and materials"),
    "handen": N_("helping hands"),
    "advies": N_("advice"),
    "gemeente": N_("the municipality"),
}
_LINKING = ("", "s", "e", "en")
_INFLECTIONS = frozenset({"", "e", "s", "en", "es", "er", "ere", "eren", "je", "jes", "tje", "tjes", "ing", "ingen",
                          "heid", "d", "t", "te", "ten", "de", "den"})
"""What may follow a Dutch keyword inside a longer word without making it a compound ('ouder' + 'en')."""
FUZZY_MIN = 6
FUZZY_CUTOFF = 85.0


@dataclass
class Vocabulary:
    """Every keyword of the roles and contacts, indexed for fast lookups (built once per content)."""

    stems: dict[str, dict[str, set[tuple[str, str, str]]]] = field(default_factory=lambda: {"nl": {}, "en": {}})
    """Per language: stem → (owner, keyword, the keyword's word)."""
    compounds: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    phrases: list[tuple[str, str, tuple[str, ...], bool, str, str]] = field(default_factory=list)
    """(language, spaced phrase, stems of all its words, loose, owner, keyword): a phrase of two or more content
    words matches when all its words occur (Dutch word order varies); one with a single content word only as
    a whole ('over 65' is not any 'over')."""
    prefixes: dict[str, set[tuple[str, str]]] = field(default_factory=dict)
    plain: set[str] = field(default_factory=set)
    phrase_words: set[str] = field(default_factory=set)
    words: dict[str, set[str]] = field(default_factory=lambda: {"nl": set(), "en": set()})
    """Per language, its one-word keywords: a word in both lists is shared and fires in either language."""
    prefix_phrases: list[tuple[tuple[str, ...], str, str]] = field(default_factory=list)
    """Several word beginnings that must all occur (tr/ar/pl/uk phrases: 'ortak bahçe')."""
    fuzzy: dict[str, list[str]] = field(default_factory=lambda: {"nl": [], "en": []})
    """Per language, the keyword words a typo may be corrected to (Dutch words for Dutch texts only)."""
    unstemmed: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    examples: ExampleModel = field(default_factory=ExampleModel)
    lexicons: dict[str, Lexicon] = field(default_factory=dict)
    """tr, ar, pl and uk texts are also read as the Dutch words of their dictionary (lexicon.py)."""

    def stem(self, word: str, language: str) -> str:
        return word if word in self.unstemmed else snowball(word, language)

    def add(self, owner: str, language: str, keyword: str) -> None:
        key = keyword.casefold().strip()
        entry = (owner, keyword)
        if language not in STEMMED:
            parts = tuple(p for p in (base(w, language) for w in WORD.findall(key)) if len(p) >= PREFIX_MIN)
            if len(parts) == 1:
                self.prefixes.setdefault(parts[0], set()).add(entry)
            elif parts:
                self.prefix_phrases.append((parts, owner, keyword))
            return
        words = WORD.findall(key)
        if len(words) == 1:
            self.words[language].add(words[0])
        if len(words) > 1:
            content_words = [w for w in words if len(w) > 2] or words
            self.phrases.append((language, f" {' '.join(words)} ",
                                 tuple(self.stem(w, language) for w in words), len(content_words) > 1, owner,
                                 keyword))
            self.phrase_words.update(content_words)
            self.fuzzy[language] += [w for w in content_words if len(w) >= FUZZY_MIN]
            return
        if not words:
            return
        word = words[0]
        stemmed = self.stem(word, language)
        self.stems[language].setdefault(stemmed, set()).add((owner, keyword, word))
        self.plain.add(word)
        if len(word) >= FUZZY_MIN:
            self.fuzzy[language].append(word)
        if language == "nl" and len(word) >= COMPOUND_MIN:
            self.compounds.setdefault(word, set()).add(entry)
            self.compounds.setdefault(stemmed, set()).add(entry)


@lru_cache(maxsize=8)
def vocabulary(content: Content) -> Vocabulary:
    vocab = Vocabulary(unstemmed=content.unstemmed, heads=content.compound_heads,
                       examples=ExampleModel.build(content.examples),
                       lexicons={code: Lexicon.build(code, words) for code, words in content.lexicons.items()})
    for role, lists in content.role_words.items():
        for language, keywords in lists.items():
            for keyword in keywords:
                vocab.add(f"role:{role}", language, keyword)
    for contact in content.contacts.values():
        for language, keywords in contact.helps_with.items():
            for keyword in keywords:
                vocab.add(f"contact:{contact.id}", language, keyword)
    vocab.fuzzy = {language: sorted(set(words)) for language, words in vocab.fuzzy.items()}
    return vocab


@dataclass
class Analysis:
    """The words of a resident's text as the router sees them."""

    language: str
    clear: str | None
    """nl or en when the text is clearly in that language: the other language's own words do not fire."""
    words: list[str]
    spaced: str
    stems: dict[str, dict[str, list[str]]]
    """Per language: stem → the words of the text with that stem (stopwords left out)."""
    sequence: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Per language, the stems of every word in order (phrases match as a whole, stemmed)."""


def _same_word(a: str, b: str, stemmed: str) -> bool:
    """Two words with the same stem that also share it as their beginning: 'moestuinen'/'moestuin' yes,
    'woon'/'woning' (both 'won') no."""
    return a[: len(stemmed)] == b[: len(stemmed)] == stemmed or a == b


def _split_compound(vocab: Vocabulary, word: str) -> list[str]:
    """'buurtbbq' → ['buurt', 'bbq']: a known first part followed by a known word (with a linking s/e/en)."""
    for cut in range(len(word) - 3, 2, -1):
        head, tail = word[:cut], word[cut:]
        if tail not in vocab.plain and snowball(tail, "nl") not in vocab.stems["nl"]:
            continue
        for link in _LINKING:
            base = head[: len(head) - len(link)] if link and head.endswith(link) else head if not link else ""
            if base and (base in vocab.heads or base in vocab.plain):
                return [base, tail]
    return []


def analyse(vocab: Vocabulary, text: str, language: str | None = None) -> Analysis:
    """`language` given: the text is known to be in it (a translation into Dutch)."""
    if language is None:
        language = language_of(text)
        if language in STEMMED and (other := language_id.identify(text).language) in OTHER_LATIN:
            language = str(other)  # Turkish or Polish typed without its letters, Moroccan Arabic in Latin letters
    words = words_of(text)
    extra: list[str] = []
    stop = STOPWORDS["nl"] | STOPWORDS["en"]
    for word in words:
        if word in stop or word.isdigit():
            continue
        known = word in vocab.plain or word in vocab.heads or word in vocab.phrase_words or any(
            _same_word(word, key_word, stemmed) for lang in STEMMED
            for stemmed in (vocab.stem(word, lang),) for _o, _k, key_word in vocab.stems[lang].get(stemmed, ()))
        if known:
            continue
        parts = _split_compound(vocab, word) if len(word) >= 6 else []
        extra += parts
        if not parts and len(word) >= FUZZY_MIN and language in STEMMED:
            found = process.extractOne(word, vocab.fuzzy[language], scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if found is not None:
                extra.append(found[0])
    words += extra
    by_stem: dict[str, dict[str, list[str]]] = {lang: {} for lang in STEMMED}
    for word in words:
        for lang in STEMMED:
            by_stem[lang].setdefault(vocab.stem(word, lang), []).append(word)
    sequence = {lang: tuple(vocab.stem(w, lang) for w in WORD.findall(text.casefold()) + extra)
                for lang in STEMMED}
    return Analysis(language, clear_language(text), words, " " + " ".join(words) + " ", by_stem, sequence)


def _contains(sequence: tuple[str, ...], part: tuple[str, ...]) -> bool:
    size = len(part)
    return any(sequence[i:i + size] == part for i in range(len(sequence) - size + 1))


def keyword_hits(vocab: Vocabulary, analysis: Analysis) -> dict[str, dict[str, float]]:
    """For each owner ('role:natuur', 'contact:<id>'), the keywords the text mentions and how strongly:
    a keyword that is only the first part of a compound counts for less ('fiets' in 'fietspad': in a
    Dutch compound the last part says what it is)."""
    hits: dict[str, dict[str, float]] = {}

    def add(entries: Iterable[tuple[str, str]], weight: float = 1.0) -> None:
        for owner, keyword in entries:
            found = hits.setdefault(owner, {})
            found[keyword] = max(found.get(keyword, 0.0), weight)

    def foreign(language: str, key_word: str) -> bool:
        return analysis.clear not in (None, language) and key_word not in vocab.words[str(analysis.clear)]

    for language in STEMMED:
        for stemmed, words in analysis.stems[language].items():
            for owner, keyword, key_word in vocab.stems[language].get(stemmed, ()):
                if foreign(language, key_word):
                    continue
                if any(_same_word(w, key_word, stemmed) for w in words if w not in STOPWORDS[language]):
                    add(((owner, keyword),))
    for word in analysis.words if analysis.clear != "en" else ():
        for cut in range(COMPOUND_MIN, len(word)):
            if word[cut:] not in _INFLECTIONS and len(word) - cut >= 3:
                add(vocab.compounds.get(word[:cut], ()), COMPOUND_HEAD_WEIGHT)
        for cut in range(3, len(word) - COMPOUND_MIN + 1):
            add(vocab.compounds.get(word[cut:], ()))
    for word in analysis.words:
        if analysis.language not in STEMMED:
            for cut in range(PREFIX_MIN, len(base(word, analysis.language)) + 1):
                add(vocab.prefixes.get(base(word, analysis.language)[:cut], ()))
    if analysis.language not in STEMMED:
        bases = [base(w, analysis.language) for w in analysis.words]
        for parts, owner, keyword in vocab.prefix_phrases:
            if all(any(b.startswith(p) for b in bases) for p in parts):
                add(((owner, keyword),))
    present = {language: set(sequence) for language, sequence in analysis.sequence.items()}
    for language, phrase, phrase_stems, loose, owner, keyword in vocab.phrases:
        if analysis.clear not in (None, language) and phrase not in analysis.spaced:
            continue
        if phrase in analysis.spaced or (all(p in present[language] for p in phrase_stems) if loose
                                         else _contains(analysis.sequence[language], phrase_stems)):
            add(((owner, keyword),))
    return hits


OTHER_LATIN = ("tr", "pl", "ar")
"""Languages the identifier may find in a text in Latin letters that the stopwords took for Dutch or English."""
COMPOUND_HEAD_WEIGHT = 0.5
"""A keyword that is only the first part of a Dutch compound counts half ('fiets' in 'fietspad')."""


def score_contact(contact: Contact, *, hits: dict[str, dict[str, float]], language: str, themes: Iterable[str],
                  needs: Iterable[str], report: bool, housing: bool = False, similar: float = 0.0) -> Suggestion:
    reasons: list[Reason] = []
    score = ROLE_PRIOR.get(contact.role, 0.0) + EXAMPLE_WEIGHT * similar
    matched = {**hits.get(f"role:{contact.role}", {}), **hits.get(f"contact:{contact.id}", {})}
    if matched:
        score += 2.0 * sum(matched.values())
    if matched or similar >= EXAMPLE_REASON:
        reasons.append(Reason("about"))
    helped: list[str] = []
    for need in needs:
        weight = NEED_ROLES.get(need, {}).get(contact.role, 0.0)
        if weight:
            score += weight
            helped.append(need)
    if helped:
        reasons.append(Reason("need", ",".join(helped)))
    for theme in themes:
        score += THEME_ROLES.get(theme, {}).get(contact.role, 0.0)
    if contact.role == "melding":
        if report and not housing:
            score += 6.0
            reasons.insert(0, Reason("report"))
        elif not report:
            score -= 4.0
    elif report and housing and contact.role == "woningcorporatie":
        score += 6.0  # broken or dirty inside a rental complex: the landlord, not the municipality
    elif report:
        score -= 1.0
    if contact.role == "aanjager" and not matched:
        reasons.append(Reason("connector"))
    if language != "nl" and language in contact.languages:
        score += LANGUAGE_BONUS
        reasons.append(Reason("language", language))
    return Suggestion(contact, round(score, 3), tuple(reasons))


LANGUAGE_BONUS = 0.3
EXAMPLE_WEIGHT = 6.0
"""How much the similarity to a role's example phrasings (0..1) adds to a contact's score, against 2.0 per matched
keyword, the role priors and the report bonus. Like those weights a constant, not a setting: they were set together
on the routing benches, and a municipality shapes routing through content (content/roles.yaml and
content/examples/, checked with `wijkgids route` and bench/routing.py), not by moving one weight on its own."""
EXAMPLE_REASON = 0.25
"""From this similarity to a role's examples on, the contact's description is given as the reason."""


def _most_like_a_report(similar: dict[str, float]) -> bool:
    """The text reads most like the report examples, clearly ahead of every other role."""
    ranked = sorted(similar.items(), key=lambda item: -item[1])
    return bool(ranked) and ranked[0][0] == "melding" and ranked[0][1] >= REPORT_SIMILAR and (
        len(ranked) == 1 or ranked[0][1] - ranked[1][1] >= REPORT_MARGIN)


REPORT_SIMILAR = 0.2
REPORT_MARGIN = 0.05


def translation(vocab: Vocabulary, analysis: Analysis, text: str, locale: str | None = None) -> str:
    """A tr, ar, pl or uk text as the Dutch words of its dictionary ('' for a Dutch or English text). In Latin
    letters the language is not always clear ('w' is Polish and Moroccan 'and'; Turkish and Polish are typed
    without their letters): the dictionary of tr, pl or ar that knows most of its words reads it; of two that know
    as many, the one of the resident's own language (`locale`: "mam drabine" of a Polish resident is a ladder, no
    Moroccan street), then the one of the language the text was taken for."""
    if analysis.language in ("uk", "ar") and not LATIN_LETTER.search(text):
        lexicon = vocab.lexicons.get(analysis.language)
        return lexicon.translate(text) if lexicon else ""
    if analysis.language in STEMMED and language_id.identify(text).candidate not in OTHER_LATIN:
        return ""
    readings = [(lexicon.read(text), code == locale, code == analysis.language)
                for code, lexicon in vocab.lexicons.items() if code in OTHER_LATIN or code == analysis.language]
    best = max(readings, key=lambda r: (r[0][1], r[1], r[2]), default=None)
    return best[0][0] if best and best[0][1] else ""


LATIN_LETTER = re.compile(r"[a-zA-Z]")


def dutch_words(content: Content, text: str, locale: str | None = None) -> str:
    """A tr, ar, pl or uk text as the Dutch words of its dictionary ("ліхтар на вулиці не працює" → "lantaarnpaal
    straatverlichting straat werkt niet"); "" for a Dutch or English text. `locale`: the resident's language, which
    reads a text two dictionaries read alike."""
    vocab = vocabulary(content)
    return translation(vocab, analyse(vocab, text), text, locale)


def route(content: Content, *, wijk_id: str, text: str, themes: Sequence[str] = (), needs: Sequence[str] = (),
          limit: int | None = None) -> list[Suggestion]:
    """Contacts serving the wijk, best first; ties broken by id (deterministic)."""
    vocab = vocabulary(content)
    analysis = analyse(vocab, text)
    hits = keyword_hits(vocab, analysis)
    similar = vocab.examples.similarity(" ".join(analysis.words))
    listed_report = analysis.language not in STEMMED and bool(hits.get("role:melding"))
    """A report word of the language's own list (content/roles.yaml): a translated 'stoep' is no report."""
    dutch = translation(vocab, analysis, text)
    if dutch:
        for owner, found in keyword_hits(vocab, analyse(vocab, dutch, "nl")).items():
            mine = hits.setdefault(owner, {})
            for keyword, weight in found.items():
                mine[keyword] = max(mine.get(keyword, 0.0), weight)
        for role, value in vocab.examples.similarity(dutch).items():
            similar[role] = max(similar.get(role, 0.0), value)
    said = dutch or text
    report = looks_like_report(said) or listed_report or (
        _most_like_a_report(similar) and not initiative(said) and not asks_for_something_new(said))
    contacts = content.contacts_for_wijk(wijk_id)
    housing = report and any(
        hits.get(f"contact:{c.id}") or hits.get("role:woningcorporatie") for c in contacts
        if c.role == "woningcorporatie")
    ranked = sorted(
        (score_contact(c, hits=hits, language=analysis.language, themes=themes, needs=needs, report=report,
                       housing=housing, similar=similar.get(c.role, 0.0)) for c in contacts),
        key=lambda s: (-s.score, s.contact.id),
    )
    return ranked[:limit] if limit else ranked
