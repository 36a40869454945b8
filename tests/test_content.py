"""The pilot content, and error messages a maintainer can act on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.infra import yamlfile
from bot.infra.config import PROJECT_ROOT
from bot.infra.content import ROLES, Content, ContentError, load_content
from bot.infra.i18n import use_locale


def test_every_role_serves_every_pilot_wijk(content: Content) -> None:
    assert set(content.wijken) == {"presikhaaf", "bloemenbuurt", "de-nude"}
    for wijk_id in content.wijken:
        roles = {c.role for c in content.contacts_for_wijk(wijk_id)}
        assert roles == set(ROLES), wijk_id
        fallback = content.fallback_contact(wijk_id)
        assert fallback.role == "aanjager" and content.serves(fallback, wijk_id)
        assert content.report_channel(wijk_id) is not None


def test_contacts_of_one_gemeente_do_not_serve_another(content: Content) -> None:
    served = {c.id for c in content.contacts_for_wijk("presikhaaf")}
    assert "malkander" not in served and "solidez" not in served
    assert "ivn-natuureducatie" in served


def test_personal_details_are_marked_as_examples(content: Content) -> None:
    for contact in content.contacts.values():
        for channel in contact.channels:
            if channel.kind in ("phone", "email") and not channel.value.startswith("14 0"):
                assert channel.example, (contact.id, channel.value)



def test_example_places_are_flagged_not_named_in_dutch(content: Content) -> None:
    """An invented place says so with `example: true` (a note in the resident's language), not "(voorbeeld)"."""
    places = {place.id: place for wijk in content.wijken.values() for place in wijk.places}
    centre = places["wijkcentrum-presikhaaf"]
    assert centre.example and centre.name == "Wijkcentrum Presikhaaf"
    assert not places["park-presikhaaf"].example
    for place in places.values():
        assert "voorbeeld" not in place.name.casefold() and "voorbeeld" not in place.address.casefold(), place.id
    for contact in content.contacts.values():
        for meeting in contact.meet:
            assert "voorbeeld" not in meeting.where.casefold(), contact.id
        assert "voorbeeld" not in contact.organisation.casefold(), contact.id


def test_a_placeholder_organisation_says_so_in_the_residents_language(content: Content) -> None:
    welzijn, team = content.contacts["welzijn-arnhem"], content.contacts["ggd-gelderland-midden"]
    with use_locale("en"):
        assert welzijn.organisation_label() == "Welzijnsorganisatie Arnhem (example, not confirmed yet)"
        assert team.organisation_label() == team.organisation, "a real organisation is named plainly"
    with use_locale("nl"):
        assert welzijn.organisation_label() == "Welzijnsorganisatie Arnhem (voorbeeld, nog niet bevestigd)"

@pytest.mark.parametrize("text", ["6825", "6825 AB", "6825ab", " 6826  xy "])
def test_postcode_lookup(content: Content, text: str) -> None:
    wijk = content.wijk_for_postcode(text)
    assert wijk is not None and wijk.id == "presikhaaf"


def test_unknown_postcode(content: Content) -> None:
    assert content.wijk_for_postcode("1012 AB") is None
    assert content.wijk_for_postcode("hallo") is None


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def error_of(path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_content(path)
    return str(caught.value)


def test_bad_role_names_file_entry_and_field(broken: Path) -> None:
    edit(broken / "contacts" / "ede.yaml", "role: welzijn", "role: zorg")
    message = error_of(broken)
    assert "contacts/ede.yaml: contacts[2] (id 'malkander'): field 'role'" in message


def test_unknown_wijk_reference(broken: Path) -> None:
    edit(broken / "contacts" / "arnhem.yaml", "- presikhaaf", "- presikhaven")
    assert "field 'wijken': unknown wijk 'presikhaven'" in error_of(broken)


def test_missing_english_text(broken: Path) -> None:
    edit(broken / "wijken" / "presikhaaf.yaml", "  en: A lively", "  de: Ein")
    message = error_of(broken)
    assert "wijken/presikhaaf.yaml" in message and "field 'description'" in message and "en" in message


def test_yaml_syntax_error_has_line(broken: Path) -> None:
    (broken / "wijken" / "de-nude.yaml").write_text("id: de-nude\nname: [oops\n", encoding="utf-8")
    assert "wijken/de-nude.yaml: line" in error_of(broken)


def test_duplicate_id_and_unknown_key(broken: Path) -> None:
    edit(broken / "contacts" / "wageningen.yaml", "id: solidez", "id: malkander")
    edit(broken / "wijken" / "bloemenbuurt.yaml", "name: Bloemenbuurt", "name: Bloemenbuurt\nnaam: typo")
    message = error_of(broken)
    assert "(id 'malkander'): field 'id': duplicate id" in message
    assert "wijken/bloemenbuurt.yaml: top level: field 'naam': Extra inputs are not permitted" in message


def test_fallback_must_serve_the_wijk(broken: Path) -> None:
    edit(broken / "wijken" / "de-nude.yaml", "fallback_contact: aanjager-de-nude", "fallback_contact: malkander")
    assert "field 'fallback_contact': 'malkander' does not serve this wijk" in error_of(broken)


def test_role_words_need_every_role_in_both_languages(broken: Path) -> None:
    edit(broken / "roles.yaml", "  sport:\n    nl:", "  sporten:\n    nl:")
    message = error_of(broken)
    assert "roles.yaml: top level: field 'roles.sporten.[key]': Input should be 'aanjager'" in message
    roles = yamlfile.load((broken / "roles.yaml").read_text(encoding="utf-8"))
    roles["roles"].pop("sporten")
    roles["roles"]["natuur"]["en"] = []
    (broken / "roles.yaml").write_text(yaml.safe_dump(roles), encoding="utf-8")
    message = error_of(broken)
    assert "roles.yaml: top level: field 'roles': Value error, missing roles: sport" in message
    roles["roles"]["sport"] = {"nl": ["sport"], "en": ["sport"]}
    (broken / "roles.yaml").write_text(yaml.safe_dump(roles), encoding="utf-8")
    assert "field 'roles': Value error, role 'natuur' needs words for: en" in error_of(broken)


def test_role_words_are_shared_by_every_contact_of_the_role(content: Content) -> None:
    from bot.understanding.routing import route

    for wijk in ("presikhaaf", "bloemenbuurt", "de-nude"):
        [top] = route(content, wijk_id=wijk, text="Ik zoek een sportvereniging voor mijn zoon", limit=1)
        assert top.contact.role == "sport" and "sport" in top.why(), (wijk, top.why())


def test_every_pilot_wijk_has_its_frame_and_unsupported_facts_are_examples(content: Content) -> None:
    for wijk in content.wijken.values():
        assert wijk.frame is not None, wijk.id
        assert wijk.frame.permit.example, "no seed describes a permit route: it is an example until checked"
    assert "Team Leefomgeving" in content.wijken["presikhaaf"].frame.budget.text.get("nl")  # type: ignore[union-attr]


def test_frame_needs_both_languages(broken: Path) -> None:
    path = broken / "wijken" / "de-nude.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  budget:")
    english = text.index("      en: De Nude has", start)
    path.write_text(text[:english] + text[text.index("\n", english) + 1:], encoding="utf-8")
    message = error_of(broken)
    assert "wijken/de-nude.yaml" in message and "frame.budget.text" in message and "en" in message


def test_topic_words_are_content_checked_at_start_up(broken: Path) -> None:
    """The word lists of the questions between the questions (rooms, messages, free, audiences, offers, reports, ...)
    are content: a missing list or an unknown key names the file."""
    from bot.services.topics import load_topic_words

    assert load_topic_words(PROJECT_ROOT / "content").rooms.found("waar kan ik vergaderen ")
    assert load_topic_words(PROJECT_ROOT / "content").offers.found("heeft er al iemand gereageerd op mijn aanbod")
    edit(broken / "topic_words.yaml", "\nfree: [", "\ngratis: [")
    with pytest.raises(ContentError, match=r"topic_words\.yaml"):
        load_topic_words(broken)


def test_correction_words_are_content_checked_at_start_up(broken: Path) -> None:
    """What rules a value out in a correction ("geen sport", "spullen heb ik al") is content: an unknown key or a
    malformed pattern names the file, and the words read as they did in code."""
    from bot.understanding.corrections import load_correction_words

    words = load_correction_words(PROJECT_ROOT / "content")
    assert {"niet", "geen", "not", "than", "nie", "не", "مش"} <= words.negating
    assert words.ruling_out.found("heb ik al ") and words.ruling_out.found("juz nie potrzebuje ")
    edit(broken / "correction_words.yaml", "\nnegators:", "\nnegaties:")
    with pytest.raises(ContentError, match=r"correction_words\.yaml"):
        load_correction_words(broken)
    edit(broken / "correction_words.yaml", "\nnegaties:", "\nnegators:")
    edit(broken / "correction_words.yaml", '"heb (ik)? al"', '"heb (ik al"')
    with pytest.raises(ContentError, match=r"correction_words\.yaml"):
        load_correction_words(broken)
