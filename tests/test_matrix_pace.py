"""The broadcast preview says honestly how long Matrix residents take to reach at the homeserver's rate."""

from __future__ import annotations

from bot.infra import i18n
from bot.infra.config import PROJECT_ROOT, Settings
from bot.infra.models import User
from bot.services.broadcast import matrix_pace


def people(count: int, transport: str = "matrix") -> list[User]:
    return [User(transport=transport, external_id=f"@p{n}:example.nl", chat_id=f"!r{n}") for n in range(count)]


def test_synapse_default_rate_makes_a_broadcast_take_hours() -> None:
    i18n.configure(locales_dir=PROJECT_ROOT / "locales", default_locale="nl", timezone="Europe/Amsterdam")
    settings = Settings(matrix_rate_per_s=0.2)
    with i18n.use_locale("en"):
        assert matrix_pace(settings, people(10_000)) == (
            "On Matrix the server lets me send only a few messages a minute, so reaching 10,000 residents there "
            "takes about 14 hours.")
    with i18n.use_locale("nl"):
        assert "ongeveer 42 minuten" in matrix_pace(settings, people(500))


def test_nothing_to_say_when_quick_lifted_or_not_on_matrix() -> None:
    i18n.configure(locales_dir=PROJECT_ROOT / "locales", default_locale="nl", timezone="Europe/Amsterdam")
    assert matrix_pace(Settings(matrix_rate_per_s=0.2), people(5)) == ""  # 25 seconds
    assert matrix_pace(Settings(matrix_rate_per_s=0), people(10_000)) == ""  # the admin lifted the limit
    assert matrix_pace(Settings(matrix_rate_per_s=0.2), people(10_000, "telegram")) == ""
