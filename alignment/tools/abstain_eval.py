"""How well the engine knows when not to align.

    python -m alignment.tools.abstain_eval [--list]

Negatives: the team's sales offers, spam, job applications, complaints and vague
texts (``alignment/eval/negatives.toml``); the share the engine sets aside, and
the share set aside for the labelled reason. Real ideas: every idea text of the
team's sets (own set and the fi/sv development ideas); the share set aside.
"""

from __future__ import annotations

import argparse
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from alignment.engine import IDEA, Engine

EVAL = Path(__file__).resolve().parent.parent / "eval"


@dataclass
class Figures:
    negatives: dict[str, list[int]] = field(default_factory=dict)  # lang -> [recognised, n]
    ideas: dict[str, list[int]] = field(default_factory=dict)  # lang -> [set aside, n]
    check: list[int] = field(default_factory=lambda: [0, 0])
    right_reason: int = 0
    misses: list[str] = field(default_factory=list)

    def rate(self, table: dict[str, list[int]], lang: str | None = None) -> float:
        rows = [v for k, v in table.items() if lang in (None, k)]
        n = sum(r[1] for r in rows)
        return 100 * sum(r[0] for r in rows) / n if n else 0.0


def negatives() -> list[dict[str, object]]:
    return list(tomllib.loads((EVAL / "negatives.toml").read_text("utf-8"))["negatives"])


def ideas() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for name in ("own_set", "dev_ideas_fisv"):
        doc = tomllib.loads((EVAL / f"{name}.toml").read_text("utf-8"))
        rows.extend(doc.get("texts", []))
        rows.extend({"lang": "en", **r} for r in doc.get("abstracts", []))
    return rows


def evaluate(engine: Engine) -> Figures:
    figures = Figures()
    for row in negatives():
        got = engine.align(str(row["text"]), genre=IDEA).abstain
        lang = str(row["lang"])
        cell = figures.negatives.setdefault(lang, [0, 0])
        cell[0] += bool(got)
        cell[1] += 1
        figures.right_reason += got == row["reason"]
        if row.get("check"):
            figures.check[0] += bool(got)
            figures.check[1] += 1
        if not got:
            figures.misses.append(f"negative not recognised: {row['id']}")
    for row in ideas():
        got = engine.align(str(row["text"]), genre=IDEA).abstain
        lang = str(row.get("lang", "en"))
        cell = figures.ideas.setdefault(lang, [0, 0])
        cell[0] += bool(got)
        cell[1] += 1
        if got:
            figures.misses.append(f"idea set aside ({got}): {row['id']}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    f = evaluate(Engine(embedder=None))
    for lang in ("fi", "sv", "en"):
        print(
            f"{lang}: negatives recognised {f.rate(f.negatives, lang):.1f}%, "
            f"ideas set aside {f.rate(f.ideas, lang):.1f}%"
        )
    print(
        f"all: negatives recognised {f.rate(f.negatives):.1f}% "
        f"(check set {f.check[0]}/{f.check[1]}), ideas set aside {f.rate(f.ideas):.1f}%"
    )
    if args.list:
        print("\n".join(f.misses))


if __name__ == "__main__":
    main()
