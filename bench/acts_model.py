"""Fits the dialogue acts' second line (bot/understanding/acts_model.py) and writes content/acts/model.json.

Fitted from every labelled text of the development files below (a crisis left out: the safety check alone decides
one), each read where it was typed, as bench/dialogue_acts.py reads it (the step's options as recorded in
tests/data/dialogue-act-situations.yaml, what the step declares).

    python bench/acts_model.py            refit and write content/acts/model.json (after adding a development
                                          batch, or changing the features)
    python bench/acts_model.py --check    exit 1 when model.json was fitted with other files or features
    python bench/acts_model.py --quick    fit on a tenth, fewer rounds, and write nothing (the test suite's check)

Never add a measuring file (blind5, blind6, holdout): the model would be tuned on it. THRESHOLD, and where
`dialogue_acts.classify` asks the model (SWITCHES), are chosen with bench/acts_cv.py (leave-one-file-out).
Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dialogue_acts import DATA, SITUATIONS, situation

from bot.infra import yamlfile
from bot.understanding import acts_model
from bot.understanding.dialogue_acts import ACTS, CRISIS, Situation, model_features
from handlers import build_registry

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
LABELLED = ("dialogue-acts.yaml", "dialogue-acts-languages.yaml", "dialogue-acts-blind.yaml",
            "dialogue-acts-blind2.yaml", "dialogue-acts-blind3.yaml", "dialogue-acts-blind4.yaml",
            "dialogue-acts-fresh.yaml", "dialogue-acts-fresh7.yaml", "dialogue-acts-fresh8.yaml",
            "dialogue-acts-fresh9.yaml", "dialogue-acts-fresh12.yaml")
"""The development files (never a measuring file: blind5, blind6, holdout)."""
MODEL_ACTS = tuple(act for act in ACTS if act != CRISIS)
THRESHOLD = 0.5


class Example:
    """One labelled text where it was typed."""

    def __init__(self, item: dict[str, Any], where: Situation, source: str) -> None:
        self.text, self.act, self.source, self.item = str(item["text"]), str(item["act"]), source, item
        self.situation = where
        self.features = model_features(self.text, where)


def labelled(files: tuple[str, ...] = LABELLED) -> list[Example]:
    """The labelled texts of `files` with their situations, crises included (for bench/acts_cv.py to measure)."""
    registry = build_registry()
    recorded = yamlfile.load(SITUATIONS.read_text(encoding="utf-8"))
    found = []
    for name in files:
        for item in yamlfile.load((DATA / name).read_text(encoding="utf-8"))["items"]:
            found.append(Example(item, situation(item, registry, recorded), name))
    return found


def trainable(examples: list[Example]) -> list[tuple[set[str], str]]:
    """The samples to fit on: every act but crisis, each text at each step once (the first label wins)."""
    seen: dict[tuple[str, str], tuple[set[str], str]] = {}
    for example in examples:
        if example.act in MODEL_ACTS:
            seen.setdefault((example.text, str(example.item["at"])), (example.features, example.act))
    return list(seen.values())


def digest() -> str:
    """The feature version and the files the model is fitted on."""
    return acts_model.digest([DATA / name for name in LABELLED] + [SITUATIONS])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="only say whether model.json is current")
    parser.add_argument("--quick", action="store_true", help="fit on every tenth text, fewer rounds, and write "
                                                             "nothing (the suite's check that it runs)")
    args = parser.parse_args()
    path = CONTENT / acts_model.MODEL_FILE
    wanted = digest()
    if args.check:
        model = acts_model.load(CONTENT)
        current = model is not None and model.digest == wanted
        print(f"{path.relative_to(ROOT)} is " + ("current" if current else "STALE: run python bench/acts_model.py"))
        sys.exit(0 if current else 1)
    started = time.perf_counter()
    samples = trainable(labelled())[:: 10 if args.quick else 1]
    model = acts_model.fit(samples, MODEL_ACTS, THRESHOLD, digest=wanted, epochs=3 if args.quick else
                           acts_model.EPOCHS)
    seconds = time.perf_counter() - started
    text = model.to_json()
    if not args.quick:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
    print(json.dumps({"bench": "acts_model", "texts": len(samples), "features": len(model.weights),
                      "bytes": len(text), "fit_seconds": round(seconds, 1), "threshold": THRESHOLD,
                      "digest": wanted}))


if __name__ == "__main__":
    main()
