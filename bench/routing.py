"""Router accuracy and speed on a case file.

Usage: python bench/routing.py [--cases FILE ...] [--half even|odd] [--quick]
(default cases: ../shared/eval/routing-dev.yaml, else tests/data/routing-cases.yaml)
--half picks every other case (0-based even or odd positions): tuning looked at one half only.
A case passes top-1 when the first suggestion has one of the `expect` roles and serves the wijk;
top-3 when one of the first three does. Misses are listed; the last line is
{"cases", "top1", "top3", "ms_per_route"}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.infra import yamlfile
from bot.infra.config import Settings
from bot.infra.content import load_content
from bot.understanding.routing import route


def main() -> None:
    parser = argparse.ArgumentParser()
    shared = ROOT.parent / "shared" / "eval" / "routing-dev.yaml"  # beside the checkout on the team's machines
    parser.add_argument("--cases", type=Path, nargs="+",
                        default=[shared if shared.exists() else ROOT / "tests" / "data" / "routing-cases.yaml"])
    parser.add_argument("--half", choices=("even", "odd"))
    parser.add_argument("--quiet", action="store_true")
    parser.add_argument("--content", type=Path, default=Settings().content_dir)
    parser.add_argument("--quick", action="store_true", help="a tiny size: the test suite's check that it runs")
    args = parser.parse_args()
    content = load_content(args.content)
    cases = [case for path in args.cases for case in yamlfile.load(path.read_text(encoding="utf-8"))["cases"]]
    if args.half:
        cases = cases[args.half == "odd"::2]
    route(content, wijk_id=cases[0]["wijk"], text="warm up")  # builds the vocabulary and example index once
    top1 = top3 = 0
    elapsed = 0.0
    by_lang: dict[str, list[int]] = {}
    for case in cases:
        started = time.perf_counter()
        ranked = route(content, wijk_id=case["wijk"], text=case["text"], themes=case.get("themes", []),
                       needs=case.get("needs", []))
        elapsed += time.perf_counter() - started
        hits = [s.contact.role in case["expect"] and content.serves(s.contact, case["wijk"]) for s in ranked[:3]]
        top1 += bool(hits[:1] and hits[0])
        top3 += any(hits)
        if "lang" in case:
            counts = by_lang.setdefault(case["lang"], [0, 0])
            counts[0] += bool(hits[:1] and hits[0])
            counts[1] += 1
        if not (hits and hits[0]) and not args.quiet:
            got = ", ".join(f"{s.contact.role}({s.score})" for s in ranked[:3])
            print(f"MISS [{case['wijk']}] {case['text']!r} expect {case['expect']} got {got}")
    n = len(cases)
    print(json.dumps({"cases": n, "top1": round(top1 / n, 3), "top3": round(top3 / n, 3),
                      "ms_per_route": round(elapsed / n * 1000, 3),
                      **({"top1_by_language": {lang: round(hit / total, 3) for lang, (hit, total) in by_lang.items()}}
                         if by_lang else {})}))


if __name__ == "__main__":
    main()
