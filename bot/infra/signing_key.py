"""The key that signs links in e-mails and the web app's forms and cookies."""

from __future__ import annotations

import secrets

from bot.infra.config import Settings


def web_secret(settings: Settings) -> str:
    """The key that signs links and forms: WIJKGIDS_WEB_SECRET, else one kept in the data directory,
    so links in e-mails stay valid across restarts."""
    if settings.web_secret is not None and settings.web_secret.get_secret_value():
        return settings.web_secret.get_secret_value()
    path = settings.data_dir / "web_secret"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(32)
    path.write_text(value, encoding="utf-8")
    path.chmod(0o600)
    return value
