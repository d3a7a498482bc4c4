"""How terms are read: idioms that mean something else, exact forms, term languages."""

from __future__ import annotations

import pytest

from alignment import Engine


def matched(engine: Engine, text: str, sdg: str) -> set[str]:
    """The term texts cited as evidence for ``sdg``."""
    score = next(s for s in engine.align(text).sdgs if s.id == sdg)
    return {e.matched for e in score.evidence}


def test_an_idiom_of_another_field_is_not_evidence(lexical: Engine) -> None:
    ml = "A deep learning model was fitted on the training set with a small learning rate."
    assert matched(lexical, ml, "4") == set()
    school = "Teachers in primary schools help pupils with learning difficulties."
    assert {"learning", "teacher*", "pupil*"} <= matched(lexical, school, "4")


def test_physics_energy_is_not_energy_policy(lexical: Engine) -> None:
    physics = "The energy landscape and the activation energy explain the binding energy."
    assert matched(lexical, physics, "7") == set()
    policy = "The town replaced its coal boiler with a heat pump to cut energy use."
    assert any("energy" in term for term in matched(lexical, policy, "7"))


def test_an_exact_form_excludes_only_that_form(lexical: Engine) -> None:
    assert matched(lexical, "The studies report conflicting results.", "16") == set()
    armed = matched(lexical, "Armed conflict displaced the villagers.", "16")
    assert any("conflict" in term for term in armed)


def test_a_prefix_does_not_catch_unrelated_words(lexical: Engine) -> None:
    text = "The business season opened in a courtyard with hospitality staff."
    for sdg in ("11", "14", "16", "3"):
        assert matched(lexical, text, sdg) == set(), sdg


def test_an_english_text_reads_english_terms(lexical: Engine) -> None:
    # "pilotti" (Finnish) would otherwise match inside "piloting" with its own weight.
    result = lexical.align("The team is piloting a new internet service for innovation.")
    nine = next(s for s in result.sdgs if s.id == "9")
    assert nine.evidence and {e.language for e in nine.evidence} == {"en"}


def test_a_finnish_text_reads_finnish_terms_only(lexical: Engine) -> None:
    # An English phrase inside a Finnish text is not Finnish evidence (issue #17);
    # the Finnish words around it still are.
    text = "Espoo kehittää smart city -ratkaisuja ja kestävää kaupunkisuunnittelua."
    result = lexical.align(text)
    eleven = next(s for s in result.sdgs if s.id == "11")
    assert eleven.evidence and {e.language for e in eleven.evidence} == {"fi"}
    assert "smart cit*" not in matched(lexical, text, "11")


def test_an_idea_reads_its_sdgs_more_generously_than_a_report(static: Engine) -> None:
    idea = "We would like to start a pupil exchange with a school in Tallinn next spring."
    as_idea = next(s for s in static.align(idea, genre="idea").sdgs if s.id == "4")
    as_report = next(s for s in static.align(idea).sdgs if s.id == "4")
    assert as_idea.probability > as_report.probability
    assert as_idea.evidence == as_report.evidence  # same reading, another calibration


def test_an_unknown_genre_is_refused(static: Engine) -> None:
    with pytest.raises(ValueError):
        static.align("text", genre="poem")
