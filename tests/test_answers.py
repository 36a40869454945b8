"""The answer resolver (bot/understanding/answers.py) and how the dispatcher uses it."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from bot.core.app import App
from bot.infra.models import Activity, OpenPrompt, Rsvp
from bot.transports.console import render
from bot.understanding.answers import Option, family_of, resolve
from tests.conversation_scripts import SCRIPTS_DIR, load, play
from tests.support import onboard

CONSENT_NL = [Option("yes", "Ja, dat is goed", "yes"), Option("no", "Nee, liever niet", "no")]
THEMES_NL = [Option(k, label) for k, label in [
    ("ontmoeten", "🤝 Ontmoeten"), ("groen", "🌳 Groen & natuur"), ("spelen", "🛝 Spelen & kinderen"),
    ("sport", "⚽ Sport & bewegen"), ("feest", "🎉 Feest & cultuur"), ("zorg", "💛 Zorg voor elkaar"),
    ("veiligheid", "🚦 Veiligheid & verkeer"), ("duurzaam", "♻️ Duurzaamheid"), ("anders", "✨ Iets anders"),
]] + [Option("done", "Klaar ➡️", "done")]


@pytest.mark.parametrize("typed", ["ja", "Ja!", "ok", "oké", "OK.", "prima", "goed", "zeker", "yes", "sure", "👍",
                                   "Yes, that’s fine", "ja hoor", "jaaa", "1", "1.", "nr 1", "nummer 1"])
def test_yes_words(typed: str) -> None:
    assert resolve(typed, CONSENT_NL).picks == ("yes",)


@pytest.mark.parametrize("typed", ["nee", "Nee.", "no", "nope", "nee hoor", "liever niet", "2", "neee"])
def test_no_words(typed: str) -> None:
    assert resolve(typed, CONSENT_NL).picks == ("no",)


@pytest.mark.parametrize(("typed", "picks"), [
    ("groen", ("groen",)), ("feest", ("feest",)), ("natuur", ("groen",)), ("gron", ("groen",)),
    ("klaar", ("done",)), ("Klaar ➡️", ("done",)), ("dat was het", ("done",)), ("done", ("done",)),
    ("1, 5", ("ontmoeten", "feest")), ("1 en 5", ("ontmoeten", "feest")), ("1 and 5", ("ontmoeten", "feest")),
    ("groen en feest", ("groen", "feest")), ("✅ 🌳 groen & natuur", ("groen",)),
    ("2 5 klaar", ("groen", "feest", "done")),
])
def test_multi_select(typed: str, picks: tuple[str, ...]) -> None:
    assert resolve(typed, THEMES_NL, multi=True).picks == picks


@pytest.mark.parametrize("typed", ["nee", "niets", "nope", "nothing"])
def test_no_to_a_pick_all_that_apply_question_means_done(typed: str) -> None:
    needs = [Option("geld", "💶 Geld"), Option("done", "Klaar ➡️", "done")]
    assert resolve(typed, needs, multi=True).picks == ("done",)
    with_skip = [*needs, Option("skip", "Overslaan", "skip")]
    assert resolve(typed, with_skip, multi=True).picks == ("skip",)


def test_several_picks_only_on_multi_select() -> None:
    assert resolve("1, 5", THEMES_NL).picks == ()


@pytest.mark.parametrize("typed", ["x", "misschien", "7 euro", "hoi", "a", "ik weet het niet", "²", "٣", "１"])
def test_not_understood(typed: str) -> None:
    assert not resolve(typed, CONSENT_NL).understood


def test_ambiguous_names_the_candidates() -> None:
    options = [Option("a", "Koffie drinken"), Option("b", "Koffie schenken")]
    assert [o.data for o in resolve("koffie", options).ambiguous] == ["a", "b"]


def test_free_text_only_takes_exact_matches() -> None:
    options = [Option("nothing", "Nog niets", "nothing"), Option("__back__", "⬅️ Terug", "back")]
    assert resolve("nee", options, exact_only=True).picks == ("nothing",)
    assert resolve("nog niets", options, exact_only=True).picks == ("nothing",)
    assert resolve("nog een zaag", options, exact_only=True).picks == ()
    assert resolve("nog niets eigenlijk maar wel tijd", options, exact_only=True).picks == ()


def test_short_words_are_not_guessed() -> None:
    options = [Option("a", "Eenmalig"), Option("b", "🔁 Elke week")]
    assert resolve("ee", options).picks == ()
    assert resolve("elke", options).picks == ("b",)


def test_language_words() -> None:
    options = [Option("nl", "Nederlands", "lang_nl"), Option("en", "English", "lang_en")]
    for typed, code in [("engels", "en"), ("English please", "en"), ("nederlands", "nl"), ("dutch", "nl"),
                        ("englsh", "en")]:
        assert resolve(typed, options).picks == (code,), typed


HELP_NL = [Option("self", "🙋 Ik ga zelf aan de slag, met buren", "self"),
           Option("connector", "🤝 Meedenken met de verbinder", "connector"),
           Option("organisation", "🏛️ Iets van een organisatie", "organisation"),
           Option("edit", "✏️ Aanpassen", "change"), Option("draft", "💾 Later verder", "later"),
           Option("cancel", "🗑️ Weggooien", "discard")]
HELP_EN = [Option("self", "🙋 I'll start myself, with neighbours", "self"),
           Option("connector", "🤝 Think it through with the connector", "connector"),
           Option("organisation", "🏛️ Something from an organisation", "organisation"),
           Option("edit", "✏️ Change something", "change"), Option("draft", "💾 Continue later", "later"),
           Option("cancel", "🗑️ Throw away", "discard")]


@pytest.mark.parametrize(("typed", "pick"), [
    ("ik begin zelf", "self"), ("zelf", "self"), ("ik doe het zelf wel", "self"), ("ik wil het zelf doen", "self"),
    ("myself", "self"), ("i'll do it myself", "self"), ("i'll start on my own", "self"),
    ("samen met de buren", "self"), ("I'd rather do it myself", "self"), ("liever zelf", "self"),
    ("in mijn eentje", "self"), ("together with the neighbours", "self"), ("we'll do it ourselves", "self"),
    ("help van de verbinder graag", "connector"), ("i'd like someone to think along", "connector"),
    ("iemand die meedenkt", "connector"), ("the connector please", "connector"), ("meedenken", "connector"),
    ("een organisatie", "organisation"), ("the council", "organisation"), ("de gemeente", "organisation"),
    ("iets van de gemeente", "organisation"), ("money from the council", "organisation"),
    ("i need a permit", "organisation"), ("ik heb geld nodig", "organisation"),
    ("later", "draft"), ("bewaren", "draft"), ("ik denk er nog over na", "draft"), ("save it for later", "draft"),
    ("ik ga het zelf doen", "self"), ("dat regel ik zelf wel", "self"), ("i will do it myself", "self"),
    ("i'll organise it myself", "self"), ("zelf beginnen met de buren", "self"),
    ("together with the connector", "connector"), ("apply for a grant", "organisation"),
    ("ik wil nog iets veranderen", "edit"), ("wijzigen", "edit"), ("edit", "edit"),
    ("verwijderen", "cancel"), ("delete it", "cancel"),
])
def test_the_kind_of_help_for_an_idea_in_own_words(typed: str, pick: str) -> None:
    for options in (HELP_NL, HELP_EN):  # answer words count in every language
        assert resolve(typed, options).picks == (pick,), typed


@pytest.mark.parametrize("typed", ["misschien", "hoi", "weet ik niet", "ik weet het nog niet", "stop", "laat maar",
                                   "ik ga het doen", "alleen de gemeente"])
def test_the_kind_of_help_is_not_guessed(typed: str) -> None:
    """Not understood: the bot lists the options again ("stop" and "laat maar" cancel the conversation, they never
    throw the idea away)."""
    assert not resolve(typed, HELP_NL).understood and not resolve(typed, HELP_EN).understood


def test_a_family_phrase_without_its_filler_only_counts_when_two_words_remain() -> None:
    assert family_of("help van de verbinder graag", "connector")  # "hulp/help van de verbinder" without "de"
    assert family_of("laat maar", "cancel")
    assert not family_of("ik laat het zo", "cancel") and not family_of("laat", "cancel")  # "laat maar" is not "laat"
    assert not family_of("ik wil het doen", "self")


def test_help_words_do_not_take_free_text_elsewhere() -> None:
    call = [Option("skip", "Nu niet", "later"), Option("__back__", "⬅️ Terug", "back")]  # the call to neighbours
    assert resolve("ik doe het zelf met de buren", call, exact_only=True).picks == ()
    assert resolve("zelf", call).picks == ()


async def test_running_numbers_across_messages_and_both_activities_answerable(app: App, clock) -> None:  # type: ignore[no-untyped-def]
    await play(app, clock, load(SCRIPTS_DIR / "activities-two-nl.yaml"))
    with Session(app.engine) as session:
        titles = {a.id: a.title for a in session.exec(select(Activity))}
        rsvps = [titles[r.activity_id] for r in session.exec(select(Rsvp))]
    assert sorted(rsvps) == ["Koffieochtend", "Repaircafé"]
    chat = await onboard(app, "bert")
    replies = await chat.send("/activiteiten")
    rendered = "\n".join(render(r) for r in replies)
    assert "  1. ✅ Ik kom" in rendered and "  6. ✅ Ik kom" in rendered, "5 options each, including Doorsturen"


async def test_a_request_stays_answerable_after_other_messages(app: App, clock) -> None:  # type: ignore[no-untyped-def]
    await play(app, clock, load(SCRIPTS_DIR / "handover-accept-after-menu-nl.yaml"))
    with Session(app.engine) as session:
        assert session.exec(select(OpenPrompt)).all() == [], "the accepted request is closed"


def test_a_short_answer_that_opens_with_yes_or_no_means_that() -> None:
    options = [Option("yes", "Ja, ik help graag", "yes"), Option("no", "Nu even niet", "no"),
               Option("never", "Vraag me niet meer", "never")]
    for text, meant in (("ja hoor, leuk", "yes"), ("ja ik kook wel mee", "yes"), ("sure why not", "yes"),
                        ("yes I'd love to", "yes"), ("nee sorry, geen tijd", "no"), ("sorry, not this time", "no"),
                        ("niet meer vragen aub", "never")):
        assert resolve(text, options).picks == (meant,), text
    for text in ("ja, maar nu even niet", "ja ik wil een moestuin beginnen in de straat", "misschien later"):
        assert resolve(text, options).picks == (), text
    assert resolve("ja ik kook wel mee", options, exact_only=True).picks == (), "free text stays free text"


WIJKEN = [Option("bloemenbuurt", "Bloemenbuurt (Ede)"), Option("de-nude", "De Nude (Wageningen)"),
          Option("presikhaaf", "Presikhaaf (Arnhem)"), Option("other", "Мого району (wijk) немає в списку")]


@pytest.mark.parametrize("typed,meant", [("пресікхааф", "presikhaaf"), ("бломенбюрт", "bloemenbuurt"),
                                         ("де нюде", "de-nude"), ("вагенінген", "de-nude")])
def test_a_dutch_name_typed_in_cyrillic_picks_its_option(typed: str, meant: str) -> None:
    assert resolve(typed, WIJKEN).picks == (meant,)


@pytest.mark.parametrize("typed,meant", [("بريسيكهاف", "presikhaaf"), ("بلومنبورت", "bloemenbuurt"),
                                         ("بلومن بورت", "bloemenbuurt")])
def test_a_dutch_name_typed_in_arabic_letters_picks_its_option(typed: str, meant: str) -> None:
    assert resolve(typed, WIJKEN).picks == (meant,)


@pytest.mark.parametrize("typed", ["так", "мій район", "عندي فكرة", "شو في هالأسبوع", "دي نودي"])
def test_other_words_in_another_script_pick_no_latin_option(typed: str) -> None:
    assert resolve(typed, WIJKEN).picks == ()


FREQUENCY = [Option("once", "Eenmalig", "once"), Option("sometimes", "Af en toe", "sometimes"),
             Option("regularly", "Regelmatig", "regularly")]


@pytest.mark.parametrize("typed,meant", [("1 keer per maand", "regularly"), ("once a month", "regularly"),
                                         ("twice a week", "regularly"), ("paar keer per jaar", "sometimes"),
                                         ("once a year", "sometimes"), ("een keer", "once"), ("just once", "once")])
def test_how_often_typed_with_a_period_is_not_once(typed: str, meant: str) -> None:
    assert resolve(typed, FREQUENCY).picks == (meant,)
