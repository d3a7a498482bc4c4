"""The development view of the SDG decision on the team's own labelled texts.

    python -m alignment.tools.dev_eval [--half tune|check|all|fresh] [--lang en|fi|sv] [--errors]

Reads every ``[[abstracts]]`` table of ``alignment/eval/*.toml`` in one
language (English report, research and project texts written by the team;
Finnish and Swedish idea texts in ``dev_ideas_fisv.toml``; each with ``sdgs``
an expert would pick and ``not_sdgs`` a keyword matcher might wrongly pick) and
scores them as a per-SDG yes/no task: for each SDG, the share of the texts
labelled for it where "probability ≥ 0.5" agrees with the label; the average
over SDGs is the headline figure. The texts are split in two halves by their
position in each file: changes to terms or scoring are made looking at the
``tune`` half and kept only if the ``check`` half agrees. ``fresh`` is a
third view, reported apart: the ``[[fresh]]`` tables of ``policy_en_c.toml``
(written and labelled before the engine's output was looked at), never part
of tune, check or all, and only a check. The SDG Classification Benchmark is
never read here.
"""

from __future__ import annotations

import argparse
import statistics
import tomllib
from pathlib import Path
from typing import Any

from alignment.engine import Engine

EVAL = Path(__file__).resolve().parent.parent / "eval"
THRESHOLD = 0.5


def load_abstracts(half: str = "all", lang: str = "en") -> list[dict[str, Any]]:
    """The labelled abstracts in ``lang`` of every eval file (English when a row
    says nothing); ``half`` picks the tune or check rows, or the fresh check set."""
    rows: list[dict[str, Any]] = []
    table = "fresh" if half == "fresh" else "abstracts"
    for path in sorted(EVAL.glob("*.toml")):
        doc = tomllib.loads(path.read_text("utf-8"))
        mine = [row for row in doc.get(table, []) if row.get("lang", "en") == lang]
        if half == "fresh":
            rows.extend({**row, "file": path.stem} for row in mine)
            continue
        for i, row in enumerate(mine):
            if half == "all" or (half == "tune") == (i % 2 == 0):
                rows.append({**row, "file": path.stem})
    return rows


def per_sdg_accuracy(
    rows: list[dict[str, Any]], predicted: list[set[int]]
) -> tuple[float, dict[int, tuple[int, int]]]:
    """Average per-SDG accuracy and each SDG's (right, labelled) counts."""
    right: dict[int, list[int]] = {n: [0, 0] for n in range(1, 18)}
    for row, got in zip(rows, predicted, strict=True):
        for n in row.get("sdgs", []):
            right[n][0] += n in got
            right[n][1] += 1
        for n in row.get("not_sdgs", []):
            right[n][0] += n not in got
            right[n][1] += 1
    table = {n: (a, b) for n, (a, b) in right.items() if b}
    average = statistics.mean(100 * a / b for a, b in table.values()) if table else 0.0
    return average, table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("tune", "check", "all", "fresh"), default="all")
    parser.add_argument("--errors", action="store_true", help="list every wrong decision")
    parser.add_argument("--lang", choices=("en", "fi", "sv"), default="en")
    args = parser.parse_args()
    engine = Engine(embedder=None)
    rows = load_abstracts(args.half, args.lang)
    predicted = []
    for row in rows:
        result = engine.align(str(row["text"]))
        scores = {int(s.id): s for s in result.sdgs}
        predicted.append({n for n, s in scores.items() if s.probability >= THRESHOLD})
        if args.errors:
            for n in row.get("sdgs", []):
                if n not in predicted[-1]:
                    print(f"  missed  {row['id']:>6} SDG {n:>2} p={scores[n].probability:.2f}")
            for n in row.get("not_sdgs", []):
                if n in predicted[-1]:
                    terms = sorted({e.matched for e in scores[n].evidence})
                    print(
                        f"  wrong   {row['id']:>6} SDG {n:>2} p={scores[n].probability:.2f} "
                        f"{', '.join(terms)[:90]}"
                    )
    average, table = per_sdg_accuracy(rows, predicted)
    print(
        f"{engine.method}: {len(rows)} {args.lang} texts ({args.half}), "
        f"per-SDG accuracy {average:.1f}%"
    )
    print("  " + "  ".join(f"{n}:{100 * a / b:.0f}" for n, (a, b) in table.items()))


if __name__ == "__main__":
    main()
