"""Who may open the insights, the public dashboard, fi/sv rendering and axe-core checks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from ideas.models import Idea
from portfolio.models import Activity, FundingLine, Participant
from registry.models import Organisation
from strategy.models import AlignmentLink, Goal, SDGGoal
from tests.a11y import assert_no_violations
from tests.personas import login
from tests.workspace_support import make_idea

pytestmark = pytest.mark.django_db

STAFF_URLS = [
    "/en/staff/insights/",
    "/en/staff/insights/report/?kind=annual&year=2024&language=en&format=html",
    "/en/staff/insights/export/?dataset=activities&format=csv",
]


@pytest.fixture
def figures(settings: Any, tmp_path: Any) -> Activity:
    settings.IDEAS_ATTACHMENT_DIR = tmp_path
    secret = Activity.objects.create(
        slug="access-secret", title_fi="Salainen", title_en="Internal secret visit",
        kind="delegation_incoming", status="planned", public=False, start_date=date(2024, 5, 1),
    )  # fmt: skip
    shown = Activity.objects.create(
        slug="access-shown", title_fi="Julkinen", title_en="Public project",
        kind="eu_project", status="ongoing", public=True, start_date=date(2024, 1, 1),
        end_date=date(2025, 6, 30),
    )  # fmt: skip
    partner = Organisation.objects.create(
        slug="access-jp", name_fi="Kioto", kind="city", country="JP"
    )
    Participant.objects.create(activity=shown, organisation=partner, role="partner")
    Participant.objects.create(activity=secret, organisation=partner, role="partner")
    FundingLine.objects.create(
        activity=shown, programme="LIFE", eu_contribution=1234, total_budget=2000
    )
    FundingLine.objects.create(activity=secret, programme="Secret fund", eu_contribution=999)
    goal = Goal.objects.current().get(number=3)
    for item in (shown, secret):
        AlignmentLink.objects.create(item=item, goal=goal, source="staff", review_state="confirmed")
        AlignmentLink.objects.create(
            item=item, sdg=SDGGoal.objects.get(number=9), source="staff", review_state="confirmed"
        )
    idea = make_idea(contact_email="proposer@example.org")
    Idea.objects.filter(pk=idea.pk).update(submitted_at=timezone.make_aware(datetime(2024, 3, 1)))
    return shown


@pytest.mark.parametrize("url", STAFF_URLS)
def test_anonymous_visitors_go_to_the_staff_login(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302 and "/staff/login/" in response["Location"]


@pytest.mark.parametrize("url", STAFF_URLS)
@pytest.mark.parametrize("persona", ["ulla", "pekka"])
def test_users_without_a_role_are_refused(
    client: Client, url: str, persona: str, request: pytest.FixtureRequest
) -> None:
    login(client, request.getfixturevalue(persona))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", STAFF_URLS)
def test_viewers_may_open_everything(client: Client, vera: User, url: str) -> None:
    login(client, vera)
    assert client.get(url).status_code == 200


def test_viewers_may_not_post(client: Client, vera: User) -> None:
    login(client, vera)
    assert client.post("/en/staff/insights/").status_code == 405


def test_the_public_dashboard_shows_public_data_only(client: Client, figures: Activity) -> None:
    response = client.get("/en/insights/?year=2024")
    assert response.status_code == 200
    html = response.content.decode()
    assert "LIFE" in html and "Secret fund" not in html
    assert "proposer@example.org" not in html
    coverage = {row.goal.number: row for row in response.context["coverage"]}
    assert coverage[3].activities == 1
    assert ["Japan", "1"] in response.context["partner_map"].table.rows
    assert "Ideas" not in response.context["goal_chart"].columns  # no ideas per goal in public
    assert response.context["ideas"].total >= 1  # the funnel is published as counts


def test_the_staff_dashboard_counts_internal_activities(
    client: Client, vera: User, figures: Activity
) -> None:
    login(client, vera)
    response = client.get("/en/staff/insights/?year=2024")
    coverage = {row.goal.number: row for row in response.context["coverage"]}
    assert coverage[3].activities == 2 and "Secret fund" in response.content.decode()


def test_bad_filters_get_an_error_summary(client: Client, vera: User) -> None:
    login(client, vera)
    response = client.get("/en/staff/insights/?year=12345&unit=999999")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html and 'href="#id_year"' in html
    assert client.get("/en/insights/?year=abc").status_code == 400


@pytest.mark.parametrize(
    ("lang", "heading", "nav"),
    [
        ("fi", "Kansainvälinen työ lukuina", "Tavoitteiden kattavuus"),
        ("sv", "Internationellt arbete i siffror", "Målens täckning"),
    ],
)
def test_public_dashboard_in_finnish_and_swedish(
    client: Client, lang: str, heading: str, nav: str, figures: Activity
) -> None:
    html = client.get(f"/{lang}/insights/").content.decode()
    assert f'<html lang="{lang}">' in html and heading in html and nav in html


def test_staff_dashboard_in_swedish(client: Client, vera: User) -> None:
    login(client, vera)
    html = client.get("/sv/staff/insights/").content.decode()
    assert "Rapporter" in html and "Exporter" in html


def test_the_workspace_nav_links_the_insights(client: Client, vera: User) -> None:
    login(client, vera)
    html = client.get("/en/staff/").content.decode()
    assert 'href="/en/staff/insights/"' in html


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_dashboards_have_no_axe_violations(
    browser: Any, client: Client, vera: User, figures: Activity, lang: str
) -> None:
    assert_no_violations(browser, client, f"/{lang}/insights/")
    login(client, vera)
    assert_no_violations(browser, client, f"/{lang}/staff/insights/")


def test_the_html_report_has_no_axe_violations(
    browser: Any, client: Client, vera: User, figures: Activity
) -> None:
    login(client, vera)
    for kind in ("annual", "sdg"):
        path = f"/en/staff/insights/report/?kind={kind}&year=2024&language=sv&format=html"
        assert_no_violations(browser, client, path)
