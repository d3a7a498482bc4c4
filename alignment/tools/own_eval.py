"""The own set's figures with an honest development/test split.

    python -m alignment.tools.own_eval [--part dev|test|all] [--errors] [--sdg N]

Reads ``alignment/eval/own_set.toml`` (ideas, activities and funding-call
summaries in fi/sv/en, labelled with goals and SDGs) and reads every text as an
idea, as the product does. The texts of each language are split by position:
every third one (positions 2, 5, 8, …) is the *test* part, the rest the *dev*
part. Terms, stems and thresholds are changed looking at the dev part only; the
test part is reported, never read for a change. Prints per language goal
top-1/top-3 and SDG precision/recall/F1; ``--errors`` lists the missed and the
wrongly given SDGs per SDG (dev part unless ``--part`` says otherwise), with the
text's id, so a change can be made by kind of miss, not text by text.
"""

from __future__ import annotations

import argparse
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alignment.engine import IDEA, Engine
from alignment.types import Framework, StrategyGoal

EVAL = Path(__file__).resolve().parent.parent / "eval"
THRESHOLD = 0.5
LANGS = ("fi", "sv", "en")
PARTS = ("dev", "test", "all")


def load(path: Path = EVAL / "own_set.toml") -> tuple[Framework, list[dict[str, Any]]]:
    """The own set's framework (its goals as data) and its texts, each with its part."""
    doc = tomllib.loads(path.read_text("utf-8"))
    goals = []
    for g in doc.get("goals", []):
        titles = {lang: g[f"title_{lang}"] for lang in LANGS if f"title_{lang}" in g}
        about = {lang: g[f"description_{lang}"] for lang in LANGS if f"description_{lang}" in g}
        goals.append(StrategyGoal(str(g["id"]), titles, about, sdgs=tuple(g.get("sdgs", ()))))
    seen: Counter[str] = Counter()
    texts = []
    for row in doc.get("texts", []):
        lang = str(row["lang"])
        position = seen[lang]
        seen[lang] += 1
        texts.append({**row, "part": "test" if position % 3 == 2 else "dev"})
    return Framework("eval", tuple(goals)), texts


@dataclass
class Figures:
    n: int = 0
    top1: int = 0
    top3: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    missed: Counter[int] = field(default_factory=Counter)
    wrong: Counter[int] = field(default_factory=Counter)
    rows: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return 100 * self.tp / max(self.tp + self.fp, 1)

    @property
    def recall(self) -> float:
        return 100 * self.tp / max(self.tp + self.fn, 1)

    @property
    def f1(self) -> float:
        return 2 * self.tp / max(2 * self.tp + self.fp + self.fn, 1)

    def line(self, name: str) -> str:
        n = max(self.n, 1)
        return (
            f"{name}: n={self.n} goal top-1 {100 * self.top1 / n:.1f}% "
            f"top-3 {100 * self.top3 / n:.1f}%; SDG precision {self.precision:.1f}% "
            f"recall {self.recall:.1f}% F1 {self.f1:.2f}"
        )


def evaluate(engine: Engine, part: str = "all") -> dict[str, Figures]:
    """Figures per language and for all three (key ``"all"``) on ``part``."""
    framework, texts = load()
    out = {key: Figures() for key in (*LANGS, "all")}
    for row in texts:
        if part != "all" and row["part"] != part:
            continue
        result = engine.align(str(row["text"]), [framework], genre=IDEA)
        ranked = [s.id for s in result.goals]
        wanted = {str(g) for g in row["goals"]}
        got = {int(s.id) for s in result.sdgs if s.probability >= THRESHOLD}
        expected = {int(n) for n in row["sdgs"]}
        for fig in (out[str(row["lang"])], out["all"]):
            fig.n += 1
            fig.top1 += bool(wanted & set(ranked[:1]))
            fig.top3 += bool(wanted & set(ranked[:3]))
            fig.tp += len(got & expected)
            fig.fp += len(got - expected)
            fig.fn += len(expected - got)
            fig.missed.update(expected - got)
            fig.wrong.update(got - expected)
        out[str(row["lang"])].rows.append(
            f"{row['id']} goals {'+' if wanted & set(ranked[:1]) else '-'} "
            f"{sorted(wanted)} got {ranked[:3]}; SDGs missed {sorted(expected - got)} "
            f"wrong {sorted(got - expected)} "
            + " ".join(f"{s.id}:{s.probability:.2f}" for s in result.sdgs[:5])
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--part", choices=PARTS, default=None)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    engine = Engine(embedder=None)
    parts = (args.part,) if args.part else PARTS
    for part in parts:
        figures = evaluate(engine, part)
        for key in (*LANGS, "all"):
            print(figures[key].line(f"{part} {key}"))
        if args.errors:
            for lang in LANGS:
                print(f"  {lang} missed by SDG {dict(sorted(figures[lang].missed.items()))}")
                print(f"  {lang} wrong by SDG {dict(sorted(figures[lang].wrong.items()))}")
                for line in figures[lang].rows:
                    print("   ", line)


if __name__ == "__main__":
    main()
