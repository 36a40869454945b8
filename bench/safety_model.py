"""Fits the safety check's second line (bot/understanding/safety_model.py) and writes content/safety/model.json.

Fitted from every labelled text of the development files (a crisis with its kind; every other act calm), the texts
written for it in content/safety/examples.yaml (Turkish, Arabic, Polish, Ukrainian; heavy but calm), and as calm
text the typed lines of the conversation scripts, the language-identification and intent sets and the
phrasings of content/examples/*.yaml.

    python bench/safety_model.py            refit and write content/safety/model.json (after adding a
                                            development batch, or changing content/safety/concepts.yaml)
    python bench/safety_model.py --check    exit 1 when model.json was fitted with other concepts
    python bench/safety_model.py --quick    fit on a tenth and write nothing (the test suite's check)
    python bench/safety_model.py --typos    which words of the calm text the typo correction changes, and into
                                            what (an ordinary word changed into another word belongs in
                                            concepts.yaml `not_typos`)

Never add a held-out file (tests/data/*holdout*): the model would be tuned on it. THRESHOLD is chosen with
bench/safety_cv.py (leave-one-batch-out); ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from bot.infra import yamlfile
from bot.infra.helplines import KINDS
from bot.understanding import safety, safety_model
from bot.understanding.phrases import fold

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DATA = ROOT / "tests" / "data"
SCRIPTS = ROOT / "tests" / "scripts"
LABELLED = ("safety-dev.yaml", "safety-second.yaml", "safety-third.yaml", "safety-fourth.yaml", "safety-fifth.yaml",
            "safety-sixth.yaml", "dialogue-acts.yaml", "dialogue-acts-languages.yaml", "safety-blind.yaml",
            "safety-fresh7.yaml", "safety-fresh8.yaml", "safety-fresh9.yaml", "safety-blind2.yaml",
            "safety-blind3.yaml", "safety-blind4.yaml", "safety-train10-nl.yaml", "safety-train10-en.yaml",
            "safety-train10-tr.yaml", "safety-train10-ar.yaml", "safety-train10-pl.yaml", "safety-train10-uk.yaml",
            "safety-train11-ar.yaml", "safety-train11-tr.yaml", "safety-train11-uk.yaml", "safety-fresh10.yaml",
            "safety-fresh10-pl.yaml", "safety-fresh11.yaml")
"""The development files of bench/dialogue_acts.py, the blind batches 2-4 (reported in earlier sessions, so no longer
a measure of unseen text) and the texts written to fit on (safety-train10-*: 1200 texts by code-blind writers;
safety-train11-ar/tr/uk: 660 more in the languages the check read worst, measured untuned first; safety-fresh11:
hyperbole threats and indirect crises, measured untuned first).
Never a held-out file, never blind batch 5 or 6: those measure what nobody tuned on."""
CALM_SETS = (("language-id.yaml", "items"), ("intents.yaml", "texts"))
EXAMPLES = Path("safety") / "examples.yaml"
THRESHOLD = 0.5
Example = tuple[str, str, str]
"""(text, label: a kind of crisis or calm, where it comes from)."""


def labelled(name: str) -> list[Example]:
    """The texts of a labelled file. A crisis text without its kind (some batches label only crisis or not) gets
    the kind the rules read in it, or none: it is fitted as a crisis, but not for telling the kinds apart."""
    items = yamlfile.load((DATA / name).read_text(encoding="utf-8"))["items"]
    signals = safety.load_signals(CONTENT)

    def label(item: dict[str, object]) -> str:
        if item["act"] != "crisis":
            return safety_model.CALM
        if item.get("kind"):
            return str(item["kind"])
        found = safety.detect(str(item["text"]), signals, second_line=False)
        return found.kind if found else safety_model.UNKNOWN_KIND

    return [(str(i["text"]), label(i), name) for i in items]


def calm_text(every: int = 1) -> list[Example]:
    """Everyday text that is no crisis: typed lines of the scripts, the language and intent sets, content examples.
    A script line the rules read as a crisis is left out: it is one (a script that types "i want to kill myself" to
    test a reply after the crisis reply), and fitting it as calm taught the model that it is not. `every` > 1 reads
    only every so many scripts (the quick run: checking each line against the rules is most of the time)."""
    signals = safety.load_signals(CONTENT)
    found: list[Example] = []
    for name, key in CALM_SETS:
        found += [(str(i["text"]), safety_model.CALM, name)
                  for i in yamlfile.load((DATA / name).read_text(encoding="utf-8"))[key]]
    for path in sorted(SCRIPTS.glob("*.yaml"))[::every]:
        if path.name.startswith("safety-") and "hyperbole" not in path.name:
            continue  # a script about a crisis: not every line is calm
        for step in yamlfile.load(path.read_text(encoding="utf-8")).get("steps", []):
            said = step.get("say") if isinstance(step, dict) else None
            if isinstance(said, str) and len(said) > 2 and not said.startswith("/") \
                    and safety.detect(said, signals, second_line=False) is None:
                found.append((said, safety_model.CALM, "scripts"))
    for path in sorted((CONTENT / "examples").glob("*.yaml")):
        for phrasings in (yamlfile.load(path.read_text(encoding="utf-8")) or {}).values():
            found += [(str(p), safety_model.CALM, "content-examples") for p in phrasings or ()]
    return found


def written() -> list[Example]:
    """content/safety/examples.yaml: texts written for the model, in the languages and registers the development
    files have least of."""
    items = yamlfile.load((CONTENT / EXAMPLES).read_text(encoding="utf-8"))["examples"]
    kinds = {*KINDS, safety_model.CALM}
    wrong = [str(i) for i in items if i.get("kind") not in kinds or not str(i.get("text", "")).strip()]
    if wrong:
        raise ValueError(f"{EXAMPLES}: kind must be one of {sorted(kinds)}, text not empty: {wrong[:3]}")
    return [(str(i["text"]), str(i["kind"]), "examples.yaml") for i in items]


def examples(files: tuple[str, ...] = LABELLED, every: int = 1) -> list[Example]:
    """The texts to fit on, each once (the first label of a text wins); `every` as in `calm_text`."""
    seen: dict[str, Example] = {}
    for example in [e for name in files for e in labelled(name)] + written() + calm_text(every):
        seen.setdefault(example[0], example)
    return list(seen.values())


def samples(items: list[Example], signals: safety.Signals) -> list[tuple[set[str], str]]:
    return [(safety.features(text, signals), label) for text, label, _source in items]


def typos(signals: safety.Signals) -> None:
    """The words of the calm texts that the check reads as a typo of a concept's word, most frequent first."""
    changed: Counter[tuple[str, str]] = Counter()
    for text, label, _source in examples():
        if label == safety_model.CALM:
            for word in fold(text).split():
                word = word.strip(".,!?;:")
                if (corrected := safety.corrected(word, signals)) != word:
                    changed[word, corrected] += 1
    for (word, corrected), count in changed.most_common():
        print(f"{count:4}  {word} -> {corrected}")
    print(json.dumps({"bench": "safety_typos", "changed_words": len(changed), "changes": sum(changed.values())}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="only say whether model.json is current")
    parser.add_argument("--quick", action="store_true", help="fit on every tenth text and write nothing (the suite's "
                                                             "check that it runs)")
    parser.add_argument("--typos", action="store_true", help="list the calm text's words the typo correction "
                                                             "changes, and write nothing")
    args = parser.parse_args()
    path = CONTENT / safety_model.MODEL_FILE
    if args.typos:
        typos(safety.load_signals(CONTENT))
        return
    wanted = safety_model.digest(CONTENT)
    if args.check:
        current = path.exists() and safety_model.Model.from_json(path.read_text(encoding="utf-8")).digest == wanted
        print(f"{path.relative_to(ROOT)} is " + ("current" if current else "STALE: run python bench/safety_model.py"))
        sys.exit(0 if current else 1)
    signals = safety.load_signals(CONTENT)
    started = time.perf_counter()
    items = examples(every=10 if args.quick else 1)[:: 10 if args.quick else 1]
    model = safety_model.fit(samples(items, signals), THRESHOLD, digest=wanted)
    seconds = time.perf_counter() - started
    if not args.quick:
        path.write_text(model.to_json() + "\n", encoding="utf-8")
    crises = sum(1 for _t, label, _s in items if label != safety_model.CALM)
    print(json.dumps({"bench": "safety_model", "texts": len(items), "crisis_texts": crises,
                      "features": len(model.weights), "bytes": len(model.to_json()), "fit_seconds": round(seconds, 1),
                      "threshold": THRESHOLD, "digest": wanted}))


if __name__ == "__main__":
    main()
