"""Similar existing items and near-duplicate ideas, over an in-memory index.

Each item becomes two parts, each L2-normalised and weighted so that the
cosine of two items is the average of the parts' cosines:

* a hashed bag of word stems and stem pairs (384 dimensions; CRC32, not
  Python's salted ``hash``, so results are the same in every process): the
  same words, in any inflection;
* its concept vector (128 dimensions, ``alignment/concepts.py``): the same
  *meaning*, in any of fi/sv/en — a Finnish idea finds the Swedish or English
  activity about the same thing although they share no word.

100,000 items fit in ~200 MB and a query is one matrix-vector product. Without
the concept vectors the index is the hashed part alone. The Django side
rebuilds the index from the database.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterable

import numpy as np

from alignment.concepts import ConceptSpace, default_concepts
from alignment.language import STOP_WORDS, detect_language
from alignment.lexicon import stem
from alignment.text import mask_markup, tokenize
from alignment.types import Match

DIM = 384
# Share of the cosine that comes from the words (the rest from the concepts).
WORD_SHARE = 0.5
DUPLICATE_THRESHOLD = 0.9
_STOP = frozenset().union(*STOP_WORDS.values())


def _stems(text: str) -> list[str]:
    words = [t.norm for t in tokenize(mask_markup(text))]
    # Words are stemmed with all three stemmers in turn so fi/sv/en inflections meet.
    return [stem("en", stem("sv", stem("fi", w))) for w in words if w not in _STOP]


def vectorize(text: str, concepts: ConceptSpace | None = None) -> np.ndarray:
    """The normalised item vector of one text (zeros for empty text)."""
    hashed = _hashed(text)
    if concepts is None:
        return hashed
    if not hashed.any():
        return np.zeros(DIM + concepts.dim, dtype=np.float32)
    tokens = tokenize(mask_markup(text))
    meaning = concepts.vector([t.norm for t in tokens], detect_language(tokens).code)
    if meaning is None:
        meaning = np.zeros(concepts.dim, dtype=np.float32)
    return np.concatenate(
        [hashed * np.sqrt(WORD_SHARE), meaning * np.sqrt(1.0 - WORD_SHARE)]
    ).astype(np.float32)


def _hashed(text: str) -> np.ndarray:
    """The hashed, normalised stem vector of one text (zeros for empty text)."""
    vector = np.zeros(DIM, dtype=np.float32)
    stems = _stems(text)
    features = stems + [a + " " + b for a, b in itertools.pairwise(stems)]
    for feature in features:
        h = zlib.crc32(feature.encode("utf-8"))
        vector[h % DIM] += 1.0 if (h >> 16) & 1 else -1.0
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


class Index:
    """Items (id, text) that new texts are compared with."""

    def __init__(
        self,
        items: Iterable[tuple[str, str]] = (),
        concepts: ConceptSpace | str | None = "auto",
    ) -> None:
        self.concepts = default_concepts()[0] if concepts == "auto" else concepts
        if isinstance(self.concepts, str):
            raise ValueError("concepts must be a ConceptSpace, None or 'auto'")
        width = DIM + (self.concepts.dim if self.concepts is not None else 0)
        self._ids: list[str] = []
        self._matrix = np.zeros((0, width), dtype=np.float32)
        self.add(items)

    def _vector(self, text: str) -> np.ndarray:
        concepts = self.concepts if isinstance(self.concepts, ConceptSpace) else None
        return vectorize(text, concepts)

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, items: Iterable[tuple[str, str]]) -> None:
        """Add items; an id already present is replaced."""
        new = [(item_id, self._vector(text)) for item_id, text in items]
        if not new:
            return
        positions = {item_id: i for i, item_id in enumerate(self._ids)}
        rows = list(self._matrix)
        for item_id, vector in new:
            if item_id in positions:
                rows[positions[item_id]] = vector
            else:
                positions[item_id] = len(self._ids)
                self._ids.append(item_id)
                rows.append(vector)
        self._matrix = np.vstack(rows).astype(np.float32) if rows else self._matrix

    def similar(self, text: str, k: int = 10) -> tuple[Match, ...]:
        """The ``k`` most similar items, best first (ties by id, for determinism)."""
        if not self._ids or k <= 0:
            return ()
        query = self._vector(text)
        if not query.any():
            return ()
        scores = self._matrix @ query
        k = min(k, len(self._ids))
        top = (
            np.argpartition(-scores, k - 1)[:k] if k < len(self._ids) else np.arange(len(self._ids))
        )
        ranked = sorted(top.tolist(), key=lambda i: (-round(float(scores[i]), 6), self._ids[i]))
        return tuple(Match(self._ids[i], round(float(scores[i]), 4)) for i in ranked)

    def duplicates(self, text: str, threshold: float = DUPLICATE_THRESHOLD) -> tuple[Match, ...]:
        """Items so close to ``text`` that they are likely the same idea."""
        return tuple(m for m in self.similar(text, k=20) if m.score >= threshold)
