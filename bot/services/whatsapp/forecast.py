"""What a bot-initiated message to many WhatsApp residents will do, told honestly before it is sent: how many get
it free-form (their window is open) or as a template, how many days the messaging tier spreads it over, and
what it costs at the configured prices."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from babel.numbers import format_currency
from sqlmodel import Session

from bot.infra.config import Settings
from bot.infra.crud import whatsapp as whatsapp_crud
from bot.infra.i18n import current_locale, format_number, ngettext
from bot.infra.models import User, WhatsAppContact
from bot.services.whatsapp.templates import Template, for_kind, load_templates
from bot.services.whatsapp.window import ROLLING, is_open

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
    lines = [ngettext("{n} of the recipients reads it on WhatsApp.", "{n} of the recipients read it on WhatsApp.",
                      result.recipients).format(n=format_number(result.recipients))]
    if result.templated:
        lines.append(ngettext(
            "{n} of them has not written to Wijkgids in the last 24 hours: WhatsApp then only allows an approved "
            "template message.",
            "{n} of them have not written to Wijkgids in the last 24 hours: WhatsApp then only allows an approved "
            "template message.", result.templated).format(n=format_number(result.templated)))
    if result.days > 1:
        lines.append(ngettext(
            "WhatsApp lets Wijkgids start conversations with at most {tier} people per 24 hours: {today} get it "
            "right away, the others a day later, as places free up.",
            "WhatsApp lets Wijkgids start conversations with at most {tier} people per 24 hours: {today} get it "
            "right away, the others over the next {days} days, as places free up.", result.days - 1).format(
            tier=format_number(result.tier), today=format_number(result.today), days=format_number(result.days - 1)))
    if result.waiting:
        lines.append(ngettext("{n} gets it only when they next write to Wijkgids (WhatsApp's rules).",
                              "{n} get it only when they next write to Wijkgids (WhatsApp's rules).",
                              result.waiting).format(n=format_number(result.waiting)))
    if result.cost is not None:
        messages = result.templated + result.in_window
        lines.append(ngettext("WhatsApp charges about {cost} for this message.",
                              "WhatsApp charges about {cost} for these {n} messages.", messages).format(
            cost=format_currency(result.cost, result.currency, locale=current_locale()),
            n=format_number(messages)))
    return "\n".join(lines)


@cache
def _templates(content_dir: Path) -> dict[str, Template]:
    return load_templates(content_dir)


def preview(session: Session, *, settings: Settings, users: Sequence[User], kind: str, now: datetime,
            photo: bool = False) -> str:
    """The preview's lines for the WhatsApp residents among `users` (empty without WhatsApp)."""
    user_ids = [u.id for u in users if u.transport == "whatsapp" and u.id is not None]
    if not settings.has_whatsapp or not user_ids:
        return ""
    template = for_kind(_templates(settings.content_dir), kind, photo=photo)
    result = forecast(user_ids=user_ids, contacts=whatsapp_crud.contacts(session, user_ids=user_ids), now=now,
                      tier=settings.whatsapp_tier, used=whatsapp_crud.starts_since(session, since=now - ROLLING),
                      category=template.category if template else None, prices=settings.whatsapp_prices,
                      currency=settings.whatsapp_currency)
    return describe(result)
