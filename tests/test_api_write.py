"""Token-authenticated writes: scopes, refusals, validation, audit trail, rate limits."""

from __future__ import annotations

import hashlib
import json
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from api import actions
from api.models import ApiToken
from audit.models import AuditEvent
from portfolio.models import Activity
from registry.models import Organisation
from tests import api_support as helpers
from tests.api_support import World, bearer, expired_token, make_token
from tests.personas import login

world, writer = helpers.world, helpers.writer

pytestmark = pytest.mark.django_db

LIST = "/api/v1/activities/"
NEW = {
    "slug": "zz-new-delegation",
    "title": {"fi": "Vierailu Tarttoon", "en": "Visit to Tartu"},
    "kind": "delegation_outgoing",
    "status": "planned",
    "start_date": "2026-05-04",
    "end_date": "2026-05-06",
    "public": True,
}


def post(client: Client, path: str, data: Any, secret: str | None = None, **extra: Any) -> Any:
    body = data if isinstance(data, (str, bytes)) else json.dumps(data)
    headers = {"HTTP_ACCEPT_LANGUAGE": "en", **(bearer(secret) if secret else {}), **extra}
    return client.post(path, body, content_type="application/json", **headers)


def patch(client: Client, path: str, data: Any, secret: str | None = None, **extra: Any) -> Any:
    headers = {"HTTP_ACCEPT_LANGUAGE": "en", **(bearer(secret) if secret else {}), **extra}
    return client.patch(path, json.dumps(data), content_type="application/json", **headers)


def test_an_editor_token_creates_an_activity(client: Client, writer: str, eddie: User) -> None:
    response = post(client, LIST, NEW, writer)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == {"fi": "Vierailu Tarttoon", "sv": None, "en": "Visit to Tartu"}
    activity = Activity.objects.get(slug="zz-new-delegation")
    assert activity.public and activity.kind == "delegation_outgoing"
    event = AuditEvent.objects.get(model="portfolio.activity", object_id=str(activity.pk))
    assert event.action == "create"
    assert event.actor == eddie
    assert "API token" in event.actor_label


def test_a_patch_changes_only_what_it_names(client: Client, writer: str, world: World) -> None:
    response = patch(
        client,
        f"{LIST}{world.public.slug}/",
        {"status": "completed", "title": {"sv": "Ljus"}},
        writer,
    )
    assert response.status_code == 200, response.content
    world.public.refresh_from_db()
    assert world.public.status == "completed"
    assert world.public.title_sv == "Ljus"
    assert world.public.title_fi == "Älykäs valaistus"
    event = AuditEvent.objects.filter(model="portfolio.activity", action="update").latest("id")
    assert event.changes["status"] == ["ongoing", "completed"]


def test_a_token_may_change_an_internal_activity_but_reading_it_stays_404(
    client: Client, writer: str, world: World
) -> None:
    response = patch(client, f"{LIST}{world.internal.pk}/", {"status": "completed"}, writer)
    assert response.status_code == 200
    assert client.get(f"{LIST}{world.internal.pk}/", **bearer(writer)).status_code == 404


def _refused(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert not Activity.objects.filter(slug=NEW["slug"]).exists()
    return dict(response.json())


def test_writing_without_a_token_is_401(client: Client) -> None:
    response = post(client, LIST, NEW)
    body = _refused(response, 401)
    assert body["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_unknown_token_is_401(client: Client) -> None:
    assert _refused(post(client, LIST, NEW, "ie_not-a-real-token"), 401)["code"] == (
        "authentication_failed"
    )


def test_a_revoked_token_is_401(client: Client, eddie: User) -> None:
    token, secret = make_token(eddie, "activities:write")
    actions.revoke_token(token)
    body = _refused(post(client, LIST, NEW, secret), 401)
    assert "revoked" in body["detail"]


def test_an_expired_token_is_401(client: Client, eddie: User) -> None:
    body = _refused(post(client, LIST, NEW, expired_token(eddie)), 401)
    assert "expired" in body["detail"]


def test_a_token_without_the_scope_is_403(client: Client, eddie: User) -> None:
    _token, secret = make_token(eddie, "organisations:write")
    body = _refused(post(client, LIST, NEW, secret), 403)
    assert "activities:write" in body["detail"]


def test_a_token_whose_owner_lost_the_editor_role_is_403(
    client: Client, eddie: User, vera: User
) -> None:
    _token, secret = make_token(eddie, "activities:write")
    eddie.groups.set(vera.groups.all())  # now a viewer
    _refused(post(client, LIST, NEW, secret), 403)


def test_a_viewer_cannot_be_given_a_writing_token(vera: User) -> None:
    with pytest.raises(ValidationError) as refused:
        make_token(vera, "activities:write")
    assert "editor or admin role" in str(refused.value)
    assert not ApiToken.objects.filter(owner=vera).exists()


def test_everything_an_api_write_records_is_the_token_owners(
    client: Client, eddie: User, writer: str
) -> None:
    before = AuditEvent.objects.count()
    assert post(client, LIST, NEW, writer).status_code == 201
    events = AuditEvent.objects.order_by("id")[before:]
    assert events and {e.actor_label.split(" ")[0] for e in events} == {"eddie"}


def test_an_inactive_owner_is_401(client: Client, eddie: User, writer: str) -> None:
    User.objects.filter(pk=eddie.pk).update(is_active=False)
    _refused(post(client, LIST, NEW, writer), 401)


def test_refusals_are_translated(client: Client) -> None:
    english = post(client, LIST, NEW, HTTP_ACCEPT_LANGUAGE="en").json()["detail"]
    finnish = post(client, LIST, NEW, HTTP_ACCEPT_LANGUAGE="fi").json()["detail"]
    swedish = post(client, LIST, NEW, HTTP_ACCEPT_LANGUAGE="sv").json()["detail"]
    assert len({english, finnish, swedish}) == 3
    assert "rajapintatunniste" in finnish
    assert "API-nyckel" in swedish


def test_malformed_json_is_400_and_changes_nothing(client: Client, writer: str) -> None:
    before = Activity.objects.count()
    body = _refused(post(client, LIST, '{"slug": "zz-new-delegation", ', writer), 400)
    assert "JSON" in body["detail"]
    assert Activity.objects.count() == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": "just a string"}, "title"),
        ({"title": {"de": "Besuch"}}, "title"),
        ({"title": {"fi": 5}}, "title"),
        ({"title": {"en": "Only English"}}, "title"),  # Finnish is required
        ({"kind": "spaceship"}, "kind"),
        ({"start_date": "tomorrow"}, "start_date"),
        ({"end_date": "2026-01-01"}, "end_date"),  # before the start
        ({"public": "perhaps"}, "public"),
        ({"website": "not a url"}, "website"),
        ({"responsible_unit": "no-such-unit"}, "responsible_unit"),
        ({"slug": "has spaces"}, "slug"),
        ({"title": {"fi": "nul\u0000byte"}}, "title"),
    ],
)
def test_wrong_values_are_400_and_change_nothing(
    client: Client, writer: str, change: dict[str, Any], field: str
) -> None:
    body = _refused(post(client, LIST, {**NEW, **change}, writer), 400)
    assert field in body


def test_a_body_that_is_not_an_object_is_400(client: Client, writer: str) -> None:
    _refused(post(client, LIST, [1, 2, 3], writer), 400)


def test_a_huge_body_is_400(client: Client, writer: str, settings: Any) -> None:
    settings.API_MAX_BODY_KB = 4
    big = {**NEW, "description": {"en": "x" * 10_000}}
    body = _refused(post(client, LIST, big, writer), 400)
    assert "4 kB" in body["detail"]


def test_a_duplicate_slug_is_400(client: Client, writer: str, world: World) -> None:
    response = post(client, LIST, {**NEW, "slug": world.public.slug}, writer)
    assert response.status_code == 400
    assert "slug" in response.json()


def test_tokens_are_rate_limited(client: Client, writer: str, settings: Any) -> None:
    settings.API_TOKEN_RATE = "2/minute"
    codes = [client.get(LIST, **bearer(writer)).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    response = client.get(LIST, **bearer(writer))
    assert response.json()["code"] == "throttled"
    assert int(response["Retry-After"]) > 0
    assert client.get(LIST).status_code == 200  # anonymous readers are not this token


def test_anonymous_readers_can_be_rate_limited(client: Client, settings: Any) -> None:
    settings.API_ANON_RATE = "1/minute"
    assert client.get("/api/v1/sdgs/").status_code == 200
    assert client.get("/api/v1/sdgs/").status_code == 429


def test_organisations_are_created_and_changed(client: Client, writer: str) -> None:
    data = {
        "slug": "zz-tartu-uni",
        "name": {"fi": "Tarton yliopisto", "en": "University of Tartu"},
        "kind": "university",
        "country": "EE",
        "city": "Tartu",
    }
    response = post(client, "/api/v1/organisations/", data, writer)
    assert response.status_code == 201, response.content
    assert response.json()["country"] == "EE"
    response = patch(client, "/api/v1/organisations/zz-tartu-uni/", {"city": "Tartto"}, writer)
    assert response.status_code == 200
    assert Organisation.objects.get(slug="zz-tartu-uni").city == "Tartto"
    bad = patch(client, "/api/v1/organisations/zz-tartu-uni/", {"country": "XX"}, writer)
    assert bad.status_code == 400 and "country" in bad.json()
    bad = patch(client, "/api/v1/organisations/zz-tartu-uni/", {"pic": "12"}, writer)
    assert bad.status_code == 400 and "pic" in bad.json()
    assert Organisation.objects.get(slug="zz-tartu-uni").pic == ""


def test_only_the_hash_is_stored_and_the_trail_never_copies_it(eddie: User) -> None:
    token, secret = make_token(eddie, "activities:write")
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in json.dumps(stored, default=str)
    event = AuditEvent.objects.get(model="api.apitoken", object_id=str(token.pk))
    trail = json.dumps(event.changes)
    assert token.token_hash not in trail and secret not in trail
    assert event.changes["token_hash"] == [None, "•••"]


def test_the_command_creates_a_working_token(client: Client, eddie: User) -> None:
    out = StringIO()
    call_command(
        "create_api_token",
        "--name=importer",
        "--owner=eddie",
        "--scope=activities:write",
        stdout=out,
    )
    secret = out.getvalue().split(": ", 1)[1].split()[0]
    assert secret.startswith("ie_")
    assert post(client, LIST, NEW, secret).status_code == 201
    with pytest.raises(CommandError, match="Unknown scope"):
        call_command("create_api_token", "--name=x", "--owner=eddie", "--scope=everything")
    with pytest.raises(CommandError, match="No user"):
        call_command("create_api_token", "--name=x", "--owner=nobody", "--scope=activities:write")


def test_admins_create_and_revoke_tokens_in_the_admin(
    client: Client, sune: User, eddie: User
) -> None:
    login(client, sune)
    response = client.post(
        "/en/admin/api/apitoken/add/",
        {"name": "CRM sync", "owner": eddie.pk, "scopes": ["organisations:write"]},
        follow=True,
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(name="CRM sync")
    shown = [str(m) for m in response.context["messages"]]
    assert any(token.prefix in message for message in shown)
    assert token.scopes == ["organisations:write"]
    client.post(
        "/en/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
        follow=True,
    )
    token.refresh_from_db()
    assert token.revoked
