"""What a typed message does at the point it was typed: the dialogue act (issue 26).

Every typed message passes here (bot/core's repair layer calls `classify`) before a step or the free-text intents
see it. The acts: crisis (bot/understanding/safety.py, always first), answer, correction (of an earlier answer:
which slot), question (a digression: which topic), cancel, back, resume ("waar was ik"), pause ("later verder"),
feature (another feature asked for mid-flow: which one), handoff (a person of the wijk), chitchat, unclear,
explain ("wat bedoel je?", "snap ik niet": the bot's own question in other words).

Deterministic and explainable: the answer resolver (bot/answers.py) and its answer families decide what is an
answer to the options on screen; phrase patterns per act, feature, topic and slot (content/dialogue_acts.yaml,
per language) decide the rest; the theme, need and gift words (content/idea_words.yaml, content/gifts.yaml) tell
which earlier answer a correction is about. `Act.why` lists what decided.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from bot.infra import yamlfile
from bot.infra.content import read_lexicons
from bot.understanding import act_cues, acts_model, answers, corrections, people, safety
from bot.understanding import lexicon as dictionary
from bot.understanding.answers import Option, Resolution
from bot.understanding.feature_words import FeatureWords, load_feature_words
from bot.understanding.gifts import Gifts, load_gifts
from bot.understanding.idea_words import IdeaWords, load_idea_words
from bot.understanding.language_requests import LANGUAGES as LANGUAGE_NAMES
from bot.understanding.language_requests import request_in
from bot.understanding.phrases import Phrases, check_patterns, fold, without
from bot.understanding.report_words import mentions_damage
from bot.understanding.stemming import stem

FILE = "dialogue_acts.yaml"

ANSWER, CORRECTION, QUESTION, CANCEL, BACK, RESUME, PAUSE, FEATURE, HANDOFF, CHITCHAT, UNCLEAR, CRISIS, EXPLAIN = (
    "answer", "correction", "question", "cancel", "back", "resume", "pause", "feature", "handoff", "chitchat",
    "unclear", "crisis", "explain")
ACTS = (ANSWER, CORRECTION, QUESTION, CANCEL, BACK, RESUME, PAUSE, FEATURE, HANDOFF, CHITCHAT, UNCLEAR, CRISIS,
        EXPLAIN)
PHRASE_ACTS = ("cancel", "discard", "back", "resume", "pause", "handoff", "chitchat", "unclear", "correction", "slip",
               "previous", "question", "not_question", "aside", "explain", "speaks", "joins")
FEATURES = ("erase", "export", "unsubscribe", "language", "wijk", "my_ideas", "my_offers", "other")
OWN_BUSINESS = ("erase", "export", "unsubscribe")
"""Features about the resident's own data and messages: asked for, they outweigh a question's reading of its own
text ("bilgilerimi sil" at the idea summary is no need for advice, though "bilgi" is a need word)."""
TOPICS = ("own_things", "whats_on", "places", "who_sees", "bot_abilities", "rules", "costs", "bring_along", "next",
          "languages", "waiting", "words", "lost", "report", "other")
TOPIC_ORDER = ("waiting", "next", "words", "languages", "who_sees", "own_things", "bring_along", "costs", "rules",
               "whats_on", "places", "lost", "bot_abilities")
"""When a question names several topics, the first here wins: how long until someone reacts, what happens next in
this conversation ("wat gebeurt er nu?"), what a word of the bot means ("wat is verbinder?"), then privacy and your
own things before the rest; not understanding the question ("wat is dit? ik begrijp niet goed") only when nothing
more precise is asked."""
BROKEN_THING_TOPICS = ("waiting", "next", "lost", "other")
"""Whom to call, how long it takes, what happens now."""
GLOBAL_SLOTS = ("wijk", "language")
"""Answers about the resident, not about one conversation: a correction may name them anywhere."""
BACK_CHOICE = ":__back__"
SHORT = 4
"""Words in a message that is short enough to be only chitchat or a hedge."""
SHORT_ASKED = ("costs", "rules")
"""Topics that a question of two words still asks about ("البلدية بتدفع؟", "kost geld?") where it names the kind of
text a question takes."""
SHORT_RULES_QUESTION = 5
"""A question about money or permits this short is for the bot even where text is passed on to neighbours: "how
much does it cost?" and "скільки це коштує?" at the call are no call."""

Languages = dict[str, list[str]]


class _ActsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    acts: dict[str, Languages]
    features: dict[str, Languages]
    topics: dict[str, Languages]
    slots: dict[str, Languages]
    references: dict[str, Languages] = {}

    @field_validator("acts", "features", "topics", "slots", "references")
    @classmethod
    def _patterns_compile(cls, value: dict[str, Languages]) -> dict[str, Languages]:
        check_patterns((f"{name}.{code}", pattern) for name, languages in value.items()
                       for code, patterns in languages.items() for pattern in patterns)
        return value


@dataclass(frozen=True)
class Lexicon:
    acts: dict[str, Phrases]
    features: dict[str, Phrases]
    topics: dict[str, Phrases]
    slots: dict[str, Phrases]
    references: dict[str, Phrases]
    """How a resident refers to an earlier question's answer ("wat ik heb", "elli 3andi", "кого я знаю"): it names
    that answer more clearly than any one value in it does."""
    signals: safety.Signals
    idea_words: IdeaWords
    gifts: Gifts
    cues: act_cues.Cues
    dictionaries: tuple[dictionary.Lexicon, ...] = ()
    """The everyday words of tr, ar, pl and uk (content/lexicon/*.yaml): a word of them is no place name."""
    everyday: frozenset[str] = frozenset()
    """The single theme and need words of ideas in all six languages (content/idea_words.yaml), stemmed."""

    places: frozenset[str] = frozenset()
    """Stemmed words for a place (the idea need 'ruimte': "buurthuis", "veldje"): part of many a wijk's name."""
    model: acts_model.Model | None = None
    """The second line (content/acts/model.json): asked where the rules' answer is weak."""
    feature_words: FeatureWords | None = None
    """Features in concepts (content/feature_words.yaml): a thing of the resident's and what to do with it."""
    correction_words: corrections.CorrectionWords | None = None
    """What rules a value out in a correction (content/correction_words.yaml)."""

    def ordinary_word(self, word: str) -> bool:
        """A folded word the project's own dictionaries know as an everyday word that names no place ("pomidor",
        "bahçe", "кава"); "park" and "centrum" are Dutch words too, and a wijk may be called so."""
        if stem(word) in self.places:
            return False
        if stem(word) in self.everyday:
            return True
        for known in self.dictionaries:
            dutch = known.meaning(word)
            if dutch is not None:
                said = fold(dutch).split()
                return word not in said and not any(stem(w) in self.places for w in said)
        return False


def _everyday(idea_words: IdeaWords) -> frozenset[str]:
    lists = [*idea_words.themes.values(), *(words for need, words in idea_words.needs.items() if need != PLACE_NEED)]
    return _stems(word for words in lists for word in words)


def _stems(words: Iterable[str]) -> frozenset[str]:
    return frozenset(stem(fold(w)) for w in words if len(fold(w).split()) == 1 and len(w) > 3)


PLACE_NEED = "ruimte"
"""The need of an idea whose words name places."""


def _phrases(table: dict[str, Languages], names: Sequence[str] | None = None) -> dict[str, Phrases]:
    keys = names if names is not None else list(table)
    return {name: Phrases.of(p for patterns in table.get(name, {}).values() for p in patterns) for name in keys}


@lru_cache(maxsize=4)
def load_lexicon(content_dir: Path) -> Lexicon:
    """The act phrases of a content folder, with the safety signals, idea words and gifts; a malformed file raises
    ValueError (the app checks this at start-up)."""
    try:
        parsed = _ActsFile.model_validate(yamlfile.load((content_dir / FILE).read_text(encoding="utf-8")))
    except (OSError, yaml.YAMLError, ValidationError) as exc:
        raise ValueError(f"{FILE}: {exc}") from exc
    unknown = [name for name in parsed.acts if name not in PHRASE_ACTS]
    unknown += [name for name in parsed.features if name not in FEATURES]
    unknown += [name for name in parsed.topics if name not in TOPICS]
    if unknown:
        raise ValueError(f"{FILE}: unknown act, feature or topic: {', '.join(unknown)}")
    idea_words = load_idea_words(content_dir)
    return Lexicon(
        acts=_phrases(parsed.acts, PHRASE_ACTS), features=_phrases(parsed.features, FEATURES),
        topics=_phrases(parsed.topics), slots=_phrases(parsed.slots), references=_phrases(parsed.references),
        signals=safety.load_signals(content_dir), idea_words=idea_words,
        gifts=load_gifts(content_dir), cues=act_cues.load_cues(content_dir),
        dictionaries=tuple(dictionary.Lexicon.build(code, words)
                           for code, words in read_lexicons(content_dir / "lexicon").items()),
        everyday=_everyday(idea_words),
        places=_stems(idea_words.needs.get(PLACE_NEED, [])),
        model=acts_model.load(content_dir),
        feature_words=load_feature_words(content_dir, FEATURES),
        correction_words=corrections.load_correction_words(content_dir),
    )


@dataclass(frozen=True)
class Situation:
    """Where a message was typed: what the dispatcher knows at that moment."""

    step: str | None = None
    """"flow:step" of the open question, or None."""
    options: tuple[Option, ...] = ()
    """The options on screen (of the open question, or of the bot's last message)."""
    free_text: bool | Callable[[str], bool] = False
    multi: bool = False
    slot: str | None = None
    corrects: tuple[str, ...] = ()
    """Earlier slots a correction typed here may change."""
    relay: bool = False
    prompts: tuple[tuple[Option, ...], ...] = ()
    """Options of messages the bot sent on its own that are still open (a check-in, an announcement), newest
    first."""
    after: str | None = None
    """The flow that ended with the bot's last message, when no question is open: a correction may still name
    its slots ("oops, I meant Bloemenbuurt" right after onboarding)."""
    previous: str | None = None
    """The slot of the answer given just before ("nee man, dat was een vraag" is about that one)."""
    ahead: tuple[str, ...] = ()
    """Slots of the open flow not asked yet: a text may answer one of them early ("ik ken de heer Jansen" at the
    themes)."""

    named: tuple[str, ...] = ()
    """The people named in the answer just before ("joost and sanne"): a removal names one of them."""
    locale: str | None = None
    """The resident's language: a word may answer otherwise in it (Polish "no" is a yes)."""
    given: tuple[tuple[str, str], ...] = ()
    """The answers of the open flow stored so far, per slot, as text: a correction that names no slot is about the
    answer that holds the name it replaces ("oeps de naam is fatma niet fatima", "nie basia tylko bożena")."""
    paused: bool = False
    """The bot's last message said "we'll continue later" (the question stays): "continue" then shows it again."""

    def takes_text(self, text: str) -> bool:
        free = self.free_text
        return free is True or (callable(free) and bool(free(text)))


@dataclass(frozen=True)
class Act:
    name: str
    slot: str | None = None
    """Correction: the earlier answer it changes."""
    topic: str | None = None
    """Question: what it is about (one of TOPICS)."""
    also: tuple[str, ...] = ()
    """Question: the topics of further questions in the same message ("wat is er deze week en wie ziet mijn
    oproep?"), answered after `topic`."""
    feature: str | None = None
    """Feature: which one (one of FEATURES)."""
    crisis: safety.Signal | None = None
    picks: tuple[str, ...] = ()
    """Answer: the options it picks, when it picks any (on a multi-select question: the options to tick or
    untick)."""
    confirm: Option | None = None
    """Answer: the one option it may mean, to be confirmed first ("6708 wageningen": De Nude (Wageningen)?)."""
    unmatched: bool = False
    """Answer: names none of the options of a question that needs one ("benedenbuurt" at the wijk question)."""
    why: tuple[str, ...] = field(default=(), compare=False)

    def explain(self) -> str:
        detail = self.slot or self.topic or self.feature or (self.crisis.kind if self.crisis else "")
        return f"{self.name}{'/' + detail if detail else ''}: " + "; ".join(self.why)


@dataclass
class _Reading:
    """One message as the classifier sees it, with the phrases found in it."""

    text: str
    folded: str
    words: list[str]
    acts: dict[str, list[str]]
    features: dict[str, list[str]]
    why: list[str] = field(default_factory=list)

    def has(self, act: str) -> bool:
        return bool(self.acts.get(act))

    asks: bool = False
    """Ends with a question mark, or a sentence of it opens as a question ("wie ziet m'n oproep dan")."""
    asks_by_form: bool = False
    """Asks only by how it opens (no question mark, no question phrase)."""
    cued: act_cues.Text | None = None
    """The text as the cue words see it (content/act_cues.yaml)."""


def _read(text: str, lexicon: Lexicon) -> _Reading:
    folded = fold(text)
    reading = _Reading(text, folded, folded.split(),
                       {name: phrases.found(folded) for name, phrases in lexicon.acts.items()},
                       {name: phrases.found(folded) for name, phrases in lexicon.features.items()})
    ending = text.rstrip().rstrip("".join(c for c in text if not c.isalnum() and c not in "?؟.!,;: ")).rstrip()
    openers = lexicon.acts["question"]
    # an opening that only looks like a question word ("co tydzien": every week) asks nothing by its opening
    reading.asks = ending.endswith(QUESTION_MARKS) or (not reading.has("not_question") and any(
        openers.found(fold(clause)) for clause in _CLAUSES.split(text)))
    if not reading.asks and any(mark in text for mark in QUESTION_MARKS):
        # "hallo weer. verbinder heeft gebeld? mijn idee koffie": a question in the middle counts when a topic
        # phrase says what it is about
        asked = " ".join(part for part in re.split(r"(?<=[.!?؟])\s+", text) if part.rstrip().endswith(QUESTION_MARKS))
        reading.asks = topic_of(asked, lexicon, keywords=False)[0] != "other"
    reading.cued = act_cues.Text.of(text)
    if not reading.asks and not reading.has("not_question"):
        opener = act_cues.asks(reading.cued, lexicon.cues)
        if opener:
            reading.asks = reading.asks_by_form = True
            reading.why.append(f'opens as a question ("{opener}")')
    return reading


_CLAUSES = re.compile(r"[.,;:!?؟،]+\s*")
QUESTION_MARKS = ("?", "؟")
"""The Latin and the Arabic question mark."""
LAUGHTER = ("haha", "hahaha", "hihi", "hehe", "lol", "lmao", "omg", "pff", "xd")
LAUGH_STARTS = ("haha", "hihi", "hehe", "hhh", "ahah", "ههه", "خخخ", "хаха", "ххх")
"""How a laugh typed longer begins ("hahah", "ههههه", "хахаха")."""


def laughs(word: str) -> bool:
    """A folded word that laughs ("lol", "hahah", "ههههه")."""
    return word in LAUGHTER or word.startswith(LAUGH_STARTS)
LAUGHING_EMOJI = ("😂", "🤣", "😅", "😆", "😄", "😁", "🙈")


def classify(text: str, situation: Situation, lexicon: Lexicon, *, second_line: bool = True) -> Act:
    """The act of one typed message in its situation: the rules, and where their answer is weak the second line."""
    signal = safety.detect(text, lexicon.signals)
    if signal is not None:
        return Act(CRISIS, crisis=signal, why=tuple(f'"{p}"' for p in signal.phrases))
    reading = _read(text, lexicon)
    act, decided_by = _by_rules(reading, situation, lexicon)
    model, weak = lexicon.model, weakness(act, decided_by)
    if second_line and model is not None and weak is not None:
        present = model_features(text, situation)
        probabilities = model.probabilities(present)
        best = second_opinion(probabilities, weak, model.threshold, unlikely(situation))
        if best is not None:
            why = f"{SECOND_LINE} {probabilities[best]:.2f} ({_quoted(model.explain(present, best))})"
            return _switched(best, reading, situation, lexicon, why) or act
    return act


def discards(text: str, lexicon: Lexicon) -> bool:
    """A cancel that throws away what is being made ("gooi maar weg dat hele idee", "викинь це"), not one that stops
    for now and keeps a draft."""
    return bool(lexicon.acts["discard"].found(fold(text)))


def asks(text: str, lexicon: Lexicon) -> bool:
    """Whether a text asks something: a question mark, a question phrase, or how it opens ("yo wat kan je")."""
    return _read(text, lexicon).asks


def by_rules(text: str, situation: Situation, lexicon: Lexicon) -> tuple[Act, str]:
    """The rules' act of a message that is no crisis, and the name of the rule that decided (for `weakness`)."""
    return _by_rules(_read(text, lexicon), situation, lexicon)


def _by_rules(reading: _Reading, situation: Situation, lexicon: Lexicon) -> tuple[Act, str]:
    for decide in (_back_after_pause, _swap, _gibberish, _people_named, _having_named, _plan_ahead, _both_ways,
                   _referred, _person_not_machine, _thanked, _strong_answer, _acknowledged, _explain, _feature,
                   _handoff, _resume, _pause, _back, _praise, _question, _joins, _correction, _cancel, _unclear,
                   _ticks, _nobody_known, _weak_answer, _values_named, _chitchat):
        act = decide(reading, situation, lexicon)
        if act is not None:
            return act, decide.__name__
    return _fallback(reading, situation, lexicon), _fallback.__name__


SECOND_LINE = "second line"
"""How `Act.why` says that the model (content/acts/model.json) decided, with its probability and words."""
SWITCHES: dict[str, tuple[float, tuple[str, ...]]] = {
    CORRECTION: (0.5, ("text", "unmatched")),
    QUESTION: (0.9, ("text", "unmatched")),
    HANDOFF: (0.5, ("text", "unmatched")),
    PAUSE: (0.5, ("text",)),
    CANCEL: (0.5, ("text",)),
    UNCLEAR: (0.5, ("unmatched",)),
}
"""The acts the second line may read instead of a weak answer: how sure it must be (at least the model's own
threshold too), and which kinds of weak answer (`weakness`) each may replace; chosen with bench/acts_cv.py. Never a
crisis: the safety check alone decides one. Never where nothing is open ("nothing"): the free-text intents read
that text ("ik kom naar de koffieochtend"). A lone word where typed text is the answer stays an answer ("geen" at
how many people may come), though a lone word that names none of the options is unclear ("banana"). A question
only when the model is very sure: plans and wishes name asking and who ("eerst vragen buurthuis of mag",
"co tydzien moze, w weekend")."""


def second_opinion(probabilities: dict[str, float], weak: str, floor: float, gone: tuple[str, ...] = (),
                   switches: dict[str, tuple[float, tuple[str, ...]]] = SWITCHES) -> str | None:
    """The act the second line reads instead of a weak answer of kind `weak`: the most probable act that may
    replace that kind and is not `gone` (out of place here), when it is as sure as that act needs and at least
    `floor`; else None."""
    allowed = [name for name, (_sure, kinds) in switches.items() if weak in kinds and name in probabilities
               and name not in gone]
    best = max(allowed, key=lambda name: probabilities[name], default=None)
    if best is None or probabilities[best] < max(floor, switches[best][0]):
        return None
    return best


def weakness(act: Act, decided_by: str) -> str | None:
    """How weak an answer of the rules is: "text" (typed text where the question takes text, nothing else
    matched), "unmatched" (names none of the options), "nothing" (no question open, nothing matched), "words" (an
    option named in more words or half a word), or None (a strong answer, or another act)."""
    if act.name != ANSWER or (act.picks and decided_by != _weak_answer.__name__):
        return None
    if decided_by == _weak_answer.__name__:
        return "words"
    if decided_by != _fallback.__name__:
        return None
    if act.unmatched:
        return "unmatched"
    return "text" if act.why and act.why[-1] == TAKEN_AS_TEXT else "nothing"


HANDING_OVER = ("handover", "handoff")
"""Flows that put the resident in touch with a person: asking for one there answers them ("ik bel liever met de
wijkcoach zelf" at may I send your idea)."""


def unlikely(situation: Situation) -> tuple[str, ...]:
    """Acts the second line does not read at this step: those out of place for the rules too, a person asked for
    in the flows that hand over to one, and unclear at the neighbourhood question, whose step answers a name it
    does not know itself ("blabla" → "Die wijk ken ik nog niet" with the wijken, not "Dat begreep ik niet")."""
    flow = (situation.step or "").split(":")[0]
    return (*_out_of_place(situation), *((HANDOFF,) if flow in HANDING_OVER else ()),
            *((UNCLEAR,) if situation.slot in WIJK_SLOTS else ()))


def switched(name: str, text: str, situation: Situation, lexicon: Lexicon) -> Act | None:
    """The act `name` as the second line would read a text instead of the rules' answer, with what that act needs
    (a correction the slot the correction rules find, a question its topic, a feature its name), or None when
    that cannot be found."""
    return _switched(name, _read(text, lexicon), situation, lexicon, SECOND_LINE)


def _switched(name: str, reading: _Reading, situation: Situation, lexicon: Lexicon, why: str) -> Act | None:
    if name == CORRECTION:
        if _current_score(reading, situation, lexicon):
            return None  # unmarked, a text that names what the question on screen asks for answers it ("spullen heb
            # ik al, alleen een ruimte en wat vrijwilligers" at how do you picture it and what do you have)
        slot, about = _corrected_slot(reading, situation, lexicon)
        return _act(CORRECTION, reading, f"{why}, {about}", slot=slot) if slot else None
    if name == QUESTION:
        topic, found = topic_of(reading.text, lexicon)
        return _act(QUESTION, reading, f"{why}, {_quoted(found) or 'a question'}", topic=topic)
    if name == FEATURE:
        named = next((feature for feature in FEATURES if reading.features.get(feature)), None)
        return _act(FEATURE, reading, why, feature=named) if named else None
    if name in (ANSWER, CRISIS):
        return None
    return _act(name, reading, why)


def model_features(text: str, situation: Situation) -> set[str]:
    """What the second line reads of a message and where it was typed (acts_model.features)."""
    step = situation.step or "none"
    where = {f"at:{step}", f"flow:{step.split(':')[0]}", f"expects:{STEP_EXPECTS.get(step, '-')}",
             f"text:{'yes' if situation.step is not None and situation.takes_text(text) else 'no'}",
             f"options:{len(situation.options) > 0}", f"multi:{situation.multi}", f"relay:{situation.relay}",
             f"prompts:{len(situation.prompts) > 0}", f"after:{situation.after}", f"previous:{situation.previous}",
             f"corrects:{len(situation.corrects) > 0}"}
    where |= {f"family:{o.family}" for o in situation.options if o.family}
    return acts_model.features(text, where)


def _act(name: str, reading: _Reading, why: str, **values: object) -> Act:
    return Act(name, why=(*reading.why, why), **values)  # type: ignore[arg-type]


CANCELLING = ("cancel", "discard")
"""Option families that stop: never mind, and throwing away ("🗑️ Throw away")."""


def _picked(found: Resolution, reading: _Reading, situation: Situation, why: str) -> Act:
    """An answer picks options; picking the back or the cancel option is going back or cancelling."""
    if any(pick.endswith(BACK_CHOICE) for pick in found.picks):
        return _act(BACK, reading, why + ": the back option")
    cancelling = {o.data for options in _all_options(situation) for o in options if o.family in CANCELLING}
    if found.picks and set(found.picks) <= cancelling:
        return _act(CANCEL, reading, why + ": the cancel option", picks=found.picks)
    return _act(ANSWER, reading, why, picks=found.picks)


# --- the options on screen -----------------------------------------------------------------------------
def _all_options(situation: Situation) -> list[tuple[Option, ...]]:
    """The options on screen, then those of messages the bot sent on its own; at a question that takes typed text
    only its own options (the text is its answer, not an answer to an older message)."""
    if situation.step is not None and situation.free_text is True:
        return [situation.options]
    return [situation.options, *situation.prompts] if situation.options else list(situation.prompts)


def _strong_answer(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """An option number, an option's label or a word of its answer family, as the whole message; or a text the
    question itself declares an answer (a postcode at the wijk question)."""
    if callable(situation.free_text) and situation.free_text(reading.text) and not _asks_more(reading, lexicon) \
            and not any(reading.features.get(name) for name in OWN_BUSINESS) and not _bare_yes(reading, situation):
        return _act(ANSWER, reading, "the kind of text this question takes")
    own = answers.own_language_family(reading.text, situation.locale)
    meant = tuple(o.data for o in situation.options if own and o.family == own)[:1]
    if meant:  # a lone "no" of a Polish resident at "Zgadza się?": the colloquial yes
        return _act(ANSWER, reading, f"means {own} in the resident's language", picks=meant)
    picked: list[Resolution] = []
    for options in _all_options(situation):
        found = answers.resolve(reading.text, options, multi=situation.multi, exact_only=True,
                                numbers=options is situation.options)
        if found.picks and options is situation.options:
            return _picked(found, reading, situation, "names an option")
        if found.ambiguous:
            return _act(UNCLEAR, reading, "could be several options")
        if found.picks:
            picked.append(found)
    if len(picked) > 1:
        return _act(UNCLEAR, reading, "answers more than one open message")
    spelled = answers.in_other_letters(reading.text, situation.options) if "?" not in reading.text else None
    if spelled is not None and spelled.picks:  # "де нюде" is De Nude, not "where ...?"
        return _picked(spelled, reading, situation, "names an option in other letters")
    return _picked(picked[0], reading, situation, "answers an open message") if picked else None


def _asks_more(reading: _Reading, lexicon: Lexicon) -> bool:
    """A question of more than a word or two about a topic ("czy za pozwolenie trzeba płacić", "izin almak ne kadar
    sürer", "لازم ادفع شي للتصريح؟": the rules): it names what the question takes, but asks about it; "een
    ruimte?" still answers, and "waar was ik" at "shall we go on with your draft?" is what that step takes."""
    if not reading.asks or reading.has("not_question") or reading.has("resume"):
        return False
    topic = topic_of(reading.text, lexicon)[0]
    if len(reading.words) <= 2:
        return topic in SHORT_ASKED  # "البلدية بتدفع؟": who pays is asked, in two words
    return topic not in ("other", "lost", "next")


def _acknowledged(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """"ok" at a question where several options may be ticked, then "Done": done when something is ticked, else
    unclear (the repair layer asks one short question); never chitchat, never an option."""
    if not situation.multi or situation.takes_text(reading.text) \
            or not answers.family_of(without_laughter(reading.text), "yes"):
        return None  # where typed text is an answer too, the step says what it makes of a plain "yes"
    done = next((o for o in situation.options if o.family == "done"), None)
    if done is None or any(o.family == "yes" for o in situation.options):
        return None
    if any(o.label.startswith(TICKED) for o in situation.options):
        return _act(ANSWER, reading, "an ok with options ticked: done", picks=(done.data,))
    return _act(UNCLEAR, reading, "an ok with nothing ticked")


def _weak_answer(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """A word or beginning of a label, a typo, or an answer in more words ("maybe, depends on my shift",
    "eerst even zelf proberen met de buren"): bot/answers.py's resolvers, on the options on screen first."""
    for options in _all_options(situation):
        on_screen = options is situation.options
        takes_text = on_screen and situation.takes_text(reading.text)
        found = answers.resolve(reading.text, options, multi=situation.multi, exact_only=takes_text,
                                numbers=on_screen, exact_commands=situation.step is None and reading.asks)
        if found.picks:
            return _picked(found, reading, situation, "picks an option")
        if takes_text:
            # typed text is the answer here; an option only when named exactly, or as the first clause with only
            # a comment after it ("nobody yet, thats kind of the point lol"), or with only a laugh ("nobody yet lol")
            bare = without_laughter(reading.text)
            if bare and bare != fold(reading.text):
                found = answers.resolve(bare, options, exact_only=True, numbers=False)
                if found.picks:
                    return _picked(found, reading, situation, f'an option and a laugh ("{bare}")')
            first, rest = _first_clause(reading.text), _rest(reading.text)
            if first and not _goes_on(rest) and not rest.rstrip().endswith(QUESTION_MARKS):  # not "geen idee tbh.
                # moet dat van de gemeente?": a question after it
                found = answers.resolve(first, options, exact_only=True, numbers=False)
                if found.picks:
                    return _picked(found, reading, situation, f'opens with an option ("{first}")')
            continue
        ambiguous = found.ambiguous
        if situation.step is None:  # no question open: only the buttons of a message, never a menu of commands
            options = tuple(o for o in options if o.data.startswith("!"))
        found = answers.resolve_in_words(reading.text, options, multi=situation.multi)
        if found.picks and _hedged_done(found.picks, reading, situation, lexicon):
            return _act(UNCLEAR, reading, "does not know, with nothing ticked: no done")
        if found.picks:
            return _picked(found, reading, situation, "names an option in more words")
        if found.ambiguous or ambiguous:
            return _act(UNCLEAR, reading, "could be several options")
        if found.confirm is not None:
            return _act(ANSWER, reading, f"may mean {found.confirm.label!r}: asks to confirm", confirm=found.confirm)
    return None


def _hedged_done(picks: tuple[str, ...], reading: _Reading, situation: Situation, lexicon: Lexicon) -> bool:
    """"dunno kinda", "no nie wiem w sumie" at what you need, with nothing ticked: not knowing reads as "Done" in
    words, but says nothing is needed no more than it says what is; one short question back instead."""
    done = {o.data for o in situation.options if o.family == "done"}
    return bool(picks) and set(picks) <= done and not any(o.label.startswith(TICKED) for o in situation.options) \
        and (_not_knowing(reading, lexicon) or reading.has("unclear"))


GOES_ON = frozenset({"maar", "but", "behalve", "except", "alleen", "only", "wel", "en", "and", "plus", "ook", "also"})


def _rest(text: str) -> str:
    first = _first_clause(text)
    return text[len(first):].lstrip(" ,.!;-") if first else ""


def _goes_on(rest: str) -> bool:
    """The rest of an answer adds to it ("nee, maar mijn buurman misschien") rather than comment on it."""
    words = fold(rest).split()
    return bool(words) and words[0] in GOES_ON


TICKED = "✅"


def without_laughter(text: str) -> str:
    """The text folded, without the laughs and emoji around it ("nobody yet lol" → "nobody yet")."""
    words = fold(text).split()
    return " ".join(w for w in words if w not in LAUGHTER and not w.startswith(("haha", "hihi", "hehe", "hhh")))


def _nobody_known(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """"Nobody yet lol" at the summary of an idea: who they know, corrected to nobody (never a name). Only the words
    for nobody: a plain no or "dunno" there is about the summary's own options."""
    if "knows" not in situation.corrects or situation.slot == "knows" or situation.takes_text(reading.text) \
            or "knows" in situation.ahead:
        return None  # "nog niemand" at what you need, before who you know was asked: nothing needed yet
    if any(o.family == "nobody" for options in _all_options(situation) for o in options):
        return None
    bare = without_laughter(reading.text)
    if bare and answers.family_of(bare, "nobody") and not answers.family_of(bare, "no") \
            and not answers.family_of(bare, "nothing"):
        return _act(CORRECTION, reading, f'names nobody ("{bare}")', slot="knows")
    return None


KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn")
OTHER_KEYBOARD_ROWS = ("йцукенгшщзхї", "фівапролджє", "ячсмитьбю", "ضصثقفغعهخحجد", "شسيبلاتنمكط", "ءؤرلاىهوزظ")
"""Ukrainian and Arabic keyboard rows, as `fold` leaves them: keys hit side by side ("фівапр", "ججحخهع")."""
KEY_RUN = 3
ONE_ROW_MIN = 6
"""Different letters of one row of another script's keyboard, in any order and without a vowel letter, that make
keys hit ("خحهعغف")."""
OTHER_VOWELS = frozenset("аеєиіїоуюяыэёاويىةءئؤأإآ")
"""Ukrainian (and Russian) vowels and the Arabic long vowels, hamza and ta marbuta."""
"""Keys side by side on one row, at least this many, twice make a word of keys ("asd" + "kjh")."""
FILLER = frozenset({"ok", "oke", "okay", "lol", "hmm", "hm", "eh", "uh", "huh", "nou", "ja", "yes", "ya"})
"""Words that may stand next to keys hit ("sdfsdf ok"): with them the message still says nothing."""
VOWELS = frozenset("aeiouyąęóæøå")
NO_VOWEL_WORDS = frozenset({"hmm", "hm", "hmmm", "pff", "pfff", "brb", "thx", "nvm", "idk", "xd", "psst", "sms", "tv",
                            "ff", "mn", "m", "n", "k", "kk", "ok", "sws", "gwn", "rn", "pls", "plz", "grr", "shh",
                            "zzz", "mrc", "bb", "wsp", "jk", "smh", "tbh", "ty", "np", "dm", "pm", "mfg", "bzw", "nl",
                            "nr", "st", "str", "vd", "vrijd"})
"""Words without a vowel that people type on purpose."""


def _gibberish_word(word: str) -> bool:
    if any(ch.isdigit() for ch in word) or word in NO_VOWEL_WORDS:
        return False  # numbers, Arabizi ("d7k"): not judged here
    if _one_key_held(word):
        return True  # "ججججخخ", "jjjjkk": a key held down, then the one next to it
    if not word.isascii():  # other scripts: only keys side by side ("фівапр"), never a real word
        keys = answers.squeezed(word)
        if len(keys) >= 4 and any(keys in row or keys[::-1] in row for row in OTHER_KEYBOARD_ROWS):
            return True
        if _two_key_runs(word, OTHER_KEYBOARD_ROWS):
            return True  # "фівафіва"
        # keys of one row hit in no order ("خحهعغف"): that many different letters of one row make no word
        return len(set(keys)) >= ONE_ROW_MIN and not OTHER_VOWELS & set(keys) \
            and any(set(keys) <= set(row) for row in OTHER_KEYBOARD_ROWS)
    if len(word) >= 3 and len(set(word)) == 1 and word[0] not in "h":  # "kkkkk", "aaaa"; "hhhh" laughs
        return True
    if len(word) >= 4 and any(word in row or word[::-1] in row for row in KEYBOARD_ROWS):
        return True  # "asdfgh", "qwerty", "lkjh"
    if _two_key_runs(word, KEYBOARD_ROWS):
        return True  # "asdkjh"
    if len(word) >= ONE_ROW_MIN and len(set(word)) >= ONE_ROW_MIN - 1 \
            and any(set(word) <= set(row) for row in KEYBOARD_ROWS[:3]):
        return True  # "qwpeoir": many different keys of one row, in no order
    return len(word) >= 4 and not VOWELS & set(word)  # "sdfgkl", "jkjkjk"


HELD = 3
"""The same letter this many times in a row: a key held down."""
LAUGH_LETTERS = frozenset("hهخ")
"""Letters typed many times to laugh ("hhhh", "ههههه", "خخخخ")."""


def _one_key_held(word: str) -> bool:
    """A consonant typed HELD times or more in a row, with at most one other consonant and no vowel ("ججججخخ",
    "kkkkk"); laughs excepted."""
    letters = set(word)
    if len(letters) > 2 or letters & (VOWELS | OTHER_VOWELS) or not word.isalpha():
        return False  # "jaaaa", "لاااا", "nooo": a word said with feeling
    return any(ch * HELD in word for ch in letters - LAUGH_LETTERS)


def _two_key_runs(word: str, rows: Sequence[str]) -> bool:
    """Two runs of keys side by side on one row, each at least KEY_RUN long, and nothing else ("asd" + "kjh")."""
    keys = answers.squeezed(word)
    for cut in range(KEY_RUN, len(keys) - KEY_RUN + 1):
        head, tail = keys[:cut], keys[cut:]
        for row in rows:
            if all(part in row or part[::-1] in row for part in (head, tail)):
                return True
    return False


def _gibberish(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """Keys hit without words ("asdfgh", "kkkkk", "jkjkjk"), or only question marks: one short clarifying question,
    never an answer."""
    if situation.relay:
        return None
    if not reading.words:
        if reading.text.strip() and not reading.text.strip().strip("?¿؟ "):
            return _act(UNCLEAR, reading, "only question marks")
        return None
    if gibberish(reading.text):
        return _act(UNCLEAR, reading, "no word in it, only keys")
    return None


def gibberish(text: str) -> bool:
    """Keys hit without a word ("asdfgh", "kkkkk", "jkjkjk", "sdfsdf ok"), or only question marks."""
    words = fold(text).split()
    if not words:
        return bool(text.strip()) and not text.strip().strip("?¿؟ ")
    keys = [w for w in words if w not in FILLER]
    hit = [_gibberish_word(w) for w in keys]
    if any(hit) and not all(hit):  # "asdfgh jkl": a short run of keys next to a longer one is keys too
        hit = [h or (len(w) == KEY_RUN and any(w in row for row in KEYBOARD_ROWS)) for h, w in zip(hit, keys,
                                                                                                 strict=True)]
    return bool(keys) and all(hit)


def _both_ways(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """"ja nee misschien", "evet hayır bilmiyom", "так ні не знаю": a yes and a no in a few words, the one
    unsure of the other; which one is meant is asked, never guessed."""
    if situation.relay or len(reading.words) > SHORT or re.search(r"[,.;:!?]", reading.text.strip().rstrip("?!.")):
        return None
    yes = any(answers.family_of(w, "yes") for w in reading.words)
    no = any(answers.family_of(w, "no") and not answers.family_of(w, "yes")
             and answers.own_language_family(w, situation.locale) != "yes" for w in reading.words)  # Polish "no dobra"
    return _act(UNCLEAR, reading, "says yes and no") if yes and no else None


def _ticks(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """On a multi-select question of themes or needs, values named and ruled out: "nee, de zaal heb ik al" unticks
    the room, "geen sport maar spelen" swaps them."""
    finder = {"themes": lexicon.idea_words.themes_in, "needs": lexicon.idea_words.needs_in}.get(situation.slot or "")
    if finder is None or not situation.multi:
        return None
    mentioned = corrections.values_in_order(reading.text, finder, lexicon.idea_words.phrases, lexicon.correction_words)
    if not any(out for _value, out in mentioned):
        return None
    by_value = {o.data.rsplit(":", 1)[-1]: o for o in situation.options}
    toggles = [by_value[value].data for value, out in mentioned if value in by_value
               and by_value[value].label.startswith(TICKED) == out]
    if not toggles:
        return None
    return _act(ANSWER, reading, "ticks and unticks what it names", picks=tuple(toggles))


def _first_clause(text: str) -> str:
    for mark in (",", ".", "!", ";", " - "):
        head, found, _rest = text.partition(mark)
        if found and head.strip():
            return head.strip()
    return ""


# --- acts named by their phrases ---------------------------------------------------------------------------
def _explain(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """"Wat bedoel je precies?", "snap ik niet", "what do you mean by that": the bot's last question in other
    words, asked for as the whole message (a question that only contains such words is about something else)."""
    if situation.relay or not reading.has("explain"):
        return None
    return _act(EXPLAIN, reading, _quoted(reading.acts["explain"]))


def _feature(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    found = [name for name in FEATURES if reading.features.get(name)]
    if "language" in found and reading.has("speaks") and request_in(reading.text) is None:
        found.remove("language")  # "a room and some people who speak dutch": a language in an answer
    if "language" not in found and request_in(reading.text) is not None:  # "hoi, spreek je ook turks? ..."
        found.append("language")
        reading.features["language"] = ["a language asked for"]
    if not found:
        found = _feature_in_concepts(reading, lexicon)
        if found and _person_asked(reading, situation, lexicon) is not None:
            return None  # "czy moglby ktos z osiedla przyjsc do mnie?": someone of the wijk asked to come, no move
    if not found:
        return None
    name = found[0]
    languages = any((o.family or "").startswith("lang_") for o in situation.options)
    if name == situation.slot or (name == "language" and languages):
        return _act(ANSWER, reading, f"names a {name} where the question asks for one")
    if name == "language" and _asks_about_languages(reading, situation, lexicon):
        return _act(QUESTION, reading, "asks which languages the bot speaks", topic="languages")
    if name == "language" and reading.asks and request_in(reading.text) is None \
            and LANGUAGE_NAMES.get(language_named(reading.folded) or "") == situation.locale:
        # "anything in english tho?" in English: what is on in it; "ممكن نكتب ليك بالدارجة؟": which languages; no
        # switch to the language already spoken
        topic = "whats_on" if topic_of(reading.text, lexicon)[0] == "whats_on" else "languages"
        return _act(QUESTION, reading, "asks about the language already spoken", topic=topic)
    if name in GLOBAL_SLOTS and reading.has("correction") and _corrective_language(reading):
        return _act(CORRECTION, reading, f"corrects the {name}", slot=name)
    return _act(FEATURE, reading, f"asks for {name}: " + ", ".join(f'"{p}"' for p in reading.features[name]),
                feature=name)


def _asks_about_languages(reading: _Reading, situation: Situation, lexicon: Lexicon) -> bool:
    """Whether a language named with a verb for speaking it asks what the bot speaks, not to switch to it: about
    the language already spoken ("türkçe konuşabiliyor musun?" from a Turkish resident), or with "also" in the
    middle of something ("spreek jij ook arabisch?" at what you can lend). "do you speak dutch?" typed in English
    switches, and so does a first message "hoi, spreek je ook turks?"."""
    openers = lexicon.cues.openers
    if not reading.asks or reading.cued is None or "ability" not in openers \
            or not reading.cued.find(openers["ability"]):
        return False
    if situation.step is not None and "also" in openers and reading.cued.find(openers["also"]):
        return True
    asked = request_in(reading.text)
    named = language_named(reading.folded)
    locale = asked[0] if asked is not None else LANGUAGE_NAMES.get(named or "")
    return locale is None or locale == situation.locale


def _feature_in_concepts(reading: _Reading, lexicon: Lexicon) -> list[str]:
    """A feature no phrase names, in concepts: "kun je alles wat je van mij weet wissen", "fikirlerim listesi
    nerde" (content/feature_words.yaml)."""
    if lexicon.feature_words is None or reading.cued is None:
        return []
    asked = lexicon.feature_words.asked(reading.cued)
    if asked is None:
        return []
    name, words = asked
    reading.features[name] = words
    return [name]


def _corrective_language(reading: _Reading) -> bool:
    """"I meant", "by mistake", "verkeerd", "yanlışlıkla", "przez przypadek": a slip, not a wish to change
    something."""
    return reading.has("slip")


def _handoff(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    if reading.has("handoff") and not situation.relay:
        return _act(HANDOFF, reading, _quoted(reading.acts["handoff"]))
    return _person_asked(reading, situation, lexicon)


NOT_A_PERSON_ASKED = ("waiting", "own_things", "who_sees")
"""Questions about a person who is to call, not for one: when ("wanneer belt iemand me terug?"), about one's own
things, who sees them."""
PERSON_WISHED_CONTENT = 4
"""At most this many other words in a wish for a person that is not asked: more say what it is about (a report, a
plan), which the free-text intents and the question read."""
def _person_asked(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """A person (of the wijk, or anyone) and a way of being in touch, asked for or wished for oneself: "kan er
    iemand van het wijkteam even langskomen", "is there a neighbourhood worker i can phone instead", "czy ktos z
    dzielnicy moze do mnie zadzwonic", "id prefer talking this through with someone face to face". Where the
    question asks what the resident will do a call is the plan ("iemand van de gemeente bellen"), and where it asks
    what they offer, the gift: there only a preference for a person asks for one."""
    cued, openers = (act_cues.Text.of(reading.text) if reading.cued else None), lexicon.cues.openers
    if cued is None or situation.relay or situation.step in PLANNING \
            or (situation.step or "").split(":")[0] in HANDING_OVER:
        return None
    found = {name: [cue for cue, _at in cued.find(openers[name], mark=True)] for name in ("person", "contact", "for_me")
             if name in openers}
    if not found.get("person") or not found.get("contact"):
        return None
    wished = found.get("for_me", [])
    preferring = openers["preferring"].words() if "preferring" in openers else frozenset()
    preferred = any(word in preferring for word in wished)
    if situation.step in OFFERING and not preferred:
        return None
    if not (reading.asks or wished) or topic_of(reading.text, lexicon, keywords=False)[0] in NOT_A_PERSON_ASKED \
            or mentions_damage(reading.text):
        return None
    if not reading.asks and len(act_cues.content(cued, lexicon.cues)) > PERSON_WISHED_CONTENT:
        return None  # "ik zou graag iemand spreken over de bankjes in het park, die zijn vermolmd": about them
    words = [*found["person"], *found["contact"], *wished]
    return _act(HANDOFF, reading, f"a person and a way to be in touch, {'asked' if reading.asks else 'wished'} "
                                  f"({_quoted(words)})")


def _person_not_machine(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """A person put against this conversation ("bana yardım edecek gerçek bir kişi lazım, robot değil", "أحتاج إنسان
    يساعدني مش برنامج", "a real person, not a chat"): a person asked for, though "help" or "person" may also name
    what the question on screen asks for (helping hands at what you need). Asked ("are you a bot or a person?") it
    is a question about the bot; where the resident offers or plans, only a preference or a real person asks."""
    cued, openers = reading.cued, lexicon.cues.openers
    if cued is None or reading.asks or situation.relay or "machine" not in openers \
            or (situation.step or "").split(":")[0] in HANDING_OVER:
        return None
    person, machine = cued.find(openers["person"]), cued.find(openers["machine"])
    if not person or not machine:
        return None
    preferring = openers["preferring"] if "preferring" in openers else act_cues.CueList(())
    if (situation.step in OFFERING or situation.step in PLANNING) and not cued.find(preferring):
        return None
    return _act(HANDOFF, reading, f"a person put against the bot ({_quoted([w for w, _ in person + machine])})")


def _resume(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    if reading.has("resume") and not answers.resolve(reading.text, situation.options).picks:
        return _act(RESUME, reading, _quoted(reading.acts["resume"]))
    return None


def _back_after_pause(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """"continue" after "fine, we'll continue later": the question again, not its own "Just go on"."""
    if situation.paused and reading.has("resume"):
        return _act(RESUME, reading, "back after a pause: " + _quoted(reading.acts["resume"]))
    return None


def _offered(situation: Situation, *families: str) -> tuple[str, ...]:
    return tuple(o.data for o in situation.options if o.family in families)[:1]


def _pause(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    if not reading.has("pause"):
        return None
    later = _offered(situation, "later")
    if later:  # the question's own "later" option: an answer
        return _act(ANSWER, reading, "the question's own later option", picks=later)
    return _act(PAUSE, reading, _quoted(reading.acts["pause"]))


def _back(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    if reading.has("slip"):
        return None  # "bij de vorige vraag bedoelde ik ...", "önceki soruda ... demek istedim": a correction of it
    if reading.has("back") or answers.family_of(reading.text, "back"):
        return _act(BACK, reading, _quoted(reading.acts["back"]) or "a back word")
    return None


def _cancel(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    if reading.has("cancel") or reading.has("discard") or answers.family_of(reading.text, "cancel"):
        return _act(CANCEL, reading, _quoted(reading.acts["cancel"] or reading.acts["discard"]) or "a cancel word")
    return None


# --- corrections ------------------------------------------------------------------------------------------------
def _candidate_slots(situation: Situation) -> list[str]:
    return [*dict.fromkeys([*situation.corrects, *GLOBAL_SLOTS])]


REFERENCE = 2
"""A reference to an earlier question ("bij wat ik heb", "ilk adımı") weighs as two of its values: "wacht bij wat
ik heb moet ook de boormachine van mijn vader" at who you know is about what they have, though "vader" is a person."""


def _slot_score(slot: str, reading: _Reading, lexicon: Lexicon) -> int:
    """How clearly a message names an answer: the words for it ("het thema", "wie ik ken") and its values (the
    themes, needs or gifts it mentions)."""
    score = len(lexicon.slots[slot].found(reading.folded)) if slot in lexicon.slots else 0
    if slot in lexicon.references:
        score += REFERENCE * len(lexicon.references[slot].found(reading.folded))
    if slot == "themes":
        score += len(lexicon.idea_words.themes_in(reading.text))
    elif slot == "needs" and not people.joining(reading.text, lexicon.idea_words) \
            and not people.helping(reading.text, lexicon.idea_words):  # "meedoen", "kan helpen" of a person
        score += len(lexicon.idea_words.needs_in(reading.text))
    elif slot == "knows" and people.joining(reading.text, lexicon.idea_words):
        score += 2
    elif slot in ("heart", "hands", "lend"):
        found = set(lexicon.gifts.in_text(reading.text))
        score += sum(1 for c in lexicon.gifts.categories if c.kind == slot and c.id in found)
    return score


def _current_score(reading: _Reading, situation: Situation, lexicon: Lexicon) -> int:
    """How clearly the message is about the question on screen ("nee, de zaal heb ik al" at what you need)."""
    score = _slot_score(situation.slot, reading, lexicon) if situation.slot else 0
    score += sum(_slot_score(slot, reading, lexicon) for slot in ALSO_ASKS.get(situation.step or "", ()))
    kind = STEP_EXPECTS.get(situation.step or "")
    if kind == "people" and reading.cued is not None and act_cues.fits(kind, reading.cued, lexicon.cues):
        score += 1  # "ali değil, mehmet abi yardım eder" at who you know: people, the answer asked for
    labelled = [Option(o.data, o.label) for o in situation.options if not o.data.endswith(BACK_CHOICE)]
    return score + (1 if labelled and answers.resolve_in_words(reading.text, labelled).picks else 0)


def _only_referred(slot: str, reading: _Reading, situation: Situation, lexicon: Lexicon) -> bool:
    """The text refers to an earlier answer without a new value for it, where the options on screen name what to
    change: it picks that option ("who i know, i forgot someone"), it does not correct it yet."""
    if situation.slot or slot not in lexicon.references or not lexicon.references[slot].found(reading.folded):
        return False
    values = _slot_score(slot, reading, lexicon) - REFERENCE * len(lexicon.references[slot].found(reading.folded))
    labelled = [Option(o.data, o.label) for o in situation.options if not o.data.endswith(BACK_CHOICE)
                and o.family not in ("yes", "no")]
    return values <= 1 and bool(labelled) and bool(answers.resolve_in_words(reading.text, labelled).picks)


REFERRED_AT = 3
"""A reference to an earlier answer within this many words of the start opens the message with it."""


def _referred(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """A text that opens by naming an earlier question's answer in that question's own words ("bij wat ik heb: ook
    een partytent", "elimde olanlara ses sistemi ekle", "the idea ... rather than ...", "الخطوة الأولى خليها ..."),
    or names it anywhere with a word for adding to it ("w potrzebach dopisz pozwolenie"): a correction of that
    answer, though no "sorry" or "wait" marks it, and before the question on screen reads it as its own text."""
    adds = bool(reading.cued and reading.cued.find(lexicon.cues.openers.get("adding", act_cues.CueList(()))))
    if situation.relay or (reading.asks and not reading.asks_by_form and not adds) or situation.step is None:
        return None  # "nasıl hayal ettiğime ek: ..." only opens like a question; "tanıdıklarıma Ayşe'yi de ekler
        # misin?" asks the bot to add her
    for slot in _candidate_slots(situation):
        if slot == situation.slot or slot not in lexicon.references:
            continue
        starts = [len(reading.folded[:start].split()) for start, _end in lexicon.references[slot].spans(
            reading.folded)]
        if not starts or not (min(starts) < REFERRED_AT or adds):
            continue
        if _only_referred(slot, reading, situation, lexicon) or _thrown_away(slot, reading, lexicon) \
                or _slot_score(slot, reading, lexicon) <= _current_score(reading, situation, lexicon):
            continue
        return _act(CORRECTION, reading, f"names the earlier answer ({slot}) in its question's words", slot=slot)
    return None


THROWN_AWAY_CONTENT = 1
"""At most this many words besides the words for throwing away and for the earlier answer ("gooi maar weg dat hele
idee", "خلاص انسى الفكرة كلها"): the answer thrown away, no new value for it."""


def _thrown_away(slot: str, reading: _Reading, lexicon: Lexicon) -> bool:
    """A word for cancelling with the earlier answer it names, and nothing new for it: "wyrzuc ten pomysl, nie chce
    juz", "خلاص انسى الفكرة كلها" throw the idea away; "vergeet de titel, het wordt Buurtsoep" corrects it."""
    rest = act_cues.Text.of(without(reading.folded, lexicon.references[slot]))
    if not rest.find(lexicon.cues.acts["cancel"], mark=True) and not reading.has("cancel") \
            and not reading.has("discard"):
        return False
    return len(act_cues.content(rest, lexicon.cues)) <= THROWN_AWAY_CONTENT


def _swap(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """"Wait, not his dad, his mum" right after naming who they know: one person swapped for another (the swap
    patterns of content/idea_words.yaml), or one of them taken off ("wait, actually not joost"), before "wait" can
    be read as the option to go back."""
    if situation.previous != "knows" or "knows" not in situation.corrects or situation.slot == "knows":
        return None
    if lexicon.idea_words.themes_in(reading.text) or lexicon.idea_words.needs_in(reading.text):
        return None
    found = people.swap(reading.text, lexicon.idea_words)
    known = [*situation.named, *(answer for slot, answer in situation.given if slot == "knows")]
    if found is not None and (not known or any(people.holds(answer, found[0]) for answer in known)):
        return _act(CORRECTION, reading, "swaps a person named just before", slot="knows")
    gone = people.removed(situation.named, reading.text, lexicon.idea_words)
    if gone is not None:
        return _act(CORRECTION, reading, f'takes "{gone}" off the people named just before', slot="knows")
    return None


def _people_named(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """A person who joins in ("wacht, de heer Jansen van de overkant wil ook meedoen", "oh and my neighbour tom wants
    to join too"), or who the resident knows said before that question ("Ik ken de heer Jansen ..." at "Is that
    right?" about the themes): the people slot, never a need ("meedoen") or a yes ("graag")."""
    if situation.slot == "knows" or situation.relay or reading.asks:
        return None
    words = lexicon.idea_words
    helps = people.helping(reading.text, words)
    joined = people.joining(reading.text, words)
    if "knows" in (*situation.corrects, *situation.ahead) and (helps or joined):
        takes_text = situation.step is not None and situation.takes_text(reading.text)
        opens = bool(joined) and reading.folded.startswith(fold(joined)) \
            and people.mentions_people(joined, words)  # "mijn buurman de heer Jansen speelt ook", not "een bbq ..."
        if not takes_text or reading.words[0] in people.LEAD or reading.has("correction") or helps or opens:
            return _act(CORRECTION, reading, "names someone who joins in or helps", slot="knows")
    if "knows" in situation.ahead and not (situation.step and situation.takes_text(reading.text)) \
            and people.knowing(reading.text, words):
        return _act(CORRECTION, reading, "says who they know before that question", slot="knows")
    if "knows" in situation.ahead and situation.options and not situation.takes_text(reading.text) \
            and people.only_people(reading.text, words):  # at "what do you need?": the people, for their question
        return _act(CORRECTION, reading, "names people, at a question with options that names none", slot="knows")
    return None


def _plan_ahead(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """A first step of one's own typed at an earlier question with options, before the first step is asked
    ("поговорю з бібліотекою наступного тижня", "ik ga volgende week met de bibliotheek praten" at the themes): kept
    as the first step (that question is then not asked); not when it names what the open question asks."""
    if "first_step" not in situation.ahead or not situation.options or situation.relay or reading.asks \
            or situation.step is None or situation.takes_text(reading.text):
        return None
    words = lexicon.idea_words
    if not words.plans(reading.text) or words.themes_in(reading.text) or words.needs_in(reading.text):
        return None
    return _act(CORRECTION, reading, "says their first step before that question", slot="first_step")


HAVING_ASKED = ("text", "picture", "has", "needs")
"""Slots whose question asks (also) what the resident has, or whose step reads it itself (what you need: "ik heb
een schaakbord" is added to what you have and the idea goes on)."""


def _having_named(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """What the resident has, typed at another question of the idea ("semaverim var, bardaklar da var" at "is that
    right?" about the themes, "ik heb een waterkoker en bekers" at "who do you know?"): added to what they have,
    never a person or a need ("komşum var": I have a neighbour, is a person)."""
    if situation.relay or reading.asks or "has" not in situation.corrects or situation.step is None:
        return None  # with no question open, unmarked: an offer or a new idea, not a change
    if situation.slot != "has" and lacking(reading.text, lexicon, mistaken_only=situation.slot in HAVING_ASKED):
        return _act(CORRECTION, reading, "says they do not have something after all", slot="has")
    if situation.slot in HAVING_ASKED:
        return None
    words = lexicon.idea_words
    if words.only_having(reading.text) and not people.mentions_people(reading.text, words):
        return _act(CORRECTION, reading, "says what they already have", slot="has")
    if lexicon.gifts.says_able(reading.text) and not people.mentions_a_person(reading.text, words) \
            and not reading.has("handoff"):  # "can a real person call me about this": a person asked for
        # "ik kan goed met kids omgaan", "im good with kids" at "is that right?": what they can do, no theme
        return _act(CORRECTION, reading, "says what they can do themselves", slot="has")
    return None


def lacking(text: str, lexicon: Lexicon, *, mistaken_only: bool = False) -> str:
    """What a text takes back from what the resident has, as typed ("die tafels heb ik toch niet, die moesten terug
    naar de kerk" → "die tafels", "masalar bende yok aslında yanlış yazdım" → "masalar"): its first part says it does
    not have a thing (no person, no idea or time), with a word for "after all" or for a mistake; only the mistake
    where the question asks what one needs ("geld heb ik toch niet" there says money is needed). "" when it does
    not say so."""
    openers = lexicon.cues.openers
    if not all(name in openers for name in ("lacking", "after_all", "mistaken", "not_a_thing", "person")):
        return ""
    whole = act_cues.Text.of(text)
    if not whole.find(openers["mistaken"]) and (mistaken_only or not whole.find(openers["after_all"])):
        return ""
    first = _CLAUSES.split(text.strip(), maxsplit=1)[0]
    cued = act_cues.Text.of(first)
    if not cued.find(openers["lacking"], mark=True):
        return ""
    cued.find(openers["after_all"], mark=True)
    cued.find(openers["mistaken"], mark=True)
    things = act_cues.content(cued, lexicon.cues)
    if not things or people.mentions_people(first, lexicon.idea_words) or cued.find(openers["person"]) \
            or cued.find(openers["not_a_thing"]) or lexicon.idea_words.says_needed(text):
        # "heb toch geen tijd", "i dont have anyone actually"; "we dont have a permit, we need one" is a need
        return ""
    return " ".join(things)


def _correction(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """A marker of a correction ("o wacht", "ik bedoelde", "niet ... maar") and an earlier answer it names more
    clearly than it names the question on screen."""
    slips = reading.acts.get("slip") if not reading.has("back") else []  # "back, wrong time" goes back
    markers = reading.acts.get("correction") or slips \
        or (act_cues.corrects(reading.cued, lexicon.cues) if reading.cued else [])
    named = [slot for slot in _candidate_slots(situation) if slot in CONTRASTED_SLOTS
             and slot != situation.slot and _slot_score(slot, reading, lexicon) >= CONTRASTED]
    if not markers and reading.cued is not None and named:
        # "i live in de nude btw not presikhaaf", "сусідку звати Оксана, а не Олена": one value put against another
        markers = [cue for cue, _ in reading.cued.find(lexicon.cues.openers.get("contrast", act_cues.CueList(())))]
    if not markers and situation.step is None and situation.after == ONBOARDING and "wijk" in named:
        markers = ["just after onboarding"]  # "я вообще живу в Presikhaaf": the neighbourhood just chosen, changed
    if not markers:
        return None
    slot, why = _corrected_slot(reading, situation, lexicon)
    if slot is None or (slot in lexicon.references and _thrown_away(slot, reading, lexicon)):
        return None  # "vergeet het idee maar", "delete the idea", "usun ten pomysl": thrown away, nothing new for it
    if reading.has("cancel") and not _slot_score(slot, _read(without(reading.folded, lexicon.acts["cancel"]),
                                                              lexicon), lexicon):
        return None  # "nah forget the whole thing": the thing is the cancel's, no need named
    return _act(CORRECTION, reading, f"{_quoted(markers)} {why}", slot=slot)


def _corrected_slot(reading: _Reading, situation: Situation, lexicon: Lexicon) -> tuple[str | None, str]:
    """The earlier answer a correction is about, and why: the one it names more clearly than it names the question
    on screen, or the answer just given when it says so ("dat was een vraag"); None when it names none."""
    scores = {slot: _slot_score(slot, reading, lexicon) for slot in _candidate_slots(situation)
              if slot != situation.slot}
    if "knows" in scores and people.mentions_a_person(reading.text, lexicon.idea_words):
        scores["knows"] += 1  # "scratch the part about my neighbour john, its his wife sue": a person, no theme
    swapped = people.swap(reading.text, lexicon.idea_words)
    hedged = bool(act_cues.Text.of(reading.text).find(lexicon.cues.acts[UNCLEAR]))  # "nie wiem, zalezy"
    if "knows" in scores and swapped is not None and not hedged and len(fold(swapped[0]).split()) == 1 and all(
            fold(name).split()[0] not in lexicon.cues.function and not lexicon.ordinary_word(fold(name).split()[0])
            for name in swapped):
        scores["knows"] += 1  # "niet piet maar pieter van de kerk bedoel ik": one name for another ("niet echt,
        # niks eigenlijk" swaps no names, "afiş asmak değil, önce komşularla konuşmak" a plan)
    best = max(scores, key=lambda slot: scores[slot], default=None)
    current = _current_score(reading, situation, lexicon)
    if best is not None and _only_referred(best, reading, situation, lexicon):
        return None, ""  # "who i know, i forgot someone" at "what would you like to change?": that option
    if best is not None and scores[best] > current:
        return best, f"about {best} ({scores[best]} against {current} for this question)"
    holding = _holding(reading, situation, lexicon)
    if holding is not None:
        return holding, f"replaces a name its answer holds ({holding})"
    if not current and situation.previous and lexicon.acts["previous"].found(reading.folded):
        return situation.previous, f"about the answer just given ({situation.previous})"
    confirmed = [slot for slot in situation.corrects if slot != situation.slot]
    if not current and len(confirmed) == 1 and situation.options and situation.free_text is False \
            and not reading.has("cancel"):
        # "hmm wacht, maak er 10 tot 3 van", "yes but make it 3pm" at the preview of a message: its one answer
        return confirmed[0], f"the one earlier answer this question confirms ({confirmed[0]})"
    return None, ""


def _holding(reading: _Reading, situation: Situation, lexicon: Lexicon) -> str | None:
    """The earlier answer that holds the name a correction replaces ("oeps de naam is fatma niet fatima" after
    "mijn buurvrouw fatima", "nie basia tylko bożena"), found in the answers as stored, alike when typed otherwise;
    a person's name in more than one answer is about who the resident knows."""
    found = people.swap(reading.text, lexicon.idea_words)
    if found is None:
        return None
    candidates = _candidate_slots(situation)
    holding = [slot for slot, answer in situation.given if slot != situation.slot and slot in candidates
               and people.holds(answer, found[0]) is not None]
    if len(holding) > 1 and "knows" in holding:
        return "knows"
    return holding[0] if len(holding) == 1 else None


CONTRASTED = 2
"""Words for an earlier answer (a neighbourhood's names and "ik woon in", a name and "heet") that with a "not"
make a correction of it, unmarked; or, for the neighbourhood, typed just after onboarding."""
CONTRASTED_SLOTS = ("wijk", "knows")
"""Answers that are names (of a place, of people): one name put against another corrects them; a "not" with a
date or a theme is part of an answer ("soup sunday (not the soup day from last year)")."""
ONBOARDING = "onboarding"
"""The flow that chose the neighbourhood (`Situation.after`)."""
WIJK_SLOTS = ("wijk",)

VALUES_ONLY = 6
"""At most this many words that say something: a text that only names values ("groen en ontmoeten", "we need a
room and some tables"), not a sentence about them."""


def _values_named(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """"groen en ontmoeten" at "Is that right?" about guessed themes: a short text that names only values of a slot
    this question may change (and none of its options) sets that slot, without a word of correction."""
    said = act_cues.content(reading.cued, lexicon.cues) if reading.cued else reading.words
    if reading.asks or len(said) > VALUES_ONLY or situation.takes_text(reading.text) or situation.step is None:
        return None  # with no question open, unmarked values are what the free-text intents read ("i can cook")
    finders = {"themes": lexicon.idea_words.themes_in, "needs": lexicon.idea_words.needs_in}
    for slot in situation.corrects:
        if slot in finders and slot != situation.slot and finders[slot](reading.text):
            return _act(CORRECTION, reading, f"names only {slot}", slot=slot)
    return None


def correction_detail(text: str, lexicon: Lexicon, slot: str | None = None) -> str:
    """What a correction says beyond its markers ("wacht ik bedoel op het veldje achter de school" → "op het veldje
    achter de school"), folded; "" when that is not at least two content words. With the slot it corrects, also
    without the words that refer to that answer and the small words after them ("wacht, bij wat ik heb moet ook
    nog de boormachine van mijn vader" → "boormachine van mijn vader"), and of a value put against the old one only
    the new ("oh for the first question, its a school garden not a vegetable garden" → "school garden"; one word
    is enough then: "schooltuin")."""
    folded = fold(text)
    references = lexicon.references.get(slot or "")
    new = _instead(text, without(folded, references), lexicon, references) if references else None
    referred = references if references and references.found(folded) else None
    if referred:
        folded = without(folded, referred)
    folded = without(new if new is not None else folded, lexicon.acts["correction"])
    rest = folded.split()
    openers = act_cues.CueList(lexicon.cues.openers["correction"].cues) if "correction" in lexicon.cues.openers \
        else act_cues.CueList(())
    while rest and (act_cues.Text.of(rest[0]).find(openers) or rest[0] in act_cues.LEAD_INS
                    or rest[0] in ("ik", "i", "bedoel", "bedoelde", "mean", "meant", "its", "thats")
                    or (referred and (rest[0] in lexicon.cues.function or rest[0] in SMALL_LEADS))):
        rest = rest[1:]
    cued = act_cues.Text.of(" ".join(rest))
    return " ".join(rest) if len(act_cues.content(cued, lexicon.cues)) >= (1 if new else 2) else ""


def _denials(folded: str, lexicon: Lexicon) -> list[int]:
    words = folded.split()
    openers = lexicon.cues.openers
    contrast = act_cues.Text.of(folded).find(openers.get("contrast", act_cues.CueList(())))
    denying = openers.get("denying", act_cues.CueList(())).words()  # "een schooltuin, geen moestuin"
    return sorted({at for _cue, at in contrast} | {at for at, word in enumerate(words) if word in denying})


def _instead(text: str, folded: str, lexicon: Lexicon, referred: Phrases) -> str | None:
    """The new value of a correction that puts it against the old one: what stands before a "not" ("its a school
    garden not a vegetable garden"), after the "but" that follows it ("niet de moestuin maar een schooltuin"), or
    the clause after one that opens with it ("اللي عندي مش خيمة، هي طاولات وكراسي"); None without a "not"."""
    clauses = [without(fold(part), referred) for part in _CLAUSES.split(text) if fold(part)]
    for first, following in pairwise(clauses):
        denied = _denials(first, lexicon)
        if denied and _only_leads(first.split()[:denied[0]], lexicon) and following:
            return following  # "nee wacht niet plein, bij de markt"
    words = folded.split()
    denied = _denials(folded, lexicon)
    if not denied:
        return None
    at = denied[0]
    instead = lexicon.cues.openers.get("instead", act_cues.CueList(())).words()  # "niet X maar Y"
    after = next((i for i in range(at + 1, len(words)) if words[i] in instead), None)
    if after is not None:
        return " ".join(words[after + 1:]) or None  # "het idee is niet de moestuin maar een schooltuin"
    return None if _only_leads(words[:at], lexicon) else " ".join(words[:at])


def _only_leads(words: list[str], lexicon: Lexicon) -> bool:
    """Words that only lead into what a correction says ("nee wacht", "actually its", "het is")."""
    openers = lexicon.cues.openers.get("correction", act_cues.CueList(()))
    return all(w in act_cues.LEAD_INS or w in lexicon.cues.function or w in ("its", "thats", "wacht", "wait")
               or act_cues.Text.of(w).find(openers) for w in words)


SMALL_LEADS = frozenset({"bij", "at", "to", "ook", "also", "too", "nog", "moet", "must", "should", "add", "erbij",
                         "dopisz", "dodaj", "додай", "ekle", "kaman", "كمان", "jeszcze", "ще", "також", "do", "до",
                         "tego", "того", "що", "co"})
"""Words between the reference to an answer and what is added to it ("bij wat ik heb moet ook nog ...")."""


# --- questions ---------------------------------------------------------------------------------------------------
def language_named(folded: str) -> str | None:
    """The name of one of the six languages in a folded text ("arabic", "po polsku"), or None."""
    padded = f" {folded} "
    return next((name for name in LANGUAGE_NAMES if f" {name} " in padded), None)


def topic_of(text: str, lexicon: Lexicon, *, keywords: bool = True) -> tuple[str, list[str]]:
    """What a question is about, and the phrases that said so; without a phrase, the topic keywords
    (content/act_cues.yaml) when `keywords`."""
    folded = fold(text)
    practised = "speaks" in lexicon.acts and bool(lexicon.acts["speaks"].found(folded))
    named = None if practised else language_named(folded)  # "where can i practise my dutch": not the bot's languages
    for topic in TOPIC_ORDER:
        found = lexicon.topics[topic].found(folded) if topic in lexicon.topics else []
        if found and not (named and topic == "bot_abilities"):
            return _about_damage(text, topic, found)
    if named:  # "do you also do arabic?", "spreek je ook pools": what the bot can do is speak it
        return "languages", [named]
    topic, found = act_cues.topic(act_cues.Text.of(text), lexicon.cues) if keywords else ("other", [])
    return _about_damage(text, topic, found)


def _about_damage(text: str, topic: str, found: list[str]) -> tuple[str, list[str]]:
    """"who should i call about a broken streetlight": about something broken in the street, the question is
    where to report it."""
    if topic in BROKEN_THING_TOPICS and mentions_damage(text):
        return "report", found
    return topic, found


OWN_TOPICS = ("who_sees",)
"""Topics the free-text intents do not know: asked by their own words with no question open ("wat doe je met mijn
gegevens"), the topic answers them, also without a question mark."""


def _question(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    if not reading.asks or reading.has("not_question"):
        return None
    topic, found = topic_of(reading.text, lexicon, keywords=not situation.relay)
    if reading.asks_by_form and situation.step is None and not (topic in OWN_TOPICS and found):
        return None  # with no question open the free-text intents answer it ("wie komen er bij de koffieochtend")
    if situation.relay and topic == "other":  # a question to the bot inside a message for someone else
        topic, found = topic_of(reading.text, lexicon)
        topic = topic if topic == "who_sees" else "other"
    if situation.relay and topic not in ("who_sees", "bot_abilities") \
            and not (topic in ("rules", "costs") and len(reading.words) <= SHORT_RULES_QUESTION):
        return None  # a question in a message for someone else is for them; "скільки це коштує?" is for the bot
    if len(reading.words) <= 3 and not reading.has("question") and topic == "other":
        return None  # "kinda?", "both?": a hedge, not a question
    if len(reading.words) <= 2 and reading.has("unclear"):
        return None  # "co?", "шо?", "huh?": the whole message says it did not follow
    if _leads_with_answer(reading, situation) or _confirming(reading, situation, lexicon):
        return None
    if _proposed(reading, situation, lexicon, topic):
        return None  # "can we get more lights on the path to the station?" at "what is your idea?": the idea, asked
    by_keyword = topic != "other" and topic_of(reading.text, lexicon, keywords=False)[0] == "other"
    if (topic == "other" or by_keyword) and reading.has("chitchat"):
        return None  # "a jak ty się masz?", "en hoe gaat het met jou vandaag?": small talk, asked
    if _answers_asked(reading, situation, lexicon, topic):
        return None  # "misschien wat geld voor verf?" at what you need: the needs, hedged
    if (topic in ("other", "bot_abilities") or by_keyword) and reading.cued is not None:
        # a topic only a keyword names ("bugün") does not outweigh small talk ("nasılsın bugün?")
        # "gerçek bir insanla konuşabilir miyim?", "kan ik dit later afmaken?", "sorry, phone died. continue?"
        cued = act_cues.scores(reading.cued, lexicon.cues)
        for name in ASKED_ACTS:
            # "zit hier een mens achter?" is about the bot; "is there a person i can talk to instead of this bot" asks
            # for one; a hedge needs more than "ممكن" ("ممكن تبعتلي تذكير؟" asks for a reminder)
            if name in cued and cued[name][0] >= (3 if topic == "bot_abilities" or name == UNCLEAR else 2):
                return _act(name, reading, f"asks to {name} ({_quoted(cued[name][1])})")
    asked = _topics_asked(reading.text, lexicon) if not situation.relay else []
    if len(asked) > 1:
        return _act(QUESTION, reading, f"asks {len(asked)} questions ({', '.join(asked)})", topic=asked[0],
                    also=tuple(asked[1:]))
    return _act(QUESTION, reading, f"asks ({_quoted(found) or 'a question'})", topic=topic)


WRITES_ABOUT_ACTIVITIES = ("activity", "broadcast", "proposal")
"""Flows where the text is about an activity for others to come to: its sign-up words are its content."""
COMING = ("come", "maybe")
"""Families of the options that ask whether the resident comes (an activity's buttons)."""


def _joins(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """"ill come to the coffee morning" at the wijk question, "хочу записатися на кавовий ранок" at how do you
    picture your idea: coming to or signing up for something on is no answer to a question that does not ask who
    comes; what is on (and when and where that one is) is the answer, then the question again."""
    if not reading.has("joins") or situation.step is None or situation.relay \
            or situation.step.split(":")[0] in WRITES_ABOUT_ACTIVITIES:
        return None
    if any(o.family in COMING for options in _all_options(situation) for o in options):
        return None
    return _act(QUESTION, reading, f"comes to something on ({_quoted(reading.acts['joins'])})", topic="whats_on")


_QUESTIONS = re.compile(r"[?؟]+\s*|[\s,;]+(?:en|and|&|plus|of|or|ve|i|oraz|і|та|و)\s+(?=(?:wat|wie|waar|hoe|wanneer|"
                        r"welke|kan|kun|mag|is|zijn|what|whats|what's|who|where|how|when|which|can|could|is|are|do|"
                        r"does|ne|kim|nerede|nasil|hangi|kto|co|gdzie|kiedy|jak|czy|хто|що|де|коли|як|чи|من|ماذا|"
                        r"اين|أين|متى|شنو|شكون|فين|واش)(?:\s|$))", re.IGNORECASE)
"""Where one question ends and the next begins: a question mark, or "and" before a question word."""


def _topics_asked(text: str, lexicon: Lexicon) -> list[str]:
    """The topics of the questions in a message, in the order asked; one per question, each named by a topic
    phrase or keyword (a part that names none is no question of its own)."""
    topics: list[str] = []
    for part in _QUESTIONS.split(text):
        if len(part.split()) < 2:
            continue
        topic, _found = topic_of(part, lexicon)
        if topic != "other" and topic not in topics:
            topics.append(topic)
    return topics


PROPOSING = ("idea:text", "idea:picture", "idea:first_step")
"""Steps that ask for a wish or a plan: a question there about nothing the bot answers ("kan er een bankje bij de
bushalte komen?", "czy da się postawić ławki?", "could it have benches and a little stage?", "talk to the caretaker
on monday?") is the wish or the plan itself."""
WISHING = "idea:text"
"""The step that asks for the wish itself: a question there that a keyword alone ties to a topic is the wish."""
PROPOSAL_WORDS = 3
"""Content words of a wish asked as a question."""
ASKED_FOR = 3
"""Cue points that make a wish asked as a question ask for an act instead ("kunnen we hier morgen mee verder?");
"the bus stop" is a stop by one word only."""


def _proposed(reading: _Reading, situation: Situation, lexicon: Lexicon, topic: str) -> bool:
    """A wish asked as a question about nothing the bot answers: a topic named only by a keyword ("можна
    поставити лавки біля школи?": 'можна' is a keyword of the rules) does not make it a question there."""
    if situation.step != WISHING:  # a plan or a picture asked as a question: about nothing the bot answers at all,
        # nor about the question itself ("is a whatsapp message enough as a first step?")
        own = lexicon.references.get(situation.slot or "")
        keyword_only = topic == "other" or (situation.step in PICTURING
                                            and topic_of(reading.text, lexicon, keywords=False)[0] == "other")
        return keyword_only and _proposes(reading, situation, lexicon) and not _addresses_bot(reading, lexicon) \
            and not (own is not None and own.found(reading.folded))  # "а можна ще пісочницю для малечі?" pictures
    return _proposes(reading, situation, lexicon) \
        and (topic == "other" or topic_of(reading.text, lexicon, keywords=False)[0] == "other")


def _confirming(reading: _Reading, situation: Situation, lexicon: Lexicon) -> bool:
    """An answer with a short question whether it fits ("heb een grote tuin, telt dat ook?", "bahçem var, o sayılır
    mı?", "volgende week zaterdag lijkt me wel wat, kan dat?", "w sobotę 28? może być?"): where the question takes
    typed text, the answer; the question is about the answer itself. Not when the text opens as a question ("kan
    dat ook op zondag?", "is that ok if ...": asked of the bot)."""
    tags = lexicon.cues.openers.get("confirming")
    if tags is None or situation.step is None or situation.relay or not situation.takes_text(reading.text):
        return False
    cued = act_cues.Text.of(reading.text)
    found = cued.find(tags, mark=True)
    if not found or min(at for _cue, at in found) == 0:
        return False
    first = _CLAUSES.split(reading.text.strip(), maxsplit=1)[0]
    return not act_cues.asks(act_cues.Text.of(first), lexicon.cues) and bool(act_cues.content(cued, lexicon.cues))


def _addresses_bot(reading: _Reading, lexicon: Lexicon) -> bool:
    """"can you give an example?", "ornek verebilir misin": asked of the bot, no wish."""
    addressing = lexicon.cues.openers.get("addressing")
    return addressing is not None and bool(act_cues.Text.of(reading.text).find(addressing))


def _proposes(reading: _Reading, situation: Situation, lexicon: Lexicon) -> bool:
    """A wish asked as a question where a wish is asked for ("kan er een bankje bij de bushalte komen?"): content
    words enough, and no act's cues but a hedge's ("ممكن", "maybe") that open it or come more than once."""
    if situation.step not in PROPOSING or not situation.takes_text(reading.text) or reading.cued is None:
        return False
    if len(act_cues.content(act_cues.Text.of(reading.text), lexicon.cues)) < PROPOSAL_WORDS:
        return False  # counted afresh: the cues of an act out of place here ("talk to" at the first step) say what
    ignored = (UNCLEAR, CHITCHAT, *_out_of_place(situation))  # "talk to the caretaker on monday?" is a plan
    return not any(points >= ASKED_FOR for act, (points, _words) in act_cues.scores(reading.cued, lexicon.cues).items()
                   if act not in ignored)


def _answers_asked(reading: _Reading, situation: Situation, lexicon: Lexicon, topic: str) -> bool:
    """A question that names what the question on screen asks for, and nothing the bot answers: the answer, hedged
    ("misschien wat geld voor verf en een paar handen?", "troche kasy na farby chyba?" at what you need)."""
    if situation.slot is None or situation.relay:
        return False
    if _option_hedged(reading, situation, lexicon):
        return True  # "kontakt z gmina chyba?", "التواصل مع البلدية يمكن؟" where that is an option
    if topic != "other" and topic_of(reading.text, lexicon, keywords=False)[0] != "other":
        return False  # "kost het iets om een vergunning aan te vragen?": about the costs, though it names a need
    finders = {"themes": lexicon.idea_words.themes_in, "needs": lexicon.idea_words.needs_in}
    if situation.slot not in finders or not finders[situation.slot](reading.text):
        return False  # "is a whatsapp message enough as a first step?" names the question, no value of it
    return not any(
        points >= ASKED_FOR for act, (points, _words) in act_cues.scores(reading.cued, lexicon.cues).items()
        if act not in (UNCLEAR, CHITCHAT)) if reading.cued is not None else False


HEDGED_OPTION_WORDS = 5
"""At most this many words in an option named with a question mark and no question word: the option, hedged."""


def _values_hedged(reading: _Reading, lexicon: Lexicon) -> bool:
    """A few words with a word of doubt ("troche kasy na farby chyba?")."""
    return len(reading.words) <= HEDGED_OPTION_WORDS and not reading.has("question") \
        and bool(act_cues.Text.of(reading.text).find(lexicon.cues.acts[UNCLEAR]))


def _option_hedged(reading: _Reading, situation: Situation, lexicon: Lexicon) -> bool:
    """An option of the question on screen named in a few words with a word of doubt, asked with a question mark
    but with no question word ("kontakt z gmina chyba?", "التواصل مع البلدية يمكن؟" where contact with the
    municipality is an option, "зал і трохи грошей мабуть?"): the answer, said with doubt ("дозвіл платний?" asks)."""
    if reading.has("question") or reading.asks_by_form or len(reading.words) > HEDGED_OPTION_WORDS \
            or reading.cued is None or not (act_cues.Text.of(reading.text).find(lexicon.cues.acts[UNCLEAR])
                                            or _says_doubt(reading, lexicon)):
        return False
    labelled = [o for o in situation.options if not o.data.endswith(BACK_CHOICE) and o.family not in ("done", "back")]
    return bool(labelled) and bool(answers.resolve_in_words(reading.text, labelled, multi=situation.multi).picks)


def _says_doubt(reading: _Reading, lexicon: Lexicon) -> bool:
    """A hedge of content/idea_words.yaml in the text ("i think", "denk ik", "sanırım"): "de nude i think?" names
    the neighbourhood with doubt."""
    folded = f" {reading.folded} "
    return any(f" {fold(hedge)} " in folded for hedge in lexicon.idea_words.hedges)


ASKED_ACTS = (HANDOFF, RESUME, PAUSE, CANCEL, BACK, CHITCHAT, UNCLEAR)
"""Acts a question may carry ("can we pause this?"): its cues decide, when the question is about nothing else."""


def _leads_with_answer(reading: _Reading, situation: Situation) -> bool:
    """"sure why not, what do they need exactly?": yes or no to the options, then a question about it. A back word
    before a question is only a pause for breath ("wait who will see this?", "wacht, wie ziet dit?"), no going back."""
    first = _first_clause(reading.text)
    if not first:
        return False
    for options in _all_options(situation):
        picks = answers.resolve(first, options, exact_only=True, numbers=False).picks
        backs = {o.data for o in options if o.family == "back"}
        if any(pick not in backs for pick in picks):
            return True
    return False


# --- chitchat and hedges ---------------------------------------------------------------------------------------
PRAISE_CONTENT = 2
"""At most this many words besides the praise and the words for the bot: a compliment, not an answer with one."""


def _praise(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """Praise said to the bot, with little else: "you're honestly the nicest bot ever", "wat ben jij een toffe hulp
    zeg", "ти просто золото", "انت احسن بوت": small talk, never an answer or a question (a "?" asks something)."""
    openers = lexicon.cues.openers
    if situation.relay or "praise" not in openers or "addressing" not in openers \
            or reading.text.rstrip().endswith(QUESTION_MARKS):
        return None
    cued = act_cues.Text.of(reading.text)
    praised = cued.find(openers["praise"], mark=True)
    addressed = cued.find(openers["addressing"], mark=True)
    cued.find(lexicon.cues.acts["chitchat"], mark=True)
    if not praised or not addressed or len(act_cues.content(cued, lexicon.cues)) > PRAISE_CONTENT \
            or topic_of(reading.text, lexicon, keywords=False)[0] != "other":  # "ok so what can u actually do"
        return None
    return _act(CHITCHAT, reading, f"praise said to the bot ({_quoted([w for w, _at in praised + addressed])})")


THANKS_CONTENT = 8
"""At most this many other words after thanks where no question is open: thanks in more words ("super bedankt voor
het meedenken, echt fijn dat zoiets bestaat"), not a request that opens with thanks."""
WEATHER_CONTENT = 3
"""At most this many other words with a word for the weather: talk about the weather, not an idea for a rainy
day."""


def _thanks(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """Thanks in more words where no question is open ("thanks so much, this honestly made my day", "дуже дякую,
    ти мені дуже допоміг, гарного дня"): small talk, when the thanks open the message and the rest names nothing
    of an idea, an offer or a feature and asks nothing."""
    openers = lexicon.cues.openers
    if situation.step is not None or situation.relay or reading.asks or "thanking" not in openers:
        return None
    cued = act_cues.Text.of(reading.text)
    thanked = [cue for cue, at in cued.find(openers["thanking"], mark=True) if at < act_cues.OPENING]
    cued.find(lexicon.cues.acts["chitchat"], mark=True)
    if "praise" in openers:
        cued.find(openers["praise"], mark=True)  # "çok yardımcı oldun": the help given, praised, is no need
    rest = act_cues.content(cued, lexicon.cues)
    if not thanked or any(reading.features.values()) or _values_in(" ".join(rest), lexicon):
        return None  # the rest names something of an idea; the help thanked for ("dzieki za pomoc") names none
    if len(rest) > THANKS_CONTENT:
        return None
    return _act(CHITCHAT, reading, f"thanks in more words ({_quoted(thanked)}), nothing else asked")


THANKS_AT_STEP_CONTENT = 3
"""At most this many other words after thanks at an open question: thanks in more words ("dziekuje bardzo,
naprawde duzo mi pomogles", "cok tesekkur ederim gercekten cok yardimci oldun"), not an answer that opens with
thanks ("dank je, een zaal en wat geld")."""


def _thanked(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """Thanks in more words at an open question, said to the bot ("dank je wel hoor, je bent echt een hulp", "дуже
    дякую, ти реально дуже допоміг"): small talk, and the question stays. Before the answer rules, as the help
    thanked for is no need ("hulp", "yardim"): when the thanks open the message, the bot is addressed or praised
    (or nothing else is said), and at most a few other words remain; without a word to the bot, nothing of an idea
    may be named."""
    openers = lexicon.cues.openers
    if situation.step is None or situation.relay or reading.asks or "thanking" not in openers \
            or any(reading.features.values()):
        return None
    cued = act_cues.Text.of(reading.text)
    thanked = [cue for cue, at in cued.find(openers["thanking"], mark=True) if at < act_cues.OPENING]
    if not thanked or _yes_no(_read(reading.words[0], lexicon)):
        return None  # "no thanks", "nie dziekuje": a no, said politely
    to_bot = bool(cued.find(openers["addressing"], mark=True)) | bool(cued.find(openers["praise"], mark=True)) \
        if "addressing" in openers and "praise" in openers else False
    cued.find(lexicon.cues.acts["chitchat"], mark=True)
    rest = act_cues.content(cued, lexicon.cues)
    if len(rest) > THANKS_AT_STEP_CONTENT or (rest and not to_bot) or (not to_bot and _values_in(" ".join(rest),
                                                                                              lexicon)):
        return None
    return _act(CHITCHAT, reading, f"thanks in more words to the bot ({_quoted(thanked)}), nothing else said")


def _weather(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """Talk about the weather at any question ("wat een weer vandaag he, niet normaal die regen", "ale dzis leje,
    masakra jakas", "сьогодні така злива, жах просто"): small talk, when little else is said and nothing of an
    idea; where the question asks for a wish, a plan or what something will look like, the weather may be part of
    it ("een overdekte plek voor als het regent")."""
    openers = lexicon.cues.openers
    if situation.relay or reading.asks or "weather" not in openers or situation.step in (*PROPOSING, *PICTURING):
        return None
    cued = act_cues.Text.of(reading.text)
    weather = [cue for cue, _at in cued.find(openers["weather"], mark=True)]
    cued.find(lexicon.cues.acts["chitchat"], mark=True)
    if not weather or _values_in(reading.text, lexicon):
        return None
    if len(act_cues.content(cued, lexicon.cues)) > WEATHER_CONTENT:
        return None
    return _act(CHITCHAT, reading, f"talks about the weather ({_quoted(weather)})")


def _values_in(text: str, lexicon: Lexicon) -> bool:
    """Whether a text names a theme, a need, a gift or people."""
    words = lexicon.idea_words
    return bool(words.themes_in(text) or words.needs_in(text) or lexicon.gifts.in_text(text)
                or people.mentions_people(text, words))


def _chitchat(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    if situation.relay:
        return None  # "dank je!" in a message for someone else is for them
    if reading.has("chitchat"):
        return _act(CHITCHAT, reading, _quoted(reading.acts["chitchat"]))
    small_talk = _thanks(reading, situation, lexicon) or _weather(reading, situation, lexicon)
    if small_talk is not None:
        return small_talk
    if not reading.words and reading.text.strip():
        if not reading.text.strip().strip("?!.¿؟ "):
            return _act(UNCLEAR, reading, "only question marks")
        if act_cues.only_social_emoji(reading.text, lexicon.cues):
            return _act(CHITCHAT, reading, "only emoji that greet, thank, laugh or cheer")
        return _act(UNCLEAR, reading, "only emoji that leave open what is meant")
    laughing = (bool(reading.words) and laughs(reading.words[0])) or any(e in reading.text for e in LAUGHING_EMOJI)
    takes_text = situation.step is not None and situation.takes_text(reading.text)
    if laughing and not reading.asks and (not takes_text or len(reading.words) <= SHORT):
        return _act(CHITCHAT, reading, "laughs, and answers nothing")
    return None


def _unclear(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    if not reading.has("unclear") or not reading.words or situation.relay:
        return None
    first = reading.words[0]
    yes_or_no = answers.family_of(first, "yes") or answers.family_of(first, "no")
    if not yes_or_no and any(first in fold(o.label).split() for options in _all_options(situation) for o in options):
        return None  # "maybe, depends on my shift" where "Maybe" is an option
    picks = answers.resolve_in_words(reading.text, situation.options, multi=situation.multi).picks \
        if situation.options and not situation.takes_text(reading.text) else ()
    if not yes_or_no and picks and not _hedged_done(picks, reading, situation, lexicon):
        return None  # a hedge before an option in words ("misschien 2 keer per maand"): that option
    return _act(UNCLEAR, reading, _quoted(reading.acts["unclear"]))


STEP_EXPECTS = {"idea:knows": "people", "rsvp:name": "name", "onboarding:wijk": "place", "activity:place": "place",
                "proposal:place": "place", "broadcast:wijk": "place", "activity:wijk": "place",
                "activity:when": "time", "proposal:when": "time", "activity:ampm": "time", "proposal:ampm": "time",
                "activity:next_year": "time", "checkin:recurs": "time"}
"""What an answer at these steps names: people ("wie ken je?"), a place ("welke wijk?"), a time ("morgen half 8"
is no pause there), a name (any word but the thanks: "its Amira, thanks x")."""
DESCRIBING = ("idea:text", "idea:picture", "idea:has", "idea:knows", "idea:first_step", "activity:title",
              "activity:description", "checkin:story", "offer:head", "offer:learn")
"""Steps whose answer describes something: a text without one content word is no answer there."""
STRAY_STEPS = tuple(step for step in DESCRIBING if step != "idea:has")
"""Steps where a lone colour or fruit ("paars", "banana") is no answer; what someone has may be apples."""
PICTURING = ("idea:picture", "activity:description")
"""Steps that ask what something will be like: a word of small talk with things is a description there ("gezellig
met koffie en koekjes")."""
OFFERING = ("offer:heart", "offer:head", "offer:hands", "offer:lend", "offer:learn", "offer:add")
"""Steps that ask what the resident can do for others: words for calling or talking to people describe it there;
only a phrase asks for a person of the wijk."""
PLANNING = ("idea:first_step",)
"""Steps that ask what the resident will do: talking to people is a step ("ff praten met de jongens", "talk to the
school", "eerst met de buren praten": no pause to talk it over); only a phrase asks for a person of the wijk."""
ALSO_ASKS = {"idea:picture": ("has",)}
"""Questions that also ask for another slot's answer ("how do you picture it, and what do you already have?"):
"ballen heb ik al" answers them, it corrects nothing."""
NOTHING_ELSE = ": nothing else"
ASKED_UNMARKED = ("bot_abilities",)
"""Topics whose question phrase asks without a question mark after a hesitation ("oke maar wat kan je eigenlijk");
others need the mark or a question opening there ("hiç anlamadım" says one is lost, it asks nothing)."""
CUE_ORDER = ("handoff", "resume", "cancel", "back", "pause", "unclear", "chitchat")
"""When two acts' cues score the same: the one that asks more of the bot first."""


def _generalised(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    stray = _stray(reading, situation, lexicon)
    if stray is not None:
        return stray
    act = _generalised_act(reading, situation, lexicon)
    if act is not None and act.name == UNCLEAR and _not_knowing(reading, lexicon):
        dunno = _offered(situation, "skip")
        if dunno:  # "i not know" where "I don't know yet" is an option: that option; a hedge ("ligt eraan") is
            # asked about
            return _act(ANSWER, reading, "does not know: the question's own don't-know option", picks=dunno)
    return act


def _not_knowing(reading: _Reading, lexicon: Lexicon) -> bool:
    """Words for not knowing ("i not know", "geen idee", "bilmiyorum"), not only a hedge ("ligt eraan", "dinges")."""
    known = lexicon.cues.openers.get("not_knowing")
    return reading.cued is not None and known is not None and bool(act_cues.Text.of(reading.text).find(known))


def _stray(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """"paars" at "how do you picture it?", "banana" at "who do you know?": only a word that answers no question
    there. One short question back, not stored, and not taken for the question's don't-know option either."""
    cued = reading.cued
    if cued is None or situation.step not in STRAY_STEPS or not situation.takes_text(reading.text):
        return None
    kind = STEP_EXPECTS.get(situation.step or "")
    if kind and act_cues.fits(kind, cued, lexicon.cues):
        return None
    lone = act_cues.stray(cued, lexicon.cues)
    return _act(UNCLEAR, reading, f"only {_quoted(lone)}: a word that answers no question asked here") if lone \
        else None


def _generalised_act(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act | None:
    """Where no phrase decided and the text would be stored as an answer: the cue words (content/act_cues.yaml,
    on stems, with a typo allowed, weighed by position) against what the question asks for. A text that carries
    an act's cues and says little else, or that does not look like the answer asked for, is not stored."""
    cued = reading.cued
    if cued is None or situation.relay or not cued.tokens:
        return None
    cues = lexicon.cues
    found = act_cues.scores(cued, cues)
    kind = STEP_EXPECTS.get(situation.step or "")
    for name in _out_of_place(situation):
        found.pop(name, None)
    content = act_cues.content(cued, cues)
    fitting = act_cues.fits(kind, cued, cues) if kind else []
    if situation.step in PLANNING:  # "eerst met de buren praten": a step with people is the plan, no pause
        fitting += act_cues.fits("people", cued, cues)
    # "eerst met henk praten" where the first step is asked: what one will do is the step, no pause
    planned = situation.step in PLANNING and lexicon.idea_words.plans(reading.text)
    if found:
        best = max(CUE_ORDER, key=lambda a: (found.get(a, (0, []))[0], -CUE_ORDER.index(a)))
        if kind == "name" and best != CHITCHAT:
            fitting = []  # a name with thanks is the name; with a hedge ("[sticker] confused pikachu") it is unclear
        points, words = found[best]
        why = f"cue words of {best} ({_quoted(words)}), {len(content)} content word(s)"
        hesitates = best in (UNCLEAR, CHITCHAT)
        if hesitates and reading.asks and _option_hedged(reading, situation, lexicon):
            return None  # "التواصل مع البلدية يمكن؟" where contact with the municipality is an option
        # "hmm who will see this?", "oke maar wat kan je eigenlijk": a question phrase after the hesitation
        asked = topic_of(reading.text, lexicon, keywords=False) if hesitates else ("other", [])
        if not reading.asks and asked[0] not in ASKED_UNMARKED:
            asked = ("other", [])
        if asked[0] != "other":
            # "hmm who will see this?": a question about something the bot answers; the "hmm" only hesitates
            return _act(QUESTION, reading, f"asks ({_quoted(asked[1])}) after {_quoted(words)}", topic=asked[0])
        if not content:
            return _act(best, reading, why + NOTHING_ELSE)
        described = best == CHITCHAT and situation.step in PICTURING and situation.takes_text(reading.text)
        if points >= 2 and len(content) <= 2 and not fitting and not planned and not described:
            return _act(best, reading, why + (f", not the {kind} asked for" if kind else ""))
    if reading.asks and not fitting and not planned:
        topic, words = topic_of(reading.text, lexicon)
        if _proposed(reading, situation, lexicon, topic) or _option_hedged(reading, situation, lexicon) \
                or _confirming(reading, situation, lexicon) \
                or (_values_hedged(reading, lexicon) and _answers_asked(reading, situation, lexicon, topic)):
            return None  # "зал і трохи грошей мабуть?", "troche kasy na farby chyba?" at what you need: hedged
        return _act(QUESTION, reading, f"asks ({_quoted(words) or 'by its form'})", topic=topic)
    if not content and (situation.step in DESCRIBING or situation.step in OFFERING) \
            and situation.takes_text(reading.text) and not _yes_no(reading):
        return _act(UNCLEAR, reading, "no content word where the question asks for one")
    return None


def _out_of_place(situation: Situation) -> tuple[str, ...]:
    """Acts whose words mean something else at this step: a time is no pause where a time is asked ("morgen half
    8"); calling or talking to people is what is offered or planned ("bellen met ouderen die alleen zijn"), no ask
    for a person of the wijk (only a phrase asks for one there)."""
    gone = (PAUSE,) if STEP_EXPECTS.get(situation.step or "") == "time" else ()
    return (*gone, HANDOFF) if situation.step in OFFERING or situation.step in PLANNING else gone


def _bare_yes(reading: _Reading, situation: Situation) -> bool:
    """"ja", "evet", "так" where no option means yes (the summary of an idea): which of them, is asked. At the
    language question a yes still names its language ("так, добре")."""
    families = [o.family or "" for o in situation.options]
    return bool(answers.family_of(reading.text, "yes")) and "yes" not in families \
        and not any(f.startswith("lang_") for f in families)


def _yes_no(reading: _Reading) -> bool:
    return bool(answers.family_of(reading.text, "yes") or answers.family_of(reading.text, "no"))


TAKEN_AS_TEXT = "typed text is the answer here"


def _fallback(reading: _Reading, situation: Situation, lexicon: Lexicon) -> Act:
    general = _generalised(reading, situation, lexicon)
    if general is not None and (situation.step is not None or situation.prompts or general.name != QUESTION):
        return general
    if situation.step is not None and situation.takes_text(reading.text):
        if answers.family_of(reading.text, "yes") and not any(o.family == "yes" for o in situation.options):
            return _act(UNCLEAR, reading, "a bare yes where nothing means yes")
        return _act(ANSWER, reading, TAKEN_AS_TEXT)
    if situation.step is not None and situation.options:
        if answers.family_of(reading.text, "yes") or answers.family_of(reading.text, "no"):
            return _act(UNCLEAR, reading, "a yes or no where the options are not yes and no")
        ordinary = _no_place(reading, situation, lexicon)
        if ordinary:
            return _act(UNCLEAR, reading, ordinary)
        return _act(ANSWER, reading, "names something none of the options says: the question shows them again",
                    unmatched=True)
    if situation.prompts and (answers.family_of(reading.text, "yes") or answers.family_of(reading.text, "no")):
        return _act(UNCLEAR, reading, "a bare yes or no that answers none of the open messages")
    if situation.step is None and not situation.prompts and answers.family_of(reading.text, "come"):
        return _act(ANSWER, reading, "says they will come: about what was just talked about")  # "ik kom!"
    if situation.step is None and not situation.prompts and len(reading.words) <= 2:
        return _act(UNCLEAR, reading, "a word or two that say nothing yet")
    return _act(ANSWER, reading, "typed text for the open message or the free-text intents")


WIJK_STEPS = ("onboarding:wijk", "onboarding:switch_wijk", "broadcast:wijk", "activity:wijk")
"""Questions for a neighbourhood: their answer is a name, never a thing ("park" or "buurthuis" may answer where an
activity takes place)."""


def _no_place(reading: _Reading, situation: Situation, lexicon: Lexicon) -> str:
    """Why a word or two at a question for a neighbourhood that none of its options names is no unknown place name but a
    message to ask about ("кавун", "بطيخ", "pomidor" at the wijk question), or "" when it may be a place. A place
    name the list does not have is said to be unknown; an everyday word is not a place: the resident is asked once
    what they mean. The place names on the list are in Latin letters: a name typed in other letters that none of
    them sounds like ('де нюде' is De Nude) is no name of the list either."""
    if situation.step not in WIJK_STEPS or reading.asks or not 1 <= len(reading.words) <= 2 \
            or any(ch.isdigit() for ch in reading.text):
        return ""
    words = [w for w in reading.words if w.isalpha()]
    if len(words) != len(reading.words):
        return ""
    if all(lexicon.ordinary_word(w) for w in words):
        return "an everyday word the dictionaries know, no place name"
    places = [o for o in situation.options if not o.family and all(ch.isascii() for ch in o.label if ch.isalpha())]
    if places and all(not any("a" <= ch <= "z" for ch in w) for w in words):
        return "other letters than the place names on the list, and none of them sounds like it"
    return ""


def _quoted(phrases: list[str]) -> str:
    return ", ".join(f'"{p}"' for p in phrases)
