"""Turns matched terms and similarities into probabilities.

The shape is a logistic curve over the log of the summed term weights, less a
length allowance (a long text matches more terms by chance), plus a bonus for
semantic similarity that stands out from the other candidates. Constants were
set by hand from worked examples (one strong term in a short text is about
0.2, two distinct terms about 0.6) and the team's own example texts, never
on the SDG Classification Benchmark, which stays a held-out test. They are a
first calibration: refit them on the team's evaluation set when it exists.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from alignment.lexicon import Hit

SLOPE = 4.0
SDG_MIDPOINT = 0.9
TARGET_MIDPOINT = 0.6
GOAL_MIDPOINT = 0.9
LENGTH_WORDS = 200.0
LENGTH_FACTOR = 0.5
# Past this many words a text is judged like one of this length: a long report
# repeats its topics, and its distinct terms keep growing anyway.
LENGTH_CAP = 2000
SEMANTIC_WEIGHT = 0.6
SEMANTIC_Z_CAP = 3.0


def term_mass(hits: Iterable[Hit]) -> float:
    """Summed weight of distinct terms; repeats add little (1 + ½·ln n)."""
    counts: dict[str, int] = defaultdict(int)
    weights: dict[str, float] = {}
    seen_spans: set[tuple[int, int]] = set()
    for hit in hits:
        if (hit.start, hit.end) in seen_spans:
            continue
        seen_spans.add((hit.start, hit.end))
        key = f"{hit.term.lang}:{hit.term.text.lower()}"
        counts[key] += 1
        weights[key] = max(weights.get(key, 0.0), hit.term.weight)
    return sum(weights[k] * (1.0 + 0.5 * math.log(n)) for k, n in counts.items())


def semantic_z(similarities: Sequence[float]) -> list[float]:
    """How far each similarity stands above the others (capped z-score)."""
    if len(similarities) < 2:
        return [0.0 for _ in similarities]
    mean = sum(similarities) / len(similarities)
    var = sum((s - mean) ** 2 for s in similarities) / len(similarities)
    std = math.sqrt(var) or 1.0
    return [max(-SEMANTIC_Z_CAP, min(SEMANTIC_Z_CAP, (s - mean) / std)) for s in similarities]


def probability(
    mass: float, words: int, midpoint: float, z: float = 0.0, extra: float = 0.0
) -> float:
    """Calibrated probability from term mass, text length and semantic z-score."""
    x = math.log1p(mass) - LENGTH_FACTOR * math.log1p(min(words, LENGTH_CAP) / LENGTH_WORDS)
    logit = SLOPE * (x - midpoint) + SEMANTIC_WEIGHT * z + extra
    return round(1.0 / (1.0 + math.exp(-logit)), 4)
