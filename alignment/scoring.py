"""Turns matched terms and similarities into calibrated probabilities.

Raw signals per candidate (an SDG or a strategy goal) are a handful of
features: the log of the summed weights of the distinct terms found, the
text's length, and — when a semantic layer runs — the cosine of the text's
vector with the candidate's vector and how far it stands above the other
candidates (z-score). A logistic model (Platt scaling) maps them to a
probability. Its coefficients are *data*: ``data/calibration.json``, fitted by
``alignment.tools.calibrate`` on the team's own evaluation texts
(``alignment/eval/*.toml``), with 5-fold cross-validated reliability (ECE)
stored beside them. The SDG Classification Benchmark is never used for it.

When no fitted coefficients exist for a method, the first hand-set curve is
used (one strong term in a short text ≈ 0.2, two distinct terms ≈ 0.6).
Targets keep the hand-set curve (the team's texts are not labelled with
targets) and never exceed their goal.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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
# The report curve on the static path also reads the sense of each term hit: how
# much the words around an SDG's hits are about that SDG (their z-score among the
# SDGs, Analysis.sdg_context) adds CONTEXT_WEIGHT per unit, and the text's own
# z-score then weighs REPORT_SEMANTIC_WEIGHT. A term used in another sense sits
# among other topics' words (README step 15f). The idea curve, Platt-fitted on the
# plain hand logit, does not read it.
REPORT_SEMANTIC_WEIGHT = 0.5
CONTEXT_WEIGHT = 0.3
# An SDG whose terms are a small part of what the text is mostly about is
# likely a passing mention: the logit loses DOMINANCE per unit of
# log(1 + top mass) - log(1 + own mass), the top being the text's most
# evidenced SDG (README, "How it was built and tuned").
DOMINANCE = 0.5
LINKED_WEIGHT = 2.0
# A goal linked to several of a text's likely SDGs is likelier than one linked to one
# of them: its links combine as independent signs (noisy-OR; README, session 5).
LINK_REST = 1.0
LINK_FLOOR = 0.1
# An SDG that no goal of the caller's frameworks is linked to (water and seas in a
# set of city goals) lends this share of its probability to the goals linked to the
# linked SDG nearest to it in meaning (SDG 14 -> 15): a text about the Baltic Sea
# then reaches the nature goal (README, session 6).
LENT_SHARE = 0.5
SEMANTIC_Z_CAP = 3.0
CALIBRATION = Path(__file__).parent / "data" / "calibration.json"

# The SDG model is Platt scaling of the hand-set logit (see sdg_features); a
# richer model (term mass, length, cosine, z apart) was tried and did not
# carry over between the team's two kinds of text (README, "How it was tuned").
SDG_FEATURES = ("hand_logit",)
# A goal's terms and its linked SDGs' probability are summed before the log (as
# in the hand-set curve), so that either alone can carry a goal.
GOAL_FEATURES = ("goal_x",)
# The transformer's goal similarity did sharpen goal ranking on the team's texts
# (the static vectors' did not), so that path also reads it.
GOAL_FEATURES_BY_METHOD = {"lexical+semantic": ("goal_x", "semantic_z")}


def linked(probabilities: Iterable[float]) -> float:
    """A goal's support from its linked SDGs: the strongest link, plus LINK_REST of
    what the others would add to it as independent signs (noisy-OR)."""
    ps = sorted(probabilities, reverse=True)
    if not ps:
        return 0.0
    rest = 1.0
    for p in ps[1:]:
        # An SDG without evidence still has a small probability: not a sign.
        rest *= 1.0 - max(0.0, p - LINK_FLOOR) / (1.0 - LINK_FLOOR)
    return ps[0] + LINK_REST * (1.0 - ps[0]) * (1.0 - rest)


def goal_feature_names(method: str) -> tuple[str, ...]:
    return GOAL_FEATURES_BY_METHOD.get(method, GOAL_FEATURES)


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


def log_length(words: int) -> float:
    return math.log1p(min(words, LENGTH_CAP) / LENGTH_WORDS)


def probability(
    mass: float, words: int, midpoint: float, z: float = 0.0, extra: float = 0.0
) -> float:
    """The hand-set curve: term mass, text length and semantic z-score."""
    x = math.log1p(mass) - LENGTH_FACTOR * log_length(words)
    logit = SLOPE * (x - midpoint) + SEMANTIC_WEIGHT * z + extra
    return round(_sigmoid(logit), 4)


def _sigmoid(logit: float) -> float:
    if logit < -40:
        return 0.0
    return 1.0 / (1.0 + math.exp(-logit))


@dataclass(frozen=True)
class Model:
    """A fitted logistic model: probability = σ(intercept + Σ coef·feature)."""

    features: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float

    def __call__(self, values: dict[str, float]) -> float:
        # A feature the values lack is 0 (the indicators of the other SDGs).
        logit = self.intercept + sum(
            c * values.get(f, 0.0) for f, c in zip(self.features, self.coef, strict=False)
        )
        return round(_sigmoid(logit), 4)


# The hand-set SDG curve as a model: probability = σ(hand_logit).
HAND_SET = Model(("hand_logit",), (1.0,), 0.0)


@lru_cache(maxsize=1)
def load_calibration(path: Path = CALIBRATION) -> dict[str, Any]:
    """The fitted coefficients per method and kind ({} if the file is absent)."""
    try:
        data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data


def model_for(method: str, kind: str) -> Model | None:
    """The fitted model for ``kind`` ("sdg", "sdg_idea" or "goal") on ``method``, if any."""
    entry = load_calibration().get("methods", {}).get(method, {}).get(kind)
    if not entry:
        return None
    return Model(tuple(entry["features"]), tuple(entry["coef"]), float(entry["intercept"]))


SDG_NUMBERS = range(1, 18)


def sdg_features(
    mass: float,
    words: int,
    z: float,
    cos: float,
    top_mass: float | None = None,
    number: int = 0,
    context: float | None = None,
) -> dict[str, float]:
    """Features of one SDG; ``top_mass`` (the text's largest SDG term mass)
    adds the passing-mention penalty, left out when None (goal links).
    ``number`` sets the SDG's indicator feature ``sdg_<n>``: the idea curve
    has one intercept per SDG, since how often staff confirm an SDG its words
    point to differs by SDG ("school" is often said in passing, "emissions" not)."""
    x = math.log1p(mass) - LENGTH_FACTOR * log_length(words)
    passing = 0.0 if top_mass is None else max(0.0, math.log1p(top_mass) - math.log1p(mass))
    if context is None:
        semantic = SEMANTIC_WEIGHT * z
    else:
        semantic = REPORT_SEMANTIC_WEIGHT * z + CONTEXT_WEIGHT * context
    features = {
        "hand_logit": SLOPE * (x - SDG_MIDPOINT) + semantic - DOMINANCE * passing,
        "log_mass": math.log1p(mass),
        "log_length": log_length(words),
        "semantic_z": z,
        "semantic_cos": cos,
    }
    if number:
        features[f"sdg_{number}"] = 1.0  # the other SDGs' indicators are 0 (absent)
    return features


def goal_features(mass: float, linked: float, words: int, z: float, cos: float) -> dict[str, float]:
    return {
        "goal_x": math.log1p(mass + LINKED_WEIGHT * linked) - LENGTH_FACTOR * log_length(words),
        "log_mass": math.log1p(mass),
        "linked_sdg": linked,
        "log_length": log_length(words),
        "semantic_z": z,
        "semantic_cos": cos,
    }
