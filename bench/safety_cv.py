"""How well the safety check's second line generalises: leave-one-batch-out cross-validation.

For every development batch (bench/safety_model.py LABELLED): fit the model on the other batches, the written
examples (content/safety/examples.yaml) and the calm text, then read the left-out batch with the model alone and
with the rules and the model together (the model as `safety.detect` uses it: CONTEXT_THRESHOLD where the rules
found scene-setting concepts only, silent where a model guard kept a rule from firing), at several thresholds.
The rules were tuned on every batch, so "rules + model" is optimistic on the rules' side; the model's own figures
on a batch it never saw are the honest part. The everyday calm text (script lines, intent and language sets,
content examples) is left out the same way, one fold per batch, so every everyday text is read once by a model that
never saw it: `everyday_false_alarms` is how often an ordinary message ("i live near 6708 i think") would get the
crisis reply. Recall is also given per language (`lang_recall`). Pick the threshold where the model adds recall
without adding more than about one false alarm in a hundred calm texts (batch and everyday).

    python bench/safety_cv.py                       all batches, thresholds 0.4 0.5 0.6 0.7 0.8
    python bench/safety_cv.py --threshold 0.5       one threshold
    python bench/safety_cv.py --quick               two batches, little calm text (the test suite's check)
    python bench/safety_cv.py --why                 also each held-out text read wrong at the first threshold
                                                    (a false alarm or a miss, by the rules or the unseen model)

Ends with ONE JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from safety_model import CONTENT, DATA, LABELLED, calm_text, labelled, written

from bot.infra import yamlfile
from bot.understanding import safety, safety_model


def scene_only(present: set[str]) -> bool:
    """Whether the rules found scene-setting concepts only (safety.CONTEXT_CONCEPTS): the second line then needs
    safety.CONTEXT_THRESHOLD, as in `safety.detect`."""
    concepts = {f[2:] for f in present if f.startswith("k:")}
    return bool(concepts) and not concepts - safety.CONTEXT_CONCEPTS


def alarm(probability: float, scene: bool, threshold: float, *, vetoed: bool = False) -> bool:
    """Whether the second line alarms as `safety.detect` would, at this threshold: never where a model guard kept a
    rule from firing (`vetoed`: "tabletki do zmywarki", a fire drill), else at its threshold, or the higher
    CONTEXT_THRESHOLD where the rules found scene-setting concepts only."""
    return not vetoed and probability >= (max(threshold, safety.CONTEXT_THRESHOLD) if scene else threshold)


def show_wrong(held: str, items: list[tuple[str, str, str]], scores: list[tuple[float, bool, bool, bool, bool]],
               languages: dict[str, str], threshold: float) -> None:
    """Each text of a held-out batch read wrong: a calm one that alarms (by the rules, or by the model that never
    saw the batch) or a crisis that does not."""
    for (text, _label, _source), (p, crisis, ruled, scene, vetoed) in zip(items, scores, strict=True):
        alarmed = ruled or alarm(p, scene, threshold, vetoed=vetoed)
        if alarmed != crisis:
            what = "MISS" if crisis else "FALSE ALARM"
            by = "rules" if ruled else f"model {p:.2f}"
            print(f"  {what:<11} {held} {languages.get(text, '?')} ({by}): {text}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, action="append", default=[])
    parser.add_argument("--quick", action="store_true", help="two small batches, one threshold (the suite's check)")
    parser.add_argument("--only", default="", help="leave out only the batches whose name contains this (e.g. "
                                                     "train10: one language's file at a time)")
    parser.add_argument("--why", action="store_true", help="list the held-out texts read wrong (first threshold)")
    args = parser.parse_args()
    thresholds = args.threshold or ([0.5] if args.quick else [0.4, 0.5, 0.6, 0.7, 0.8])
    signals = safety.load_signals(CONTENT)
    names = LABELLED[3:5] if args.quick else LABELLED
    batches = {name: labelled(name) for name in names}
    held_out = [name for name in names if args.only in name]
    cache: dict[str, set[str]] = {}

    def read(text: str) -> set[str]:
        if text not in cache:
            cache[text] = safety.features(text, signals)
        return cache[text]

    languages = {str(i["text"]): str(i.get("lang", "?")) for name in names
                 for i in yamlfile.load((DATA / name).read_text(encoding="utf-8"))["items"]}
    calm = [(read(t), label) for t, label, _s in written()]
    everyday_texts = [t for t, _label, _s in calm_text(20 if args.quick else 1)[::20 if args.quick else 1]]
    everyday = [read(t) for t in everyday_texts]
    everyday_vetoed = [not safety.second_line_may_decide(t, signals) for t in everyday_texts]
    rules = {t: safety.detect(t, signals, second_line=False) is not None for b in batches.values() for t, *_ in b}
    vetoed = {t: not safety.second_line_may_decide(t, signals) for b in batches.values() for t, *_ in b}
    totals: dict[float, dict[str, int]] = {th: dict.fromkeys(("tp", "pos", "fp", "neg", "both_tp", "both_fp"), 0)
                                           for th in thresholds}
    everyday_scores: list[tuple[float, bool, bool]] = []
    crisis_scores: list[tuple[str, float]] = []
    report: dict[str, object] = {"bench": "safety_cv", "batches": {}}
    for fold, held in enumerate(names):
        if held not in held_out:
            continue
        train = [(read(t), label) for name, items in batches.items() if name != held for t, label, _s in items]
        train += [(present, safety_model.CALM) for i, present in enumerate(everyday) if i % len(names) != fold]
        model = safety_model.fit(train + calm, 0.9)
        everyday_scores += [(model.probability(present), scene_only(present), everyday_vetoed[i])
                            for i, present in enumerate(everyday) if i % len(names) == fold]
        scores = [(model.probability(read(t)), label != safety_model.CALM, rules[t], scene_only(read(t)), vetoed[t])
                  for t, label, _s in batches[held]]
        crisis_scores += [(languages.get(t, "?"), model.probability(read(t))) for t, label, _s in batches[held]
                          if label != safety_model.CALM]
        if args.why:
            show_wrong(held, batches[held], scores, languages, thresholds[0])
        figures = {}
        for th in thresholds:
            tp = sum(1 for p, crisis, _r, _c, _v in scores if crisis and p >= th)
            fp = sum(1 for p, crisis, _r, _c, _v in scores if not crisis and p >= th)
            both_tp = sum(1 for p, crisis, r, scene, v in scores if crisis and (r or alarm(p, scene, th, vetoed=v)))
            both_fp = sum(1 for p, crisis, r, scene, v in scores if not crisis and (r or alarm(p, scene, th, vetoed=v)))
            pos = sum(1 for _p, crisis, _r, _c, _v in scores if crisis)
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
    codes = sorted({code for code, _p in crisis_scores})
    report["all"] = {str(th): {
        "model_recall": round(t["tp"] / t["pos"], 3), "model_false_alarms": round(t["fp"] / t["neg"], 3),
        "everyday_false_alarms": round(sum(alarm(p, scene, th, vetoed=v) for p, scene, v in everyday_scores)
                                       / max(len(everyday_scores), 1), 4),
        "lang_recall": {code: round(sum(p >= th for c, p in crisis_scores if c == code)
                                    / sum(1 for c, _p in crisis_scores if c == code), 3) for code in codes},
    } for th, t in totals.items()}
    for th, t in totals.items():
        figures = report["all"][str(th)]  # type: ignore[index]
        print(f"ALL th {th}: model alone on unseen batches: recall {t['tp'] / t['pos']:.3f}, "
              f"false alarms {t['fp'] / t['neg']:.3f}, on unseen everyday text {figures['everyday_false_alarms']:.4f}"
              f" ({len(everyday_scores)} texts); recall per language {figures['lang_recall']}")
    print(json.dumps(report))


if __name__ == "__main__":
    main()
