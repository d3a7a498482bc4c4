"""Report-style texts (session 7, step 15c): SDG words in another sense are no evidence.

An English term whose Snowball stem is a common word of another sense matches only
as written ("accessibility" is not "access", "accountability" not "accounts for",
"aids" not "aid"), and phrases of research writing that borrow an SDG's word
("decision tree", "triangle inequality") do not count. The texts are the team's own.
"""

from __future__ import annotations

from alignment import Engine, Result
from alignment.tools.dev_eval import load_abstracts, per_sdg_accuracy

# The 277 report texts' per-SDG accuracy (dev_eval, all) after step 15c was 86.6 %,
# after step 15f 87.0 %; the floor is that less a small margin.
REPORT_ACCURACY_FLOOR = 86.4


def matched(result: Result, sdg: str) -> set[str]:
    """The terms cited for ``sdg``, without their match markers ("=word", "word*")."""
    score = next(s for s in result.sdgs if s.id == sdg)
    return {e.matched.strip("=*+") for e in score.evidence}


def test_a_stem_shared_with_another_word_is_no_evidence(static: Engine) -> None:
    text = (
        "Steel accounts for a large share of the region's exports. Firms with access to "
        "credit adapted their product lines, and a mobile app tells drivers where the "
        "nearest hospital is; the cooperative excluded minor suppliers from the tender."
    )
    result = static.align(text)
    assert not {"accountability", "governance"} & matched(result, "16")
    assert not {"accessibility", "exclusion", "minority"} & matched(result, "10")
    assert "mobility" not in matched(result, "11")
    assert "adaptation" not in matched(result, "13")
    assert not {"productivity", "hospitality"} & matched(result, "8")
    assert "cooperation" not in matched(result, "17")


def test_the_sdg_words_themselves_still_count(static: Engine) -> None:
    text = (
        "The ombudsman calls for accountability of the police. Accessibility of buses for "
        "wheelchair users and the integration of refugees are the council's priorities."
    )
    result = static.align(text)
    assert "accountability" in matched(result, "16")
    assert {"accessibility", "integration"} <= matched(result, "10")


def test_everyday_words_that_stem_like_sdg_terms(static: Engine) -> None:
    text = (
        "Volunteers were taught first aid and how to log in to the booking system; the "
        "waste bins by the cycle racks in the loading zone are emptied daily, and the "
        "statistical analysis found no bank holiday effect."
    )
    result = static.align(text)
    assert "aids" not in matched(result, "3")
    assert "logging" not in matched(result, "15")
    assert "wasting" not in matched(result, "2")
    assert not {"cycling", "zoning"} & matched(result, "11")
    assert "statistics" not in matched(result, "17")
    assert "banking" not in matched(result, "8")


def test_words_of_research_methods_are_not_sdg_evidence(static: Engine) -> None:
    text = (
        "We compare a decision tree with an isolation forest, bound the error with the "
        "triangle inequality, resolve merge conflicts by majority voting and show a heat "
        "map of the results."
    )
    result = static.align(text)
    assert not matched(result, "15")
    assert not matched(result, "10")
    assert not matched(result, "16")
    assert not matched(result, "7")
    assert all(s.probability < 0.5 for s in result.sdgs)


def test_overmatching_prefixes_are_cut(static: Engine) -> None:
    text = "The ferry's gangway was mired in mud, a boggling sight on the Ganges."
    result = static.align(text)
    assert not matched(result, "15") and not matched(result, "16")
    real = static.align("Draining peat bogs and mires for forestry; gang violence in the suburbs.")
    assert matched(real, "15") and matched(real, "16")


def test_the_fresh_check_set_is_apart_from_tune_and_check() -> None:
    fresh = load_abstracts("fresh")
    rest = {r["id"] for r in load_abstracts("all")}
    assert len(fresh) >= 85
    assert not {r["id"] for r in fresh} & rest
    for n in range(1, 18):
        assert sum(n in r["sdgs"] for r in fresh) >= 3
        assert sum(n in r["not_sdgs"] for r in fresh) >= 2


def test_report_texts_accuracy_floor(static: Engine) -> None:
    rows = load_abstracts("all")
    predicted = [
        {int(s.id) for s in static.align(str(r["text"])).sdgs if s.probability >= 0.5} for r in rows
    ]
    average, _ = per_sdg_accuracy(rows, predicted)
    assert average >= REPORT_ACCURACY_FLOOR
