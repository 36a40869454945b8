"""The translation workflow: pybabel extract → update → (translate) → compile, plus a check.

`check` is what the test suite runs: it fails when a string in the code is missing
from a catalog, a catalog keeps a string the code no longer has, a translation is
empty or fuzzy, or a compiled .mo file does not match its .po.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from bot.infra.config import PROJECT_ROOT
from bot.infra.i18n import DOMAIN, LOCALES

LOCALES_DIR = PROJECT_ROOT / "locales"
POT = LOCALES_DIR / f"{DOMAIN}.pot"
KEYWORDS = ["-k", "_", "-k", "N_", "-k", "ngettext:1,2"]


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]


def extract(target: Path = POT) -> None:
    _pybabel(
        "extract", "-F", str(PROJECT_ROOT / "babel.cfg"), *KEYWORDS, "--no-location", "--sort-output",
        "--project", "wijkgids", "--copyright-holder", "Wijkgids", "-o", str(target), str(PROJECT_ROOT),
    )


def po_path(locale: str) -> Path:
    return LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def update() -> None:
    extract()
    for locale in LOCALES:
        if not po_path(locale).exists():
            _pybabel("init", "-i", str(POT), "-d", str(LOCALES_DIR), "-D", DOMAIN, "-l", locale)
    _pybabel("update", "-i", str(POT), "-d", str(LOCALES_DIR), "-D", DOMAIN,
             "--no-fuzzy-matching", "--ignore-obsolete")
    _fill_source_language("en")


def _fill_source_language(locale: str) -> None:
    """The msgids are English, so the en catalog is complete by copying them."""
    path = po_path(locale)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    for message in catalog:
        if message.id and not message.string:
            message.string = message.id
    with path.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, no_location=True, width=100)


def compile_all() -> None:
    _pybabel("compile", "-d", str(LOCALES_DIR), "-D", DOMAIN, "--statistics")


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def problems() -> list[str]:
    """Everything that makes the catalogs incomplete or stale, one line each."""
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.pot"
        extract(fresh)
        wanted = {m.id for m in _read(fresh) if m.id}
    for locale in LOCALES:
        path = po_path(locale)
        if not path.exists():
            found.append(f"{path}: missing")
            continue
        catalog = _read(path, locale)
        have = {m.id for m in catalog if m.id}
        found += [f"{locale}: not in catalog: {_short(mid)}" for mid in sorted(wanted - have, key=str)]
        found += [f"{locale}: stale (no longer in code): {_short(mid)}" for mid in sorted(have - wanted, key=str)]
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings):
                found.append(f"{locale}: untranslated: {_short(message.id)}")
            if message.fuzzy:
                found.append(f"{locale}: fuzzy: {_short(message.id)}")
        compiled = io.BytesIO()
        write_mo(compiled, catalog)
        mo = path.with_suffix(".mo")
        if not mo.exists() or mo.read_bytes() != compiled.getvalue():
            found.append(f"{mo}: out of date, run `wijkgids i18n compile`")
    return found


def _short(message_id: object) -> str:
    text = message_id[0] if isinstance(message_id, tuple) else str(message_id)
    return repr(text[:70])


def run(action: str) -> int:
    if action == "extract":
        extract()
    elif action == "update":
        update()
    elif action == "compile":
        compile_all()
    else:
        issues = problems()
        for line in issues:
            print(line)
        if issues:
            return 1
        print("Catalogs complete and up to date.")
    return 0
