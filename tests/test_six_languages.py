"""The six languages beside each other: right-to-left text, command names per language, the language of a first
message (issue 28)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.core.app import App
from bot.core.commands import LOCALE_NAMES, command_name
from bot.core.events import Reply, right_to_left
from bot.infra import yamlfile
from bot.infra.clock import ManualClock
from bot.infra.config import PROJECT_ROOT
from bot.infra.content import Content, LocalText, load_content
from bot.infra.helplines import load_helplines
from bot.infra.i18n import FSI, LOCALES, PDI, direction, isolate, use_locale
from bot.understanding.gifts import load_gifts
from bot.understanding.routing import route
from handlers import build_registry
from tests.conftest import make_app
from tests.support import Chat, onboard

IN_DUTCH = {"tr": "(Hollandaca)", "ar": "(بالهولندية)", "pl": "(po niderlandzku)", "uk": "(нідерландською)"}


def test_latin_names_numbers_and_commands_in_arabic_text_are_isolated_once() -> None:
    text = "أرسلتُ فكرتك إلى Sleutelfiguur Presikhaaf (Stichting Vitanos). اكتب /idea أو اتصل على 06-12345678"
    done = isolate(text, "ar")
    assert f"{FSI}Sleutelfiguur Presikhaaf (Stichting Vitanos){PDI}" in done
    assert f"{FSI}/idea{PDI}" in done and f"{FSI}06-12345678{PDI}" in done
    assert isolate(done, "ar") == done, "applied once"
    assert isolate("خلال 5 أيام", "ar") == "خلال 5 أيام", "a short number needs no isolate"
    assert isolate("Mail Anna (06-123)", "nl") == "Mail Anna (06-123)", "left to right: unchanged"


def test_replies_in_arabic_isolate_text_and_labels_and_pages_say_rtl() -> None:
    with use_locale("ar"):
        reply = right_to_left(Reply("مرحبًا Anna", ()))
        assert reply.text == f"مرحبًا {FSI}Anna{PDI}"
        assert direction() == "rtl"
    with use_locale("pl"):
        assert right_to_left(Reply("Cześć Anna", ())).text == "Cześć Anna"
        assert direction() == "ltr"


def test_every_locale_has_its_command_names_and_they_all_run() -> None:
    commands = build_registry().commands
    assert set(LOCALE_NAMES) == set(LOCALES) - {"nl"}
    for locale in LOCALES:
        for name in ("idee", "help", "taal", "mijnideeen"):
            assert commands[command_name(name, locale)] is commands[name], (locale, name)
    assert command_name("idee", "tr") == "fikir" and command_name("idee", "pl") == "pomysl"
    assert command_name("idee", "uk") == "idea" and command_name("idee", "ar") == "idea"


async def test_a_first_message_in_each_language_asks_the_language_question_in_it(app: App) -> None:
    firsts = {"tr": "merhaba, çocuklarım için okuldan sonra bir yer arıyorum", "ar": "السلام عليكم، عندي فكرة للحي",
              "pl": "dzień dobry, szukam miejsca dla dzieci po szkole", "uk": "привіт, у мене є ідея для району",
              "en": "hello, I have an idea for the street", "nl": "hoi, ik heb een idee voor de straat"}
    first_labels = {"tr": "Türkçe", "ar": "العربية", "pl": "Polski", "uk": "Українська", "en": "English",
                    "nl": "Nederlands"}
    for locale, text in firsts.items():
        chat = Chat(app, f"first-{locale}")
        await chat.send(text)
        assert chat.labels[0] == first_labels[locale], (locale, chat.labels)


def test_content_not_translated_yet_is_dutch_with_a_note_in_the_readers_language() -> None:
    text = LocalText({"nl": "Een buurthuis met een open inloop.", "en": "A community centre.",
                      "pl": "Dom sąsiedzki."})
    for locale, note in IN_DUTCH.items():
        with use_locale(locale):
            shown = text.get(locale)
            assert shown == ("Dom sąsiedzki." if locale == "pl" else f"Een buurthuis met een open inloop. {note}")


def test_unknown_or_empty_languages_in_content_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        LocalText.model_validate({"nl": "x", "en": "y", "tk": "z"})
    with pytest.raises(ValueError, match="empty text"):
        LocalText.model_validate({"nl": "x", "en": "y", "tr": " "})


def test_pilot_contacts_are_described_in_all_six_languages(content: Content) -> None:
    for wijk in content.wijken:
        for contact in content.contacts_for_wijk(wijk):
            assert set(contact.description.root) == set(LOCALES), contact.id


def _resident_texts(content: Content) -> list[tuple[str, LocalText]]:
    """Every content text a resident of a pilot wijk reads: the wijk, its places and their regular activities, the
    frame, and where the wijk's contacts can be met in person."""
    texts: list[tuple[str, LocalText]] = []
    for wijk in content.wijken.values():
        texts.append((f"{wijk.id}: description", wijk.description))
        for place in wijk.places:
            texts.append((f"{wijk.id}: place {place.id}", place.description))
            texts += [(f"{wijk.id}: place {place.id}: regular {r.weekday}", r.title) for r in place.regular]
            texts += [(f"{wijk.id}: place {place.id}: note", r.note) for r in place.regular if r.note]
        if wijk.frame:
            texts += [(f"{wijk.id}: frame {part}", getattr(wijk.frame, part).text)
                      for part in ("budget", "permit", "fixed")]
        for contact in content.contacts_for_wijk(wijk.id):
            for meeting in contact.meet:
                texts += [(f"{contact.id}: meet what", meeting.what), (f"{contact.id}: meet when", meeting.when)]
    return texts


def test_places_frame_and_meetings_of_the_pilot_wijken_are_in_all_six_languages(content: Content) -> None:
    untranslated = [where for where, text in _resident_texts(content) if set(text.root) != set(LOCALES)]
    assert not untranslated


def test_what_neighbours_can_offer_is_named_in_all_six_languages() -> None:
    gifts = load_gifts(PROJECT_ROOT / "content")
    assert not [gift.id for gift in gifts.categories if set(gift.label.root) != set(LOCALES)]


def test_the_helplines_of_the_crisis_reply_are_in_all_six_languages_with_their_numbers() -> None:
    country = load_helplines(PROJECT_ROOT / "content").country()
    for line in country.helplines:
        assert set(line.text.root) == set(LOCALES), line.id
        for locale in LOCALES:
            assert all(phone in line.text.root[locale] for phone in line.phones), (line.id, locale)


@pytest.mark.parametrize("locale", sorted(IN_DUTCH))
async def test_residents_read_places_and_contacts_in_their_language(
        app: App, content: Content, locale: str) -> None:
    chat = await onboard(app, f"places-{locale}", locale=locale, wijk="presikhaaf")
    await chat.send("/plekken")
    shown = "\n".join(chat.texts)
    park = content.wijk("presikhaaf").places[0]
    assert "Park Presikhaaf" in shown and park.description.root[locale] in shown
    assert IN_DUTCH[locale] not in shown
    with use_locale(locale):
        why = route(content, wijk_id="presikhaaf", text="een moestuin bij de flat")[0].why()
    assert why and IN_DUTCH[locale] not in why


@pytest.mark.parametrize("locale", sorted(IN_DUTCH))
async def test_a_place_the_municipality_has_not_translated_is_dutch_with_a_note(
        tmp_path: Path, sqlite_url: str, clock: ManualClock, locale: str) -> None:
    target = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", target)
    wijk_file = target / "wijken" / "presikhaaf.yaml"
    raw = wijk_file.read_text(encoding="utf-8")
    park = yamlfile.load(raw)["places"][0]["description"]
    line = f"      {locale}: " + json.dumps(park[locale], ensure_ascii=False) + "\n"
    assert line in raw
    wijk_file.write_text(raw.replace(line, ""), encoding="utf-8")
    app = make_app(sqlite_url, load_content(target), clock)
    try:
        chat = await onboard(app, f"untranslated-{locale}", locale=locale, wijk="presikhaaf")
        await chat.send("/plekken")
        shown = "\n".join(chat.texts).replace(FSI, "").replace(PDI, "")  # Dutch inside Arabic is isolated
    finally:
        app.engine.dispose()
    assert f"{park['nl']} {IN_DUTCH[locale]}" in shown
    assert park[locale] not in shown
    assert IN_DUTCH[locale] not in shown.replace(f"{park['nl']} {IN_DUTCH[locale]}", ""), "only the one entry"
