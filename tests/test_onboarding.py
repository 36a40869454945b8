"""Onboarding and the core conversation rules, through the dispatcher (no network)."""

from __future__ import annotations

from sqlmodel import Session, select

from bot.core.app import App
from bot.infra.models import Consent, Conversation, User
from tests.conftest import make_app
from tests.support import Chat, onboard


def user_row(app: App, name: str) -> User:
    with Session(app.engine) as session:
        user = session.exec(select(User).where(User.external_id == name)).one()
        session.expunge(user)
        return user


async def test_full_onboarding_in_dutch(any_db_app: App) -> None:
    chat = Chat(any_db_app, "anna")
    await chat.send("/start")
    assert chat.labels == ["Nederlands", "English", "Türkçe", "العربية", "Polski", "Українська"]
    await chat.press("Nederlands")
    assert "database" in chat.text and "/vergeetmij" in chat.text
    assert chat.labels == ["Ja, dat is goed", "Nee, liever niet"]
    await chat.press("Ja")
    assert "welke wijk" in chat.text
    assert any("Presikhaaf" in label for label in chat.labels)
    await chat.send("6825 AB")
    assert "Presikhaaf" in chat.text
    assert "Wat wil je doen?" in chat.text
    user = user_row(any_db_app, "anna")
    assert (user.locale, user.wijk_id, user.onboarded, user.consent_decided) == ("nl", "presikhaaf", True, True)
    with Session(any_db_app.engine) as session:
        assert session.exec(select(Consent).where(Consent.user_id == user.id)).one().purpose == "store"


async def test_onboarding_in_english_with_numbers_like_matrix(app: App) -> None:
    chat = Chat(app, "bob", language_hint="en-GB")
    await chat.send("/start")
    assert chat.labels[0] == "English", "the language hint puts English first"
    assert "Which language" in chat.text
    await chat.send("1")
    assert "Is that okay?" in chat.text
    await chat.send("yes, that's fine")
    await chat.send("bloemenbuurt")
    assert "Bloemenbuurt it is" in chat.text
    assert user_row(app, "bob").locale == "en"


async def test_no_consent_keeps_only_language_and_wijk(app: App) -> None:
    await onboard(app, "carla", consent=False)
    user = user_row(app, "carla")
    assert user.consent_decided and user.onboarded
    with Session(app.engine) as session:
        assert session.exec(select(Consent)).all() == []


async def test_deep_link_preselects_wijk(app: App) -> None:
    chat = Chat(app, "dirk")
    await chat.send("/start wijk-de-nude")
    await chat.press("Nederlands")
    await chat.press("Ja")
    assert "De Nude" in chat.text
    assert "welke wijk" not in chat.text
    assert user_row(app, "dirk").wijk_id == "de-nude"


async def test_unknown_postcode_is_answered_kindly_and_question_repeats(app: App) -> None:
    chat = Chat(app, "eva")
    await chat.send("/start")
    await chat.press("Nederlands")
    await chat.press("Ja")
    await chat.send("1012 AB")
    assert "1012 AB" in chat.text and "ken ik nog niet" in chat.text
    assert any("Presikhaaf" in label for label in chat.labels)
    await chat.send("blabla")  # no name to repeat back, but said kindly (issue 26), and the question again
    assert "Die wijk ken ik nog niet" in chat.text and "Blabla" not in chat.text
    assert any("Presikhaaf" in label for label in chat.labels)
    await chat.send("De Nude")
    assert user_row(app, "eva").wijk_id == "de-nude"


async def test_restart_mid_onboarding_continues_at_same_step(sqlite_url: str, content, clock) -> None:  # type: ignore[no-untyped-def]
    first = make_app(sqlite_url, content, clock)
    chat = Chat(first, "fleur")
    await chat.send("/start")
    await chat.press("English")
    first.engine.dispose()

    second = make_app(sqlite_url, content, clock)
    again = Chat(second, "fleur")
    await again.send("1")  # "Yes, that's fine" as a typed number
    assert "Which neighbourhood" in again.text
    with Session(second.engine) as session:
        conversation = session.exec(select(Conversation)).one()
        assert (conversation.flow, conversation.step) == ("onboarding", "wijk")


async def test_back_goes_one_question_back(app: App) -> None:
    chat = Chat(app, "gijs")
    await chat.send("/start")
    await chat.press("Nederlands")
    await chat.send("terug")
    assert "Welke taal" in chat.text
    await chat.press("English")
    assert "Is that okay?" in chat.text


async def test_bad_input_gets_friendly_answers_and_conversation_goes_on(app: App) -> None:
    chat = Chat(app, "hanna")
    await chat.send("/start")
    await chat.press("Nederlands")
    await chat.unsupported("sticker")
    assert "stickers" in chat.texts[0].lower() and "Is dat goed?" in chat.text
    await chat.send("x" * 5000)
    assert "4.000" in chat.text
    await chat.send("/vliegtuig")
    assert "/vliegtuig" in chat.text and "Is dat goed?" in chat.text
    await chat.press_data("onboarding:language:nl")  # a stale button of the previous question
    assert "eerdere vraag" in chat.text and "Is dat goed?" in chat.text
    await chat.press_data("!nonsense:1:2")  # forged data
    assert "eerdere vraag" in chat.text
    await chat.send("misschien")  # a hedge: the question in other words, with the options, not the whole text
    assert "nee zeggen" in chat.text and "knoppen" not in chat.text and "database" not in chat.text
    assert chat.labels == ["Ja, dat is goed", "Nee, liever niet"]
    await chat.send("7")
    assert "begreep ik niet" in chat.text and "database" not in chat.text
    assert chat.labels == ["Ja, dat is goed", "Nee, liever niet"]
    await chat.press("Ja")
    assert "welke wijk" in chat.text


async def test_double_tap_changes_nothing(app: App) -> None:
    chat = Chat(app, "ivo")
    await chat.send("/start")
    data = chat.find("Nederlands").data
    await chat.press_data(data)
    await chat.press_data(data)
    assert "eerdere vraag" in chat.text
    with Session(app.engine) as session:
        assert session.exec(select(Conversation)).one().step == "consent"


async def test_taal_switches_language_and_returns(app: App) -> None:
    chat = await onboard(app, "jan")
    await chat.send("/taal")
    await chat.press("English")
    assert chat.text == "Okay, from now on I will write in English."
    await chat.send("/menu")
    assert "What would you like to do?" in chat.text


async def test_stop_mutes_and_start_unmutes(app: App) -> None:
    chat = await onboard(app, "kees")
    await chat.send("/stop")
    assert user_row(app, "kees").muted
    await chat.press("weer aan")
    assert not user_row(app, "kees").muted


async def test_any_text_from_a_new_user_starts_onboarding(app: App) -> None:
    chat = Chat(app, "lotte")
    await chat.send("hoi")
    assert chat.labels == ["Nederlands", "English", "Türkçe", "العربية", "Polski", "Українська"]


async def test_help_lists_commands_in_users_language(app: App) -> None:
    chat = await onboard(app, "mo", locale="en")
    await chat.send("/help")
    assert "/language — change language" in chat.text and "/mydata — " in chat.text and "/taal" not in chat.text
    chat_nl = await onboard(app, "noor")
    await chat_nl.send("/help")
    assert "/taal — taal wijzigen" in chat_nl.text


async def test_unknown_text_after_onboarding_shows_menu(app: App) -> None:
    chat = await onboard(app, "olaf")
    await chat.send("qwerty")
    assert "weet niet zeker" in chat.text
    assert chat.labels  # the menu
