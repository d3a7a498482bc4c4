"""The strategy kept in the workspace (issue 15): ada (admin) enters the goals of the
2025–2029 period and makes it current; the realign worker, not the request, aligns the
pending suggestions with the new goals; eddie (editor) reports progress of commitments;
vera (viewer) and eddie cannot change the strategy; goals of an earlier term are read-only."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from portfolio.models import Activity
from strategy import suggestions
from strategy.models import (
    AlignmentLink,
    Commitment,
    Goal,
    ProgressReport,
    RealignRun,
    StrategyPeriod,
    current_goal_period,
)
from tests.personas import login

pytestmark = pytest.mark.django_db

CLIMATE_GOAL = {
    "number": "1",
    "title_fi": "Hiilineutraali ja ilmastoviisas Espoo",
    "title_sv": "Ett koldioxidneutralt och klimatsmart Esbo",
    "title_en": "A carbon-neutral, climate-smart Espoo",
    "description_fi": "Päästöt vähenevät, energia on uusiutuvaa ja kaupunki on älykäs.",
    "description_en": "Emissions fall, energy is renewable and the city is smart.",
    "keywords_fi": "hiilineutraalius, päästöt, energia, ilmasto, älykäs kaupunki",
    "keywords_sv": "koldioxidneutralitet, utsläpp, energi, klimat, smart stad",
    "keywords_en": "carbon neutrality, emissions, energy, climate, smart city, lighthouse",
    "sdgs": ["7", "13"],
}
LEARNING_GOAL = {
    "number": "2",
    "title_fi": "Lasten ja nuorten lukutaito ja oppiminen",
    "title_en": "Literacy and learning of children and young people",
    "keywords_fi": "lukutaito, oppiminen, koulu, kirjasto, lapset, nuoret",
    "keywords_en": "literacy, learning, school, library, children, young people",
    "sdgs": ["4"],
}


def _sdg_ids(numbers: list[str]) -> list[str]:
    from strategy.models import SDGGoal

    return [str(SDGGoal.objects.get(number=int(n)).pk) for n in numbers]


def _post_goal(client: Client, period: StrategyPeriod, data: dict[str, Any]) -> Any:
    form = {**data, "sdgs": _sdg_ids(data["sdgs"])}
    return client.post(reverse("workspace:goal_create", args=[period.pk]), form)


def _new_period() -> StrategyPeriod:
    return StrategyPeriod.objects.get(slug="2025-2029")


def test_admin_enters_two_goals_makes_the_period_current_and_the_worker_realigns(
    client: Client, ada: User
) -> None:
    sparcs = Activity.objects.get(slug="sparcs")
    suggestions.suggest_for(sparcs)
    old = Goal.objects.filter(period__slug="2021-2025")
    pending = AlignmentLink.objects.filter(
        source="engine", review_state="pending", goal__isnull=False
    )
    assert pending.filter(goal__in=old).exists()
    login(client, ada)

    period = _new_period()
    assert _post_goal(client, period, CLIMATE_GOAL).status_code == 302
    assert _post_goal(client, period, LEARNING_GOAL).status_code == 302
    assert period.goals.count() == 2
    assert current_goal_period().slug == "2021-2025"  # type: ignore[union-attr]  # entered, not yet current

    response = client.post(reverse("workspace:period_make_current", args=[period.pk]))
    run = RealignRun.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/realign/{run.pk}/")
    assert current_goal_period() == period
    assert run.status == "queued"
    assert pending.filter(goal__in=old).exists()  # nothing was aligned inside the request
    page = client.get(response["Location"]).content.decode()
    assert "The re-alignment is queued." in page

    call_command("run_realign_queue")

    run.refresh_from_db()
    assert run.status == "succeeded" and run.done == run.total and run.total > 0
    assert not pending.filter(goal__in=old).exists()
    assert pending.exists()
    assert not pending.exclude(goal__period=period).exists()  # all refer to the new goals
    # Seeded links to the earlier term's goals are kept.
    assert AlignmentLink.objects.filter(source="seed", goal__in=old).exists()
    page = client.get(reverse("workspace:realign_run", args=[run.pk])).content.decode()
    assert "Items aligned" in page and "The re-alignment is queued." not in page


def test_saving_a_goal_of_the_current_period_queues_one_realignment(
    client: Client, ada: User
) -> None:
    goal = Goal.objects.get(period__slug="2021-2025", number=6)
    login(client, ada)
    edit = reverse("workspace:goal_edit", args=[goal.pk])
    form = client.get(edit).context["form"]
    data = {
        **{k: v for k, v in form.initial.items() if v is not None and k not in ("sdgs", "pillars")},
        "sdgs": [str(s.pk) for s in goal.sdgs.all()],
        "pillars": [str(p.pk) for p in goal.pillars.all()],
        "title_en": "Carbon-neutral Espoo by 2030",
        "version": form["version"].value(),
    }
    assert client.post(edit, data).status_code == 302
    data["title_en"] = "Carbon-neutral Espoo in 2030"
    data["version"] = client.get(edit).context["form"]["version"].value()
    assert client.post(edit, data).status_code == 302
    assert Goal.objects.get(pk=goal.pk).title_en == "Carbon-neutral Espoo in 2030"
    assert RealignRun.objects.filter(status="queued").count() == 1


def test_viewer_and_editor_cannot_change_the_strategy(
    client: Client, vera: User, eddie: User
) -> None:
    period = _new_period()
    for person in (vera, eddie):
        login(client, person)
        assert client.get(reverse("workspace:strategy")).status_code == 200
        assert client.get(reverse("workspace:goal_create", args=[period.pk])).status_code == 403
        assert _post_goal(client, period, CLIMATE_GOAL).status_code == 403
        make_current = reverse("workspace:period_make_current", args=[period.pk])
        assert client.post(make_current).status_code == 403
        assert client.get(reverse("workspace:period_create")).status_code == 403
    assert not period.goals.exists() and not RealignRun.objects.exists()
    assert current_goal_period().slug == "2021-2025"  # type: ignore[union-attr]


def test_a_period_without_goals_cannot_be_made_current(client: Client, ada: User) -> None:
    login(client, ada)
    period = _new_period()
    response = client.post(reverse("workspace:period_make_current", args=[period.pk]), follow=True)
    assert "has no goals yet" in response.content.decode()
    assert not RealignRun.objects.exists()
    assert current_goal_period().slug == "2021-2025"  # type: ignore[union-attr]


def test_goals_of_an_earlier_period_are_read_only_and_keep_their_links(
    client: Client, ada: User
) -> None:
    login(client, ada)
    period = _new_period()
    _post_goal(client, period, CLIMATE_GOAL)
    client.post(reverse("workspace:period_make_current", args=[period.pk]))
    old = Goal.objects.get(period__slug="2021-2025", number=1)
    links = AlignmentLink.objects.filter(goal=old).count()
    assert links > 0

    edit = reverse("workspace:goal_edit", args=[old.pk])
    response = client.post(edit, {"number": "1", "title_fi": "Muutettu"}, follow=True)
    assert "belong to an earlier council term" in response.content.decode()
    assert Goal.objects.get(pk=old.pk).title_fi != "Muutettu"
    assert AlignmentLink.objects.filter(goal=old).count() == links
    overview = client.get(reverse("workspace:strategy")).content.decode()
    assert "its goals are read-only" in overview
    assert edit not in overview


def test_the_new_period_is_marked_not_yet_complete_and_the_alignment_says_which_goals_it_uses(
    client: Client, vera: User
) -> None:
    login(client, vera)
    page = client.get(reverse("workspace:strategy")).content.decode()
    assert "Not yet complete." in page
    assert "the alignment uses the goals of Espoo Story 2021–2025" in page
    queue = client.get(reverse("workspace:alignment_queue")).content.decode()
    assert "The engine suggests goals of the current period, Espoo Story 2021–2025." in queue
    assert "is not yet complete" in queue
    public = client.get("/en/goals/").content.decode()
    assert "https://www.espoo.fi/en/espoo-story-2025-2029" in public
    assert "not yet complete" in public


def test_editor_reports_progress_and_the_public_pages_show_the_latest_report(
    client: Client, eddie: User
) -> None:
    commitment = Commitment.objects.get(slug="sdg-2025")
    home = client.get("/en/").content.decode()
    assert "Deadline passed; no report yet." in home

    login(client, eddie)
    url = reverse("workspace:report_create", args=[commitment.pk])
    refused = client.post(url, {"reported_on": "2026-03-01", "status": "achieved"})
    assert refused.status_code == 400 and not commitment.reports.exists()
    response = client.post(
        url,
        {
            "reported_on": "2026-03-01",
            "status": "partly_achieved",
            "value": "VLR 2025",
            "narrative_fi": "Kolmas arviointi julkaistiin.",
            "narrative_en": "The third review was published.",
            "source_url": "https://www.espoo.fi/en",
        },
    )
    assert response.status_code == 302
    report = ProgressReport.objects.get(commitment=commitment)
    assert report.created_by == eddie
    assert response["Location"] == reverse("workspace:strategy") + "#commitments-heading"

    client.logout()
    home = client.get("/en/").content.decode()
    assert "Deadline passed; reported outcome: partly achieved." in home
    assert 'datetime="2026-03-01"' in home and "The third review was published." in home


def test_goals_entered_before_the_period_is_current_show_once_on_the_public_goals_page(
    client: Client, ada: User
) -> None:
    login(client, ada)
    _post_goal(client, _new_period(), CLIMATE_GOAL)
    client.logout()
    html = client.get("/en/goals/").content.decode()
    assert html.count('id="period-2025-2029"') == 1
    assert "A carbon-neutral, climate-smart Espoo" in html and "not yet complete" in html
