"""SDGs of a text in another language (German, Estonian, Russian …): the transformer alone.

Such a text has no term evidence (the term lists are Finnish, Swedish and
English), so its SDGs rest on the multilingual transformer's similarity to each
SDG's own texts, embedded once per process:

* its name and description in Finnish, Swedish and English,
* its targets as the team describes them ("Investment promotion for least
  developed countries"), and
* its name with its terms in each language, as one list ("Ilmastotoimet:
  ilmastonmuutos, hiilineutraali, päästövähennys, …").

An SDG's similarity is the mean of the best match of each of the three kinds:
a text must be close to what the SDG is, to one of its targets and to its
vocabulary, not to one of them by chance; less that SDG's mean similarity over the
team's ideas (``centre``), since some SDGs sit close to any partner idea. The
calibrated curve (``alignment.tools.calibrate_other``) turns the similarity and how
far it stands above the other SDGs into a probability, with one intercept per SDG
(as the idea curve has: how often staff confirm an SDG a text is near differs by
SDG); then, as a person would, only the few SDGs the text is clearly about are
suggested: at most ``top_k``, each within ``margin`` of the best similarity. The
rest keep a lowered probability (``OUTSIDE_FACTOR``), so they are ranked but not
suggested. ``top_k`` and ``margin`` are chosen with the curve, by cross-validated F1
on the team's own Finnish, Swedish and English ideas read the same way (checked on
the team's development ideas in other languages); the other-language test
texts are never used for it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from alignment import scoring
from alignment.embedding import Embedder, Vectors
from alignment.sdg_data import LANGS, SdgKnowledge
from alignment.types import Score

KINDS = ("name", "target", "terms")
TERMS_PER_LIST = 40
# Defaults when the calibration file has none (the values it was fitted with).
TOP_K = 3
MARGIN = 0.02
OUTSIDE_FACTOR = 0.5


def reference_texts(knowledge: SdgKnowledge) -> list[tuple[int, str, str]]:
    """(SDG number, kind, text) of every SDG reference text, in a fixed order."""
    refs: list[tuple[int, str, str]] = []
    for info in knowledge.goals:
        for lang in LANGS:
            refs.append((info.number, "name", f"{info.name[lang]}: {info.about[lang]}"))
    for code, about in knowledge.target_about.items():
        number = int(code.split(".")[0])
        name = knowledge.goals[number - 1].name["en"]
        refs.append((number, "target", f"{name}: {about}"))
    terms: dict[tuple[int, str], list[str]] = defaultdict(list)
    for term in knowledge.terms:
        kind, _, code = term.owner.partition(":")
        if kind == "sdg":
            terms[(int(code), term.lang)].append(term.text.strip("*+=").replace("*", ""))
    for info in knowledge.goals:
        for lang in LANGS:
            words = ", ".join(terms[(info.number, lang)][:TERMS_PER_LIST])
            refs.append((info.number, "terms", f"{info.name[lang]}: {words}"))
    return refs


class SdgReferences:
    """The SDGs' own texts, embedded once (on first use), and a text's similarity to them."""

    def __init__(self, embedder: Embedder, knowledge: SdgKnowledge) -> None:
        self.embedder = embedder
        self.refs = reference_texts(knowledge)
        self.count = len(knowledge.goals)
        self._matrix: Vectors | None = None
        self._masks = [
            [
                np.array([n == number and k == kind for n, k, _ in self.refs])
                for number in range(1, self.count + 1)
            ]
            for kind in KINDS
        ]

    def similarities(self, vector: Vectors, centred: bool = True) -> Vectors:
        """Per SDG (1..17), the mean over the kinds of its best reference's cosine;
        ``centred``: less the SDG's own mean over the team's ideas (``centre``)."""
        if self._matrix is None:
            self._matrix = self.embedder.embed([text for _, _, text in self.refs])
        sims = self._matrix @ vector
        per_kind = [[float(sims[mask].max()) for mask in masks] for masks in self._masks]
        result: Vectors = np.mean(np.array(per_kind, dtype=np.float32), axis=0)
        mean = centre() if centred else None
        if mean is not None and len(mean) == len(result):
            result = (result - mean + float(mean.mean())).astype(np.float32)
        return result


def centre() -> Vectors | None:
    """Each SDG's mean similarity over the team's fi/sv/en ideas, as fitted with the
    curve (None without one). Some SDGs' texts sit close to any partner idea (every
    idea is about cooperating, so "Partnerships for the goals" is near all of them):
    the similarity a text adds above that mean is what says it is about the SDG."""
    entry = (
        scoring.load_calibration().get("methods", {}).get("lexical+semantic", {}).get("sdg_other")
    )
    if not entry or not entry.get("centre"):
        return None
    return np.array(entry["centre"], dtype=np.float32)


def limits() -> tuple[int, float]:
    """``top_k`` and ``margin`` as fitted with the curve (or the defaults)."""
    entry = (
        scoring.load_calibration().get("methods", {}).get("lexical+semantic", {}).get("sdg_other")
    )
    if not entry:
        return TOP_K, MARGIN
    return int(entry.get("top_k", TOP_K)), float(entry.get("margin", MARGIN))


def shortlist(
    probabilities: Sequence[float], cosines: Sequence[float], top_k: int, margin: float
) -> list[bool]:
    """Which SDGs may be suggested: the ``top_k`` most probable within ``margin`` of
    the best cosine (``top_k`` 0: no limit on the number)."""
    best = max(cosines, default=0.0)
    order = sorted(range(len(probabilities)), key=lambda i: -probabilities[i])
    rank = {i: r for r, i in enumerate(order)}
    return [
        cosines[i] >= best - margin and (top_k == 0 or rank[i] < top_k)
        for i in range(len(probabilities))
    ]


def limited(scores: list[Score], cosines: Sequence[float]) -> list[Score]:
    """``scores`` (SDG order) with the SDGs outside the shortlist lowered."""
    top_k, margin = limits()
    keep = shortlist([s.probability for s in scores], cosines, top_k, margin)
    return [
        s if kept else replace(s, probability=s.probability * OUTSIDE_FACTOR)
        for s, kept in zip(scores, keep, strict=True)
    ]
