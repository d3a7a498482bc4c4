"""Goal ranking when goals share SDGs or a text's SDG has no goal, and the speed-ups
of term matching that must not change what is found (README, session 6)."""

from __future__ import annotations

import random

from alignment import Engine, Framework, StrategyGoal
from alignment.engine import _outside_longer
from alignment.evidence import _outside_longer_phrases
from alignment.goals import goal_terms
from alignment.lexicon import Hit, Lexicon, Term
from alignment.text import tokenize


def _goal(gid: str, title: str, sdgs: tuple[int, ...], lang: str = "en") -> StrategyGoal:
    return StrategyGoal(gid, {lang: title}, sdgs=sdgs)


def test_an_sdg_no_goal_is_linked_to_lends_to_the_goal_of_its_nearest_sdg(static: Engine) -> None:
    # No goal is linked to SDG 14 (life below water): the text's seas reach the goal
    # linked to SDG 15 (life on land), the SDG nearest to 14 in meaning, not the
    # goal linked to SDG 8 that sorts first by id.
    framework = Framework(
        "t",
        (
            _goal("a", "Jobs", (8,)),
            _goal("b", "Nature", (15,)),
        ),
    )
    text = "A joint project with Tallinn on marine litter and overfishing in the Baltic Sea."
    result = static.align(text, [framework], genre="idea")
    assert result.sdgs[0].id == "14"
    assert {s.id for s in result.sdgs if s.probability >= 0.5} == {"14"}
    assert [g.id for g in result.goals] == ["b", "a"]
    assert result.goals[0].probability > result.goals[1].probability + 0.1


def test_nearest_linked_sdg_is_chosen_among_the_frameworks_links(static: Engine) -> None:
    framework = Framework("t", (_goal("a", "Nature", (15,)), _goal("b", "Jobs", (8,))))
    nearest = static._nearest_linked((framework,))
    assert 8 not in nearest and 15 not in nearest
    assert set(nearest) == set(range(1, 18)) - {8, 15}
    assert nearest[14] == 15
    assert set(nearest.values()) <= {8, 15}
    assert static._nearest_linked((framework,)) is nearest  # kept per set of links


def test_goals_sharing_one_sdg_are_ordered_by_meaning_not_by_id(static: Engine) -> None:
    # Both goals are linked to SDG 11 alone and neither's words are in the (Swedish)
    # text: their probabilities are equal, and the goal closer in meaning to the
    # words cited for SDG 11 (traffic safety on the way to school) comes first.
    framework = Framework(
        "t",
        (
            _goal("a", "Open data, digital services and artificial intelligence", (11,)),
            _goal("z", "Safe streets, traffic safety and pedestrians", (11,)),
        ),
    )
    text = (
        "Vi föräldrar tycker att skolvägen är farlig: bilarna kör för fort och det finns "
        "inget övergångsställe. Kunde Esbo bygga skolgator där biltrafiken stängs av?"
    )
    result = static.align(text, [framework], genre="idea")
    first, second = result.goals
    assert first.probability == second.probability
    assert first.id == "z"


def test_a_goal_word_reached_only_through_a_process_word_is_no_evidence(static: Engine) -> None:
    # "lärande" (learning) shares its stem with "lära" in "lära oss av" (learn from):
    # how the partners work, not what the idea is about.
    learning = StrategyGoal("l", {"sv": "Lärande och bildning"}, sdgs=(4,))
    framework = Framework("t", (learning,))
    text = "Vi vill lära oss av Köpenhamn hur staden bygger cykelvägar och cykelparkering."
    result = static.align(text, [framework], genre="idea")
    assert not any(e.text.lower().startswith("lär") for e in result.goals[0].evidence)
    # A text about learning itself still cites the goal's word.
    about = static.align(
        "Projektet utvecklar lärandet i skolorna genom ett utbyte mellan lärare.",
        [framework],
        genre="idea",
    )
    assert any(e.text.lower().startswith("lärande") for e in about.goals[0].evidence)


def test_partners_are_no_goal_word() -> None:
    from alignment.goals import goal_terms

    goal = StrategyGoal(
        "p",
        {"en": "Services"},
        description={"en": "Services are designed with residents and foreign partner cities."},
    )
    texts = {t.text for t in goal_terms((Framework("t", (goal,)),))}
    assert "partner" not in texts and "residents" in texts


def _pairwise_outside_longer(hits: list[Hit]) -> list[Hit]:
    return [
        h
        for h in hits
        if not any(
            o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
            for o in hits
        )
    ]


def test_nested_hit_checks_in_one_pass_equal_the_pairwise_definitions() -> None:
    rng = random.Random(7)
    term = Term("x", "en", "sdg:1")
    for _ in range(300):
        hits = []
        for _ in range(rng.randint(0, 12)):
            start = rng.randint(0, 30)
            hits.append(Hit(term, start, start + rng.randint(1, 8)))
        assert _outside_longer(hits) == _pairwise_outside_longer(hits)
        pairwise = [h for h in hits if not any(o.start == h.start and h.end < o.end for o in hits)]
        assert _outside_longer_phrases(hits) == pairwise


def test_term_keys_are_remembered_across_texts_and_give_the_same_hits() -> None:
    lexicon = Lexicon(
        [Term("ilmastonmuutos", "fi", "sdg:13"), Term("renewable energy", "en", "sdg:7")]
    )
    tokens = tokenize("Ilmastonmuutokseen vastataan: renewable energy, renewable energy.")
    first = lexicon.find(tokens)
    assert "ilmastonmuutokseen" in lexicon._key_memo
    assert lexicon.find(tokens) == first
    assert [h.term.owner for h in first] == ["sdg:13", "sdg:7", "sdg:7"]


def test_a_participant_word_of_a_goal_description_does_not_rank_the_goal(static: Engine) -> None:
    # "companies" and "residents" are where or with whom, not what: an idea that only
    # mentions companies is not ranked to the goal whose description names them.
    business = StrategyGoal(
        "a",
        {"en": "Tax base"},
        description={"en": "Companies and residents widen the tax base."},
        sdgs=(8,),
    )
    other = StrategyGoal("b", {"en": "Libraries"}, sdgs=(8,))
    framework = Framework("t", (business, other))
    result = static.align(
        "Three companies and many residents asked about the new cycle path.",
        [framework],
        genre="idea",
    )
    first = next(g for g in result.goals if g.id == "a")
    assert not first.evidence
    assert first.probability == next(g for g in result.goals if g.id == "b").probability


def test_a_swedish_verbal_noun_of_a_goal_is_its_own_word(static: Engine) -> None:
    # "företagande" (entrepreneurship) is not "företag" (company): the goal's title
    # word is found in its own inflections, not in every word about companies.
    goal = StrategyGoal("e", {"sv": "Företagande och innovationer"}, sdgs=(9,))
    framework = Framework("t", (goal,))
    companies = static.align(
        "Vi vill locka företagens huvudkontor till staden.", [framework], genre="idea"
    )
    assert not any("företag" in e.text.lower() for e in companies.goals[0].evidence)
    entrepreneurship = static.align(
        "Företagandet bland unga växer, och nyföretagandet stöds med rådgivning.",
        [framework],
        genre="idea",
    )
    cited = {e.text.lower() for e in entrepreneurship.goals[0].evidence}
    assert {"företagandet", "nyföretagandet"} <= cited


def test_means_words_of_a_description_are_not_goal_terms() -> None:
    """Projects, programmes and funding say how a goal is pursued, not what it is:
    an idea that mentions a project or funding is not thereby about the goal."""
    goal = StrategyGoal(
        "g",
        {"fi": "Oppiminen", "sv": "Lärande", "en": "Learning"},
        {
            "fi": "Koulujen yhteiset hankkeet ja EU-ohjelmat rahoittavat oppimista.",
            "sv": "Skolornas projekt och program finansiera lärandet.",
            "en": "School projects and EU programmes help fund learning; services designed.",
        },
    )
    terms = {(t.lang, t.text) for t in goal_terms((Framework("f", (goal,)),))}
    means = {
        ("fi", "hankkeet"),
        ("fi", "rahoittavat"),
        ("sv", "projekt"),
        ("sv", "program"),
        ("sv", "finansiera"),
        ("en", "projects"),
        ("en", "programmes"),
        ("en", "fund"),
        ("en", "designed"),
    }
    assert means.isdisjoint(terms)
    assert {("fi", "koulujen"), ("sv", "skolornas"), ("en", "school")} <= terms


def test_a_swedish_verb_of_a_goal_is_found_as_a_verb_not_through_its_stem() -> None:
    """The verb "grundar" (founds) is matched as "grundar"/"grunda", not through its stem
    "grund" (ground) inside "bakgrund" or "grundare" (founder); plural nouns in
    -ingar ("lösningar") keep their stem."""
    goal = StrategyGoal(
        "g",
        {"sv": "Nya företag"},
        {"sv": "Talanger grundar företag och hittar lösningar."},
        sdgs=(8,),
    )
    lexicon = Lexicon(goal_terms((Framework("f", (goal,)),)))

    def found(text: str) -> set[str]:
        return {h.term.text for h in lexicon.find(tokenize(text), frozenset({"sv"}))}

    assert {"=grundar", "=grunda"} <= found("De grundar ett bolag och vill grunda ett till.")
    assert {"=grundade", "=grundat"} <= found("Hon grundade det i fjol och har grundat fler.")
    assert not {"=grundar", "=grunda"} & found("Grundare med invandrarbakgrund.")
    assert "lösningar" in found("Nya klimatlösningen testas.")


def test_a_swedish_verb_of_a_goal_keeps_its_noun_in_compounds() -> None:
    goal = StrategyGoal("g", {"sv": "Klimat"}, {"sv": "Staden minskar sina utsläpp."}, sdgs=(13,))
    lexicon = Lexicon(goal_terms((Framework("f", (goal,)),)))
    hits = lexicon.find(tokenize("Utsläppsminskningen följs upp varje år."), frozenset({"sv"}))
    assert "minskning+" in {h.term.text for h in hits}
    assert not lexicon.find(tokenize("Minsk är Belarus huvudstad."), frozenset({"sv"}))


def test_swedish_inflections_of_europe_and_the_nordics_are_generic(static: Engine) -> None:
    # "europeiska" and "nordiska" are as broad as "europeisk": they do not rank a goal
    # whose description says European partners.
    goal = StrategyGoal(
        "e", {"sv": "Integration"}, {"sv": "Vi lär av europeiska städer."}, sdgs=(10,)
    )
    other = StrategyGoal("o", {"sv": "Kultur"}, sdgs=(10,))
    result = static.align(
        "Ett europeiskt nätverk av nordiska körer vill sjunga i Esbo i juni.",
        [Framework("t", (goal, other))],
        genre="idea",
    )
    first = next(g for g in result.goals if g.id == "e")
    assert first.probability == next(g for g in result.goals if g.id == "o").probability
