"""Settings from the environment (prefix WIJKGIDS_) or a `.env` file."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="WIJKGIDS_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Path("data")
    database_url: str = ""
    content_dir: Path = PROJECT_ROOT / "content"
    locales_dir: Path = PROJECT_ROOT / "locales"

    telegram_token: SecretStr | None = None
    telegram_base_url: str = "https://api.telegram.org/bot"
    telegram_base_file_url: str = "https://api.telegram.org/file/bot"
    telegram_webhook_url: str | None = None
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = 8443
    telegram_webhook_secret: SecretStr | None = None
    """Telegram sends it with every update; others can't forge updates. Random per start when unset."""
    telegram_timeout_s: float = Field(default=10.0, gt=0)
    """Connect/read/write timeout of one Bot API call (long polls add their own wait)."""

    matrix_homeserver: str | None = None
    matrix_user_id: str | None = None
    matrix_password: SecretStr | None = None
    matrix_access_token: SecretStr | None = None
    matrix_rate_per_s: float = Field(default=0.2, ge=0)
    """Messages a second the homeserver lets the bot user send (Synapse's default `rc_message` is 0.2): the
    broadcast preview says how long a broadcast takes on Matrix. 0 once the admin lifted the limit (README)."""

    whatsapp_phone_number_id: str | None = None
    """The Cloud API's id of the bot's business phone number (not the number itself)."""
    whatsapp_access_token: SecretStr | None = None
    """A system user's permanent token with whatsapp_business_messaging; never logged."""
    whatsapp_app_secret: SecretStr | None = None
    """The Meta app's secret: every webhook delivery is signed with it (X-Hub-Signature-256)."""
    whatsapp_verify_token: SecretStr | None = None
    """Any random string, also entered in the app's webhook settings (the verify handshake)."""
    whatsapp_graph_url: str = "https://graph.facebook.com/v23.0"
    whatsapp_webhook_path: str = "/whatsapp/webhook"
    whatsapp_tier: int = 250
    """Unique people the bot may start conversations with per rolling 24 hours (Meta's messaging limit of the
    business portfolio: 250, 2000, 10000, 100000, or 0 for unlimited). Never exceeded; set it to what Meta shows."""
    whatsapp_rate_per_s: float = Field(default=79.0, gt=0)
    """Just under the Cloud API's 80 messages/s per number."""
    whatsapp_prices: dict[str, float] = Field(default_factory=dict)
    """Price per delivered message by category (marketing, utility, service), in `whatsapp_currency`, from
    Meta's rate card for the residents' country: the broadcast preview says what a message costs."""
    whatsapp_currency: str = "EUR"

    web_base_url: str | None = None
    """Public address of the web pages (e.g. https://wijkgids.example.nl); setting it starts the web server."""
    web_listen: str = "127.0.0.1"
    web_port: int = Field(default=8080, ge=0, le=65535)
    web_secret: SecretStr | None = None
    """Signs links and forms; when unset, a random key is kept in the data directory."""
    web_forwarded_allow_ips: str = "127.0.0.1"
    """The TLS proxy in front of the web server, whose X-Forwarded-* headers are trusted."""

    smtp_host: str | None = None
    """Setting it (with smtp_from) sends handovers to contacts without a chat by e-mail."""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_security: Literal["starttls", "tls", "none"] = "starttls"
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str | None = None
    smtp_timeout_s: float = Field(default=30.0, gt=0)
    email_rate_per_s: float = Field(default=1.0, gt=0)
    """Pacing of outgoing e-mail, gentle for a municipality's mail relay."""
    link_days: int = Field(default=30, ge=1)
    """How long the links in an e-mail to a contact person stay valid."""

    default_locale: str = "nl"
    locales: tuple[str, ...] = ("nl", "en")
    timezone: str = "Europe/Amsterdam"

    quiet_hours_start: int = Field(default=21, ge=0, le=23)
    quiet_hours_end: int = Field(default=9, ge=0, le=23)
    max_text_length: int = 4000
    max_photo_mb: int = Field(default=10, ge=1, le=50)
    """Larger photos a user sends are refused with a friendly answer (Telegram's own limit for bots is 20 MB)."""
    send_rate_per_s: float = 29.0
    """Just under Telegram's ~30 messages/s for bulk sends."""
    send_window_s: float = 1.0
    send_limit: int = Field(default=30, ge=1)
    """The platform's limit (Telegram: 30 messages in any second per bot). A scaled-out bot's shared rate never
    lets more than this many sends arrive within one `send_window_s`, however the processes' timing jitters."""
    per_chat_interval_s: float = 1.0
    poll_interval_s: float = 1.0
    health_port: int | None = Field(default=None, ge=0, le=65535)
    """`wijkgids run --role ingress|worker`: GET /health of this process on this port (0: any free port)."""
    health_listen: str = "127.0.0.1"
    worker_concurrency: int = Field(default=8, ge=1)
    """A worker process handles this many people side by side (each person's updates one at a time)."""
    worker_heartbeat_s: float = Field(default=5.0, gt=0)
    stalled_after_s: float = Field(default=30.0, gt=0)
    """A worker without a heartbeat this long is taken as gone: its people are handled by another worker."""
    recover_every_s: float = Field(default=5.0, ge=1)
    """How often (once across all workers) the jobs of gone workers are finished and their people woken again:
    a killed worker's people wait at most about `stalled_after_s + recover_every_s`."""
    log_text: bool = False
    """Debug flag: log what users type (off by default; never in production)."""
    flood_max_messages: int = Field(default=8, ge=1)
    flood_window_s: float = Field(default=4.0, gt=0)
    handover_reaction_days: int = Field(default=5, ge=1)
    handover_reminder_days: int = Field(default=3, ge=1)
    """After the reminder, this many more days before the idea goes to the next person."""
    checkin_days: tuple[int, ...] = (7, 30, 90)
    checkin_snooze_days: int = Field(default=7, ge=1)
    season_ask_days: int = Field(default=335, ge=1)
    """About 11 months after a recurring initiative worked, its author is asked whether it comes back."""
    ask_neighbour_every_days: int = Field(default=7, ge=1)
    """A neighbour who offered help is asked at most this often."""
    help_request_days: int = Field(default=4, ge=1)
    """No answer from a neighbour within this many days: the initiator hears honestly it did not work out."""
    retention_days: int = Field(default=548, ge=30)
    """Data of users inactive this long (default 18 months) is erased, after one notice."""
    retention_notice_days: int = Field(default=30, ge=1)

    @field_validator("whatsapp_tier")
    @classmethod
    def _known_tier(cls, value: int) -> int:
        if value not in (250, 2_000, 10_000, 100_000, 0):
            raise ValueError("whatsapp_tier must be 250, 2000, 10000, 100000 or 0 (unlimited)")
        return value

    @field_validator("default_locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        if value not in ("nl", "en"):
            raise ValueError("default_locale must be one of nl, en")
        return value

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'wijkgids.sqlite3').as_posix()}"

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def has_telegram(self) -> bool:
        return self.telegram_token is not None and bool(self.telegram_token.get_secret_value())

    @property
    def has_email(self) -> bool:
        """E-mail handovers need an SMTP server and the web pages their links open."""
        return bool(self.smtp_host and self.smtp_from and self.web_base_url)

    @property
    def has_web(self) -> bool:
        return bool(self.web_base_url)

    @property
    def has_whatsapp(self) -> bool:
        secrets = (self.whatsapp_access_token, self.whatsapp_app_secret, self.whatsapp_verify_token)
        return bool(self.whatsapp_phone_number_id) and all(s is not None and s.get_secret_value() for s in secrets)

    @property
    def has_matrix(self) -> bool:
        return bool(self.matrix_homeserver and self.matrix_user_id) and (
            self.matrix_password is not None or self.matrix_access_token is not None
        )
