"""The WhatsApp pieces on their own: signatures, parsing, rendering within WhatsApp's limits, templates, the
window, the tier and the broadcast forecast."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session

from bot.core.app import App
from bot.core.events import Choice, Kind, Reply
from bot.infra.config import PROJECT_ROOT, Settings
from bot.infra.crud import whatsapp as whatsapp_crud
from bot.infra.i18n import use_locale
from bot.infra.models import User, WhatsAppContact
from bot.services.whatsapp.forecast import describe, forecast
from bot.services.whatsapp.templates import (
    TemplateError,
    definitions,
    flattened,
    for_kind,
    load_templates,
    template_text,
)
from bot.services.whatsapp.window import is_open
from bot.transports.whatsapp_api import GraphError, NoMarketing, WindowClosed, error_for
from bot.transports.whatsapp_render import bodies
from bot.transports.whatsapp_webhook import InboundMessage, handshake, parse, sign, signature_valid, to_incoming

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
DAY = timedelta(hours=24)


def test_signature_is_hmac_sha256_of_the_raw_body() -> None:
    body = b'{"object":"whatsapp_business_account"}'
    good = sign("geheim", body)
    assert good.startswith("sha256=") and signature_valid("geheim", body, good)
    assert not signature_valid("ander geheim", body, good)
    assert not signature_valid("geheim", body + b" ", good)
    assert not signature_valid("geheim", body, None) and not signature_valid("geheim", body, good[7:])


def test_handshake_echoes_the_challenge_only_for_our_token() -> None:
    params = {"hub.mode": "subscribe", "hub.verify_token": "tok", "hub.challenge": "42"}
    assert handshake(params, "tok") == "42"
    assert handshake(params | {"hub.verify_token": "tak"}, "tok") is None
    assert handshake(params | {"hub.mode": "unsubscribe"}, "tok") is None


def _delivery(*messages: dict[str, object], phone: str = "1000", statuses: tuple[dict[str, object], ...] = ()
              ) -> dict[str, object]:
    value = {"metadata": {"phone_number_id": phone}, "contacts": [{"wa_id": "316", "profile": {"name": "Anna"}}],
             "messages": list(messages), "statuses": list(statuses)}
    return {"object": "whatsapp_business_account", "entry": [{"changes": [{"field": "messages", "value": value}]}]}


def _incoming(message: dict[str, object]):  # type: ignore[no-untyped-def]
    [parsed], _ = parse(_delivery(message), phone_number_id="1000")
    return to_incoming(parsed)


def test_parsing_messages_into_neutral_events() -> None:
    text = _incoming({"from": "316", "id": "w1", "timestamp": "1764000000", "type": "text",
                      "text": {"body": "/idee"}, "context": {"id": "wamid.BOT"}})
    assert text is not None and (text.kind, text.command, text.reply_to, text.event_id) == (
        Kind.COMMAND, "idee", "wamid.BOT", "w1")
    button = _incoming({"from": "316", "id": "w2", "type": "interactive",
                        "interactive": {"type": "button_reply", "button_reply": {"id": "a:b:c", "title": "Ja"}}})
    assert button is not None and (button.kind, button.choice) == (Kind.CHOICE, "a:b:c")
    row = _incoming({"from": "316", "id": "w3", "type": "interactive",
                     "interactive": {"type": "list_reply", "list_reply": {"id": "x:y:z", "title": "Rij"}}})
    assert row is not None and row.choice == "x:y:z"
    photo = _incoming({"from": "316", "id": "w4", "type": "image", "image": {"id": "M1", "caption": "flyer"}})
    assert photo is not None and (photo.kind, photo.photo, photo.text) == (Kind.PHOTO, "M1", "flyer")
    voice = _incoming({"from": "316", "id": "w5", "type": "audio", "audio": {"id": "A", "voice": True}})
    assert voice is not None and (voice.kind, voice.media) == (Kind.UNSUPPORTED, "voice")
    for kind, media in (("location", "location"), ("sticker", "sticker"), ("contacts", "contact"),
                        ("video", "video"), ("something_new", "other")):
        event = _incoming({"from": "316", "id": "w6", "type": kind, kind: {}})
        assert event is not None and (event.kind, event.media) == (Kind.UNSUPPORTED, media)
    assert _incoming({"from": "316", "id": "w7", "type": "reaction", "reaction": {"emoji": "👍"}}) is None
    template_button = _incoming({"from": "316", "id": "w8", "type": "button",
                                 "button": {"text": "Gaat goed", "payload": "x"}})
    assert template_button is not None and template_button.text == "Gaat goed"


def test_parsing_skips_other_numbers_and_junk_and_reads_statuses() -> None:
    message = {"from": "316", "id": "w1", "type": "text", "text": {"body": "hoi"}}
    assert parse(_delivery(message, phone="999"), phone_number_id="1000") == ([], [])
    assert parse({"object": "page"}, phone_number_id="1000") == ([], [])
    assert parse([1, 2], phone_number_id="1000") == ([], [])
    assert parse(_delivery({"id": "no sender", "type": "text"}), phone_number_id="1000") == ([], [])
    _, [status] = parse(_delivery(statuses=({"id": "wamid.1", "status": "failed",
                                              "errors": [{"code": 131000, "title": "Something went wrong"}]},)),
                        phone_number_id="1000")
    assert (status.wamid, status.status, status.error_code) == ("wamid.1", "failed", 131000)
    [parsed], _ = parse(_delivery({**message, "timestamp": "1764000000"}), phone_number_id="1000")
    assert parsed.name == "Anna" and parsed.sent_at == datetime.fromtimestamp(1764000000, tz=UTC)


def test_choices_render_as_buttons_a_list_or_numbered_text() -> None:
    [buttons] = bodies(Reply("Is dat goed?", (Choice("a", "Ja, dat is goed"), Choice("b", "Nee"))))
    assert buttons["interactive"]["type"] == "button"
    assert [b["reply"]["title"] for b in buttons["interactive"]["action"]["buttons"]] == ["Ja, dat is goed", "Nee"]
    long_labels = tuple(Choice(f"c{n}", f"Een heel lange keuze nummer {n} met uitleg") for n in range(4))
    [listing] = bodies(Reply("Kies", long_labels))
    rows = listing["interactive"]["action"]["sections"][0]["rows"]
    assert listing["interactive"]["type"] == "list" and all(len(r["title"]) <= 24 for r in rows)
    assert rows[0]["description"] == "Een heel lange keuze nummer 0 met uitleg", "nothing of the label is lost"
    [numbered] = bodies(Reply("Welke?", tuple(Choice(f"c{n}", f"Keuze {n}") for n in range(11)), first_number=4))
    assert numbered["type"] == "text" and "4. Keuze 0" in numbered["text"]["body"]
    parts = bodies(Reply("x" * 1500, (Choice("a", "Ja"),)))
    assert [p["type"] for p in parts] == ["text", "interactive"], "a long text first, then the buttons"
    assert all(len(p["text"]["body"]) <= 4096 for p in bodies(Reply("woord " * 2000)))


def test_template_parameters_are_one_line_with_the_options_numbered() -> None:
    assert flattened("Hoi!\n\n  Hoe   gaat het?\tGoed") == "Hoi! · Hoe gaat het? Goed"
    text = template_text(Reply("Hoe gaat het met je idee?\nVertel!", (Choice("!c:1", "Goed"), Choice("!c:2", "Mwah"))),
                         200)
    assert text == "Hoe gaat het met je idee? · Vertel! · 1. Goed 2. Mwah"
    assert len(template_text(Reply("lang " * 500), 100)) <= 100


def test_templates_cover_the_bot_initiated_kinds_in_every_language(app: App) -> None:
    templates = load_templates(PROJECT_ROOT / "content")
    for kind in ("checkin", "reminder", "handover_accepted", "help_request", "broadcast"):
        assert for_kind(templates, kind) is not None, kind
    assert for_kind(templates, "aanjager_welcome") is None, "waits for the resident's next message"
    news_photo = for_kind(templates, "broadcast", photo=True)
    assert news_photo is not None and news_photo.photo
    rows = definitions(templates)
    assert {(r["name"], r["language"]) for r in rows} >= {("wijkgids_news", "nl"), ("wijkgids_news", "en")}
    for row in rows:
        body = next(c for c in row["components"] if c["type"] == "BODY")
        assert body["text"].count("{{1}}") == 1 and not body["text"].strip().endswith("{{1}}")
        assert row["category"] in ("UTILITY", "MARKETING") and len(body["text"]) < 1024
    with use_locale("nl"):
        sent = for_kind(templates, "broadcast")
        assert sent is not None
        body = sent.send_body("nl", Reply("Nieuws!\nFeest zaterdag"))
    assert body["template"]["language"]["code"] == "nl"
    assert body["template"]["components"][0]["parameters"][0]["text"] == "Nieuws! · Feest zaterdag"
    assert "/stop" in sent.text("nl", "x")


@pytest.mark.parametrize(("yaml_text", "problem"), [
    ("templates: {Bad-Name: {category: utility, kinds: [checkin], body: 'a {message} b', example: x}}", "name"),
    ("templates: {t: {category: service, kinds: [checkin], body: 'a {message} b', example: x}}", "category"),
    ("templates: {t: {category: utility, kinds: [checkin], body: '{message} at the start', example: x}}", "start"),
    ("templates: {t: {category: utility, kinds: [checkin], body: 'no parameter', example: x}}", "exactly once"),
    ("templates: {t: {category: utility, kinds: [checkin], body: 'a {message} {who}', example: x}}", "placeholder"),
])
def test_template_mistakes_are_found_at_start_up(tmp_path: Path, yaml_text: str, problem: str) -> None:
    (tmp_path / "whatsapp_templates.yaml").write_text(yaml_text, encoding="utf-8")
    with pytest.raises(TemplateError, match=problem):
        load_templates(tmp_path)


def test_the_window_and_error_codes() -> None:
    assert is_open(NOW - timedelta(hours=23), NOW)
    assert not is_open(NOW - timedelta(hours=23, minutes=58), NOW), "its last minutes: a template is safer"
    assert not is_open(None, NOW)
    throughput, pair = error_for(130429, 400, ""), error_for(131056, 400, "")
    assert getattr(throughput, "chat_only", None) is False and getattr(pair, "chat_only", None) is True
    assert isinstance(error_for(131047, 400, ""), WindowClosed)
    assert isinstance(error_for(131050, 400, ""), NoMarketing)
    assert isinstance(error_for(132001, 400, "no template"), GraphError)


def _users(app: App, count: int) -> list[int]:
    with Session(app.engine) as session:
        users = [User(transport="whatsapp", external_id=str(n), chat_id=str(n), created_at=NOW, last_seen_at=NOW)
                 for n in range(count)]
        session.add_all(users)
        session.commit()
        return [u.id for u in users if u.id is not None]


def test_the_tier_is_never_exceeded_and_frees_up_after_24_hours(app: App) -> None:
    ids = _users(app, 4)
    with Session(app.engine) as session:
        taken = [whatsapp_crud.take_start(session, user_id=i, tier=3, now=NOW + timedelta(minutes=n), window=DAY)
                 for n, i in enumerate(ids[:3])]
        assert taken == [None, None, None]
        assert whatsapp_crud.take_start(session, user_id=ids[0], tier=3, now=NOW, window=DAY) is None, "counted"
        assert whatsapp_crud.take_start(session, user_id=ids[3], tier=3, now=NOW, window=DAY) == NOW + DAY
        later = NOW + timedelta(hours=24, seconds=1)
        assert whatsapp_crud.take_start(session, user_id=ids[3], tier=3, now=later, window=DAY) is None
        session.commit()
        assert whatsapp_crud.starts_since(session, since=later - timedelta(hours=24)) == 3


def test_forecast_spreads_over_days_and_prices_by_category() -> None:
    contacts = {1: WhatsAppContact(user_id=1, last_inbound_at=NOW - timedelta(hours=2)),
                2: WhatsAppContact(user_id=2, no_marketing=True)}
    result = forecast(user_ids=list(range(1, 5001)), contacts=contacts, now=NOW, tier=2000, used=500,
                      category="marketing", prices={"marketing": 0.16, "service": 0.01}, currency="EUR")
    assert (result.in_window, result.waiting, result.templated) == (1, 1, 4998)
    assert (result.today, result.days) == (1500, 3), "1,500 today, then 2,000 a day"
    assert result.cost == pytest.approx(4998 * 0.16 + 0.01)
    with use_locale("nl"):
        text = describe(result)
    assert "5.000" in text and "1.500" in text and "2 dagen" in text and "€" in text
    unlimited = forecast(user_ids=[1, 3], contacts=contacts, now=NOW, tier=0, used=10**6, category="utility",
                         prices={}, currency="EUR")
    assert (unlimited.days, unlimited.cost) == (1, None)


def test_nothing_changes_without_whatsapp_settings() -> None:
    assert not Settings().has_whatsapp
    assert not Settings(whatsapp_phone_number_id="1", whatsapp_access_token="t",  # type: ignore[arg-type]
                        whatsapp_app_secret="s").has_whatsapp
    with pytest.raises(ValueError, match="whatsapp_tier"):
        Settings(whatsapp_tier=500)


def test_the_cli_prints_templates_as_meta_takes_them(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    assert main(["whatsapp", "templates", "--locale", "nl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(row["language"] == "nl" for row in rows)
    assert {"name", "language", "category", "components"} <= set(rows[0])


def test_inbound_message_dataclass_keeps_the_name() -> None:
    message = InboundMessage("w", "316", {"type": "text", "text": {"body": "hoi"}}, "Anna")
    incoming = to_incoming(message)
    assert incoming is not None and incoming.display_name == "Anna" and incoming.chat_id == "316"
