"""Logging that never shows secrets: tokens are redacted and HTTP libraries stay quiet."""

from __future__ import annotations

import logging

from bot.infra.config import Settings


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            message = record.getMessage()
            for secret in self.secrets:
                message = message.replace(secret, "<redacted>")
            record.msg, record.args = message, None
        return True


def configure_logging(settings: Settings, level: int = logging.INFO) -> None:
    secrets = [
        s.get_secret_value()
        for s in (settings.telegram_token, settings.matrix_password, settings.matrix_access_token)
        if s is not None
    ]
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactSecrets(secrets))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "telegram.ext.Updater", "apscheduler", "nio", "aiohttp.access"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
