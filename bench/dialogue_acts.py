"""Dialogue acts (issue 26): precision and recall per act, crisis recall and false alarms, per labelled file.

Every text of tests/data/dialogue-acts*.yaml is classified where it was typed: the step's options as residents
see them (recorded from the app in tests/data/dialogue-act-situations.yaml), what the step declares (free text,
slot, which earlier answers a correction may change, a message for someone else), and for `at: none` the
messages the bot sent on its own that its note names (a check-in, an announcement, a neighbour's request).

    python bench/dialogue_acts.py            the development files (nl+en, and tr/ar/pl/uk)
    python bench/dialogue_acts.py --why      ... with every miss and why it was read so
    python bench/dialogue_acts.py --holdout  the held-out files only: run once, never tune on them
    python bench/dialogue_acts.py --quick    a few texts per file (the test suite's check that it runs)
    python bench/dialogue_acts.py --file tests/data/safety-dev.yaml   any labelled file (repeatable)

A text labelled `act: not_crisis` (tests/data/safety-dev.yaml) may be read as any act but crisis: it counts for
the false alarms and the crisis precision only.

Goals: crisis recall 1.0 with at most 1 % false alarms; every other act at least 0.9 precision and recall.
Ends with ONE JSON line.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bot.core.conversation import Registry
from bot.infra import yamlfile
from bot.understanding.answers import Option, options_from_rows
from bot.understanding.dialogue_acts import ACTS, CRISIS, Act, Situation, classify, load_lexicon
from handlers import build_registry

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
DEVELOPMENT = ("dialogue-acts.yaml", "dialogue-acts-languages.yaml", "safety-dev.yaml", "safety-second.yaml",
               "safety-third.yaml", "safety-fourth.yaml", "safety-fifth.yaml", "safety-sixth.yaml", "safety-blind.yaml",
               "safety-fresh7.yaml", "safety-fresh8.yaml")
HOLDOUT = ("dialogue-acts-holdout.yaml", "dialogue-acts-languages-holdout.yaml", "dialogue-acts-holdout2.yaml",
           "dialogue-acts-languages-holdout2.yaml")
SITUATIONS = DATA / "dialogue-act-situations.yaml"
PROMPT_NOTES = (
    # what a note says about the message the bot sent on its own, and the kind of that message
    ("two announcements", "rsvp*2"), ("announcement", "rsvp"), ("rsvp given", "rsvp"), ("check-in", "ci"),
    ("season", "season"), ("help request", "help"), ("proposal", "prop"), ("handover request", "ho"),
    ("mentor request", "mentor"),
)
AFTER_NOTES = (("after onboarding", "onboarding"), ("offer summary", "offer"))
GOAL_CRISIS_RECALL, GOAL_FALSE_ALARMS, GOAL_OTHER = 1.0, 0.01, 0.9
NOT_CRISIS = "not_crisis"
"""A label that says only "not a crisis": any other act is right."""


def _options(rows: dict[str, Any] | None, lang: str) -> tuple[Option, ...]:
    if not rows:
        return ()
    chosen = rows.get(lang) or rows.get("en" if lang != "en" else "nl") or next(iter(rows.values()))
    return tuple(options_from_rows(chosen))


def situation(item: dict[str, Any], registry: Registry, recorded: dict[str, Any]) -> Situation:
    lang, at, note = str(item["lang"]), str(item["at"]), str(item.get("note", "")).casefold()
    if at != "none":
        flow_name, step_name = at.split(":", 1)
        flow = registry.flows[flow_name]
        step = flow.steps[step_name]
        return Situation(step=at, options=_options(recorded["steps"].get(at), lang), free_text=step.free_text,
                         multi=step.multi, slot=step.slot, corrects=flow.correctable(step_name), relay=step.relay,
                         previous=flow.previous_slot(step_name), locale=lang)
    prompts: list[tuple[Option, ...]] = []
    for words, kind in PROMPT_NOTES:
        if words in note:
            key, _times, count = kind.partition("*")
            options = _options(recorded["prompts"].get(key), lang)
            for number in range(int(count or 1)):
                prompts.append(tuple(Option(o.data.replace(":1:", f":{number + 1}:"), o.label, o.family,
                                            f"activity {number + 1}" if count else o.about) for o in options))
            break
    after = next((flow for words, flow in AFTER_NOTES if words in note), None)
    corrects = registry.flows[after].correctable(None) if after else ()
    return Situation(prompts=tuple(prompts), after=after, corrects=corrects, locale=lang)


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 1.0


def figures(name: str, items: list[dict[str, Any]], registry: Registry, recorded: dict[str, Any], *,
            why: bool) -> dict[str, Any]:
    lexicon = load_lexicon(ROOT / "content")
    started = time.perf_counter()
    got: list[Act] = [classify(str(item["text"]), situation(item, registry, recorded), lexicon) for item in items]
    per_text_ms = (time.perf_counter() - started) * 1000 / max(len(items), 1)
    wanted = [str(item["act"]) for item in items]
    # "not a crisis" is right as whatever act but crisis was read
    wanted = [g.name if w == NOT_CRISIS and g.name != CRISIS else w for w, g in zip(wanted, got, strict=True)]
    acts: dict[str, dict[str, float]] = {}
    for act in ACTS:
        tp = sum(1 for w, g in zip(wanted, got, strict=True) if w == act and g.name == act)
        fp = sum(1 for w, g in zip(wanted, got, strict=True) if w != act and g.name == act)
        fn = sum(1 for w, g in zip(wanted, got, strict=True) if w == act and g.name != act)
        if act != CRISIS and all(str(item["act"]) == NOT_CRISIS for item, w in zip(items, wanted, strict=True)
                                 if w == act):
            continue  # only "not a crisis" texts were read as this act: nothing to measure
        if tp + fn or fp:
            acts[act] = {"precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn), "n": tp + fn}
    crises = [g for w, g in zip(wanted, got, strict=True) if w == CRISIS]
    calm = [(item, g) for item, w, g in zip(items, wanted, got, strict=True) if w != CRISIS]
    hyperbole = [g for item, g in calm if item.get("hyperbole")]
    right = [(item, g) for item, g in zip(items, got, strict=True) if item["act"] == g.name]
    slots = [(item, g) for item, g in right if g.name == "correction"]
    topics = [(item, g) for item, g in right if g.name == "question"]
    result = {
        "n": len(items),
        "accuracy": _ratio(sum(1 for item, g in zip(items, got, strict=True)
                               if item["act"] == g.name or (item["act"] == NOT_CRISIS and g.name != CRISIS)),
                           len(items)),
        "crisis_recall": _ratio(sum(1 for g in crises if g.name == CRISIS), len(crises)),
        "false_alarm_rate": _ratio(sum(1 for _item, g in calm if g.name == CRISIS), len(calm)),
        "hyperbole_false_alarms": sum(1 for g in hyperbole if g.name == CRISIS),
        "correction_slot_accuracy": _ratio(sum(1 for item, g in slots if g.slot == item.get("slot")), len(slots)),
        "question_topic_accuracy": _ratio(sum(1 for item, g in topics if g.topic == item.get("topic")), len(topics)),
        "acts": acts,
        "ms_per_text": round(per_text_ms, 2),
    }
    others = [a for a in acts.values() if a is not acts.get(CRISIS)]
    result["goals_met"] = (result["crisis_recall"] >= GOAL_CRISIS_RECALL
                           and result["false_alarm_rate"] <= GOAL_FALSE_ALARMS
                           and all(a["precision"] >= GOAL_OTHER and a["recall"] >= GOAL_OTHER for a in others))
    print(f"{name}: {len(items)} texts, accuracy {result['accuracy']:.3f}, crisis recall {result['crisis_recall']:.3f}"
          f", false alarms {result['false_alarm_rate']:.3f} ({result['hyperbole_false_alarms']} on hyperbole)")
    for act, values in acts.items():
        print(f"  {act:<11} precision {values['precision']:.3f}  recall {values['recall']:.3f}  n={values['n']}")
    print(f"  correction slot right {result['correction_slot_accuracy']:.3f}, question topic right "
          f"{result['question_topic_accuracy']:.3f}")
    confusion = Counter((w, g.name) for w, g in zip(wanted, got, strict=True) if w != g.name)
    if confusion:
        print("  most confused (labelled -> read): " + ", ".join(f"{w}->{g} {n}" for (w, g), n in
                                                                   confusion.most_common(8)))
    if why:
        for item, g in zip(items, got, strict=True):
            if item["act"] != g.name and not (item["act"] == NOT_CRISIS and g.name != CRISIS):
                print(f"  MISS {item['lang']} {item['at']:<22} want {item['act']:<10} {item['text']!r}\n"
                      f"       -> {g.explain()}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--why", action="store_true", help="print every miss of the development files")
    parser.add_argument("--holdout", action="store_true", help="the held-out files (run once; never tune on them)")
    parser.add_argument("--quick", action="store_true", help="every tenth text: the test suite's check that it runs")
    parser.add_argument("--file", action="append", type=Path, default=[],
                        help="a labelled file (fields as in tests/data/dialogue-acts.yaml) instead of the development "
                             "files; may be given more than once")
    args = parser.parse_args()
    registry = build_registry()
    recorded = yamlfile.load(SITUATIONS.read_text(encoding="utf-8"))
    files = [DATA / name for name in HOLDOUT] if args.holdout else args.file or [DATA / name for name in DEVELOPMENT]
    report: dict[str, Any] = {"bench": "dialogue_acts", "files": {}}
    for path in files:
        name = path.name
        items = yamlfile.load(path.read_text(encoding="utf-8"))["items"]
        if args.quick:
            items = items[::10]
        report["files"][name] = figures(name, items, registry, recorded, why=args.why and not args.holdout)
    report["goals_met"] = all(f["goals_met"] for f in report["files"].values())
    print(json.dumps(report))


if __name__ == "__main__":
    main()
