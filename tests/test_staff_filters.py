"""The staff lists' filters (core.filters, shared with the API): the staff activity list and
the API list the same activities for the same year and search; a bad filter value is refused
with a translated message on every staff list and a 400 in the API, never a 500."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.models import Model
from django.test import Client
from django.utils import translation

from core.translated import shown_order
from portfolio.models import Activity, FundingLine, Participant
from registry.models import (
    CityUnit,
    NetworkMembership,
    Organisation,
    Partnership,
    TargetMarket,
    Theme,
)
from tests.personas import login
from tests.test_rules_one_place import api, workspace
from tests.workspace_support import make_idea

pytestmark = pytest.mark.django_db

S, d = Activity.Status, date

# slug: (status, start, end, public, title); "sf-" is in every slug (a search by identifier).
CASES: dict[str, tuple[str, date | None, date | None, bool, str]] = {
    "sf-running": (S.ONGOING, d(2029, 1, 1), d(2031, 6, 30), True, "Älykäs valaistus"),
    "sf-ongoing-open": (S.ONGOING, d(2028, 5, 1), None, True, "Nuorisovaihto"),
    "sf-completed-open": (S.COMPLETED, d(2028, 3, 1), None, True, "Valaistusmessut"),
    "sf-completed-in-year": (S.COMPLETED, d(2030, 4, 1), None, True, "Vierailu Tarttoon"),
    "sf-ended": (S.COMPLETED, d(2027, 1, 1), d(2029, 12, 31), True, "Kouluvaihto"),
    "sf-no-start": (S.ONGOING, None, d(2030, 12, 31), True, "Sijoittajahaku"),
    "sf-internal": (S.ONGOING, d(2030, 1, 1), d(2030, 12, 31), False, "Sisäinen valaistus"),
}


@pytest.fixture
def activities() -> None:
    tallinn = Organisation.objects.create(
        slug="sf-tallinn", name_fi="Tallinnan kaupunki", name_en="City of Tallinn", country="EE"
    )
    for slug, (status, start, end, public, title) in CASES.items():
        item = Activity.objects.create(
            slug=slug, title_fi=title, kind=Activity.Kind.EU_PROJECT, status=status,
            start_date=start, end_date=end, public=public,
        )  # fmt: skip
        if slug in ("sf-running", "sf-ended", "sf-internal"):
            Participant.objects.create(activity=item, organisation=tallinn, role="partner")
    running = Activity.objects.get(slug="sf-running")
    for number in ("SF-4711", "SF-4712"):  # two grants: the activity is still listed once
        FundingLine.objects.create(activity=running, programme="Interreg", grant_number=number)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2030&q=sf-", {"sf-running", "sf-ongoing-open", "sf-completed-in-year"}),
        ("year=2028&q=sf-", {"sf-ongoing-open", "sf-completed-open", "sf-ended"}),
        ("q=valaistus", {"sf-running", "sf-completed-open"}),
        ("q=tallinn", {"sf-running", "sf-ended"}),  # a participant's name, in any language
        ("year=2030&q=SF-471", {"sf-running"}),  # a grant number
        ("year=2031&q=sf-", {"sf-running", "sf-ongoing-open"}),
        ("year=2030", None),  # the seed's activities too: the same set in both
        ("q=", None),
    ],
)
def test_the_staff_list_and_the_api_list_the_same_activities(
    client: Client, vera: User, activities: None, query: str, expected: set[str] | None
) -> None:
    staff = workspace(client, vera, f"{query}&visibility=public")
    assert staff == api(client, query)
    if expected is not None:
        assert staff == expected


def test_the_staff_list_finds_internal_activities_by_the_same_rules(
    client: Client, vera: User, activities: None
) -> None:
    assert workspace(client, vera, "year=2030&q=tallinn") == {"sf-running", "sf-internal"}
    assert api(client, "year=2030&q=tallinn") == {"sf-running"}


def summary(response: Any) -> str:
    html = response.content.decode()
    assert 'class="error-summary"' in html, "the refusal is not summarised"
    return html[
        html.index('class="error-summary"') : html.index("</div>", html.index("error-summary"))
    ]


# (list address, what it refuses, the message in fi, sv and en)
REFUSALS = [
    (
        "staff/activities/?year=abc",
        "#id_year",
        {"fi": "Syötä kokonaisluku.", "sv": "Fyll i ett heltal.", "en": "Enter a whole number."},
    ),
    (
        "staff/activities/?year=3000",
        "#id_year",
        {
            "fi": "Tämän arvon on oltava enintään 2200.",
            "sv": "Kontrollera att detta värde är mindre än eller lika med 2200.",
            "en": "Ensure this value is less than or equal to 2200.",
        },
    ),
    (
        "staff/ideas/?age=abc",
        "#id_age",
        {
            "fi": "Valitse oikea vaihtoehto. abc ei ole vaihtoehtojen joukossa.",
            "sv": "Välj ett giltigt alternativ. abc finns inte bland tillgängliga alternativ.",
            "en": "Select a valid choice. abc is not one of the available choices.",
        },
    ),
    (
        "staff/radar/?sdg=99",
        "#id_sdg",
        {
            "fi": "Valitse oikea vaihtoehto. 99 ei ole vaihtoehtojen joukossa.",
            "sv": "Välj ett giltigt alternativ. 99 finns inte bland tillgängliga alternativ.",
            "en": "Select a valid choice. 99 is not one of the available choices.",
        },
    ),
    (
        "staff/organisations/?country=ZZ",
        "#id_country",
        {
            "fi": "Valitse oikea vaihtoehto. ZZ ei ole vaihtoehtojen joukossa.",
            "sv": "Välj ett giltigt alternativ. ZZ finns inte bland tillgängliga alternativ.",
            "en": "Select a valid choice. ZZ is not one of the available choices.",
        },
    ),
    (
        f"staff/themes/?q={'x' * 300}",
        "#id_q",
        {
            "fi": "Tämän arvon tulee olla enintään 200 merkkiä pitkä (tällä hetkellä 300).",
            "sv": "Säkerställ att detta värde har som mest 200 tecken (den har 300).",
            "en": "Ensure this value has at most 200 characters (it has 300).",
        },
    ),
    (
        "staff/audit/?date_from=2030-13-45",
        "#id_date_from",
        {
            "fi": "Syötä oikea päivämäärä.",
            "sv": "Fyll i ett giltigt datum.",
            "en": "Enter a valid date.",
        },
    ),
]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
@pytest.mark.parametrize(("path", "anchor", "messages"), REFUSALS)
def test_a_bad_filter_value_is_refused_with_a_translated_message(
    client: Client, ada: User, language: str, path: str, anchor: str, messages: dict[str, str]
) -> None:
    login(client, ada)
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200
    found = summary(response)
    assert f'href="{anchor}"' in found and messages[language] in found


def test_a_refused_value_lists_everything_but_an_audit_search_nothing(
    client: Client, ada: User, activities: None
) -> None:
    make_idea()
    login(client, ada)
    listed = client.get("/en/staff/activities/?year=abc&q=sf-running")
    assert listed.context["total"] == Activity.objects.count()  # as with no filters
    assert client.get("/en/staff/ideas/?age=abc").context["total"] == 1
    audit = client.get("/en/staff/audit/?date_from=2030-13-45")
    assert audit.context["page"].paginator.count == 0
    export = client.get("/en/staff/audit/export.csv?date_from=2030-13-45")
    assert export.status_code == 200 and export.content.decode().count("\n") == 1  # header only


@pytest.mark.parametrize("value", ["abc", "3000", "1899", "2030.5"])
def test_the_api_refuses_the_same_bad_years(client: Client, value: str) -> None:
    response = client.get(f"/api/v1/activities/?year={value}")
    assert response.status_code == 400
    assert "year" in response.json()


def test_the_filtered_staff_list_costs_no_more_queries_than_the_plain_one(
    client: Client, vera: User, activities: None, django_assert_max_num_queries: Any
) -> None:
    for n in range(60):
        Activity.objects.create(
            slug=f"sf-many-{n:02d}", title_fi=f"Hanke {n}", kind=Activity.Kind.EU_PROJECT,
            status=S.ONGOING, start_date=d(2030, 1, 1), public=True,
        )  # fmt: skip
    login(client, vera)
    path = "/en/staff/activities/?year=2030&q=sf-&visibility=public&sort=title&page=2"
    client.get(path)
    with django_assert_max_num_queries(10):
        html = client.get(path).content.decode()
    assert html.count('href="/en/staff/activities/') >= 10


@pytest.mark.parametrize(
    ("path", "form", "link"),  # form: the filter form's name in the page's context
    [
        ("staff/radar/?status=all", "filters", ("Clear the filters", "/en/staff/radar/")),
        (
            "staff/organisations/?kind=city",
            "filters",
            ("Clear the filters", "/en/staff/organisations/"),
        ),
        ("staff/markets/?q=x", "filters", ("Clear the search", "/en/staff/markets/")),
        (
            "staff/audit/?action=update",
            "form",
            ("Export these events as CSV", "/en/staff/audit/export.csv?action=update"),
        ),
    ],
)
def test_every_filter_field_is_shown_in_the_shared_filter_form(
    client: Client, ada: User, path: str, form: str, link: tuple[str, str]
) -> None:
    login(client, ada)
    response = client.get(f"/en/{path}")
    html = response.content.decode()
    filters = html.split('class="filters"', 1)[1].split("</form>", 1)[0]
    assert response.status_code == 200
    for field in response.context[form]:
        assert f'name="{field.html_name}"' in filters
    text, href = link
    assert f'<a href="{href}">{text}</a>' in filters


@pytest.fixture
def records() -> None:
    """Two of each registry record, one of them found by the filters below."""
    tartu = Organisation.objects.create(
        slug="sf-tartu", name_fi="Sf-Tarton kaupunki", kind="city", country="EE"
    )
    network = Organisation.objects.create(
        slug="sf-network", name_fi="Sf-Verkosto", kind="network", country="BE"
    )
    NetworkMembership.objects.create(slug="sf-member", network=network, status="active")
    NetworkMembership.objects.create(slug="sf-planned", network=tartu, status="planned")
    Partnership.objects.create(slug="sf-mou", partner=tartu, kind="mou", status="active")
    Partnership.objects.create(slug="sf-twin", partner=network, kind="sister_city", status="active")
    Theme.objects.create(slug="sf-light", name_fi="Sf-valaistus")
    Theme.objects.create(slug="sf-school", name_fi="Sf-koulut")
    CityUnit.objects.create(slug="sf-unit-a", name_fi="Sf-yksikkö A", email="a@sf.example")
    CityUnit.objects.create(slug="sf-unit-b", name_fi="Sf-yksikkö B")
    TargetMarket.objects.create(country="UY", description_fi="Sf-markkina")
    TargetMarket.objects.create(country="PY", description_fi="Sf-toinen")


# (list, model, a query that narrows to ``found``, a refused query: the field it names)
NARROWED: list[tuple[str, type[Model], str, set[str], str, str]] = [
    ("organisations", Organisation, "q=sf-&kind=network", {"sf-network"}, "country=ZZ", "country"),
    ("networks", NetworkMembership, "q=sf-&status=active", {"sf-member"}, "status=nope", "status"),
    ("partnerships", Partnership, "q=sf-&kind=mou", {"sf-mou"}, "kind=nope", "kind"),
    ("themes", Theme, "q=sf-valaistus", {"sf-light"}, f"q={'x' * 300}", "q"),
    ("units", CityUnit, "q=a@sf.example", {"sf-unit-a"}, f"q={'x' * 201}", "q"),
    ("markets", TargetMarket, "q=uruguay", {"UY"}, f"q={'uruguay' * 30}", "q"),
]


def listed(response: Any) -> set[str]:
    items = response.context["page"].object_list
    return {str(getattr(item, "slug", None) or item.country) for item in items}


@pytest.mark.parametrize(("path", "model", "good", "found", "bad", "field"), NARROWED)
def test_every_registry_list_narrows_and_refuses_a_bad_value_showing_everything(
    client: Client,
    vera: User,
    records: None,
    path: str,
    model: type[Model],
    good: str,
    found: set[str],
    bad: str,
    field: str,
) -> None:
    login(client, vera)
    narrowed = client.get(f"/en/staff/{path}/?{good}")
    assert narrowed.status_code == 200 and "error-summary" not in narrowed.content.decode()
    assert listed(narrowed) == found and narrowed.context["total"] == len(found)
    refused = client.get(f"/en/staff/{path}/?{good}&{bad}")
    assert refused.status_code == 200
    assert f'href="#id_{field}"' in summary(refused)
    assert refused.context["total"] == model._default_manager.count()  # as with no filters


@pytest.mark.parametrize(
    ("path", "found"), [("networks", {"sf-member"}), ("partnerships", {"sf-twin"})]
)
def test_a_membership_or_partnership_is_found_by_its_partners_swedish_name(
    client: Client, vera: User, records: None, path: str, found: set[str]
) -> None:
    Organisation.objects.filter(slug="sf-network").update(name_sv="Sf-Nätverket i Bryssel")
    login(client, vera)
    response = client.get(f"/sv/staff/{path}/?q=nätverket i bryssel")
    assert listed(response) == found


@pytest.mark.parametrize("path", [case[0] for case in NARROWED])
def test_a_nul_in_a_registry_list_query_is_a_clear_400(
    client: Client, vera: User, path: str
) -> None:
    login(client, vera)
    response = client.get(f"/en/staff/{path}/?q=a%00b")  # core.textinput.RefuseNulMiddleware
    assert response.status_code == 400 and "NUL" in response.content.decode()


def test_the_organisations_sort_and_a_refused_sort_lists_all_by_name(
    client: Client, vera: User, records: None
) -> None:
    login(client, vera)
    by_country = client.get("/en/staff/organisations/?q=sf-&sort=country")
    assert [o.slug for o in by_country.context["page"]] == ["sf-network", "sf-tartu"]  # BE, EE
    by_name = client.get("/en/staff/organisations/?q=sf-")
    assert [o.slug for o in by_name.context["page"]] == ["sf-tartu", "sf-network"]
    refused = client.get("/en/staff/organisations/?q=sf-&sort=nonsense")
    assert refused.status_code == 200 and 'href="#id_sort"' in summary(refused)
    with translation.override("en"):  # by the name the reader sees
        first_page = list(Organisation.objects.order_by(shown_order("name"), "pk")[:50])
    assert list(refused.context["page"]) == first_page  # unfiltered, by name
