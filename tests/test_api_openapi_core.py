"""Every list and detail response of a populated database is valid under its own schema.

openapi-core validates the real responses against the schema the API serves, strictly:
every documented property must be present, and no undocumented property may appear.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from tests import api_support as helpers
from tests.api_support import World

world = helpers.world

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/schema/?format=json"
RESOURCES = (
    "periods",
    "goals",
    "sdgs",
    "sdg-targets",
    "networks",
    "partnerships",
    "organisations",
    "activities",
)
STRICT = Config(
    additional_properties_default_policy="forbid",
    response_properties_default_policy="required",
)


def served_schema(client: Client) -> OpenAPI:
    response = client.get(SCHEMA)
    assert response.status_code == 200
    return OpenAPI.from_dict(json.loads(response.content), config=STRICT)


def validated(openapi: OpenAPI, client: Client, path: str, **params: Any) -> Any:
    response: Any = client.get(path, params)
    errors = list(
        openapi.iter_response_errors(
            DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
        )
    )
    assert not errors, "\n".join(f"{path} {params}: {explain(error)}" for error in errors)
    return response


def explain(error: Exception) -> str:
    cause = error.__cause__
    schema_errors = getattr(cause, "schema_errors", ())
    if not schema_errors:
        return f"{error!r} ({cause!r})"
    return "; ".join(f"{list(e.absolute_path)}: {e.message}" for e in schema_errors)


def items(payload: Any) -> list[dict[str, Any]]:
    return payload["results"] if isinstance(payload, dict) else payload


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_list_and_detail_response_matches_the_schema(
    client: Client, world: World, resource: str
) -> None:
    openapi = served_schema(client)
    path = f"/api/v1/{resource}/"
    listing = validated(openapi, client, path, page_size=200).json()
    found = items(listing)
    assert found, f"{resource}: the populated database lists nothing"
    key = "code" if resource == "sdg-targets" else "number" if resource == "sdgs" else "id"
    for item in found:
        validated(openapi, client, f"{path}{item[key]}/")


def test_errors_match_the_schema(client: Client, world: World) -> None:
    openapi = served_schema(client)
    assert validated(openapi, client, "/api/v1/activities/zz-no-such/").status_code == 404
    assert validated(openapi, client, "/api/v1/activities/", sdg=18).status_code == 400
    assert validated(openapi, client, "/api/v1/goals/", sdg=99).status_code == 400


def test_an_unsupported_method_is_405_before_any_token_check(client: Client, world: World) -> None:
    for method, path in (
        ("delete", "/api/v1/activities/"),
        ("put", "/api/v1/activities/zz-smart-lighting/"),
        ("post", "/api/v1/networks/"),
        ("delete", "/api/v1/sdgs/11/"),
    ):
        response = getattr(client, method)(path)
        assert response.status_code == 405, (method, path, response.status_code)
        assert response.json()["code"] == "method_not_allowed"


@pytest.mark.parametrize("path", ["/api/v1/%0A", "/api/v1/activities/%0A/", "/api/v1/x%0Ay/"])
def test_a_newline_in_an_api_path_is_a_json_404(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"
