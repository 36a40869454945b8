"""The dialogue acts' second line: a small statistical model for the texts the act rules read as an answer only
because nothing else matched.

The rules (bot/understanding/dialogue_acts.py) are exact and explainable, but on text written after them they read
most of what they miss as an answer: a correction without "sorry" or "wait", "can I talk to a person" in words no
phrase has, a hedge, a question without a question mark, "later verder" put otherwise. This model reads what the
phrases cannot enumerate: the folded words, word pairs, stems and letter n-grams of the message
(bot/understanding/text_model.py, shared with the safety check's second line), its first and last words, and where it
was typed (the step, what kind of answer the step expects, whether it takes typed text, has options, ...).

A softmax over the acts but crisis (the safety check alone decides a crisis), fitted by
`python bench/acts_model.py` from the labelled development files and stored as content/acts/model.json (weights per
act, the threshold, the feature version and a digest of the files it was fitted on; a test fails when they changed
without refitting). `dialogue_acts.classify` asks it only where the rules' answer is weak, and follows it only when
it gives another act at least `threshold` (chosen with leave-one-file-out cross-validation, bench/acts_cv.py).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.understanding import text_model
from bot.understanding.phrases import fold
from bot.understanding.stemming import stem

MODEL_FILE = Path("acts") / "model.json"
VERSION = 1
"""Raise when `features` (or the situation features of dialogue_acts.model_features) change: a model fitted with
other features is stale and not used."""
EPOCHS = 12
RATE = 5.0
L2 = 1e-3
SEED = 1
SKIP = 1e-3
MIN_COUNT = 2
PRUNE = 5e-3
"""Weights smaller than this are left out of the stored model."""
STEM, FIRST, LAST, LENGTH = "s:", "f:", "l:", "n:"
_CLAUSES = re.compile(r"[.,;:!?؟،]+\s*")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Model:
    acts: tuple[str, ...]
    weights: dict[str, dict[int, float]]
    """Per feature, the weights of the acts it pushes (by index in `acts`; absent: 0)."""
    biases: tuple[float, ...]
    threshold: float
    digest: str = ""
    trained_on: int = 0
    version: int = VERSION
    """The feature version it was fitted with: another than VERSION is stale."""

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        present = [self.weights[f] for f in set(features) if f in self.weights]
        share = text_model.scale(len(set(features)))
        scores = list(self.biases)
        for row in present:
            for index, weight in row.items():
                scores[index] += share * weight
        return dict(zip(self.acts, text_model.softmax(scores), strict=True))

    def explain(self, features: Iterable[str], act: str, top: int = 3) -> list[str]:
        """The words and word pairs that pushed most towards `act`."""
        index = self.acts.index(act)
        readable = sorted((f for f in set(features) if f[:2] in (text_model.WORD, text_model.PAIR)),
                          key=lambda f: (-self.weights.get(f, {}).get(index, 0.0), f))
        return [f[2:] for f in readable[:top] if self.weights.get(f, {}).get(index, 0.0) > 0]

    def to_json(self) -> str:
        return text_model.dumps({
            "version": VERSION, "digest": self.digest, "trained_on": self.trained_on, "threshold": self.threshold,
            "acts": list(self.acts), "biases": [round(b, 5) for b in self.biases],
            "weights": {f: {str(i): round(w, 3) for i, w in sorted(row.items())}
                        for f, row in sorted(self.weights.items())},
        })

    @classmethod
    def from_json(cls, text: str) -> Model:
        raw = json.loads(text)
        threshold, acts, biases = float(raw["threshold"]), tuple(map(str, raw["acts"])), tuple(map(float,
                                                                                                   raw["biases"]))
        if not 0.2 < threshold <= 1.0 or not raw["weights"] or len(acts) != len(biases) or len(acts) < 2:
            raise ValueError("threshold not between 0.2 and 1, no weights, or acts and biases differ")
        weights = {str(f): {int(i): float(w) for i, w in row.items()} for f, row in raw["weights"].items()}
        if any(not 0 <= i < len(acts) for row in weights.values() for i in row):
            raise ValueError("a weight of an act that is not listed")
        return cls(acts, weights, biases, threshold, str(raw.get("digest", "")), int(raw.get("trained_on", 0)),
                   int(raw.get("version", 0)))


def features(text: str, situation: Iterable[str] = ()) -> set[str]:
    """What the model reads of a message: its folded clauses (words, word pairs, letter n-grams), the stems of its
    words, its first and last word, how long it is, and the caller's features of where it was typed."""
    folded = fold(text)
    parts = [part for part in (fold(clause) for clause in _CLAUSES.split(text)) if part]
    words = folded.split()
    extra = {*situation, *(f"{STEM}{stem(word)}" for word in words)}
    if words:
        extra |= {f"{FIRST}{words[0]}", f"{LAST}{words[-1]}"}
    extra.add(f"{LENGTH}{_length(len(words))}")
    if "?" in text or "؟" in text:
        extra.add("mark:?")
    return text_model.features(parts, extra)


def _length(count: int) -> str:
    return next(name for most, name in ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (8, "5-8"), (10 ** 9, "9+"))
                if count <= most)


def fit(samples: Sequence[tuple[set[str], str]], acts: Sequence[str], threshold: float, *,
        digest: str = "", epochs: int = EPOCHS) -> Model:
    """A softmax over `acts` (text_model.fit), the weights below PRUNE left out."""
    index = {act: i for i, act in enumerate(acts)}
    rows, biases = text_model.fit([(present, index[act]) for present, act in samples], len(acts), epochs=epochs,
                                  rate=RATE, l2=L2, seed=SEED, skip=SKIP, min_count=MIN_COUNT)
    weights = {f: kept for f, row in rows.items()
               if (kept := {i: w for i, w in enumerate(row) if abs(w) >= PRUNE})}
    return Model(tuple(acts), weights, tuple(biases), threshold, digest, len(samples))


def digest(files: Iterable[Path]) -> str:
    """What a stored model must have been fitted with: the feature version and the labelled files."""
    return text_model.digest(VERSION, files)


def load(content_dir: Path) -> Model | None:
    """The stored model of a content folder; None (and a warning) when there is none or it was fitted with other
    features. A malformed file raises ValueError at start-up."""
    path = content_dir / MODEL_FILE
    model: Model | None = text_model.read(path, Model.from_json, str(MODEL_FILE))
    if model is None:
        log.warning("%s missing: the dialogue acts run on their rules only (python bench/acts_model.py)", path)
    elif model.version != VERSION:
        log.warning("%s was fitted with other features: not used; refit with python bench/acts_model.py", path)
        return None
    return model
