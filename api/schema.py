"""How the OpenAPI schema describes the token and which operations need it."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.utils import OpenApiResponse

SAFE = {"GET", "HEAD", "OPTIONS"}


def read_errors() -> dict[int, OpenApiResponse]:
    """What any GET may answer besides 200: a bad filter, a bad token, not found, too many."""
    from api.serializers import ErrorSerializer

    error = OpenApiResponse(
        ErrorSerializer, description="{detail, code}, in the Accept-Language language."
    )
    invalid = OpenApiResponse(
        {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
        description="Invalid query parameters as {parameter: [messages]}.",
    )
    return {400: invalid, 401: error, 404: error, 429: error}


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token made by an administrator (docs/api.md); "
            "writing needs the operation's scope.",
        }


class AutoSchema(BaseAutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        """GET operations document their error answers too, not only 200."""
        responses = super()._get_response_bodies(direction)
        if self.method.upper() == "GET":
            for code, response in read_errors().items():
                if str(code) not in responses:
                    responses[str(code)] = self._get_response_for_code(
                        response, str(code), direction=direction
                    )
        return responses

    def get_auth(self) -> list[dict[str, list[str]]]:
        """Reading needs no token; writing does."""
        if self.method.upper() in SAFE:
            return []
        # The parent also registers the security scheme component.
        return [entry for entry in super().get_auth() if entry]
