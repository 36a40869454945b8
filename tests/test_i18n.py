"""Every user-visible string is in the catalogs, translated; the .mo files are compiled from them."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.infra import i18n, i18n_workflow
from bot.infra.config import PROJECT_ROOT
from bot.infra.i18n import _, format_datetime, use_locale


def test_catalogs_are_complete_and_current() -> None:
    assert i18n_workflow.problems() == []


def test_same_text_in_both_languages() -> None:
    with use_locale("nl"):
        assert _("What would you like to do?") == "Wat wil je doen?"
    with use_locale("en"):
        assert _("What would you like to do?") == "What would you like to do?"


def test_dates_are_local_and_per_locale() -> None:
    moment = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam (winter time)
    with use_locale("nl"):
        assert format_datetime(moment) == "maandag 14 december 10:00"
    with use_locale("en"):
        assert format_datetime(moment) == "Monday 14 December 10:00"
    summer = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)  # 11:00 in Amsterdam (summer time)
    with use_locale("nl"):
        assert format_datetime(summer).endswith("11:00")


# --- the catalogs are the source; compiled .mo files are build output -------------------------------------------

def _copy_locales(tmp_path: Path) -> Path:
    target = tmp_path / "locales"
    shutil.copytree(i18n_workflow.LOCALES_DIR, target, ignore=shutil.ignore_patterns("*.mo"))
    return target


def _edit(po: Path, change: Callable[[Catalog], None]) -> None:
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name)
    change(catalog)
    with po.open("wb") as handle:
        write_po(handle, catalog, width=100, no_location=True)


def _message(catalog: Catalog, message_id: str) -> Message:
    message = catalog.get(message_id)
    assert message is not None
    return message


@pytest.fixture(scope="module")
def wanted() -> set[tuple[str, ...]]:
    return i18n_workflow.wanted_ids()


def test_no_compiled_catalog_is_in_git() -> None:
    tracked = subprocess.run(["git", "ls-files", "*.mo"], cwd=PROJECT_ROOT, capture_output=True, text=True,
                             check=True).stdout
    assert tracked == ""


def test_check_fails_on_a_missing_translation(tmp_path: Path, wanted: set[tuple[str, ...]]) -> None:
    locales = _copy_locales(tmp_path)
    assert i18n_workflow.problems(locales, wanted) == []
    _edit(locales / "nl" / "LC_MESSAGES" / "wijkgids.po",
          lambda catalog: setattr(_message(catalog, "What would you like to do?"), "string", ""))
    assert i18n_workflow.problems(locales, wanted) == ["nl: untranslated: 'What would you like to do?'"]


def test_check_fails_on_a_lost_placeholder_and_on_wrong_plural_forms(
    tmp_path: Path, wanted: set[tuple[str, ...]]
) -> None:
    locales = _copy_locales(tmp_path)
    po = locales / "nl" / "LC_MESSAGES" / "wijkgids.po"
    plural = next(message for message in _read(po) if isinstance(message.id, tuple))
    with_placeholder = next(message for message in _read(po) if isinstance(message.id, str) and "{" in message.id)

    def break_both(catalog: Catalog) -> None:
        _message(catalog, with_placeholder.id).string = "zonder plaatshouder"
        _message(catalog, plural.id[0]).string = (plural.string[0], "")

    _edit(po, break_both)
    found = "\n".join(i18n_workflow.problems(locales, wanted))
    assert "nl: placeholder missing ['date', 'idea']" in found
    assert f"nl: untranslated: {plural.id[0][:70]!r}" in found
    po.write_text(po.read_text(encoding="utf-8").replace("nplurals=2; plural=(n != 1);", "nplurals=1; plural=0;"),
                  encoding="utf-8")
    found = "\n".join(i18n_workflow.problems(locales, wanted))
    assert "nl: Plural-Forms header says 1 forms (0), the language has 2 ((n != 1))" in found


def test_check_passes_whatever_babel_version_compiled(tmp_path: Path, wanted: set[tuple[str, ...]]) -> None:
    locales = _copy_locales(tmp_path)
    po = locales / "nl" / "LC_MESSAGES" / "wijkgids.po"
    catalog = _read(po)
    catalog.version = "from another year"
    with po.with_suffix(".mo").open("wb") as handle:  # as a newer Babel writes it: another header
        write_mo(handle, catalog)
    assert b"from another year" in po.with_suffix(".mo").read_bytes()
    assert i18n_workflow.problems(locales, wanted) == []
    _message(catalog, "What would you like to do?").string = "Iets anders"
    with po.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog)
    assert i18n_workflow.problems(locales, wanted) == [
        f"{po.with_suffix('.mo')}: says something else than its .po; delete it or run `wijkgids i18n compile`"]


def test_a_fresh_checkout_speaks_dutch_and_english_compiled_at_first_use(tmp_path: Path) -> None:
    locales = _copy_locales(tmp_path)
    mo = locales / "nl" / "LC_MESSAGES" / "wijkgids.mo"
    assert not mo.exists()
    try:
        i18n.configure(locales_dir=locales, default_locale="nl", timezone="Europe/Amsterdam")
        with use_locale("nl"):
            assert _("What would you like to do?") == "Wat wil je doen?"
        assert mo.exists()
        _edit(locales / "nl" / "LC_MESSAGES" / "wijkgids.po",
              lambda catalog: setattr(_message(catalog, "What would you like to do?"), "string", "Wat nu?"))
        os.utime(mo, (0, 0))  # the .po is newer than the .mo: compiled again
        i18n.configure(locales_dir=locales, default_locale="nl", timezone="Europe/Amsterdam")
        with use_locale("nl"):
            assert _("What would you like to do?") == "Wat nu?"
        locales.joinpath("en", "LC_MESSAGES").chmod(0o555)  # read-only: compiled in memory only
        with use_locale("en"):
            assert _("What would you like to do?") == "What would you like to do?"
    finally:
        locales.joinpath("en", "LC_MESSAGES").chmod(0o755)
        i18n.configure(locales_dir=i18n_workflow.LOCALES_DIR, default_locale="nl", timezone="Europe/Amsterdam")


def _read(po: Path) -> Catalog:
    with po.open("rb") as handle:
        return read_po(handle, locale=po.parent.parent.name)


TURKISH_SUFFIX_AFTER_PLACEHOLDER = (
    r"\}[\"”»'’]?(?:['’]?[a-zçğıöşü]"  # a suffix glued on: "{name}'a", "{title}da"
    r"|\s+(?:da|de|ta|te|mı|mi|mu|mü|dır|dir|dur|dür|lar|ler)\b)"  # or a word that follows vowel harmony
)


def test_turkish_puts_no_harmonising_suffix_after_a_placeholder() -> None:
    """Turkish suffixes and "de/da", "mi" follow the vowels of the word before them ("Ayşe de", "Ahmet da" is wrong):
    after a name, a title or a number the bot cannot know them, so no Turkish text puts one after a placeholder
    ("Eklendi: {who} da katılıyor" read "Ayşe da katılıyor"); it is worded so that none follows."""
    import re

    with (i18n_workflow.LOCALES_DIR / "tr" / "LC_MESSAGES" / "wijkgids.po").open("rb") as handle:
        catalog = read_po(handle, locale="tr")
    pattern = re.compile(TURKISH_SUFFIX_AFTER_PLACEHOLDER)
    wrong = [text for message in catalog if message.id
             for text in (message.string if isinstance(message.string, tuple) else (message.string,))
             if text and pattern.search(text)]
    assert wrong == []
