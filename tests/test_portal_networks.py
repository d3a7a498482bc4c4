"""Networks, partner cities, target markets and organisation pages."""

from __future__ import annotations

from html import escape

import pytest
from django.test import Client

from portfolio.models import Activity, Participant
from registry.models import NetworkMembership, Organisation, Partnership
from tests.portal_support import LANGUAGES, page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", LANGUAGES)
def test_networks_page_lists_public_memberships(client: Client, language: str) -> None:
    html = page(client, f"/{language}/networks/")
    for membership in NetworkMembership.objects.filter(public=True).select_related("network"):
        assert escape(getattr(membership.network, f"name_{language}")) in html
        assert escape(getattr(membership, f"role_{language}")) in html


def test_non_public_membership_is_not_shown(client: Client) -> None:
    NetworkMembership.objects.filter(slug="fcai").update(public=False)
    assert "FCAI" not in page(client, "/en/networks/")


@pytest.mark.parametrize(
    ("language", "themes", "china"),
    [
        ("fi", ["Innovaatiot", "Terveys ja vanhustenhoito"], "Kiina"),
        ("sv", ["Innovation", "Hälsa och äldreomsorg"], "Kina"),
        ("en", ["Innovation", "Health and elderly care"], "China"),
    ],
)
def test_shanghai_is_shown_with_its_themes(
    client: Client, language: str, themes: list[str], china: str
) -> None:
    html = page(client, f"/{language}/networks/")
    assert "Shanghai" in html
    assert china in html
    assert "1998" in html
    for theme in themes:
        assert theme in html


@pytest.mark.parametrize(
    ("language", "gatchina", "ended"),
    [("fi", "Gatšina", "Päättynyt"), ("sv", "Gattjina", "Avslutad"), ("en", "Gatchina", "Ended")],
)
def test_former_twin_towns_show_year_and_status(
    client: Client, language: str, gatchina: str, ended: str
) -> None:
    html = page(client, f"/{language}/networks/")
    assert gatchina in html
    assert "1968" in html
    assert "Kristianstad" in html
    assert "1969" in html
    if language == "en":
        assert ended in html


@pytest.mark.parametrize(
    ("language", "names"),
    [("fi", ["Saksa", "Japani"]), ("sv", ["Tyskland", "Japan"]), ("en", ["Germany", "Japan"])],
)
def test_target_markets_have_translated_country_names(
    client: Client, language: str, names: list[str]
) -> None:
    html = page(client, f"/{language}/networks/")
    for name in names:
        assert name in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_organisation_page_lists_its_public_activities(client: Client, language: str) -> None:
    secret = Activity.objects.create(
        slug="secret-vtt", title_fi="Salainen VTT-hanke", kind="other", status="planned"
    )
    vtt = Organisation.objects.get(slug="vtt")
    Participant.objects.create(activity=secret, organisation=vtt, role="partner")
    html = page(client, f"/{language}/organisations/vtt/")
    assert escape(getattr(vtt, f"name_{language}")) in html
    assert escape(Activity.objects.get(slug="sparcs").title) in html or "SPARCS" in html
    assert "Salainen" not in html


def test_organisation_page_shows_the_partnership(client: Client) -> None:
    html = page(client, "/en/organisations/shanghai/")
    assert "Friendship city" in html
    assert "Education" in html


def test_organisation_with_nothing_public_is_not_found(client: Client) -> None:
    company = Organisation.objects.create(
        slug="secret-company", name_fi="Salainen Oy", kind="company", country="DE"
    )
    lead = Activity.objects.create(
        slug="lead", title_fi="Liidi", kind="investment_lead", status="planned", public=False
    )
    Participant.objects.create(activity=lead, organisation=company, role="partner")
    assert Client().get("/fi/organisations/secret-company/").status_code == 404
    assert client.get("/fi/organisations/no-such/").status_code == 404


def test_organisation_of_a_non_public_partnership_is_not_found(client: Client) -> None:
    Partnership.objects.filter(slug="irving").update(public=False)
    assert client.get("/fi/organisations/irving/").status_code == 404
