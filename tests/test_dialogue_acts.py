"""The dialogue-act layer: phrase patterns, the safety check on every step, corrections of lists, and the repair
layer in the dispatcher (nothing of a crisis message is stored; content is checked at start-up)."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, select

from bot.core.app import App
from bot.infra import yamlfile
from bot.infra.config import PROJECT_ROOT
from bot.infra.helplines import load_helplines
from bot.infra.models import User
from bot.services import privacy
from bot.understanding import dialogue_acts as acts
from bot.understanding.answers import Option, options_from_rows, resolve_in_words
from bot.understanding.corrections import corrected_list
from bot.understanding.idea_words import load_idea_words
from bot.understanding.phrases import Phrases, compile_pattern, fold, without
from bot.understanding.safety import detect, load_signals
from handlers import build_registry
from tests.support import onboard

CONTENT = PROJECT_ROOT / "content"
SITUATIONS = PROJECT_ROOT / "tests" / "data" / "dialogue-act-situations.yaml"
CRISES = {
    "nl": "ik wil niet meer leven",
    "en": "i keep thinking about killing myself",
}
CRISES_EVERY_LANGUAGE = {
    # one text per kind and language, none of them a phrase of content/safety/signals.yaml: the concepts decide
    "nl": {"suicide": "heb mn pillen gespaard, morgen vinden ze me wel",
           "selfharm": "ik heb weer met een mesje in mn arm gezeten",
           "violence": "mn vriend smeet me tegen de kast en nu durf ik niet naar huis",
           "danger": "opa is gevallen en we krijgen hem niet wakker"},
    "en": {"suicide": "i just want to go to sleep and never wake up",
           "selfharm": "i burned my wrist with a lighter on purpose",
           "violence": "my stepdad grabbed my mum by the throat",
           "danger": "theres smoke coming out of the flat below"},
    "tr": {"suicide": "ölmek istiyorum artık", "selfharm": "yine kollarımı kestim", "violence": "kocam beni dövüyor",
           "danger": "babam nefes almıyor"},
    "ar": {"suicide": "بغيت نموت", "selfharm": "جرحت يدي", "violence": "زوجي يضربني", "danger": "كاين حريق فالدار"},
    "pl": {"suicide": "chcę umrzeć", "selfharm": "znowu się pocięłam", "violence": "mąż mnie bije",
           "danger": "tata nie oddycha"},
    "uk": {"suicide": "хочу померти", "selfharm": "я знову порізала руки", "violence": "чоловік б'є мене",
           "danger": "у квартирі пожежа"},
}


@pytest.mark.parametrize(("pattern", "text", "found"), [
    ("wil niet meer leven", "ik wil niet meer leven hoor", True),
    ("wil niet meer leven", "ik wil niet meer lezen", False),
    ("snij*", "ben weer begonnen met snijden", True),
    ("(slaat|schopt) (me|mij)", "hij slaat me", True),
    ("take my (own)? life", "take my life", True),
    ("wil .. dood", "ik wil gwn echt dood", True),
    ("wil .. dood", "ik wil dat de boom een beetje minder dood", False),
    ("^ja", "nee ja", False),
    ("ok$", "is ok", True),
    ("мене бє", "чоловік мене б'є", True),
    ("yasamak istemiyorum", "Yaşamak istemiyorum", True),
    ("nie chce .. zyc", "nie chcę już żyć", True),
])
def test_patterns_match_whole_words_folded(pattern: str, text: str, found: bool) -> None:
    assert bool(Phrases.of([pattern]).found(fold(text))) is found


@pytest.mark.parametrize("pattern", ["", "..", "wil ..", "(a (b))", "(open"])
def test_malformed_patterns_are_refused(pattern: str) -> None:
    with pytest.raises(ValueError):
        compile_pattern(pattern)


def test_hyperbole_is_taken_out_before_the_check() -> None:
    signals = load_signals(CONTENT)
    assert "dood" not in without(fold("ik ga dood van het lachen"), signals.hyperbole)
    for text in ("ik ga dood van het lachen", "die herrie maakt me gek", "I could kill for a coffee",
                 "this form is killing me", "lmao i'm dying", "bingoda gülmekten öldüm 😂"):
        assert detect(text, signals) is None, text
    found = detect("my boyfriend hit me again and im scared to go home", signals)
    assert found is not None and found.kind == "violence"
    assert detect("er is brand in de keuken en iemand reageert niet", signals).kind == "danger"  # type: ignore[union-attr]


def test_the_helplines_are_content_checked_at_start_up(tmp_path: Path) -> None:
    country = load_helplines(CONTENT).country()
    for kind in ("suicide", "selfharm", "violence", "danger"):
        lines = [line.text.get("nl") for line in country.for_kinds((kind,))]
        assert any("112" in line for line in lines)
    assert "0800-0113" in country.for_kinds(("suicide",))[0].text.get("en")
    assert any("0800-2000" in line.text.get("nl") for line in country.for_kinds(("violence",)))
    broken = tmp_path / "content"
    shutil.copytree(CONTENT, broken)
    path = broken / "safety" / "helplines.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("bel 113 of gratis 0800-0113", "bel 113"), "utf-8")
    with pytest.raises(ValueError, match="0800-0113"):
        load_helplines(broken)
    signals = broken / "safety" / "signals.yaml"
    signals.write_text(signals.read_text(encoding="utf-8").replace("      - wil niet meer leven\n",
                                                                   "      - wil (niet meer leven\n"), "utf-8")
    with pytest.raises(ValueError, match="unbalanced"):
        load_signals(broken)


def _situations() -> list[tuple[str, str, acts.Situation]]:
    registry = build_registry()
    recorded = yamlfile.load(SITUATIONS.read_text(encoding="utf-8"))
    found = []
    for at, per_locale in recorded["steps"].items():
        flow_name, step_name = at.split(":", 1)
        flow = registry.flows[flow_name]
        step = flow.steps[step_name]
        for locale, rows in per_locale.items():
            found.append((at, locale, acts.Situation(
                step=at, options=tuple(options_from_rows(rows)), free_text=step.free_text, multi=step.multi,
                slot=step.slot, corrects=flow.correctable(step_name), relay=step.relay)))
    for kind, per_locale in recorded["prompts"].items():
        for locale, rows in per_locale.items():
            found.append((f"prompt {kind}", locale, acts.Situation(prompts=(tuple(options_from_rows(rows)),))))
    return found


def test_a_crisis_comes_first_at_every_step_and_every_open_message() -> None:
    lexicon = acts.load_lexicon(CONTENT)
    situations = _situations()
    assert len(situations) > 100
    for where, locale, situation in situations:
        act = acts.classify(CRISES.get(locale, CRISES["en"]), situation, lexicon)  # any language, any step
        assert act.name == acts.CRISIS, (where, act.explain())


def test_a_crisis_in_every_language_comes_first_at_every_recorded_step() -> None:
    """Whatever the step shows (its options in the resident's app language), a crisis typed in any of the six
    languages is read as a crisis of its kind before anything else. The check reads the text alone (`classify`
    asks it before it looks at the step), so each step gets a crisis of the next language and kind in turn: every
    text at a dozen steps, every step with a crisis, in a twentieth of the time of every text at every step."""
    lexicon = acts.load_lexicon(CONTENT)
    crises = [(language, kind, text) for language, texts in CRISES_EVERY_LANGUAGE.items()
              for kind, text in texts.items()]
    for language, kind, text in crises:
        found = detect(text, lexicon.signals)
        assert found is not None and kind in found.kinds, (language, text, found)
    for number, (where, _locale, situation) in enumerate(_situations()):
        language, _kind, text = crises[number % len(crises)]
        act = acts.classify(text, situation, lexicon)
        assert act.name == acts.CRISIS, (language, text, where, act.explain())


@pytest.mark.parametrize("text", [
    "ik ga dood van het lachen", "die herrie maakt me gek", "i'm dying to see the new park",
    "we killed it at the bake sale", "mijn oma is vorige maand overleden, ik wil een boom planten",
    "the film ended with a suicide, can we talk about it?",
    "ik heb mezelf gesneden bij het koken, niks ernstigs", "i don't want to live in this area forever",
    "ik zie het niet meer zitten met die tuin", "my battery is about to die", "hang on, i meant saturday",
    "mijn moeder slaat geen markt over", "a workshop on recognising domestic abuse?",
    "ik heb geen zin meer in die vergaderingen",
    "my mum will kill me if i forget the cake lol",
])
def test_everyday_words_about_death_and_harm_are_not_a_crisis(text: str) -> None:
    assert detect(text, load_signals(CONTENT)) is None, detect(text, load_signals(CONTENT))


@pytest.mark.parametrize(("text", "kind"), [
    ("sucidal again tonight", "suicide"),  # a typo of a concept word
    ("zelfmrd lijkt me de enige uitweg", "suicide"),
    ("my partner said he'll kill me if i leave him", "violence"),  # not the idiom "kill me if"
    ("i tried to kill myself last year and the thoughts are back", "suicide"),  # the past does not guard a wish
    ("mijn dochtertje is weg, we kunnen haar nergens vinden", "danger"),  # two clauses, one rule
    ("kocam ekmeği unutursam beni öldüreceğini söyledi", "violence"),  # told by the one threatened: bread or not
    ("он сказал что убьет меня если я уйду", "violence"),
    ("ja joho vbju, nizh vzhe v sumci", "violence"),  # own threat, a weapon at hand, Ukrainian in Latin letters
])
def test_concepts_generalise_beyond_phrases(text: str, kind: str) -> None:
    found = detect(text, load_signals(CONTENT))
    assert found is not None and kind in found.kinds, found
    assert any("+" in reason or "unless" in reason or reason.startswith(("end_life", "nonexistence")) for reason
               in found.phrases), found.phrases


@pytest.mark.parametrize(("text", "kind"), [
    ("this exam kms", "suicide"),  # the slang alone stays a crisis: recall wins
    ("lol i want to die", "suicide"),  # a laugh alone is no joke guard
    ("als ik nog 1 keer gepest word spring ik van de flat haha", "suicide"),  # bullying is no trivial thing
    ("galatasaray kaybetti intihar edicem 😂", "suicide"),  # spoken Turkish future ("edicem"), a laughing face
    ("я знов порізалась", "selfharm"),  # a reflexive cutting verb in another form than the concepts have
    ("uvey babam kardesimi tokatladi", "violence"),  # a household member with a case ending is the target
    ("kocam beni dovuyo her gece", "violence"),  # spoken present ("-iyo")
])
def test_crises_stay_crises_in_other_forms(text: str, kind: str) -> None:
    found = detect(text, load_signals(CONTENT), second_line=False)
    assert found is not None and kind in found.kinds, found


@pytest.mark.parametrize("text", [
    "the radiator is dead, landlord is not answering", "ik haal je af van de trein, zit op perron 3",
    "bye and thanks everyone, i moved to utrecht", "the kitchen was full of smoke, burnt the pancakes, all fine",
    # issue 26, safety-fresh11: "kms" with a laugh or about one more form; a threat at the Sunday driller
    "kms this form is so long 😂", "kms als ik nog één formulier moet invullen",
    "jak sasiad znowu bedzie wiercil w niedziele to go zabije",
    # a laugh, one more time and a trivial thing (concepts.yaml joke_guards)
    "jak jeszcze raz usłyszę tę piosenkę to się powieszę 😂",
    "if i hear that song one more time im jumping off a bridge lol",
])
def test_everyday_words_near_a_guard_are_not_a_crisis(text: str) -> None:
    assert detect(text, load_signals(CONTENT)) is None, detect(text, load_signals(CONTENT))


def test_the_concept_rules_are_content_checked_at_start_up(tmp_path: Path) -> None:
    broken = tmp_path / "content"
    shutil.copytree(CONTENT, broken)
    path = broken / "safety" / "concepts.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("- {all: [death, want], within: 5}", "- {all: [death, wants], within: 5}"), "utf-8")
    load_signals.cache_clear()
    with pytest.raises(ValueError, match="unknown concept 'wants'"):
        load_signals(broken)
    path.write_text(text.replace("rules:\n  suicide:", "rules:\n  nothing:"), "utf-8")
    with pytest.raises(ValueError):
        load_signals(broken)


def test_every_language_with_phrases_has_a_crisis_and_hyperbole_list() -> None:
    raw = yamlfile.load((CONTENT / "safety" / "signals.yaml").read_text(encoding="utf-8"))
    for kind, languages in raw["kinds"].items():
        assert {"nl", "en", "tr", "ar", "pl", "uk"} <= set(languages), kind
    assert {"nl", "en", "tr", "ar", "pl", "uk"} <= set(raw["not_crisis"])


def test_the_classifier_explains_itself() -> None:
    lexicon = acts.load_lexicon(CONTENT)
    act = acts.classify("wie ziet m'n oproep dan", acts.Situation(step="idea:call", free_text=True, slot="call",
                                                                    relay=True), lexicon)
    assert (act.name, act.topic) == ("question", "who_sees")
    assert "asks" in act.explain()


@pytest.mark.parametrize(("text", "current", "finder", "expected"), [
    ("nee geen sport, het gaat om duurzaamheid en ontmoeten", ["sport", "ontmoeten"], "themes",
     ["duurzaam", "ontmoeten"]),
    ("spullen heb ik al, alleen een ruimte en wat vrijwilligers", ["spullen"], "needs", ["ruimte", "handen"]),
    ("ja, maar geld is ook wel handig", ["spullen"], "needs", ["spullen", "geld"]),
    ("take helping hands off the needs, we've got plenty of people", ["handen", "geld"], "needs", ["geld"]),
    ("it's more about kids playing than sport tbh", ["sport"], "themes", ["spelen"]),
    ("helemaal niets hierover", ["sport"], "themes", None),
])
def test_corrections_of_a_list(text: str, current: list[str], finder: str, expected: list[str] | None) -> None:
    words = load_idea_words(CONTENT)
    assert corrected_list(text, current, words.themes_in if finder == "themes" else words.needs_in,
                          words.phrases) == expected


def test_answers_in_more_words_pick_only_what_they_name() -> None:
    summary = [Option("self", "🙋 Ik ga zelf aan de slag, met buren", "self"),
               Option("connector", "🤝 Meedenken met de verbinder", "connector"),
               Option("later", "💾 Later verder", "later")]
    assert resolve_in_words("eerst even zelf proberen met de buren", summary).picks == ("self",)
    assert resolve_in_words("sla maar op, ik doe later verder", summary).picks == ("later",)
    assert resolve_in_words("wat een mooie dag vandaag", summary).picks == ()
    wijken = [Option("nude", "De Nude (Wageningen)"), Option("presikhaaf", "Presikhaaf (Arnhem)")]
    found = resolve_in_words("6708 wageningen", wijken)
    assert found.picks == () and found.confirm == wijken[0]  # by what it is about only: asked, never guessed


async def test_a_crisis_message_is_never_stored(app: App) -> None:
    chat = await onboard(app, "jan")
    await chat.send("/idee")
    text = "een moestuin, maar eerlijk gezegd wil ik niet meer leven"
    await chat.send(text)
    assert "113" in chat.text and "Hoe zie je dat voor je" not in chat.text
    assert not [c for r in chat.replies for c in r.choices if c.data.startswith("/")]  # never a menu
    with Session(app.engine) as session:
        [user] = session.exec(select(User)).all()
        stored = json.dumps(privacy.export(session, user=user), ensure_ascii=False)
    assert "leven" not in stored and "moestuin, maar" not in stored
    await chat.send("waar was ik")
    assert "eigen woorden" in chat.text  # the open question was kept for later


FREE = {"idea:text": "text", "idea:knows": "knows", "idea:picture": "picture", "onboarding:wijk": "wijk"}


@pytest.mark.parametrize(("step", "text", "act"), [
    # phrasings no phrase of content/dialogue_acts.yaml names: the cue words (stems, a typo, position) decide
    ("idea:text", "annuleeer maar alles", "cancel"),
    ("idea:knows", "cool cool", "chitchat"),
    ("idea:knows", "sorry moet ff weg, morgen verder", "pause"),
    ("idea:picture", "kan iemand anders mijn adres zien", "question"),
    ("idea:text", "idk what u mean", "unclear"),
    ("idea:knows", "wie ik ken: mijn buurman en zijn zoon", "answer"),
    ("idea:text", "een stopplaats voor de buurtbus bij de kerk", "answer"),
    ("idea:text", "later in het jaar een kerstmarkt op het plein", "answer"),
    ("idea:knows", "Kees en Marja", "answer"),
])
def test_cue_words_generalise_beyond_phrases(step: str, text: str, act: str) -> None:
    lexicon = acts.load_lexicon(CONTENT)
    situation = acts.Situation(step=step, free_text=True, slot=FREE[step])
    assert acts.classify(text, situation, lexicon).name == act, acts.classify(text, situation, lexicon).explain()


def test_a_question_by_its_form_gets_a_topic_from_keywords() -> None:
    lexicon = acts.load_lexicon(CONTENT)
    act = acts.classify("zijn er deze maand activiteiten voor kinderen", acts.Situation(
        step="idea:text", free_text=True, slot="text"), lexicon)
    assert (act.name, act.topic) == ("question", "whats_on"), act.explain()


def _all_phrases(value: object) -> list[Phrases]:
    if isinstance(value, Phrases):
        return [value]
    if isinstance(value, dict):
        return [p for item in value.values() for p in _all_phrases(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [p for f in dataclasses.fields(value) for p in _all_phrases(getattr(value, f.name))]
    return []


def test_searching_only_patterns_whose_first_word_is_there_finds_what_searching_all_finds() -> None:
    """`Phrases` searches a pattern only when the text has a word its first required token can begin with;
    over every list of both lexicons and the development texts that must find exactly what searching every
    pattern finds, in the same order."""
    lists = _all_phrases(load_signals(CONTENT)) + _all_phrases(acts.load_lexicon(CONTENT))
    assert sum(len(p.patterns) for p in lists) > 5000
    rows = [row for name in ("safety-dev.yaml", "dialogue-acts.yaml")
            for row in yamlfile.load((PROJECT_ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))["items"]]
    texts = [fold(str(row["text"])) for row in rows[::20]] + ["ik wil gwn echt dood", "snijden", "ja", "ok"]
    for phrases in lists:
        every = [re.compile(compiled.pattern) for compiled in map(compile_pattern, phrases.patterns)]
        for text in texts:
            padded = text + " "
            expected = [p for p, rx in zip(phrases.patterns, every, strict=True) if rx.search(padded)]
            assert phrases.found(text) == expected, (text, expected)
            assert phrases.spans(text) == [m.span() for rx in every for m in rx.finditer(padded)], text
