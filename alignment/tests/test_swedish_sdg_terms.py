"""Swedish SDG words read as well as their Finnish and English twins (step 15d)."""

from __future__ import annotations

from alignment import Engine


def matched(engine: Engine, text: str, sdg: str) -> set[str]:
    """The term texts cited as evidence for ``sdg``."""
    score = next(s for s in engine.align(text).sdgs if s.id == sdg)
    return {e.matched for e in score.evidence}


def test_a_swedish_noun_in_a_is_read_in_its_definite_form(lexical: Engine) -> None:
    # The stemmer keeps "-an" ("läxan", "hälsan", "torkan"); the short term reads them.
    text = "Läxan blev kortare för att stärka hälsan, och torkan i somras slog mot odlarna."
    assert "läxa" in matched(lexical, text, "4")
    assert "hälsa" in matched(lexical, text, "3")
    assert "torka" in matched(lexical, text, "13")


def test_a_verb_is_not_read_as_its_participle_noun(lexical: Engine) -> None:
    # "studerar" (studies, researches) is no "studerande" (student).
    text = "Forskarna studerar hur kommunerna använder öppna data i planeringen."
    assert not any("studerande" in term for term in matched(lexical, text, "4"))
    students = "Högskolestuderande från tre länder deltar i kursen."
    assert "studerande+" in matched(lexical, students, "4")


def test_transport_is_not_transparency(lexical: Engine) -> None:
    text = "Kommunen ställer om transporterna till el och samordnar godstransporterna."
    assert matched(lexical, text, "16") == set()
    open_data = "Transparensen i beslutsfattandet ökar när protokollen publiceras."
    assert matched(lexical, open_data, "16")


def test_a_company_is_not_entrepreneurship(lexical: Engine) -> None:
    # "företag" (a company) weighs half, like "yritys"; "företagande" is itself.
    company = next(s for s in lexical.align("Tre företag deltar.").sdgs if s.id == "8")
    enterprise = next(
        s
        for s in lexical.align("Kvinnligt företagande och nyföretagande ökar.").sdgs
        if s.id == "8"
    )
    assert {e.matched for e in company.evidence} <= {"företag~0.5", "företag"}
    assert "företagande+" in {e.matched for e in enterprise.evidence}
    assert enterprise.probability > company.probability


def test_umlaut_plurals_and_forest_compounds(lexical: Engine) -> None:
    fires = "Skogsbränder och naturbränder blir vanligare när somrarna blir varmare."
    assert {"skogsbränder", "naturbränder"} <= matched(lexical, fires, "13")
    forest = "Eleverna följer ett skogsområde och skogsmarken runt skolan under ett år."
    assert matched(lexical, forest, "15")


def test_everyday_swedish_words_of_their_sdgs(lexical: Engine) -> None:
    assert "erasmus*" in matched(lexical, "Ungdomarna åker på ett utbyte med Erasmus+.", "4")
    assert "=ai" in matched(lexical, "Staden prövar AI i kundtjänsten och i planeringen.", "9")
    swap = "Föreningen ordnar en bytesmarknad och ett klädbyte för barnfamiljer."
    assert {"bytesmarknad+", "klädbyte+"} <= matched(lexical, swap, "12")
    peace = "Skolan satsar på fredsfostran och globalfostran i alla årskurser."
    assert {"fredsfostran", "globalfostran"} <= matched(lexical, peace, "4")


def test_a_finnish_swap_market_and_erasmus(lexical: Engine) -> None:
    assert matched(lexical, "Asukkaat järjestävät vaihtotorin lasten vaatteille.", "12")
    assert "erasmus*" in matched(lexical, "Koulu hakee Erasmus+-rahoitusta vaihtoon.", "4")
