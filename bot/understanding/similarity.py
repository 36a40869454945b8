"""Character n-gram similarity between a resident's text and the example phrasings of each role
(content/examples/<role>.yaml): a small, explainable model next to the word lists. It catches phrasings
the lists miss ('hondenuitlaatveld', typos, word order) because similar texts share letter sequences."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

NGRAMS = (3, 4, 5)
TOP = 2
"""A role's similarity is the mean of its best TOP example similarities (one lucky example is not enough)."""
COMMON_SHARE = 0.04
MIN_COMMON = 8
"""N-grams in more than this share of the examples ('de ', ' the') say nothing about a role: left out,
which also keeps a route fast."""
_WORD = re.compile(r"[^\W_]+")


def ngrams(text: str) -> Counter[str]:
    grams: Counter[str] = Counter()
    for word in _WORD.findall(text.casefold()):
        padded = f" {word} "
        for n in NGRAMS:
            grams.update(padded[i:i + n] for i in range(len(padded) - n + 1))
    return grams


@dataclass
class ExampleModel:
    """TF-IDF weighted n-gram vectors of the examples, with an inverted index for fast cosine scores."""

    roles: list[str] = field(default_factory=list)
    """The role of each example, by position."""
    idf: dict[str, float] = field(default_factory=dict)
    index: dict[str, list[tuple[int, float]]] = field(default_factory=dict)

    @classmethod
    def build(cls, examples: Mapping[str, Sequence[str]]) -> ExampleModel:
        model = cls()
        vectors = []
        for role, texts in sorted(examples.items()):
            for text in texts:
                model.roles.append(role)
                vectors.append(ngrams(text))
        df: Counter[str] = Counter(g for v in vectors for g in v)
        total = len(vectors) or 1
        common = max(MIN_COMMON, COMMON_SHARE * total)
        model.idf = {g: math.log((1 + total) / (1 + d)) + 1.0 for g, d in df.items() if d <= common}
        for position, vector in enumerate(vectors):
            weights = {g: (1 + math.log(c)) * model.idf[g] for g, c in vector.items() if g in model.idf}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            for g, w in weights.items():
                model.index.setdefault(g, []).append((position, w / norm))
        return model

    def similarity(self, text: str) -> dict[str, float]:
        """For each role, how close the text is to its examples (0..1)."""
        vector = ngrams(text)
        weights = {g: (1 + math.log(c)) * self.idf[g] for g, c in vector.items() if g in self.idf}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        if not norm:
            return {}
        dots: dict[int, float] = {}
        for g, w in weights.items():
            for position, weight in self.index[g]:
                dots[position] = dots.get(position, 0.0) + w * weight
        best: dict[str, list[float]] = {}
        for position, dot in dots.items():
            best.setdefault(self.roles[position], []).append(dot / norm)
        return {role: sum(sorted(values, reverse=True)[:TOP]) / TOP for role, values in best.items()}
