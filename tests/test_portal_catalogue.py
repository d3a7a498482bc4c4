"""The activity catalogue: public only, search in three languages, filters, sorting, pages."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from portal.models import SearchEntry
from portfolio.models import Activity
from strategy.models import Goal, SDGGoal
from tests.test_portal_strategy import link

pytestmark = pytest.mark.django_db


def activity(slug: str, **values: Any) -> Activity:
    values.setdefault("title_fi", slug)
    values.setdefault("kind", Activity.Kind.OTHER)
    values.setdefault("status", Activity.Status.ONGOING)
    values.setdefault("public", True)
    return Activity.objects.create(slug=slug, **values)


def titles(client: Client, query: str = "", language: str = "en") -> list[str]:
    response = client.get(f"/{language}/activities/{query}")
    assert response.status_code == 200
    return re.findall(r'<h3><a href="/\w\w/activities/([\w-]+)/">', response.content.decode())


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_catalogue_lists_the_public_seeded_activities(client: Client, language: str) -> None:
    html = client.get(f"/{language}/activities/").content.decode()
    for item in Activity.objects.filter(public=True):
        assert getattr(item, f"title_{language}").split(" ")[0] in html


def test_non_public_activity_is_absent_and_not_found(client: Client) -> None:
    activity("internal-lead", title_fi="Sisäinen ilmastoliidi", public=False)
    assert "internal-lead" not in titles(client)
    assert "internal-lead" not in titles(client, "?q=ilmastoliidi")
    assert client.get("/fi/activities/internal-lead/").status_code == 404


def test_finnish_inflected_form_finds_the_base_form(client: Client) -> None:
    activity("climate", title_fi="Ilmastonmuutos ja kaupungit")
    assert titles(client, "?q=ilmastonmuutokseen", "fi") == ["climate"]
    assert "climate" in titles(client, "?q=kaupungeissa", "fi")


def test_swedish_and_english_inflected_forms_are_found(client: Client) -> None:
    activity(
        "swedish",
        title_fi="Ruotsinkielinen",
        title_sv="Klimatförändring i städerna",
        title_en="Harbours cleaned",
    )
    assert titles(client, "?q=klimatförändringen", "sv") == ["swedish"]
    assert titles(client, "?q=harbour+cleaning") == ["swedish"]


def test_every_search_word_must_match(client: Client) -> None:
    assert titles(client, "?q=SPARCS+Leipzig") == ["sparcs"]
    assert titles(client, "?q=SPARCS+Shanghai") == []


def test_search_entry_follows_changes_and_the_rebuild_command(client: Client) -> None:
    item = activity("renamed", title_fi="Vanha nimi")
    item.title_fi = "Vesihuolto"
    item.save()
    assert titles(client, "?q=vesihuollon", "fi") == ["renamed"]
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", stdout=None)
    assert titles(client, "?q=vesihuollon", "fi") == ["renamed"]


def test_empty_result_says_so(client: Client) -> None:
    html = client.get("/en/activities/?q=zzzxqy").content.decode()
    assert "No public activity matches these filters" in html


def test_filter_by_kind_and_status(client: Client) -> None:
    assert sorted(titles(client, "?kind=event")) == [
        "eurocities-annual-conference-2022",
        "unesco-learning-city-festival-2016",
    ]
    activity("planned-visit", kind="delegation_incoming", status="planned")
    assert titles(client, "?status=planned") == ["planned-visit"]


def test_filter_by_goal_and_sdg_uses_confirmed_links(client: Client) -> None:
    goal = Goal.objects.current().get(number=7)  # the seed links no activity to these
    sdg = SDGGoal.objects.get(number=10)
    link(Activity.objects.get(slug="sparcs"), goal=goal)
    link(Activity.objects.get(slug="alliance"), review="pending", goal=goal)
    link(Activity.objects.get(slug="fair"), target=sdg.targets.get(code="10.2"))
    assert titles(client, f"?goal={goal.pk}") == ["sparcs"]
    assert titles(client, "?sdg=10") == ["fair"]
    seeded = Goal.objects.current().get(number=6)  # seeded links ("initial data") count
    assert "eu-mission-climate-neutral-cities" in titles(client, f"?goal={seeded.pk}")


def test_filter_by_country_of_participants(client: Client) -> None:
    assert titles(client, "?country=UA") == ["sparcs"]
    html = client.get("/fi/activities/").content.decode()
    assert '<option value="UA">Ukraina</option>' in html


def test_filter_by_year_keeps_activities_running_then(client: Client) -> None:
    found = titles(client, "?year=2016")
    assert "unesco-learning-city-festival-2016" in found
    assert "6aika" in found
    assert "sparcs" not in found


def test_bad_filter_value_is_reported_and_ignored(client: Client) -> None:
    html = client.get("/en/activities/?kind=nonsense").content.decode()
    assert 'role="alert"' in html
    assert len(titles(client, "?kind=nonsense")) == Activity.objects.filter(public=True).count()


def test_sorting_by_title_start_and_newest(client: Client) -> None:
    by_title = titles(client, "?sort=title")
    assert by_title[0] == "6aika"
    by_start = titles(client, "?sort=start")
    assert by_start[:3] == [
        "6aika",
        "unesco-learning-city-award-2015",
        "unesco-learning-city-festival-2016",
    ]
    assert titles(client, "?sort=newest")[0] == "netzerocities-pilot"  # started 2024


def test_pagination_shows_twenty_a_page_and_keeps_the_filters(client: Client) -> None:
    start = datetime.date(2020, 1, 1)
    for number in range(25):
        activity(f"bulk-{number:02}", start_date=start + datetime.timedelta(days=number))
    first = client.get("/en/activities/?status=ongoing&sort=start").content.decode()
    assert len(titles(client, "?status=ongoing&sort=start")) == 20
    assert '<nav class="pagination" aria-label="Pages of results">' in first
    assert 'href="?status=ongoing&amp;sort=start&amp;page=2"' in first
    assert 'aria-current="page"><span class="visually-hidden">Page </span>1<' in first
    second = titles(client, "?status=ongoing&sort=start&page=2")
    seeded = ["eu-mission-climate-neutral-cities", "netzerocities-pilot"]  # ongoing, later
    assert second == ["bulk-20", "bulk-21", "bulk-22", "bulk-23", "bulk-24", *seeded]
    assert titles(client, "?status=ongoing&sort=start&page=999") == second


def test_html_in_content_is_escaped(client: Client) -> None:
    activity("xss", title_fi="<script>alert(1)</script>", summary_fi="<b>lihava</b>")
    for url in ["/fi/activities/", "/fi/activities/xss/"]:
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "<b>lihava</b>" not in html


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_activity_page_shows_participants_funding_and_confirmed_goals(
    client: Client, language: str
) -> None:
    sparcs = Activity.objects.get(slug="sparcs")
    link(sparcs, goal=Goal.objects.current().get(number=6))
    link(sparcs, review="rejected", goal=Goal.objects.current().get(number=1))
    link(sparcs, target=SDGGoal.objects.get(number=11).targets.get(code="11.6"))
    html = client.get(f"/{language}/activities/sparcs/").content.decode()
    assert getattr(sparcs, f"title_{language}") in html
    assert 'scope="col"' in html
    assert {"fi": "Saksa", "sv": "Tyskland", "en": "Germany"}[language] in html  # Leipzig
    assert "864242" in html
    goal6 = Goal.objects.current().get(number=6)
    goal1 = Goal.objects.current().get(number=1)
    assert getattr(goal6, f"title_{language}") in html
    assert getattr(goal1, f"title_{language}") not in html
    assert "11.6" in html
