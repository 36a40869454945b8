"""How much the dialogue acts' second line adds on text it never saw: leave-one-file-out cross-validation.

For every development file (bench/acts_model.py LABELLED): fit the model on the other files, then read the left-out
file with the rules alone and with the rules and the model together, as `dialogue_acts.classify` uses it: only where
the rules' answer is weak (`dialogue_acts.weakness`), switching to the most probable act that
`dialogue_acts.SWITCHES` allows for that kind of weak answer, when it is sure enough and what that act needs is found
(a correction's slot, by the correction rules). The rules were tuned on every file, so "rules alone" is optimistic on
unseen text; what the model changes on a file it never saw is the honest part. Choose SWITCHES so that answer recall
drops at most about a point while the other acts' recall rises: the lines under each threshold say what each weak
kind switched to each act would change (right switches, answers lost).

    python bench/acts_cv.py                     thresholds 0.3 to 0.9, and what each weak kind and act would give
    python bench/acts_cv.py --threshold 0.6     one threshold
    python bench/acts_cv.py --quick             two small files, one threshold (the test suite's check)

Ends with ONE JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from acts_model import CONTENT, LABELLED, MODEL_ACTS, THRESHOLD, Example, labelled, trainable

from bot.understanding import acts_model, safety
from bot.understanding.dialogue_acts import (
    ANSWER,
    CRISIS,
    SWITCHES,
    by_rules,
    load_lexicon,
    second_opinion,
    switched,
    unlikely,
    weakness,
)

CANDIDATES = tuple(act for act in MODEL_ACTS if act != ANSWER)
KINDS = ("text", "unmatched", "nothing", "words")


class Read:
    """One text as the rules read it, and what the second line could make of it."""

    def __init__(self, example: Example) -> None:
        lexicon = load_lexicon(CONTENT)
        self.example = example
        self.crisis = safety.detect(example.text, lexicon.signals) is not None
        act, decided_by = by_rules(example.text, example.situation, lexicon)
        self.rules = CRISIS if self.crisis else act.name
        self.weak = None if self.crisis else weakness(act, decided_by)
        self.possible = {name for name in CANDIDATES if self.weak and switched(name, example.text, example.situation,
                                                                               lexicon) is not None}
        self.probabilities: dict[str, float] = {}

    def read(self, floor: float, switches: dict[str, tuple[float, tuple[str, ...]]] = SWITCHES) -> str:
        """The act with the second line, as `classify` decides it."""
        if self.weak is None:
            return self.rules
        best = second_opinion(self.probabilities, self.weak, floor, unlikely(self.example.situation), switches)
        return best if best is not None and best in self.possible else self.rules


def scores(pairs: list[tuple[str, str]]) -> dict[str, object]:
    """Accuracy and per act precision and recall of (wanted, got) pairs."""
    acts: dict[str, dict[str, float]] = {}
    for act in sorted({w for w, _g in pairs} | {g for _w, g in pairs}):
        tp = sum(1 for w, g in pairs if w == act == g)
        wanted = sum(1 for w, _g in pairs if w == act)
        got = sum(1 for _w, g in pairs if g == act)
        acts[act] = {"precision": round(tp / got, 3) if got else 1.0, "recall": round(tp / wanted, 3) if wanted
                     else 1.0, "n": wanted}
    return {"accuracy": round(sum(1 for w, g in pairs if w == g) / max(len(pairs), 1), 4), "acts": acts}


def show(name: str, figures: dict[str, object]) -> None:
    acts: dict[str, dict[str, float]] = figures["acts"]  # type: ignore[assignment]
    print(f"{name}: accuracy {figures['accuracy']:.4f}  " + "  ".join(
        f"{act} {v['precision']:.3f}/{v['recall']:.3f}" for act, v in acts.items()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threshold", type=float, action="append", default=[])
    parser.add_argument("--quick", action="store_true", help="two small files, one threshold (the suite's check)")
    args = parser.parse_args()
    thresholds = args.threshold or ([THRESHOLD] if args.quick else [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    names = (LABELLED[6], LABELLED[1]) if args.quick else LABELLED
    examples = labelled(names)
    reads = [Read(e) for e in examples]
    for held in names:
        train = trainable([e for e in examples if e.source != held])
        model = acts_model.fit(train, MODEL_ACTS, THRESHOLD, epochs=3 if args.quick else acts_model.EPOCHS)
        for read in reads:
            if read.example.source == held and read.weak:
                read.probabilities = model.probabilities(read.example.features)
    report: dict[str, object] = {"bench": "acts_cv", "files": list(names), "floor": THRESHOLD,
                                 "switches": {act: {"threshold": sure, "weak": list(kinds)}
                                              for act, (sure, kinds) in SWITCHES.items()}}
    report["rules"] = scores([(r.example.act, r.rules) for r in reads])
    show("rules alone", report["rules"])  # type: ignore[arg-type]
    report["chosen"] = scores([(r.example.act, r.read(THRESHOLD)) for r in reads])
    show("rules+model as chosen (dialogue_acts.SWITCHES)", report["chosen"])  # type: ignore[arg-type]
    report["with_model"] = {}
    every = tuple(KINDS)
    for threshold in thresholds:
        # every act of SWITCHES at one threshold; then what each weak kind and act alone would change
        uniform = {act: (threshold, kinds) for act, (_sure, kinds) in SWITCHES.items()}
        both = [(r.example.act, r.read(threshold, uniform)) for r in reads]
        report["with_model"][str(threshold)] = scores(both)  # type: ignore[index]
        show(f"rules+model, every act at {threshold}", report["with_model"][str(threshold)])  # type: ignore[index]
        if not args.quick:
            for kind in every:
                for act in CANDIDATES:
                    changed = Counter(("right" if r.example.act == act else "answer lost" if r.example.act == ANSWER
                                       else "other lost" if r.example.act == r.rules else "wrong to wrong")
                                      for r in reads if r.read(threshold, {act: (threshold, (kind,))}) != r.rules)
                    if changed:
                        print(f"    {kind:<10} -> {act:<10} " + ", ".join(f"{k} {n}" for k, n in
                                                                       sorted(changed.items())))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
