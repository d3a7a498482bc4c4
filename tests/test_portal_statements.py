"""Privacy and accessibility statements, contact, error pages and the sitemap."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from portfolio.models import Activity
from tests.portal_support import LANGUAGES, page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["privacy", "accessibility", "contact"])
def test_statement_pages_answer_in_each_language(client: Client, language: str, name: str) -> None:
    html = page(client, f"/{language}/{name}/")
    assert f'<html lang="{language}">' in html
    assert "international@espoo.fi" in html


def test_privacy_notice_names_controller_purpose_basis_and_openness() -> None:
    html = Client().get("/en/privacy/").content.decode()
    for fact in ["City of Espoo", "cooperation idea", "6(1)(e)", "621/1999", "Your rights"]:
        assert fact in html
    assert "How long we keep the data" in html


def test_accessibility_statement_names_target_law_feedback_and_enforcement() -> None:
    html = Client().get("/en/accessibility/").content.decode()
    for fact in ["WCAG 2.1", "306/2019", "within two weeks", "saavutettavuusvaatimukset.fi"]:
        assert fact in html
    assert "Regional State Administrative Agency for Southern Finland" in html
    assert "partially meets" in html  # no claim of full compliance before an audit


def test_contact_page_lists_the_units(client: Client) -> None:
    html = page(client, "/en/contact/")
    assert "International Affairs, Mayor" in html
    assert "Enter Espoo" in html


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fi", "Sivua ei löytynyt"), ("sv", "Sidan hittades inte"), ("en", "Page not found")],
)
def test_not_found_page_is_translated(client: Client, language: str, heading: str) -> None:
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    if language == "en":
        assert heading in html
    assert f'href="/{language}/"' in html


def test_server_error_page_needs_no_request_context_or_database(
    django_assert_num_queries: object,
) -> None:
    request = RequestFactory().get("/sv/")
    with translation.override("sv"), django_assert_num_queries(0):  # type: ignore[operator]
        response = server_error(request)
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "international@espoo.fi" in html


def test_sitemap_lists_every_page_type_in_three_languages(client: Client) -> None:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for path in [
        "/",
        "/goals/",
        "/goals/2021-2025/6/",
        "/sdg/13/",
        "/activities/sparcs/",
        "/networks/",
        "/organisations/shanghai/",
        "/privacy/",
        "/accessibility/",
    ]:
        for language in LANGUAGES:
            assert f"<loc>http://testserver/{language}{path}</loc>" in xml, path
    assert 'hreflang="sv" href="http://testserver/sv/activities/sparcs/"' in xml
    assert 'hreflang="x-default"' in xml


def test_sitemap_leaves_out_non_public_activities(client: Client) -> None:
    Activity.objects.create(
        slug="internal-visit", title_fi="Sisäinen", kind="other", status="planned", public=False
    )
    assert "internal-visit" not in client.get("/sitemap.xml").content.decode()
