from alignment import Engine, Result
from alignment.tests.conftest import ESPOO

FI = (
    "Hankkeessa vähennetään rakennusten kasvihuonekaasupäästöjä "
    "ja lisätään uusiutuvan energian käyttöä, "
    "jotta Espoo olisi hiilineutraali vuoteen 2030 mennessä ja ilmastonmuutokseen vastattaisiin."
)
SV = (
    "Projektet minskar byggnadernas växthusgasutsläpp och ökar användningen av förnybar energi, "
    "så att Esbo blir koldioxidneutralt år 2030 och klimatförändringen bromsas."
)


def top_sdgs(result: Result, n: int = 2) -> set[str]:
    return {s.id for s in result.sdgs[:n]}


def test_finnish_inflection_and_compounds_match(lexical: Engine) -> None:
    result = lexical.align("Tutkimme ilmastonmuutokseen sopeutumista.", [ESPOO])
    assert result.sdgs[0].id == "13"
    assert any(
        e.text.startswith("ilmastonmuutokseen") and e.matched.startswith("ilmasto")
        for e in result.sdgs[0].evidence
    )


def test_finnish_and_swedish_texts_land_on_the_same_goal_and_sdgs(engine: Engine) -> None:
    fi, sv = engine.align(FI, [ESPOO]), engine.align(SV, [ESPOO])
    assert (fi.language, sv.language) == ("fi", "sv")
    assert fi.goals[0].id == sv.goals[0].id == "6"
    assert top_sdgs(fi) == top_sdgs(sv) == {"13", "7"}


def test_same_on_the_lexical_path(lexical: Engine) -> None:
    fi, sv = lexical.align(FI, [ESPOO]), lexical.align(SV, [ESPOO])
    assert fi.goals[0].id == sv.goals[0].id == "6"
    assert top_sdgs(fi) == top_sdgs(sv) == {"13", "7"}
    assert "lexical fallback" in fi.note and fi.method == "lexical"


def test_evidence_offsets_point_into_the_text(lexical: Engine) -> None:
    text = "<p>Uusi koulu&nbsp;ja   opettajien\nkoulutus.</p> We train teachers and build schools!"
    result = lexical.align(text, [ESPOO])
    scores = [s for s in result.sdgs + result.goals + result.targets if s.evidence]
    assert scores
    for score in scores:
        for ev in score.evidence:
            assert text[ev.start : ev.end] == ev.text
            assert ev.sentence_start <= ev.start < ev.end <= ev.sentence_end <= len(text)


def test_pdf_hyphenation_is_joined(lexical: Engine) -> None:
    text = "Hanke edistää uusiutu-\nvan energian ja ilmaston-\nmuutoksen hillintää."
    result = lexical.align(text)
    matched = {e.matched: e.text for s in result.sdgs for e in s.evidence}
    assert matched["ilmastonmuutoksen hillintä"] == "ilmaston-\nmuutoksen hillintää"
    assert matched["uusiutuva energia"] == "uusiutu-\nvan energian"


def test_probabilities_are_probabilities(lexical: Engine) -> None:
    result = lexical.align("Poverty and hunger in rural areas; farmers lack food security.")
    assert all(0.0 <= s.probability <= 1.0 for s in result.sdgs + result.targets)
    assert {"1", "2"} <= top_sdgs(result, 3)
    assert [s.probability for s in result.sdgs] == sorted(
        (s.probability for s in result.sdgs), reverse=True
    )


def test_it_is_deterministic(engine: Engine) -> None:
    assert engine.align(FI, [ESPOO]) == engine.align(FI, [ESPOO])
    assert Engine(embedder=None).align(SV, [ESPOO]) == Engine(embedder=None).align(SV, [ESPOO])


def test_goals_are_data_a_new_goal_works_without_code() -> None:
    from alignment import Framework, StrategyGoal

    kids = Framework(
        "2025-2029",
        (
            StrategyGoal(
                "a",
                {"fi": "Lasten ja nuorten pääkaupunki"},
                keywords={"fi": ("nuoriso", "harrastus")},
            ),
            StrategyGoal("b", {"fi": "Vahva talous"}),
        ),
    )
    result = Engine(embedder=None).align(
        "Nuorisotyö tarjoaa harrastuksia kaikille lapsille.", [kids]
    )
    assert result.goals[0].id == "a" and result.goals[0].framework == "2025-2029"
