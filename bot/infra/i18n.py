"""Per-update locale (a ContextVar), gettext lookups and locale-aware formatting.

`_()` translates into the locale of the update being handled; `N_()` marks a
module-level label for extraction and translates lazily when it is rendered.
Placeholders use `str.format`, never f-strings inside `_()`.

The .po files are the source; a .mo file is build output, compiled here at first use when it is
missing or older than its .po (and kept in memory when the locales folder is read-only).
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale, dates, numbers
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import LazyProxy, NullTranslations, Translations

from bot.infra.config import PROJECT_ROOT

DOMAIN = "wijkgids"
LOCALES: tuple[str, ...] = ("nl", "en", "tr", "ar", "pl", "uk")
DEFAULT_LOCALE = "nl"
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English", "tr": "Türkçe", "ar": "العربية", "pl": "Polski",
                  "uk": "Українська"}
RTL = frozenset({"ar"})
"""Languages written right to left: web pages get dir="rtl", names and numbers inside them Unicode isolates."""
FSI, PDI = "\u2068", "\u2069"
_L = "A-Za-z0-9\u00c0-\u024f"
_INNER = _L + ".,:/@'’&+()=?%_\\-–"
_LTR_RUN = re.compile(rf"(?<![{_L}\u2068])[!/@#+]?[{_L}](?:[{_INNER}]*[{_L})])?(?: [{_L}(](?:[{_INNER}]*[{_L})])?)*"
                      rf"(?![{_L}\u2069])")
_ISOLATED = re.compile("(\u2068[^\u2069]*\u2069)")


def direction(locale: str | None = None) -> str:
    """"rtl" or "ltr", for the `dir` attribute of a page or an e-mail."""
    return "rtl" if (locale or current_locale()) in RTL else "ltr"


def isolate(text: str, locale: str | None = None) -> str:
    """In a right-to-left language, every run of Latin letters and digits (a name, a number, a phone number, a
    command, a link) inside the text between Unicode isolates (FSI … PDI), so it keeps its own direction and
    does not make the sentence around it jump; other languages unchanged. Applied once: an isolated run stays."""
    if (locale or current_locale()) not in RTL or not text:
        return text
    parts = _ISOLATED.split(text)  # what is isolated already stays as it is
    return "".join(part if part.startswith(FSI) else _LTR_RUN.sub(
        lambda m: m.group(0) if _only_digits_punct(m.group(0)) and len(m.group(0)) <= 2
        else f"{FSI}{m.group(0)}{PDI}", part) for part in parts)


def _only_digits_punct(run: str) -> bool:
    return not any(c.isalpha() for c in run)

_current: ContextVar[str] = ContextVar("wijkgids_locale", default=DEFAULT_LOCALE)
_locales_dir: Path = PROJECT_ROOT / "locales"
_tz: tzinfo = ZoneInfo("Europe/Amsterdam")


def configure(*, locales_dir: Path, default_locale: str, timezone: str) -> None:
    global _locales_dir, DEFAULT_LOCALE, _tz
    _locales_dir = locales_dir
    DEFAULT_LOCALE = default_locale
    _tz = ZoneInfo(timezone)
    _translations.cache_clear()


@lru_cache(maxsize=16)
def _translations(locale: str) -> NullTranslations:
    po = catalog_path(locale, _locales_dir)
    if not po.exists():
        return NullTranslations()
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    compiled = compile_catalog(po)
    with suppress(OSError):  # a read-only install: the compiled catalog stays in memory
        _write_atomically(mo, compiled)
    return Translations(io.BytesIO(compiled), domain=DOMAIN)


def catalog_path(locale: str, locales_dir: Path) -> Path:
    return locales_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_catalog(po: Path) -> bytes:
    """The .mo bytes for a .po file (fuzzy entries left out, as gettext does)."""
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=po.parent.parent.name)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    return compiled.getvalue()


def _write_atomically(target: Path, data: bytes) -> None:
    """Two processes starting at once each write a whole file; the last rename wins."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(name, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(name)
        raise


def normalize_locale(code: str | None) -> str | None:
    """Map a hint like 'en-GB' or 'nl_BE' to a supported locale, or None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in LOCALES else None


def current_locale() -> str:
    return _current.get()


def set_locale(locale: str) -> None:
    _current.set(normalize_locale(locale) or DEFAULT_LOCALE)


@contextmanager
def use_locale(locale: str | None) -> Iterator[None]:
    """Render texts in another user's locale, e.g. for a message to a contact."""
    token = _current.set(normalize_locale(locale) or DEFAULT_LOCALE)
    try:
        yield
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    return _translations(_current.get()).ugettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations(_current.get()).ungettext(singular, plural, n)


_ = gettext


def lazy_gettext(message: str) -> LazyProxy:
    return LazyProxy(gettext, message, enable_cache=False)


N_ = lazy_gettext


def local_tz() -> tzinfo:
    return _tz


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(_tz)


def format_datetime(moment: datetime, fmt: str = "medium", *, now: datetime | None = None) -> str:
    """A date and time in the wijk's time zone, formatted for the current locale; with the year when it is
    not this year's."""
    local = to_local(moment)
    if fmt == "medium":
        this_year = to_local(now or datetime.now(UTC)).year
        return "{} {}".format(
            dates.format_date(local, "EEEE d MMMM" if local.year == this_year else "EEEE d MMMM y",
                              locale=current_locale()),
            dates.format_time(local, "HH:mm", locale=current_locale()),
        )
    return dates.format_datetime(local, fmt, locale=current_locale())


def format_date(day: date | datetime, fmt: str = "EEEE d MMMM") -> str:
    if isinstance(day, datetime):
        day = to_local(day)
    return dates.format_date(day, fmt, locale=current_locale())


def format_time(moment: datetime) -> str:
    return dates.format_time(to_local(moment), "HH:mm", locale=current_locale())


def format_number(value: float) -> str:
    return numbers.format_decimal(value, locale=current_locale())


def weekday_name(weekday: int) -> str:
    return str(Locale.parse(current_locale()).days["format"]["wide"][weekday])
