"""Public pages are cached for anonymous visitors, and a change shows at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from portfolio.models import Activity

pytestmark = pytest.mark.django_db


def test_a_repeated_visit_is_served_without_the_database(
    client: Client, django_assert_num_queries: Any
) -> None:
    first = client.get("/en/activities/sparcs/")
    with django_assert_num_queries(0):
        again = client.get("/en/activities/sparcs/")
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def test_a_change_shows_at_once(client: Client) -> None:
    client.get("/en/activities/")
    sparcs = Activity.objects.get(slug="sparcs")
    sparcs.title_en = "SPARCS (renamed)"
    sparcs.save()
    assert "SPARCS (renamed)" in client.get("/en/activities/").content.decode()


def test_languages_and_filters_are_cached_apart(client: Client) -> None:
    finnish = client.get("/fi/activities/").content
    swedish = client.get("/sv/activities/").content
    filtered = client.get("/fi/activities/?kind=event").content
    assert finnish != swedish and finnish != filtered
    assert client.get("/sv/activities/").content == swedish


def test_signed_in_staff_always_get_fresh_pages(
    client: Client, sune: User, django_assert_max_num_queries: Any
) -> None:
    client.force_login(sune)
    client.get("/en/")
    response = client.get("/en/")
    assert response.status_code == 200
    assert response.wsgi_request.user == sune  # not the anonymous cached copy


def test_the_cache_can_be_switched_off(client: Client, settings: Any) -> None:
    settings.PORTAL_CACHE_SECONDS = 0
    client.get("/en/activities/sparcs/")
    Activity.objects.filter(slug="sparcs").update(title_en="Changed behind the back")
    assert "Changed behind the back" in client.get("/en/activities/sparcs/").content.decode()


def test_pages_carry_no_csrf_token_or_cookie(client: Client) -> None:
    response = client.get("/en/")
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert not response.cookies
