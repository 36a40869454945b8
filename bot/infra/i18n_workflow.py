"""The translation workflow: pybabel extract → update → (translate) → compile, plus a check.

`check` is what the test suite runs: it fails when a string in the code is missing from a
catalog, a catalog keeps a string the code no longer has, a translation is empty or fuzzy, a
placeholder is lost or invented, the plural forms do not fit the language, or a compiled .mo
file that lies beside its .po says something else. It compares messages, never bytes: the .mo
files are build output (not in git), and whichever Babel version wrote them does not matter.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

from bot.infra.config import PROJECT_ROOT
from bot.infra.i18n import DOMAIN, LOCALES, catalog_path

LOCALES_DIR = PROJECT_ROOT / "locales"
POT = LOCALES_DIR / f"{DOMAIN}.pot"
KEYWORDS = ["-k", "_", "-k", "N_", "-k", "ngettext:1,2"]
MessageId = tuple[str, ...]
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[!:][^{}]*)?\}")


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])  # type: ignore[no-untyped-call]


def extract(target: Path = POT) -> None:
    _pybabel(
        "extract", "-F", str(PROJECT_ROOT / "babel.cfg"), *KEYWORDS, "--no-location", "--sort-output",
        "--project", "wijkgids", "--copyright-holder", "Wijkgids", "-o", str(target), str(PROJECT_ROOT),
    )


def po_path(locale: str) -> Path:
    return catalog_path(locale, LOCALES_DIR)


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


def wanted_ids() -> set[MessageId]:
    """The message ids the code uses now."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.pot"
        extract(fresh)
        return {_texts(m.id) for m in _read(fresh) if m.id}


def problems(locales_dir: Path = LOCALES_DIR, wanted: set[MessageId] | None = None) -> list[str]:
    """Everything that makes the catalogs incomplete or stale, one line each."""
    wanted = wanted_ids() if wanted is None else wanted
    found: list[str] = []
    for locale in LOCALES:
        path = catalog_path(locale, locales_dir)
        if not path.exists():
            found.append(f"{path}: missing")
            continue
        catalog = _read(path, locale)
        found += _catalog_problems(locale, catalog, wanted)
        mo = path.with_suffix(".mo")
        fresh = mo.exists() and mo.stat().st_mtime >= path.stat().st_mtime  # an older one is rebuilt at first use
        if fresh and _messages(_read_mo(mo)) != _messages(catalog, translated_only=True):
            found.append(f"{mo}: says something else than its .po; delete it or run `wijkgids i18n compile`")
    return found


def _catalog_problems(locale: str, catalog: Catalog, wanted: set[MessageId]) -> list[str]:
    found: list[str] = []
    have = {_texts(m.id) for m in catalog if m.id}
    found += [f"{locale}: not in catalog: {_short(mid)}" for mid in sorted(wanted - have, key=str)]
    found += [f"{locale}: stale (no longer in code): {_short(mid)}" for mid in sorted(have - wanted, key=str)]
    forms, expression = get_plural(locale)
    if (catalog.num_plurals, catalog.plural_expr) != (forms, expression):
        found.append(f"{locale}: Plural-Forms header says {catalog.num_plurals} forms ({catalog.plural_expr}), "
                     f"the language has {forms} ({expression})")
    for message in catalog:
        if not message.id:
            continue
        strings = _texts(message.string)
        if not all(strings):
            found.append(f"{locale}: untranslated: {_short(message.id)}")
        if message.fuzzy:
            found.append(f"{locale}: fuzzy: {_short(message.id)}")
        ids = _texts(message.id)
        if len(ids) > 1 and len(strings) != forms:
            found.append(f"{locale}: {len(strings)} plural forms instead of {forms}: {_short(message.id)}")
        expected = set().union(*(_placeholders(text) for text in ids))
        for text in strings:
            if text and _placeholders(text) - expected:
                found.append(f"{locale}: unknown placeholder {sorted(_placeholders(text) - expected)}: "
                             f"{_short(message.id)}")
            if text and len(ids) == 1 and _placeholders(text) != expected:
                found.append(f"{locale}: placeholder missing {sorted(expected - _placeholders(text))}: "
                             f"{_short(message.id)}")
    return found


def _texts(value: str | tuple[str, ...] | list[str] | None) -> MessageId:
    """A message id or translation as a tuple of its texts (one, or one per plural form)."""
    if isinstance(value, str | type(None)):
        return (value or "",)
    return tuple(value)


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _read_mo(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_mo(handle)


def _messages(catalog: Catalog, *, translated_only: bool = False) -> dict[MessageId, MessageId]:
    """id → translation, without the header (which names the Babel version that wrote it)."""
    return {
        _texts(m.id): _texts(m.string) for m in catalog
        if m.id and not (translated_only and (m.fuzzy or not all(_texts(m.string))))
    }


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
