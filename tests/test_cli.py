"""The `wijkgids` command as a maintainer and a first-time user meet it."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.core.app import App
from bot.infra.config import PROJECT_ROOT, Settings
from bot.infra.logging_setup import RedactSecrets

WIJKGIDS = [sys.executable, "-m", "bot.cli"]


def run_cli(args: list[str], stdin: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WIJKGIDS_")}
    environment.update({"WIJKGIDS_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run([*WIJKGIDS, *args], input=stdin, capture_output=True, text=True, cwd=tmp_path,
                          env=environment, timeout=60, check=False)


def test_run_without_token_chats_on_the_console_piped(tmp_path: Path) -> None:
    result = run_cli(["run"], "/start\n1\n1\n6825\n/idee\n", tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "console" in out
    assert "  1. Nederlands\n  2. English" in out
    assert "Fijn, Presikhaaf dus!" in out
    assert "in je eigen woorden" in out
    assert (tmp_path / "data" / "wijkgids.sqlite3").exists()


def test_chat_as_two_users_with_own_language(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'two.sqlite3'}"
    first = run_cli(["chat", "--user", "anna", "--db", db], "/start\n2\n", tmp_path)
    second = run_cli(["chat", "--user", "bob", "--db", db], "/start\n1\n", tmp_path)
    again = run_cli(["chat", "--user", "anna", "--db", db], "1\n", tmp_path)
    assert "Is that okay?" in first.stdout
    assert "Is dat goed?" in second.stdout
    assert "Which neighbourhood" in again.stdout, "anna continues in English at the next step"


def test_content_check_names_file_entry_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", broken)
    path = broken / "contacts" / "arnhem.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("role: welzijn", "role: welzijnswerk", 1),
                    encoding="utf-8")
    assert main(["content", "check", "--content", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "contacts/arnhem.yaml" in err and "(id 'welzijn-arnhem')" in err and "field 'role'" in err
    assert main(["content", "check"]) == 0


def test_broken_content_stops_start_up_with_a_clear_message(tmp_path: Path) -> None:
    broken = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", broken)
    (broken / "wijken" / "de-nude.yaml").write_text("id: de-nude\nname: [unclosed\n", encoding="utf-8")
    result = run_cli(["chat", "--content", str(broken)], "/start\n", tmp_path)
    assert result.returncode == 2
    assert "wijken/de-nude.yaml" in result.stderr and "YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_database_is_a_clear_message_without_password(tmp_path: Path) -> None:
    result = run_cli(["chat", "--db", "postgresql://wijkgids:geheim@127.0.0.1:1/none"], "/start\n", tmp_path)
    assert result.returncode == 3
    assert "Cannot reach the database" in result.stderr and "geheim" not in result.stderr
    assert "Traceback" not in result.stderr


def test_tokens_never_reach_logs_or_reprs(caplog: pytest.LogCaptureFixture) -> None:
    token = "123456:SECRET-TOKEN-abc"
    settings = Settings(telegram_token=token)  # type: ignore[arg-type]
    assert token not in repr(settings) and token not in str(settings.model_dump())
    record = logging.LogRecord("httpx", logging.INFO, __file__, 1, "POST https://api.telegram.org/bot%s/getMe",
                               (token,), None)
    RedactSecrets([token]).filter(record)
    assert token not in record.getMessage() and "<redacted>" in record.getMessage()


async def test_contact_code_links_a_contact_person(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                   content, clock) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import make_app
    from tests.support import onboard

    url = f"sqlite:///{tmp_path / 'link.sqlite3'}"
    assert main(["contact", "code", "welzijn-arnhem", "--db", url]) == 0
    code = capsys.readouterr().out.split("/koppel ")[1].strip()
    app = make_app(url, content, clock)
    chat = await onboard(app, "opbouwwerker")
    await chat.send(f"/koppel {code}")
    assert "Gekoppeld" in chat.text
    await chat.send(f"/koppel {code}")
    assert "al gebruikt" in chat.text, "single use"
    assert main(["contact", "list", "--db", url]) == 0
    assert any(line.startswith("welzijn-arnhem") and "linked" in line for line in capsys.readouterr().out.splitlines())
    assert main(["contact", "code", "nobody", "--db", url]) == 2


async def test_message_text_is_not_logged_by_default(app: App, caplog: pytest.LogCaptureFixture) -> None:
    from tests.support import onboard

    caplog.set_level(logging.DEBUG)
    chat = await onboard(app, "anna")
    await chat.send("Mijn geheime plan voor de buurt")
    assert "geheime plan" not in caplog.text


def test_run_on_the_console_also_serves_the_web_pages_when_configured(tmp_path: Path) -> None:
    """A maintainer trying e-mail links or the dashboard locally, without a chat token, still gets the web pages."""
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WIJKGIDS_")}
    environment.update({"WIJKGIDS_DATA_DIR": str(tmp_path / "data"), "WIJKGIDS_WEB_PORT": str(port),
                        "WIJKGIDS_WEB_BASE_URL": f"http://127.0.0.1:{port}"})
    process = subprocess.Popen([*WIJKGIDS, "run"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=environment)
    try:
        deadline, status = time.monotonic() + 30, None
        while time.monotonic() < deadline and status is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                    status = response.status
            except OSError:
                time.sleep(0.2)
        assert status == 200
        out, err = process.communicate("/start\n", timeout=30)
    finally:
        process.kill()
    assert process.returncode == 0, err
    assert "Nederlands" in out
