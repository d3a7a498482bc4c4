"""Evidence precision on the team's audit set (``alignment/eval/evidence_audit.toml``).

    python -m alignment.tools.evidence_audit [--list]

Re-runs the engine on the audited texts as the product shows them (idea genre,
suggestions with probability >= 0.5: up to 3 goals and 4 SDGs) and looks up each
cited phrase's mark. Precision is the share of the cited phrases that a person
marked as genuine support; coverage is the share of the cited phrases that have
a mark at all (a new kind of evidence must be audited before it counts).
"""

from __future__ import annotations

import argparse
import tomllib
from dataclasses import dataclass
from pathlib import Path

from alignment.engine import IDEA, Engine
from alignment.tools.calibrate import load_eval

AUDIT = Path(__file__).resolve().parent.parent / "eval" / "evidence_audit.toml"
MIN_PROBABILITY = 0.5
SHOWN = {"goal": 3, "sdg": 4}

Key = tuple[str, str, str]


@dataclass
class Audit:
    cited: list[Key]
    genuine: list[Key]
    wrong: list[Key]
    unmarked: list[Key]

    @property
    def precision(self) -> float:
        marked = len(self.genuine) + len(self.wrong)
        return len(self.genuine) / marked if marked else 0.0

    @property
    def coverage(self) -> float:
        return 1 - len(self.unmarked) / len(self.cited) if self.cited else 0.0


def marks() -> dict[Key, bool]:
    """Every marked item of ``evidence_audit.toml`` and its companions
    (``evidence_audit_*.toml``, e.g. the items marked on another branch)."""
    out: dict[Key, bool] = {}
    for path in [AUDIT, *sorted(AUDIT.parent.glob("evidence_audit_*.toml"))]:
        doc = tomllib.loads(path.read_text("utf-8"))
        for i in doc["items"]:
            out[(str(i["text"]), str(i["score"]), str(i["phrase"]).lower())] = bool(i["genuine"])
    return out


def audit(engine: Engine) -> Audit:
    """Cite on every audited text and judge each phrase by its mark."""
    marked = marks()
    framework, ideas, _ = load_eval()
    wanted = {key[0] for key in marked}
    result = Audit([], [], [], [])
    for row in ideas:
        if row["id"] not in wanted:
            continue
        aligned = engine.align(str(row["text"]), [framework], genre=IDEA)
        for kind, scores in (("goal", aligned.goals), ("sdg", aligned.sdgs)):
            shown = [s for s in scores if s.probability >= MIN_PROBABILITY][: SHOWN[kind]]
            for score in shown:
                for evidence in score.evidence:
                    key = (str(row["id"]), f"{kind}:{score.id}", evidence.text.lower())
                    result.cited.append(key)
                    mark = marked.get(key)
                    if mark is None:
                        result.unmarked.append(key)
                    else:
                        (result.genuine if mark else result.wrong).append(key)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="list the wrong and unmarked items")
    args = parser.parse_args()
    result = audit(Engine(embedder=None))
    print(
        f"evidence: {len(result.cited)} cited, precision {100 * result.precision:.1f}%, "
        f"coverage {100 * result.coverage:.1f}%"
    )
    if args.list:
        for key in result.wrong:
            print("  wrong    ", *key)
        for key in result.unmarked:
            print("  unmarked ", *key)


if __name__ == "__main__":
    main()
