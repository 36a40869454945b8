"""The router: accuracy on case files, explainable reasons, only contacts serving the wijk, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.config import PROJECT_ROOT
from bot.content import Content
from bot.i18n import use_locale
from bot.routing import looks_like_report, route

DEV_CASES = PROJECT_ROOT.parent / "shared" / "eval" / "routing-dev.yaml"
OWN_CASES = PROJECT_ROOT / "tests" / "data" / "routing-cases.yaml"
BLIND_CASES = PROJECT_ROOT / "tests" / "data" / "routing-blind.yaml"


def accuracy(content: Content, path: Path) -> tuple[float, float, list[str]]:
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    top1 = top3 = 0
    misses = []
    for case in cases:
        ranked = route(content, wijk_id=case["wijk"], text=case["text"], needs=case.get("needs", []),
                       themes=case.get("themes", []))[:3]
        hits = [s.contact.role in case["expect"] and content.serves(s.contact, case["wijk"]) for s in ranked]
        top1 += hits[0]
        top3 += any(hits)
        if not hits[0]:
            misses.append(case["text"])
    return top1 / len(cases), top3 / len(cases), misses


@pytest.mark.parametrize("path", [OWN_CASES, BLIND_CASES, DEV_CASES], ids=["own", "blind", "dev"])
def test_router_accuracy(content: Content, path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    top1, top3, misses = accuracy(content, path)
    assert top1 >= 0.9, misses
    assert top3 >= 0.98, misses


def test_only_contacts_serving_the_wijk(content: Content) -> None:
    for wijk in content.wijken:
        for suggestion in route(content, wijk_id=wijk, text="ik wil een moestuin en heb geld nodig", needs=["geld"]):
            assert content.serves(suggestion.contact, wijk)


def test_deterministic_and_explained_in_both_languages(content: Content) -> None:
    first = route(content, wijk_id="de-nude", text="Een moestuin bij de school", needs=["ruimte", "handen"])
    again = route(content, wijk_id="de-nude", text="Een moestuin bij de school", needs=["ruimte", "handen"])
    assert [s.contact.id for s in first] == [s.contact.id for s in again]
    top = route(content, wijk_id="de-nude", text="Een moestuin bij de school")[0]
    assert top.contact.role == "natuur"
    with use_locale("nl"):
        assert "helpt met moestuin" in top.why()
    with use_locale("en"):
        assert "helps with moestuin" in top.why()
    aanjager = next(s for s in first if s.contact.role == "aanjager")
    with use_locale("nl"):
        assert "kan helpen met: een plek, helpende handen" in aanjager.why()


@pytest.mark.parametrize(("text", "report"), [
    ("Er staat een kapotte fiets tegen het hek", True),
    ("De lantaarnpaal doet het niet", True),
    ("Er ligt zwerfvuil in de berm", True),
    ("We willen een opruimactie organiseren in het park", False),
    ("Een moestuin beginnen", False),
    ("Onafhankelijk advies over ons bewonersinitiatief", False),
])
def test_report_detection(text: str, report: bool) -> None:
    assert looks_like_report(text) is report


def test_route_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["route", "--wijk", "presikhaaf", "--text", "We want to close the street for a party",
                 "--need", "vergunning", "--json", "--locale", "en"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["role"] == "gebiedsteam"
    assert set(rows[0]) >= {"id", "role", "name", "organisation", "areas", "score", "why"}
    assert rows[0]["areas"] == ["presikhaaf"]
    assert "permits" in rows[0]["why"]
    natuur = next(r for r in rows if r["role"] == "natuur")
    assert natuur["areas"] == [], "serves every wijk"
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert main(["route", "--wijk", "nergens", "--text", "x"]) == 2
