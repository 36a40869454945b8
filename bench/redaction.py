"""Redaction (bot/understanding/redact.py) on labelled texts: recall of personal details, false positives.

Usage: python bench/redaction.py [FILE ...] [--quick] [--misses]
(default FILE: tests/data/redaction.yaml. tests/data/redaction-holdout.yaml is held out: it is for the lead,
run once at the end, never tuned on; pass it as FILE to run it. redaction-fresh.yaml, redaction-fresh2.yaml and
redaction-blind.yaml, redaction-fresh3.yaml, redaction-fresh4.yaml and redaction-fresh5.yaml (nl en tr ar pl uk) were
each run once untuned to estimate generalisation, and tuned on afterwards; their first figures are in the commits
that added or first ran them.)

Each item is a text and the spans in it that must not survive (`pii`, with a kind), or `pii: []` for a text
that must come out unchanged. A span is caught when every letter and digit of it falls inside what
`redact.spans()` finds (the parts `redact()` replaces with "[…]"), so a half-masked phone number counts as
missed. Recall: caught spans / all spans, per kind and overall. False-positive rate: texts without personal
details that redaction changed at all / all such texts. Over-redaction: letters and digits masked outside
the labelled spans in texts with personal details, as a share of those texts' letters and digits. Speed:
ms per text. --misses prints every missed span and every changed clean text. The last line is one JSON
object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.infra import yamlfile
from bot.understanding.redact import redact, spans

DEV = ROOT / "tests" / "data" / "redaction.yaml"


def covered(text: str, start: int, end: int, found: list[tuple[int, int]]) -> bool:
    return all(any(a <= i < b for a, b in found) for i in range(start, end) if text[i].isalnum())


def measure(items: list[dict[str, Any]], *, misses: bool) -> dict[str, Any]:
    total: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    clean = changed = 0
    over = alnum = 0
    elapsed = 0.0
    for item in items:
        text = item["text"]
        started = time.perf_counter()
        found = spans(text)
        out = redact(text)
        elapsed += time.perf_counter() - started
        if not item["pii"]:
            clean += 1
            if out != text:
                changed += 1
                if misses:
                    print(f"  changed: {text!r} -> {out!r}")
            continue
        labelled: list[tuple[int, int]] = []
        for pii in item["pii"]:
            start = text.find(pii["span"])
            assert start >= 0, f"span not in text: {pii['span']!r} in {text!r}"
            labelled.append((start, start + len(pii["span"])))
            total[pii["kind"]] += 1
            if covered(text, start, start + len(pii["span"]), found):
                caught[pii["kind"]] += 1
            elif misses:
                print(f"  missed {pii['kind']}: {pii['span']!r} in {text!r} -> {out!r}")
        for i, ch in enumerate(text):
            if ch.isalnum():
                alnum += 1
                if any(a <= i < b for a, b in found) and not any(a <= i < b for a, b in labelled):
                    over += 1
    spans_total = sum(total.values())
    return {
        "texts": len(items), "spans": spans_total, "clean_texts": clean,
        "recall": round(sum(caught.values()) / spans_total, 3) if spans_total else None,
        "false_positive_rate": round(changed / clean, 3) if clean else None,
        "over_redaction": round(over / alnum, 3) if alnum else None,
        "recall_by_kind": {k: round(caught[k] / n, 3) for k, n in sorted(total.items())},
        "ms_per_text": round(1000 * elapsed / max(1, len(items)), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, default=[DEV])
    parser.add_argument("--quick", action="store_true", help="the first 40 texts of each file")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    result: dict[str, Any] = {}
    for path in args.files:
        items = yamlfile.load(path.read_text(encoding="utf-8"))["items"]
        if args.quick:
            items = items[:20] + items[-20:]
        print(path.name)
        figures = measure(items, misses=args.misses)
        for key, value in figures.items():
            print(f"  {key}: {value}")
        result[path.stem] = figures
    print(json.dumps(result if len(result) > 1 else next(iter(result.values())), ensure_ascii=False))


if __name__ == "__main__":
    main()
