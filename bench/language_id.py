"""The language identifier on labelled short chat texts: accuracy, "not sure", confusions, speed, memory.

Usage: python bench/language_id.py [FILE ...] [--holdout] [--quick] [--misses] [--sweep]
(default FILE: tests/data/language-id.yaml; --holdout adds tests/data/language-id-holdout.yaml, which is
never tuned on: run it once, at the end, and report what it says. Other labelled chat files, such as
tests/data/dialogue-acts.yaml, dialogue-acts-languages.yaml and routing-languages.yaml, written for other
benches and never used to build the identifier, give a larger independent check.)

Per file: accuracy on short texts (<= 5 words) per language and overall, on long texts, on Arabizi; the
"not sure" rate and the wrong rate (sure and wrong); the share of the `ambiguous` list that comes back
"not sure"; with a prior: how often a short text switches from another language to its own, and how
often to a wrong one; the confusion pairs. Then load time, RSS growth when loaded and ms per text. The last
line is one JSON object with all of it.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.infra import yamlfile
from bot.understanding import language_id
from bot.understanding.language_id import LANGUAGES, SWITCH, THRESHOLD, identify

DEV = ROOT / "tests" / "data" / "language-id.yaml"
HOLDOUT = ROOT / "tests" / "data" / "language-id-holdout.yaml"


def rss_mb() -> float:
    """Resident set size now (Linux /proc), else the peak so far."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * resource.getpagesize() / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rate(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def measure(items: list[dict[str, Any]], ambiguous: list[dict[str, Any]], *, misses: bool,
            sweep: bool) -> tuple[dict[str, Any], float, int]:
    elapsed, count = 0.0, 0
    rows = []
    for item in items:
        started = time.perf_counter()
        guess = identify(item["text"])
        elapsed += time.perf_counter() - started
        count += 1
        rows.append((item, guess))
        if misses and guess.language != item["lang"]:
            print(f"MISS {item['lang']} -> {guess.language} ({guess.candidate} {guess.confidence}) "
                  f"{item['text']!r}: {guess.why}")
    short = [(i, g) for i, g in rows if not i.get("long")]
    long = [(i, g) for i, g in rows if i.get("long")]
    arabizi = [(i, g) for i, g in rows if i.get("script") == "latin"]

    def right(pairs: list[tuple[dict[str, Any], language_id.Guess]]) -> float | None:
        return rate(sum(g.language == i["lang"] for i, g in pairs), len(pairs))

    unsure = [(i, g) for i, g in rows if g.language is None]
    wrong = [(i, g) for i, g in rows if g.language not in (None, i["lang"])]
    ambiguous_unsure = 0
    for item in ambiguous:
        started = time.perf_counter()
        guess = identify(item["text"])
        elapsed += time.perf_counter() - started
        count += 1
        ambiguous_unsure += guess.language is None
        if misses and guess.language is not None:
            print(f"AMBIGUOUS {item['text']!r} -> {guess.language} {guess.confidence}: {guess.why}")
    switched = switched_wrong = 0
    for item, _ in short:
        prior = "en" if item["lang"] == "nl" else "nl"
        after = identify(item["text"], prior=prior).language
        switched += after == item["lang"]
        switched_wrong += after not in (prior, item["lang"])
    kept_on_ambiguous = sum(identify(item["text"], prior=lang).language == lang
                            for item in ambiguous for lang in item["langs"])
    confusions = Counter(f"{i['lang']}->{g.language or 'not sure'}" for i, g in rows if g.language != i["lang"])
    result: dict[str, Any] = {
        "short": {"n": len(short), "accuracy": right(short),
                  "per_language": {code: right([(i, g) for i, g in short if i["lang"] == code]) for code in LANGUAGES},
                  "not_sure": rate(sum(g.language is None for _, g in short), len(short)),
                  "wrong": rate(sum(g.language not in (None, i["lang"]) for i, g in short), len(short))},
        "long": {"n": len(long), "accuracy": right(long),
                 "not_sure": rate(sum(g.language is None for _, g in long), len(long)),
                 "wrong": rate(sum(g.language not in (None, i["lang"]) for i, g in long), len(long))},
        "arabizi": {"n": len(arabizi), "accuracy": right(arabizi)},
        "not_sure": rate(len(unsure), len(rows)),
        "wrong": rate(len(wrong), len(rows)),
        "ambiguous": {"n": len(ambiguous), "not_sure": rate(ambiguous_unsure, len(ambiguous)),
                      "prior_kept": rate(kept_on_ambiguous, sum(len(item["langs"]) for item in ambiguous))},
        "short_with_other_prior": {"switched_right": rate(switched, len(short)),
                                   "switched_wrong": rate(switched_wrong, len(short))},
        "confusions": dict(confusions.most_common(8)),
    }
    if sweep:
        result["sweep"] = {}
        for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
            scored = [(i, g.candidate if g.confidence >= threshold else None) for i, g in short]
            result["sweep"][threshold] = {
                "right": rate(sum(c == i["lang"] for i, c in scored), len(scored)),
                "wrong": rate(sum(c not in (None, i["lang"]) for i, c in scored), len(scored)),
                "ambiguous_not_sure": rate(sum(identify(a["text"]).confidence < threshold for a in ambiguous),
                                           len(ambiguous))}
    return result, elapsed, count


def labelled(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Items and the ambiguous list of a language-id file; other labelled chat files (`items:` or `cases:` with
    `lang` and `text`, e.g. dialogue-acts.yaml) count as extra test texts: long above 5 words, Arabizi when an
    Arabic text has no Arabic letters."""
    data = yamlfile.load(path.read_text(encoding="utf-8"))
    if "ambiguous" in data:
        return data["items"], data["ambiguous"]
    items = []
    for case in data.get("items") or data.get("cases") or []:
        text = case["text"]
        item = {"lang": case["lang"], "text": text, "long": len(text.split()) > 5}
        if case["lang"] == "ar" and not any("\u0600" <= c <= "\u06ff" for c in text):
            item["script"] = "latin"
        items.append(item)
    return items, []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", type=Path, nargs="*", default=[DEV])
    parser.add_argument("--holdout", action="store_true", help="also the held-out set (never tune on it)")
    parser.add_argument("--quick", action="store_true", help="a tiny size: the test suite's check that it runs")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--sweep", action="store_true", help="short-text figures at other thresholds")
    args = parser.parse_args()
    files = [*args.files, *([HOLDOUT] if args.holdout else [])]

    before = rss_mb()
    started = time.perf_counter()
    language_id.model()
    load_s = time.perf_counter() - started
    rss_growth = rss_mb() - before

    report: dict[str, Any] = {"threshold": THRESHOLD, "switch": SWITCH, "load_s": round(load_s, 3),
                              "rss_growth_mb": round(rss_growth, 1), "files": {}}
    elapsed, count = 0.0, 0
    for path in files:
        items, ambiguous = labelled(path)
        if args.quick:
            items = [item for code in LANGUAGES for item in [i for i in items if i["lang"] == code][:3]]
            ambiguous = ambiguous[:3]
        figures, seconds, texts = measure(items, ambiguous, misses=args.misses, sweep=args.sweep)
        elapsed, count = elapsed + seconds, count + texts
        report["files"][path.stem] = figures
        short = figures["short"]
        print(f"{path.name}: short {short['accuracy']} (n={short['n']}, not sure {short['not_sure']}, "
              f"wrong {short['wrong']}) per language {short['per_language']}; long {figures['long']['accuracy']}; "
              f"Arabizi {figures['arabizi']['accuracy']}; ambiguous not sure {figures['ambiguous']['not_sure']}; "
              f"confusions {figures['confusions']}")
    report["ms_per_text"] = round(elapsed / max(count, 1) * 1000, 3)
    print(f"load {report['load_s']} s, RSS +{report['rss_growth_mb']} MB, {report['ms_per_text']} ms per text")
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
