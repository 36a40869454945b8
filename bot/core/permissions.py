"""Who may do what: the one permission check.

Roles: everyone is a resident; an aanjager organises for one or more wijken (`AanjagerWijk` rows, given with
an invite code or `wijkgids admin aanjager`); an admin (`User.role`) may do what any aanjager may, in every
wijk; a contact person linked to their entry in content/ (`ContactLink`) may see the figures of the wijken
they serve. A command declares the role it needs (`registry.command(..., role=AANJAGER)`) and the dispatcher
checks it once, before the handler runs. Buttons (`!action:...`) and web pages check with the functions
below themselves, because their data can be forged.
"""

from __future__ import annotations

from sqlmodel import Session

from bot.infra.content import Content
from bot.infra.crud import activities as activities_crud
from bot.infra.crud import users as users_crud
from bot.infra.i18n import _
from bot.infra.models import User, UserRole

AANJAGER = "aanjager"
"""An aanjager of some wijk, or an admin."""
VIEWER = "viewer"
"""May see the dashboard figures of some wijk: aanjagers, admins and linked contact persons."""
ROLES = (AANJAGER, VIEWER)


def is_admin(user: User) -> bool:
    return user.role == UserRole.ADMIN


def organises(session: Session, *, user: User, content: Content) -> list[str]:
    """The wijken this user may organise for (an admin: all)."""
    if is_admin(user):
        return sorted(content.wijken)
    return activities_crud.aanjager_wijken(session, user=user)


def may_organise(session: Session, *, user: User, wijk_id: str) -> bool:
    """May create, announce and change activities, broadcast and review stories in this wijk."""
    return is_admin(user) or activities_crud.is_aanjager(session, user=user, wijk_id=wijk_id)


may_review = may_organise
"""Who may approve a shared story of a wijk: its aanjagers and the admins."""


def viewer_wijken(session: Session, *, user: User, content: Content) -> list[str]:
    """The wijken someone may see figures of: admins all; aanjagers theirs; linked contacts the ones they serve."""
    if is_admin(user):
        return sorted(content.wijken)
    wijken = set(activities_crud.aanjager_wijken(session, user=user))
    for contact_id in users_crud.linked_contacts(session, user=user):
        contact = content.contacts.get(contact_id)
        if contact is not None:
            wijken.update(w for w in content.wijken if content.serves(contact, w))
    return sorted(w for w in wijken if w in content.wijken)


def has_role(session: Session, *, user: User, content: Content, role: str) -> bool:
    if role == AANJAGER:
        return bool(organises(session, user=user, content=content))
    if role == VIEWER:
        return bool(viewer_wijken(session, user=user, content=content))
    raise ValueError(f"unknown role {role!r}")


def refusal(role: str) -> str:
    """What someone without the role hears, in the current language."""
    if role == VIEWER:
        return _("The dashboard is for aanjagers, contact persons and the municipality of a neighbourhood.")
    return _("This is for the aanjagers of a neighbourhood. Would you like to become one? "
             "Ask the neighbourhood team or the municipality.")
