"""What a bot-initiated message to many WhatsApp residents will do, told honestly before it is sent: how many get
it free-form (their window is open) or as a template, how many days the messaging tier spreads it over, and
what it costs at the configured prices."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from babel.numbers import format_currency

from bot.i18n import current_locale, format_number, ngettext
from bot.models import WhatsAppContact
from bot.whatsapp.window import ROLLING, is_open

TIERS = (250, 2_000, 10_000, 100_000, 0)
"""Unique people the bot may start conversations with per rolling 24 hours; 0 = unlimited."""
SERVICE = "service"
"""The price category of a free-form message inside the window (free until October 2026, charged since)."""


@dataclass(frozen=True, slots=True)
class Forecast:
    recipients: int
    in_window: int
    templated: int
    waiting: int
    """Outside the window without a template they may get (none for this kind, or they stopped marketing):
    they get it when they next write."""
    counted: int
    """Conversations started, counted against the tier."""
    today: int
    days: int
    tier: int
    cost: float | None
    currency: str


def forecast(*, user_ids: Sequence[int], contacts: Mapping[int, WhatsAppContact], now: datetime, tier: int,
             used: int, category: str | None, prices: Mapping[str, float], currency: str) -> Forecast:
    """`category` is the template's for this kind (None: no template); `used` the conversations started in the
    last 24 hours."""
    in_window = templated = waiting = counted = 0
    for user_id in user_ids:
        contact = contacts.get(user_id)
        if contact is not None and is_open(contact.last_inbound_at, now):
            in_window += 1
        elif category is None or (category == "marketing" and contact is not None and contact.no_marketing):
            waiting += 1
        else:
            templated += 1
            if contact is None or contact.started_at is None or contact.started_at <= now - ROLLING:
                counted += 1
    if tier > 0:
        room = max(0, tier - used)
        today = min(counted, room)
        days = 1 + math.ceil((counted - room) / tier) if counted > room else 1
    else:
        today, days = counted, 1
    cost = None
    if category is not None and category in prices:
        cost = templated * prices[category] + in_window * prices.get(SERVICE, 0.0)
    return Forecast(len(user_ids), in_window, templated, waiting, counted, today, days, tier, cost, currency)


def describe(result: Forecast) -> str:
    """The lines for the aanjager's preview, in the current locale."""
    if not result.recipients:
        return ""
    lines = [ngettext("{n} of them reads it on WhatsApp.", "{n} of them read it on WhatsApp.",
                      result.recipients).format(n=format_number(result.recipients))]
    if result.templated:
        lines.append(ngettext(
            "{n} of them has not written to me in the last 24 hours: WhatsApp only lets me send an approved "
            "template message then.",
            "{n} of them have not written to me in the last 24 hours: WhatsApp only lets me send an approved "
            "template message then.", result.templated).format(n=format_number(result.templated)))
    if result.days > 1:
        lines.append(ngettext(
            "WhatsApp lets me start conversations with at most {tier} people per 24 hours, so {today} get it "
            "today and the others over the next {days} day.",
            "WhatsApp lets me start conversations with at most {tier} people per 24 hours, so {today} get it "
            "today and the others over the next {days} days.", result.days - 1).format(
            tier=format_number(result.tier), today=format_number(result.today), days=format_number(result.days - 1)))
    if result.waiting:
        lines.append(ngettext("{n} gets it only when they next write to me (WhatsApp's rules).",
                              "{n} get it only when they next write to me (WhatsApp's rules).",
                              result.waiting).format(n=format_number(result.waiting)))
    if result.cost is not None:
        lines.append(ngettext("WhatsApp charges for this: about {cost} for {n} message.",
                              "WhatsApp charges for this: about {cost} for {n} messages.",
                              result.templated + result.in_window).format(
            cost=format_currency(result.cost, result.currency, locale=current_locale()),
            n=format_number(result.templated + result.in_window)))
    return "\n".join(lines)
