"""Lists sorted by a translated name sort by the name the reader sees (core.translated): an
organisation named only in Finnish is shown under its Finnish name in Swedish and English,
and sorts there by it, not first (an empty column) or last (NULL on PostgreSQL). Case does
not matter. The same on the staff lists, the API, the public pages and a form's choices."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from core.translated import ShownOrder, fallback_languages, resolve_orders, shown_order
from registry.models import Organisation, Partnership
from tests.personas import login
from workspace.forms_portfolio import PartnershipForm

pytestmark = pytest.mark.django_db

LANGUAGES = ["fi", "sv", "en"]
# slug: (fi, sv, en); None: not given. "to-" is in every slug (a search by identifier).
NAMES: dict[str, tuple[str, str | None, str | None]] = {
    "to-tukholma": ("Tukholman kaupunki", "Stockholms stad", "Stockholm City"),
    "to-aalborg": ("Aalborgin kunta", "Aalborg kommun", "Aalborg Municipality"),
    "to-mikkeli": ("Mikkelin kaupunki", None, None),  # only Finnish: NULL or empty
    "to-pori": ("Porin kaupunki", "", ""),  # only Finnish, the others empty
    "to-eindhoven": ("eindhovenin yliopisto", "eindhovens universitet", "eindhoven university"),
}
# Case-insensitive, the Finnish-only ones by their Finnish names in every language.
EXPECTED = ["to-aalborg", "to-eindhoven", "to-mikkeli", "to-pori", "to-tukholma"]


@pytest.fixture
def organisations() -> None:
    for slug, (fi, sv, en) in NAMES.items():
        given = {"name_sv": sv, "name_en": en}
        partner = Organisation.objects.create(
            slug=slug,
            name_fi=fi,
            country="FI",
            **{field: text for field, text in given.items() if text is not None},
        )
        Partnership.objects.create(
            slug=f"{slug}-mou", partner=partner, kind="mou", status="active", public=True
        )


def ours(slugs: Any) -> list[str]:
    return [slug.removesuffix("-mou") for slug in slugs if slug.startswith("to-")]


def test_a_name_is_shown_from_the_fallback_languages() -> None:
    assert fallback_languages("fi") == ("fi", "en", "sv")
    assert fallback_languages("sv") == ("sv", "fi", "en")
    assert fallback_languages("en") == ("en", "fi", "sv")
    with translation.override("sv"):
        assert fallback_languages() == ("sv", "fi", "en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_order_expression_sorts_by_the_name_shown(organisations: None, language: str) -> None:
    with translation.override(language):
        listed = Organisation.objects.filter(slug__startswith="to-")
        assert ours(listed.order_by(shown_order("name")).values_list("slug", flat=True)) == (
            EXPECTED
        )
        descending = listed.order_by(*resolve_orders([ShownOrder("-name")]))
        assert ours(descending.values_list("slug", flat=True)) == EXPECTED[::-1]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_staff_organisation_list_sorts_by_the_name_shown(
    client: Client, vera: User, organisations: None, language: str
) -> None:
    login(client, vera)
    for query in ("q=to-", "q=to-&sort=name", "q=to-&sort=country"):  # every one is FI
        response = client.get(f"/{language}/staff/organisations/?{query}")
        assert ours(o.slug for o in response.context["page"]) == EXPECTED, query


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_staff_partnership_list_sorts_by_the_partner_name_shown(
    client: Client, vera: User, organisations: None, language: str
) -> None:
    login(client, vera)
    response = client.get(f"/{language}/staff/partnerships/?q=to-")
    assert ours(p.slug for p in response.context["page"]) == EXPECTED


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_api_lists_sort_by_the_name_shown_in_the_asked_language(
    client: Client, organisations: None, language: str
) -> None:
    for path in ("/api/v1/organisations/", "/api/v1/partnerships/"):
        response = client.get(path, {"page_size": 1000}, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        slugs = [item["slug"] for item in response.json()["results"]]
        assert ours(slugs) == EXPECTED, path


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_partner_list_sorts_by_the_name_shown(
    client: Client, organisations: None, language: str
) -> None:
    from portal.queries import public_partnerships

    with translation.override(language):
        assert ours(p.slug for p in public_partnerships()) == EXPECTED


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_forms_choices_sort_by_the_name_shown(organisations: None, language: str) -> None:
    with translation.override(language):
        choices = PartnershipForm().fields["partner"].queryset
        assert ours(o.slug for o in choices) == EXPECTED
