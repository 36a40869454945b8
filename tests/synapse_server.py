"""A real Matrix homeserver (Synapse) on 127.0.0.1 for tests and the latency benchmark.

Synapse lives in its own virtual environment (`.venv-synapse`, created on first use from
requirements/synapse-lock.txt: its dependencies must not mix with the bot's, and every machine tests
against the same Synapse). SQLite, no federation, no outside key servers, rate limits raised.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-synapse"
LOCK = ROOT / "requirements" / "synapse-lock.txt"
SERVER_NAME = "wijkgids.test"
RATE_LIMITS = [
    "rc_message", "rc_registration", "rc_room_creation", "rc_key_requests", "rc_profile", "rc_user_directory",
    "rc_3pid_validation", "rc_third_party_invite", "rc_media_create", "rc_admin_redaction", "rc_reports",
    "rc_delayed_event_mgmt", "rc_joins_per_room",
]
RELAXED = {"per_second": 1000, "burst_count": 10000}


class SynapseUnavailable(RuntimeError):
    pass


def synapse_python() -> Path:
    """The venv's python with Synapse installed; installs it when missing."""
    python = VENV / "bin" / "python"
    installed = VENV / "installed-from.txt"  # a copy of the lock it was installed from
    if (VENV / "bin" / "synapse_homeserver").exists() and installed.exists() and \
            installed.read_bytes() == LOCK.read_bytes():
        return python
    try:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True, capture_output=True,
                       timeout=120)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--require-hashes", "-r", str(LOCK)], check=True,
                       capture_output=True, timeout=900)
        installed.write_bytes(LOCK.read_bytes())
    except (subprocess.SubprocessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        raise SynapseUnavailable(f"could not install matrix-synapse: {exc} {detail[-300:]!r}") from exc
    return python


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Synapse:
    url: str
    shared_secret: str

    def register(self, user: str, password: str, *, admin: bool = False) -> str:
        """Creates a user through the shared-secret admin API; returns the full user id."""
        endpoint = f"{self.url}/_synapse/admin/v1/register"
        with urllib.request.urlopen(endpoint, timeout=10) as response:
            nonce = json.load(response)["nonce"]
        mac = hmac.new(self.shared_secret.encode(), digestmod=hashlib.sha1)
        mac.update(b"\x00".join([nonce.encode(), user.encode(), password.encode(),
                                 b"admin" if admin else b"notadmin"]))
        body = json.dumps({"nonce": nonce, "username": user, "password": password, "admin": admin,
                           "mac": mac.hexdigest()}).encode()
        request = urllib.request.Request(endpoint, data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return str(json.load(response)["user_id"])


def _config(directory: Path, port: int, secret: str) -> Path:
    key = base64.b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    (directory / "signing.key").write_text(f"ed25519 a_test {key}\n")
    (directory / "log.yaml").write_text(
        "version: 1\nformatters: {f: {format: '%(asctime)s %(levelname)s %(name)s %(message)s'}}\n"
        f"handlers: {{file: {{class: logging.FileHandler, filename: {directory / 'synapse.log'}, formatter: f}}}}\n"
        "root: {level: WARNING, handlers: [file]}\ndisable_existing_loggers: false\n")
    config = {
        "server_name": SERVER_NAME,
        "pid_file": str(directory / "synapse.pid"),
        "signing_key_path": str(directory / "signing.key"),
        "media_store_path": str(directory / "media"),
        "log_config": str(directory / "log.yaml"),
        "report_stats": False,
        "registration_shared_secret": secret,
        "macaroon_secret_key": secrets.token_hex(16),
        "form_secret": secrets.token_hex(16),
        "bcrypt_rounds": 4,
        "listeners": [{"port": port, "bind_addresses": ["127.0.0.1"], "type": "http", "tls": False,
                       "x_forwarded": False, "resources": [{"names": ["client"], "compress": False}]}],
        "database": {"name": "sqlite3", "args": {"database": str(directory / "homeserver.db")}},
        "trusted_key_servers": [],
        "federation_domain_whitelist": [],
        "url_preview_enabled": False,
        "presence": {"enabled": False},
        "enable_registration": False,
        "suppress_key_server_warning": True,
        **{name: RELAXED for name in RATE_LIMITS},
        "rc_login": {"address": RELAXED, "account": RELAXED, "failed_attempts": RELAXED},
        "rc_joins": {"local": RELAXED, "remote": RELAXED},
        "rc_invites": {"per_room": RELAXED, "per_user": RELAXED, "per_issuer": RELAXED},
        "rc_presence": {"per_user": RELAXED},
    }
    path = directory / "homeserver.yaml"
    path.write_text(json.dumps(config))  # JSON is valid YAML
    return path


@contextmanager
def running_synapse(directory: Path) -> Iterator[Synapse]:
    python = synapse_python()
    port, secret = free_port(), secrets.token_hex(16)
    config = _config(directory, port, secret)
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIRTUAL_ENV")}
    process = subprocess.Popen([str(python), "-m", "synapse.app.homeserver", "--config-path", str(config)],
                               cwd=directory, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise SynapseUnavailable(f"Synapse exited: {process.stderr.read()[-500:] if process.stderr else ''}")
            try:
                with urllib.request.urlopen(f"{url}/_matrix/client/versions", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise SynapseUnavailable("Synapse did not come up within 60 s") from None
                time.sleep(0.2)
        yield Synapse(url, secret)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
