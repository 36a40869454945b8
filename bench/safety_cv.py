"""How well the safety check's second line generalises: leave-one-batch-out cross-validation.

For every development batch (bench/safety_model.py LABELLED): fit the model on the other batches, the written
examples (content/safety/examples.yaml) and the calm text, then read the left-out batch with the model alone and
with the rules and the model together, at several thresholds. The rules were tuned on every batch, so
"rules + model" is optimistic on the rules' side; the model's own figures on a batch it never saw are the honest
part. Pick the threshold where the model adds recall without
adding more than about one false alarm in a hundred calm texts.

    python bench/safety_cv.py                       all batches, thresholds 0.8 0.9 0.95 0.98
    python bench/safety_cv.py --threshold 0.95      one threshold
    python bench/safety_cv.py --quick               two batches, little calm text (the test suite's check)

Ends with ONE JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from safety_model import CONTENT, LABELLED, calm_text, labelled, written

from bot.understanding import safety, safety_model


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, action="append", default=[])
    parser.add_argument("--quick", action="store_true", help="two small batches, one threshold (the suite's check)")
    args = parser.parse_args()
    thresholds = args.threshold or ([0.95] if args.quick else [0.8, 0.9, 0.95, 0.98])
    signals = safety.load_signals(CONTENT)
    names = LABELLED[3:5] if args.quick else LABELLED
    batches = {name: labelled(name) for name in names}
    cache: dict[str, set[str]] = {}

    def read(text: str) -> set[str]:
        if text not in cache:
            cache[text] = safety.features(text, signals)
        return cache[text]

    calm = [(read(t), label) for t, label, _s in written() + calm_text()[::20 if args.quick else 1]]
    rules = {t: safety.detect(t, signals, second_line=False) is not None for b in batches.values() for t, *_ in b}
    totals: dict[float, dict[str, int]] = {th: dict.fromkeys(("tp", "pos", "fp", "neg", "both_tp", "both_fp"), 0)
                                           for th in thresholds}
    report: dict[str, object] = {"bench": "safety_cv", "batches": {}}
    for held in names:
        train = [(read(t), label) for name, items in batches.items() if name != held for t, label, _s in items]
        model = safety_model.fit(train + calm, 0.9)
        scores = [(model.probability(read(t)), label != safety_model.CALM, rules[t]) for t, label, _s in batches[held]]
        figures = {}
        for th in thresholds:
            tp = sum(1 for p, crisis, _r in scores if crisis and p >= th)
            fp = sum(1 for p, crisis, _r in scores if not crisis and p >= th)
            both_tp = sum(1 for p, crisis, r in scores if crisis and (r or p >= th))
            both_fp = sum(1 for p, crisis, r in scores if not crisis and (r or p >= th))
            pos = sum(1 for _p, crisis, _r in scores if crisis)
            neg = len(scores) - pos
            for key, value in (("tp", tp), ("pos", pos), ("fp", fp), ("neg", neg), ("both_tp", both_tp),
                               ("both_fp", both_fp)):
                totals[th][key] += value
            figures[str(th)] = {"model_recall": round(tp / max(pos, 1), 3),
                                "model_false_alarms": round(fp / max(neg, 1), 3),
                                "with_rules_recall": round(both_tp / max(pos, 1), 3),
                                "with_rules_false_alarms": round(both_fp / max(neg, 1), 3)}
            print(f"{held:<30} th {th}: model recall {tp / max(pos, 1):.3f} false alarms {fp / max(neg, 1):.3f}"
                  f" | rules+model recall {both_tp / max(pos, 1):.3f} false alarms {both_fp / max(neg, 1):.3f}")
        report["batches"][held] = figures  # type: ignore[index]
    report["all"] = {str(th): {"model_recall": round(t["tp"] / t["pos"], 3),
                               "model_false_alarms": round(t["fp"] / t["neg"], 3)} for th, t in totals.items()}
    for th, t in totals.items():
        print(f"ALL th {th}: model alone on unseen batches: recall {t['tp'] / t['pos']:.3f}, "
              f"false alarms {t['fp'] / t['neg']:.3f}")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
