"""Commands as people can type them everywhere: "/idee", "!idee" (Matrix), plain words; and how texts name them."""

from __future__ import annotations

import re

from babel.messages.pofile import read_po

from bot.core.app import App
from bot.core.commands import LOCALE_NAMES, PLAIN_WORDS, in_form, plain_command
from bot.core.events import Choice, Incoming, Kind, Reply
from bot.infra.config import PROJECT_ROOT
from bot.infra.i18n import use_locale
from bot.transports.matrix import render, render_html
from handlers import build_registry
from tests.support import onboard


def test_every_locale_name_and_plain_word_is_a_registered_name_of_that_command() -> None:
    commands = build_registry().commands
    for names in LOCALE_NAMES.values():
        for name, localized in names.items():
            assert commands[localized] is commands[name], (name, localized)
    for word, name in PLAIN_WORDS.items():
        assert name in commands, word


def test_bang_commands_parse_like_slash_commands_but_exclamations_stay_text() -> None:
    assert Incoming.from_text("matrix", "@a:x", "!idee").command == "idee"
    assert Incoming.from_text("matrix", "@a:x", "!Koppel AB12").args == ("AB12",)
    assert Incoming.from_text("matrix", "@a:x", "!!!").kind is Kind.TEXT
    assert Incoming.from_text("matrix", "@a:x", "! ja").kind is Kind.TEXT
    assert [plain_command(t) for t in ("Menu", " idee!", "help?", "hulp", "idea", "idee voor de straat")] == [
        "menu", "idee", "help", "help", "idee", None]


def test_command_names_written_as_words_run_the_command() -> None:
    known = build_registry().commands
    typed = ("mijn aanbod", "Mijn ideeën!", "vergeet mij", "my offers", "nieuwe activiteit", "stop", "wijk",
             "mijn aanbod aanpassen graag", "mijn buurman")
    assert [plain_command(t, known) for t in typed] == [
        "mijnaanbod", "mijnideeen", "vergeetmij", "myoffers", "nieuweactiviteit", None, None, None, None]


def test_matrix_writes_known_commands_with_a_bang_and_leaves_the_rest() -> None:
    known = build_registry().commands
    text = "Typ /idee of /menu (zie https://wijk.nl/menu), en/of /idea. /onzin blijft."
    assert in_form(text, "!", known) == "Typ !idee of !menu (zie https://wijk.nl/menu), en/of !idea. /onzin blijft."
    assert render(Reply("Kies /taal", ()), known) == "Kies !taal"


async def test_bang_and_plain_words_start_the_idea_flow_on_matrix(app: App) -> None:
    chat = await onboard(app, "@anna:wijk.test", transport="matrix")
    await chat.send("!idee")
    assert "eigen woorden" in chat.text
    await chat.send("stop")
    other = await onboard(app, "@bob:wijk.test", transport="matrix")
    await other.send("idee")
    assert "eigen woorden" in other.text
    english = await onboard(app, "@eve:wijk.test", locale="en", transport="matrix")
    await english.send("Idea")
    assert "in your own words" in english.text


async def test_plain_words_while_no_question_is_open(app: App) -> None:
    chat = await onboard(app, "piet")
    await chat.send("Menu")
    assert "Wat wil je doen?" in chat.text
    await chat.send("help")
    assert "/idee — " in chat.text and "/mijngegevens — " in chat.text
    await chat.send("!paarse")  # not a command: free text, which after onboarding gets the friendly menu
    assert "Ik weet niet zeker wat je bedoelt" in chat.text and "commando" not in chat.text


async def test_a_plain_word_that_answers_an_open_question_stays_an_answer(app: App) -> None:
    chat = await onboard(app, "saar")
    await chat.send("/idee")
    await chat.send("menu")  # the idea, in her own words (however short): not the menu command
    assert "Wat wil je doen?" not in chat.text


async def test_english_texts_name_the_english_commands(app: App) -> None:
    chat = await onboard(app, "mo", locale="en")
    await chat.send("/myideas")
    assert "Type /idea to share one!" in chat.text
    dutch = await onboard(app, "noor")
    await dutch.send("/mijnideeen")
    assert "Typ /idee om er een te delen!" in dutch.text
    with use_locale("en"):
        assert render(Reply(chat.text), build_registry().commands).count("!idea") == 1


async def test_choices_from_earlier_questions_are_called_choices_not_buttons(app: App) -> None:
    chat = await onboard(app, "kim")
    await chat.press_data("!idea:bogus")
    assert chat.text == "Die keuze is niet meer actief. Typ /menu om te zien wat ik kan."


def test_no_text_hard_codes_a_command() -> None:
    """Texts name commands through cmd() ({cmd} in the msgid), so English texts say /idea and Matrix !idee."""
    names = set(build_registry().commands)
    catalog = read_po((PROJECT_ROOT / "locales" / "wijkgids.pot").open("rb"))
    offenders = [m.id for m in catalog if isinstance(m.id, str)
                 and any(n in names for n in re.findall(r"(?<![\w/:.])/([a-z]+)\b", m.id))]
    assert offenders == []


def test_matrix_html_choices_escape_everything_and_keep_the_bang_form() -> None:
    known = build_registry().commands
    reply = Reply('Je idee: <b>feest</b> & "meer"\nTyp /menu', (Choice("a", "<script>x</script>"), Choice("b", "Nee")))
    with use_locale("nl"):
        html = render_html(reply, known)
    assert html == ("<p>Je idee: &lt;b&gt;feest&lt;/b&gt; &amp; &quot;meer&quot;<br>Typ !menu</p>"
                    "<ol><li>&lt;script&gt;x&lt;/script&gt;</li><li>Nee</li></ol>"
                    "<p><em>(Typ het nummer of het woord.)</em></p>")
