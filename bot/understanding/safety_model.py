"""The safety check's second line: a small statistical model for the crisis texts the concept rules miss.

The concept rules (bot/understanding/safety.py) are exact and explainable, but a rule set written from one batch
of texts reached only 0.6-0.8 crisis recall on the next batch: people say the same thing in words no rule has. This
model reads what rules cannot enumerate: character n-grams of the folded words (2 to 5 letters at word edges, so
"leven", "levensmoe" and "leve" share features, also in Turkish, Polish and Ukrainian inflections), the words and
word pairs, and which of the rules' concepts occur (death, means, gone, a household member, ...) even where no
rule's combination fired.

A logistic regression (crisis or calm) over the features of a message scaled to a vector of length one (a long
everyday message no longer adds up many small weights into an alarm: "i live near 6708 i think" read 0.995 before),
and a naive Bayes over the kinds, in plain Python (the features, the fitting loop and the JSON store are
bot/understanding/text_model.py's, shared with the dialogue acts' second line), fitted by
`python bench/safety_model.py` from the labelled development texts and calm everyday text, stored as
content/safety/model.json (weights, threshold, and a digest of the concepts it was fitted with; a test fails when
the concepts or the features changed without refitting). Loading takes milliseconds; reading one message a
fraction of one. It only ever adds an alarm: it decides when no rule did and its probability reaches `threshold`
(chosen with leave-one-batch-out cross-validation, bench/safety_cv.py). `explain` names the words and concepts
that weighed most, so a decision can still be read.
"""

from __future__ import annotations

import json
import logging
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.understanding import text_model

MODEL_FILE = Path("safety") / "model.json"
DIGESTED = (Path("safety") / "concepts.yaml", Path("safety") / "signals.yaml")
"""The content the features depend on (concepts, hyperbole, typo vocabulary): fitted with these or stale."""
VERSION = 2
"""Raise when `features` changes: a model fitted with other features is stale."""
CALM = "calm"
UNKNOWN_KIND = "crisis"
"""A crisis text whose kind nobody labelled: fitted as a crisis, left out when telling the kinds apart."""
NGRAMS = text_model.NGRAMS
EPOCHS = 15
RATE = 10.0
L2 = 1e-3
SEED = 1
PRUNE = 1e-3
"""Weights smaller than this are left out of the stored model."""
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float
    kind_logp: dict[str, dict[str, float]]
    kind_default: dict[str, float]
    kind_prior: dict[str, float]
    digest: str = ""
    trained_on: int = 0

    def probability(self, features: Iterable[str]) -> float:
        present = set(features)
        z = self.bias + text_model.scale(len(present)) * sum(self.weights.get(f, 0.0) for f in present)
        return text_model.clamped_sigmoid(z)

    def kind(self, features: Iterable[str]) -> str:
        """The kind of crisis the labelled crisis texts most like this one were about."""
        present = list(features)
        scores = {kind: prior + sum(self.kind_logp[kind].get(f, self.kind_default[kind]) for f in present
                                    if f in self.weights)
                  for kind, prior in self.kind_prior.items()}
        return max(sorted(scores), key=lambda kind: scores[kind])

    def explain(self, features: Iterable[str], top: int = 3) -> list[str]:
        """The words, word pairs and concepts that pushed most towards a crisis."""
        readable = sorted((f for f in set(features) if f[:2] in ("w:", "b:", "k:")),
                          key=lambda f: (-self.weights.get(f, 0.0), f))
        return [f[2:] for f in readable[:top] if self.weights.get(f, 0.0) > 0]

    def to_json(self) -> str:
        return text_model.dumps({
            "version": VERSION, "digest": self.digest, "trained_on": self.trained_on, "threshold": self.threshold,
            "bias": round(self.bias, 5), "weights": {f: round(w, 4) for f, w in sorted(self.weights.items())},
            "kinds": {kind: {"prior": round(self.kind_prior[kind], 5), "default": round(self.kind_default[kind], 5),
                             "logp": {f: round(p, 3) for f, p in sorted(self.kind_logp[kind].items())}}
                      for kind in sorted(self.kind_prior)},
        })

    @classmethod
    def from_json(cls, text: str) -> Model:
        raw = json.loads(text)
        threshold = float(raw["threshold"])
        if not 0.2 < threshold < 1.0 or not raw["weights"] or not raw["kinds"]:
            raise ValueError("threshold not between 0.2 and 1, or no weights or kinds")
        kinds = raw["kinds"]
        return cls({str(f): float(w) for f, w in raw["weights"].items()}, float(raw["bias"]), threshold,
                   {k: {str(f): float(p) for f, p in v["logp"].items()} for k, v in kinds.items()},
                   {k: float(v["default"]) for k, v in kinds.items()}, {k: float(v["prior"]) for k, v in kinds.items()},
                   str(raw.get("digest", "")), int(raw.get("trained_on", 0)))


def features(parts: Sequence[str], concepts: Iterable[str]) -> set[str]:
    """What the model reads of a message: its folded clauses (as the rules read them) and the concepts found."""
    return text_model.features(parts, (f"k:{name}" for name in concepts), NGRAMS)


def fit(samples: Sequence[tuple[set[str], str]], threshold: float, *, digest: str = "") -> Model:
    """A logistic regression crisis/calm (text_model.fit) and a naive Bayes over the kinds of the crisis texts."""
    rows, biases = text_model.fit([(present, int(kind != CALM)) for present, kind in samples], 1, epochs=EPOCHS,
                                  rate=RATE, l2=L2, seed=SEED)
    kept = {f: row[0] for f, row in rows.items() if abs(row[0]) >= PRUNE}
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for present, kind in samples:
        if kind not in (CALM, UNKNOWN_KIND):
            counts[kind].update(f for f in present if f in kept)
    vocabulary = {f for c in counts.values() for f in c}
    total = sum(sum(c.values()) for c in counts.values()) or 1
    logp, default, prior = {}, {}, {}
    for kind, c in counts.items():
        size = sum(c.values()) + 0.3 * len(vocabulary)
        logp[kind] = {f: math.log((n + 0.3) / size) for f, n in c.items()}
        default[kind] = math.log(0.3 / size)
        prior[kind] = math.log(sum(c.values()) / total)
    return Model(kept, biases[0], threshold, logp, default, prior, digest, len(samples))


def digest(content_dir: Path) -> str:
    """What the stored model must have been fitted with: the feature version and the concepts' files."""
    return text_model.digest(VERSION, (content_dir / name for name in DIGESTED))


def load(content_dir: Path) -> Model | None:
    """The stored model of a content folder; None (and a warning) when there is none. A malformed file raises
    ValueError at start-up; a stale one (concepts changed since fitting) is used, with a warning."""
    path = content_dir / MODEL_FILE
    model: Model | None = text_model.read(path, Model.from_json, str(MODEL_FILE))
    if model is None:
        log.warning("%s missing: the safety check runs on its rules only (python bench/safety_model.py)", path)
    elif model.digest != digest(content_dir):
        log.warning("%s was fitted with other concepts or features: refit with python bench/safety_model.py", path)
    return model
