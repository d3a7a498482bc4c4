"""Benchmarks of the alignment engine; prints figures, never part of the test run.

    python bench/bench_alignment.py            (from the repository root)

1. The SDG Classification Benchmark (PyPI ``sdgclassification-benchmark``): a
   HELD-OUT test. It is only run here to report; nothing in the engine was
   trained, tuned or chosen on it. Accuracy is computed by the package itself
   (per row: is the row's SDG among the predicted SDGs; averaged per SDG, then
   unweighted over the 17 SDGs), predicting every SDG with probability >= 0.5.
2. The team's evaluation set in ``alignment/eval/`` (skipped if absent): ideas
   and activity texts (goal top-1/top-3, SDG F1 per language), research-style
   English abstracts (per-SDG yes/no accuracy, as the benchmark counts it), and
   the reliability of the probabilities (ECE: 5-fold cross-validated, from
   ``alignment/data/calibration.json``, and in-sample on the same texts).
3. Speed and memory on one process.

The product path is measured: "lexical+static" (the default) or, with
ALIGNMENT_EMBEDDINGS=true, "lexical+semantic" (the transformer). ``--compare``
also measures the other paths (each is one more run of the held-out benchmark).

Long because it measures every figure the alignment docs report (held-out benchmark, the
team's set per language, calibration, speed) and prints them in one run.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import os
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alignment import Engine, Index
from alignment.tools.dev_eval import load_abstracts, per_sdg_accuracy

THRESHOLD = 0.5
LEADERBOARD = [
    ("AFD SDG Prospector", 88),
    ("OpenAI GPT-4o", 87),
    ("Meta Llama 3 70B", 86),
    ("Mixtral 8x7B", 85),
    ("OpenAI GPT-4 Turbo", 85),
    ("text2sdg", 83),
    ("Global Goals Directory", 81),
    ("OpenAI GPT-3.5 Turbo", 80),
    ("Aurora SDG", 79),
    ("JRC SDG Mapper", 77),
    ("OSDG v1", 70),
]
WORDS = [
    "Espoo",
    "city",
    "climate",
    "energy",
    "school",
    "teachers",
    "learning",
    "companies",
    "startup",
    "innovation",
    "tram",
    "emissions",
    "nature",
    "park",
    "forest",
    "integration",
    "immigrants",
    "jobs",
    "talent",
    "congress",
    "visitors",
    "water",
    "housing",
    "children",
    "youth",
    "culture",
    "research",
    "university",
    "partnership",
    "network",
    "project",
    "funding",
    "kaupunki",
    "ilmasto",
    "energia",
    "koulu",
    "opettajat",
    "yritykset",
    "innovaatio",
    "päästöt",
    "luonto",
    "asuminen",
    "staden",
    "klimat",
    "energi",
    "skola",
    "lärare",
    "företag",
    "innovation",
    "utsläpp",
    "natur",
    "bostäder",
    "and",
    "the",
    "of",
    "ja",
    "och",
]


def sdg_benchmark(engine: Engine) -> float | None:
    try:
        from sdgclassification.benchmark import Benchmark
    except ImportError:
        print("SDG benchmark: package sdgclassification-benchmark not installed, skipped")
        return None
    cache: dict[str, list[int]] = {}

    def predict(text: str) -> list[int]:
        if text not in cache:
            result = engine.align(text)
            cache[text] = [int(s.id) for s in result.sdgs if s.probability >= THRESHOLD]
        return cache[text]

    benchmark = Benchmark(predict)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        benchmark.run()
    print(f"SDG Classification Benchmark, engine method {engine.method}:")
    print(benchmark.stats)
    average = float(benchmark.stats.average.accuracy)
    board = sorted(
        [*LEADERBOARD, (f"International Espoo ({engine.method})", round(average, 1))],
        key=lambda row: -row[1],
    )
    print("Leaderboard (average accuracy %, published figures):")
    for name, accuracy in board:
        print(f"  {accuracy:>5}  {name}")
    return average


def research_set(engine: Engine) -> dict[str, float] | None:
    """Per-SDG yes/no accuracy on the team's English report and research texts."""
    rows = load_abstracts()
    if not rows:
        return None
    predicted = [
        {int(s.id) for s in engine.align(str(row["text"])).sdgs if s.probability >= THRESHOLD}
        for row in rows
    ]
    average, _ = per_sdg_accuracy(rows, predicted)
    print(f"Own report/research texts (en): n={len(rows)} per-SDG accuracy {average:.1f}%")
    return {"average_accuracy": round(average, 1), "texts": len(rows)}


def reliability(engine: Engine) -> dict[str, float] | None:
    """ECE of the SDG and goal probabilities: cross-validated (stored) and in-sample."""
    from alignment import scoring
    from alignment.tools.calibrate import ece, load_eval

    stored = scoring.load_calibration().get("methods", {}).get(engine.method)
    if not stored:
        print(f"calibration: no fitted model for {engine.method} (hand-set curve)")
        return None
    _, ideas, abstracts = load_eval()
    probs: list[float] = []
    labels: list[float] = []
    for row in [*ideas, *abstracts]:
        result = engine.align(str(row["text"]))
        wanted = set(row.get("sdgs", []))
        for score in result.sdgs:
            probs.append(score.probability)
            labels.append(1.0 if int(score.id) in wanted else 0.0)
    import numpy as np

    in_sample = ece(np.array(probs), np.array(labels))
    figures = {
        "sdg_ece_cross_validated": stored["sdg"]["cross_validated"]["ece"],
        "goal_ece_cross_validated": stored["goal"]["cross_validated"]["ece"],
        "sdg_ece_in_sample": round(in_sample, 4),
    }
    print(
        f"calibration ({engine.method}): "
        f"SDG ECE 5-fold CV {figures['sdg_ece_cross_validated']:.3f}, "
        f"in-sample {in_sample:.3f}; goal ECE 5-fold CV {figures['goal_ece_cross_validated']:.3f}"
    )
    return figures


def own_set(engine: Engine) -> dict[str, dict[str, Any]] | None:
    """The own set (``alignment/eval/own_set.toml``, read as ideas): per language goal
    top-1/top-3 and SDG precision/recall/F1 on all texts, and on the test part (every
    third text of a language, never read for a change: ``alignment.tools.own_eval``)."""
    from alignment.tools.own_eval import EVAL, evaluate

    if not (EVAL / "own_set.toml").is_file():
        print("Own evaluation set: alignment/eval/own_set.toml is missing, skipped")
        return None
    figures: dict[str, dict[str, Any]] = {}
    for part in ("all", "test"):
        results = evaluate(engine, part)
        for lang in ("fi", "sv", "en", "all"):
            fig = results[lang]
            name = f"Own set {lang}" + (" (test part)" if part == "test" else "")
            print(fig.line(name))
            n = max(fig.n, 1)
            row: dict[str, Any] = {
                "top1": round(100 * fig.top1 / n, 1),
                "top3": round(100 * fig.top3 / n, 1),
                "sdg_f1": round(fig.f1, 2),
                "sdg_precision": round(fig.precision, 1),
                "sdg_recall": round(fig.recall, 1),
                "texts": fig.n,
            }
            if lang == "all":
                continue  # the register page shows languages; the total is printed
            if part == "all":
                figures[lang] = row
            else:
                figures[lang]["test_part"] = row
    return figures


def trust(engine: Engine, own: dict[str, dict[str, Any]] | None) -> dict[str, float]:
    """Knowing when not to align and the precision of the cited evidence, per language
    (added to ``own`` for the AI register page)."""
    from alignment.tools.abstain_eval import evaluate
    from alignment.tools.evidence_audit import audit

    figures = evaluate(engine)
    cited = audit(engine)
    overall: dict[str, float] = {
        "negatives_recognised": round(figures.rate(figures.negatives), 1),
        "ideas_set_aside": round(figures.rate(figures.ideas), 1),
        "evidence_precision": round(100 * cited.precision, 1),
        "evidence_items": len(cited.cited),
        "negatives": sum(n for _, n in figures.negatives.values()),
    }
    for lang in ("fi", "sv", "en"):
        genuine = sum(1 for key in cited.genuine if key[0].startswith(lang + "-"))
        wrong = sum(1 for key in cited.wrong if key[0].startswith(lang + "-"))
        row = {
            "negatives_recognised": round(figures.rate(figures.negatives, lang), 1),
            "ideas_set_aside": round(figures.rate(figures.ideas, lang), 1),
            "evidence_precision": round(100 * genuine / max(genuine + wrong, 1), 1),
        }
        print(
            f"Trust {lang}: negatives recognised {row['negatives_recognised']:.1f}%, "
            f"ideas set aside {row['ideas_set_aside']:.1f}%, evidence precision "
            f"{row['evidence_precision']:.1f}% ({genuine + wrong} cited phrases)"
        )
        if own is not None and lang in own:
            own[lang].update(row)
    print(
        f"Trust, all: negatives recognised {overall['negatives_recognised']:.1f}% of "
        f"{overall['negatives']:.0f} (check set {figures.check[0]}/{figures.check[1]}), "
        f"ideas set aside {overall['ideas_set_aside']:.1f}%, evidence precision "
        f"{overall['evidence_precision']:.1f}% of {overall['evidence_items']:.0f} cited phrases"
    )
    return overall


def other_languages() -> dict[str, dict[str, float]]:
    """The team's German, Estonian and Russian ideas, read as the worker reads them
    (the transformer), whatever the product path measured above."""
    from alignment.tools.other_eval import evaluate, report

    engine = Engine()
    if engine.embedder is None:
        print("Other languages: the transformer did not load, skipped")
        return {}
    figures = evaluate(engine)
    report(figures, engine.method)
    return figures


def text_of(words: int, rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def timings(fn: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def percentile(values: list[float], q: float) -> float:
    return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def speed(engine: Engine, label: str) -> float:
    rng = random.Random(0)
    engine.align(text_of(20, rng))  # warm up: loads the model and SDG vectors
    p50_100 = 0.0
    for words in (100, 1000):
        texts = [text_of(words, rng) for _ in range(30)]
        it = iter(texts)
        ms = timings(lambda it=it: engine.align(next(it)), len(texts))  # type: ignore[misc]
        print(
            f"speed [{label}] {words} words: p50 {statistics.median(ms):.1f} ms, "
            f"p95 {percentile(ms, 0.95):.1f} ms"
        )
        if words == 100:
            p50_100 = statistics.median(ms)
    batch = [text_of(100, rng) for _ in range(100)]
    started = time.perf_counter()
    for text in batch:
        engine.align(text)
    print(
        f"speed [{label}] batch of 100 x 100 words: "
        f"{100 / (time.perf_counter() - started):.1f} texts/s"
    )
    return p50_100


def similar_speed() -> float:
    rng = random.Random(1)
    started = time.perf_counter()
    index = Index((f"item-{i}", text_of(15, rng)) for i in range(100_000))
    print(
        f"similar(): built index of {len(index)} generated items "
        f"in {time.perf_counter() - started:.1f} s"
    )
    queries = [text_of(40, rng) for _ in range(200)]
    it = iter(queries)
    ms = timings(lambda: index.similar(next(it), 10), len(queries))
    print(
        f"similar() top-10 over 100,000 items: p50 {statistics.median(ms):.1f} ms, "
        f"p95 {percentile(ms, 0.95):.1f} ms"
    )
    return percentile(ms, 0.95)


MEASURED = Path(__file__).resolve().parent.parent / "alignment" / "measured.json"


def write_measured(
    method: str,
    accuracy: float | None,
    own: dict[str, dict[str, Any]] | None,
    p50: float,
    extra: dict[str, object] | None = None,
) -> None:
    """Keep the figures for the public AI register page (portal), which shows the last run."""
    MEASURED.write_text(
        json.dumps(
            {
                "measured_on": datetime.date.today().isoformat(),
                "command": "make bench-alignment",
                "method": method,
                "sdg_benchmark_average_accuracy": None if accuracy is None else round(accuracy, 1),
                "own_set": own or {},
                "p50_ms_100_words": round(p50, 1),
                **(extra or {}),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"figures written to {MEASURED.relative_to(MEASURED.parent.parent)}")


def main() -> None:
    # The path the product uses: the static concept layer by default, the
    # transformer with ALIGNMENT_EMBEDDINGS=true. --compare measures the others too.
    embeddings = os.environ.get("ALIGNMENT_EMBEDDINGS", "").lower() in {"1", "true", "yes", "on"}
    engine = Engine() if embeddings else Engine(embedder=None)
    print(f"product engine method: {engine.method}")
    held_out = "--no-benchmark" not in sys.argv
    accuracy = sdg_benchmark(engine) if held_out else None
    own = own_set(engine)
    trusted = trust(engine, own)
    other_figures = other_languages()
    research = research_set(engine)
    calibration = reliability(engine)
    p50 = speed(engine, engine.method)
    if "--compare" in sys.argv:
        others = [Engine(embedder=None, concepts=None), Engine()]
        for other in others:
            if other.method != engine.method:
                if held_out:
                    sdg_benchmark(other)
                own_set(other)
                research_set(other)
                speed(other, other.method)
    similar_p95 = similar_speed()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak_mb:.0f} MB")
    if held_out:  # a development run (--no-benchmark) leaves the published figures alone
        write_measured(
            engine.method,
            accuracy,
            own,
            p50,
            {
                "research_set": research or {},
                "trust": trusted,
                "other_languages": other_figures,
                "calibration": calibration or {},
                "similar_p95_ms_100k": round(similar_p95, 1),
            },
        )
    acc = f"{accuracy:.1f}%" if accuracy is not None else "n/a"
    fi, sv, en = (
        (f"{own[lang]['top3']:.1f}%" for lang in ("fi", "sv", "en")) if own else ("n/a",) * 3
    )
    print(
        f"alignment: sdg-benchmark average accuracy {acc}; own set top-3 goal accuracy "
        f"fi {fi} sv {sv} en {en}; p50 {p50:.0f} ms (100 words)"
    )


if __name__ == "__main__":
    main()
