"""Every command, flow, button action and phrase the bot understands, registered in one place."""

from __future__ import annotations

from bot.core import permissions
from bot.core.commands import LOCALE_NAMES
from bot.core.conversation import Registry
from bot.infra.i18n import N_
from bot.services import activity_jobs, topics
from bot.services import handover as handover_service
from bot.services import matching as matching_service
from bot.services import privacy as privacy_service
from handlers import (
    aanjagers,
    activities,
    activity_create,
    activity_organise,
    broadcasts,
    calendar_feeds,
    checkins,
    freetext,
    handoff,
    handover,
    ideas,
    matching,
    mentors,
    menu,
    offers,
    onboarding,
    personal,
    places,
    privacy,
    proposals,
    relay,
    seasons,
    settings,
    signals,
    stories,
)


def build_registry() -> Registry:
    registry = Registry()

    # conversations
    registry.flow(onboarding.flow)
    registry.flow(ideas.flow)
    registry.flow(handover.flow)
    registry.flow(privacy.flow)
    registry.flow(checkins.flow)
    registry.flow(seasons.flow)
    registry.flow(activities.flow)
    registry.flow(activity_create.flow)
    registry.flow(activity_organise.flow)
    registry.flow(broadcasts.flow)
    registry.flow(offers.flow)
    registry.flow(matching.flow)
    registry.flow(matching.share_flow)
    registry.flow(stories.flow)
    registry.flow(proposals.flow)
    registry.flow(mentors.flow)
    registry.flow(handoff.flow)
    registry.flow(relay.flow)

    # commands, in the order of the menu and /help
    registry.command("idee", ideas.start, description=N_("share an idea for the neighbourhood"),
                     aliases=["idea"], needs_consent=True, needs_wijk=True, menu_label=N_("💡 I have an idea"))
    registry.command("mijnideeen", ideas.my_ideas, description=N_("your ideas and how they are doing"),
                     aliases=["myideas"], needs_consent=True, menu_label=N_("📋 My ideas"))
    registry.command("activiteiten", activities.list_activities, description=N_("what is on in your neighbourhood"),
                     aliases=["activities"], needs_wijk=True, menu_label=N_("🗓️ Activities"))
    registry.command("plekken", places.places, description=N_("places to meet people"), aliases=["places"],
                     needs_wijk=True, menu_label=N_("📍 Places to meet"))
    registry.command("aanbod", offers.start, description=N_("what you can offer your neighbours"),
                     aliases=["offer"], needs_consent=True, needs_wijk=True, menu_label=N_("🤝 What I can offer"))
    registry.command("mijnaanbod", offers.my_offers, description=N_("see or change what you offer"),
                     aliases=["myoffers"], needs_consent=True)
    registry.command("voorstel", proposals.start, description=N_("put your own activity on the agenda"),
                     aliases=["propose"], needs_consent=True, needs_wijk=True)
    registry.command("verhalen", checkins.stories, description=N_("beautiful stories from the neighbourhood"),
                     aliases=["stories"], needs_wijk=True, menu_label=N_("✨ Stories from the neighbourhood"))
    registry.command("start", onboarding.start, description=N_("start, or start again"))
    registry.command("menu", menu.menu, description=N_("what I can do for you"))
    registry.command("help", menu.help_command, description=N_("explanation and all commands"),
                     aliases=["hulp"], menu_label=N_("ℹ️ Explanation"))
    registry.command("taal", onboarding.change_language, description=N_("change language"),
                     aliases=["language"], menu_label=N_("🌐 Language"))
    registry.command("wijk", onboarding.change_wijk, description=N_("change neighbourhood"),
                     aliases=["neighbourhood"], menu_label=N_("🏘️ My neighbourhood"))
    registry.command("stop", settings.mute, description=N_("no more news from the neighbourhood"))
    registry.command("mijngegevens", privacy.my_data, description=N_("everything I keep about you"),
                     aliases=["mydata"])
    registry.command("toestemming", privacy.consent_settings, description=N_("what I may use your data for"),
                     aliases=["consent"])
    registry.command("vergeetmij", privacy.forget_me, description=N_("erase everything about you"),
                     aliases=["forgetme"])
    registry.command("aanjager", aanjagers.redeem, hidden=True)
    registry.command("nieuweactiviteit", activity_create.new_activity, hidden=True, aliases=["newactivity"],
                     description=N_("create an activity (aanjagers)"), role=permissions.AANJAGER)
    registry.command("mijnactiviteiten", activity_organise.my_activities, hidden=True, aliases=["myactivities"],
                     description=N_("your activities: who comes, announce, change, message (aanjagers)"),
                     role=permissions.AANJAGER)
    registry.command("gaven", matching.gift_counts, hidden=True, aliases=["gifts"], role=permissions.AANJAGER)
    registry.command("omroep", broadcasts.start, hidden=True, aliases=["broadcast"],
                     description=N_("send news to the neighbourhood (aanjagers)"), role=permissions.AANJAGER)
    registry.command("beoordelen", stories.review, hidden=True, aliases=["review"], role=permissions.AANJAGER)
    registry.command("signalen", signals.signals, hidden=True, aliases=["signals"], role=permissions.AANJAGER)
    registry.command("dashboard", signals.dashboard, hidden=True, role=permissions.VIEWER)
    registry.command("koppel", handover.link_contact, hidden=True, aliases=["link"])
    registry.command("wacht", handover.waiting, hidden=True, aliases=["waiting", "voormij"])
    registry.command("onbekend", menu.not_understood, hidden=True)
    for names in LOCALE_NAMES.values():  # every command also by its name in each language (/fikir, /pomysl)
        for name, localized in names.items():
            registry.alias(name, localized)

    # buttons that work outside a conversation
    registry.action("unmute", settings.unmute)
    registry.action("idea", ideas.idea_action)
    registry.action("ho", handover.contact_action)
    registry.action("ci", checkins.answer)
    registry.action("rsvp", activities.rsvp)
    registry.action("showname", activities.show_name)
    registry.action("mycal", activities.my_calendar)
    registry.action("feed", calendar_feeds.feed_action)
    registry.action("act", activity_organise.activity_action)
    registry.action("digest", activity_organise.digest_setting)
    registry.action("offer", offers.offer_action)
    registry.action("match", matching.match_action)
    registry.action("help", matching.help_action)
    registry.action("need", personal.need_action)
    registry.action("story", stories.story_action)
    registry.action("prop", proposals.proposal_action)
    registry.action("mentor", mentors.mentor_action)
    registry.action("season", seasons.answer)
    registry.action("handoff", handoff.contact_action)

    # typed text outside a question: an idea, a report, a personal need, a greeting, ... (bot/understanding/intents.py)
    registry.free_text = freetext.answer
    # between the questions (bot/repair.py): answers to questions per topic, a person of the wijk, "waar was ik"
    registry.topics = dict(topics.TOPICS)
    registry.handoff = handoff.offer
    registry.resume = ideas.resume_latest

    # due work, picked up from the database
    registry.every(60, "checkins", checkins.send_due)
    registry.every(300, "season-asks", seasons.send_due)
    registry.every(60, "handover-escalation", handover_service.escalate_overdue)
    registry.every(300, "activity-reminders", activity_jobs.send_reminders)
    registry.every(300, "weekly-activities", activity_jobs.continue_weekly)
    registry.every(600, "aanjager-digest", activity_jobs.send_digests)
    registry.every(3600, "help-request-expiry", matching_service.expire_requests)
    registry.every(3600, "retention", privacy_service.enforce_retention)
    return registry
