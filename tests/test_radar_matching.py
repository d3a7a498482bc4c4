"""Matching calls with ideas and activities, partner suggestions and grant-size context."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from alignment.index import vectorize
from eudata.models import EUParticipation, EUProject
from portfolio.models import Activity
from radar import matching, partners
from radar.fileimport import import_file
from radar.models import Call, CallAlignment, CallMatch
from tests.workspace_support import make_idea

pytestmark = pytest.mark.django_db

CLIMATE_CALL = (
    b"call_id,title,programme,description,deadlines\n"
    b"CLIM-1,Climate-neutral cities: renewable district heating,Horizon Europe,"
    b"Cities cut greenhouse gas emissions with renewable district heating and climate action "
    b"plans for climate neutrality.,%DAY+30%\n"
    b"MUSIC-1,Choir festivals and concert halls,Creative Europe,"
    b"Orchestras and choirs tour concert halls with classical music programmes.,%DAY+40%\n"
)


def calls() -> None:
    import datetime

    from tests.radar_fixtures.fake_portal import _DAY

    today = datetime.date.today()
    text = _DAY.sub(
        lambda m: (today + datetime.timedelta(days=int(m.group(1)))).isoformat(),
        CLIMATE_CALL.decode(),
    )
    import_file("calls.csv", text.encode())


def test_the_matcher_reads_text_as_the_engine_does() -> None:
    text = "Ilmastoneutraali Espoo: climate-neutral district heating in 2030."
    assert np.allclose(matching.read(text)[0], vectorize(text))


def test_a_climate_call_fits_a_climate_idea_better_than_an_unrelated_one() -> None:
    climate = make_idea(
        title="Renewable district heating for climate-neutral cities",
        description="We want to cut greenhouse gas emissions of district heating together "
        "with Espoo and reach climate neutrality.",
        offer="Heat pump know-how.",
        hopes="A climate action partner city.",
    )
    music = make_idea(
        title="A choir exchange",
        description="Our choir would like to sing with Espoo's choirs.",
        offer="Concerts.",
        hopes="A concert hall.",
    )
    calls()
    matching.match_all()
    call = Call.objects.get(call_id="CLIM-1")
    good = CallMatch.objects.get(call=call, idea=climate)
    bad = CallMatch.objects.filter(call=call, idea=music).first()
    assert bad is None or good.score > bad.score + 0.2
    assert good.rank_for_call == 1
    assert "district heating" in good.phrases or "heating" in " ".join(good.phrases)
    assert 13 in good.sdgs  # both serve climate action
    assert call.alignments.filter(sdg__number=13).exists()
    evidence = CallAlignment.objects.filter(call=call, sdg__number=13).get().evidence
    assert "climate" in evidence.lower()
    call.refresh_from_db()
    assert call.fit == pytest.approx(good.score, abs=1e-3)
    # and the other way round: the music call is the choir idea's best
    music_call = Call.objects.get(call_id="MUSIC-1")
    best_for_music = CallMatch.objects.filter(idea=music).order_by("rank_for_item").first()
    assert best_for_music is None or best_for_music.call == music_call


def test_planned_activities_are_matched_but_completed_ones_are_not() -> None:
    planned = Activity.objects.create(
        slug="radar-heat",
        title="District heating pilot",
        description="Renewable district heating for climate neutrality.",
        kind="eu_project",
        status="planned",
    )
    done = Activity.objects.create(
        slug="radar-heat-done",
        title="Old district heating pilot",
        description="Renewable district heating for climate neutrality.",
        kind="eu_project",
        status="completed",
    )
    calls()
    matching.match_all()
    assert CallMatch.objects.filter(activity=planned).exists()
    assert not CallMatch.objects.filter(activity=done).exists()


def project(source_id: str, title: str, programme: str, contribution: int | None) -> EUProject:
    return EUProject.objects.create(
        source="cordis",
        source_id=source_id,
        acronym=source_id,
        title=title,
        objective=title + " in European cities.",
        programme=programme,
        eu_contribution=Decimal(contribution) if contribution is not None else None,
        fingerprint="x",
    )


@pytest.fixture
def past_projects() -> list[EUProject]:
    partners.forget()
    heat = "Renewable district heating for climate-neutral cities"
    made = [
        project("HEAT1", heat, "H2020-EU.3.3.", 2_000_000),
        project("HEAT2", heat + " and heat pumps", "H2020-EU.3.3.", 3_000_000),
        project("HEAT3", heat + " with waste heat", "H2020-EU.3.3.", 7_000_000),
        project("HEAT4", heat + " pilots", "HORIZON.2.5", 1_000_000),
        project("OPERA", "Opera singers and choirs on tour", "CREA", 9_000_000),
    ]
    roles = {
        "HEAT1": [("Tampere Energy Oy", "FI", "coordinator"), ("Stadt Wien", "AT", "participant")],
        "HEAT2": [("Stadt Wien", "AT", "coordinator"), ("Tampere Energy Oy", "FI", "participant")],
        "HEAT3": [("Stadt Wien", "AT", "coordinator"), ("Aarhus Kommune", "DK", "participant")],
        "HEAT4": [("Aarhus Kommune", "DK", "coordinator")],
        "OPERA": [("Opera House", "IT", "coordinator")],
    }
    for p in made:
        for name, country, role in roles[p.source_id]:
            EUParticipation.objects.create(project=p, name=name, country=country, role=role)
    return made


def test_partners_are_the_organisations_of_the_most_similar_projects(past_projects: list) -> None:
    calls()
    call = Call.objects.get(call_id="CLIM-1")
    found = partners.suggest_partners(call)
    names = [p.name for p in found]
    assert names[0] == "Stadt Wien"  # three similar projects, coordinated two
    wien = found[0]
    assert (wien.country, wien.projects, wien.coordinated) == ("AT", 3, 2)
    assert wien.roles["participant"] == 1
    assert "Opera House" not in names


def test_grant_context_gives_median_and_range_per_programme(past_projects: list) -> None:
    calls()
    call = Call.objects.get(call_id="CLIM-1")
    context = {row.programme: row for row in partners.grant_context(call)}
    h2020 = context["H2020-EU.3.3."]
    # 2, 3 and 7 million: median 3 million, range 2–7 million (checked by hand)
    assert (h2020.projects, h2020.median, h2020.low, h2020.high) == (
        3,
        Decimal(3_000_000),
        Decimal(2_000_000),
        Decimal(7_000_000),
    )
    assert context["HORIZON.2.5"].median == 1_000_000
    assert "CREA" not in context


def test_an_items_links_count_as_staff_left_them() -> None:
    from strategy.models import AlignmentLink, SDGGoal

    idea = make_idea(title="A choir exchange", description="Our choir sings.")
    AlignmentLink.objects.create(
        item=idea, sdg=SDGGoal.objects.get(number=13), source="staff", review_state="confirmed"
    )
    AlignmentLink.objects.create(
        item=idea,
        sdg=SDGGoal.objects.get(number=4),
        source="engine",
        confidence=0.9,
        review_state="rejected",
    )
    _goals, sdgs = matching._item_topics([idea])[("Idea", idea.pk)]
    assert sdgs == {13: 1.0}  # the confirmed link; the rejected one never counts
