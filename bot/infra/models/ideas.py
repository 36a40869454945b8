from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Column, ForeignKey, Integer
from sqlmodel import Field, SQLModel

from bot.infra.db import UTCDateTime


class IdeaStatus(StrEnum):
    DRAFT = "draft"
    CONFIRMED = "confirmed"
    HANDED_OVER = "handed_over"
    ACCEPTED = "accepted"
    DONE = "done"
    STOPPED = "stopped"
    CANCELLED = "cancelled"


class HandoverStatus(StrEnum):
    WAITING = "waiting"
    """Sent to a linked contact; waiting for 'ik help verder'."""
    ACCEPTED = "accepted"
    PASSED_ON = "passed_on"
    ESCALATED = "escalated"
    DECLINED = "declined"
    """The contact said it does not fit them; the idea moved on."""
    SUPERSEDED = "superseded"
    """Someone else helps further with the idea; this request is no longer needed."""
    SHARED = "shared"
    """An unlinked contact: the resident got the channels and gets in touch themselves."""


class IdeaBase(SQLModel):
    wijk_id: str = Field(max_length=64)
    text: str = ""
    themes: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    has: str = ""
    knows: str = ""
    needs: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    picture: str = ""
    """How the resident pictures it, in their own words (the answer to the warm first question)."""
    first_step: str = ""
    """A first small step and roughly when; the first check-in asks about it by name."""
    help_kind: str = ""
    """What the resident chose after the summary: self, connector or organisation."""
    beheer: str = ""
    """Who will look after the result later."""
    call: str = ""
    """The resident's call to neighbours to join in (do-it-yourself)."""
    appreciation: str = ""
    """The answer to the appreciative question: when was the neighbourhood at its best."""


class Idea(IdeaBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    user_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("user.id", ondelete="SET NULL"), index=True)
    )
    status: str = Field(default=IdeaStatus.DRAFT, max_length=16)
    step: str | None = Field(default=None, max_length=32)
    """For a draft: the step to continue at."""
    shared_text: str = ""
    """The resident's words as they approved them for contacts ("this is what they will read"), redacted; the
    summary card a contact gets, in chat, e-mail, on the link page and the dashboard, is built from it and the
    structured answers (bot.services.handover.card_of). Empty until the resident approved a handover."""
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Handover(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    idea_id: int = Field(sa_column=Column(Integer, ForeignKey("idea.id", ondelete="CASCADE"), index=True,
                                          nullable=False))
    contact_id: str = Field(max_length=64)
    contact_user_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("user.id", ondelete="SET NULL"), index=True)
    )
    status: str = Field(default=HandoverStatus.WAITING, max_length=16, index=True)
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    """When no reaction by then, the idea goes to the wijk's fallback contact."""
    created_at: datetime = Field(sa_type=UTCDateTime)
    responded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    escalated_from: int | None = None
    channel: str = Field(default="chat", max_length=8)
    """How the contact got it: "chat" (a linked contact) or "email" (links to the web pages)."""
    level: int = 0
    """Escalation level: 0 the chosen contact, 1 the wijk's fallback, 2 the area team, 3 an admin."""
    reminded_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    """When the conversation after "ik help verder" was closed by either side."""
    contact_shares: bool = False
    """The contact agreed to exchange contact details with the resident."""
    initiator_details: str | None = Field(default=None, max_length=255)
    """What the resident agreed to share (their own words); sent only once both agree."""


class ContactLink(SQLModel, table=True):
    """A contact person from content/ who uses the bot themselves."""

    contact_id: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(sa_column=Column(Integer, ForeignKey("user.id", ondelete="CASCADE"), index=True,
                                          nullable=False))
    linked_at: datetime = Field(sa_type=UTCDateTime)


class RelayedMessage(SQLModel, table=True):
    """A question from a contact to an initiator (or the answer), passed on through the bot."""

    id: int | None = Field(default=None, primary_key=True)
    handover_id: int = Field(sa_column=Column(Integer, ForeignKey("handover.id", ondelete="CASCADE"), index=True,
                                              nullable=False))
    from_user_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("user.id", ondelete="SET NULL"))
    )
    to_user_id: int | None = Field(
        default=None, sa_column=Column(Integer, ForeignKey("user.id", ondelete="SET NULL"))
    )
    text: str
    created_at: datetime = Field(sa_type=UTCDateTime)
