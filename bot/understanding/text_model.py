"""What the statistical second lines share (the safety check's, bot/understanding/safety_model.py, and the dialogue
acts', bot/understanding/acts_model.py): the features of a message's folded words, the fitting loop of a linear model
over them, and how a fitted model is stored as JSON in content/ with a digest of what it was fitted with.

Features: character n-grams of the folded words (2 to 5 letters at word edges, so "leven", "levensmoe" and "leve"
share features, also in Turkish, Polish and Ukrainian inflections), the words and the word pairs, and whatever the
caller's rules found (concepts, the step a message was typed at, the rules' own cues), each as a string.

The fitting loop: stochastic gradient descent with L2 and a fixed shuffle over messages scaled to a vector of length
one; one output (a logistic regression: yes or no) or several (a softmax over classes). Plain Python: a model is
fitted by a bench script, loading it takes milliseconds and reading one message a fraction of one.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

NGRAMS = (2, 5)
WORD, PAIR, GRAM = "w:", "b:", "c:"
"""Prefixes of the features made of the words themselves; a caller's own features use other prefixes."""
Sample = tuple[set[str], int]
"""A message's features and its label: 0 or 1 with one output, else the index of its class."""


def features(parts: Sequence[str], extra: Iterable[str] = (), ngrams: tuple[int, int] = NGRAMS) -> set[str]:
    """What a model reads of a message: its folded clauses (words, word pairs, letter n-grams of the words with their
    edges) and the caller's `extra` features."""
    found: set[str] = set(extra)
    for part in parts:
        words = part.split()
        found.update(f"{WORD}{word}" for word in words)
        found.update(f"{PAIR}{a} {b}" for a, b in itertools.pairwise(words))
        for word in words:
            padded = f" {word} "
            for size in range(ngrams[0], ngrams[1] + 1):
                found.update(f"{GRAM}{padded[i:i + size]}" for i in range(len(padded) - size + 1))
    return found


def scale(count: int) -> float:
    """What one feature of a message with `count` features weighs: 1/sqrt(count), so that a message is a vector of
    length one. Without it a long message added up many small everyday weights (the letters of "i think", "near",
    "live") into an alarm, and one shared phrase ("hoe lang duurt het voordat") could outweigh what was said."""
    return 1.0 / math.sqrt(count) if count else 0.0


def clamped_sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def softmax(scores: Sequence[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def fit(samples: Sequence[Sample], outputs: int, *, epochs: int, rate: float, l2: float, seed: int,
        skip: float = 0.0, min_count: int = 1) -> tuple[dict[str, list[float]], list[float]]:
    """The weights (per feature, one per output) and the biases of a linear model fitted by stochastic gradient
    descent: a logistic regression when `outputs` is 1, else a softmax over `outputs` classes. The rate falls with
    each epoch; L2 shrinks the weights of the features present. An output whose gradient is below `skip` is not
    updated for that message (a softmax over many classes is mostly sure of the classes a message is not); features
    in fewer than `min_count` messages are not read (a letter group seen once is noise)."""
    if min_count > 1:
        seen = Counter(f for present, _label in samples for f in present)
        samples = [({f for f in present if seen[f] >= min_count}, label) for present, label in samples]
    weights: defaultdict[str, list[float]] = defaultdict(lambda: [0.0] * outputs)
    biases = [0.0] * outputs
    order = list(range(len(samples)))
    shuffle = random.Random(seed)
    for epoch in range(epochs):
        shuffle.shuffle(order)
        step_rate = rate / (1 + 0.3 * epoch)
        for i in order:
            present, label = samples[i]
            share = scale(len(present))
            rows = [weights[f] for f in present]
            sums = map(sum, zip(*rows, strict=True)) if rows else itertools.repeat(0.0, outputs)
            scores = [bias + share * total for bias, total in zip(biases, sums, strict=True)]
            if outputs == 1:
                gradients = [clamped_sigmoid(scores[0]) - label]
            else:
                gradients = softmax(scores)
                gradients[label] -= 1.0
            for c, gradient in enumerate(gradients):
                if abs(gradient) < skip:
                    continue
                pull = gradient * share
                for row in rows:
                    row[c] -= step_rate * (pull + l2 * row[c])
                biases[c] -= step_rate * gradient
    return dict(weights), biases


def digest(version: int, files: Iterable[Path]) -> str:
    """What a stored model must have been fitted with: its feature version and the content its features read."""
    hashed = hashlib.sha256(f"features {version}\n".encode())
    for path in files:
        hashed.update(path.read_bytes())
    return hashed.hexdigest()[:16]


def dumps(data: dict[str, Any]) -> str:
    """A model as stored in content/: compact JSON, keys in the order given."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def read(path: Path, parse: Any, name: str) -> Any:
    """A stored model parsed by `parse` (text -> model); None when the file is missing. A malformed file raises
    ValueError naming it (a broken model stops start-up)."""
    if not path.exists():
        return None
    try:
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"{name}: {exc}") from exc
