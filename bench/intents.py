"""Precision and recall per intent on the labelled set (tests/data/intents.yaml), whole set and unseen part.

Prints a table per part and ends with ONE JSON line. `--why` also prints every miss of the tuning part
with its reasons (never those of the unseen part).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.infra import yamlfile
from bot.understanding.intents import IDEA, REPORT, classify

SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "intents.yaml"


def figures(rows: list[dict[str, object]], *, why: bool) -> dict[str, object]:
    labels = sorted({str(r["intent"]) for r in rows})
    predicted = [(str(r["intent"]), classify(str(r["text"]))) for r in rows]
    per_intent: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for want, got in predicted if want == label and got.intent == label)
        fp = sum(1 for want, got in predicted if want != label and got.intent == label)
        fn = sum(1 for want, got in predicted if want == label and got.intent != label)
        per_intent[label] = {"precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
                             "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0, "n": tp + fn}
        print(f"  {label:<11} precision {per_intent[label]['precision']:.3f}  "
              f"recall {per_intent[label]['recall']:.3f}  n={tp + fn}")
    if why:
        for (want, got), row in zip(predicted, rows, strict=True):
            if want != got.intent and not row.get("unseen"):
                print(f"  MISS want {want}: {row['text']!r} -> {got.explain()}")
    ideas_as_reports = sum(1 for want, got in predicted if want == IDEA and got.intent == REPORT)
    correct = sum(1 for want, got in predicted if want == got.intent)
    return {"n": len(rows), "accuracy": round(correct / len(rows), 3), "ideas_taken_for_reports": ideas_as_reports,
            "report_recall": per_intent.get(REPORT, {}).get("recall", 1.0), "per_intent": per_intent}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--why", action="store_true")
    parser.add_argument("--quick", action="store_true", help="the first 40 texts: the test suite's check that it runs")
    args = parser.parse_args()
    rows = yamlfile.load(SET.read_text(encoding="utf-8"))["texts"]
    if args.quick:
        rows = rows[:20] + [row for row in rows if row.get("unseen")][:20]
    why = args.why
    print(f"whole set ({len(rows)} texts)")
    whole = figures(rows, why=why)
    unseen_rows = [r for r in rows if r.get("unseen")]
    print(f"unseen part ({len(unseen_rows)} texts, not used while tuning)")
    unseen = figures(unseen_rows, why=False)
    print(json.dumps({"bench": "intents", "whole": whole, "unseen": unseen}))


if __name__ == "__main__":
    main()
