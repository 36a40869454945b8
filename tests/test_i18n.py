"""Every user-visible string is in the nl and en catalogs, translated, and compiled."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.infra import i18n_workflow
from bot.infra.i18n import _, format_datetime, use_locale


def test_catalogs_are_complete_and_current() -> None:
    assert i18n_workflow.problems() == []


def test_same_text_in_both_languages() -> None:
    with use_locale("nl"):
        assert _("What would you like to do?") == "Wat wil je doen?"
    with use_locale("en"):
        assert _("What would you like to do?") == "What would you like to do?"


def test_dates_are_local_and_per_locale() -> None:
    moment = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)  # 10:00 in Amsterdam (winter time)
    with use_locale("nl"):
        assert format_datetime(moment) == "maandag 14 december 10:00"
    with use_locale("en"):
        assert format_datetime(moment) == "Monday 14 December 10:00"
    summer = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)  # 11:00 in Amsterdam (summer time)
    with use_locale("nl"):
        assert format_datetime(summer).endswith("11:00")
