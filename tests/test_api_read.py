"""The public, read-only API: shapes, filters, pagination and what must never leak."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from api.alignment import alignment_map
from api.serializers import ActivitySerializer
from api.views import activities_with_participants
from portfolio.models import Activity
from registry.models import CityUnit
from strategy.models import SDGGoal
from tests import api_support as helpers
from tests.api_support import World, get_json

world = helpers.world

pytestmark = pytest.mark.django_db

LIST = "/api/v1/activities/"


def slugs(payload: dict[str, Any]) -> list[str]:
    return [item["slug"] for item in payload["results"]]


def test_it_lists_public_activities_with_translated_fields(client: Client, world: World) -> None:
    status, payload = get_json(client, LIST, {"q": "lighting"})
    assert status == 200
    assert slugs(payload) == ["zz-smart-lighting"]
    item = payload["results"][0]
    assert item["title"] == {
        "fi": "Älykäs valaistus",
        "sv": "Smart belysning",
        "en": "Smart lighting",
    }
    assert item["summary"]["fi"] is None
    assert item["kind"] == "eu_project"
    assert item["participants"][0]["organisation"]["slug"] == "zz-testhausen"
    assert item["participants"][0]["organisation"]["name"]["sv"] == "Testhausen stad"


def test_internal_activities_never_appear(client: Client, world: World) -> None:
    _status, payload = get_json(client, LIST, {"page_size": 1000})
    assert "zz-internal-lead" not in slugs(payload)
    assert payload["count"] == Activity.objects.filter(public=True).count()
    status, _ = get_json(client, f"{LIST}zz-internal-lead/")
    assert status == 404
    status, _ = get_json(client, f"{LIST}{world.internal.pk}/")
    assert status == 404


def test_only_confirmed_alignment_is_shown(client: Client, world: World) -> None:
    status, item = get_json(client, f"{LIST}{world.public.slug}/")
    assert status == 200
    alignment = item["alignment"]
    assert [goal["id"] for goal in alignment["goals"]] == [world.goal.pk]
    assert alignment["targets"] == ["11.6"]
    assert alignment["sdgs"] == [11]  # SDG 5 is only an unconfirmed engine suggestion


def test_detail_by_id_and_by_slug_are_the_same(client: Client, world: World) -> None:
    _s, by_slug = get_json(client, f"{LIST}{world.public.slug}/")
    _s, by_id = get_json(client, f"{LIST}{world.public.pk}/")
    assert by_slug == by_id
    assert by_id["description"] == {"fi": None, "sv": None, "en": None}
    assert by_id["funding"] == []


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "eu_project"}, True),
        ({"kind": "event"}, False),
        ({"status": "ongoing"}, True),
        ({"status": "completed"}, False),
        ({"sdg": "11"}, True),
        ({"sdg": "5"}, False),  # pending link only
        ({"target": "11.6"}, True),
        ({"year": "2025"}, True),
        ({"year": "2023"}, False),
        ({"organisation": "zz-testhausen"}, True),
        ({"q": "belysning"}, True),
        ({"q": "no-such-words-anywhere"}, False),
    ],
)
def test_activity_filters(
    client: Client, world: World, params: dict[str, str], expected: bool
) -> None:
    status, payload = get_json(client, LIST, {**params, "page_size": 1000})
    assert status == 200
    assert ("zz-smart-lighting" in slugs(payload)) is expected


def test_goal_filter(client: Client, world: World) -> None:
    _s, payload = get_json(client, LIST, {"goal": world.goal.pk})
    assert slugs(payload) == ["zz-smart-lighting"]


@pytest.mark.parametrize(
    "params",
    [{"sdg": "18"}, {"sdg": "x"}, {"kind": "spaceship"}, {"year": "1"}, {"goal": "999999"}],
)
def test_bad_filter_values_answer_400(client: Client, world: World, params: dict[str, str]) -> None:
    status, payload = get_json(client, LIST, params)
    assert status == 400
    assert set(payload) == set(params)


def test_pagination(client: Client, world: World) -> None:
    for number in range(3):
        Activity.objects.create(
            slug=f"zz-page-{number}", title_fi="Sivu", kind="event", status="planned", public=True
        )
    total = Activity.objects.filter(public=True).count()
    _s, first = get_json(client, LIST, {"page_size": 2, "ordering": "slug"})
    assert first["count"] == total
    assert len(first["results"]) == 2
    assert first["previous"] is None
    assert "page=2" in first["next"]
    _s, second = get_json(client, first["next"])
    assert set(slugs(first)).isdisjoint(slugs(second))
    status, payload = get_json(client, LIST, {"page": 9999})
    assert status == 404
    assert payload["code"] == "not_found"


def test_page_size_is_capped(client: Client, world: World, settings: Any) -> None:
    settings.API_MAX_PAGE_SIZE = 1
    _s, payload = get_json(client, LIST, {"page_size": 500})
    assert len(payload["results"]) == 1


def test_ordering(client: Client, world: World) -> None:
    _s, payload = get_json(client, LIST, {"ordering": "-start_date", "page_size": 1000})
    dates = [item["start_date"] for item in payload["results"] if item["start_date"]]
    assert dates == sorted(dates, reverse=True)


def test_list_queries_do_not_grow_with_the_page(
    client: Client, world: World, django_assert_max_num_queries: Any
) -> None:
    for number in range(40):
        activity = Activity.objects.create(
            slug=f"zz-many-{number}", title_fi="Monta", kind="event", status="planned", public=True
        )
        activity.organisations.add(world.partner, through_defaults={"role": "partner"})
    with django_assert_max_num_queries(6):
        response = client.get(LIST, {"page_size": 100})
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 41


def test_networks_and_partnerships_are_public_only(client: Client, world: World) -> None:
    _s, networks = get_json(client, "/api/v1/networks/", {"page_size": 1000})
    assert "zz-test-network" in slugs(networks)
    assert "zz-hidden-network" not in slugs(networks)
    _s, by_country = get_json(client, "/api/v1/networks/", {"country": "de", "sdg": 17})
    assert slugs(by_country) == ["zz-test-network"]
    _s, partnerships = get_json(client, "/api/v1/partnerships/", {"kind": "mou"})
    assert "zz-testhausen-mou" in slugs(partnerships)
    assert partnerships["results"][0]["partner"]["country"] in {"DE", "CN", "EE", "FI"}


def test_organisations_only_those_named_publicly(client: Client, world: World) -> None:
    _s, payload = get_json(client, "/api/v1/organisations/", {"page_size": 1000})
    assert "zz-testhausen" in slugs(payload)
    assert "zz-secret-co" not in slugs(payload)
    status, _ = get_json(client, "/api/v1/organisations/zz-secret-co/")
    assert status == 404
    _s, german = get_json(client, "/api/v1/organisations/", {"country": "DE", "q": "testhausen"})
    assert slugs(german) == ["zz-testhausen"]


def test_goals_with_their_sdgs(client: Client, world: World) -> None:
    status, goal = get_json(client, f"/api/v1/goals/{world.goal.pk}/")
    assert status == 200
    assert goal["sdgs"] == sorted(goal["sdgs"])
    assert set(goal["sdgs"]) == set(world.goal.sdgs.values_list("number", flat=True))
    assert set(goal["title"]) == {"fi", "sv", "en"}
    _s, periods = get_json(client, "/api/v1/periods/")
    assert any(goal["id"] in [g["id"] for g in p["goals"]] for p in periods)


def test_sdgs_and_targets(client: Client) -> None:
    _s, sdgs = get_json(client, "/api/v1/sdgs/")
    assert [sdg["number"] for sdg in sdgs] == list(range(1, 18))
    assert SDGGoal.objects.get(number=11).title_sv == sdgs[10]["title"]["sv"]
    status, target = get_json(client, "/api/v1/sdg-targets/11.6/")
    assert status == 200
    assert target["sdg"] == 11
    _s, of_13 = get_json(client, "/api/v1/sdg-targets/", {"sdg": 13, "page_size": 100})
    assert {t["sdg"] for t in of_13["results"]} == {13}


def test_unknown_addresses_answer_json_404(client: Client) -> None:
    status, payload = get_json(client, "/api/v1/nothing-here/")
    assert status == 404
    assert payload["code"] == "not_found"


def test_errors_follow_accept_language(client: Client, world: World) -> None:
    _s, fi = get_json(client, f"{LIST}no-such-thing/", HTTP_ACCEPT_LANGUAGE="fi")
    _s, sv = get_json(client, f"{LIST}no-such-thing/", HTTP_ACCEPT_LANGUAGE="sv")
    _s, en = get_json(client, f"{LIST}no-such-thing/", HTTP_ACCEPT_LANGUAGE="en")
    assert en["detail"] == "Not found."
    assert fi["detail"] != en["detail"]
    assert sv["detail"] != en["detail"]


def test_the_fast_activity_list_gives_the_serializers_json(client: Client, world: World) -> None:
    world.public.responsible_unit = CityUnit.objects.first()
    world.public.save()
    _s, payload = get_json(client, LIST, {"page_size": 1000})
    items = list(activities_with_participants())
    context = {"alignment": alignment_map(Activity, [item.pk for item in items])}
    data = ActivitySerializer(items, many=True, context=context).data
    expected = {item["slug"]: item for item in json.loads(json.dumps(data))}
    assert len(payload["results"]) == len(expected)
    for item in payload["results"]:
        assert item == expected[item["slug"]]
