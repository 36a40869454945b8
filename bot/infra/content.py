"""Curated content per gemeente and wijk (content/*.yaml), validated with pydantic at start-up.

An error names the file, the entry and the field, so a maintainer at the
municipality can fix it without reading code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError, field_validator

from bot.infra import yamlfile
from bot.infra.i18n import LOCALES, _

REQUIRED_LOCALES = ("nl", "en")
Role = Literal[
    "aanjager", "gebiedsteam", "welzijn", "woningcorporatie", "sport", "natuur", "gezondheid", "ondersteuning",
    "melding",
]
ROLES: tuple[str, ...] = Role.__args__  # type: ignore[attr-defined]
PlaceKind = Literal[
    "buurthuis", "park", "buurttuin", "speeltuin", "bibliotheek", "school", "sportveld", "plein", "ontmoetingsplek",
    "anders",
]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Clock = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
POSTCODE_AREA = re.compile(r"^\s*(\d{4})\s*([a-zA-Z]{2})?\s*$")


class ContentError(Exception):
    """Invalid content; the message has one line per problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LocalText(RootModel[dict[str, str]]):
    """A text in several languages (any of the six); nl and en are required."""

    @field_validator("root")
    @classmethod
    def _has_required(cls, value: dict[str, str]) -> dict[str, str]:
        missing = [code for code in REQUIRED_LOCALES if not (value.get(code) or "").strip()]
        if missing:
            raise ValueError(f"missing language(s): {', '.join(missing)}")
        unknown = [code for code in value if code not in LOCALES]
        if unknown:
            raise ValueError(f"unknown language(s): {', '.join(unknown)} (one of {', '.join(LOCALES)})")
        empty = [code for code, text in value.items() if not (text or "").strip()]
        if empty:
            raise ValueError(f"empty text for: {', '.join(empty)} (leave the language out: it falls back to Dutch)")
        return value

    def get(self, locale: str) -> str:
        """The text in `locale`; a municipality that has not translated an entry yet shows the Dutch one, with a
        short note in the reader's language that it is Dutch."""
        if self.root.get(locale):
            return self.root[locale]
        if locale not in LOCALES or locale == "nl":
            return self.root["nl"]
        return self.root["nl"] + " " + _("(in Dutch)")


class Gemeente(_Strict):
    id: Slug
    name: str
    province: str
    website: str | None = None


class RegularActivity(_Strict):
    title: LocalText
    also_called: dict[str, list[str]] = {}
    """Other names residents use for it, per language ("кавовий ранок" for "Ранкова кава"): they name it too."""
    weekday: int = Field(ge=0, le=6)
    start: Clock
    end: Clock | None = None
    note: LocalText | None = None
    example: bool = False
    """The day and time are a placeholder (the seeds don't give them): shown as an example."""


class Place(_Strict):
    id: Slug
    name: str
    kind: PlaceKind
    address: str = ""
    description: LocalText
    regular: list[RegularActivity] = Field(default_factory=list)
    example: bool = False
    """The place is a placeholder (the seeds name no such place, or not its name): residents see its name with a
    note in their own language, so the name itself stays free of "(voorbeeld)"."""


class FrameItem(_Strict):
    text: LocalText
    example: bool = False
    """True when the seeds do not support it: shown as an example until the municipality fills it in."""


class Frame(_Strict):
    """The honest rules of a wijk: where money comes from, the permit route, and what is fixed."""

    budget: FrameItem
    permit: FrameItem
    fixed: FrameItem


class Wijk(_Strict):
    id: Slug
    name: str
    gemeente: Slug
    postcodes: list[Annotated[str, Field(pattern=r"^\d{4}$")]]
    description: LocalText
    fallback_contact: Slug
    places: list[Place] = Field(default_factory=list)
    frame: Frame | None = None


class Channel(_Strict):
    kind: Literal["phone", "email", "website", "address", "telegram", "matrix", "app", "form"]
    value: str
    example: bool = False


class Meeting(_Strict):
    """Where and when a contact can be met in person (an inloop, a spreekuur): from chat to a face."""

    what: LocalText
    where: str
    when: LocalText
    example: bool = False


class Contact(_Strict):
    id: Slug
    name: str
    organisation: str
    role: Role
    gemeenten: list[Slug]
    wijken: list[Slug] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    meet: list[Meeting] = Field(default_factory=list)
    languages: list[str] = Field(default_factory=lambda: ["nl"])
    helps_with: dict[Literal["nl", "en"], list[str]] = Field(default_factory=dict)
    """Words for this contact only, on top of its role's words in roles.yaml."""
    description: LocalText
    example: bool = False
    organisation_example: bool = False
    """The organisation's name is a placeholder (the seeds name none): shown with a note in the user's language."""

    def organisation_label(self) -> str:
        """The organisation as residents see it: a placeholder name says so, in their language."""
        return self.organisation + (" " + _("(example, not confirmed yet)") if self.organisation_example else "")


class _ContactsFile(_Strict):
    contacts: list[Contact]


Keywords = dict[Literal["nl", "en", "tr", "ar", "pl", "uk"], list[str]]
"""nl and en words are stemmed (Dutch ones also found inside compounds); the others match as word beginnings."""


class _RolesFile(_Strict):
    roles: dict[Role, Keywords]
    unstemmed: list[str] = Field(default_factory=list)
    """Words the router keeps whole, because their stem means something else ('ouderen' is not 'ouders')."""
    compound_heads: list[str] = Field(default_factory=list)
    """First parts of Dutch compounds that only add place or size ('buurt' in 'buurtbbq')."""

    @field_validator("roles")
    @classmethod
    def _every_role_in_both_languages(cls, value: dict[str, Keywords]) -> dict[str, Keywords]:
        missing = [role for role in ROLES if role not in value]
        if missing:
            raise ValueError(f"missing roles: {', '.join(missing)}")
        for role, words in value.items():
            empty = [code for code in REQUIRED_LOCALES if not words.get(code)]  # type: ignore[call-overload]
            if empty:
                raise ValueError(f"role {role!r} needs words for: {', '.join(empty)}")
        return value


LEXICON_LANGUAGES = ("tr", "ar", "pl", "uk")


class _LexiconFile(_Strict):
    words: dict[str, Annotated[str, Field(min_length=1)]]
    """A word beginning as people type it -> the Dutch words the router knows (bot/understanding/lexicon.py)."""

    @field_validator("words")
    @classmethod
    def _no_empty(cls, value: dict[str, str]) -> dict[str, str]:
        empty = [key for key, dutch in value.items() if not key.strip() or not dutch.strip()]
        if empty:
            raise ValueError(f"empty word or translation: {', '.join(map(repr, empty[:5]))}")
        return value


def _read_lexicons(folder: Path, errors: list[str]) -> dict[str, dict[str, str]]:
    lexicons: dict[str, dict[str, str]] = {}
    for file in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        name = f"lexicon/{file.name}"
        if file.stem not in LEXICON_LANGUAGES:
            errors.append(f"{name}: unknown language {file.stem!r} (one of {', '.join(LEXICON_LANGUAGES)})")
            continue
        raw = _read_yaml(file, folder.parent, errors)
        parsed = _validate(_LexiconFile, raw, name, errors) if raw is not None else None
        if parsed is not None:
            lexicons[file.stem] = {str(k): str(v) for k, v in parsed.words.items()}
    return lexicons


def read_lexicons(folder: Path) -> dict[str, dict[str, str]]:
    """The dictionaries of content/lexicon (a word → its Dutch meaning), per language, read as `load_content` reads
    them; a ValueError names what is wrong."""
    errors: list[str] = []
    lexicons = _read_lexicons(folder, errors)
    if errors:
        raise ValueError("; ".join(errors))
    return lexicons


def _read_examples(folder: Path, errors: list[str]) -> dict[str, list[str]]:
    examples: dict[str, list[str]] = {}
    for file in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        if file.stem not in ROLES:
            errors.append(f"examples/{file.name}: unknown role {file.stem!r}")
            continue
        raw = _read_yaml(file, folder.parent, errors)
        if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
            errors.append(f"examples/{file.name}: expected a list of phrasings per language")
            continue
        examples[file.stem] = [str(text) for texts in raw.values() for text in texts]
    return examples


class Content:
    def __init__(self, gemeenten: dict[str, Gemeente], wijken: dict[str, Wijk], contacts: dict[str, Contact],
                 role_words: dict[str, Keywords], *, unstemmed: Iterable[str] = (),
                 compound_heads: Iterable[str] = (), examples: dict[str, list[str]] | None = None,
                 lexicons: dict[str, dict[str, str]] | None = None) -> None:
        self.gemeenten = gemeenten
        self.lexicons = lexicons or {}
        """Per language (tr, ar, pl, uk): word beginning -> Dutch words (content/lexicon/<language>.yaml)."""
        self.unstemmed = frozenset(unstemmed)
        self.compound_heads = frozenset(compound_heads)
        self.examples = examples or {}
        """Example phrasings per role (content/examples/<role>.yaml, all languages together)."""
        self.wijken = wijken
        self.contacts = contacts
        self.role_words = role_words
        self._by_postcode = {code: wijk for wijk in wijken.values() for code in wijk.postcodes}
        self._for_wijk = {w: [c for c in contacts.values() if self.serves(c, w)] for w in wijken}

    def wijk(self, wijk_id: str) -> Wijk:
        try:
            return self.wijken[wijk_id]
        except KeyError:
            raise LookupError(f"unknown wijk {wijk_id!r}") from None

    def wijk_for_postcode(self, text: str) -> Wijk | None:
        match = POSTCODE_AREA.match(text)
        return self._by_postcode.get(match.group(1)) if match else None

    def serves(self, contact: Contact, wijk_id: str) -> bool:
        wijk = self.wijken.get(wijk_id)
        if wijk is None:
            return False
        if contact.wijken:
            return wijk_id in contact.wijken
        return wijk.gemeente in contact.gemeenten

    def served_wijken(self, contact: Contact) -> list[str]:
        return [w for w in self.wijken if self.serves(contact, w)]

    def contacts_for_wijk(self, wijk_id: str) -> list[Contact]:
        return list(self._for_wijk.get(wijk_id, []))

    def places(self, wijk_id: str) -> list[Place]:
        return list(self.wijk(wijk_id).places)

    def fallback_contact(self, wijk_id: str) -> Contact:
        return self.contacts[self.wijk(wijk_id).fallback_contact]

    def contacts_with_role(self, wijk_id: str, role: str) -> list[Contact]:
        """The wijk's own contacts of a role first, then those serving the whole gemeente."""
        found = [c for c in self.contacts_for_wijk(wijk_id) if c.role == role]
        return sorted(found, key=lambda c: wijk_id not in c.wijken)

    def report_channel(self, wijk_id: str) -> Contact | None:
        return next((c for c in self.contacts_for_wijk(wijk_id) if c.role == "melding"), None)

    def wijken_sorted(self) -> list[Wijk]:
        return sorted(self.wijken.values(), key=lambda w: w.name.casefold())


def _location(loc: Iterable[Any], data: Any) -> tuple[str, str]:
    """Splits a pydantic error location into (entry, field), naming an entry by its id."""
    parts = list(loc)
    entry: list[str] = []
    node = data
    while parts and isinstance(parts[0], int | str) and isinstance(node, dict | list):
        key = parts[0]
        if isinstance(node, list) and isinstance(key, int):
            item = node[key] if key < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            entry[-1:] = [f"{entry[-1] if entry else ''}[{key}]" + (f" (id {ident!r})" if ident else "")]
            node = item
            parts.pop(0)
            continue
        if isinstance(node, dict) and key in node and isinstance(node[key], list):
            entry.append(str(key))
            node = node[key]
            parts.pop(0)
            continue
        break
    field = ".".join(str(p) for p in parts) or "(whole entry)"
    return (" ".join(entry) or "top level"), field


def _read_yaml(path: Path, root: Path, errors: list[str]) -> Any:
    try:
        return yamlfile.load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        errors.append(f"{path.relative_to(root)}:{where}: YAML syntax error: {getattr(exc, 'problem', exc)}")
    except OSError as exc:
        errors.append(f"{path.relative_to(root)}: cannot read: {exc.strerror}")
    return None


def _validate(model: type[BaseModel], data: Any, name: str, errors: list[str]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            entry, field = _location(error["loc"], data)
            errors.append(f"{name}: {entry}: field '{field}': {error['msg']}")
    return None


def load_content(path: Path) -> Content:
    """Reads and cross-checks every content file; raises ContentError listing all problems."""
    errors: list[str] = []
    if not path.is_dir():
        raise ContentError(f"{path}: content directory not found")
    gemeenten: dict[str, Gemeente] = {}
    raw = _read_yaml(path / "gemeenten.yaml", path, errors) if (path / "gemeenten.yaml").exists() else None
    if raw is None and not errors:
        errors.append("gemeenten.yaml: missing or empty")

    class _GemeentenFile(_Strict):
        gemeenten: list[Gemeente]

    parsed = _validate(_GemeentenFile, raw, "gemeenten.yaml", errors) if raw is not None else None
    for gemeente in parsed.gemeenten if parsed else []:
        if gemeente.id in gemeenten:
            errors.append(f"gemeenten.yaml: gemeente {gemeente.id!r}: field 'id': duplicate id")
        gemeenten[gemeente.id] = gemeente

    wijken: dict[str, Wijk] = {}
    postcode_owner: dict[str, str] = {}
    for file in sorted((path / "wijken").glob("*.yaml")):
        name = str(file.relative_to(path))
        wijk = _validate(Wijk, _read_yaml(file, path, errors), name, errors)
        if wijk is None:
            continue
        if wijk.id != file.stem:
            errors.append(f"{name}: wijk {wijk.id!r}: field 'id': must equal the file name {file.stem!r}")
        if wijk.gemeente not in gemeenten:
            errors.append(f"{name}: wijk {wijk.id!r}: field 'gemeente': unknown gemeente {wijk.gemeente!r}")
        for code in wijk.postcodes:
            if code in postcode_owner:
                errors.append(f"{name}: wijk {wijk.id!r}: field 'postcodes': {code} also belongs to "
                              f"{postcode_owner[code]!r}")
            postcode_owner[code] = wijk.id
        seen: set[str] = set()
        for index, place in enumerate(wijk.places):
            if place.id in seen:
                errors.append(f"{name}: places[{index}] (id {place.id!r}): field 'id': duplicate id")
            seen.add(place.id)
        wijken[wijk.id] = wijk

    contacts: dict[str, Contact] = {}
    for file in sorted((path / "contacts").glob("*.yaml")):
        name = str(file.relative_to(path))
        parsed_contacts = _validate(_ContactsFile, _read_yaml(file, path, errors), name, errors)
        for index, contact in enumerate(parsed_contacts.contacts if parsed_contacts else []):
            entry = f"contacts[{index}] (id {contact.id!r})"
            if contact.id in contacts:
                errors.append(f"{name}: {entry}: field 'id': duplicate id")
            for gemeente_id in contact.gemeenten:
                if gemeente_id not in gemeenten:
                    errors.append(f"{name}: {entry}: field 'gemeenten': unknown gemeente {gemeente_id!r}")
            for wijk_id in contact.wijken:
                if wijk_id not in wijken:
                    errors.append(f"{name}: {entry}: field 'wijken': unknown wijk {wijk_id!r}")
                elif wijken[wijk_id].gemeente not in contact.gemeenten:
                    errors.append(f"{name}: {entry}: field 'wijken': {wijk_id!r} is not in its gemeenten")
            contacts[contact.id] = contact

    raw_roles = _read_yaml(path / "roles.yaml", path, errors) if (path / "roles.yaml").exists() else None
    if raw_roles is None and not errors:
        errors.append("roles.yaml: missing or empty")
    roles = _validate(_RolesFile, raw_roles, "roles.yaml", errors) if raw_roles is not None else None
    content = Content(gemeenten, wijken, contacts, dict(roles.roles) if roles else {},
                      unstemmed=roles.unstemmed if roles else (), compound_heads=roles.compound_heads if roles else (),
                      examples=_read_examples(path / "examples", errors),
                      lexicons=_read_lexicons(path / "lexicon", errors))
    for wijk in wijken.values():
        name = f"wijken/{wijk.id}.yaml"
        fallback = contacts.get(wijk.fallback_contact)
        if fallback is None:
            errors.append(f"{name}: wijk {wijk.id!r}: field 'fallback_contact': unknown contact "
                          f"{wijk.fallback_contact!r}")
        elif not content.serves(fallback, wijk.id):
            errors.append(f"{name}: wijk {wijk.id!r}: field 'fallback_contact': {fallback.id!r} does not serve "
                          "this wijk")
    if not wijken and not errors:
        errors.append("wijken/: no wijk files found")
    if errors:
        raise ContentError("\n".join(errors))
    return content
