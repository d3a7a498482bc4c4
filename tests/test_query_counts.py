"""The catalogue and the staff activity list cost a fixed number of queries, however many
activities a page shows: no query per row may creep back in (N+1)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.test import Client

from portfolio.models import Activity, FundingLine, Participant
from registry.models import CityUnit, Organisation
from tests.personas import login

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv", "en"]


def many_activities(count: int) -> None:
    unit = CityUnit.objects.first()
    partner = Organisation.objects.create(slug="qc-partner", name_fi="Tallinna", country="EE")
    for n in range(count):
        item = Activity.objects.create(
            slug=f"qc-{n:03d}", title_fi=f"Hanke {n}", title_sv=f"Projekt {n}",
            title_en=f"Project {n}", summary_en="A summary.", kind=Activity.Kind.EU_PROJECT,
            status=Activity.Status.ONGOING, public=True, responsible_unit=unit,
            start_date=datetime.date(2024, 1, 1) + datetime.timedelta(days=n),
            end_date=datetime.date(2026, 12, 31),
        )  # fmt: skip
        Participant.objects.create(activity=item, organisation=partner, role="partner")
        FundingLine.objects.create(activity=item, programme="Interreg", eu_contribution=1000)


@pytest.fixture
def uncached(settings: Any) -> None:
    settings.PORTAL_CACHE_SECONDS = 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_costs_the_same_queries_for_a_full_page(
    client: Client, uncached: None, language: str, django_assert_max_num_queries: Any
) -> None:
    many_activities(25)
    path = f"/{language}/activities/?kind=eu_project&status=ongoing&sort=title"
    client.get(path)  # the filter options are built once per language, then kept
    with django_assert_max_num_queries(2):  # the count and the page
        html = client.get(path).content.decode()
    # A full page of 20 (the seed's own ongoing EU projects may sort among them).
    assert len(re.findall(r'<h3><a href="/\w\w/activities/[\w-]+/"', html)) == 20


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_filter_options_are_built_in_a_few_queries(
    client: Client, uncached: None, language: str, django_assert_max_num_queries: Any
) -> None:
    many_activities(5)
    with django_assert_max_num_queries(9):
        response = client.get(f"/{language}/activities/")
    assert 'value="EE"' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "kind", "status"),
    [
        ("fi", "EU-hanke", "käynnissä"),
        ("sv", "EU-projekt", "pågående"),
        ("en", "EU project", "ongoing"),
    ],
)
def test_the_catalogue_rows_name_kind_and_status_in_the_page_language(
    client: Client, uncached: None, language: str, kind: str, status: str
) -> None:
    many_activities(1)
    html = client.get(f"/{language}/activities/?kind=eu_project").content.decode()
    assert f"{kind} · {status} · " in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_staff_activity_list_costs_the_same_queries_for_a_full_page(
    client: Client, vera: Any, language: str, django_assert_max_num_queries: Any
) -> None:
    many_activities(30)
    login(client, vera)
    path = f"/{language}/staff/activities/"
    client.get(path)
    with django_assert_max_num_queries(12):
        html = client.get(path).content.decode()
    assert html.count('href="/' + language + "/staff/activities/") >= 20


def test_a_staff_search_through_grants_lists_an_activity_once(client: Client, vera: Any) -> None:
    many_activities(3)
    FundingLine.objects.create(
        activity=Activity.objects.get(slug="qc-001"), programme="LIFE", grant_number="GA-77"
    )
    login(client, vera)
    html = client.get("/en/staff/activities/?q=GA-7").content.decode()
    assert html.count(">Project 1<") == 1
    assert "1 activity found" in html
