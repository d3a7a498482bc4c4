"""The sense of a term hit read from the words around it (step 15f).

On the static path the report curve reads, for each SDG with a term hit, how much
the words around its hits (the hits themselves left out) are about that SDG: a
term used in another sense sits among another topic's words.
"""

from __future__ import annotations

from alignment import Engine, scoring

ML_POVERTY = (
    "The team trained a gradient boosting model on the dataset, and the poverty of the "
    "training data limited the accuracy of the classifier on unseen images."
)
HOUSEHOLD_POVERTY = (
    "Households living in poverty in rural villages receive monthly cash transfers, which "
    "they spend on food, rent and school fees for their children."
)
SOFTWARE_ENERGY = (
    "Our software company rewrote the database drivers; the energy of the developers went "
    "into faster queries and fewer server crashes."
)
HEATING_ENERGY = (
    "The town replaced its coal boilers with heat pumps and solar panels, cutting the "
    "energy bills of households and the emissions of the district heating plant."
)


def context(engine: Engine, text: str, sdg: int) -> float:
    return engine.term_sense(engine.analyse(text))[sdg - 1]


def test_a_term_among_its_own_topic_words_reads_closer_than_in_another_sense(
    static: Engine,
) -> None:
    assert context(static, HOUSEHOLD_POVERTY, 1) > context(static, ML_POVERTY, 1) + 0.3
    assert context(static, HEATING_ENERGY, 7) > context(static, SOFTWARE_ENERGY, 7) + 0.3


def test_an_sdg_without_a_term_hit_has_no_context(static: Engine) -> None:
    sense = static.term_sense(static.analyse(HEATING_ENERGY))
    assert len(sense) == 17
    assert sense[14 - 1] == 0.0  # no word of life below water


def test_the_report_curve_reads_the_context_and_the_idea_curve_does_not(
    static: Engine,
) -> None:
    analysis = static.analyse(ML_POVERTY)
    idea = static.sdg_feature_rows(analysis)
    report = static.sdg_feature_rows(analysis, context=True)
    # z = 1 and context = 1: the report logit weighs them 0.5 and 0.3, the idea logit z 0.6.
    plain = scoring.sdg_features(1.0, 40, 1.0, 0.3, 1.0)["hand_logit"]
    read = scoring.sdg_features(1.0, 40, 1.0, 0.3, 1.0, 0, 1.0)["hand_logit"]
    expected = scoring.REPORT_SEMANTIC_WEIGHT - scoring.SEMANTIC_WEIGHT + scoring.CONTEXT_WEIGHT
    assert abs(read - plain - expected) < 1e-9
    assert idea[0]["hand_logit"] != report[0]["hand_logit"]


def test_other_paths_read_no_context(lexical: Engine) -> None:
    assert lexical.term_sense(lexical.analyse(HEATING_ENERGY)) == []
