"""All tables. Importing this module registers every table on SQLModel.metadata."""

from bot.models.activities import AanjagerWijk, Activity, Broadcast, Rsvp, RsvpAnswer
from bot.models.checkins import CheckIn, CheckInStatus, Story, StoryReview
from bot.models.conversation import Conversation, ProcessedEvent
from bot.models.dashboard import DashboardToken, DashboardTokenKind
from bot.models.feeds import CalendarFeed
from bot.models.ideas import ContactLink, Handover, HandoverStatus, Idea, IdeaStatus, RelayedMessage
from bot.models.invites import InviteCode, InviteKind
from bot.models.media import Media
from bot.models.mentors import MentorIntro, MentorIntroStatus
from bot.models.offers import HelpRequest, HelpRequestStatus, Offer, OfferProfile
from bot.models.outbox import OutboxChannel, OutboxMessage, OutboxStatus
from bot.models.prompts import OpenPrompt, SentOptions
from bot.models.proposals import TrustedOrganiser
from bot.models.seasons import SeasonAsk, SeasonAskStatus
from bot.models.user import Consent, ConsentPurpose, User, UserRole
from bot.models.whatsapp import WhatsAppContact, WhatsAppInbox, WhatsAppSent, WhatsAppStart

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
