"""Sending the outbox's e-mails over SMTP (aiosmtplib): text and HTML parts, STARTTLS or TLS."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate

import aiosmtplib

from bot.infra.config import Settings
from bot.infra.delivery_errors import DeliveryError, RecipientUnreachable
from bot.infra.models import OutboxMessage


def one_line(value: str) -> str:
    """A header value as one line: line breaks and runs of white space (a two-line idea in a subject) become
    one space, so the header cannot break or be split into more headers."""
    return " ".join(value.split())


def build_message(settings: Settings, message: OutboxMessage) -> EmailMessage:
    assert settings.smtp_from and message.address
    email = EmailMessage()
    email["From"] = settings.smtp_from
    email["To"] = message.address
    email["Subject"] = one_line(message.subject or "")
    email["Date"] = formatdate(localtime=False)
    domain = settings.smtp_from.rpartition("@")[2] or "wijkgids"
    # stable per outbox row: a mail sent twice after a crash is recognisable as the same message
    email["Message-ID"] = f"<wijkgids-outbox-{message.id}@{domain}>"
    email["Auto-Submitted"] = "auto-generated"
    email.set_content(message.text)
    if message.html:
        email.add_alternative(message.html, subtype="html")
    return email


async def send(settings: Settings, message: OutboxMessage) -> None:
    """Raises RecipientUnreachable when the server refuses the address, DeliveryError otherwise (and ValueError
    for a message that cannot be an e-mail, such as an address with a line break)."""
    password = settings.smtp_password.get_secret_value() if settings.smtp_password else None
    try:
        await aiosmtplib.send(
            build_message(settings, message),
            hostname=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_user or None,
            password=password if settings.smtp_user else None,
            use_tls=settings.smtp_security == "tls",
            start_tls=settings.smtp_security == "starttls",
            timeout=settings.smtp_timeout_s,
        )
    except aiosmtplib.SMTPRecipientsRefused as exc:
        raise RecipientUnreachable(str(exc)) from exc
    except (aiosmtplib.SMTPException, OSError) as exc:
        raise DeliveryError(type(exc).__name__) from exc
