"""The alignment engine inside the product: suggestions pending review, never overriding people."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from portfolio.models import Activity
from strategy import suggestions
from strategy.models import AlignmentLink, Goal, SDGGoal

pytestmark = pytest.mark.django_db

CLIMATE_FI = (
    "Ehdotamme yhteistä hanketta, jossa kaupungit vähentävät rakennusten energiankulutusta ja "
    "kasvihuonekaasupäästöjä. Tavoitteena on hiilineutraali kaupunki vuoteen 2030 mennessä: "
    "aurinkosähköä, lämpöpumppuja ja uusiutuvaa energiaa asuinalueille sekä ilmastonmuutokseen "
    "sopeutumista."
)
CLIMATE_SV = (
    "Vi föreslår ett gemensamt projekt där städerna minskar byggnadernas energiförbrukning och "
    "växthusgasutsläpp. Målet är en koldioxidneutral stad före 2030: solel, värmepumpar och "
    "förnybar energi för bostadsområden samt anpassning till klimatförändringen."
)


def new_activity(text: str, slug: str = "test-climate") -> Activity:
    return Activity.objects.create(
        slug=slug,
        title_fi="Ilmastohanke",
        description_fi=text,
        kind="eu_project",
        status="planned",
    )


def engine_links(item: Any) -> Any:
    return AlignmentLink.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk, source="engine"
    )


def test_a_saved_activity_gets_pending_engine_suggestions_with_evidence(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        activity = new_activity(CLIMATE_FI)
    links = engine_links(activity)
    assert links.exists()
    assert set(links.values_list("review_state", flat=True)) == {"pending"}
    goal_link = links.get(goal__number=6)
    assert 0.5 <= goal_link.confidence <= 1
    assert "hiilineutraali" in goal_link.evidence.lower()
    assert links.filter(sdg__number=13).exists()


def test_finnish_and_swedish_texts_land_on_the_same_goal_and_sdgs() -> None:
    finnish = suggestions.align_text(CLIMATE_FI)
    swedish = suggestions.align_text(CLIMATE_SV)
    goal_6 = str(Goal.objects.current().get(number=6).pk)
    assert finnish.goals[0].id == swedish.goals[0].id == goal_6
    suggested_fi = {s.id for s in finnish.sdgs if s.probability >= suggestions.MIN_PROBABILITY}
    suggested_sv = {s.id for s in swedish.sdgs if s.probability >= suggestions.MIN_PROBABILITY}
    assert suggested_fi == suggested_sv and {"7", "13"} <= suggested_fi
    assert finnish.language == "fi" and swedish.language == "sv"


def test_staff_decisions_are_kept_when_the_engine_runs_again() -> None:
    activity = new_activity(CLIMATE_FI)
    suggestions.suggest_for(activity)
    rejected = engine_links(activity).get(goal__number=6)
    rejected.review_state = "rejected"
    rejected.save()
    confirmed = engine_links(activity).filter(sdg__isnull=False).first()
    assert confirmed is not None
    confirmed.review_state = "confirmed"
    confirmed.save()

    suggestions.suggest_for(activity)

    rejected.refresh_from_db()
    confirmed.refresh_from_db()
    assert rejected.review_state == "rejected"
    assert confirmed.review_state == "confirmed"
    assert engine_links(activity).filter(goal__number=6).count() == 1  # not suggested again


def test_an_item_in_another_language_gets_a_low_confidence_result_not_an_error() -> None:
    result = suggestions.align_text("这是一个关于城市合作的想法 🌍")
    assert result.confidence == "low"


def test_realign_command_reports_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    new_activity(CLIMATE_FI)
    call_command("realign")
    out = capsys.readouterr().out
    assert "suggestions wait for review" in out
    assert AlignmentLink.objects.filter(
        source="engine", sdg=SDGGoal.objects.get(number=13)
    ).exists()


def test_framework_uses_the_latest_period_with_goals() -> None:
    framework = suggestions.current_framework()
    assert framework is not None and framework.id == "2021-2025"
    assert len(framework.goals) == 7
    climate = next(
        g for g in framework.goals if g.id == str(Goal.objects.current().get(number=6).pk)
    )
    assert 13 in climate.sdgs and climate.keywords["fi"]


def test_stored_evidence_names_the_closest_sentences_too() -> None:
    import alignment

    text = (
        "Espoo and Tartu test adaptive street lighting to cut electricity use. "
        "Residents help to choose where the lights dim at night."
    )
    result = alignment.align(text, [])
    cited = [s for s in result.sdgs if s.semantic_evidence]
    assert cited, "the default path cites sentences for its vector signal"
    score = cited[0]
    described = suggestions.describe_evidence(score, result)
    assert "semantic" in described
    sentence = score.semantic_evidence[0]
    assert text[sentence.start : sentence.end] in described or sentence.text[:40] in described
