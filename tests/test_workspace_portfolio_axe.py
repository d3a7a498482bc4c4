"""WCAG 2.1 AA on the portfolio and registry pages of the workspace (axe-core in
headless Chromium): lists, pages, forms, forms with errors and confirmation pages."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from portfolio.models import Activity, ActivityLink, FundingLine, Milestone, Outcome, Participant
from registry.models import CityUnit, Contact, NetworkMembership, Organisation, Partnership, Theme
from strategy.models import AlignmentLink, Goal
from tests.a11y import assert_no_violations, describe, form_error_violations
from tests.personas import login

# The persona fixtures (pytest finds fixtures by name in the test module).

pytestmark = pytest.mark.django_db


@pytest.fixture
def records() -> dict[str, Any]:
    org = Organisation.objects.create(
        slug="axe-org", name_fi="Tartu linn", kind="city", country="EE"
    )
    contact = Contact.objects.create(
        organisation=org, name="Kadri Kask", purpose="Pilot", review_on=date(2020, 1, 1)
    )
    activity = Activity.objects.create(
        slug="axe-activity",
        title_fi="Valaistus",
        kind="eu_project",
        status="ongoing",
        start_date=date(2026, 1, 1),
    )
    Participant.objects.create(activity=activity, organisation=org, role="partner")
    FundingLine.objects.create(activity=activity, programme="Interreg", total_budget=1000)
    FundingLine.objects.create(activity=activity, programme="City", total_budget=500)
    milestone = Milestone.objects.create(activity=activity, title_fi="Vaihe", progress=40)
    Outcome.objects.create(activity=activity, description_fi="Tulos", indicator_fi="MWh")
    ActivityLink.objects.create(activity=activity, title_fi="Sivu", url="https://example.org")
    AlignmentLink.objects.create(
        item=activity, goal=Goal.objects.first(), source="engine", confidence=0.5
    )
    membership = NetworkMembership.objects.create(slug="axe-net", network=org)
    partnership = Partnership.objects.create(slug="axe-p", partner=org, kind="mou", status="active")
    return {
        "activity": activity.pk,
        "milestone": milestone.pk,
        "org": org.pk,
        "membership": membership.pk,
        "partnership": partnership.pk,
        "contact": contact.pk,
        "theme": Theme.objects.create(slug="axe-theme", name_fi="Koulutus").pk,
        "unit": CityUnit.objects.create(slug="axe-unit", name_fi="Yksikkö").pk,
    }


def reading_pages(r: dict[str, Any]) -> list[str]:
    return [
        "/{lang}/staff/activities/",
        "/{lang}/staff/activities/?q=nothing-like-this",
        f"/{{lang}}/staff/activities/{r['activity']}/",
        "/{lang}/staff/organisations/",
        f"/{{lang}}/staff/organisations/{r['org']}/",
        "/{lang}/staff/networks/",
        f"/{{lang}}/staff/networks/{r['membership']}/",
        "/{lang}/staff/partnerships/",
        f"/{{lang}}/staff/partnerships/{r['partnership']}/",
        "/{lang}/staff/themes/",
        "/{lang}/staff/themes/?q=nothing-like-this",
        "/{lang}/staff/markets/",
        "/{lang}/staff/units/",
    ]


def form_pages(r: dict[str, Any]) -> list[str]:
    base = f"/{{lang}}/staff/activities/{r['activity']}"
    return [
        "/{lang}/staff/activities/new/",
        f"{base}/edit/",
        f"{base}/milestones/add/",
        f"{base}/milestones/{r['milestone']}/remove/",
        f"{base}/participants/add/",
        f"/{{lang}}/staff/organisations/{r['org']}/edit/",
        f"/{{lang}}/staff/partnerships/{r['partnership']}/edit/",
        "/{lang}/staff/networks/new/",
        f"{base}/remove/",
        f"/{{lang}}/staff/organisations/{r['org']}/remove/",  # in use: what uses it
        f"/{{lang}}/staff/organisations/{r['org']}/contacts/add/",
        f"/{{lang}}/staff/organisations/{r['org']}/contacts/{r['contact']}/edit/",
        f"/{{lang}}/staff/organisations/{r['org']}/contacts/{r['contact']}/remove/",
        f"/{{lang}}/staff/partnerships/{r['partnership']}/remove/",
        "/{lang}/staff/themes/new/",
        f"/{{lang}}/staff/themes/{r['theme']}/remove/",
    ]


def admin_pages(r: dict[str, Any]) -> list[str]:
    return [
        "/{lang}/staff/units/",
        "/{lang}/staff/units/new/",
        f"/{{lang}}/staff/units/{r['unit']}/edit/",
        f"/{{lang}}/staff/units/{r['unit']}/remove/",
        "/{lang}/staff/markets/new/",
    ]


def test_portfolio_pages_have_no_violations_for_a_viewer(
    browser: Any, client: Client, records: dict[str, Any], vera: User
) -> None:
    login(client, vera)
    for page in reading_pages(records):
        assert_no_violations(browser, client, page.format(lang="sv"))


def test_portfolio_pages_and_forms_have_no_violations_for_an_editor(
    browser: Any, client: Client, records: dict[str, Any], eddie: User
) -> None:
    login(client, eddie)
    for page in reading_pages(records)[2:3] + form_pages(records):
        assert_no_violations(browser, client, page.format(lang="fi"))


def test_a_form_with_errors_has_no_violations(
    browser: Any, client: Client, records: dict[str, Any], eddie: User
) -> None:
    login(client, eddie)
    violations = form_error_violations(
        browser,
        client,
        f"/en/staff/activities/{records['activity']}/milestones/add/",
        {"#id_progress": "150"},
        "form[novalidate] button[type=submit]",
    )
    assert not violations, describe(violations)


def test_reference_forms_have_no_violations_for_an_admin(
    browser: Any, client: Client, records: dict[str, Any], ada: User
) -> None:
    login(client, ada)
    for page in admin_pages(records):
        assert_no_violations(browser, client, page.format(lang="sv"))
