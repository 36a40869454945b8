"""`wijkgids content check` warns about details nobody can trace: unflagged times, numbers, e-mail, names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.infra.content import load_content
from bot.services.content_audit import looks_like_a_person, warnings

PROJECT_ROOT = Path(__file__).resolve().parent.parent

UNTRACEABLE_CONTACT = """- id: buurtvrouw
  name: Marga de Vries
  organisation: Buurthuis
  role: welzijn
  gemeenten: [ede]
  channels:
  - kind: phone
    value: 06 1234 5678
  - kind: phone
    value: 14 0318
  meet:
  - what: {nl: het spreekuur, en: the open hour}
    where: Buurthuis De Stek
    when: {nl: dinsdag, en: Tuesday}
  description:
    nl: Elke dinsdag om 10:00 koffie, mail buurt@voorbeeld.nl
    en: Coffee every Tuesday at 10:00
"""


def test_the_pilot_content_has_no_untraceable_details() -> None:
    assert warnings(load_content(PROJECT_ROOT / "content")) == []


def test_unflagged_details_are_warned_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    ede = content / "contacts" / "ede.yaml"
    ede.write_text(ede.read_text(encoding="utf-8") + UNTRACEABLE_CONTACT, encoding="utf-8")
    wijk = content / "wijken" / "bloemenbuurt.yaml"
    wijk.write_text(wijk.read_text(encoding="utf-8").replace("        example: true\n", "", 1), encoding="utf-8")

    assert main(["content", "check", "--content", str(content)]) == 0, "warnings do not stop the bot"
    out = capsys.readouterr().out
    assert "Content OK" in out
    assert "Warning: contact 'buurtvrouw': phone '06 1234 5678' is not marked" in out
    assert "14 0318" not in out, "a municipality's general number is traceable"
    assert "meeting moment at 'Buurthuis De Stek'" in out
    assert "'Marga de Vries' looks like a personal name" in out
    assert "a time ('10:00')" in out and "an e-mail address" in out
    assert "wijk 'bloemenbuurt', place 'de-stek': the time of 'Buurtinloop'" in out


def test_a_dutch_example_word_in_a_place_name_is_warned_about(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    wijk = content / "wijken" / "presikhaaf.yaml"
    text = wijk.read_text(encoding="utf-8").replace("name: Park Presikhaaf", "name: Park Presikhaaf (voorbeeld)")
    wijk.write_text(text.replace("name: Winkelcentrum Presikhaaf", "name: Winkelcentrum (Example)"), encoding="utf-8")

    assert main(["content", "check", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "wijk 'presikhaaf', place 'park-presikhaaf': 'Park Presikhaaf (voorbeeld)' says it is an example in " \
           "its name" in out
    assert "place 'winkelcentrum-presikhaaf': 'Winkelcentrum (Example)'" in out
    assert "mark the place `example: true`" in out


def test_an_example_word_in_an_organisation_is_warned_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    contacts = content / "contacts" / "arnhem.yaml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace(
        "organisation: Welzijnsorganisatie Arnhem\n", "organisation: Welzijnsorganisatie Arnhem (voorbeeld)\n"),
        encoding="utf-8")
    assert main(["content", "check", "--content", str(content)]) == 0
    assert "contact 'welzijn-arnhem': organisation 'Welzijnsorganisatie Arnhem (voorbeeld)' says it is an example" \
        in capsys.readouterr().out


@pytest.mark.parametrize(("name", "person"), [
    ("Marga Janse", True), ("Jan de Vries", True), ("Team Leefomgeving Presikhaaf", False),
    ("Buurtsportcoach", False), ("Wijkteam Bloemenbuurt", False), ("Verbinder Nuderijk", False),
])
def test_personal_names(name: str, person: bool) -> None:
    assert looks_like_a_person(name) is person


def test_a_broken_intents_file_is_a_content_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    (content / "intents.yaml").write_text("intents: [idea, report]\n", encoding="utf-8")
    assert main(["content", "check", "--content", str(content)]) == 2
    assert "intents.yaml" in capsys.readouterr().err
