"""All tables. Importing this module registers every table on SQLModel.metadata."""

from bot.infra.models.activities import AanjagerWijk, Activity, Broadcast, Rsvp, RsvpAnswer
from bot.infra.models.checkins import CheckIn, CheckInStatus, Story, StoryReview
from bot.infra.models.conversation import Conversation, ProcessedEvent
from bot.infra.models.dashboard import DashboardToken, DashboardTokenKind
from bot.infra.models.feeds import CalendarFeed
from bot.infra.models.ideas import ContactLink, Handover, HandoverStatus, Idea, IdeaStatus, RelayedMessage
from bot.infra.models.invites import InviteCode, InviteKind
from bot.infra.models.media import Media
from bot.infra.models.mentors import MentorIntro, MentorIntroStatus
from bot.infra.models.offers import HelpRequest, HelpRequestStatus, Offer, OfferProfile
from bot.infra.models.outbox import OutboxChannel, OutboxMessage, OutboxStatus
from bot.infra.models.prompts import OpenPrompt, SentOptions
from bot.infra.models.proposals import TrustedOrganiser
from bot.infra.models.scale import InboundUpdate, SendRate, SendSlot
from bot.infra.models.seasons import SeasonAsk, SeasonAskStatus
from bot.infra.models.user import Consent, ConsentPurpose, User, UserRole
from bot.infra.models.whatsapp import WhatsAppContact, WhatsAppInbox, WhatsAppSent, WhatsAppStart

__all__ = [
    "AanjagerWijk",
    "Activity",
    "Broadcast",
    "CalendarFeed",
    "CheckIn",
    "CheckInStatus",
    "Consent",
    "ConsentPurpose",
    "ContactLink",
    "Conversation",
    "DashboardToken",
    "DashboardTokenKind",
    "Handover",
    "HandoverStatus",
    "HelpRequest",
    "HelpRequestStatus",
    "Idea",
    "IdeaStatus",
    "InboundUpdate",
    "InviteCode",
    "InviteKind",
    "Media",
    "MentorIntro",
    "MentorIntroStatus",
    "Offer",
    "OfferProfile",
    "OpenPrompt",
    "OutboxChannel",
    "OutboxMessage",
    "OutboxStatus",
    "ProcessedEvent",
    "RelayedMessage",
    "Rsvp",
    "RsvpAnswer",
    "SeasonAsk",
    "SeasonAskStatus",
    "SendRate",
    "SendSlot",
    "SentOptions",
    "Story",
    "StoryReview",
    "TrustedOrganiser",
    "User",
    "UserRole",
    "WhatsAppContact",
    "WhatsAppInbox",
    "WhatsAppSent",
    "WhatsAppStart",
]
